import { useState, type FormEvent, type ComponentType, type ReactNode } from 'react'
import { api, keyed } from '../api/client'
import type { Escalation } from '../api/contract'
import { usePartners } from '../api/queries'
import { Field, FormErrors } from '../components/Field'
import { useSubmission } from '../components/useForm'
import { plural } from '../format'

interface FormProps {
  escalation: Escalation
  onDone: (message: string) => void
  onBack: () => void
}

/** What the coordinator can do on an escalation (docs/api.md, Escalations), each a small form. */
export interface Action {
  label: string
  description: string
  available(escalation: Escalation): boolean
  Form: ComponentType<FormProps>
}

const withPartner = (escalation: Escalation) => escalation.partner !== null

export const actions: Action[] = [
  {
    label: 'Prendre en charge',
    description: 'Quelqu’un s’en occupe : l’escalade ne montera pas au niveau 2.',
    available: escalation => !escalation.acknowledged,
    Form: Acknowledge,
  },
  {
    label: 'Relancer le partenaire',
    description: 'Le partenaire reçoit une relance maintenant.',
    available: withPartner,
    Form: Remind,
  },
  {
    label: 'Prolonger le délai',
    description: 'Le partenaire dispose de plus de temps ; le motif est inscrit au dossier.',
    available: escalation => escalation.task !== null,
    Form: Extend,
  },
  {
    label: 'Réattribuer',
    description: 'La tâche est retirée à ce partenaire et confiée à un autre.',
    available: escalation => escalation.task !== null,
    Form: Reassign,
  },
  {
    label: 'Réunion flash',
    description: 'Convoquer plusieurs partenaires : chacun reçoit la convocation.',
    available: () => true,
    Form: Convene,
  },
  {
    label: 'Clore',
    description: 'L’escalade est close.',
    available: () => true,
    Form: Resolve,
  },
]

/** The escalation's address and the action's Idempotency-Key, for a typed call. */
const target = (escalation: Escalation, key: string) => ({ params: { path: { id: escalation.id } }, headers: keyed(key) })

function ActionForm({
  submitLabel,
  pending,
  formErrors,
  onSubmit,
  onBack,
  children,
}: {
  submitLabel: string
  pending: boolean
  formErrors: string[]
  onSubmit: () => void
  onBack: () => void
  children?: ReactNode
}) {
  function submit(event: FormEvent) {
    event.preventDefault()
    onSubmit()
  }
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors errors={formErrors} />
      {children}
      <div className="buttons">
        <button type="submit" className="primary" disabled={pending}>
          {submitLabel}
        </button>
        <button type="button" onClick={onBack}>
          Retour
        </button>
      </div>
    </form>
  )
}

function Acknowledge({ escalation, onDone, onBack }: FormProps) {
  const form = useSubmission([])
  return (
    <ActionForm
      submitLabel="Confirmer la prise en charge"
      pending={form.pending}
      formErrors={form.formErrors}
      onBack={onBack}
      onSubmit={() =>
        form.submit(
          () => ({}),
          async key => {
            await api.POST('/api/escalations/{id}/acknowledge', target(escalation, key))
            onDone(`Escalade du dossier ${escalation.fileId} prise en charge.`)
          },
        )
      }
    />
  )
}

function Remind({ escalation, onDone, onBack }: FormProps) {
  const [message, setMessage] = useState('')
  const form = useSubmission(['message'])
  return (
    <ActionForm
      submitLabel="Envoyer la relance"
      pending={form.pending}
      formErrors={form.formErrors}
      onBack={onBack}
      onSubmit={() =>
        form.submit(
          () => ({}),
          async key => {
            await api.POST('/api/escalations/{id}/remind', { ...target(escalation, key), body: { message: message.trim() || null } })
            onDone(`${escalation.partner?.name ?? 'Le partenaire'} a été relancé.`)
          },
        )
      }
    >
      <Field label="Message au partenaire" hint="Facultatif." errors={form.errors('message')}>
        <textarea rows={3} value={message} onChange={event => setMessage(event.target.value)} />
      </Field>
    </ActionForm>
  )
}

function Extend({ escalation, onDone, onBack }: FormProps) {
  const [days, setDays] = useState('')
  const [reason, setReason] = useState('')
  const form = useSubmission(['extension', 'reason'])
  const count = Number(days)
  return (
    <ActionForm
      submitLabel="Prolonger le délai"
      pending={form.pending}
      formErrors={form.formErrors}
      onBack={onBack}
      onSubmit={() =>
        form.submit(
          () => ({
            ...(!Number.isInteger(count) || count < 1 || count > 365
              ? { extension: 'Indiquez un nombre de jours entre 1 et 365.' }
              : {}),
            ...(reason.trim() ? {} : { reason: 'Indiquez le motif de la prolongation.' }),
          }),
          async key => {
            await api.POST('/api/escalations/{id}/extend', { ...target(escalation, key), body: { extension: `P${count}D`, reason: reason.trim() } })
            onDone(`Délai prolongé de ${plural(count, 'jour', 'jours')} pour le dossier ${escalation.fileId}.`)
          },
        )
      }
    >
      <Field label="Prolongation, en jours" required errors={form.errors('extension')}>
        <input type="number" inputMode="numeric" min={1} max={365} value={days} onChange={event => setDays(event.target.value)} />
      </Field>
      <Field label="Motif" required hint="Inscrit dans la chronologie du dossier." errors={form.errors('reason')}>
        <textarea rows={3} value={reason} onChange={event => setReason(event.target.value)} />
      </Field>
    </ActionForm>
  )
}

