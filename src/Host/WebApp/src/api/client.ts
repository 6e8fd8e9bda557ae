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

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  const token = tokens.get()
  if (token) headers.set('Authorization', `Bearer ${token}`)
  if (init.body !== undefined) headers.set('Content-Type', 'application/json')
  const response = await fetch(path, { ...init, headers })
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

export async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await send(path, { method: 'POST', body: JSON.stringify(body) })
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
