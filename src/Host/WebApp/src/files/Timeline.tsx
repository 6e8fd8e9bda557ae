import type { TimelineLine } from '../api/contract'
import { formatDateTime } from '../format'

/** The file's journal across partners, oldest first, as the API words it. */
export function Timeline({ lines }: { lines: TimelineLine[] }) {
  if (lines.length === 0) return <p className="muted">Rien n’est encore inscrit.</p>
  const ordered = [...lines].sort((a, b) => a.sequence - b.sequence)
  return (
    <ol className="timeline">
      {ordered.map(line => (
        <li key={line.sequence}>
          <p className="muted small">
            <time dateTime={line.at}>{formatDateTime(line.at)}</time> — {line.actorLabel}
            {line.stage && <> · {line.stage.label}</>}
          </p>
          <p>{line.summary}</p>
        </li>
      ))}
    </ol>
  )
}
