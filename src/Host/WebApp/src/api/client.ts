import { tokens } from '../session/tokens'

/** A ProblemDetails answer (docs/api.md): `errors` maps a field to its messages, in French. */
export interface Problem {
  title?: string
  detail?: string
  status?: number
  errors?: Record<string, string[]>
}

export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? messageFor(status))
    this.status = status
    this.problem = problem
  }

  /** The messages for one field; field names compare without case, `minor.givenName` matching `Minor.GivenName`. */
  fieldErrors(field: string): string[] {
    const wanted = normaliseField(field)
    return Object.entries(this.problem.errors ?? {})
      .filter(([name]) => normaliseField(name) === wanted)
      .flatMap(([, messages]) => messages)
  }

  /** Messages for fields the form does not show, and the general message when there are none. */
  otherErrors(shown: string[]): string[] {
    const known = new Set(shown.map(normaliseField))
    const others = Object.entries(this.problem.errors ?? {})
      .filter(([name]) => !known.has(normaliseField(name)))
      .flatMap(([, messages]) => messages)
    if (others.length > 0) return others
    return Object.keys(this.problem.errors ?? {}).length > 0 ? [] : [this.message]
  }
}

function normaliseField(name: string): string {
  return name.replace(/^\$\.?/, '').toLowerCase()
}

function messageFor(status: number): string {
  switch (status) {
    case 401: return 'Votre session a expiré : reconnectez-vous.'
    case 403: return 'Votre rôle ne permet pas cette action.'
    case 404: return 'Introuvable.'
    case 409: return 'Cette action n’est plus possible : la situation a changé entre-temps.'
    default: return status >= 500 ? 'Le serveur a rencontré une erreur. Réessayez dans un instant.' : 'La demande a été refusée.'
  }
}

/** Listeners told when the host answers 401: the token is no longer good. */
const signedOut = new Set<() => void>()
export function onSignedOut(listener: () => void): () => void {
  signedOut.add(listener)
  return () => signedOut.delete(listener)
}

/**
 * A key for one user action (docs/api.md, "Retrying safely"): a UUID v4. `crypto.randomUUID` exists only in secure
 * contexts, which a host on a plain-HTTP intranet address is not; `getRandomValues` exists everywhere.
 */
export function newActionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = Array.from(bytes, byte => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** Waits before each retry of a keyed request that got no answer (network error) or a 503. */
const retryDelays = [500, 2000]

/** The host's `Retry-After` in milliseconds (seconds on the wire), bounded so that a form never hangs for long. */
function retryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('Retry-After'))
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 10) * 1000 : undefined
}

const wait = (milliseconds: number) => new Promise(resolve => setTimeout(resolve, milliseconds))

/**
 * Sends a request. With `key` (an action's Idempotency-Key, as an sf-string) it is retried, with the same key, when
 * the host did not answer or answered 503: the host does a keyed action once, and answers a repeat with its first answer.
 */
async function send(path: string, init: RequestInit = {}, key?: string): Promise<Response> {
  const headers = new Headers(init.headers)
  const token = tokens.get()
  if (token) headers.set('Authorization', `Bearer ${token}`)
  if (init.body !== undefined) headers.set('Content-Type', 'application/json')
  if (key) headers.set('Idempotency-Key', `"${key}"`)
  let response: Response
  for (let attempt = 0; ; attempt++) {
    const retry = key !== undefined && attempt < retryDelays.length
    try {
      response = await fetch(path, { ...init, headers })
    } catch (error) {
      if (!retry) throw error
      await wait(retryDelays[attempt])
      continue
    }
    if (response.status !== 503 || !retry) break
    await wait(retryAfter(response) ?? retryDelays[attempt])
  }
  if (response.ok) return response
  if (response.status === 401 && token) {
    tokens.clear()
    signedOut.forEach(listener => listener())
  }
  const type = response.headers.get('Content-Type') ?? ''
  const problem: Problem = type.includes('json') ? await response.json().catch(() => ({})) : {}
  throw new ApiError(response.status, problem)
}

export async function get<T>(path: string): Promise<T> {
  return (await send(path)).json() as Promise<T>
}

/** A state-changing call: `key` is the user action's (the same for every retry of it, e.g. a double click); a
 * fresh one when the caller has none. */
export async function post<T>(path: string, body: unknown, key: string = newActionKey()): Promise<T> {
  return json<T>(await send(path, { method: 'POST', body: JSON.stringify(body) }, key))
}

export async function put<T>(path: string, body: unknown, key: string = newActionKey()): Promise<T> {
  return json<T>(await send(path, { method: 'PUT', body: JSON.stringify(body) }, key))
}

async function json<T>(response: Response): Promise<T> {
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/** Downloads a file the API serves only to a signed-in user (a plain link would not carry the token). */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await send(path)
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = decodeURIComponent(name)
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** `?a=1&b=2` from the defined, non-empty values. */
export function query(values: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) params.set(name, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}
