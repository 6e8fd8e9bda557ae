// Calls of the versions screens (docs/api.md, Designer section).
import { ApiError } from '../../api/client'
import type { DefinitionError } from '../../api/contract'

/** The versions screens call the designer's API (one list of calls: ../api.ts). */
export { designerApi as versionsApi } from '../api'

/**
 * What a refusal says, one line each: a definition's errors with where they point (`/activities/3/inputs/partner`),
 * else the fields' messages, else the general message.
 */
export function refusalLines(error: unknown): string[] {
  if (!(error instanceof ApiError)) return ['Le serveur ne répond pas. Vérifiez la connexion et réessayez.']
  const definitionErrors = (error.problem as { definitionErrors?: DefinitionError[] }).definitionErrors
  if (definitionErrors && definitionErrors.length > 0)
    return definitionErrors.map(e => (e.pointer ? `${e.pointer} : ${e.message}` : e.message))
  const fields = Object.entries(error.problem.errors ?? {}).flatMap(([field, messages]) =>
    messages.map(message => (field ? `${field} : ${message}` : message)),
  )
  return fields.length > 0 ? fields : [error.message]
}
