// A real encrypted vault in a temp folder, with users of every role, for tests. Nothing is
// mocked: calls go through dispatch exactly as the transports do. The only difference from the
// app is a cheap key-derivation cost, so that hundreds of slots can be made quickly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiError } from '../../core/api/errors.ts';
import type { Role } from '../../core/api/permissions.ts';
import type { InputOf, OutputOf } from '../../core/api/operation.ts';
import type { ApiContract, OperationName } from '../../core/contract.ts';
import { createVault } from '../../core/auth/service.ts';
import { signIn } from '../../core/auth/signin.ts';
import { createHostState } from '../../core/host/app-host.ts';
import { dispatch } from '../../core/router/dispatch.ts';
import type { HostState } from '../../core/router/context.ts';
import { TEST_KDF } from '../../core/vault/keyslots.ts';

export const PASSWORD = 'een-lang-testwachtwoord';
/** What the administrator gives a new user; it must be changed at the first sign-in. */
export const TEMPORARY_PASSWORD = 'tijdelijk-testwachtwoord';

export class CallError extends Error {
  constructor(readonly error: ApiError) { super(`${error.code}: ${error.messageEn}`); }
  get code() { return this.error.code; }
}

export interface Caller {
  state: HostState;
  call<N extends OperationName>(name: N, input: InputOf<ApiContract, N>): Promise<OutputOf<ApiContract, N>>;
  /** For bad-input tests: any name, any input, the raw result. */
  raw(name: string, input: unknown): ReturnType<typeof dispatch>;
}

export interface TestVault {
  dir: string;
  /** The clock every session of this vault uses; tests move it forward. */
  clock: { now: Date };
  admin: Caller;
  as(role: Role | string): Promise<Caller>;
  addUser(username: string, role: Role, displayName?: string): Promise<Caller>;
  recoveryCode: string;
  close(): void;
}

export function caller(state: HostState): Caller {
  return {
    state,
    async call(name, input) {
      const r = await dispatch(state, name, input);
      if (!r.ok) throw new CallError(r.error);
      return r.value as never;
    },
    raw: (name, input) => dispatch(state, name, input),
  };
}

export function tempDir(prefix = 'dossierkluis-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Creates a vault with an administrator; `as(role)` signs in a user of that role (made on first use). */
export async function testVault(opts: { dir?: string; organisation?: string } = {}): Promise<TestVault> {
  const dir = opts.dir ?? join(tempDir(), 'vault');
  const clock = { now: new Date('2026-03-02T09:00:00Z') };
  const newState = () => createHostState({ vaultDir: dir, workstation: 'test-werkplek', now: () => clock.now, kdfCost: TEST_KDF });
  const adminState = newState();
  const { recoveryCode } = await createVault(adminState, { organisation: opts.organisation ?? 'Testbureau', preset: 'factor-twee', admin: { username: 'beheerder', displayName: 'Beheerder', password: PASSWORD } });
  const admin = caller(adminState);
  const sessions = new Map<string, Caller>();
  const signInAs = async (username: string) => {
    const state = newState();
    state.handle = adminState.handle; // one open database per process, many sessions on it
    await signIn(state, username, PASSWORD);
    return caller(state);
  };
  const addUser = async (username: string, role: Role, displayName = username) => {
    // As in the app: the administrator's password is temporary and the user replaces it first.
    const made = await admin.call('users.create', { username, displayName, role, password: TEMPORARY_PASSWORD });
    if (made.approval === 'pending') {
      // Once the vault has a privacy officer, they approve new accounts with dossier access.
      const approver = [...sessions.values()].find((c) => c.state.session?.role === 'privacyOfficer');
      if (!approver) throw new Error(`no privacy officer to approve ${username}`);
      await approver.call('users.decide', { userId: made.id, approve: true });
    }
    const first = newState();
    first.handle = adminState.handle;
    await signIn(first, username, TEMPORARY_PASSWORD);
    await caller(first).call('auth.changePassword', { currentPassword: TEMPORARY_PASSWORD, newPassword: PASSWORD });
    const c = await signInAs(username);
    sessions.set(username, c);
    return c;
  };
  return {
    dir, clock, admin, recoveryCode, addUser,
    async as(who) {
      const existing = sessions.get(who.toLowerCase());
      if (existing) return existing;
      const roleNames: Record<string, Role> = { consultant: 'consultant', administration: 'administration', privacyOfficer: 'privacyOfficer', board: 'board' };
      const role = roleNames[who];
      if (!role) throw new Error(`unknown test user ${who}`);
      return addUser(who.toLowerCase(), role);
    },
    close() {
      adminState.handle?.close();
      adminState.handle = null;
    },
  };
}

export function removeVault(v: TestVault): void {
  v.close();
  rmSync(join(v.dir, '..'), { recursive: true, force: true });
}

/** A synthetic participant for tests. */
export function aParticipant(overrides: Partial<InputOf<ApiContract, 'dossiers.create'>> = {}): InputOf<ApiContract, 'dossiers.create'> {
  return {
    firstName: 'Fenna', lastNamePrefix: 'van der', lastName: 'Testenburg', birthDate: '1990-04-12', gender: 'female',
    street: 'Proefstraat', houseNumber: '12', postcode: '3511 AB', city: 'Utrecht', phone: '0612345678', email: 'fenna@example.nl',
    phoneSecret: false, emailSecret: false, source: 'participant', sourceNote: null,
    livingSituation: null, familySituation: null, financialSituation: null, workHistory: null, workCapabilities: null, medicalNotes: null, disability: null,
    ...overrides,
  };
}
