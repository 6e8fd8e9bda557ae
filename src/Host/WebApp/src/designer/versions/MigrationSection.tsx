import { useState, type FormEvent } from 'react'
import { Dialog } from '../../components/Dialog'
import { Field } from '../../components/Field'
import { LoadError, Loading } from '../../components/Messages'
import { useQuery } from '@tanstack/react-query'
import { versionsApi } from './api'
import { defaultMapping, waitingActivities, type Mapping } from './mapping'
import { MigrationReportView } from './MigrationReportView'
import { Refusal } from './Refusal'
import type { DefinitionSummary, MigrationReport } from '../../api/contract'
import { defaultPair, VersionPicker } from './VersionPicker'

/**
 * Moving running files from one version to another: the owner maps where each waiting token goes, simulates, reads
 * the dry run file by file, then applies exactly that dry run (its id makes a second click harmless).
 */
export function MigrationSection({ definition, onApplied }: { definition: DefinitionSummary; onApplied: () => void }) {
  const withFiles = definition.versions.find(v => v.runningFiles > 0 && v.status !== 'draft')
  const [, newestPublished] = defaultPair(definition.versions)
  const [from, setFrom] = useState(withFiles && withFiles.version !== newestPublished ? withFiles.version : defaultPair(definition.versions)[0])
  const [to, setTo] = useState(newestPublished)

  return (
    <section aria-labelledby="migration-titre">
      <h2 id="migration-titre">Migrer les dossiers en cours</h2>
      <div className="inline-form">
        <VersionPicker label="Dossiers de la version" versions={definition.versions.filter(v => v.status !== 'draft')} value={from} onChange={setFrom} />
        <VersionPicker label="Vers la version" versions={definition.versions.filter(v => v.status === 'published')} value={to} onChange={setTo} />
      </div>
      {from !== undefined && to !== undefined && from !== to ? (
        <MigrationPlan key={`${from}-${to}`} id={definition.id} from={from} to={to} onApplied={onApplied} />
      ) : (
        <p className="muted">Choisissez deux versions différentes.</p>
      )}
    </section>
  )
}

function MigrationPlan({ id, from, to, onApplied }: { id: string; from: number; to: number; onApplied: () => void }) {
  const sources = useQuery({
    queryKey: ['migration-sources', id, from, to],
    queryFn: () => Promise.all([versionsApi.document(id, from), versionsApi.document(id, to), versionsApi.catalogue()]),
  })
  // The owner's mapping, for the documents it was made on; until then (or for other documents) the default one.
  const [chosen, setChosen] = useState<{ for: unknown; mapping: Mapping }>()
  const [dryRun, setDryRun] = useState<MigrationReport>()
  const [applied, setApplied] = useState<MigrationReport>()
  const [error, setError] = useState<{ title: string; error: unknown }>()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)

  const mapping =
    chosen && chosen.for === sources.data ? chosen.mapping : sources.data && defaultMapping(sources.data[0], sources.data[1], sources.data[2])
  const setMapping = (next: Mapping) => setChosen({ for: sources.data, mapping: next })

  if (sources.error) return <LoadError error={sources.error} />
  if (!sources.data || !mapping) return <Loading />
  const [fromDocument, toDocument, catalogue] = sources.data
  const rows = waitingActivities(fromDocument, catalogue)
  const targets = waitingActivities(toDocument, catalogue)
  const typeOf = (activityId: string) => catalogue.find(c => c.type === fromDocument.activities.find(a => a.id === activityId)?.type)?.label

  function change(activityId: string, target: string) {
    setMapping({ ...mapping, [activityId]: target === '' ? null : target })
    // A dry run of another mapping is no longer what would be applied.
    setDryRun(undefined)
  }

  async function simulate(event: FormEvent) {
    event.preventDefault()
    setError(undefined)
    setApplied(undefined)
    setBusy(true)
    try {
      const report = await versionsApi.dryRun(id, from, to, mapping)
      setMapping({ ...mapping, ...report.mapping })
      setDryRun(report)
    } catch (failure) {
      setError({ title: 'Simulation refusée', error: failure })
    } finally {
      setBusy(false)
    }
  }

  async function apply() {
    if (!dryRun) return
    setConfirming(false)
    setError(undefined)
    setBusy(true)
    try {
      setApplied(await versionsApi.migrate(id, from, to, dryRun.mapping, dryRun.migrationId))
      setDryRun(undefined)
      onApplied()
    } catch (failure) {
      setError({ title: 'Migration refusée', error: failure })
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <form onSubmit={simulate}>
        <div className="table-wrap">
          <table className="data">
            <caption>Correspondance des activités où un dossier peut attendre (v{from} → v{to})</caption>
            <thead>
              <tr>
                <th scope="col">Activité de la version {from}</th>
                <th scope="col">Type</th>
                <th scope="col">Devient, dans la version {to}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(activity => (
                <tr key={activity.id}>
                  <th scope="row">
                    {activity.displayName ?? activity.id} <span className="small muted">({activity.id})</span>
                  </th>
                  <td>{typeOf(activity.id) ?? activity.type}</td>
                  <td>
                    <Field label={<span className="visually-hidden">Cible de « {activity.displayName ?? activity.id} »</span>}>
                      <select value={mapping[activity.id] ?? ''} onChange={event => change(activity.id, event.target.value)}>
                        <option value="">Aucune cible : les dossiers qui y attendent restent</option>
                        {targets.map(target => (
                          <option key={target.id} value={target.id}>
                            {target.displayName ?? target.id} ({target.id})
                          </option>
                        ))}
                      </select>
                    </Field>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="buttons">
          <button type="submit" disabled={busy}>
            Simulation
          </button>
          <button type="button" className="primary" disabled={busy || !dryRun} onClick={() => setConfirming(true)}>
            Appliquer la migration
          </button>
        </div>
        {!dryRun && !applied && <p className="hint">La migration s’applique après une simulation, telle que la simulation l’a décrite.</p>}
      </form>
      {error && <Refusal title={error.title} error={error.error} />}
      {dryRun && <MigrationReportView report={dryRun} />}
      {applied && <MigrationReportView report={applied} />}
      {confirming && dryRun && (
        <Dialog title="Appliquer la migration ?" onClose={() => setConfirming(false)}>
          <p>
            {dryRun.summary.migrated} dossier(s) passeront de la version {from} à la version {to} ;{' '}
            {dryRun.summary.refused} resteront sur la version {from}. Chaque dossier migré l’inscrit dans sa chronologie ;
            les tâches réémises sont retirées aux partenaires et envoyées de nouveau.
          </p>
          <div className="buttons">
            <button type="button" className="primary" onClick={apply}>
              Confirmer la migration
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Annuler
            </button>
          </div>
        </Dialog>
      )}
    </>
  )
}
