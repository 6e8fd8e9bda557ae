import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { answer, api } from '../api/client'
import type { Escalation } from '../api/contract'
import { LoadError } from '../components/Messages'
import { Page } from '../components/Page'
import { formatClock, formatDateTime, formatOverdue } from '../format'
import { Link } from '../router'
import { EscalationDialog } from './EscalationDialog'

/** How often the inbox asks for news. */
const refreshSeconds = 5

export const escalationsKey = ['escalations']

/** The open escalations the user may handle, as many as one screen shows. */
export const inboxPage = () => answer(api.GET('/api/escalations', { params: { query: { pageSize: 200 } } }))

/** Level 2 first, then the longest overdue: the API's order, kept whatever it sends. */
export function byUrgency(a: Escalation, b: Escalation): number {
  return b.level - a.level || b.overdueSeconds - a.overdueSeconds
}

export function InboxPage() {
  // Polled while the tab is visible (TanStack Query pauses a refetchInterval in a hidden tab).
  const inbox = useQuery({ queryKey: escalationsKey, queryFn: inboxPage, refetchInterval: refreshSeconds * 1000 })
  const updatedAt = inbox.dataUpdatedAt > 0 ? new Date(inbox.dataUpdatedAt) : undefined
  const [open, setOpen] = useState<Escalation>()
  const [done, setDone] = useState<string>()
  const escalations = [...(inbox.data?.items ?? [])].sort(byUrgency)

  return (
    <Page title="Escalades">
      <p className="hint">Les dossiers bloqués chez un partenaire, les plus urgents d’abord.</p>
      <p role="status" aria-live="polite" className="updated">
        {updatedAt ? `Mis à jour à ${formatClock(updatedAt)}` : 'Chargement…'}
      </p>
      {done && (
        <div className="alert success-box" role="status">
          <p>{done}</p>
        </div>
      )}
      {inbox.error && <LoadError error={inbox.error} />}
      {inbox.data && escalations.length === 0 && <p>Aucune escalade en cours.</p>}
      {escalations.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Escalades en cours, par urgence</caption>
            <thead>
              <tr>
                <th scope="col">Niveau</th>
                <th scope="col">Dossier</th>
                <th scope="col">Retard</th>
                <th scope="col">Étape</th>
                <th scope="col">Partenaire et tâche</th>
                <th scope="col">Base légale</th>
                <th scope="col">Pris en charge</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {escalations.map(escalation => (
                <tr key={escalation.id} className={escalation.level >= 2 ? 'level-2' : undefined}>
                  <td>
                    <span className={`badge level-${escalation.level}`}>Niveau {escalation.level}</span>
                  </td>
                  <th scope="row">
                    <Link to={`/dossiers/${encodeURIComponent(escalation.fileId)}`}>{escalation.fileId}</Link>
                  </th>
                  <td>
                    {formatOverdue(escalation.overdueSeconds)}
                    <span className="muted small">Levée le {formatDateTime(escalation.raisedAt)}</span>
                  </td>
                  <td>{escalation.stage?.label ?? '—'}</td>
                  <td>
                    {escalation.partner?.name ?? '—'}
                    {escalation.task && (
                      <span className="muted small">
                        {escalation.task.title} · échéance {formatDateTime(escalation.task.dueAt)}
                      </span>
                    )}
                  </td>
                  <td>{escalation.task?.legalBasis ?? '—'}</td>
                  <td>{escalation.acknowledged ? 'Oui' : 'Non'}</td>
                  <td>
                    <button type="button" onClick={() => setOpen(escalation)}>
                      Traiter<span className="visually-hidden"> l’escalade du dossier {escalation.fileId}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && (
        <EscalationDialog
          escalation={open}
          onClose={() => setOpen(undefined)}
          onDone={message => {
            setOpen(undefined)
            setDone(message)
            void inbox.refetch()
          }}
        />
      )}
    </Page>
  )
}
