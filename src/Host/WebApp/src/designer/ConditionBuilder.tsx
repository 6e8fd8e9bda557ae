import { useId } from 'react'
import { valueText } from '../format'
import { ConditionPreview } from './ConditionPreview'
import type { Variable } from './model'

// A JSON Logic condition (docs/definitions.md) built from comparisons over declared variables, joined by « et » or « ou ».
// A condition the builder cannot show as rows (nested, other operators) is edited as JSON.

const operators = [
  { op: '==', label: 'est égal à' },
  { op: '!=', label: 'est différent de' },
  { op: '<', label: 'est inférieur à' },
  { op: '<=', label: 'est inférieur ou égal à' },
  { op: '>', label: 'est supérieur à' },
  { op: '>=', label: 'est supérieur ou égal à' },
] as const

interface Row {
  variable: string
  op: string
  value: unknown
}

type Parsed = { join: 'and' | 'or'; rows: Row[] } | null

function parseComparison(rule: unknown): Row | null {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return null
  const entries = Object.entries(rule)
  if (entries.length !== 1) return null
  const [op, args] = entries[0] as [string, unknown]
  if (!operators.some(o => o.op === op) || !Array.isArray(args) || args.length !== 2) return null
  const left = args[0] as { var?: unknown }
  if (!left || typeof left !== 'object' || typeof left.var !== 'string') return null
  return { variable: left.var, op, value: args[1] }
}

export function parseCondition(condition: unknown): Parsed {
  if (condition === undefined || condition === null) return { join: 'and', rows: [] }
  const single = parseComparison(condition)
  if (single) return { join: 'and', rows: [single] }
  if (condition && typeof condition === 'object' && !Array.isArray(condition)) {
    const entries = Object.entries(condition)
    if (entries.length === 1 && (entries[0][0] === 'and' || entries[0][0] === 'or') && Array.isArray(entries[0][1])) {
      const rows = (entries[0][1] as unknown[]).map(parseComparison)
      if (rows.every(row => row !== null)) return { join: entries[0][0], rows: rows }
    }
  }
  return null
}

export function buildCondition(join: 'and' | 'or', rows: Row[]): unknown {
  const rules = rows.map(row => ({ [row.op]: [{ var: row.variable }, row.value] }))
  if (rules.length === 0) return undefined
  return rules.length === 1 ? rules[0] : { [join]: rules }
}

function defaultValue(variable: Variable | undefined): unknown {
  switch (variable?.type) {
    case 'boolean': return true
    case 'number': return 0
    case 'choice': return variable.choices?.[0] ?? ''
    default: return ''
  }
}

export function ConditionBuilder({
  value,
  variables,
  readOnly,
  describedBy,
  onChange,
}: {
  value: unknown
  variables: Variable[]
  readOnly: boolean
  describedBy?: string
  onChange: (value: unknown) => void
}) {
  const id = useId()
  const parsed = parseCondition(value)
  const json = JSON.stringify(value ?? null, null, 1)

  if (!parsed)
    return (
      <div className="condition">
        <p className="hint">Cette condition ne se décompose pas en comparaisons : modifiez-la en JSON Logic.</p>
        <textarea
          aria-label="Condition en JSON Logic"
          aria-describedby={describedBy}
          defaultValue={json}
          readOnly={readOnly}
          rows={5}
          onBlur={event => {
            try {
              onChange(JSON.parse(event.target.value))
            } catch {
              /* the text stays as typed until it is JSON */
            }
          }}
        />
        <ConditionPreview condition={value} variables={variables} />
      </div>
    )

  const { join, rows } = parsed
  const update = (next: Row[], nextJoin = join) => onChange(buildCondition(nextJoin, next))
  const byName = new Map(variables.map(variable => [variable.name, variable]))

  return (
    <div className="condition" role="group" aria-describedby={describedBy}>
      {rows.length > 1 && (
        <label>
          Combiner :{' '}
          <select value={join} disabled={readOnly} onChange={event => update(rows, event.target.value as 'and' | 'or')}>
            <option value="and">toutes les comparaisons (et)</option>
            <option value="or">au moins une comparaison (ou)</option>
          </select>
        </label>
      )}
      {rows.map((row, index) => {
        const variable = byName.get(row.variable)
        const set = (patch: Partial<Row>) => update(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)))
        return (
          <fieldset key={index} className="condition-row">
            <legend className="visually-hidden">Comparaison {index + 1}</legend>
            <select
              aria-label={`Variable de la comparaison ${index + 1}`}
              value={row.variable}
              disabled={readOnly}
              onChange={event => set({ variable: event.target.value, value: defaultValue(byName.get(event.target.value)) })}
            >
              {!variable && <option value={row.variable}>{row.variable} (non déclarée)</option>}
              {variables.map(v => (
                <option key={v.name} value={v.name}>
                  {v.label || v.name}
                </option>
              ))}
            </select>
            <select aria-label={`Opérateur de la comparaison ${index + 1}`} value={row.op} disabled={readOnly} onChange={event => set({ op: event.target.value })}>
              {operators.map(o => (
                <option key={o.op} value={o.op}>
                  {o.label}
                </option>
              ))}
            </select>
            <ValueInput label={`Valeur de la comparaison ${index + 1}`} variable={variable} value={row.value} readOnly={readOnly} onChange={v => set({ value: v })} />
            {!readOnly && (
              <button type="button" className="quiet" onClick={() => update(rows.filter((_, i) => i !== index))}>
                Retirer<span className="visually-hidden"> la comparaison {index + 1}</span>
              </button>
            )}
          </fieldset>
        )
      })}
      {!readOnly && variables.length > 0 && (
        <button
          type="button"
          className="quiet"
          onClick={() => update([...rows, { variable: variables[0].name, op: '==', value: defaultValue(variables[0]) }])}
        >
          Ajouter une comparaison
        </button>
      )}
      <details>
        <summary>JSON Logic</summary>
        <pre id={`${id}-json`}>{json}</pre>
      </details>
      <ConditionPreview condition={value} variables={variables} />
    </div>
  )
}

function ValueInput({
  label,
  variable,
  value,
  readOnly,
  onChange,
}: {
  label: string
  variable: Variable | undefined
  value: unknown
  readOnly: boolean
  onChange: (value: unknown) => void
}) {
  if (variable?.type === 'boolean')
    return (
      <select aria-label={label} value={String(value)} disabled={readOnly} onChange={event => onChange(event.target.value === 'true')}>
        <option value="true">vrai</option>
        <option value="false">faux</option>
      </select>
    )
  if (variable?.type === 'choice')
    return (
      <select aria-label={label} value={String(value)} disabled={readOnly} onChange={event => onChange(event.target.value)}>
        {(variable.choices ?? []).map(choice => (
          <option key={choice}>{choice}</option>
        ))}
      </select>
    )
  return (
    <input
      aria-label={label}
      type={variable?.type === 'number' ? 'number' : variable?.type === 'date' ? 'date' : 'text'}
      value={valueText(value)}
      readOnly={readOnly}
      onChange={event => onChange(variable?.type === 'number' ? Number(event.target.value) : event.target.value)}
    />
  )
}
