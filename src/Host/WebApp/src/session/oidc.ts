// Sign-in with the OpenID Connect provider (ProConnect in production): authorization code with PKCE, done by
// oidc-client-ts in the browser. The host only validates the bearer tokens it then receives.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts'
import type { SessionOptions } from '../api/contract'

export const callbackPath = '/connexion/retour'
const settingsKey = 'pathway.oidc'

type Settings = NonNullable<SessionOptions['oidc']>

function manager(oidc: Settings): UserManager {
  return new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    scope: oidc.scope,
    redirect_uri: location.origin + callbackPath,
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
  })
}

export async function signInWithProvider(oidc: NonNullable<SessionOptions['oidc']>): Promise<void> {
  // The callback page needs the same settings; they are public (authority, client id, scope).
  sessionStorage.setItem(settingsKey, JSON.stringify(oidc))
  await manager(oidc).signinRedirect()
}

/** On the callback page: trades the code for tokens; returns the access token for the API. */
export async function completeSignIn(): Promise<string> {
  const saved = sessionStorage.getItem(settingsKey)
  if (!saved) throw new Error('Aucune connexion en cours.')
  const user = await manager(JSON.parse(saved) as Settings).signinRedirectCallback()
  return user.access_token
}

export function signOutOfProvider(): void {
  const saved = sessionStorage.getItem(settingsKey)
  if (saved) void manager(JSON.parse(saved) as Settings).removeUser()
  sessionStorage.removeItem(settingsKey)
}
