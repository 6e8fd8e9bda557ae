import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { answer, api, params, query } from '../api/client'
import type { Stage } from '../api/contract'
import { Field } from '../components/Field'
import { LoadError, Loading } from '../components/Messages'
import { Page } from '../components/Page'
import { formText, formatDateTime, statusLabel, statusOptions } from '../format'
import { Link, navigate, useLocation } from '../router'
import { useUser } from '../session/SessionContext'
import { canReadPartners } from '../session/roles'
import { usePartners } from '../api/queries'

const pageSize = 25

/** The filters live in the address, so that the back button and a shared link give the same list. */
export function FileListPage() {
  const { search } = useLocation()
  const filters = {
    stage: search.get('stage') ?? '',
    status: search.get('status') ?? '',
    overdue: search.get('overdue') === 'true',
    partner: search.get('partner') ?? '',
  }
  const page = Math.max(1, Number(search.get('page') ?? '1') || 1)
  const address = `/api/files${query({ ...filters, page, pageSize })}`
  const files = useQuery({
    queryKey: ['files', address],
    queryFn: () => answer(api.GET('/api/files', { params: { query: params({ ...filters, page, pageSize }) } })),
    // The list being read keeps showing until the next one arrives.
    placeholderData: keepPreviousData,
  })
  const user = useUser()
  const choosesPartner = canReadPartners(user)
  const partners = usePartners(choosesPartner)
  // The stages met so far, offered as suggestions: the list of a pathway's stages is the designer's business.
  const [seen] = useState(() => new Map<string, Stage>())
  for (const stage of (files.data?.items ?? []).flatMap(file => file.stages)) seen.set(stage.id, stage)

  function show(next: Record<string, string | number | boolean>) {
    navigate(`/dossiers${query(next)}`)
  }

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    show({
      stage: formText(form, 'stage').trim(),
      status: formText(form, 'status'),
      overdue: form.get('overdue') === 'on',
      partner: formText(form, 'partner'),
    })
  }

  const total = files.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / pageSize))

  return (
    <Page title="Dossiers">
      <form className="filters" onSubmit={applyFilters} aria-label="Filtrer les dossiers" key={address}>
        <Field label="Étape" hint="Identifiant ou libellé proposé.">
          <input name="stage" type="text" list="etapes-connues" defaultValue={filters.stage} />
        </Field>
        <datalist id="etapes-connues">
          {[...seen.values()].map(stage => (
            <option key={stage.id} value={stage.id}>
              {stage.label}
            </option>
          ))}
        </datalist>
        <Field label="Statut">
          <select name="status" defaultValue={filters.status}>
            <option value="">Tous</option>
            {statusOptions.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        {choosesPartner && (
          <Field label="Partenaire">
            <select name="partner" defaultValue={filters.partner}>
              <option value="">Tous</option>
              {(partners.data ?? []).map(partner => (
                <option key={partner.id} value={partner.id}>
                  {partner.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <div className="field checkbox-field">
          <label>
            <input name="overdue" type="checkbox" defaultChecked={filters.overdue} /> En retard seulement
          </label>
        </div>
        <div className="buttons">
          <button type="submit" className="primary">
            Filtrer
          </button>
          <button type="button" onClick={() => show({})}>
            Effacer les filtres
          </button>
        </div>
      </form>
      {files.error && <LoadError error={files.error} />}
      {files.isPending && <Loading />}
      {files.data && (
        <>
          <p role="status">
            {total === 0 ? 'Aucun dossier ne correspond.' : `${total} dossier${total > 1 ? 's' : ''} — page ${page} sur ${pages}`}
          </p>
          {files.data.items.length > 0 && (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Dossiers</caption>
                <thead>
                  <tr>
                    <th scope="col">Dossier</th>
                    <th scope="col">Étape en cours</th>
                    <th scope="col">Statut</th>
                    <th scope="col">Ouvert le</th>
                    <th scope="col">Prochaine échéance</th>
                    <th scope="col">Tâches ouvertes</th>
                    <th scope="col">Escalades</th>
                    <th scope="col">Doublons</th>
                  </tr>
                </thead>
                <tbody>
                  {files.data.items.map(file => (
                    <tr key={file.id}>
                      <th scope="row">
                        <Link to={`/dossiers/${encodeURIComponent(file.id)}`}>{file.id}</Link>
                      </th>
                      <td>{file.stages.map(stage => stage.label).join(', ') || '—'}</td>
                      <td>{statusLabel(file.status)}</td>
                      <td>{formatDateTime(file.openedAt)}</td>
                      <td>
                        {formatDateTime(file.nextDueAt)}
                        {file.overdue && <span className="badge late">En retard</span>}
                      </td>
                      <td>{file.openTasks}</td>
                      <td>{file.openEscalations}</td>
                      <td>{file.duplicates > 0 ? <span className="badge warn">{file.duplicates}</span> : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <nav className="pager" aria-label="Pages de la liste">
              <button type="button" disabled={page <= 1} onClick={() => show({ ...filters, page: page - 1 })}>
                Page précédente
              </button>
              <span>
                Page {page} sur {pages}
              </span>
              <button type="button" disabled={page >= pages} onClick={() => show({ ...filters, page: page + 1 })}>
                Page suivante
              </button>
            </nav>
          )}
        </>
      )}
    </Page>
  )
}
