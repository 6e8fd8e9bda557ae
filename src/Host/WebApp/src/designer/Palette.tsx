import type { CatalogueEntry } from '../api/contract'

/** The activity catalogue (GET /api/catalogue), by category: a button adds the activity to the chosen stage. */
export function Palette({
  catalogue,
  stages,
  stage,
  onStage,
  onAdd,
}: {
  catalogue: CatalogueEntry[]
  stages: { id: string; name: string }[]
  stage: string
  onStage: (stage: string) => void
  onAdd: (entry: CatalogueEntry) => void
}) {
  const categories = [...new Set(catalogue.map(entry => entry.category))]
  return (
    <section className="palette" aria-labelledby="palette-titre">
      <h2 id="palette-titre">Ajouter</h2>
      <label htmlFor="palette-etape">Dans l’étape</label>
      <select id="palette-etape" value={stage} onChange={event => onStage(event.target.value)}>
        {stages.map(s => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      {categories.map(category => (
        <div key={category}>
          <h3>{category}</h3>
          <ul>
            {catalogue
              .filter(entry => entry.category === category)
              .map(entry => (
                <li key={entry.type}>
                  <button type="button" className="quiet" title={entry.description ?? undefined} onClick={() => onAdd(entry)}>
                    {entry.label}
                  </button>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  )
}
