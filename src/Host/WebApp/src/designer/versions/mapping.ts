import type { CatalogueEntry } from '../../api/contract'
import type { DefinitionDocument } from '../model'

export type Mapping = Record<string, string | null>

/** The activities of a version where a file's token may wait: those of a blocking type of the catalogue. */
export function waitingActivities(document: DefinitionDocument, catalogue: CatalogueEntry[]) {
  const blocking = new Set(catalogue.filter(entry => entry.blocking).map(entry => entry.type))
  return document.activities.filter(activity => blocking.has(activity.type))
}

/**
 * The server's proposed default (docs/versions.md): the activity of the same id in the new version when it has the
 * same type, else no target. The dry run returns the mapping it used, which then replaces this guess.
 */
export function defaultMapping(from: DefinitionDocument, to: DefinitionDocument, catalogue: CatalogueEntry[]): Mapping {
  const mapping: Mapping = {}
  for (const activity of waitingActivities(from, catalogue)) {
    const same = to.activities.find(target => target.id === activity.id && target.type === activity.type)
    mapping[activity.id] = same ? same.id : null
  }
  return mapping
}
