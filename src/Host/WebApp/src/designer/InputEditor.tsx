import { useId, type ReactNode } from 'react'
import type { Partner } from '../api/contract'
import { Field } from '../components/Field'
import { valueText } from '../format'
import { ConditionBuilder } from './ConditionBuilder'
import type { Activity, Variable } from './model'
import type { CatalogueInput } from '../api/contract'
import { territoryLabels } from './versions/labels'

export interface InputContext {
  variables: Variable[]
  partners: Partner[]
  activities: Activity[]
  readOnly: boolean
}

/** The editor an input's kind calls for (docs/api.md, catalogue); a kind with no editor of its own is edited as JSON. */
export function InputEditor({
  input,
  value,
  errors,
  context,
  onChange,
}: {
  input: CatalogueInput
  value: unknown
  errors: string[]
  context: InputContext
  onChange: (value: unknown) => void
}) {
  const { readOnly } = context
  const hint = input.description || undefined
  const text = (props: Record<string, unknown> = {}) => (
    <input type="text" value={typeof value === 'string' ? value : ''} readOnly={readOnly} onChange={event => onChange(event.target.value || undefined)} {...props} />
  )
  switch (input.kind) {
    case 'text':
    case 'dateTime':
      return <Field label={input.label} hint={hint} errors={errors} required={input.required}>{text()}</Field>
    case 'duration':
      return (
        <Field label={input.label} hint={hint ?? 'Durée ISO 8601 : P8D (8 jours), P1M (1 mois), PT72H (72 heures).'} errors={errors} required={input.required}>
          {text({ placeholder: 'P8D', pattern: '^P.*' })}
        </Field>
      )
    case 'number':
      return (
        <Field label={input.label} hint={hint} errors={errors} required={input.required}>
          <input type="number" value={typeof value === 'number' ? value : ''} readOnly={readOnly} onChange={event => onChange(event.target.value === '' ? undefined : Number(event.target.value))} />
        </Field>
      )
    case 'boolean':
      return (
        <Field label={input.label} hint={hint} errors={errors} required={input.required}>
          <select value={valueText(value)} disabled={readOnly} onChange={event => onChange(event.target.value === '' ? undefined : event.target.value === 'true')}>
            <option value="">—</option>
            <option value="true">oui</option>
            <option value="false">non</option>
          </select>
        </Field>
      )
    case 'choice':
      return (
        <Field label={input.label} hint={hint} errors={errors} required={input.required}>
          <select value={typeof value === 'string' ? value : ''} disabled={readOnly} onChange={event => onChange(event.target.value || undefined)}>
            <option value="">—</option>
            {(input.choices ?? []).map(choice => <option key={choice}>{choice}</option>)}
          </select>
        </Field>
      )
    case 'partner':
      return (
        <Field label={input.label} hint={hint} errors={errors} required={input.required}>
          <select value={typeof value === 'string' ? value : ''} disabled={readOnly} onChange={event => onChange(event.target.value || undefined)}>
            <option value="">— Choisir un partenaire —</option>
            {context.partners.map(partner => <option key={partner.id} value={partner.id}>{partner.name}</option>)}
            {typeof value === 'string' && value && !context.partners.some(p => p.id === value) && <option value={value}>{value} (inconnu)</option>}
          </select>
        </Field>
      )
    case 'variable':
      return (
        <Field label={input.label} hint={hint} errors={errors} required={input.required}>
          <select value={typeof value === 'string' ? value : ''} disabled={readOnly} onChange={event => onChange(event.target.value || undefined)}>
            <option value="">—</option>
            {context.variables.map(variable => <option key={variable.name} value={variable.name}>{variable.label || variable.name}</option>)}
          </select>
        </Field>
      )
    case 'activityReference':
      return (
        <Field label={input.label} hint={hint} errors={errors} required={input.required}>
          <select value={typeof value === 'string' ? value : ''} disabled={readOnly} onChange={event => onChange(event.target.value || undefined)}>
            <option value="">—</option>
            {context.activities.map(activity => <option key={activity.id} value={activity.id}>{activity.displayName || activity.id}</option>)}
          </select>
        </Field>
      )
    case 'outcomeNames':
      return (
        <Field label={input.label} hint={`${hint ?? ''} Séparez les noms par des virgules.`.trim()} errors={errors} required={input.required}>
          <input
            type="text"
            value={Array.isArray(value) ? value.join(', ') : ''}
            readOnly={readOnly}
            onChange={event => {
              const names = event.target.value.split(',').map(name => name.trim())
              onChange(event.target.value.trim() === '' ? undefined : names.filter((name, i) => name !== '' || i === names.length - 1))
            }}
          />
        </Field>
      )
    case 'deadline':
      return <DeadlineEditor input={input} value={value} errors={errors} variables={context.variables} readOnly={readOnly} onChange={onChange} />
    case 'variableList':
      return (
        <Group label={input.label} hint={hint} errors={errors} required={input.required}>
          {context.variables.length === 0 && <p className="muted">Aucune variable déclarée.</p>}
          {context.variables.map(variable => {
            const list = Array.isArray(value) ? (value as string[]) : []
            const checked = list.includes(variable.name)
            return (
              <label key={variable.name} className="check">
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={readOnly}
                  onChange={() => onChange(checked ? list.filter(name => name !== variable.name) : [...list, variable.name])}
                />{' '}
                {variable.label || variable.name}
              </label>
            )
          })}
        </Group>
      )
    case 'condition':
      return (
        <Group label={input.label} hint={hint} errors={errors} required={input.required}>
          <ConditionBuilder value={value} variables={context.variables} readOnly={readOnly} onChange={onChange} />
        </Group>
      )
    default:
      return <JsonEditor input={input} value={value} errors={errors} readOnly={readOnly} onChange={onChange} />
  }
}

