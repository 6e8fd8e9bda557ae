import { useQueryClient } from '@tanstack/react-query'
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { answer, api, onSignedOut } from '../api/client'
import type { Session } from '../api/contract'
import { tokens } from './tokens'
import { signOutOfProvider } from './oidc'

interface SessionState {
  /** undefined while the session is being read; null when nobody is signed in. */
  session: Session | null | undefined
  signIn: (token: string) => Promise<void>
  signOut: () => void
}

const SessionContext = createContext<SessionState | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(tokens.get() ? undefined : null)
  const queryClient = useQueryClient()

  const signIn = useCallback(async (token: string) => {
    tokens.set(token)
    setSession(await answer(api.GET('/api/session')))
  }, [])

  const signOut = useCallback(() => {
    tokens.clear()
    signOutOfProvider()
    // What one user read is not shown to the next one on this browser.
    queryClient.clear()
    setSession(null)
  }, [queryClient])

  useEffect(
    () =>
      onSignedOut(() => {
        queryClient.clear()
        setSession(null)
      }),
    [queryClient],
  )

  useEffect(() => {
    if (!tokens.get()) return
    answer(api.GET('/api/session')).then(setSession, () => {
      tokens.clear()
      setSession(null)
    })
  }, [])

  return <SessionContext.Provider value={{ session, signIn, signOut }}>{children}</SessionContext.Provider>
}

export function useSession(): SessionState {
  const state = useContext(SessionContext)
  if (!state) throw new Error('useSession outside SessionProvider')
  return state
}

/** The signed-in user, on pages only shown to signed-in users. */
export function useUser(): Session {
  const { session } = useSession()
  if (!session) throw new Error('useUser without a signed-in user')
  return session
}
