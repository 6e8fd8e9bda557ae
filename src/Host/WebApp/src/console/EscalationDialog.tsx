import { useEffect, useRef, useState } from 'react'
import type { Escalation } from '../api/contract'
import { Dialog } from '../components/Dialog'
import { formatDateTime, formatOverdue } from '../format'
import { actions, type Action } from './actions'

/** One escalation: what is late, and what the coordinator can do about it. */
export function EscalationDialog({
  escalation,
  onClose,
  onDone,
}: {
  escalation: Escalation
  onClose: () => void
  onDone: (message: string) => void
}) {
  const [action, setAction] = useState<Action>()
  const body = useRef<HTMLDivElement>(null)

  // The button that was pressed is gone: focus goes to the first control of what replaced it.
  useEffect(() => {
    body.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus()
  }, [action])

  return (
    <Dialog title={action ? action.label : `Escalade du dossier ${escalation.fileId}`} onClose={onClose}>
      <dl className="facts">
        <dt>Dossier</dt>
        <dd>{escalation.fileId}</dd>
        <dt>Niveau</dt>
        <dd>{escalation.level}</dd>
        <dt>Motif</dt>
        <dd>{escalation.reason}</dd>
        <dt>Retard</dt>
        <dd>{formatOverdue(escalation.overdueSeconds)}</dd>
        {escalation.partner && (
          <>
            <dt>Partenaire</dt>
            <dd>{escalation.partner.name}</dd>
          </>
        )}
        {escalation.task && (
          <>
            <dt>Tâche</dt>
            <dd>
              {escalation.task.title} — échéance {formatDateTime(escalation.task.dueAt)}
            </dd>
          </>
        )}
      </dl>
      <div ref={body}>
      {action ? (
        <action.Form escalation={escalation} onDone={onDone} onBack={() => setAction(undefined)} />
      ) : (
        <ul className="action-list">
          {actions
            .filter(candidate => candidate.available(escalation))
            .map(candidate => (
              <li key={candidate.label}>
                <button type="button" onClick={() => setAction(candidate)}>
                  {candidate.label}
                </button>
                <span className="muted small">{candidate.description}</span>
              </li>
            ))}
        </ul>
      )}
      </div>
    </Dialog>
  )
}
