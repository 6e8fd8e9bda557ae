import { useQuery } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Partner } from '../api/contract'
import { Page } from '../components/Page'
import { LoadError, Loading } from '../components/Messages'
import { Link, navigate } from '../router'
import { designerApi, definitionErrorsOf } from './api'
import { Canvas } from './Canvas'
import { ErrorList } from './ErrorList'
import { placeErrors, type PlacedError } from './errors'
import { useHistory } from './history'
import { automaticLayout, laneOf, placeNew, stagesOf, type Point } from './layout'
import { freshId, outcomesOf, statusLabel, type Activity, type DefinitionDocument } from './model'
import type { CatalogueEntry, VersionSummary } from '../api/contract'
import { Palette } from './Palette'
import { PropertyPanel } from './PropertyPanel'
import { VariablesEditor } from './VariablesEditor'
import './designer.css'

/** /conception/{id}/{version}: the editor of one version (read-only unless it is a draft). */
export default function EditorPage({ id, version }: { id: string; version: number }) {
  const [reloads, setReloads] = useState(0)
  // One read of all the editor needs, again after a publication (a new key: the editor starts afresh).
  const { data, error } = useQuery({
    queryKey: ['editor', id, version, reloads],
    queryFn: () =>
      Promise.all([
        designerApi.definitions(),
        designerApi.document(id, version),
        designerApi.catalogue(),
        designerApi.partners(),
      ]),
    // The editor owns the document once read: a later read must not replace what is being edited.
    staleTime: Infinity,
    gcTime: 0,
  })
  if (error) return <Page title="Conception"><LoadError error={error} /></Page>
  if (!data) return <Page title="Conception"><Loading /></Page>
  const [definitions, document, catalogue, partners] = data
  const summary = definitions.find(d => d.id === id)?.versions.find(v => v.version === version)
  return (
    <Editor
      key={`${id}/${version}/${reloads}`}
      initial={document}
      summary={summary}
      catalogue={catalogue}
      partners={partners}
      onPublished={() => setReloads(n => n + 1)}
    />
  )
}

type SaveState = 'idle' | 'saving' | 'saved' | 'failed'

