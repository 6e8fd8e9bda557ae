// French wording of what the versions API gives in codes.
import type { Deadline } from '../model'

/** `user:pilote` → « pilote »; the versions read from the `definitions/` folder are the system's. */
export function actorLabel(actor: string | null | undefined): string {
  if (!actor) return '—'
  if (actor === 'system:definitions') return 'Dossier definitions/ (système)'
  return actor.replace(/^user:/, '')
}

const units: Record<string, [string, string]> = {
  Y: ['an', 'ans'],
  M: ['mois', 'mois'],
  W: ['semaine', 'semaines'],
  D: ['jour', 'jours'],
  H: ['heure', 'heures'],
  S: ['seconde', 'secondes'],
}

/** An ISO 8601 duration in words: `P5D` → « 5 jours », `PT3S` → « 3 secondes ». Unknown shapes are shown as is. */
export function durationLabel(duration: string): string {
  const found = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration)
  if (!found) return duration
  const [, y, mo, w, d, h, mi, s] = found
  const parts: string[] = []
  const add = (value: string | undefined, unit: [string, string]) => {
    if (value) parts.push(`${value} ${Number(value) > 1 ? unit[1] : unit[0]}`)
  }
  add(y, units.Y)
  add(mo, units.M)
  add(w, units.W)
  add(d, units.D)
  add(h, units.H)
  add(mi, ['minute', 'minutes'])
  add(s, units.S)
  return parts.length > 0 ? parts.join(' ') : duration
}

const countingLabels: Record<string, string> = {
  calendar: ', jours calendaires',
  workingDays: ', jours ouvrés',
  workingDaysAndSaturdays: ', jours ouvrables',
}

const rollLabels: Record<string, string> = {
  next: ', reporté au jour ouvré suivant',
  previous: ', avancé au jour ouvré précédent',
  none: ', dernier jour maintenu',
}

/** « 8 jours avant l’audience (CPC 1188) », « 10 jours, jours ouvrables (…) »: a deadline as the diff shows it. */
export function deadlineLabel(deadline: Deadline | null | undefined): string {
  if (!deadline) return 'aucun délai'
  const counting = countingLabels[deadline.counting ?? ''] ?? ''
  const before = deadline.before
    ? ` avant ${deadline.before.event || `la date « ${deadline.before.variable ?? ''} »`}${deadline.before.plus ? ` (+ ${durationLabel(deadline.before.plus)})` : ''}`
    : ''
  const roll = rollLabels[deadline.roll ?? ''] ?? ''
  const territory = deadline.territory ? `, calendrier ${territoryLabels[deadline.territory] ?? deadline.territory}` : ''
  const basis = deadline.legalBasis ? ` (${deadline.legalBasis})` : ''
  return `${durationLabel(deadline.duration)}${before}${counting}${roll}${territory}${basis}`
}

/** The territories of docs/deadlines.md, by their names in definitions. */
export const territoryLabels: Record<string, string> = {
  metropole: 'Métropole',
  alsaceMoselle: 'Alsace-Moselle',
  guadeloupe: 'Guadeloupe',
  guyane: 'Guyane',
  martinique: 'Martinique',
  mayotte: 'Mayotte',
  laReunion: 'La Réunion',
  saintBarthelemy: 'Saint-Barthélemy',
  saintMartin: 'Saint-Martin',
  saintPierreEtMiquelon: 'Saint-Pierre-et-Miquelon',
}

/** Any value of a definition (an input, a variable) in a short readable form. */
export function valueLabel(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'string') return value
  if (typeof value === 'object' && value !== null && 'duration' in value) return deadlineLabel(value as Deadline)
  // A stage ({ id, name }) by its name.
  if (typeof value === 'object' && 'name' in value && typeof value.name === 'string') return value.name
  return JSON.stringify(value)
}

export const dispositionLabels = {
  kept: 'Conservée',
  deadlineMoved: 'Délai recalculé',
  reissued: 'Réémise',
} as const

export const fileStatusLabels = {
  migrated: 'Migré',
  refused: 'Reste sur la version actuelle',
  alreadyMigrated: 'Déjà migré',
} as const
