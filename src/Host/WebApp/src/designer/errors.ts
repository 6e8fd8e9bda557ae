import type { DefinitionDocument } from './model'
import type { DefinitionError } from '../api/contract'

/** An error placed where the owner can fix it: on an activity (and one of its fields), a variable, or the definition. */
export interface PlacedError extends DefinitionError {
  activity?: string
  /** `displayName`, `stage`, `type`, `input:<name>`, `outcome:<name>`, or undefined for the activity as a whole. */
  field?: string
  variable?: number
}

/**
 * Pointers name places in the document the server checked; they are turned into activity ids at once, so that
 * an edit made while the server was answering does not move an error onto another activity.
 */
export function placeErrors(document: DefinitionDocument, errors: DefinitionError[]): PlacedError[] {
  return errors.map(error => {
    const parts = error.pointer.split('/').slice(1).map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    if (parts[0] === 'activities' && parts.length > 1) {
      const activity = document.activities[Number(parts[1])]?.id
      const field = parts[2] === 'inputs' && parts[3] ? `input:${parts[3]}` : parts[2] ?? unconnectedOutcome(error)
      return { ...error, activity, field }
    }
    if (parts[0] === 'connections' && parts.length > 1) {
      const connection = document.connections[Number(parts[1])]
      return { ...error, activity: connection?.source, field: connection ? `outcome:${connection.outcome}` : undefined }
    }
    if (parts[0] === 'variables' && parts.length > 1) return { ...error, variable: Number(parts[1]) }
    return error
  })
}

/**
 * An unconnected outcome is reported on its activity, the outcome named only in the sentence
 * ("Outcome 'done' of activity …"): shown under that outcome's list when the sentence names it.
 */
function unconnectedOutcome(error: DefinitionError): string | undefined {
  if (error.code !== 'activity.outcome-not-connected') return undefined
  const outcome = /^Outcome '([^']+)'/.exec(error.message)?.[1]
  return outcome ? `outcome:${outcome}` : undefined
}

