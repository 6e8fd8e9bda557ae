import { useState, type FormEvent } from 'react'
import { answer, api, keyed } from '../api/client'
import type { DangerLevel, IntakeOpened, IntakeOrigin, IntakeRequest } from '../api/contract'
import { Field, FormErrors } from '../components/Field'
import { Page } from '../components/Page'
import { useSubmission } from '../components/useForm'
import { dangerLabels, matchLabels, originLabels } from '../format'
import { Link } from '../router'
import { useUser } from '../session/SessionContext'
import { hasAny } from '../session/roles'

const fields = [
  'origin', 'receivedAt', 'reporter.name', 'reporter.organisation', 'reporter.phone', 'reporter.email',
  'minor.givenName', 'minor.familyName', 'minor.birthDate', 'minor.address', 'facts', 'dangerLevel',
]

const today = () => new Date().toISOString().slice(0, 10)

function blank() {
  return {
    origin: 'information-preoccupante' as IntakeOrigin,
    receivedAt: today(),
    reporterName: '', reporterOrganisation: '', reporterPhone: '', reporterEmail: '',
    givenName: '', familyName: '', birthDate: '', address: '',
    facts: '',
    dangerLevel: '' as DangerLevel | '',
  }
}

/** A signalement or an information préoccupante: it opens a file on the latest published pathway. */
export function IntakePage() {
  const user = useUser()
  const [values, setValues] = useState(blank)
  const [opened, setOpened] = useState<IntakeOpened>()
  const form = useSubmission(fields)
  const set = (name: keyof ReturnType<typeof blank>) => (event: { target: { value: string } }) =>
    setValues(current => ({ ...current, [name]: event.target.value }))

  function check(): Record<string, string> {
    const problems: Record<string, string> = {}
    if (!values.receivedAt) problems.receivedAt = 'Indiquez la date de réception.'
    if (!values.givenName.trim()) problems['minor.givenName'] = 'Indiquez le prénom du mineur.'
    if (!values.familyName.trim()) problems['minor.familyName'] = 'Indiquez le nom du mineur.'
    if (!values.birthDate) problems['minor.birthDate'] = 'Indiquez la date de naissance du mineur.'
    if (!values.reporterName.trim()) problems['reporter.name'] = 'Indiquez le nom du déclarant.'
    if (!values.reporterOrganisation.trim()) problems['reporter.organisation'] = 'Indiquez l’organisme du déclarant.'
    if (!values.facts.trim()) problems.facts = 'Décrivez les faits rapportés.'
    if (!values.dangerLevel) problems.dangerLevel = 'Choisissez le niveau de danger.'
    if (values.reporterEmail && !/^[^@\s]+@[^@\s]+$/.test(values.reporterEmail)) problems['reporter.email'] = 'Adresse électronique invalide.'
    return problems
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    setOpened(undefined)
    void form.submit(check, async key => {
      const optional = (text: string) => (text.trim() ? text.trim() : null)
      const request: IntakeRequest = {
        origin: values.origin,
        receivedAt: values.receivedAt,
        reporter: {
          name: values.reporterName.trim(),
          organisation: values.reporterOrganisation.trim(),
          phone: optional(values.reporterPhone),
          email: optional(values.reporterEmail),
        },
        minor: {
          givenName: values.givenName.trim(),
          familyName: values.familyName.trim(),
          birthDate: values.birthDate,
          address: optional(values.address),
        },
        facts: values.facts.trim(),
        dangerLevel: values.dangerLevel,
      }
      setOpened(await answer(api.POST('/api/intake', { body: request, headers: keyed(key) })))
      setValues(blank())
      setTimeout(() => document.getElementById('dossier-ouvert')?.focus(), 0)
    })
  }

  const seesFiles = hasAny(user, ['coordinator', 'ase-inspector'])

  return (
    <Page title="Nouveau signalement">
      {opened && (
        <div className="alert success-box" id="dossier-ouvert" tabIndex={-1} role="status">
          <p>
            <strong>Dossier {opened.fileId} ouvert</strong> (parcours {opened.definitionId}, version {opened.version}).
            {seesFiles && (
              <>
                {' '}
                <Link to={`/dossiers/${encodeURIComponent(opened.fileId)}`}>Voir le dossier</Link>
              </>
            )}
          </p>
          {opened.duplicates.length > 0 && (
            <>
              <p>
                <strong>Doublon possible :</strong> ce mineur semble déjà suivi. Les dossiers sont signalés l’un à
                l’autre, jamais fusionnés.
              </p>
              <ul>
                {opened.duplicates.map(duplicate => (
                  <li key={duplicate.fileId}>
                    Dossier {duplicate.fileId} — {matchLabels[duplicate.match] ?? duplicate.match}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <form onSubmit={submit} noValidate className="intake">
        <FormErrors errors={form.formErrors} />
        <fieldset>
          <legend>Réception</legend>
          <div className="field">
            <fieldset className="inline" aria-describedby={form.errors('origin').length ? 'origine-erreur' : undefined}>
              <legend>Origine</legend>
              {(Object.keys(originLabels) as IntakeOrigin[]).map(origin => (
                <label key={origin}>
                  <input type="radio" name="origin" value={origin} checked={values.origin === origin} onChange={set('origin')} />
                  {originLabels[origin]}
                </label>
              ))}
              {form.errors('origin').length > 0 && <p className="error" id="origine-erreur">{form.errors('origin').join(' ')}</p>}
            </fieldset>
          </div>
          <Field label="Reçu le" required errors={form.errors('receivedAt')}>
            <input type="date" value={values.receivedAt} onChange={set('receivedAt')} max={today()} />
          </Field>
          <Field label="Niveau de danger" required errors={form.errors('dangerLevel')}>
            <select value={values.dangerLevel} onChange={set('dangerLevel')}>
              <option value="">— Choisir —</option>
              {(Object.keys(dangerLabels) as DangerLevel[]).map(level => (
                <option key={level} value={level}>
                  {dangerLabels[level]}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
        <fieldset>
          <legend>Mineur concerné</legend>
          <Field label="Prénom" required errors={form.errors('minor.givenName')}>
            <input type="text" autoComplete="off" value={values.givenName} onChange={set('givenName')} />
          </Field>
          <Field label="Nom" required errors={form.errors('minor.familyName')}>
            <input type="text" autoComplete="off" value={values.familyName} onChange={set('familyName')} />
          </Field>
          <Field label="Date de naissance" required errors={form.errors('minor.birthDate')}>
            <input type="date" value={values.birthDate} onChange={set('birthDate')} max={today()} />
          </Field>
          <Field label="Adresse" errors={form.errors('minor.address')}>
            <input type="text" autoComplete="off" value={values.address} onChange={set('address')} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>Déclarant</legend>
          <Field label="Nom" required errors={form.errors('reporter.name')}>
            <input type="text" autoComplete="off" value={values.reporterName} onChange={set('reporterName')} />
          </Field>
          <Field label="Organisme" required errors={form.errors('reporter.organisation')}>
            <input type="text" value={values.reporterOrganisation} onChange={set('reporterOrganisation')} />
          </Field>
          <Field label="Téléphone" errors={form.errors('reporter.phone')}>
            <input type="tel" autoComplete="off" value={values.reporterPhone} onChange={set('reporterPhone')} />
          </Field>
          <Field label="Courriel" errors={form.errors('reporter.email')}>
            <input type="email" autoComplete="off" value={values.reporterEmail} onChange={set('reporterEmail')} />
          </Field>
        </fieldset>
        <Field label="Faits rapportés" required errors={form.errors('facts')}>
          <textarea rows={6} value={values.facts} onChange={set('facts')} />
        </Field>
        <button type="submit" className="primary" disabled={form.pending}>
          Enregistrer et ouvrir le dossier
        </button>
      </form>
    </Page>
  )
}
