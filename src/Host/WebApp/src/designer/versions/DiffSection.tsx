import { useState, type FormEvent } from 'react'
import { versionsApi } from './api'
import { DiffView } from './DiffView'
import { Refusal } from './Refusal'
import type { DefinitionDiff, DefinitionSummary } from '../../api/contract'
import { defaultPair, VersionPicker } from './VersionPicker'

/** Two versions chosen, then what changed from one to the other. */
export function DiffSection({ definition }: { definition: DefinitionSummary }) {
  const [initialFrom, initialTo] = defaultPair(definition.versions)
  const [from, setFrom] = useState(initialFrom)
  const [to, setTo] = useState(initialTo)
  const [diff, setDiff] = useState<DefinitionDiff>()
  const [error, setError] = useState<unknown>()

  async function compare(event: FormEvent) {
    event.preventDefault()
    if (from === undefined || to === undefined) return
    setError(undefined)
    try {
      setDiff(await versionsApi.diff(definition.id, from, to))
    } catch (failure) {
      setDiff(undefined)
      setError(failure)
    }
  }

  return (
    <section aria-labelledby="diff-titre">
      <h2 id="diff-titre">Comparer deux versions</h2>
      <form className="inline-form" onSubmit={compare}>
        <VersionPicker label="Version de départ" versions={definition.versions} value={from} onChange={setFrom} />
        <VersionPicker label="Version d’arrivée" versions={definition.versions} value={to} onChange={setTo} />
        <button type="submit">Comparer</button>
      </form>
      {error !== undefined && <Refusal title="Comparaison impossible" error={error} />}
      {diff && <DiffView diff={diff} />}
    </section>
  )
}
