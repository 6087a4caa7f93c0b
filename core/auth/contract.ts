import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { roles } from '../api/permissions.ts';
import { Empty, Id, Ok, Password, ShortText, Username } from '../api/schemas.ts';

export const Role = z.enum(roles);
export const Me = z.object({ userId: Id, username: z.string(), displayName: z.string(), role: Role, permissions: z.array(z.string()) });
export const User = z.object({ id: Id, username: z.string(), displayName: z.string(), role: Role, active: z.boolean(), createdAt: z.string() });
export const PresetName = z.enum(['factor-twee', 'mee']);

export const VaultStatus = z.object({
  initialised: z.boolean(),
  organisation: z.string().nullable(),
  me: Me.nullable(),
  idleLockMinutes: z.number().int(),
});

export const authContract = contract(
  operation({ name: 'vault.status', permission: 'public', audit: 'none', input: Empty, output: VaultStatus }),
  operation({
    name: 'vault.create', permission: 'public', audit: 'none', async: true,
    input: z.object({
      organisation: ShortText,
      preset: PresetName,
      admin: z.object({ username: Username, displayName: ShortText, password: Password }),
    }).strict(),
    output: z.object({ recoveryCode: z.string() }),
  }),
  operation({ name: 'auth.signIn', permission: 'public', audit: 'none', async: true, input: z.object({ username: Username, password: Password }).strict(), output: Me }),
  operation({ name: 'auth.signOut', permission: 'public', audit: 'none', input: Empty, output: Ok }),
  operation({ name: 'auth.changePassword', permission: 'session', audit: 'write', async: true, input: z.object({ currentPassword: Password, newPassword: Password }).strict(), output: Ok }),
  operation({
    name: 'auth.recover', permission: 'public', audit: 'none', async: true,
    input: z.object({ recoveryCode: z.string().trim().min(10).max(100), username: Username, newPassword: Password }).strict(),
    output: Ok,
  }),
  operation({ name: 'users.list', permission: 'users.manage', audit: 'none', input: Empty, output: z.array(User) }),
  operation({
    name: 'users.create', permission: 'users.manage', audit: 'write', async: true,
    input: z.object({ username: Username, displayName: ShortText, role: Role, password: Password }).strict(),
    output: User,
  }),
  operation({ name: 'users.resetPassword', permission: 'users.manage', audit: 'write', async: true, input: z.object({ userId: Id, newPassword: Password }).strict(), output: Ok }),
  operation({ name: 'users.deactivate', permission: 'users.manage', audit: 'write', async: true, input: z.object({ userId: Id }).strict(), output: Ok }),
);
