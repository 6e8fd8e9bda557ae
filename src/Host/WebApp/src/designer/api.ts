// The designer's calls (docs/api.md, "Designer" and "Versions: diff and migration"), for the editor and the
// versions screens alike.
import { answer, api, ApiError, type Problem } from '../api/client'
import type { DefinitionError } from '../api/contract'
import type { DefinitionDocument } from './model'

const version = (id: string, version: number) => ({ params: { path: { id, version } } })
const definition = (id: string) => ({ path: { id } })

export const designerApi = {
  definitions: () => answer(api.GET('/api/definitions')),
  /** The document is free JSON in the contract (docs/definitions.md gives its shape). */
  document: async (id: string, v: number) => (await answer(api.GET('/api/definitions/{id}/versions/{version}', version(id, v)))) as DefinitionDocument,
  catalogue: () => answer(api.GET('/api/catalogue')),
  partners: () => answer(api.GET('/api/partners')),
  draftFrom: (id: string, from: number) => answer(api.POST('/api/definitions/{id}/drafts', { params: definition(id), body: { from } })),
  importDraft: (id: string, document: unknown) =>
    answer(api.POST('/api/definitions/{id}/drafts', { params: definition(id), body: { document } })),
  validate: (id: string, v: number) => answer(api.POST('/api/definitions/{id}/versions/{version}/validate', version(id, v))),
  publish: (id: string, v: number) => answer(api.POST('/api/definitions/{id}/versions/{version}/publish', version(id, v))),
  retire: (id: string, v: number) => answer(api.POST('/api/definitions/{id}/versions/{version}/retire', version(id, v))),
  save: (document: DefinitionDocument) =>
    answer(api.PUT('/api/definitions/{id}/versions/{version}', { ...version(document.id, document.version), body: document })),
  diff: (id: string, from: number, to: number) =>
    answer(api.GET('/api/definitions/{id}/diff', { params: { ...definition(id), query: { from, to } } })),
  dryRun: (id: string, from: number, to: number, mapping?: Record<string, string | null>) =>
    answer(api.POST('/api/definitions/{id}/migrations/dry-run', { params: definition(id), body: { from, to, mapping: (mapping ?? null) as Record<string, string> | null, dryRunId: null } })),
  migrate: (id: string, from: number, to: number, mapping: Record<string, string | null>, dryRunId: string) =>
    answer(api.POST('/api/definitions/{id}/migrations', { params: definition(id), body: { from, to, mapping: mapping as Record<string, string>, dryRunId } })),
}

/** The definition errors of a refused publish or save (400 carries them as `definitionErrors`). */
export function definitionErrorsOf(error: unknown): DefinitionError[] | undefined {
  if (!(error instanceof ApiError)) return undefined
  const list = (error.problem as Problem & { definitionErrors?: DefinitionError[] }).definitionErrors
  return Array.isArray(list) ? list : undefined
}
