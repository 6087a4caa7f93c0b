// `dossierkluis copy`: the same operation from the command line; only the encrypted file is
// written, the passphrase appears once on stderr and never on stdout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../core/cli/main.ts';
import { runCli } from '../fault/support.ts';
import { inzage, verify, world } from '../requests/support.ts';
import { pdfText, unzip } from './support.ts';

describe('dossierkluis copy (issue 10)', () => {
  it('R21 R31 R20 writes the encrypted PDF or zip, prints the passphrase once on stderr, and refuses a request without verified identity', async () => {
    const w = await world();
    const { request } = await w.admin.call('requests.intake', inzage(w.participantId));
    await w.admin.call('requests.verifyIdentity', verify(request.id));
    const open = await w.admin.call('requests.intake', { ...inzage(w.participantId), description: 'Tweede verzoek, nog niet geverifieerd' });
    const user = w.admin.state.session!.username;
    w.vault.close();
    const out = join(w.vault.dir, '..', 'kopie.pdf');
    const run = await runCli(['copy', '--vault', w.vault.dir, '--request', String(request.id), '--out', out, '--user', user]);
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const passphrase = /Wachtwoord[^:]*: ([a-z]+(?:-[a-z]+){5}-\d{5})/.exec(run.stderr)?.[1];
    expect(passphrase).toBeDefined();
    expect(run.stdout).not.toContain(passphrase!);
    const text = pdfText(readFileSync(out), passphrase!);
    expect(text).toContain('Gesprek met werkgever');
    expect(text).toContain('Postbus 93374');

    const zipOut = join(w.vault.dir, '..', 'kopie.zip');
    const z = await runCli(['copy', '--vault', w.vault.dir, '--request', String(request.id), '--out', zipOut, '--format', 'zip', '--user', user]);
    expect(z.code, z.stderr).toBe(EXIT.ok);
    const zp = /: ([a-z]+(?:-[a-z]+){5}-\d{5})/.exec(z.stderr)![1]!;
    expect((await unzip(readFileSync(zipOut), zp)).has('dossier.json')).toBe(true);

    const refused = await runCli(['copy', '--vault', w.vault.dir, '--request', String(open.request.id), '--out', join(w.vault.dir, '..', 'nee.pdf'), '--user', user]);
    expect(refused.code).not.toBe(EXIT.ok);
    expect(refused.stderr).toContain('Stel eerst de identiteit');
  }, 240_000);
});
