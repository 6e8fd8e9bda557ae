import { messageOf, type PlacedError } from './errors'
import type { DefinitionDocument } from './model'

/** Every error of the version; choosing one focuses the activity (or the variables) it belongs to. */
export function ErrorList({
  errors,
  document,
  refused,
  onFocusActivity,
  onFocusVariables,
}: {
  errors: PlacedError[]
  document: DefinitionDocument
  refused: boolean
  onFocusActivity: (id: string) => void
  onFocusVariables: () => void
}) {
  if (errors.length === 0) return null
  const names = new Map(document.activities.map(a => [a.id, a.displayName || a.id]))
  return (
    <section className={refused ? 'alert error-box errors' : 'errors'} role={refused ? 'alert' : undefined} aria-labelledby="erreurs-titre">
      <h2 id="erreurs-titre">
        {refused ? 'Publication refusée : ' : ''}
        {errors.length} erreur(s) à corriger
      </h2>
      <ul>
        {errors.map((error, index) => (
          <li key={index}>
            {error.activity ? (
              <button type="button" className="link" onClick={() => onFocusActivity(error.activity!)}>
                {names.get(error.activity) ?? error.activity}
              </button>
            ) : error.variable !== undefined ? (
              <button type="button" className="link" onClick={onFocusVariables}>
                Variables
              </button>
            ) : (
              <span>Définition</span>
            )}{' '}
            : {messageOf(error)}
          </li>
        ))}
      </ul>
    </section>
  )
}
