import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { generateDemo } from '../../core/demo/generate.ts';
import type { Sqlite } from '../../db/connection.ts';
import { removeVault, testVault, type TestVault } from '../support/vault.ts';

const vaults: TestVault[] = [];
afterEach(() => { while (vaults.length) removeVault(vaults.pop()!); });

const NOW = new Date('2026-03-02T09:00:00Z');

/** A vault with three consultants and administration, filled with a 200-participant demo. */
async function demoVault(seed: number) {
  const v = await testVault();
  vaults.push(v);
  const consultantIds: number[] = [];
  for (const name of ['consulent1', 'consulent2', 'consulent3']) consultantIds.push((await v.admin.call('users.create', { username: name, displayName: name, role: 'consultant', password: 'een-lang-testwachtwoord' })).id);
  const administration = await v.as('administration');
  const sqlite = v.admin.state.handle!.sqlite;
  const made = generateDemo(sqlite, { participants: 200, seed, entriesPerParticipant: 6, consultantIds, now: NOW });
  return { v, sqlite, made, administration };
}

const all = <T>(sqlite: Sqlite, sql: string) => sqlite.prepare(sql).all() as T[];

describe('demo data for consent and requests (R10–R17, R34)', () => {
  it('R10 R14 R15 R17 R34 a 200-participant demo vault has recipients with agreements, mandates in every state, covered disclosures and requests due at different times', async () => {
    const { v, sqlite, made, administration } = await demoVault(7);
    expect(made).toMatchObject({ participants: 200, recipients: 8, requests: 10 });
    const recipients = all<{ agreement_reference: string | null; kind: string }>(sqlite, 'SELECT agreement_reference, kind FROM recipients');
    expect(recipients).toHaveLength(8);
    expect(recipients.every((r) => r.agreement_reference)).toBe(true);
    expect(new Set(recipients.map((r) => r.kind))).toEqual(new Set(['uwv', 'municipality', 'employer', 'careProvider', 'school', 'veiligThuis']));

    // About 30% of the participants have a mandate; some expired, some withdrawn, some expire soon.
    const withMandate = (sqlite.prepare('SELECT count(DISTINCT participant_id) AS n FROM mandates').get() as { n: number }).n;
    expect(withMandate).toBe(60);
    expect(made.mandates).toBe((sqlite.prepare('SELECT count(*) AS n FROM mandates').get() as { n: number }).n);
    const overview = await (await v.as('privacyOfficer')).call('mandates.overview', {});
    expect(overview.active.length).toBeGreaterThan(0);
    expect(overview.withdrawn.length).toBeGreaterThan(0);
    expect(overview.expiring.length).toBeGreaterThan(0);
    const expired = (sqlite.prepare("SELECT count(*) AS n FROM mandates WHERE valid_until < '2026-03-02' AND withdrawn_on IS NULL").get() as { n: number }).n;
    expect(expired).toBeGreaterThan(0);
    expect(overview.withdrawn.every((m) => m.withdrawnOn !== null && m.withdrawnHow !== null && m.withdrawnBy !== null)).toBe(true);
    // R10: every mandate's signed form is a document of the same dossier.
    expect(all(sqlite, 'SELECT m.id FROM mandates m LEFT JOIN documents d ON d.id = m.document_id AND d.participant_id = m.participant_id WHERE d.id IS NULL')).toEqual([]);

    // Every disclosure under a mandate passes the service's own check as of its date (R03, R10, R11, R17).
    const disclosures = all<{ id: number; participant_id: number; recipient_id: number; disclosed_on: string; purpose: string; basis: string; mandate_id: number | null; legal_duty: string | null; exception_arguments: string | null; flagged: number }>(
      sqlite, 'SELECT * FROM disclosures ORDER BY id');
    expect(disclosures.length).toBe(made.disclosures);
    expect(new Set(disclosures.map((d) => d.basis))).toEqual(new Set(['mandate', 'legalDuty', 'exception']));
    expect(disclosures.filter((d) => d.basis === 'exception').every((d) => d.flagged === 1)).toBe(true);
    const items = sqlite.prepare('SELECT kind, field, entry_id AS entryId FROM disclosure_items WHERE disclosure_id = ?');
    for (const d of disclosures) {
      const rows = items.all(d.id) as { kind: string; field: string | null; entryId: number | null }[];
      const basis = d.basis === 'mandate' ? { kind: 'mandate' as const, mandateId: d.mandate_id } : d.basis === 'legalDuty' ? { kind: 'legalDuty' as const, duty: d.legal_duty! } : { kind: 'exception' as const, arguments: d.exception_arguments! };
      const check = await administration.call('disclosures.check', {
        participantId: d.participant_id, recipientId: d.recipient_id, disclosedOn: d.disclosed_on, purpose: d.purpose as never, channel: 'letter', basis,
        items: { fields: rows.filter((r) => r.kind === 'field').map((r) => r.field as never), entryIds: rows.filter((r) => r.kind === 'entry').map((r) => r.entryId!), documentIds: [] },
      });
      expect(check, `disclosure ${d.id}`).toMatchObject({ allowed: true });
    }

    // Requests: the deadline dashboard shows overdue and due-soon ones.
    const dashboard = await administration.call('requests.dashboard', {});
    const open = JSON.stringify(dashboard);
    expect(open).toContain('"urgency":"overdue"');
    expect(open).toContain('"urgency":"dueSoon"');
    const statuses = all<{ status: string }>(sqlite, 'SELECT status FROM requests').map((r) => r.status);
    expect(new Set(statuses)).toEqual(new Set(['received', 'identityVerified', 'closed']));

    // verify-style checks: the database and the audit chain are intact.
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true, findings: [] });
    // R14: the register is append-only, also for what the generator wrote.
    expect(() => sqlite.prepare('DELETE FROM disclosures WHERE id = ?').run(disclosures[0]!.id)).toThrow(/cannot be deleted/);

  });

  it('the demo is reproducible per seed: the same seed gives the same mandates, disclosures and requests', async () => {
    const snapshot = (sqlite: Sqlite) => JSON.stringify([
      all(sqlite, 'SELECT participant_id, recipient_id, purpose, categories, valid_from, valid_until, withdrawn_on FROM mandates ORDER BY id'),
      all(sqlite, 'SELECT participant_id, recipient_id, disclosed_on, basis, categories FROM disclosures ORDER BY id'),
      all(sqlite, 'SELECT participant_id, type, received_on, due_on, status FROM requests ORDER BY id'),
    ]);
    const a = await demoVault(3);
    const b = await demoVault(3);
    const c = await demoVault(4);
    expect(snapshot(b.sqlite)).toBe(snapshot(a.sqlite));
    expect(snapshot(c.sqlite)).not.toBe(snapshot(a.sqlite));
  });
});
