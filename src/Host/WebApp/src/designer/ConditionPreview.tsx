import jsonLogic from 'json-logic-js'
import { useState } from 'react'
import { valueText } from '../format'
import type { Variable } from './model'

/**
 * The operators the engine evaluates (src/Workflows/Conditions/JsonLogic.cs). json-logic-js knows more (map, filter,
 * merge…): a condition using one of those would be previewed here and refused by the engine, so it is not previewed.
 */
const engineOperators = new Set([
  'var', 'missing', 'missing_some', 'if', '?:', 'and', 'or', '!', '!!', '==', '===', '!=', '!==',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'in', 'cat', 'substr',
])

/**
 * Pathway's own date operators (src/Workflows/Conditions/DateOperators.cs, docs/definitions.md): json-logic-js does
 * not know them, and the engine evaluates them on the step's date in the deployment's zone and on its territory's
 * calendar, which the browser has not. A rule using one is not previewed rather than previewed wrong.
 */
const pathwayDateOperators = new Set(['today', 'date-add', 'age-at', 'day-of-week', 'working-day'])

/** The operators of a rule, and the variables it reads. */
function survey(rule: unknown, found = { operators: new Set<string>(), variables: new Set<string>() }) {
  if (Array.isArray(rule)) rule.forEach(item => survey(item, found))
  else if (rule && typeof rule === 'object') {
    for (const [op, args] of Object.entries(rule)) {
      found.operators.add(op)
      if (op === 'var' && typeof args === 'string') found.variables.add(args)
      else if (op === 'var' && Array.isArray(args) && typeof args[0] === 'string') found.variables.add(args[0])
      survey(args, found)
    }
  }
  return found
}

function resultText(result: unknown): string {
  if (result === true) return 'vrai'
  if (result === false) return 'faux'
  return `${JSON.stringify(result) ?? 'null'} (${jsonLogic.truthy(result) ? 'vrai' : 'faux'})`
}

/**
 * Evaluates the condition, in the browser with json-logic-js, against values the process owner types: the engine
 * follows json-logic-js on the conditions it accepts, so the answer is the one a file with those values would get.
 * A variable left empty is left out of the data, as the engine sees an unset variable (docs/engine.md).
 */
export function ConditionPreview({ condition, variables }: { condition: unknown; variables: Variable[] }) {
  const [samples, setSamples] = useState<Record<string, unknown>>({})
  if (condition === undefined || condition === null) return null
  const { operators, variables: read } = survey(condition)
  const dated = [...operators].filter(op => pathwayDateOperators.has(op))
  const unknown = [...operators].filter(op => !engineOperators.has(op) && !pathwayDateOperators.has(op))
  const byName = new Map(variables.map(variable => [variable.name, variable]))
  const data = Object.fromEntries(Object.entries(samples).filter(([name, value]) => read.has(name) && value !== undefined))

  let outcome: string
  if (unknown.length > 0) outcome = `non prévisualisable : ${unknown.map(op => `« ${op} »`).join(', ')} n’est pas un opérateur de Pathway`
  else if (dated.length > 0)
    outcome = `non prévisualisable : ${dated.map(op => `« ${op} »`).join(', ')} ${dated.length > 1 ? 'se calculent' : 'se calcule'} sur le serveur, à la date du dossier et sur le calendrier du territoire`
  else {
    try {
      outcome = resultText(jsonLogic.apply(condition, data))
    } catch {
      outcome = 'non prévisualisable : la condition est mal formée'
    }
  }

  return (
    <fieldset className="condition-preview">
      <legend>Prévisualisation</legend>
      <p className="hint">Des valeurs d’essai pour les variables de la condition ; une valeur vide est une variable non renseignée.</p>
      {[...read].map(name => (
        <SampleInput
          key={name}
          name={name}
          variable={byName.get(name)}
          value={samples[name]}
          onChange={value => setSamples(current => ({ ...current, [name]: value }))}
        />
      ))}
      <p role="status">
        Résultat : {outcome}
      </p>
    </fieldset>
  )
}

function SampleInput({ name, variable, value, onChange }: { name: string; variable: Variable | undefined; value: unknown; onChange: (value: unknown) => void }) {
  const label = `Valeur d’essai de ${variable?.label || name}`
  if (variable?.type === 'boolean' || variable?.type === 'choice')
    return (
      <label className="preview-value">
        {label}
        <select
          value={valueText(value)}
          onChange={event => {
            const text = event.target.value
            onChange(text === '' ? undefined : variable.type === 'boolean' ? text === 'true' : text)
          }}
        >
          <option value="">— non renseignée</option>
          {variable.type === 'boolean' ? (
            <>
              <option value="true">vrai</option>
              <option value="false">faux</option>
            </>
          ) : (
            (variable.choices ?? []).map(choice => <option key={choice}>{choice}</option>)
          )}
        </select>
      </label>
    )
  return (
    <label className="preview-value">
      {label}
      <input
        type={variable?.type === 'number' ? 'number' : variable?.type === 'date' ? 'date' : 'text'}
        value={valueText(value)}
        onChange={event => {
          const text = event.target.value
          onChange(text === '' ? undefined : variable?.type === 'number' ? Number(text) : text)
        }}
      />
    </label>
  )
}
