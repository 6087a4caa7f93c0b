// The second-factor operations (R08): the code step of signing in, enrolment (during sign-in
// when the policy requires it, or later from the user's own menu) and a reset by the administrator.
import { domainError } from '../api/errors.ts';
import { flushAnchor } from '../audit/anchor.ts';
import { appendAudit } from '../audit/chain.ts';
import { readSlotFile } from '../vault/files.ts';
import { openSlotPrivateKey } from '../vault/keyslots.ts';
import type { Handlers } from '../router/types.ts';
import type { z } from 'zod';
import type { AuditNote, HostState, Session } from '../router/context.ts';
import type { authContract, Me } from './contract.ts';
import { checkLimited, clearAttempts, completeEnrolmentSignIn, pendingSignIn, verifySecondFactor } from './signin.ts';
import { enrol, enrolledFor, enrolmentData, isTotpRequired, matchStep, newRecoveryCodes, newTotpSecret, recoveryCodesLeft, removeTotp, WrongSecretError } from './totp.ts';

type SecondFactorOps = 'auth.secondFactor' | 'auth.totp.begin' | 'auth.totp.confirm' | 'auth.totp.status' | 'users.resetSecondFactor';

/** A begun enrolment: the new secret lives only in memory until a code from the app confirms it. */
const enrolments = new WeakMap<HostState, { userId: number; secret: string; until: number }>();
const ENROL_MS = 10 * 60_000;

/** Who may enrol now: the user halfway through a sign-in that requires it, or a signed-in user. */
function enrollee(state: HostState) {
  const p = pendingSignIn(state);
  if (p?.mode === 'enrol') return { session: p.session, handle: p.handle, duringSignIn: true };
  if (p || !state.session || !state.handle) throw domainError('auth.required');
  return { session: state.session, handle: state.handle, duringSignIn: false };
}

function userSlot(state: HostState, userId: number) {
  const file = readSlotFile(state.dir);
  const slot = file.slots.find((s) => s.kind === 'user' && s.userId === userId);
  if (!slot) throw domainError('auth.userNotFound');
  return { vaultId: file.vaultId, organisation: file.organisation, slot };
}

/** What a finished sign-in answers; service.ts passes its own `me`, so both say the same. */
type MeOf = (state: HostState, s: Session) => z.input<typeof Me>;

export const secondFactorHandlers = (me: MeOf): Pick<Handlers<typeof authContract>, SecondFactorOps> => ({
  'auth.secondFactor': async (state: HostState, input) => me(state, await verifySecondFactor(state, input.code)),

  'auth.totp.begin': async (state: HostState) => {
    const { session } = enrollee(state);
    const { organisation } = userSlot(state, session.userId);
    const secret = newTotpSecret();
    enrolments.set(state, { userId: session.userId, secret, until: Date.now() + ENROL_MS });
    return enrolmentData(secret, `Dossierkluis ${organisation}`.slice(0, 60), session.username);
  },

  'auth.totp.confirm': async (state: HostState, input) => {
    const { session, handle, duringSignIn } = enrollee(state);
    const begun = enrolments.get(state);
    if (!begun || begun.userId !== session.userId || begun.until < Date.now()) throw domainError('auth.totpNotStarted');
    const { vaultId, slot } = userSlot(state, session.userId);
    const subject = { counter: session.username, username: session.username, action: 'auth.totpEnrol' };
    if (!duringSignIn) {
      // From the menu the password is asked again: someone at an unlocked laptop must not be able
      // to tie the account to their own phone.
      if (!input.password) throw domainError('input.invalid', { detail: 'password: verplicht' });
      const password = input.password;
      await checkLimited(state, subject, () => openSlotPrivateKey(vaultId, slot, password));
      clearAttempts(state, session.username);
    }
    const step = await checkLimited(state, subject, () => {
      const s = matchStep(begun.secret, input.code, state.now().getTime());
      if (s === null) throw new WrongSecretError();
      return s;
    }, 'auth.wrongTotp');
    const recoveryCodes = newRecoveryCodes();
    const at = state.now().toISOString();
    const sqlite = handle.sqlite;
    sqlite.transaction(() => {
      // The confirming code's step counts as used: it cannot sign in a second time.
      enrol(sqlite, vaultId, slot, session.userId, begun.secret, recoveryCodes, step, at);
      appendAudit(sqlite, { action: 'auth.totpEnrol', outcome: 'ok', at, userId: session.userId, username: session.username, workstation: state.workstation });
    })();
    flushAnchor(sqlite);
    enrolments.delete(state);
    if (duringSignIn) return { recoveryCodes, me: me(state, completeEnrolmentSignIn(state)) };
    clearAttempts(state, session.username);
    return { recoveryCodes, me: null };
  },

  'auth.totp.status': (state: HostState) => {
    const session = state.session!;
    const { slot } = userSlot(state, session.userId);
    const stored = enrolledFor(state.handle!.sqlite, session.userId, slot.id);
    return { enrolled: !!stored, required: isTotpRequired(state.handle!.sqlite), recoveryCodesLeft: stored ? recoveryCodesLeft(stored) : 0, enrolledAt: stored?.enrolledAt ?? null };
  },

  'users.resetSecondFactor': (state: HostState, input, note: AuditNote) => {
    // A lost phone and lost recovery codes: the user enrols again at the next sign-in (if the
    // policy requires it). Flagged, because it weakens that account until then.
    if (!removeTotp(state.handle!.sqlite, input.userId)) throw domainError('auth.userNotFound');
    note.objects = { userId: input.userId };
    note.flagged = true;
    return { ok: true as const };
  },
});