function Editor({
  initial,
  summary,
  catalogue,
  partners,
  onPublished,
}: {
  initial: DefinitionDocument
  summary: VersionSummary | undefined
  catalogue: CatalogueEntry[]
  partners: Partner[]
  onPublished: () => void
}) {
  const readOnly = summary?.status !== 'draft'
  const history = useHistory(initial)
  const document = history.present
  const [positions, setPositions] = useState<Record<string, Point>>(() => automaticLayout(initial))
  const [selected, setSelected] = useState<string>()
  const [errors, setErrors] = useState<PlacedError[]>([])
  const [saveState, setSaveState] = useState<SaveState>('idle')
  const [publishRefused, setPublishRefused] = useState(false)
  const [notice, setNotice] = useState<string>()
  const [stage, setStage] = useState(() => stagesOf(initial)[0]?.id ?? '')
  const entries = useMemo(() => new Map(catalogue.map(entry => [entry.type, entry])), [catalogue])
  const saved = useRef<Promise<unknown>>(Promise.resolve())

  // Validation as the owner edits: the draft is saved (saved even when invalid) and the server's errors come back,
  // so the rules are exactly the ones publishing applies. Debounced: one request per pause in typing.
  useEffect(() => {
    if (readOnly) return
    // The save state follows the document being edited: « saving » as soon as it changed, before the pause.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSaveState('saving')
    const timer = setTimeout(() => {
      const sent = document
      const request = designerApi.save(sent).then(
        result => {
          setErrors(placeErrors(sent, result.errors))
          setSaveState('saved')
        },
        failure => {
          const list = definitionErrorsOf(failure)
          if (list) setErrors(placeErrors(sent, list))
          setSaveState('failed')
        },
      )
      saved.current = request
    }, 400)
    return () => clearTimeout(timer)
  }, [document, readOnly])

  const errorCounts = useMemo(() => {
    const counts = new Map<string, number>()
    for (const error of errors) if (error.activity) counts.set(error.activity, (counts.get(error.activity) ?? 0) + 1)
    return counts
  }, [errors])

  const activity = document.activities.find(a => a.id === selected)

  const { change } = history
  const updateActivity = useCallback(
    (id: string, update: (activity: Activity) => Activity, key: string) =>
      change(doc => ({ ...doc, activities: doc.activities.map(a => (a.id === id ? update(a) : a)) }), key),
    [change],
  )

  const connect = useCallback(
    (source: string, outcome: string, target: string | undefined) =>
      change(doc => ({
        ...doc,
        connections: [
          ...doc.connections.filter(c => !(c.source === source && c.outcome === outcome)),
          ...(target ? [{ source, outcome, target }] : []),
        ],
      })),
    [change],
  )

  function connectByDrag(source: string, target: string) {
    const from = document.activities.find(a => a.id === source)
    if (!from) return
    const free = outcomesOf(from, entries.get(from.type)).find(o => !document.connections.some(c => c.source === source && c.outcome === o))
    if (free) connect(source, free, target)
    else setNotice('Toutes les issues de cette activité sont déjà reliées : changez une suite dans le panneau des propriétés.')
  }

  function add(entry: CatalogueEntry) {
    const id = freshId(document, entry.type)
    const activity: Activity = { id, type: entry.type, displayName: entry.label, ...(stage ? { stage } : {}) }
    setPositions(current => ({ ...current, [id]: placeNew(document, current, laneOf(document, stage)) }))
    history.change(doc => ({ ...doc, activities: [...doc.activities, activity] }))
    setSelected(id)
    setNotice(`${entry.label} ajoutée : ses propriétés sont à droite.`)
  }

  function remove(id: string) {
    history.change(doc => ({
      ...doc,
      activities: doc.activities.filter(a => a.id !== id),
      connections: doc.connections.filter(c => c.source !== id && c.target !== id),
    }))
    setSelected(undefined)
    setNotice('Activité supprimée (Ctrl+Z pour annuler).')
  }

  async function publish() {
    setNotice(undefined)
    await saved.current
    try {
      await designerApi.save(document)
      await designerApi.publish(document.id, document.version)
      onPublished()
    } catch (failure) {
      const list = definitionErrorsOf(failure)
      if (list) {
        setErrors(placeErrors(document, list))
        setPublishRefused(true)
      } else setNotice('La publication a échoué : réessayez.')
    }
  }

  async function newDraft() {
    const draft = await designerApi.draftFrom(document.id, document.version)
    navigate(`/conception/${encodeURIComponent(document.id)}/${draft.version}`)
  }

  function focusActivity(id: string) {
    setSelected(id)
    window.document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.focus()
  }

  // Keyboard: Ctrl+Z undoes, Ctrl+Shift+Z (or Ctrl+Y) redoes, Delete removes the focused activity. In a text field
  // the browser's own undo is left alone.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement
      const typing = target.closest('input, textarea, select, [contenteditable]') !== null
      if (readOnly || typing) return
      const key = event.key.toLowerCase()
      if ((event.ctrlKey || event.metaKey) && key === 'z') {
        event.preventDefault()
        if (event.shiftKey) history.redo()
        else history.undo()
      } else if ((event.ctrlKey || event.metaKey) && key === 'y') {
        event.preventDefault()
        history.redo()
      } else if ((key === 'delete' || key === 'backspace') && selected && target.closest('.react-flow__node')) {
        event.preventDefault()
        remove(selected)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  const status = summary ? statusLabel(summary.status) : 'Statut inconnu'
  return (
    <Page
      title={`${document.name} — v${document.version}`}
      actions={
        <div className="toolbar" role="toolbar" aria-label="Actions sur la version">
          <span className={`status status-${summary?.status}`}>{status}</span>
          {readOnly ? (
            <button type="button" onClick={newDraft}>
              Nouveau brouillon
            </button>
          ) : (
            <>
              <button type="button" className="quiet" onClick={history.undo} disabled={!history.canUndo} aria-keyshortcuts="Control+Z">
                Annuler
              </button>
              <button type="button" className="quiet" onClick={history.redo} disabled={!history.canRedo} aria-keyshortcuts="Control+Shift+Z">
                Rétablir
              </button>
              <span className="save-state" role="status">
                {saveState === 'saving' ? 'Vérification…' : saveState === 'saved' ? `Enregistré · ${errors.length === 0 ? 'aucune erreur' : `${errors.length} erreur(s)`}` : saveState === 'failed' ? 'Non enregistré' : ''}
              </span>
              <button type="button" onClick={publish}>
                Publier
              </button>
            </>
          )}
        </div>
      }
    >
      <p>
        <Link to="/conception">Toutes les définitions</Link>
      </p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {!readOnly && (
        <ErrorList
          errors={errors}
          document={document}
          refused={publishRefused}
          onFocusActivity={focusActivity}
          onFocusVariables={() => {
            setSelected(undefined)
            requestAnimationFrame(() => window.document.getElementById('variables-titre')?.scrollIntoView())
          }}
        />
      )}
      <div className="designer">
        {!readOnly && <Palette catalogue={catalogue} stages={stagesOf(document)} stage={stage} onStage={setStage} onAdd={add} />}
        <Canvas
          document={document}
          catalogue={entries}
          positions={positions}
          selected={selected}
          errorCounts={errorCounts}
          readOnly={readOnly}
          onSelect={setSelected}
          onMove={(id, point) => setPositions(current => ({ ...current, [id]: point }))}
          onConnect={connectByDrag}
        />
        <div className="side">
          {activity ? (
            <>
              <button type="button" className="quiet" onClick={() => setSelected(undefined)}>
                Voir les variables
              </button>
              <PropertyPanel
                key={activity.id}
                document={document}
                activity={activity}
                entry={entries.get(activity.type)}
                errors={errors.filter(error => error.activity === activity.id)}
                context={{ variables: document.variables ?? [], partners, activities: document.activities, readOnly }}
                onChange={(update, key) => updateActivity(activity.id, update, key)}
                onConnect={(outcome, target) => connect(activity.id, outcome, target)}
                onDelete={() => remove(activity.id)}
              />
            </>
          ) : (
            <VariablesEditor
              variables={document.variables ?? []}
              errors={errors}
              readOnly={readOnly}
              onChange={(update, key) => history.change(doc => ({ ...doc, variables: update(doc.variables ?? []) }), key)}
            />
          )}
        </div>
      </div>
    </Page>
  )
}
