// `node --import tsx scripts/copy-sample.ts [--page N]`: renders page N (default 1: the cover letter and the AVG art. 15 information) of the
// participant's copy of a synthetic demo dossier into docs/screenshots/30-kopie-voorbeeld.png,
// for the README. Reproducible: a throwaway vault in the temp folder, the demo generator with a
// fixed seed and clock, copies.make through dispatch as the app does it; the PDF is decrypted with
// its passphrase by qpdf and drawn by pdftoppm (poppler-utils) at 60 dpi. Nothing real is read.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDemo } from '../core/demo/generate.ts';
import { removeVault, testVault } from '../test/support/vault.ts';

const { values: args } = parseArgs({ options: { page: { type: 'string', default: '1' } }, strict: true });
const NOW = new Date('2026-03-02T09:00:00Z');
const out = fileURLToPath(new URL('../docs/screenshots/30-kopie-voorbeeld.png', import.meta.url));

const vault = await testVault({ organisation: 'Re-integratie Oost' });
const work = mkdtempSync(join(tmpdir(), 'dk-copy-sample-'));
try {
  const consultant = await vault.as('consultant');
  const administration = await vault.as('administration');
  const sqlite = vault.admin.state.handle!.sqlite;
  generateDemo(sqlite, { participants: 20, seed: 7, entriesPerParticipant: 8, consultantIds: [consultant.state.session!.userId], now: NOW });
  // A dossier that shows every part of the copy: one with a disclosure and a trajectory.
  const { participantId } = sqlite.prepare(`SELECT d.participant_id AS participantId FROM disclosures d JOIN trajectories t ON t.participant_id = d.participant_id
    ORDER BY d.participant_id LIMIT 1`).get() as { participantId: number };
  const today = NOW.toISOString().slice(0, 10);
  const { request } = await administration.call('requests.intake', { participantId, type: 'inzage', requester: { kind: 'participant' }, channel: 'letter', receivedOn: today, description: 'Ik wil weten welke gegevens u over mij heeft en aan wie die zijn doorgegeven.', changes: [] });
  await administration.call('requests.verifyIdentity', { requestId: request.id, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort vergeleken met naam en geboortedatum', verifiedOn: today });
  await administration.call('requests.decide', { requestId: request.id, outcome: 'granted' });
  const made = await administration.call('copies.make', { requestId: request.id, format: 'pdf', contents: 'full' });
  const pdf = join(work, 'kopie.pdf');
  writeFileSync(pdf, Buffer.from(made.files[0]!.contentBase64, 'base64'));
  // Not `pdftoppm -upw`: poppler's tools keep only 32 characters of a password (docs/security.md).
  execFileSync('qpdf', [`--password=${made.passphrase}`, '--decrypt', pdf, join(work, 'open.pdf')]);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', args.page, '-l', args.page, '-singlefile', join(work, 'open.pdf'), join(work, 'page')]);
  renameSync(join(work, 'page.png'), out);
  process.stdout.write(`${out} (pagina ${args.page} van de kopie van ${made.files[0]!.fileName})\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
  removeVault(vault);
}
