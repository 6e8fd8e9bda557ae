import { Field } from '../components/Field'
import { InputEditor, type InputContext } from './InputEditor'
import { messageOf, type PlacedError } from './errors'
import { outcomesOf, type Activity, type DefinitionDocument } from './model'
import type { CatalogueEntry } from '../api/contract'

/** The selected activity's properties, each input with the editor its kind needs, and where each outcome leads. */
export function PropertyPanel({
  document,
  activity,
  entry,
  errors,
  context,
  onChange,
  onConnect,
  onDelete,
}: {
  document: DefinitionDocument
  activity: Activity
  entry: CatalogueEntry | undefined
  errors: PlacedError[]
  context: InputContext
  onChange: (update: (activity: Activity) => Activity, key: string) => void
  onConnect: (outcome: string, target: string | undefined) => void
  onDelete: () => void
}) {
  const { readOnly } = context
  const messagesFor = (field: string) => errors.filter(error => error.field === field).map(messageOf)
  const shown = new Set(['displayName', 'stage', ...(entry?.inputs ?? []).map(i => `input:${i.name}`), ...outcomesOf(activity, entry).map(o => `outcome:${o}`)])
  const general = errors.filter(error => !error.field || !shown.has(error.field))
  const setInput = (name: string, value: unknown) =>
    onChange(current => {
      const inputs = { ...(current.inputs ?? {}) }
      if (value === undefined) delete inputs[name]
      else inputs[name] = value
      return { ...current, inputs }
    }, `input:${activity.id}:${name}`)

  return (
    <section className="panel" aria-labelledby="proprietes-titre">
      <h2 id="proprietes-titre">
        {activity.displayName || activity.id} <span className="muted small">{entry?.label ?? activity.type} · {activity.id}</span>
      </h2>
      {entry?.description && <p className="hint">{entry.description}</p>}
      {general.length > 0 && (
        <ul className="error-list-inline">
          {general.map((error, index) => <li key={index} className="error">{messageOf(error)}</li>)}
        </ul>
      )}
      <Field label="Nom affiché" errors={messagesFor('displayName')}>
        <input
          type="text"
          value={activity.displayName ?? ''}
          readOnly={readOnly}
          onChange={event => onChange(current => ({ ...current, displayName: event.target.value || undefined }), `name:${activity.id}`)}
        />
      </Field>
      <Field label="Étape" errors={messagesFor('stage')}>
        <select
          value={activity.stage ?? ''}
          disabled={readOnly}
          onChange={event => onChange(current => ({ ...current, stage: event.target.value || undefined }), `stage:${activity.id}`)}
        >
          <option value="">Sans étape</option>
          {(document.stages ?? []).map(stage => <option key={stage.id} value={stage.id}>{stage.name}</option>)}
        </select>
      </Field>
      {(entry?.inputs ?? []).map(input => (
        <InputEditor
          key={`${activity.id}:${input.name}`}
          input={input}
          value={activity.inputs?.[input.name]}
          errors={messagesFor(`input:${input.name}`)}
          context={context}
          onChange={value => setInput(input.name, value)}
        />
      ))}
      <OutcomeWiring document={document} activity={activity} entry={entry} readOnly={readOnly} messagesFor={messagesFor} onConnect={onConnect} />
      {!readOnly && (
        <button type="button" className="danger" onClick={onDelete}>
          Supprimer l’activité
        </button>
      )}
    </section>
  )
}

function OutcomeWiring({
  document,
  activity,
  entry,
  readOnly,
  messagesFor,
  onConnect,
}: {
  document: DefinitionDocument
  activity: Activity
  entry: CatalogueEntry | undefined
  readOnly: boolean
  messagesFor: (field: string) => string[]
  onConnect: (outcome: string, target: string | undefined) => void
}) {
  const outcomes = outcomesOf(activity, entry)
  if (outcomes.length === 0) return null
  const labels = new Map((entry?.outcomes ?? []).map(outcome => [outcome.name, outcome.label]))
  const targets = document.activities.filter(other => other.type !== 'Start')
  return (
    <fieldset className="field group">
      <legend>Suites (une par issue)</legend>
      {outcomes.map(outcome => {
        const connection = document.connections.find(c => c.source === activity.id && c.outcome === outcome)
        return (
          <Field key={outcome} label={`Issue « ${labels.get(outcome) ?? outcome} » mène à`} errors={messagesFor(`outcome:${outcome}`)}>
            <select value={connection?.target ?? ''} disabled={readOnly} onChange={event => onConnect(outcome, event.target.value || undefined)}>
              <option value="">— Non reliée —</option>
              {targets.map(target => (
                <option key={target.id} value={target.id}>
                  {target.displayName || target.id}
                </option>
              ))}
            </select>
          </Field>
        )
      })}
    </fieldset>
  )
}
