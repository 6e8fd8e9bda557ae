import type { ReactNode } from 'react'
import { deadlineLabel, valueLabel } from './labels'
import type { Deadline } from '../model'
import type { DefinitionDiff, DiffActivity, DiffChange, DiffVariable as Variable } from '../../api/contract'

type Kind = 'added' | 'removed' | 'changed'

/** Each line says in words what happened to the item; the sign before it only doubles the word. */
const marks: Record<Kind, { sign: string; word: string }> = {
  added: { sign: '+', word: 'Ajouté' },
  removed: { sign: '−', word: 'Supprimé' },
  changed: { sign: '~', word: 'Modifié' },
}

function Line({ kind, children }: { kind: Kind; children: ReactNode }) {
  return (
    <li className={`diff-line diff-${kind}`}>
      <span aria-hidden="true" className="diff-sign">
        {marks[kind].sign}
      </span>{' '}
      <strong>{marks[kind].word} :</strong> {children}
    </li>
  )
}

function Group({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  return (
    <>
      <h3>{title}</h3>
      {empty ? <p className="muted">Aucun changement.</p> : <ul className="plain diff">{children}</ul>}
    </>
  )
}

const activityName = (a: DiffActivity) => `${a.label ?? a.id} (${a.id}, ${a.type}${a.stage ? `, étape ${a.stage}` : ''})`

const fieldNames: Record<string, string> = { type: 'type', label: 'libellé', stage: 'étape' }
const fieldLabel = (field: string) => fieldNames[field] ?? (field.startsWith('inputs.') ? `paramètre « ${field.slice(7)} »` : field)

function Change({ change }: { change: DiffChange }) {
  return (
    <li>
      {fieldLabel(change.field)} : {valueLabel(change.before)} → {valueLabel(change.after)}
    </li>
  )
}

/** The properties of a variable's declaration that differ between two versions (type, default, choices…). */
function changedFields(before: Variable, after: Variable): (keyof Variable)[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)] as (keyof Variable)[])
  return [...names].filter(name => JSON.stringify(before[name]) !== JSON.stringify(after[name]))
}

const variableLabel = (v: Variable) => `${v.name} (${v.type})`

/** The structural diff of two versions (docs/versions.md), grouped as the owner thinks of a pathway. */
export function DiffView({ diff }: { diff: DefinitionDiff }) {
  const { activities, connections, deadlines, partners, variables, stages } = diff
  return (
    <section aria-labelledby="diff-resultat" className="diff-result">
      <h3 id="diff-resultat">
        Différences de la version {diff.from} à la version {diff.to}
      </h3>
      {diff.identical ? (
        <p>Les deux versions sont identiques (hors disposition sur le plan).</p>
      ) : (
        <>
          <Group title="Activités" empty={activities.added.length + activities.removed.length + activities.changed.length === 0}>
            {activities.added.map(a => (
              <Line key={`+${a.id}`} kind="added">{activityName(a)}</Line>
            ))}
            {activities.removed.map(a => (
              <Line key={`-${a.id}`} kind="removed">{activityName(a)}</Line>
            ))}
            {activities.changed.map(a => (
              <Line key={`~${a.id}`} kind="changed">
                {activityName(a)}
                <ul>
                  {a.changes.map(change => (
                    <Change key={change.field} change={change} />
                  ))}
                </ul>
              </Line>
            ))}
          </Group>
          <Group title="Liaisons" empty={connections.added.length + connections.removed.length === 0}>
            {connections.added.map(c => (
              <Line key={`+${c.source}/${c.outcome}`} kind="added">
                {c.source} — issue « {c.outcome} » → {c.target}
              </Line>
            ))}
            {connections.removed.map(c => (
              <Line key={`-${c.source}/${c.outcome}/${c.target}`} kind="removed">
                {c.source} — issue « {c.outcome} » → {c.target}
              </Line>
            ))}
          </Group>
          <Group title="Délais" empty={deadlines.length === 0}>
            {deadlines.map(d => (
              <Line key={`${d.activityId}/${d.input}`} kind={d.before === null ? 'added' : d.after === null ? 'removed' : 'changed'}>
                {d.label ?? d.activityId} ({d.input === 'deadline' ? 'délai de traitement' : d.input}) : {deadlineLabel(d.before as Deadline | null)} →{' '}
                {deadlineLabel(d.after as Deadline | null)}
              </Line>
            ))}
          </Group>
          <Group title="Partenaires" empty={partners.added.length + partners.removed.length === 0}>
            {partners.added.map(p => (
              <Line key={`+${p}`} kind="added">{p}</Line>
            ))}
            {partners.removed.map(p => (
              <Line key={`-${p}`} kind="removed">{p}</Line>
            ))}
          </Group>
          <Group title="Variables" empty={variables.added.length + variables.removed.length + variables.changed.length === 0}>
            {variables.added.map(v => (
              <Line key={`+${v.name}`} kind="added">{variableLabel(v)}</Line>
            ))}
            {variables.removed.map(v => (
              <Line key={`-${v.name}`} kind="removed">{variableLabel(v)}</Line>
            ))}
            {variables.changed.map(v => (
              <Line key={`~${v.name}`} kind="changed">
                {v.name}
                <ul>
                  {changedFields(v.before, v.after).map(field => (
                    <li key={field}>
                      {field} : {valueLabel(v.before[field])} → {valueLabel(v.after[field])}
                    </li>
                  ))}
                </ul>
              </Line>
            ))}
          </Group>
          <Group title="Étapes" empty={stages.added.length + stages.removed.length + stages.changed.length === 0}>
            {stages.added.map(s => (
              <Line key={`+${s.id}`} kind="added">{s.name} ({s.id})</Line>
            ))}
            {stages.removed.map(s => (
              <Line key={`-${s.id}`} kind="removed">{s.name} ({s.id})</Line>
            ))}
            {stages.changed.map(s => (
              <Line key={`~${s.id}`} kind="changed">
                {s.id} : {valueLabel(s.before)} → {valueLabel(s.after)}
              </Line>
            ))}
          </Group>
        </>
      )}
    </section>
  )
}
