import { useState, type FormEvent } from 'react'
import { Field } from '../../components/Field'
import { versionsApi } from './api'
import { Refusal } from './Refusal'

/** A definition file (`definitions/<id>/vN.json`, or an export) read in the browser and saved as the next draft. */
export function ImportForm({ id, onImported }: { id: string; onImported: (version: number) => void }) {
  const [file, setFile] = useState<File>()
  const [error, setError] = useState<unknown>()
  const [fieldError, setFieldError] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(undefined)
    setFieldError(undefined)
    if (!file) {
      setFieldError('Choisissez un fichier JSON.')
      return
    }
    let document: unknown
    try {
      document = JSON.parse(await file.text())
    } catch {
      setFieldError('Ce fichier n’est pas du JSON lisible.')
      return
    }
    setBusy(true)
    try {
      const draft = await versionsApi.importDraft(id, document)
      onImported(draft.version)
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="import-titre">
      <h2 id="import-titre">Importer une définition</h2>
      <form className="inline-form" onSubmit={submit} noValidate>
        <Field
          label="Fichier JSON de la définition"
          hint="Il devient le prochain brouillon de ce parcours, quel que soit l’identifiant ou la version qu’il porte."
          errors={fieldError ? [fieldError] : []}
        >
          <input type="file" accept="application/json,.json" onChange={event => setFile(event.target.files?.[0])} />
        </Field>
        <button type="submit" disabled={busy}>
          Importer comme brouillon
        </button>
      </form>
      {error !== undefined && <Refusal title="Import refusé" error={error} />}
    </section>
  )
}
