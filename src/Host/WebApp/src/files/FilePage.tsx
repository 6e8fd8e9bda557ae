import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { answer, api } from '../api/client'
import type { Escalation, FileDetail, FileEscalation } from '../api/contract'
import { LoadError, Loading } from '../components/Messages'
import { Page } from '../components/Page'
import { EscalationDialog } from '../console/EscalationDialog'
import { inboxPage } from '../console/InboxPage'
import { dangerLabels, formatDate, formatDateTime, matchLabels, originLabels, statusLabel } from '../format'
import { Link } from '../router'
import { useUser } from '../session/SessionContext'
import { canWriteNotes, hasAny } from '../session/roles'
import { NoteForm } from './NoteForm'
import { Timeline } from './Timeline'

/**
 * One file. It is not polled: every read of a minor's identity is written to the access journal, so the file is
 * read when opened and when the user asks (« Actualiser »).
 */
export function FilePage({ id }: { id: string }) {
  const user = useUser()
  const params = { params: { path: { id } } }
  // Read once on opening and on « Actualiser » only (main.tsx: no re-read on focus); not kept once the page is
  // left (gcTime 0), so that a minor's identity does not stay in memory.
  const file = useQuery({ queryKey: ['file', id], queryFn: () => answer(api.GET('/api/files/{id}', params)), gcTime: 0 })
  const timeline = useQuery({
    queryKey: ['file', id, 'timeline'],
    queryFn: () => answer(api.GET('/api/files/{id}/timeline', params)),
    gcTime: 0,
  })
  const [open, setOpen] = useState<Escalation>()
  const [done, setDone] = useState<string>()
  const refresh = () => {
    void file.refetch()
    void timeline.refetch()
  }

  /** The actions need the escalation as the inbox gives it (late task, partner): it is looked up there. */
  async function act(escalation: FileEscalation) {
    setDone(undefined)
    const inbox = await inboxPage().catch(() => undefined)
    const found = inbox?.items.find(item => item.id === escalation.id)
    if (found) setOpen(found)
    else setDone('Cette escalade n’est plus ouverte, ou elle relève de l’inspection ASE.')
  }

  return (
    <Page
      title={`Dossier ${id}`}
      actions={
        <button type="button" onClick={refresh}>
          Actualiser
        </button>
      }
    >
      <p>
        <Link to="/dossiers">Retour à la liste des dossiers</Link>
      </p>
      {done && (
        <div className="alert success-box" role="status">
          <p>{done}</p>
        </div>
      )}
      {file.error && <LoadError error={file.error} />}
      {file.isPending && <Loading />}
      {file.data && (
        <FileDetails
          file={file.data}
          canAct={hasAny(user, ['coordinator', 'ase-inspector'])}
          canWriteNotes={canWriteNotes(user)}
          onAct={act}
          onNoteAdded={refresh}
        />
      )}
      <section aria-labelledby="chronologie">
        <h2 id="chronologie">Chronologie</h2>
        {timeline.error && <LoadError error={timeline.error} />}
        {timeline.data && <Timeline lines={timeline.data.items} />}
      </section>
      {open && (
        <EscalationDialog
          escalation={open}
          onClose={() => setOpen(undefined)}
          onDone={message => {
            setOpen(undefined)
            setDone(message)
            refresh()
          }}
        />
      )}
    </Page>
  )
}

