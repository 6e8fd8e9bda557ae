import { useState, type FormEvent } from 'react'
import { api, keyed } from '../api/client'
import { Field, FormErrors } from '../components/Field'
import { useSubmission } from '../components/useForm'

export function NoteForm({ fileId, onAdded }: { fileId: string; onAdded: () => void }) {
  const [text, setText] = useState('')
  const form = useSubmission(['text'])

  function submit(event: FormEvent) {
    event.preventDefault()
    void form.submit(
      (): Record<string, string> => (text.trim() ? {} : { text: 'Écrivez la note avant de l’ajouter.' }),
      async key => {
        await api.POST('/api/files/{id}/notes', { params: { path: { id: fileId } }, headers: keyed(key), body: { text: text.trim() } })
        setText('')
        onAdded()
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormErrors errors={form.formErrors} />
      <Field label="Nouvelle note" hint="Chiffrée dans la base ; visible de la coordination et de l’inspection ASE." errors={form.errors('text')}>
        <textarea rows={3} value={text} onChange={event => setText(event.target.value)} />
      </Field>
      <button type="submit" className="primary" disabled={form.pending}>
        Ajouter la note
      </button>
    </form>
  )
}
