import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { answer, api, download, query } from '../api/client'
import type { Statistics } from '../api/contract'
import { Field } from '../components/Field'
import { LoadError, Loading } from '../components/Messages'
import { Page } from '../components/Page'
import { formText, formatCount, formatDays, formatMonth } from '../format'
import { useUser } from '../session/SessionContext'
import { canExportPseudonymised } from '../session/roles'
import { ChartFigure } from './Chart'

const thisYear = new Date().getFullYear()
const thisMonth = new Date().toISOString().slice(0, 7)

/** The Observatoire's indicators: counts from 1 to 4, and figures on fewer than 5 files, are never published. */
export function ObservatoryPage() {
  const user = useUser()
  const [period, setPeriod] = useState({ from: `${thisYear}-01`, to: thisMonth })
  const statistics = useQuery({
    queryKey: ['observatory', period],
    queryFn: () => answer(api.GET('/api/observatory/statistics', { params: { query: period } })),
    placeholderData: keepPreviousData,
  })

  function choosePeriod(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const from = formText(form, 'from') || period.from
    const to = formText(form, 'to') || period.to
    setPeriod(from <= to ? { from, to } : { from: to, to: from })
  }

  return (
    <Page title="Observatoire">
      <p className="hint">
        Indicateurs du parcours, sans donnée nominative. Les effectifs de 1 à 4 sont remplacés par « &lt; 5 » et les
        durées calculées sur moins de 5 dossiers ne sont pas diffusées.
      </p>
      <form className="filters" onSubmit={choosePeriod} aria-label="Période">
        <Field label="Du mois">
          <input name="from" type="month" defaultValue={period.from} />
        </Field>
        <Field label="Au mois">
          <input name="to" type="month" defaultValue={period.to} />
        </Field>
        <div className="buttons">
          <button type="submit" className="primary">
            Afficher
          </button>
        </div>
      </form>
      <Downloads period={period} exportAllowed={canExportPseudonymised(user)} />
      {statistics.error && <LoadError error={statistics.error} />}
      {statistics.isPending && <Loading />}
      {statistics.data && <Indicators statistics={statistics.data} />}
    </Page>
  )
}

function Downloads({ period, exportAllowed }: { period: { from: string; to: string }; exportAllowed: boolean }) {
  const [year, setYear] = useState(thisYear - 1)
  const [failure, setFailure] = useState<unknown>()
  const csv = `/api/observatory/statistics.csv${query(period)}`
  const yearly = `/api/observatory/export/${year}`

  function fetchFile(path: string, name: string) {
    setFailure(undefined)
    download(path, name).catch(setFailure)
  }

  return (
    <section aria-labelledby="telechargements" className="downloads">
      <h2 id="telechargements">Téléchargements</h2>
      {failure !== undefined && <LoadError error={failure} />}
      <p>
        <a
          href={csv}
          onClick={event => {
            event.preventDefault()
            fetchFile(csv, `observatoire-${period.from}-${period.to}.csv`)
          }}
        >
          Télécharger ces indicateurs (CSV)
        </a>
      </p>
      {exportAllowed && (
        <form
          className="inline-form"
          onSubmit={event => {
            event.preventDefault()
            fetchFile(yearly, `export-pseudonymise-${year}.csv`)
          }}
        >
          <Field label="Année de l’export pseudonymisé" hint="Une ligne par dossier ouvert dans l’année ; chaque mineur y est un code irréversible.">
            <input type="number" min={2020} max={thisYear} value={year} onChange={event => setYear(Number(event.target.value))} />
          </Field>
          <button type="submit">Télécharger l’export pseudonymisé {year}</button>
        </form>
      )}
    </section>
  )
}

function Indicators({ statistics }: { statistics: Statistics }) {
  const byMonth = (rows: { month: string; count: number | null }[]) => rows.map(row => ({ ...row, mois: formatMonth(row.month) }))
  const first = statistics.timeToFirstMeasure
  return (
    <div className="charts">
      <ChartFigure
        title="Dossiers ouverts par mois"
        rows={byMonth(statistics.filesOpened)}
        category="mois"
        categoryLabel="Mois"
        series={[{ key: 'count', label: 'Dossiers ouverts' }]}
        format={formatCount}
      />
      <ChartFigure
        title="Délai du signalement à la première mesure"
        description={
          first.files === null
            ? 'Calculé sur moins de 5 dossiers : non diffusé.'
            : first.files === 0
              ? 'Aucun dossier n’a reçu de première mesure sur la période.'
              : `Calculé sur ${first.files} dossiers ayant reçu une première mesure.`
        }
        rows={[{ indicateur: 'Délai en jours', medianDays: first.medianDays, p90Days: first.p90Days }]}
        category="indicateur"
        categoryLabel="Indicateur"
        series={[
          { key: 'medianDays', label: 'Médiane' },
          { key: 'p90Days', label: '90e centile' },
        ]}
        format={formatDays}
        unit=" j"
      />
      <ChartFigure
        title="Échéances dépassées par étape"
        horizontal
        rows={statistics.missedDeadlines.byStage}
        category="label"
        categoryLabel="Étape"
        series={[{ key: 'count', label: 'Échéances dépassées' }]}
        format={formatCount}
      />
      <ChartFigure
        title="Échéances dépassées par partenaire"
        horizontal
        rows={statistics.missedDeadlines.byPartner}
        category="name"
        categoryLabel="Partenaire"
        series={[{ key: 'count', label: 'Échéances dépassées' }]}
        format={formatCount}
      />
      <ChartFigure
        title="Fugues par mois"
        rows={byMonth(statistics.runaways)}
        category="mois"
        categoryLabel="Mois"
        series={[{ key: 'count', label: 'Fugues' }]}
        format={formatCount}
      />
      <ChartFigure
        title="Temps passé par étape"
        horizontal
        description="En jours, sur les dossiers passés par l’étape."
        rows={statistics.timePerStage}
        category="label"
        categoryLabel="Étape"
        series={[
          { key: 'medianDays', label: 'Médiane' },
          { key: 'p90Days', label: '90e centile' },
        ]}
        format={formatDays}
        unit=" j"
      />
    </div>
  )
}
