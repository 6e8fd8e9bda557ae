// The shapes of the versions API (docs/api.md, "Definitions" and "Versions: diff and migration").

export type VersionStatus = 'draft' | 'published' | 'retired'

export interface VersionSummary {
  version: number
  status: VersionStatus
  createdAt: string
  createdBy: string
  publishedAt: string | null
  publishedBy: string | null
  retiredAt: string | null
  retiredBy: string | null
  runningFiles: number
}

export interface DefinitionSummary {
  id: string
  name: string
  versions: VersionSummary[]
}

export interface DefinitionError {
  pointer: string
  code: string
  message: string
}

/** A definition document, only as far as this screen reads it (the editor owns the rest). */
export interface DefinitionDocument {
  id: string
  version: number
  name?: string
  activities: { id: string; type: string; displayName?: string | null; stage?: string | null }[]
  [other: string]: unknown
}

export interface CatalogueEntry {
  type: string
  label: string
  blocking: boolean
}

export interface Deadline {
  duration: string
  counting?: string
  legalBasis?: string
  before?: { variable?: string; plus?: string; event?: string }
  roll?: string
  territory?: string
}

export interface Variable {
  name: string
  type: string
  [other: string]: unknown
}

export interface DiffActivity {
  id: string
  type: string
  label: string | null
  stage: string | null
}

export interface DiffChange {
  field: string
  before: unknown
  after: unknown
}

export interface Connection {
  source: string
  outcome: string
  target: string
}

export interface Stage {
  id: string
  name: string
}

export interface DefinitionDiff {
  id: string
  from: number
  to: number
  activities: { added: DiffActivity[]; removed: DiffActivity[]; changed: (DiffActivity & { changes: DiffChange[] })[] }
  connections: { added: Connection[]; removed: Connection[] }
  deadlines: { activityId: string; label: string | null; input: string; before: Deadline | null; after: Deadline | null }[]
  partners: { added: string[]; removed: string[] }
  variables: { added: Variable[]; removed: Variable[]; changed: { name: string; before: Variable; after: Variable }[] }
  stages: { added: Stage[]; removed: Stage[]; changed: { id: string; before: unknown; after: unknown }[] }
  identical: boolean
}

export interface MigrationTask {
  id: string
  purpose: string
  addressee: string
  dueAt: string | null
}

export type Disposition = 'kept' | 'deadlineMoved' | 'reissued'

export interface MigrationToken {
  from: string
  to: string | null
  disposition: Disposition
  kept: MigrationTask[]
  cancelled: MigrationTask[]
  assigned: MigrationTask[]
  deadlines: { purpose: string; before: string | null; after: string | null }[]
}

export interface FileMigration {
  fileId: string
  status: 'migrated' | 'refused' | 'alreadyMigrated'
  reasons: string[]
  tokens: MigrationToken[]
  variables: { dropped: string[]; added: string[]; required: string[] }
}

export interface MigrationReport {
  migrationId: string
  id: string
  from: number
  to: number
  applied: boolean
  mapping: Record<string, string | null>
  summary: { files: number; migrated: number; refused: number; alreadyMigrated: number }
  files: FileMigration[]
}

export interface Partner {
  id: string
  name: string
  role: string
}
