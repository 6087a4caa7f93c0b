// `node --import tsx bench/copy.ts [--participants N] [--format pdf|zip|both]`: the `copy` measure of
// bench/run.ts on its own, on a small vault (N participants plus the 2,000-entry dossier with 20
// documents), so the copy can be measured or profiled (node --cpu-prof) without the 100k build.
// The copy's time depends on the dossier, not on the vault's size.
import { parseArgs } from 'node:util';
import { generateDemo } from '../core/demo/generate.ts';
import { removeVault, testVault } from '../test/support/vault.ts';
import { round } from './stats.ts';

const { values: args } = parseArgs({ options: { participants: { type: 'string', default: '200' }, format: { type: 'string', default: 'both' }, repeat: { type: 'string', default: '1' } }, strict: true });
const NOW = new Date('2026-03-02T09:00:00Z');

const vault = await testVault();
const consultant = await vault.as('consultant');
const administration = await vault.as('administration');
const sqlite = vault.admin.state.handle!.sqlite;
generateDemo(sqlite, { participants: Number(args.participants), seed: 1, entriesPerParticipant: 20, consultantIds: [consultant.state.session!.userId], now: NOW });
generateDemo(sqlite, { participants: 1, seed: 2, entriesPerParticipant: 2000, consultantIds: [consultant.state.session!.userId], now: NOW });
const big = (sqlite.prepare('SELECT max(id) AS id FROM participants').get() as { id: number }).id;
for (let i = 0; i < 20; i++) {
  await consultant.call('dossiers.uploadDocument', { participantId: big, kind: 'report', fileName: `rapport-${i + 1}.pdf`, mimeType: 'application/pdf', contentBase64: Buffer.alloc(100_000, i).toString('base64') });
}
const today = NOW.toISOString().slice(0, 10);
const { request } = await administration.call('requests.intake', { participantId: big, type: 'inzage', requester: { kind: 'participant' }, channel: 'letter', receivedOn: today, description: 'Bench: kopie van het dossier', changes: [] });
await administration.call('requests.verifyIdentity', { requestId: request.id, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort vergeleken (bench)', verifiedOn: today });

const formats = args.format === 'both' ? (['pdf', 'zip'] as const) : [args.format as 'pdf' | 'zip'];
const out: Record<string, { seconds: number[]; bytes: number }> = {};
for (let r = 0; r < Number(args.repeat); r++) {
  for (const format of formats) {
    const t = performance.now();
    const made = await administration.call('copies.make', { requestId: request.id, format, contents: 'full' });
    const seconds = round((performance.now() - t) / 1000, 2);
    (out[format] ??= { seconds: [], bytes: made.files[0]!.size }).seconds.push(seconds);
  }
}
process.stdout.write(`${JSON.stringify({ entries_in_dossier: 2000, documents: 20, ...out })}\n`);
removeVault(vault);
