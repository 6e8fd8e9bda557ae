// The definition document as the designer edits it (docs/definitions.md). The API carries it as free JSON (docs/definitions.md
// describes it), so its shape is written here; the API's own shapes are generated
// (src/api/contract.ts).
import type { CatalogueEntry } from '../api/contract'

export type VariableType = 'text' | 'number' | 'boolean' | 'date' | 'choice' | 'list'

export interface Variable {
  name: string
  type: VariableType
  label?: string
  choices?: string[]
  default?: unknown
}

export interface Activity {
  id: string
  type: string
  displayName?: string
  stage?: string
  inputs?: Record<string, unknown>
}

export interface Connection {
  source: string
  outcome: string
  target: string
}

export interface DefinitionDocument {
  $schema?: string
  id: string
  version: number
  name: string
  description?: string
  stages?: { id: string; name: string }[]
  variables?: Variable[]
  activities: Activity[]
  connections: Connection[]
}

export type VersionStatus = 'draft' | 'published' | 'retired'

/** A deadline input (docs/definitions.md, "Deadlines"), as the diff shows its before and after. */
export interface Deadline {
  duration: string
  counting?: string
  legalBasis?: string
  before?: { variable?: string; plus?: string; event?: string }
  roll?: string
  territory?: string
}

/** French wording of a version's status; the contract types it as a string. */
const statusLabels: Record<VersionStatus, string> = {
  draft: 'Brouillon',
  published: 'Publiée',
  retired: 'Retirée',
}

export function statusLabel(status: string): string {
  return statusLabels[status as VersionStatus] ?? status
}

/** The outcomes a node has: its type's, plus those its inputs name (a task's answers, a fork's branches, a switch's cases). */
export function outcomesOf(activity: Activity, entry: CatalogueEntry | undefined): string[] {
  const names = (entry?.outcomes ?? []).map(outcome => outcome.name)
  if (entry?.dynamicOutcomes) {
    for (const input of entry.outcomesFrom ?? []) {
      const value = activity.inputs?.[input]
      if (!Array.isArray(value)) continue
      for (const item of value) {
        if (typeof item === 'string') names.push(item)
        else if (item && typeof item === 'object' && typeof (item as { outcome?: unknown }).outcome === 'string')
          names.push((item as { outcome: string }).outcome)
      }
    }
  }
  return [...new Set(names.filter(name => name !== ''))]
}

/** A new activity id for a type, not yet used in the document: `partnertask-3`. */
export function freshId(document: DefinitionDocument, type: string): string {
  const base = type.toLowerCase()
  const used = new Set(document.activities.map(activity => activity.id))
  let n = 1
  while (used.has(`${base}-${n}`)) n++
  return `${base}-${n}`
}
