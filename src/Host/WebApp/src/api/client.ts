import createClient from 'openapi-fetch'
import { tokens } from '../session/tokens'
import type { paths } from './schema'

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

/** The Idempotency-Key header of one user action (an sf-string), for the typed client's `headers`. */
export function keyed(key: string): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': `"${key}"` }
}

/**
 * Sends a request: the bearer token, and on every POST/PUT an Idempotency-Key (the caller's, through
 * {@link keyed}, else a fresh one). A keyed request is retried, with the same key, when the host did not answer or
 * answered 503: the host does a keyed action once, and answers a repeat with its first answer. A refusal becomes an
 * {@link ApiError} carrying the host's ProblemDetails (its French message).
 */
async function send(request: Request): Promise<Response> {
  const token = tokens.get()
  if (token) request.headers.set('Authorization', `Bearer ${token}`)
  const keyedMethod = request.method === 'POST' || request.method === 'PUT'
  if (keyedMethod && !request.headers.has('Idempotency-Key')) request.headers.set('Idempotency-Key', keyed(newActionKey())['Idempotency-Key'])
  let response: Response
  for (let attempt = 0; ; attempt++) {
    const retry = keyedMethod && attempt < retryDelays.length
    try {
      // A body can be read once: every attempt sends a copy.
      response = await fetch(request.clone())
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
  const problem = (type.includes('json') ? await response.json().catch(() => ({})) : {}) as Problem
  throw new ApiError(response.status, problem)
}

/**
 * The host's API, typed by its contract (`schema.d.ts`, generated from docs/openapi.json): paths, parameters, bodies
 * and answers are checked by the compiler. Refusals throw {@link ApiError}, so an answer's `data` is what the host sent.
 */
export const api = createClient<paths>({ fetch: send })

/** The answer of a typed call, which did not throw: `const files = await answer(api.GET('/api/files'))`. */
export async function answer<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T
}

/** Downloads a file the API serves only to a signed-in user (a plain link would not carry the token). */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await send(new Request(path))
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

/** The defined, non-empty values as query parameters (a typed call's `query`), as strings. */
export function params(values: Record<string, string | number | boolean | undefined | null>): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(query(values)))
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
