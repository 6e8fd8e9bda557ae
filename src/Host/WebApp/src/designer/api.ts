import { ApiError, get, post, put, type Problem } from '../api/client'
import type { Partner } from '../api/types'
import type { CatalogueEntry, DefinitionDocument, DefinitionError, DefinitionSummary } from './model'

const versionPath = (id: string, version: number) =>
  `/api/definitions/${encodeURIComponent(id)}/versions/${version}`

export const designerApi = {
  definitions: () => get<DefinitionSummary[]>('/api/definitions'),
  document: (id: string, version: number) => get<DefinitionDocument>(versionPath(id, version)),
  catalogue: () => get<CatalogueEntry[]>('/api/catalogue'),
  partners: () => get<Partner[]>('/api/partners'),
  draftFrom: (id: string, from: number) =>
    post<{ version: number; errors: DefinitionError[] }>(`/api/definitions/${encodeURIComponent(id)}/drafts`, { from }),
  validate: (id: string, version: number) =>
    post<{ valid: boolean; errors: DefinitionError[] }>(`${versionPath(id, version)}/validate`, {}),
  publish: (id: string, version: number) => post<{ status: string }>(`${versionPath(id, version)}/publish`, {}),
  save: (document: DefinitionDocument) => put<{ errors: DefinitionError[] }>(versionPath(document.id, document.version), document),
}

/** The definition errors of a refused publish or save (400 carries them as `definitionErrors`). */
export function definitionErrorsOf(error: unknown): DefinitionError[] | undefined {
  if (!(error instanceof ApiError)) return undefined
  const list = (error.problem as Problem & { definitionErrors?: DefinitionError[] }).definitionErrors
  return Array.isArray(list) ? list : undefined
}
