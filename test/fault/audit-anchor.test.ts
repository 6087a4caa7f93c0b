// The audit anchor outside the database (R05): the hash chain alone does not show lines cut off
// at the end or a database rolled back to an older copy; `audit-anchor.json` in the vault folder
// (HMAC with a key derived from the database key) does. Checked through `dossierkluis verify`
// (exit code + Dutch text) and verifyAuditChain on an open vault.
import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Sqlite } from '../../db/connection.ts';
import { EXIT } from '../../core/cli/main.ts';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { backupVault } from '../../core/vault/vault.ts';
import { aParticipant, removeVault, tempDir, testVault, type TestVault } from '../support/vault.ts';
import { runCli } from './support.ts';

let template: TestVault;
let keyHex: string;
let participantId: number;
const roots: string[] = [];

beforeAll(async () => {
  template = await testVault();
  const anna = await template.addUser('anna', 'consultant');
  ({ participantId } = await anna.call('dossiers.create', aParticipant()));
  for (let i = 0; i < 3; i++) await anna.call('dossiers.get', { participantId });
  keyHex = template.admin.state.handle!.key.toString('hex');
  template.close();
});
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
  removeVault(template);
});

function copyOfVault(): string {
  const root = tempDir('dossierkluis-anchor-');
  roots.push(root);
  const dir = join(root, 'vault');
  cpSync(template.dir, dir, { recursive: true });
  return dir;
}

/** Changes the closed copy's database directly with the key, as an attacker who has it would. */
function withDatabase(dir: string, fn: (sqlite: Sqlite) => void): void {
  const { sqlite } = openDatabase(join(dir, 'vault.db'), keyHex);
  try { fn(sqlite); } finally { sqlite.close(); }
}

const lastSeq = (sqlite: Sqlite) => (sqlite.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
const anchorOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'audit-anchor.json'), 'utf8')) as { seq: number; hash: string; at: string; mac: string };
const verify = (dir: string) => runCli(['verify', '--vault', dir, '--user', 'beheerder']);

