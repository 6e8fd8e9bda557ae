import { useRef, useState } from 'react'
import { ApiError, newActionKey } from '../api/client'

/**
 * What a form needs around a submission: pending state, errors per field (checked here or by the API), and the
 * action's Idempotency-Key. The key is the same for every submission until one succeeds: a double click, or a new try
 * after the host did not answer, is the same action, which the host does once (docs/api.md, "Retrying safely").
 */
export function useSubmission(fields: string[]) {
  const key = useRef<string | undefined>(undefined)
  const [pending, setPending] = useState(false)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({})
  const [formErrors, setFormErrors] = useState<string[]>([])

  async function submit(check: () => Record<string, string>, action: (key: string) => Promise<void>) {
    const problems = check()
    setFormErrors([])
    setFieldErrors(Object.fromEntries(Object.entries(problems).map(([field, message]) => [field, [message]])))
    if (Object.keys(problems).length > 0) {
      focusFirstInvalid()
      return
    }
    setPending(true)
    key.current ??= newActionKey()
    try {
      await action(key.current)
      // Done: what the user submits next is another action.
      key.current = undefined
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
