// Calls of the versions screens (docs/api.md, Designer section).
import { ApiError, get, post, query } from '../../api/client'
import type { CatalogueEntry, DefinitionDiff, DefinitionDocument, DefinitionError, DefinitionSummary, MigrationReport } from './types'

const base = (id: string) => `/api/definitions/${encodeURIComponent(id)}`

export const versionsApi = {
  definitions: () => get<DefinitionSummary[]>('/api/definitions'),
  document: (id: string, version: number) => get<DefinitionDocument>(`${base(id)}/versions/${version}`),
  catalogue: () => get<CatalogueEntry[]>('/api/catalogue'),
  draftFrom: (id: string, from: number) => post<{ version: number; errors: DefinitionError[] }>(`${base(id)}/drafts`, { from }),
  importDraft: (id: string, document: unknown) => post<{ version: number; errors: DefinitionError[] }>(`${base(id)}/drafts`, { document }),
  publish: (id: string, version: number) => post<unknown>(`${base(id)}/versions/${version}/publish`, {}),
  retire: (id: string, version: number) => post<unknown>(`${base(id)}/versions/${version}/retire`, {}),
  diff: (id: string, from: number, to: number) => get<DefinitionDiff>(`${base(id)}/diff${query({ from, to })}`),
  dryRun: (id: string, from: number, to: number, mapping?: Record<string, string | null>) =>
    post<MigrationReport>(`${base(id)}/migrations/dry-run`, { from, to, mapping }),
  migrate: (id: string, from: number, to: number, mapping: Record<string, string | null>, dryRunId: string) =>
    post<MigrationReport>(`${base(id)}/migrations`, { from, to, mapping, dryRunId }),
}

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