/** The designer's words for the server's stable codes; the server's English sentence otherwise. */
const messages: Record<string, string> = {
  'activity.outcome-not-connected': 'Une issue de cette activité n’est reliée à aucune suite.',
  'flow.unreachable': 'Cette activité n’est atteinte depuis aucun début.',
  'flow.cannot-reach-end': 'Depuis cette activité, le parcours ne peut atteindre aucune fin : le dossier y resterait bloqué.',
  'input.required': 'Ce champ est obligatoire.',
  'input.wrong-type': 'Cette valeur n’a pas le bon type.',
  'input.empty': 'Ce champ ne peut pas être vide.',
  'variable.unknown': 'Cette variable n’est pas déclarée.',
  'connection.unknown-target': 'La suite indiquée n’existe pas.',
  'connection.unknown-outcome': 'Cette activité n’a pas cette issue.',
  'connection.duplicate-outcome': 'Cette issue est reliée deux fois (utilisez une activité Parallèle).',
  'connection.into-start': 'Rien ne peut mener au début.',
  'start.missing': 'Le parcours n’a pas de début.',
  'start.duplicate': 'Le parcours a plus d’un début.',
  'stage.unknown': 'Cette étape n’est pas déclarée.',
  'id.duplicate': 'Cet identifiant est déjà utilisé.',
  'variable.choices-missing': 'Une variable à choix doit lister ses choix.',
  'variable.choices-duplicate': 'Ce choix est listé deux fois.',
  'variable.default-not-a-choice': 'La valeur par défaut n’est pas l’un des choix.',
  'variable.default-wrong-type': 'La valeur par défaut n’a pas le type de la variable.',
  'variable.wrong-type': 'Ce type de variable n’existe pas.',
  'variable.choices-not-allowed': 'Seule une variable à choix peut lister des choix.',
  'id.malformed': 'Un identifiant commence par une lettre, suivie de lettres, chiffres, « - » ou « _ ».',
  'partner.unknown': 'Ce partenaire n’est pas dans le registre.',
  'activity.unknown-type': 'Ce type d’activité n’existe pas.',
  'activity.unknown-reference': 'Cette activité n’existe pas.',
  'connection.unknown-source': 'L’activité de départ n’existe pas.',
  'condition.malformed': 'Cette condition est mal formée.',
  'condition.not-boolean': 'Une condition doit donner vrai ou faux.',
  'condition.type-mismatch': 'Cette comparaison porte sur des valeurs de types différents.',
  'condition.unknown-variable': 'Cette condition utilise une variable non déclarée.',
  'condition.unknown-choice': 'Cette valeur n’est pas l’un des choix de la variable.',
  'condition.unknown-operator': 'Cet opérateur n’est pas permis.',
  'condition.invalid-date': 'Cette date n’est pas valide (aaaa-mm-jj).',
  'condition.invalid-period': 'Cette période n’est pas valide : P1Y (un an), P6M (six mois), -P8D (huit jours avant).',
  'condition.too-large': 'Les conditions de cette activité sont trop longues : simplifiez-les ou répartissez-les sur plusieurs décisions.',
  'condition.too-deep': 'Cette condition imbrique trop de niveaux : simplifiez-la ou répartissez-la sur plusieurs décisions.',
  'definition.too-many-activities': 'Le parcours compte trop d’activités : découpez-le.',
  'definition.too-many-connections': 'Le parcours compte trop de liaisons : découpez-le.',
  'definition.too-much-logic': 'Les conditions du parcours sont trop longues dans leur ensemble : simplifiez-les.',
  'join.crossed': 'Cette jonction réunit des branches de parallèles différents.',
  'join.duplicate': 'Ces branches ont déjà leur jonction.',
  'join.foreign-branch': 'Une branche étrangère arrive à cette jonction.',
  'join.jump-into-branches': 'Une liaison entre au milieu de branches parallèles.',
  'join.loop-to-split': 'Une boucle revient sur le parallèle sans passer par sa jonction.',
  'join.not-a-split': 'Cette jonction ne correspond à aucun parallèle.',
  'schema.required': 'Ce champ est obligatoire.',
  'schema.type': 'Cette valeur n’a pas le bon type.',
  'schema.enum': 'Cette valeur n’est pas permise.',
  'schema.pattern': 'Cette valeur n’a pas la forme attendue.',
  'schema.min-length': 'Cette valeur est trop courte.',
  'schema.minimum': 'Cette valeur est trop petite.',
  'schema.maximum': 'Cette valeur est trop grande.',
  'schema.unknown-property': 'Ce champ n’est pas prévu ici.',
  'schema.not-allowed': 'Ce champ n’est pas permis ici.',
  'deadline.unit-not-counted': 'Un délai en jours ouvrés ou ouvrables se compte en jours et en semaines, pas en mois, en années ni en heures.',
  'deadline.before-not-in-days': 'Un délai compté avant une date se compte en jours, semaines, mois ou années, pas en heures.',
  'deadline.roll-toward-event': 'Un délai compté avant une date ne peut pas être reporté au jour suivant : il se rapprocherait de l’événement.',
  'deadline.roll-on-elapsed-time': 'Un délai en heures court d’heure en heure : il n’est jamais reporté à un jour ouvré.',
  'deadline.before-not-a-date': 'Un délai se compte avant une variable de type date.',
  'timer.repeat-without-duration': 'Une périodicité a besoin de sa période dans « Durée ».',
  'timer.one-of': 'Une attente a besoin d’une seule de ces entrées : « Durée », « Date », « Date tirée d’une variable » ou « Date calculée ».',
  'timer.not-a-date': 'Cette attente doit recevoir une date.',
  'multi.partners-not-a-list': 'Les partenaires à solliciter doivent former une liste : une variable de type liste, ou des identifiants entre crochets.',
  'multi.unknown-partner': 'Ce partenaire de la liste n’est pas dans le registre.',
  'multi.addressee-not-text': 'Chaque partenaire de la liste est désigné par son identifiant, en texte.',
  'multi.quorum-invalid': 'Le nombre de réponses suffisant est au moins 1.',
  'multi.results-not-a-list': 'Les réponses recueillies se rangent dans une variable de type liste.',
  'multi.collect-without-results': 'Pour conserver des champs des réponses, indiquez la variable des réponses recueillies.',
  'multi.reminder-without-deadline': 'Un rappel a besoin d’une échéance.',
}

export function messageOf(error: DefinitionError): string {
  const french = messages[error.code]
  return french ? `${french} (${error.message})` : error.message
}
