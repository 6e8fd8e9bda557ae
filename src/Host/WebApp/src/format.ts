// French formatting of what the API gives in ISO 8601. Times are shown on the Paris clock, where partners work.
const timeZone = 'Europe/Paris'
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone })
const dateOnly = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'UTC' })
const clock = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone })
const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' })

export const formatDateTime = (instant: string | null | undefined) => (instant ? dateTime.format(new Date(instant)) : '—')

/** A calendar date (`2010-04-02`), shown as is whatever the time zone. */
export const formatDate = (date: string | null | undefined) => (date ? dateOnly.format(new Date(`${date.slice(0, 10)}T00:00:00Z`)) : '—')

export const formatClock = (when: Date) => clock.format(when)

/** `2026-03` → « mars 2026 ». */
export const formatMonth = (month: string) => monthName.format(new Date(`${month}-01T00:00:00Z`))

/** How late: « 2 j 3 h », « 45 min », « à l’heure ». */
export function formatOverdue(seconds: number): string {
  if (seconds <= 0) return 'à l’heure'
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3_600)
  const minutes = Math.floor((seconds % 3_600) / 60)
  if (days > 0) return hours > 0 ? `${days} j ${hours} h` : `${days} j`
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`
  return minutes > 0 ? `${minutes} min` : `${Math.max(1, Math.round(seconds))} s`
}

/** A suppressed count (1 to 4 files) comes as null. */
export const formatCount = (count: number | null) => (count === null ? '< 5' : String(count))

/** A figure computed on fewer than 5 files comes as null. */
export const formatDays = (days: number | null) =>
  days === null ? 'non diffusé' : `${days.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} j`

const statuses: Record<string, string> = {
  running: 'En cours',
  completed: 'Clos',
  cancelled: 'Annulé',
  faulted: 'En erreur',
}
export const statusLabel = (status: string) => statuses[status.toLowerCase()] ?? status
export const statusOptions = Object.entries(statuses)

/** A text field of a submitted form ('' when absent). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}

/** A condition's or an input's value as an input box shows it. */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : JSON.stringify(value)
}

export const dangerLabels: Record<string, string> = { faible: 'Faible', modere: 'Modéré', eleve: 'Élevé', immediat: 'Immédiat' }
export const originLabels: Record<string, string> = { 'information-preoccupante': 'Information préoccupante', signalement: 'Signalement' }
export const matchLabels: Record<string, string> = { exact: 'correspondance exacte', probable: 'correspondance probable' }

export const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`
