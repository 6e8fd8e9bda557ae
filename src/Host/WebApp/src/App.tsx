import { lazy, Suspense, useEffect, type ReactNode } from 'react'
import type { Session } from './api/contract'
import { Layout } from './Layout'
import { match, navigate, useLocation } from './router'
import { useSession } from './session/SessionContext'
import { hasAny, sections, sectionsFor, type Role } from './session/roles'
import { callbackPath } from './session/oidc'
import { SignInPage, SignInCallbackPage } from './pages/SignInPage'
import { InboxPage } from './console/InboxPage'
import { FileListPage } from './files/FileListPage'
import { FilePage } from './files/FilePage'
import { IntakePage } from './pages/IntakePage'
import { ObservatoryPage } from './observatory/ObservatoryPage'
import { NotFoundPage } from './pages/NotFoundPage'
import { VersionsPage } from './designer/versions/VersionsPage'

// The designer is loaded on demand: @xyflow/react is large, and only process owners open it.
const DefinitionsPage = lazy(() => import('./designer/DefinitionsPage'))
const EditorPage = lazy(() => import('./designer/EditorPage'))
const designer = (page: ReactNode) => <Suspense fallback={<p className="muted">Chargement…</p>}>{page}</Suspense>

const rolesOf = (path: string): Role[] => sections.find(section => section.path === path)!.roles

interface Route {
  pattern: string
  roles: Role[]
  render(params: Record<string, string>): ReactNode
}

const routes: Route[] = [
  { pattern: '/console', roles: rolesOf('/console'), render: () => <InboxPage /> },
  { pattern: '/dossiers', roles: rolesOf('/dossiers'), render: () => <FileListPage /> },
  { pattern: '/dossiers/:id', roles: rolesOf('/dossiers'), render: ({ id }) => <FilePage key={id} id={id} /> },
  { pattern: '/signalement', roles: rolesOf('/signalement'), render: () => <IntakePage /> },
  { pattern: '/observatoire', roles: rolesOf('/observatoire'), render: () => <ObservatoryPage /> },
  // Before the editor's /conception/:id/:version, which would also match it.
  { pattern: '/conception/:id/versions', roles: ['process-owner', 'coordinator'], render: ({ id }) => <VersionsPage key={id} id={id} /> },
  { pattern: '/conception', roles: rolesOf('/conception'), render: () => designer(<DefinitionsPage />) },
  { pattern: '/conception/:id/:version', roles: rolesOf('/conception'), render: ({ id, version }) => designer(<EditorPage key={`${id}/${version}`} id={id} version={Number(version)} />) },
]

export function App() {
  const { session } = useSession()
  const { pathname } = useLocation()
  if (pathname === callbackPath) return <SignInCallbackPage />
  if (session === undefined) return <p className="muted">Chargement…</p>
  if (session === null) return <SignInPage />
  return (
    <Layout>
      <SignedInRoutes session={session} pathname={pathname} />
    </Layout>
  )
}

function SignedInRoutes({ session, pathname }: { session: Session; pathname: string }) {
  const home = sectionsFor(session)[0]?.path
  const atHome = pathname === '/' || pathname === '/connexion'

  useEffect(() => {
    if (atHome && home) navigate(home, { replace: true })
  }, [atHome, home])

  if (atHome && home) return null
  for (const route of routes) {
    const params = match(route.pattern, pathname)
    // A page the user's role cannot use is not shown, as if it did not exist.
    if (params && hasAny(session, route.roles)) return route.render(params)
  }
  return <NotFoundPage />
}
