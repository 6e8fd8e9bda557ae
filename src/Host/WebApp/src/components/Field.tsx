import { useId, type ReactElement, cloneElement, type ReactNode } from 'react'

/**
 * A labelled control with its hint and its errors, tied to it by aria-describedby so that screen readers read
 * them with the field.
 */
export function Field({
  label,
  hint,
  errors = [],
  required = false,
  children,
}: {
  label: ReactNode
  hint?: ReactNode
  errors?: string[]
  required?: boolean
  children: ReactElement<Record<string, unknown>>
}) {
  const id = useId()
  const hintId = hint ? `${id}-aide` : undefined
  const errorId = errors.length > 0 ? `${id}-erreur` : undefined
  return (
    <div className={errors.length > 0 ? 'field invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required"> (obligatoire)</span>}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {cloneElement(children, {
        id,
        required,
        'aria-invalid': errors.length > 0 || undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
      {errorId && (
        <p className="error" id={errorId}>
          {errors.join(' ')}
        </p>
      )}
    </div>
  )
}

/** Errors that belong to no field of the form. */
export function FormErrors({ errors }: { errors: string[] }) {
  if (errors.length === 0) return null
  return (
    <div className="alert error-box" role="alert">
      {errors.map(error => (
        <p key={error}>{error}</p>
      ))}
    </div>
  )
}
