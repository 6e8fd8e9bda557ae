import { ApiError } from '../api/client'

export function LoadError({ error }: { error: unknown }) {
  const message = error instanceof ApiError ? error.message : 'Le serveur ne répond pas. Vérifiez la connexion et réessayez.'
  return (
    <div className="alert error-box" role="alert">
      <p>{message}</p>
    </div>
  )
}

export function Loading() {
  return <p className="muted">Chargement…</p>
}
