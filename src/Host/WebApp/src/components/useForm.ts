import { useState } from 'react'
import { ApiError } from '../api/client'

/** What a form needs around a submission: pending state, and errors per field (checked here or by the API). */
export function useSubmission(fields: string[]) {
  const [pending, setPending] = useState(false)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({})
  const [formErrors, setFormErrors] = useState<string[]>([])

  async function submit(check: () => Record<string, string>, action: () => Promise<void>) {
    const problems = check()
    setFormErrors([])
    setFieldErrors(Object.fromEntries(Object.entries(problems).map(([field, message]) => [field, [message]])))
    if (Object.keys(problems).length > 0) {
      focusFirstInvalid()
      return
    }
    setPending(true)
    try {
      await action()
    } catch (error) {
      if (error instanceof ApiError) {
        setFieldErrors(Object.fromEntries(fields.map(field => [field, error.fieldErrors(field)])))
        setFormErrors(error.otherErrors(fields))
        focusFirstInvalid()
      } else {
        setFormErrors(['Le serveur ne répond pas. Vérifiez la connexion et réessayez.'])
      }
    } finally {
      setPending(false)
    }
  }

  return { pending, submit, formErrors, errors: (field: string) => fieldErrors[field] ?? [] }
}

function focusFirstInvalid() {
  // After React has rendered the errors.
  setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"], .error-box')?.focus(), 0)
}
