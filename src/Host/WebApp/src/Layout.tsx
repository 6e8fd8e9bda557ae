import type { ReactNode } from 'react'
import { Link, useLocation } from './router'
import { useSession, useUser } from './session/SessionContext'
import { roleLabel, sectionsFor } from './session/roles'

export function Layout({ children }: { children: ReactNode }) {
  const user = useUser()
  const { signOut } = useSession()
  const { pathname } = useLocation()
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="banner">
        <div className="brand">
          <Link to="/">Pathway</Link>
          <span className="tagline">Parcours des mineurs en situation de prostitution</span>
        </div>
        <nav aria-label="Navigation principale">
          <ul>
            {sectionsFor(user).map(section => (
              <li key={section.path}>
                <Link to={section.path} aria-current={pathname.startsWith(section.path) ? 'page' : undefined}>
                  {section.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {user.name}
            <span className="muted"> · {user.roles.map(roleLabel).join(', ')}</span>
            {user.partner && <span className="muted"> · {user.partner.name}</span>}
          </span>
          <button type="button" className="quiet" onClick={signOut}>
            Se déconnecter
          </button>
        </div>
      </header>
      <main id="contenu" tabIndex={-1}>
        {children}
      </main>
    </>
  )
}