/** A fieldset for an input made of several controls, with its hint and errors read with the group. */
function Group({ label, hint, errors, required, children }: { label: string; hint?: string; errors: string[]; required: boolean; children: ReactNode }) {
  const id = useId()
  return (
    <fieldset className={errors.length > 0 ? 'field group invalid' : 'field group'} aria-describedby={[hint && `${id}-aide`, errors.length > 0 && `${id}-erreur`].filter(Boolean).join(' ') || undefined}>
      <legend>
        {label}
        {required && <span className="required"> (obligatoire)</span>}
      </legend>
      {hint && <p className="hint" id={`${id}-aide`}>{hint}</p>}
      {children}
      {errors.length > 0 && <p className="error" id={`${id}-erreur`}>{errors.join(' ')}</p>}
    </fieldset>
  )
}

/** A deadline as definitions write it (docs/definitions.md, « Deadlines »). */
interface Deadline {
  duration?: string
  counting?: 'calendar' | 'workingDays' | 'workingDaysAndSaturdays'
  legalBasis?: string
  before?: { variable?: string; plus?: string; event?: string }
  roll?: 'next' | 'previous' | 'none'
  territory?: string
}

function DeadlineEditor({ input, value, errors, variables, readOnly, onChange }: {
  input: CatalogueInput; value: unknown; errors: string[]; variables: Variable[]; readOnly: boolean; onChange: (value: unknown) => void
}) {
  const deadline = (value && typeof value === 'object' ? value : {}) as Deadline
  const set = (patch: Partial<Deadline>) => {
    const next = Object.fromEntries(Object.entries({ ...deadline, ...patch }).filter(([, v]) => v !== undefined && v !== ''))
    onChange(Object.keys(next).length === 0 ? undefined : next)
  }
  const before = deadline.before
  const setBefore = (patch: Partial<NonNullable<Deadline['before']>>) => {
    const next = Object.fromEntries(Object.entries({ ...before, ...patch }).filter(([, v]) => v !== undefined && v !== ''))
    set({ before: next })
  }
  // Counted back from a date, a last day never moves forward towards the event: the server refuses 'next' there.
  const toggleBefore = (counted: string) =>
    set(counted === 'before'
      ? { before: { variable: before?.variable ?? '' }, roll: deadline.roll === 'next' ? undefined : deadline.roll }
      : { before: undefined })
  const dates = variables.filter(variable => variable.type === 'date')
  const id = useId()
  return (
    <Group label={input.label} hint={input.description || undefined} errors={errors} required={input.required}>
      <div className="deadline">
        <label htmlFor={`${id}-d`}>Durée</label>
        <input id={`${id}-d`} type="text" placeholder="P8D" value={deadline.duration ?? ''} readOnly={readOnly} onChange={event => set({ duration: event.target.value })} />
        <label htmlFor={`${id}-c`}>Décompte</label>
        <select id={`${id}-c`} value={deadline.counting ?? 'calendar'} disabled={readOnly} onChange={event => set({ counting: event.target.value as Deadline['counting'] })}>
          <option value="calendar">jours calendaires</option>
          <option value="workingDays">jours ouvrés (lundi au vendredi)</option>
          <option value="workingDaysAndSaturdays">jours ouvrables (lundi au samedi)</option>
        </select>
        <label htmlFor={`${id}-s`}>Compté</label>
        <select id={`${id}-s`} value={before ? 'before' : 'after'} disabled={readOnly} onChange={event => toggleBefore(event.target.value)}>
          <option value="after">à partir de la demande</option>
          <option value="before">avant une date du dossier</option>
        </select>
        {before && (
          <>
            <label htmlFor={`${id}-v`}>Date de l’événement</label>
            <select id={`${id}-v`} value={before.variable ?? ''} disabled={readOnly} onChange={event => setBefore({ variable: event.target.value })}>
              <option value="">— Choisir une variable de type date —</option>
              {dates.map(variable => <option key={variable.name} value={variable.name}>{variable.label || variable.name}</option>)}
              {before.variable && !dates.some(v => v.name === before.variable) && <option value={before.variable}>{before.variable} (pas une date)</option>}
            </select>
            <label htmlFor={`${id}-p`}>Plus (facultatif)</label>
            <input id={`${id}-p`} type="text" placeholder="P18Y pour la majorité" value={before.plus ?? ''} readOnly={readOnly} onChange={event => setBefore({ plus: event.target.value })} />
            <label htmlFor={`${id}-e`}>L’événement</label>
            <input id={`${id}-e`} type="text" placeholder="l’audience" value={before.event ?? ''} readOnly={readOnly} onChange={event => setBefore({ event: event.target.value })} />
          </>
        )}
        <label htmlFor={`${id}-r`}>Dernier jour non ouvré</label>
        <select id={`${id}-r`} value={deadline.roll ?? ''} disabled={readOnly} onChange={event => set({ roll: (event.target.value || undefined) as Deadline['roll'] })}>
          <option value="">{before ? 'avancé au jour ouvré précédent (par défaut)' : 'reporté au jour ouvré suivant (par défaut, CPC 642)'}</option>
          {!before && <option value="previous">avancé au jour ouvré précédent</option>}
          <option value="none">maintenu</option>
        </select>
        <label htmlFor={`${id}-t`}>Calendrier</label>
        <select id={`${id}-t`} value={deadline.territory ?? ''} disabled={readOnly} onChange={event => set({ territory: event.target.value || undefined })}>
          <option value="">celui du déploiement</option>
          {Object.entries(territoryLabels).map(([name, label]) => <option key={name} value={name}>{label}</option>)}
        </select>
        <label htmlFor={`${id}-l`}>Base légale</label>
        <input id={`${id}-l`} type="text" placeholder="CASF D226-2-4" value={deadline.legalBasis ?? ''} readOnly={readOnly} onChange={event => set({ legalBasis: event.target.value })} />
      </div>
    </Group>
  )
}

function JsonEditor({ input, value, errors, readOnly, onChange }: { input: CatalogueInput; value: unknown; errors: string[]; readOnly: boolean; onChange: (value: unknown) => void }) {
  return (
    <Field label={input.label} hint={`${input.description ?? ''} En JSON.`.trim()} errors={errors} required={input.required}>
      <textarea
        key={JSON.stringify(value)}
        rows={3}
        defaultValue={value === undefined ? '' : JSON.stringify(value)}
        readOnly={readOnly}
        onBlur={event => {
          if (event.target.value.trim() === '') return onChange(undefined)
          try {
            onChange(JSON.parse(event.target.value))
          } catch {
            /* kept as typed until it is JSON */
          }
        }}
      />
    </Field>
  )
}
