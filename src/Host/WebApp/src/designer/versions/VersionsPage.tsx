import { useState } from 'react'
import './versions.css'
import { download } from '../../api/client'
import { LoadError, Loading } from '../../components/Messages'
import { Page } from '../../components/Page'
import { useQuery } from '@tanstack/react-query'
import { formatDateTime } from '../../format'
import { Link } from '../../router'
import { useUser } from '../../session/SessionContext'
import { hasAny } from '../../session/roles'
import { versionsApi } from './api'
import { DiffSection } from './DiffSection'
import { ImportForm } from './ImportForm'
import { actorLabel } from './labels'
import { statusLabel } from '../model'
import { MigrationSection } from './MigrationSection'
import { Refusal } from './Refusal'
import type { DefinitionSummary, VersionSummary } from '../../api/contract'

/**
 * The versions of one definition: what each is, who made it, how many files run on it; drafts, publication,
 * retirement, export and import; the diff of two versions and the migration of running files.
 */
export function VersionsPage({ id }: { id: string }) {
  const user = useUser()
  // Only the process owner writes (EditDefinitions); the coordinator reads.
  const canEdit = hasAny(user, ['process-owner'])
  const definitions = useQuery({ queryKey: ['definitions'], queryFn: versionsApi.definitions })
  const [outcome, setOutcome] = useState<{ done?: string; failed?: { title: string; error: unknown } }>({})
  const refresh = () => void definitions.refetch()

  const definition = definitions.data?.find(d => d.id === id)

  async function act(title: string, action: () => Promise<string>) {
    setOutcome({})
    try {
      setOutcome({ done: await action() })
      refresh()
    } catch (error) {
      setOutcome({ failed: { title, error } })
    }
  }

  return (
    <Page title={`Versions du parcours ${definition?.name ?? id}`}>
      <p>
        <Link to="/conception">Retour aux parcours</Link>
      </p>
      {outcome.done && (
        <div className="alert success-box" role="status">
          <p>{outcome.done}</p>
        </div>
      )}
      {outcome.failed && <Refusal title={outcome.failed.title} error={outcome.failed.error} />}
      {definitions.error && <LoadError error={definitions.error} />}
      {definitions.isPending && <Loading />}
      {definitions.data && !definition && <p>Ce parcours n’a aucune version.</p>}
      {definition && (
        <>
          <VersionsTable definition={definition} canEdit={canEdit} act={act} />
          {canEdit && <ImportForm id={id} onImported={version => { setOutcome({ done: `Brouillon v${version} importé.` }); refresh() }} />}
          <DiffSection definition={definition} />
          {canEdit && <MigrationSection definition={definition} onApplied={refresh} />}
        </>
      )}
    </Page>
  )
}

function VersionsTable({
  definition,
  canEdit,
  act,
}: {
  definition: DefinitionSummary
  canEdit: boolean
  act: (title: string, action: () => Promise<string>) => void
}) {
  const id = definition.id
  return (
    <section aria-labelledby="versions-titre">
      <h2 id="versions-titre">Versions</h2>
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">Versions du parcours, la plus récente en premier</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Statut</th>
              <th scope="col">Créée</th>
              <th scope="col">Publiée</th>
              <th scope="col">Retirée</th>
              <th scope="col">Dossiers en cours</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {definition.versions.map(version => (
              <tr key={version.version}>
                <th scope="row">v{version.version}</th>
                <td>
                  <span className="badge">{statusLabel(version.status)}</span>
                </td>
                <td>{when(version.createdAt, version.createdBy)}</td>
                <td>{when(version.publishedAt, version.publishedBy)}</td>
                <td>{when(version.retiredAt, version.retiredBy)}</td>
                <td>{version.runningFiles}</td>
                <td>
                  <VersionActions id={id} version={version} canEdit={canEdit} act={act} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function when(at: string | null, by: string | null) {
  if (!at) return '—'
  return (
    <>
      <time dateTime={at}>{formatDateTime(at)}</time>
      <br />
      <span className="small muted">par {actorLabel(by)}</span>
    </>
  )
}

function VersionActions({
  id,
  version,
  canEdit,
  act,
}: {
  id: string
  version: VersionSummary
  canEdit: boolean
  act: (title: string, action: () => Promise<string>) => void
}) {
  const v = version.version
  const label = (action: string) => `${action} la version ${v}`
  return (
    <div className="buttons">
      <Link to={`/conception/${encodeURIComponent(id)}/${v}`} aria-label={label('Ouvrir dans l’éditeur')}>
        Ouvrir
      </Link>
      <button
        type="button"
        aria-label={label('Exporter en JSON')}
        onClick={() => act(`Export de la version ${v} impossible`, async () => {
          await download(`/api/definitions/${encodeURIComponent(id)}/versions/${v}`, `${id}-v${v}.json`)
          return `Version ${v} exportée.`
        })}
      >
        Exporter
      </button>
      {canEdit && (
        <button
          type="button"
          aria-label={label('Nouveau brouillon à partir de')}
          onClick={() => act(`Brouillon à partir de la version ${v} refusé`, async () => {
            const draft = await versionsApi.draftFrom(id, v)
            return `Brouillon v${draft.version} créé à partir de la version ${v}.`
          })}
        >
          Nouveau brouillon
        </button>
      )}
      {canEdit && version.status === 'draft' && (
        <button
          type="button"
          className="primary"
          aria-label={label('Publier')}
          onClick={() => act(`Publication de la version ${v} refusée`, async () => {
            await versionsApi.publish(id, v)
            return `Version ${v} publiée : les nouveaux dossiers la suivront.`
          })}
        >
          Publier
        </button>
      )}
      {canEdit && version.status === 'published' && (
        <button
          type="button"
          aria-label={label('Retirer')}
          onClick={() => act(`Retrait de la version ${v} refusé`, async () => {
            await versionsApi.retire(id, v)
            return `Version ${v} retirée ; ses dossiers en cours continuent.`
          })}
        >
          Retirer
        </button>
      )}
    </div>
  )
}
