// Issue 12, finding 9: `dossierkluis demo` put `administratie1` and three consultants with one
// fixed, printed password into any vault, a real one included. Now demo accounts exist only in a
// vault that demo made itself, each with its own generated password, shown once.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../core/cli/main.ts';
import { createAppHost } from '../../core/host/app-host.ts';
import { readSlotFile } from '../../core/vault/files.ts';
import { hashFiles, runCli } from '../fault/support.ts';
import { PASSWORD, tempDir } from '../support/vault.ts';

const made: string[] = [];
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

function folder(): string {
  const root = tempDir('dossierkluis-demo-');
  made.push(root);
  return join(root, 'vault');
}

async function signIn(dir: string, username: string, password: string) {
  const host = createAppHost({ vaultDir: dir, workstation: 'demo-test' });
  try {
    return await host.call('auth.signIn', { username, password });
  } finally {
    host.close();
  }
}

describe('issue 12 finding 9: demo accounts only in a demo vault', () => {
  it('R04 finding 9: demo refuses a real vault (made by init) with exit 2 and adds no account and no key slot', async () => {
    const dir = folder();
    const init = await runCli(['init', '--vault', dir, '--org', 'Echt Bureau', '--admin', 'beheer']);
    expect(init.code, init.stderr).toBe(EXIT.ok);
    const before = hashFiles(dir);
    const demo = await runCli(['demo', '--vault', dir, '--participants', '3', '--entries', '1', '--user', 'beheer']);
    expect(demo.code, demo.stderr).toBe(EXIT.usage);
    expect(demo.stderr).toContain('niet met `dossierkluis demo` gemaakt');
    expect(demo.stdout).not.toMatch(/wachtwoord/i);
    expect(readSlotFile(dir).slots.map((s) => s.username)).toEqual(['beheer', null]);
    // The unlock writes its own audit line and moves the anchor; the key slots stay as they were.
    expect(hashFiles(dir)['keyslots.json']).toBe(before['keyslots.json']);
    expect(await signIn(dir, 'administratie1', 'demo-wachtwoord-2026')).toMatchObject({ ok: false });
    // Nor in the default folder, where the app keeps the real vault: --vault is required.
    const noFolder = await runCli(['demo', '--participants', '3'], { env: { XDG_CONFIG_HOME: join(dir, '..', 'config'), HOME: join(dir, '..') } });
    expect(noFolder.code).toBe(EXIT.usage);
    expect(noFolder.stderr).toContain('demo heeft --vault MAP nodig');
  });

  it('R04 finding 9: demo in a new folder makes a demo vault whose accounts each get their own generated password, shown once', async () => {
    const dir = folder();
    const first = await runCli(['demo', '--vault', dir, '--participants', '3', '--entries', '1']);
    expect(first.code, first.stderr).toBe(EXIT.ok);
    const printed = Object.fromEntries([...first.stdout.matchAll(/^ {2}(\S+) \([a-z]+\): wachtwoord (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(Object.keys(printed).sort()).toEqual(['administratie1', 'consulent1', 'consulent2', 'consulent3']);
    expect(new Set(Object.values(printed)).size).toBe(4);
    for (const p of Object.values(printed)) {
      expect(p).not.toBe('demo-wachtwoord-2026');
      expect(p.length).toBeGreaterThanOrEqual(12);
    }
    expect(await signIn(dir, 'consulent2', printed.consulent2!)).toMatchObject({ ok: true, value: { username: 'consulent2', role: 'consultant' } });
    expect(await signIn(dir, 'administratie1', printed.administratie1!)).toMatchObject({ ok: true, value: { role: 'administration' } });
    expect(await signIn(dir, 'beheer', PASSWORD)).toMatchObject({ ok: true, value: { role: 'administrator' } });

    // A second run adds data to the same demo vault, and no accounts, so no password is printed again.
    const second = await runCli(['demo', '--vault', dir, '--participants', '2', '--entries', '1', '--seed', '2', '--user', 'beheer']);
    expect(second.code, second.stderr).toBe(EXIT.ok);
    expect(second.stdout).not.toMatch(/wachtwoord/);
    expect(second.stdout).toContain('Demo-gegevens aangemaakt: 2 deelnemers');
    expect(readSlotFile(dir).slots.filter((s) => s.kind === 'user')).toHaveLength(5);
  });
});
