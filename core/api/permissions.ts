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
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  consultant: ['session', 'dossier.read', 'dossier.write', 'dossier.breakGlass'],
  administration: ['session', 'dossier.read', 'dossier.write', 'dossier.allAccess'],
  privacyOfficer: ['session', 'dossier.read', 'dossier.allAccess', 'audit.read'],
  board: ['session', 'dossier.read', 'dossier.breakGlass'],
  administrator: ['session', 'users.manage'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return permission === 'public' || rolePermissions[role].includes(permission);
}
