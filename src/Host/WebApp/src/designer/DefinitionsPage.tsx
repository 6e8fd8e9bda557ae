import { Page } from '../components/Page'
import { LoadError, Loading } from '../components/Messages'
import { useQuery } from '@tanstack/react-query'
import { formatDateTime } from '../format'
import { Link } from '../router'
import { designerApi } from './api'
import { statusLabel } from './model'

/** /conception: the definitions and their versions, newest first; each version opens in the editor. */
export default function DefinitionsPage() {
  const { data, error } = useQuery({ queryKey: ['definitions'], queryFn: designerApi.definitions })
  return (
    <Page title="Conception du parcours">
      {error ? (
        <LoadError error={error} />
      ) : !data ? (
        <Loading />
      ) : (
        data.map(definition => (
          <section key={definition.id} aria-labelledby={`def-${definition.id}`}>
            <h2 id={`def-${definition.id}`}>{definition.name}</h2>
            <p>
              <Link to={`/conception/${encodeURIComponent(definition.id)}/versions`}>Versions, comparaison et migration des dossiers</Link>
            </p>
            <table>
              <caption className="visually-hidden">Versions de {definition.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Créée le</th>
                  <th scope="col">Dossiers en cours</th>
                </tr>
              </thead>
              <tbody>
                {definition.versions.map(version => (
                  <tr key={version.version}>
                    <td>
                      <Link to={`/conception/${encodeURIComponent(definition.id)}/${version.version}`}>Ouvrir la version {version.version}</Link>
                    </td>
                    <td>{statusLabel(version.status)}</td>
                    <td>{formatDateTime(version.createdAt)}</td>
                    <td>{version.runningFiles}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
    </Page>
  )
}
