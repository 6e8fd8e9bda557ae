import { Field } from '../components/Field'
import { messageOf, type PlacedError } from './errors'
import type { Variable, VariableType } from './model'

const typeLabels: Record<VariableType, string> = { text: 'texte', number: 'nombre', boolean: 'oui/non', date: 'date', choice: 'choix', list: 'liste' }

/** The definition's variables: name, type, label and, for a choice, its choices. */
export function VariablesEditor({
  variables,
  errors,
  readOnly,
  onChange,
}: {
  variables: Variable[]
  errors: PlacedError[]
  readOnly: boolean
  onChange: (update: (variables: Variable[]) => Variable[], key: string) => void
}) {
  const set = (index: number, patch: Partial<Variable>, key: string) =>
    onChange(list => list.map((v, i) => (i === index ? clean({ ...v, ...patch }) : v)), `variable:${index}:${key}`)
  return (
    <section className="panel" aria-labelledby="variables-titre">
      <h2 id="variables-titre">Variables</h2>
      {variables.map((variable, index) => {
        const own = errors.filter(error => error.variable === index).map(messageOf)
        return (
          <fieldset key={index} className={own.length > 0 ? 'field group invalid' : 'field group'}>
            <legend>{variable.label || variable.name || `Variable ${index + 1}`}</legend>
            <Field label="Nom" hint="Lettres, chiffres, - et _ ; commence par une lettre." errors={own}>
              <input type="text" value={variable.name} readOnly={readOnly} onChange={event => set(index, { name: event.target.value }, 'name')} />
            </Field>
            <Field label="Type">
              <select value={variable.type} disabled={readOnly} onChange={event => set(index, { type: event.target.value as VariableType }, 'type')}>
                {Object.entries(typeLabels).map(([type, label]) => <option key={type} value={type}>{label}</option>)}
              </select>
            </Field>
            <Field label="Libellé">
              <input type="text" value={variable.label ?? ''} readOnly={readOnly} onChange={event => set(index, { label: event.target.value || undefined }, 'label')} />
            </Field>
            {variable.type === 'choice' && (
              <Field label="Choix" hint="Séparés par des virgules.">
                <input
                  type="text"
                  value={(variable.choices ?? []).join(', ')}
                  readOnly={readOnly}
                  onChange={event => set(index, { choices: event.target.value.split(',').map(choice => choice.trim()) }, 'choices')}
                />
              </Field>
            )}
            {!readOnly && (
              <button type="button" className="quiet" onClick={() => onChange(list => list.filter((_, i) => i !== index), `variable-remove:${index}`)}>
                Retirer la variable {variable.name}
              </button>
            )}
          </fieldset>
        )
      })}
      {!readOnly && (
        <button type="button" onClick={() => onChange(list => [...list, { name: `variable${list.length + 1}`, type: 'text' }], 'variable-add')}>
          Ajouter une variable
        </button>
      )}
    </section>
  )
}

/** Choices only on a choice variable: the server refuses them elsewhere. */
function clean(variable: Variable): Variable {
  const next = { ...variable }
  if (next.type !== 'choice') delete next.choices
  else next.choices ??= []
  return next
}
