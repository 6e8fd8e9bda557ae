import type { Session } from '../api/contract'

/** The habilitations the app knows (src/Host/Access/Policies.cs); the contract gives a session's roles as strings. */
export type Role = 'process-owner' | 'coordinator' | 'ase-inspector' | 'partner' | 'observatory' | 'intake'

const roleLabels: Record<Role, string> = {
  'process-owner': 'Responsable du parcours',
  coordinator: 'Coordination',
  'ase-inspector': 'Inspection ASE',
  partner: 'Partenaire',
  observatory: 'Observatoire',
  intake: 'Accueil des signalements',
}

/** A role in French; one the app does not know is shown as the host sent it. */
export function roleLabel(role: string): string {
  return roleLabels[role as Role] ?? role
}

export interface Section {
  path: string
  label: string
  /** The roles that may use the page; the API decides the same in src/Host/Access/Policies.cs. */
  roles: Role[]
}

/** The pages of the app, in the order of the navigation. */
export const sections: Section[] = [
  { path: '/console', label: 'Escalades', roles: ['coordinator', 'ase-inspector'] },
  { path: '/dossiers', label: 'Dossiers', roles: ['coordinator', 'ase-inspector', 'partner'] },
  { path: '/signalement', label: 'Signalement', roles: ['intake', 'coordinator'] },
  { path: '/observatoire', label: 'Observatoire', roles: ['observatory', 'coordinator', 'process-owner'] },
  { path: '/conception', label: 'Conception', roles: ['process-owner'] },
]

export function hasAny(session: Session, roles: Role[]): boolean {
  return session.roles.some(role => (roles as string[]).includes(role))
}

export function sectionsFor(session: Session): Section[] {
  return sections.filter(section => hasAny(session, section.roles))
}

/** Who may read the partner registry (`GET /api/partners`): the others have no partner to choose. */
export const canReadPartners = (session: Session) => hasAny(session, ['process-owner', 'coordinator', 'ase-inspector'])
export const canWriteNotes = (session: Session) => hasAny(session, ['coordinator', 'ase-inspector'])
export const canExportPseudonymised = (session: Session) => hasAny(session, ['observatory'])
