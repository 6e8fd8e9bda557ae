// French wording of what the versions API gives in codes.
import type { Deadline, VersionStatus } from './types'

export const statusLabels: Record<VersionStatus, string> = {
  draft: 'Brouillon',
  published: 'Publiée',
  retired: 'Retirée',
}

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

export function deadlineLabel(deadline: Deadline | null | undefined): string {
  if (!deadline) return 'aucun délai'
  const counting = deadline.counting === 'workingDays' ? ', jours ouvrés' : deadline.counting === 'calendar' ? ', jours calendaires' : ''
  const basis = deadline.legalBasis ? ` (${deadline.legalBasis})` : ''
  return `${durationLabel(deadline.duration)}${counting}${basis}`
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
