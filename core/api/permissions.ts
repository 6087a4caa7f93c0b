// Roles and what they may do. Permissions are data in the contract, checked by the router only.
export const roles = ['consultant', 'administration', 'privacyOfficer', 'board', 'administrator'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'public',            // no session needed (vault status, sign-in, first run)
  'session',           // any signed-in user
  'dossier.read',
  'dossier.write',
  'dossier.breakGlass',
  'dossier.allAccess', // roles that handle requests see every dossier (R04)
  'audit.read',
  'users.manage',
  'requests.read',        // see data-subject requests and the deadline dashboard (issue 5)
  'requests.handle',      // register and handle requests, restrictions (R20–R35)
  'requests.boardDecide', // decide exceptions to rights (R32)
  'policy.manage',        // read and change the organisation's policy profile (R50); privacy settings are the privacy officer's (issue 12)
  'policy.technical',     // technical settings the administrator may tighten (idle lock, R09)
  'users.approve',        // approve new accounts with dossier access, a second person beside the administrator (issue 12)
  'recipients.manage',    // keep the recipient register with its written agreements (R15)
  'consent.record',       // record mandates, withdrawals, disclosures, Verwijsindex (R10–R14, R17)
  'consent.register',     // the organisation-wide mandate and disclosure register, exception review (R12, R14)
  'statistics.read',      // anonymised statistics (R16)
  'shielding.manage',     // place, lift and list shields of a dossier in one's caseload or role (R26)
  'retention.read',       // the retention schedule, destruction list, batches and register (R40–R45)
  'retention.hold',       // place and lift a legal hold (R45)
  'retention.propose',    // propose a batch of dossiers for destruction (R45)
  'retention.approve',    // approve or cancel another person's destruction batch (R45, four eyes)
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  consultant: ['session', 'dossier.read', 'dossier.write', 'dossier.breakGlass', 'consent.record', 'shielding.manage'],
  administration: ['session', 'dossier.read', 'dossier.write', 'dossier.allAccess', 'requests.read', 'requests.handle', 'recipients.manage', 'consent.record', 'statistics.read', 'shielding.manage'],
  privacyOfficer: ['session', 'dossier.read', 'dossier.allAccess', 'audit.read', 'requests.read', 'requests.handle', 'policy.manage', 'recipients.manage', 'consent.register', 'statistics.read', 'users.approve', 'shielding.manage', 'retention.read', 'retention.hold', 'retention.propose', 'retention.approve'],
  // The board approves destruction as the second person; it never proposes (R45).
  board: ['session', 'dossier.read', 'dossier.breakGlass', 'requests.read', 'requests.boardDecide', 'statistics.read', 'retention.read', 'retention.hold', 'retention.approve'],
  administrator: ['session', 'users.manage', 'policy.technical'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return permission === 'public' || rolePermissions[role].includes(permission);
}