function FileDetails({
  file,
  canAct,
  canWriteNotes,
  onAct,
  onNoteAdded,
}: {
  file: FileDetail
  canAct: boolean
  canWriteNotes: boolean
  onAct: (escalation: FileEscalation) => void
  onNoteAdded: () => void
}) {
  const openTasks = file.tasks.filter(task => task.status === 'open')
  return (
    <>
      {file.duplicates.length > 0 && (
        <div className="alert warn-box" role="note" aria-label="Doublons possibles">
          <p>
            <strong>Doublon possible.</strong> Ce mineur semble suivi dans d’autres dossiers (jamais fusionnés
            automatiquement) :
          </p>
          <ul>
            {file.duplicates.map(duplicate => (
              <li key={duplicate.fileId}>
                <Link to={`/dossiers/${encodeURIComponent(duplicate.fileId)}`}>Dossier {duplicate.fileId}</Link> —{' '}
                {matchLabels[duplicate.match] ?? duplicate.match}
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl className="facts columns">
        <dt>Statut</dt>
        <dd>
          {statusLabel(file.status)}
          {file.overdue && <span className="badge late">En retard</span>}
        </dd>
        <dt>Étape en cours</dt>
        <dd>{file.stages.map(stage => stage.label).join(', ') || '—'}</dd>
        <dt>Ouvert le</dt>
        <dd>{formatDateTime(file.openedAt)}</dd>
        {file.closedAt && (
          <>
            <dt>Clos le</dt>
            <dd>{formatDateTime(file.closedAt)}</dd>
          </>
        )}
        <dt>Prochaine échéance</dt>
        <dd>{formatDateTime(file.nextDueAt)}</dd>
        <dt>Parcours</dt>
        <dd>
          {file.definitionId}, version {file.version}
        </dd>
      </dl>

      <div className="two-columns">
        <section aria-labelledby="identite">
          <h2 id="identite">Identité du mineur</h2>
          {file.identity ? (
            <dl className="facts">
              <dt>Prénom</dt>
              <dd>{file.identity.givenName ?? '—'}</dd>
              <dt>Nom</dt>
              <dd>{file.identity.familyName ?? '—'}</dd>
              <dt>Date de naissance</dt>
              <dd>{formatDate(file.identity.birthDate)}</dd>
              <dt>Adresse</dt>
              <dd>{file.identity.address ?? '—'}</dd>
            </dl>
          ) : (
            <p className="muted">
              Aucune identité à afficher : le dossier n’a pas de signalement enregistré, ou votre rôle n’y donne pas accès.
            </p>
          )}
        </section>
        {file.intake && (
          <section aria-labelledby="signalement">
            <h2 id="signalement">Signalement</h2>
            <dl className="facts">
              <dt>Origine</dt>
              <dd>{originLabels[file.intake.origin] ?? file.intake.origin}</dd>
              <dt>Reçu le</dt>
              <dd>{formatDate(file.intake.receivedAt)}</dd>
              <dt>Niveau de danger</dt>
              <dd>{dangerLabels[file.intake.dangerLevel] ?? file.intake.dangerLevel}</dd>
              <dt>Déclarant</dt>
              <dd>
                {[file.intake.reporter?.name, file.intake.reporter?.organisation].filter(Boolean).join(', ') || '—'}
              </dd>
              <dt>Faits</dt>
              <dd className="prose">{file.intake.facts}</dd>
            </dl>
          </section>
        )}
      </div>

      <section aria-labelledby="taches">
        <h2 id="taches">Tâches ouvertes</h2>
        {openTasks.length === 0 ? (
          <p>Aucune tâche ouverte.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Tâche</th>
                  <th scope="col">Partenaire</th>
                  <th scope="col">Échéance</th>
                  <th scope="col">Base légale</th>
                  <th scope="col">Reçue par le partenaire</th>
                </tr>
              </thead>
              <tbody>
                {openTasks.map(task => (
                  <tr key={task.id}>
                    <th scope="row">{task.title}</th>
                    <td>{task.partner?.name ?? '—'}</td>
                    <td>
                      {formatDateTime(task.dueAt)}
                      {task.overdue && <span className="badge late">En retard</span>}
                    </td>
                    <td>{task.legalBasis ?? '—'}</td>
                    <td>{task.acknowledged ? 'Oui' : 'Non'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {file.escalations.length > 0 && (
        <section aria-labelledby="escalades">
          <h2 id="escalades">Escalades</h2>
          <ul className="plain">
            {file.escalations.map(escalation => (
              <li key={escalation.id}>
                <span className={`badge level-${escalation.level}`}>Niveau {escalation.level}</span> {escalation.reason}
                {' — '}
                {escalation.status === 'open'
                  ? `en cours depuis le ${formatDateTime(escalation.raisedAt)}`
                  : `close le ${formatDateTime(escalation.closedAt)}`}
                {canAct && escalation.status === 'open' && (
                  <>
                    {' '}
                    <button type="button" onClick={() => onAct(escalation)}>
                      Traiter<span className="visually-hidden"> l’escalade : {escalation.reason}</span>
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {(canWriteNotes || file.notes.length > 0) && (
        <section aria-labelledby="notes">
          <h2 id="notes">Notes</h2>
          {file.notes.length === 0 ? (
            <p className="muted">Aucune note.</p>
          ) : (
            <ul className="notes">
              {file.notes.map((note, index) => (
                <li key={index}>
                  <p className="muted small">
                    {formatDateTime(note.at)} — {note.author}
                  </p>
                  <p className="prose">{note.text}</p>
                </li>
              ))}
            </ul>
          )}
          {canWriteNotes && <NoteForm fileId={file.id} onAdded={onNoteAdded} />}
        </section>
      )}
    </>
  )
}
