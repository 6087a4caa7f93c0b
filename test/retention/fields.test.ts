// R43: a field value whose shorter term has ended is erased like a requested erasure: not on day 89,
// on day 90; not under a legal hold; the value is in no table, no search-index block and no decrypted
// page or WAL frame afterwards, the rest of the dossier stays, and the trail names the fields only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEDGER_FILE } from '../../core/retention/ledger.ts';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { findInVaultBytes } from '../support/pages.ts';
import { tablesHolding } from './erase-support.ts';
import { removeVault } from '../support/vault.ts';
import { makeDossier, retentionWorld, type RetentionWorld } from './support.ts';

let w: RetentionWorld;
beforeEach(async () => { w = await retentionWorld(); });
afterEach(() => removeVault(w.vault));

describe('field-level terms are erased (R43)', () => {
  it('R43 R07 an invitation e-mail address is erased on day 90, not day 89, and is found nowhere afterwards; a held dossier keeps it', async () => {
    const { profile } = await w.officer.call('policy.get', {});
    await w.officer.call('policy.update', { profile: { ...profile, retention: { ...profile.retention, fieldTerms: [{ field: 'email', days: 90, from: 'recorded' }] } } });
    const p = await makeDossier(w, { lastName: 'Veldtermijn', close: false });
    const held = await makeDossier(w, { lastName: 'Vastgehouden', close: false });
    w.vault.clock.now = new Date('2026-03-02T10:00:00Z'); // day 0 in Amsterdam
    await w.consultant.call('dossiers.update', { participantId: p.participantId, changes: { email: 'qzxwvmailkanarie@example.nl', phone: '0612345678' }, reason: 'Uitnodiging voor het gesprek' });
    await w.consultant.call('dossiers.update', { participantId: held.participantId, changes: { email: 'qzbewaard@example.nl' }, reason: 'Uitnodiging voor het gesprek' });
    await w.officer.call('retention.placeHold', { participantId: held.participantId, reason: 'Lopende klachtprocedure', untilDate: null });

    w.vault.clock.now = new Date('2026-05-30T12:00:00Z'); // day 89
    expect(await w.officer.call('retention.eraseDueFields', {})).toEqual({ dossiers: 0, fields: 0, checkpointClean: true });
    expect((await w.consultant.call('dossiers.get', { participantId: p.participantId })).participant.email).toBe('qzxwvmailkanarie@example.nl');
    const vaultKey = w.vault.admin.state.handle!.key.toString('hex');
    expect(findInVaultBytes(w.vault.dir, vaultKey, ['qzxwvmailkanarie']).length).toBeGreaterThan(0); // the scan sees it before

    w.vault.clock.now = new Date('2026-05-31T12:00:00Z'); // day 90
    expect(await w.officer.call('retention.eraseDueFields', {})).toEqual({ dossiers: 1, fields: 1, checkpointClean: true });
    const after = (await w.consultant.call('dossiers.get', { participantId: p.participantId })).participant;
    expect(after.email).toBeNull();
    expect(after.phone).toBe('0612345678'); // the rest stays
    expect((await w.consultant.call('dossiers.get', { participantId: held.participantId })).participant.email).toBe('qzbewaard@example.nl');
    const { sqlite, key } = w.vault.admin.state.handle!;
    expect(tablesHolding(sqlite, ['qzxwvmailkanarie'])).toEqual([]);
    const found = findInVaultBytes(w.vault.dir, key.toString('hex'), ['qzxwvmailkanarie']);
    expect(found).toEqual([]);
    expect(JSON.stringify(await w.consultant.call('dossiers.history', { participantId: p.participantId }))).not.toContain('qzxwvmailkanarie');
    const line = sqlite.prepare("SELECT participant_id AS p, objects FROM audit_log WHERE action = 'retention.fieldErased'").get() as { p: number; objects: string };
    expect(line).toEqual({ p: p.participantId, objects: JSON.stringify({ fields: ['email'] }) });
    expect(verifyAuditChain(sqlite).ok).toBe(true);
    // R44: the ledger lists the erasure by field name, so a restored older backup has it again at open.
    const ledger = readFileSync(join(w.vault.dir, LEDGER_FILE), 'utf8');
    expect(JSON.parse(ledger).erasures).toMatchObject([{ participantId: p.participantId, anonymise: false, fields: ['email'], entryIds: [], documentIds: [] }]);
    expect(ledger).not.toContain('qzxwvmailkanarie');
    // The consultant may not run it; bad input changes nothing.
    expect((await w.consultant.raw('retention.eraseDueFields', {})).ok).toBe(false);
    expect((await w.officer.raw('retention.eraseDueFields', { all: true })).ok).toBe(false);
  });
});
