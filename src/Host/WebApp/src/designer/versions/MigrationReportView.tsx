import { formatDateTime } from '../../format'
import { dispositionLabels, fileStatusLabels } from './labels'
import type { FileMigration, MigrationReport, MigrationTask, MigrationToken } from '../../api/contract'

/** A dry run or an applied migration, file by file (docs/api.md, MigrationReport). */
export function MigrationReportView({ report }: { report: MigrationReport }) {
  const title = report.applied
    ? `Migration appliquée de la version ${report.from} à la version ${report.to}`
    : `Simulation de la version ${report.from} à la version ${report.to}`
  const { files, migrated, refused, alreadyMigrated } = report.summary
  return (
    <section aria-labelledby={`rapport-${report.migrationId}`} className="migration-report">
      <h3 id={`rapport-${report.migrationId}`} tabIndex={-1}>
        {title}
      </h3>
      <p role="status">
        {files} dossier(s) en cours sur la version {report.from} : {migrated} {report.applied ? 'migré(s)' : 'migrable(s)'}, {refused}{' '}
        reste(nt) sur la version {report.from}
        {alreadyMigrated > 0 && <>, {alreadyMigrated} déjà migré(s)</>}.
      </p>
      {report.files.map(file => (
        <FileLine key={file.fileId} file={file} applied={report.applied} />
      ))}
    </section>
  )
}

function FileLine({ file, applied }: { file: FileMigration; applied: boolean }) {
  const status = file.status === 'migrated' && !applied ? 'Serait migré' : fileStatusLabels[file.status]
  const { dropped, added, required } = file.variables
  return (
    <article className="migration-file" aria-label={`Dossier ${file.fileId}`}>
      <h4>
        Dossier {file.fileId} — {status}
      </h4>
      {file.reasons.length > 0 && (
        <>
          <p>Pourquoi il reste sur sa version :</p>
          <ul>
            {file.reasons.map(reason => (
              <li key={reason} lang="en">
                {reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {file.tokens.length > 0 && (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">Ce que devient chaque attente du dossier {file.fileId}</caption>
            <thead>
              <tr>
                <th scope="col">Activité</th>
                <th scope="col">Sort</th>
                <th scope="col">Tâches conservées</th>
                <th scope="col">Tâches annulées</th>
                <th scope="col">Tâches émises</th>
                <th scope="col">Délais déplacés</th>
              </tr>
            </thead>
            <tbody>
              {file.tokens.map(token => (
                <TokenRow key={token.from} token={token} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(dropped.length > 0 || added.length > 0) && (
        <ul className="small">
          {dropped.length > 0 && <li>Variables supprimées : {dropped.join(', ')}</li>}
          {added.length > 0 && (
            <li>
              Variables ajoutées : {added.join(', ')}
              {required.length > 0 && <> (sans valeur par défaut, laissées vides : {required.join(', ')})</>}
            </li>
          )}
        </ul>
      )}
    </article>
  )
}

function TokenRow({ token }: { token: MigrationToken }) {
  return (
    <tr>
      <th scope="row">
        {token.from} → {token.to ?? 'aucune cible'}
      </th>
      <td>{dispositionLabels[token.disposition]}</td>
      <td>
        <Tasks tasks={token.kept} />
      </td>
      <td>
        <Tasks tasks={token.cancelled} />
      </td>
      <td>
        <Tasks tasks={token.assigned} />
      </td>
      <td>
        {token.deadlines.length === 0
          ? '—'
          : token.deadlines.map(d => (
              <p key={d.purpose}>
                {d.purpose} : {formatDateTime(d.before)} → {formatDateTime(d.after)}
              </p>
            ))}
      </td>
    </tr>
  )
}

function Tasks({ tasks }: { tasks: MigrationTask[] }) {
  if (tasks.length === 0) return <>—</>
  return (
    <ul className="plain">
      {tasks.map(task => (
        <li key={task.id}>
          {task.purpose} — {task.addressee?.replace(/^role:/, 'rôle ') ?? '—'}
          {task.dueAt && <> (échéance {formatDateTime(task.dueAt)})</>}
        </li>
      ))}
    </ul>
  )
}
