import { refusalLines } from './api'

/** A refusal of the server, read out when it appears. */
export function Refusal({ title, error }: { title: string; error: unknown }) {
  return (
    <div className="alert error-box" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {refusalLines(error).map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
    </div>
  )
}
