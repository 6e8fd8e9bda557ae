// The API's shapes under the names the app uses, all taken from the generated contract (schema.d.ts, from
// docs/openapi.json): none is written by hand, so none can drift from what the host sends.
import type { components } from './schema'

type Schemas = components['schemas']

export type Session = Schemas['Session']
export type PartnerRef = Schemas['PartnerRef']
export type SeededUser = Schemas['SessionUser']
export type SessionOptions = Schemas['SessionOptions']
export type SignedIn = Schemas['SignedIn']

export type Partner = Schemas['PartnerEntry']
export type Stage = Schemas['StageRef']
export type Duplicate = Schemas['DuplicateRef']
export type FileSummary = Schemas['FileSummary']
export type FilePage = Schemas['PagedOfFileSummary']
export type FileDetail = Schemas['FileDetail']
export type Task = Schemas['FileTask']
export type Person = Schemas['Reporter']
export type IntakeSummary = Schemas['IntakeView']
export type Identity = Schemas['IdentityView']
export type Note = Schemas['NoteView']
export type FileEscalation = Schemas['FileEscalation']
export type TimelineLine = Schemas['TimelineItem']
export type Escalation = Schemas['EscalationItem']
export type EscalationPage = Schemas['EscalationPage']
export type IntakeRequest = Schemas['IntakeForm']
export type IntakeOpened = Schemas['IntakeOpened']
export type Statistics = Schemas['StatisticsReport']
export type Figures = Schemas['DurationFigure']

export type DefinitionSummary = Schemas['DefinitionSummary']
export type VersionSummary = Schemas['VersionSummary']
export type DefinitionError = Schemas['ValidationError']
export type CatalogueEntry = Schemas['PaletteEntry']
export type CatalogueInput = Schemas['PaletteInput']
export type VariableType = Schemas['VariableType']
export type DefinitionDiff = Schemas['DefinitionDiffView']
export type DiffActivity = Schemas['ActivityRef']
export type DiffChange = Schemas['FieldChange']
export type DiffVariable = Schemas['VariableDefinition']
export type MigrationReport = Schemas['MigrationReport']
export type FileMigration = Schemas['FileMigrationReport']
export type MigrationTask = Schemas['MigratedTask']
export type MigrationToken = Schemas['TokenMigration']
export type Disposition = Schemas['TokenDisposition']

/** The values of the intake form's choices (docs/api.md, "Intake"); the contract types them as strings. */
export type IntakeOrigin = 'information-preoccupante' | 'signalement'
export type DangerLevel = 'faible' | 'modere' | 'eleve' | 'immediat'