describe('audit anchor (R05)', () => {
  it('R05 an untouched vault has an anchor on its last audit line and verifies: exit 0, "Auditanker: in orde"', async () => {
    const dir = copyOfVault();
    withDatabase(dir, (sqlite) => {
      const last = sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      expect(anchorOf(dir)).toMatchObject({ seq: last.seq, hash: last.hash });
    });
    const r = await verify(dir);
    expect(r.code, r.stderr + r.stdout).toBe(EXIT.ok);
    expect(r.stdout).toContain('0 afwijkingen');
    expect(r.stdout).toContain('Auditanker: in orde.');
  });

  for (const n of [1, 3]) {
    it(`R05 truncating the last ${n} audit line(s) (the chain itself stays valid) is detected: exit 1, "De audittrail eindigt bij regel"`, async () => {
      const dir = copyOfVault();
      let last = 0;
      withDatabase(dir, (sqlite) => {
        sqlite.exec('DROP TRIGGER IF EXISTS audit_log_no_delete');
        last = lastSeq(sqlite);
        expect(sqlite.prepare('DELETE FROM audit_log WHERE seq > ?').run(last - n).changes).toBe(n);
      });
      const r = await verify(dir);
      expect(r.code, r.stderr).toBe(EXIT.findings);
      expect(r.stdout).toContain(`regel ${last}: anchor — De audittrail eindigt bij regel ${last - n}, maar het auditanker legde regel ${last} vast`);
      expect(r.stdout).toContain('Auditanker: AFWIJKING.');
      // The unlock did not move the anchor on (the evidence stays) and recorded what it found.
      expect(anchorOf(dir).seq).toBe(last);
      withDatabase(dir, (sqlite) => {
        const noted = sqlite.prepare("SELECT objects, flagged FROM audit_log WHERE action = 'audit.anchorMismatch'").all() as { objects: string; flagged: number }[];
        expect(noted).toHaveLength(1);
        expect(JSON.parse(noted[0]!.objects)).toEqual({ problem: 'chainShorter', anchorSeq: last });
        expect(noted[0]!.flagged).toBe(1);
      });
      // A second verify still reports it (the chain has grown past the anchored seq by now).
      const again = await verify(dir);
      expect(again.code).toBe(EXIT.findings);
      expect(again.stdout).toMatch(/regel \d+: anchor — /);
    });
  }

  it('R05 rolling the database back to an older copy while the newer anchor stays is detected: exit 1', async () => {
    const dir = copyOfVault();
    const older = join(dir, '..', 'vault.db.older');
    copyFileSync(join(dir, 'vault.db'), older);
    expect(existsSync(join(dir, 'vault.db-wal'))).toBe(false); // closed cleanly: one file is the whole database
    const later = await verify(dir); // a later session: sign-in, verify, sign-out move the anchor on
    expect(later.code, later.stderr).toBe(EXIT.ok);
    const newer = anchorOf(dir);
    copyFileSync(older, join(dir, 'vault.db'));
    const r = await verify(dir);
    expect(r.code, r.stderr).toBe(EXIT.findings);
    expect(r.stdout).toContain(`maar het auditanker legde regel ${newer.seq} vast`);
    expect(r.stdout).toContain('teruggezet naar een oudere kopie');
  });

  it('R05 a forged anchor (changed mac) is detected: exit 1, "vervalst"', async () => {
    const dir = copyOfVault();
    const a = anchorOf(dir);
    writeFileSync(join(dir, 'audit-anchor.json'), JSON.stringify({ ...a, mac: (a.mac[0] === 'a' ? 'b' : 'a') + a.mac.slice(1) }));
    const r = await verify(dir);
    expect(r.code, r.stderr).toBe(EXIT.findings);
    expect(r.stdout).toContain('Het auditanker (audit-anchor.json) is vervalst of hoort niet bij deze database');
  });

  it('R05 an anchor moved back to an earlier line without its key (seq and hash changed, old mac) is detected', async () => {
    const dir = copyOfVault();
    const a = anchorOf(dir);
    withDatabase(dir, (sqlite) => {
      const earlier = sqlite.prepare('SELECT seq, hash FROM audit_log WHERE seq = ?').get(a.seq - 2) as { seq: number; hash: string };
      writeFileSync(join(dir, 'audit-anchor.json'), JSON.stringify({ ...a, seq: earlier.seq, hash: earlier.hash }));
    });
    const r = await verify(dir);
    expect(r.code).toBe(EXIT.findings);
    expect(r.stdout).toContain('vervalst');
  });

  it('R05 a deleted anchor of a vault that had one is detected: exit 1, "ontbreekt"', async () => {
    const dir = copyOfVault();
    rmSync(join(dir, 'audit-anchor.json'));
    const r = await verify(dir);
    expect(r.code, r.stderr).toBe(EXIT.findings);
    expect(r.stdout).toContain('Het auditanker (audit-anchor.json) ontbreekt');
    expect(existsSync(join(dir, 'audit-anchor.json'))).toBe(false);
  });

  it('R05 a vault made before the anchor existed gets one at its first unlock, noted in the audit trail: exit 0', async () => {
    const dir = copyOfVault();
    rmSync(join(dir, 'audit-anchor.json'));
    let before = 0;
    withDatabase(dir, (sqlite) => {
      sqlite.prepare("DELETE FROM settings WHERE key = 'auditAnchor'").run();
      before = lastSeq(sqlite);
    });
    const r = await verify(dir);
    expect(r.code, r.stderr + r.stdout).toBe(EXIT.ok);
    expect(existsSync(join(dir, 'audit-anchor.json'))).toBe(true);
    withDatabase(dir, (sqlite) => {
      const created = sqlite.prepare("SELECT seq FROM audit_log WHERE action = 'audit.anchorCreated'").all() as { seq: number }[];
      expect(created).toEqual([{ seq: before + 1 }]);
      expect(anchorOf(dir).seq).toBe(lastSeq(sqlite));
    });
  });

  it('R05 an anchor that lags behind the database (lost in a crash) is accepted and caught up', async () => {
    const dir = copyOfVault();
    const lagging = readFileSync(join(dir, 'audit-anchor.json'), 'utf8');
    const later = await verify(dir); // more committed lines after the anchored one
    expect(later.code).toBe(EXIT.ok);
    writeFileSync(join(dir, 'audit-anchor.json'), lagging); // as if the later anchor writes were lost
    const r = await verify(dir);
    expect(r.code, r.stderr + r.stdout).toBe(EXIT.ok);
    expect(r.stdout).toContain('0 afwijkingen');
    expect(anchorOf(dir).seq).toBeGreaterThan(JSON.parse(lagging).seq);
  });

  it('R05 verifyAuditChain on an open vault reports a lagging anchor as "behind", not as a finding; audit.verify returns it', async () => {
    const vault = await testVault();
    try {
      const anna = await vault.addUser('anna', 'consultant');
      const lagging = readFileSync(join(vault.dir, 'audit-anchor.json'), 'utf8');
      const { participantId: id } = await anna.call('dossiers.create', aParticipant());
      await anna.call('dossiers.get', { participantId: id });
      writeFileSync(join(vault.dir, 'audit-anchor.json'), lagging);
      const report = verifyAuditChain(vault.admin.state.handle!.sqlite);
      expect(report.ok).toBe(true);
      expect(report.anchor).toMatchObject({ status: 'behind', ok: true, seq: JSON.parse(lagging).seq });
      const viaApi = await (await vault.as('privacyOfficer')).call('audit.verify', {});
      expect(viaApi.anchor?.ok).toBe(true);
      expect(viaApi.findings).toEqual([]);
    } finally {
      removeVault(vault);
    }
  });

  it('R05 a backup copies the anchor, and the backup verifies on its own', async () => {
    const vault = await testVault();
    const target = join(tempDir('dossierkluis-anchor-backup-'), 'kopie');
    roots.push(join(target, '..'));
    try {
      await (await vault.addUser('anna', 'consultant')).call('dossiers.create', aParticipant());
      backupVault(vault.admin.state.handle!, target);
      expect(existsSync(join(target, 'audit-anchor.json'))).toBe(true);
      vault.close();
      const r = await verify(target);
      expect(r.code, r.stderr + r.stdout).toBe(EXIT.ok);
      expect(r.stdout).toContain('Auditanker: in orde.');
    } finally {
      removeVault(vault);
    }
  });
  it('R05 R07 after a rekey (a user removed) the anchor carries the new key\'s MAC and the vault verifies: exit 0', async () => {
    const vault = await testVault();
    try {
      const anna = await vault.addUser('anna', 'consultant');
      await anna.call('dossiers.create', aParticipant());
      const before = anchorOf(vault.dir).mac;
      const annaId = (await vault.admin.call('users.list', {})).find((u) => u.username === 'anna')!.id;
      await vault.admin.call('users.deactivate', { userId: annaId });
      vault.close();
      expect(anchorOf(vault.dir).mac).not.toBe(before);
      const r = await verify(vault.dir);
      expect(r.code, r.stderr + r.stdout).toBe(EXIT.ok);
      expect(r.stdout).toContain('Auditanker: in orde.');
    } finally {
      removeVault(vault);
    }
  });
  it('R05 R07 a rekey interrupted before the anchor was re-MACed (old-key anchor, pending envelopes) is completed at unlock: exit 0', async () => {
    const vault = await testVault();
    try {
      const anna = await vault.addUser('anna', 'consultant');
      await anna.call('dossiers.create', aParticipant());
      const oldSlots = JSON.parse(readFileSync(join(vault.dir, 'keyslots.json'), 'utf8')) as { slots: { id: string; userId: number | null }[] };
      const oldAnchor = readFileSync(join(vault.dir, 'audit-anchor.json'), 'utf8');
      const annaId = (await vault.admin.call('users.list', {})).find((u) => u.username === 'anna')!.id;
      await vault.admin.call('users.deactivate', { userId: annaId });
      vault.close();
      // The state a crash right after the database rekey leaves: slots still on the old key with
      // the new key pending, and the anchor still MACed with the old key.
      const done = JSON.parse(readFileSync(join(vault.dir, 'keyslots.json'), 'utf8')) as { slots: { id: string; envelope: unknown }[] };
      const pending = Object.fromEntries(done.slots.map((sl) => [sl.id, sl.envelope]));
      writeFileSync(join(vault.dir, 'keyslots.json'), JSON.stringify({ ...oldSlots, slots: oldSlots.slots.filter((sl) => sl.userId !== annaId), pending }));
      writeFileSync(join(vault.dir, 'audit-anchor.json'), oldAnchor);
      const r = await verify(vault.dir);
      expect(r.code, r.stderr + r.stdout).toBe(EXIT.ok);
      expect(r.stdout).toContain('0 afwijkingen');
      expect(anchorOf(vault.dir).mac).not.toBe(JSON.parse(oldAnchor).mac);
      const again = await verify(vault.dir); // the re-MACed anchor verifies under the new key alone
      expect(again.code, again.stdout).toBe(EXIT.ok);
      expect(again.stdout).toContain('Auditanker: in orde.');
    } finally {
      removeVault(vault);
    }
  });
});