function Reassign({ escalation, onDone, onBack }: FormProps) {
  const partners = usePartners()
  const [partner, setPartner] = useState('')
  const [reason, setReason] = useState('')
  const form = useSubmission(['partner', 'reason'])
  const others = (partners.data ?? []).filter(candidate => candidate.id !== escalation.partner?.id)
  return (
    <ActionForm
      submitLabel="Réattribuer la tâche"
      pending={form.pending}
      formErrors={form.formErrors}
      onBack={onBack}
      onSubmit={() =>
        form.submit(
          () => ({
            ...(partner ? {} : { partner: 'Choisissez le partenaire à qui confier la tâche.' }),
            ...(reason.trim() ? {} : { reason: 'Indiquez le motif de la réattribution.' }),
          }),
          async key => {
            await api.POST('/api/escalations/{id}/reassign', { ...target(escalation, key), body: { partner, reason: reason.trim() } })
            const name = others.find(candidate => candidate.id === partner)?.name ?? partner
            onDone(`Tâche du dossier ${escalation.fileId} confiée à ${name}.`)
          },
        )
      }
    >
      <Field label="Nouveau partenaire" required errors={form.errors('partner')}>
        <select value={partner} onChange={event => setPartner(event.target.value)}>
          <option value="">— Choisir —</option>
          {others.map(candidate => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Motif" required errors={form.errors('reason')}>
        <textarea rows={3} value={reason} onChange={event => setReason(event.target.value)} />
      </Field>
    </ActionForm>
  )
}

function Convene({ escalation, onDone, onBack }: FormProps) {
  const partners = usePartners()
  const [chosen, setChosen] = useState<string[]>(escalation.partner ? [escalation.partner.id] : [])
  const [at, setAt] = useState('')
  const [place, setPlace] = useState('')
  const [agenda, setAgenda] = useState('')
  const form = useSubmission(['partners', 'at', 'place', 'agenda'])
  const partnerErrors = form.errors('partners')
  return (
    <ActionForm
      submitLabel="Convoquer la réunion"
      pending={form.pending}
      formErrors={form.formErrors}
      onBack={onBack}
      onSubmit={() =>
        form.submit(
          () => ({
            ...(chosen.length >= 1 ? {} : { partners: 'Choisissez au moins un partenaire.' }),
            ...(at ? {} : { at: 'Indiquez la date et l’heure de la réunion.' }),
            ...(place.trim() ? {} : { place: 'Indiquez le lieu.' }),
            ...(agenda.trim() ? {} : { agenda: 'Indiquez l’ordre du jour.' }),
          }),
          async key => {
            const meeting = { partners: chosen, at: new Date(at).toISOString(), place: place.trim(), agenda: agenda.trim() }
            await api.POST('/api/escalations/{id}/convene', { ...target(escalation, key), body: meeting })
            onDone(`Réunion flash convoquée : ${plural(chosen.length, 'partenaire', 'partenaires')}.`)
          },
        )
      }
    >
      <fieldset
        className={partnerErrors.length > 0 ? 'field invalid' : 'field'}
        aria-describedby={partnerErrors.length > 0 ? 'reunion-partenaires-erreur' : undefined}
      >
        <legend>
          Partenaires convoqués<span className="required"> (obligatoire)</span>
        </legend>
        <div className="checkboxes">
          {(partners.data ?? []).map(partner => (
            <label key={partner.id}>
              <input
                type="checkbox"
                checked={chosen.includes(partner.id)}
                onChange={event =>
                  setChosen(event.target.checked ? [...chosen, partner.id] : chosen.filter(id => id !== partner.id))
                }
              />
              {partner.name}
            </label>
          ))}
        </div>
        {partnerErrors.length > 0 && (
          <p className="error" id="reunion-partenaires-erreur">
            {partnerErrors.join(' ')}
          </p>
        )}
      </fieldset>
      <Field label="Date et heure" required errors={form.errors('at')}>
        <input type="datetime-local" value={at} onChange={event => setAt(event.target.value)} />
      </Field>
      <Field label="Lieu" required errors={form.errors('place')}>
        <input type="text" value={place} onChange={event => setPlace(event.target.value)} />
      </Field>
      <Field label="Ordre du jour" required errors={form.errors('agenda')}>
        <textarea rows={3} value={agenda} onChange={event => setAgenda(event.target.value)} />
      </Field>
    </ActionForm>
  )
}

function Resolve({ escalation, onDone, onBack }: FormProps) {
  const [reason, setReason] = useState('')
  const form = useSubmission(['reason'])
  return (
    <ActionForm
      submitLabel="Clore l’escalade"
      pending={form.pending}
      formErrors={form.formErrors}
      onBack={onBack}
      onSubmit={() =>
        form.submit(
          () => ({}),
          async key => {
            await api.POST('/api/escalations/{id}/resolve', { ...target(escalation, key), body: { reason: reason.trim() || null } })
            onDone(`Escalade du dossier ${escalation.fileId} close.`)
          },
        )
      }
    >
      <Field label="Motif" hint="Facultatif." errors={form.errors('reason')}>
        <textarea rows={3} value={reason} onChange={event => setReason(event.target.value)} />
      </Field>
    </ActionForm>
  )
}
