import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { answer, api } from '../api/client'
import type { SeededUser, SessionOptions } from '../api/contract'
import { LoadError, Loading } from '../components/Messages'
import { navigate } from '../router'
import { useSession } from '../session/SessionContext'
import { completeSignIn, signInWithProvider } from '../session/oidc'
import { roleLabel } from '../session/roles'

/** The sign-in page, shown at any address while nobody is signed in; after sign-in, that address opens. */
export function SignInPage() {
  const options = useQuery({ queryKey: ['session-options'], queryFn: () => answer(api.GET('/api/session/options')) })

  useEffect(() => {
    document.title = 'Connexion — Pathway'
  }, [])

  return (
    <main id="contenu" className="sign-in">
      <h1>Pathway</h1>
      <p className="tagline">Parcours des mineurs en situation de prostitution</p>
      {options.error && <LoadError error={options.error} />}
      {options.isPending && <Loading />}
      {options.data && <SignInChoices options={options.data} />}
    </main>
  )
}

function SignInChoices({ options }: { options: SessionOptions }) {
  const { signIn } = useSession()
  const [failure, setFailure] = useState<unknown>()
  const [pending, setPending] = useState(false)

  async function asSeededUser(user: SeededUser) {
    setPending(true)
    setFailure(undefined)
    try {
      const signedIn = await answer(api.POST('/api/session/dev-sign-in', { body: { user: user.id } }))
      await signIn(signedIn.token)
    } catch (error) {
      setFailure(error)
      setPending(false)
    }
  }

  async function withProvider() {
    setFailure(undefined)
    try {
      await signInWithProvider(options.oidc!)
    } catch (error) {
      setFailure(error)
    }
  }

  return (
    <>
      {failure !== undefined && <LoadError error={failure} />}
      {options.oidc && (
        <section aria-labelledby="connexion-oidc">
          <h2 id="connexion-oidc">Se connecter</h2>
          <button type="button" className="primary" onClick={withProvider}>
            Se connecter avec ProConnect
          </button>
        </section>
      )}
      {options.devSignIn && (
        <section aria-labelledby="connexion-dev">
          <h2 id="connexion-dev">Connexion de développement</h2>
          <p className="hint">Ces utilisateurs fictifs n’existent qu’en environnement de développement.</p>
          <ul className="user-list">
            {(options.users ?? []).map(user => (
              <li key={user.id}>
                <button type="button" disabled={pending} onClick={() => asSeededUser(user)}>
                  <strong>{user.name}</strong>
                  <span className="muted">{describe(user)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {!options.oidc && !options.devSignIn && (
        <div className="alert error-box" role="alert">
          <p>Aucun moyen de connexion n’est configuré : contactez l’administrateur de Pathway.</p>
        </div>
      )}
    </>
  )
}

function describe(user: SeededUser): string {
  const roles = user.roles.map(roleLabel).join(', ')
  const partner = user.partner
  return partner ? `${roles} · ${partner}` : roles
}

/** Where the provider sends the browser back with the authorization code. */
export function SignInCallbackPage() {
  const { signIn } = useSession()
  const [failure, setFailure] = useState<unknown>()

  useEffect(() => {
    completeSignIn()
      .then(signIn)
      .then(() => navigate('/', { replace: true }), setFailure)
  }, [signIn])

  return (
    <main id="contenu" className="sign-in">
      <h1>Connexion</h1>
      {failure === undefined ? (
        <p role="status">Connexion en cours…</p>
      ) : (
        <>
          <div className="alert error-box" role="alert">
            <p>La connexion a échoué : {failure instanceof Error ? failure.message : 'erreur inconnue'}</p>
          </div>
          <p>
            <a href="/">Réessayer</a>
          </p>
        </>
      )}
    </main>
  )
}
