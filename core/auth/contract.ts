import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { roles } from '../api/permissions.ts';
import { Empty, Id, Ok, Password, ShortText, Username } from '../api/schemas.ts';

export const Role = z.enum(roles);
/** Who set the user's password and when, when it was not the user (issue 12, finding 5). */
export const PasswordNotice = z.object({
  how: z.enum(['created', 'reset', 'recovery']),
  /** The colleague who set it; null for the organisation's recovery code. */
  by: z.string().nullable(),
  at: z.string(),
});
export const Me = z.object({
  userId: Id, username: z.string(), displayName: z.string(), role: Role, permissions: z.array(z.string()),
  /** True while the password is one someone else set: only auth.changePassword works until then. */
  mustChangePassword: z.boolean(),
  passwordNotice: PasswordNotice.nullable(),
});
export const Approval = z.enum(['approved', 'pending']);
export const User = z.object({ id: Id, username: z.string(), displayName: z.string(), role: Role, active: z.boolean(), createdAt: z.string(), passwordTemporary: z.boolean(), approval: Approval });
/** A new account with dossier access as the privacy officer sees it before approving (finding 5). */
export const PendingAccount = z.object({ id: Id, username: z.string(), displayName: z.string(), role: Role, createdAt: z.string(), createdBy: z.string().nullable() });
export const PresetName = z.enum(['factor-twee', 'mee']);

export const VaultStatus = z.object({
  initialised: z.boolean(),
  organisation: z.string().nullable(),
  me: Me.nullable(),
  idleLockMinutes: z.number().int(),
  /** The password was right and a second factor is still due (R08): 'totp' a code, 'enrol' enrolment first. */
  secondFactor: z.enum(['totp', 'enrol']).nullable(),
});
/** auth.signIn's answer when the password was right but a second factor is still due (R08). */
export const SecondFactorDue = z.object({ secondFactor: z.enum(['totp', 'enrol']), username: z.string(), displayName: z.string() });
export const TotpEnrolment = z.object({ secret: z.string(), uri: z.string(), qrDataUrl: z.string() });
export const TotpStatus = z.object({ enrolled: z.boolean(), required: z.boolean(), recoveryCodesLeft: z.number().int(), enrolledAt: z.string().nullable() });

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
  operation({ name: 'auth.signIn', permission: 'public', audit: 'none', async: true, input: z.object({ username: Username, password: Password }).strict(), output: z.union([Me, SecondFactorDue]) }),
  operation({ name: 'auth.signOut', permission: 'public', audit: 'none', input: Empty, output: Ok }),
  operation({ name: 'auth.changePassword', permission: 'session', audit: 'write', async: true, input: z.object({ currentPassword: Password, newPassword: Password }).strict(), output: Ok }),
  operation({
    name: 'auth.recover', permission: 'public', audit: 'none', async: true,
    input: z.object({ recoveryCode: z.string().trim().min(10).max(100), username: Username, newPassword: Password }).strict(),
    output: Ok,
  }),
  // Second factor (R08). Public because they run before the session exists; each checks the
  // pending sign-in or the session itself and writes its own audit lines.
  operation({ name: 'auth.secondFactor', permission: 'public', audit: 'none', async: true, input: z.object({ code: z.string().trim().min(6).max(40) }).strict(), output: Me }),
  operation({ name: 'auth.totp.begin', permission: 'public', audit: 'none', async: true, input: Empty, output: TotpEnrolment }),
  operation({
    name: 'auth.totp.confirm', permission: 'public', audit: 'none', async: true,
    input: z.object({ code: z.string().trim().regex(/^\d{6}$/, '6 cijfers'), password: Password.optional() }).strict(),
    output: z.object({ recoveryCodes: z.array(z.string()), me: Me.nullable() }),
  }),
  operation({ name: 'auth.totp.status', permission: 'session', audit: 'none', async: true, input: Empty, output: TotpStatus }),
  operation({ name: 'users.resetSecondFactor', permission: 'users.manage', audit: 'write', async: true, input: z.object({ userId: Id }).strict(), output: Ok }),
  operation({ name: 'users.list', permission: 'users.manage', audit: 'none', input: Empty, output: z.array(User) }),
  operation({
    name: 'users.create', permission: 'users.manage', audit: 'write', async: true,
    input: z.object({ username: Username, displayName: ShortText, role: Role, password: Password }).strict(),
    output: User,
  }),
  operation({ name: 'users.resetPassword', permission: 'users.manage', audit: 'write', async: true, input: z.object({ userId: Id, newPassword: Password }).strict(), output: Ok }),
  // R09: the administrator may tighten the idle lock (technical); a longer one lowers protection
  // and is the privacy officer's, through policy.update (issue 12, finding 5).
  operation({ name: 'policy.setIdleLock', permission: 'policy.technical', audit: 'write', input: z.object({ idleLockMinutes: z.number().int().min(1).max(240) }).strict(), output: z.object({ idleLockMinutes: z.number().int() }) }),
  operation({ name: 'users.pendingApproval', permission: 'users.approve', audit: 'none', input: Empty, output: z.array(PendingAccount) }),
  // Approving lets the account sign in; refusing deactivates it (its slot goes, the vault is rekeyed).
  operation({ name: 'users.decide', permission: 'users.approve', audit: 'write', async: true, input: z.object({ userId: Id, approve: z.boolean() }).strict(), output: Ok }),
  operation({ name: 'users.deactivate', permission: 'users.manage', audit: 'write', async: true, input: z.object({ userId: Id }).strict(), output: Ok }),
);
