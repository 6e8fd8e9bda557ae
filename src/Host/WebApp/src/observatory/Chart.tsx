import { useId, type ReactNode } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

/** Long names (partners) in a few words on the axis; the table under the chart gives them whole. */
function shorten(name: string): string {
  return name.length > 36 ? `${name.slice(0, 34).trimEnd()}…` : name
}

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart by more than hue in the tables. */
export const colours = ['#1b4f9c', '#a04400', '#2e6b30']

export interface Series {
  key: string
  label: string
}

/**
 * A bar chart with its data table under it: the chart is for the eye (hidden from screen readers), the table is
 * the accessible version and shows suppressed values as « < 5 » or « non diffusé ».
 */
export function ChartFigure<T extends object>({
  title,
  description,
  rows,
  category,
  categoryLabel,
  series,
  format,
  unit,
  horizontal = false,
}: {
  title: string
  description?: ReactNode
  rows: T[]
  category: keyof T & string
  categoryLabel: string
  series: Series[]
  format: (value: number | null) => string
  unit?: string
  /** Bars along long category names (stages, partners), one line each. */
  horizontal?: boolean
}) {
  const id = useId()
  // Recharts types a key by the rows it cannot see through the generic: the key is one of their properties.
  const categoryKey: string = category
  return (
    <section aria-labelledby={id} className="chart">
      <h2 id={id}>{title}</h2>
      {description && <p className="hint">{description}</p>}
      {rows.length === 0 ? (
        <p className="muted">Aucune donnée sur la période.</p>
      ) : (
        <>
          <div className="chart-area" aria-hidden="true">
            <ResponsiveContainer width="100%" height={horizontal ? 48 + rows.length * 34 * series.length : 240}>
              <BarChart
                data={rows}
                layout={horizontal ? 'vertical' : 'horizontal'}
                accessibilityLayer={false}
                margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
              >
                <CartesianGrid strokeDasharray="3 3" stroke="#c8c8c8" />
                {horizontal ? (
                  <>
                    <XAxis type="number" allowDecimals={false} tick={{ fill: '#333' }} unit={unit} />
                    <YAxis
                      type="category"
                      dataKey={categoryKey}
                      width={250}
                      interval={0}
                      tick={{ fill: '#333', fontSize: 12 }}
                      tickFormatter={shorten}
                    />
                  </>
                ) : (
                  <>
                    <XAxis dataKey={categoryKey} tick={{ fill: '#333' }} />
                    <YAxis allowDecimals={false} tick={{ fill: '#333' }} unit={unit} />
                  </>
                )}
                <Tooltip formatter={value => format(typeof value === 'number' ? value : null)} />
                {series.length > 1 && <Legend />}
                {series.map((s, index) => (
                  <Bar key={s.key} dataKey={s.key} name={s.label} fill={colours[index % colours.length]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="table-wrap">
            <table className="data">
              <caption>{title} : données</caption>
              <thead>
                <tr>
                  <th scope="col">{categoryLabel}</th>
                  {series.map(s => (
                    <th scope="col" key={s.key}>
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map(row => (
                  <tr key={String(row[category])}>
                    <th scope="row">{String(row[category])}</th>
                    {series.map(s => (
                      <td key={s.key}>{format((row as Record<string, unknown>)[s.key] as number | null)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}
