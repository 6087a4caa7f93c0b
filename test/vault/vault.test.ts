import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { migrate, migrations, schemaVersion } from '../../db/migrate.ts';
import { createHostState } from '../../core/host/app-host.ts';
import { signIn, signOut } from '../../core/auth/signin.ts';
import { TEST_KDF } from '../../core/vault/keyslots.ts';
import { backupVault, openVaultHandle } from '../../core/vault/vault.ts';
import { dispatch } from '../../core/router/dispatch.ts';
import { PASSWORD, aParticipant, caller, removeVault, tempDir, testVault, type TestVault } from '../support/vault.ts';

let vault: TestVault;
afterEach(() => removeVault(vault));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** A fresh workstation session on the same vault folder (the database is closed in between). */
function workstation(v: TestVault) {
  return createHostState({ vaultDir: v.dir, workstation: 'tweede-werkplek', now: () => v.clock.now, kdfCost: TEST_KDF });
}

describe('vault encryption and keys', () => {
  it('R07 the database file is SQLCipher-encrypted: no SQLite header and no participant name in any file of the vault folder', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const { participantId } = await anna.call('dossiers.create', aParticipant({ firstName: 'Kanariepietje', lastName: 'Zwavelstok', phone: '0687654321' }));
    await anna.call('dossiers.addEntry', { participantId, trajectoryId: null, kind: 'conversation', entryDate: '2026-03-02', title: 'Intake', body: 'Kanariepietje vertelt over haar werkervaring' });
    await anna.call('dossiers.uploadDocument', { participantId, kind: 'cv', fileName: 'cv.txt', mimeType: 'text/plain', contentBase64: Buffer.from('CV van Kanariepietje Zwavelstok').toString('base64') });
    const files = filesUnder(vault.dir);
    expect(files.some((f) => f.endsWith('vault.db'))).toBe(true);
    const header = readFileSync(join(vault.dir, 'vault.db')).subarray(0, 16).toString('latin1');
    expect(header).not.toBe('SQLite format 3\0');
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const needle of ['Kanariepietje', 'Zwavelstok', '0687654321']) {
        expect(bytes.includes(Buffer.from(needle)), `${needle} in ${f}`).toBe(false);
        expect(bytes.includes(Buffer.from(needle, 'utf16le')), `${needle} (utf16) in ${f}`).toBe(false);
      }
    }
  });

  it('R09 a wrong password is refused, and after three failures even the right one waits a growing, persisted delay', async () => {
    vault = await testVault();
    vault.close(); // sign-in from a closed vault, as at the start of a working day
    const state = workstation(vault);
    const c = caller(state);
    for (let i = 0; i < 3; i++) {
      expect((await c.raw('auth.signIn', { username: 'beheerder', password: 'fout-wachtwoord-123' }))).toMatchObject({ ok: false, error: { code: 'auth.wrongPassword', message: 'Gebruikersnaam of wachtwoord is onjuist.' } });
    }
    const limited = await c.raw('auth.signIn', { username: 'beheerder', password: PASSWORD });
    expect(limited).toMatchObject({ ok: false, error: { code: 'auth.rateLimited', params: { seconds: 2 } } });
    // The delay is persisted: a new process (new host state) is held back as well.
    expect(await caller(workstation(vault)).raw('auth.signIn', { username: 'beheerder', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'auth.rateLimited' } });
    vault.clock.now = new Date(vault.clock.now.getTime() + 3000);
    expect(await c.raw('auth.signIn', { username: 'beheerder', password: 'nog-steeds-fout-1' })).toMatchObject({ ok: false, error: { code: 'auth.wrongPassword' } });
    expect(await c.raw('auth.signIn', { username: 'beheerder', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'auth.rateLimited', params: { seconds: 4 } } });
    vault.clock.now = new Date(vault.clock.now.getTime() + 5000);
    expect(await c.raw('auth.signIn', { username: 'beheerder', password: PASSWORD })).toMatchObject({ ok: true });
    signOut(state);
  });

  it('R05 failed sign-ins made while the vault was locked reach the audit trail at the next unlock', async () => {
    vault = await testVault();
    vault.close();
    const state = workstation(vault);
    await caller(state).raw('auth.signIn', { username: 'beheerder', password: 'fout-wachtwoord-123' });
    await caller(state).raw('auth.signIn', { username: 'onbekend', password: 'fout-wachtwoord-123' });
    await signIn(state, 'beheerder', PASSWORD);
    const lines = state.handle!.sqlite.prepare("SELECT username, outcome FROM audit_log WHERE action = 'auth.signIn' ORDER BY seq").all();
    expect(lines).toEqual([{ username: 'beheerder', outcome: 'failed' }, { username: 'onbekend', outcome: 'failed' }, { username: 'beheerder', outcome: 'ok' }]);
    const text = JSON.stringify(state.handle!.sqlite.prepare('SELECT * FROM audit_log').all());
    expect(text).not.toContain('fout-wachtwoord');
    expect(text).not.toContain(PASSWORD);
    signOut(state);
  });

  it('R07 the recovery code opens the vault and sets a new password; the old one no longer works', async () => {
    vault = await testVault();
    const { participantId } = await (await vault.as('administration')).call('dossiers.create', aParticipant());
    vault.close();
    const state = workstation(vault);
    const c = caller(state);
    expect(await c.raw('auth.recover', { recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', username: 'administration', newPassword: 'nieuw-wachtwoord-2026' })).toMatchObject({ ok: false, error: { code: 'auth.wrongRecoveryCode' } });
    expect(await c.raw('auth.recover', { recoveryCode: vault.recoveryCode.toLowerCase(), username: 'administration', newPassword: 'nieuw-wachtwoord-2026' })).toMatchObject({ ok: true });
    expect(await c.raw('auth.signIn', { username: 'administration', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'auth.wrongPassword' } });
    await c.call('auth.signIn', { username: 'administration', password: 'nieuw-wachtwoord-2026' });
    // A recovered password is temporary (issue 12, finding 5): it is replaced before anything else.
    await c.call('auth.changePassword', { currentPassword: 'nieuw-wachtwoord-2026', newPassword: 'eigen-wachtwoord-2026' });
    expect((await c.call('dossiers.get', { participantId })).participant.lastName).toBe('Testenburg');
    signOut(state);
  });

  it('R07 a password change rewraps one slot and keeps all data', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const { participantId } = await anna.call('dossiers.create', aParticipant());
    await anna.call('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'anna-haar-nieuwe-wachtwoord' });
    expect(await anna.raw('auth.changePassword', { currentPassword: 'verkeerd-wachtwoord', newPassword: 'nog-een-nieuw-wachtwoord' })).toMatchObject({ ok: false, error: { code: 'auth.wrongPassword' } });
    vault.close();
    const state = workstation(vault);
    const c = caller(state);
    expect(await c.raw('auth.signIn', { username: 'anna', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'auth.wrongPassword' } });
    await c.call('auth.signIn', { username: 'anna', password: 'anna-haar-nieuwe-wachtwoord' });
    expect((await c.call('dossiers.get', { participantId })).participant.firstName).toBe('Fenna');
    signOut(state);
  });

  it('R07 each slot keeps its own key-derivation cost: slots made at an older cost still open after the default is raised', async () => {
    vault = await testVault();
    await vault.addUser('anna', 'consultant');
    vault.close();
    const slotsFile = join(vault.dir, 'keyslots.json');
    const costOf = (username: string) => (JSON.parse(readFileSync(slotsFile, 'utf8')) as { slots: { username?: string; kdf: { timeCost: number } }[] }).slots.find((s) => s.username === username)?.kdf.timeCost;
    expect(costOf('anna')).toBe(TEST_KDF.timeCost);
    // A later version derives new slots at a higher cost; the old slot is opened with its own.
    const raised = { ...TEST_KDF, timeCost: TEST_KDF.timeCost + 2 };
    const state = createHostState({ vaultDir: vault.dir, workstation: 'tweede-werkplek', now: () => vault.clock.now, kdfCost: raised });
    const c = caller(state);
    await c.call('auth.signIn', { username: 'anna', password: PASSWORD });
    await c.call('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'anna-haar-nieuwe-wachtwoord' });
    expect(costOf('anna')).toBe(raised.timeCost);
    signOut(state);
  });

  it('R07 removing a user removes their slot and rekeys the database; everything they wrote stays', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const { participantId } = await anna.call('dossiers.create', aParticipant());
    await anna.call('dossiers.addEntry', { participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-02', title: 'Notitie', body: 'Door Anna geschreven' });
    const keyBefore = Buffer.from(vault.admin.state.handle!.key);
    const annaId = (await vault.admin.call('users.list', {})).find((u) => u.username === 'anna')!.id;
    await vault.admin.call('users.deactivate', { userId: annaId });
    expect(vault.admin.state.handle!.key.equals(keyBefore)).toBe(false);
    // The old key no longer opens the database file.
    const dbFile = join(vault.dir, 'vault.db');
    vault.close();
    expect(() => openDatabase(dbFile, keyBefore.toString('hex'))).toThrow();
    const state = workstation(vault);
    const c = caller(state);
    expect(await c.raw('auth.signIn', { username: 'anna', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'auth.wrongPassword' } });
    await c.call('auth.signIn', { username: 'beheerder', password: PASSWORD });
    const rows = state.handle!.sqlite.prepare('SELECT e.body, u.username, u.active FROM entries e JOIN users u ON u.id = e.author_id').all();
    expect(rows).toEqual([{ body: 'Door Anna geschreven', username: 'anna', active: 0 }]);
    signOut(state);
  });

  it('R07 a backup is an encrypted copy that opens with the same passwords and holds the same data', async () => {
    vault = await testVault();
    const adm = await vault.as('administration');
    for (let i = 0; i < 5; i++) await adm.call('dossiers.create', aParticipant({ lastName: `Kopie${i}` }));
    const target = join(tempDir(), 'backup');
    backupVault(vault.admin.state.handle!, target);
    expect(readFileSync(join(target, 'vault.db')).includes(Buffer.from('Kopie3'))).toBe(false);
    const state = createHostState({ vaultDir: target, workstation: 'herstel', kdfCost: TEST_KDF });
    await signIn(state, 'administration', PASSWORD);
    const names = (state.handle!.sqlite.prepare('SELECT last_name FROM participants ORDER BY last_name').all() as { last_name: string }[]).map((r) => r.last_name);
    expect(names).toEqual(['Kopie0', 'Kopie1', 'Kopie2', 'Kopie3', 'Kopie4']);
    expect(state.handle!.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    signOut(state);
  });

  it('R07 a vault in use by this process is refused with a clear message', async () => {
    vault = await testVault();
    const other = workstation(vault);
    const r = await dispatch(other, 'auth.signIn', { username: 'beheerder', password: PASSWORD });
    expect(r).toMatchObject({ ok: false, error: { code: 'vault.inUse' } });
  });
});

describe('schema migrations', () => {
  it('R07 a vault made by the previous schema version is upgraded without data loss', async () => {
    const dir = tempDir();
    const key = Buffer.alloc(32, 7);
    const all = migrations().length;
    const { sqlite } = openDatabase(join(dir, 'vault.db'), key.toString('hex'), { create: true });
    migrate(sqlite, all - 1);
    expect(schemaVersion(sqlite)).toBe(all - 1);
    sqlite.prepare("INSERT INTO users (username, display_name, role, active, created_at) VALUES ('u', 'U', 'consultant', 1, '2026-01-01')").run();
    sqlite.prepare("INSERT INTO participants (dossier_number, first_name, last_name, source, status, created_at, updated_at) VALUES ('DK-2026-000001', 'Oud', 'Schema', 'participant', 'active', 'x', 'x')").run();
    sqlite.close();
    const handle = openVaultHandle(dir, key);
    expect(schemaVersion(handle.sqlite)).toBe(all);
    expect(handle.sqlite.prepare('SELECT first_name, last_name FROM participants').all()).toEqual([{ first_name: 'Oud', last_name: 'Schema' }]);
    expect(handle.sqlite.prepare("SELECT rowid FROM participants_fts WHERE participants_fts MATCH '\"sch\"*'").all()).toHaveLength(1);
    handle.close();
  });

  it('R07 a vault made by a newer version is refused with a clear message and left untouched', async () => {
    const dir = tempDir();
    const key = Buffer.alloc(32, 9);
    const { sqlite } = openDatabase(join(dir, 'vault.db'), key.toString('hex'), { create: true });
    migrate(sqlite);
    sqlite.pragma(`user_version=${migrations().length + 5}`);
    sqlite.close();
    const before = readFileSync(join(dir, 'vault.db'));
    expect(() => openVaultHandle(dir, key)).toThrow(expect.objectContaining({ code: 'vault.newerVersion' }));
    expect(readFileSync(join(dir, 'vault.db')).equals(before)).toBe(true);
  });
});
