// The shapes of the host's HTTP API (docs/api.md), as the web app reads them.

export type Role = 'process-owner' | 'coordinator' | 'ase-inspector' | 'partner' | 'observatory' | 'intake'

export interface PartnerRef {
  id: string
  name: string
}

export interface Session {
  id: string
  name: string
  roles: Role[]
  partner: PartnerRef | null
}

export interface SeededUser {
  id: string
  name: string
  roles: Role[]
  partner: string | PartnerRef | null
}

export interface SessionOptions {
  devSignIn: boolean
  users?: SeededUser[]
  oidc: { authority: string; clientId: string; scope: string } | null
}

export interface SignedIn {
  token: string
  expiresAt: string
  user: Session
}

export interface Page<T> {
  items: T[]
  page: number
  pageSize: number
  total: number
}

export interface Partner {
  id: string
  name: string
  role: string
}

export interface Stage {
  id: string
  label: string
}

export type DuplicateMatch = 'exact' | 'probable'

export interface Duplicate {
  fileId: string
  match: DuplicateMatch
}

export interface FileSummary {
  id: string
  definitionId: string
  version: number
  status: string
  stages: Stage[]
  openedAt: string
  updatedAt: string
  overdue: boolean
  nextDueAt: string | null
  openTasks: number
  openEscalations: number
  duplicates: number
}

export interface Task {
  id: string
  activityId: string
  title: string
  partner: PartnerRef | null
  status: 'open' | 'closed'
  createdAt: string
  dueAt: string | null
  acknowledged: boolean
  legalBasis: string | null
  overdue: boolean
}

export interface Person {
  name?: string
  organisation?: string
  phone?: string
  email?: string
}

export interface IntakeSummary {
  origin: IntakeOrigin
  receivedAt: string
  dangerLevel: DangerLevel
  reporter: Person | null
  facts: string
}

export interface Identity {
  givenName?: string
  familyName?: string
  birthDate?: string
  address?: string
}

export interface Note {
  at: string
  author: string
  text: string
}

/** An escalation as the file view lists it (the inbox gives more: see {@link Escalation}). */
export interface FileEscalation {
  id: string
  activityId: string
  level: number
  reason: string
  status: 'open' | 'closed'
  raisedAt: string
  closedAt: string | null
  taskId: string | null
}

export interface FileDetail extends Omit<FileSummary, 'duplicates'> {
  closedAt: string | null
  intake: IntakeSummary | null
  identity: Identity | null
  identityVisible: boolean
  duplicates: Duplicate[]
  tasks: Task[]
  escalations: FileEscalation[]
  notes: Note[]
}

export interface TimelineLine {
  sequence: number
  at: string
  actor: string
  actorLabel: string
  kind: string
  activityId: string | null
  activityLabel: string | null
  stage: Stage | null
  summary: string
}

export interface Escalation {
  id: string
  fileId: string
  level: number
  reason: string
  raisedAt: string
  risesAt: string | null
  acknowledged: boolean
  stage: Stage | null
  partner: PartnerRef | null
  task: { id: string; title: string; dueAt: string | null; legalBasis: string | null } | null
  overdueSeconds: number
}

export type IntakeOrigin = 'information-preoccupante' | 'signalement'
export type DangerLevel = 'faible' | 'modere' | 'eleve' | 'immediat'

export interface IntakeRequest {
  origin: IntakeOrigin
  receivedAt: string
  reporter: Person
  minor: Identity
  facts: string
  dangerLevel: DangerLevel
}

export interface IntakeOpened {
  fileId: string
  definitionId: string
  version: number
  duplicates: Duplicate[]
}

export interface Figures {
  files: number | null
  medianDays: number | null
  p90Days: number | null
}

export interface Statistics {
  suppressedBelow: number
  filesOpened: { month: string; count: number | null }[]
  timeToFirstMeasure: Figures
  missedDeadlines: {
    byStage: { stage: string; label: string; count: number | null }[]
    byPartner: { partner: string; name: string; count: number | null }[]
  }
  runaways: { month: string; count: number | null }[]
  timePerStage: ({ stage: string; label: string } & Figures)[]
}
