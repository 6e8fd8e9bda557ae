import { Page } from '../components/Page'
import { Link } from '../router'

export function NotFoundPage() {
  return (
    <Page title="Page introuvable">
      <p>Cette page n’existe pas, ou votre rôle ne permet pas de l’utiliser.</p>
      <p>
        <Link to="/">Revenir à l’accueil</Link>
      </p>
    </Page>
  )
}
