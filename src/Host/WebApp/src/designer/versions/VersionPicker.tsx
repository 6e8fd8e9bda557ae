import { Field } from '../../components/Field'
import { statusLabel } from '../model'
import type { VersionSummary } from '../../api/contract'

/** A select of the definition's versions, each with its status. */
export function VersionPicker({
  label,
  versions,
  value,
  onChange,
}: {
  label: string
  versions: VersionSummary[]
  value: number | undefined
  onChange: (version: number) => void
}) {
  return (
    <Field label={label}>
      <select value={value ?? ''} onChange={event => onChange(Number(event.target.value))}>
        {versions.map(v => (
          <option key={v.version} value={v.version}>
            v{v.version} — {statusLabel(v.status)}
          </option>
        ))}
      </select>
    </Field>
  )
}

/** The two versions a diff or a migration starts with: the one before the newest published, and the newest published. */
export function defaultPair(versions: VersionSummary[]): [number | undefined, number | undefined] {
  const published = versions.filter(v => v.status === 'published')
  const to = published[0]?.version ?? versions[0]?.version
  const from = versions.find(v => v.version < (to ?? 0))?.version ?? versions[versions.length - 1]?.version
  return [from, to]
}
