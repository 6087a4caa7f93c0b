// `npm run bench -- [--quick] [--json FILE]`: builds a synthetic vault with the demo generator and
// measures, side by side in the same run, what a user feels (search, opening a dossier, writing,
// unlocking) against the raw SQL underneath. Prints one JSON document (also written to FILE).
// Progress goes to stderr so stdout stays machine-readable.
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { CACHE_SIZE, openDatabase, type Sqlite } from '../db/connection.ts';
import { appendAudit } from '../core/audit/chain.ts';
import { destroyBatch, destroyParticipant, type BatchResult, type DestroyResult } from '../core/retention/destroy.ts';
import { bindErasure, stillBound, type ErasureBinding } from '../core/retention/identity.ts';
import { createVault } from '../core/auth/service.ts';
import { signIn, signOut } from '../core/auth/signin.ts';
import { generateDemo } from '../core/demo/generate.ts';
import { parseQuery, textSearch } from '../core/dossiers/search.ts';
import { createHostState } from '../core/host/app-host.ts';
import { dispatch } from '../core/router/dispatch.ts';
import type { HostState } from '../core/router/context.ts';
import { STRONG_KDF } from '../core/vault/keyslots.ts';
import { amsterdamDate } from '../core/calendar/index.ts';
import { loadPolicy } from '../core/requests/policy.ts';
import { destructionList } from '../core/retention/index.ts';
import { distribution, gitCommit, machine, ratio, round, seededRandom, timeIt, timeSync } from './stats.ts';

const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false }, json: { type: 'string' }, keep: { type: 'boolean', default: false } }, strict: true });

const SIZE = args.quick
  ? { participants: 10_000, searches: 200, opens: 40, writes: 150, encReads: 1500, encWrites: 60, unlocks: 3, retentionLists: 10 }
  : { participants: 100_000, searches: 400, opens: 100, writes: 400, encReads: 4000, encWrites: 150, unlocks: 5, retentionLists: 20 };
const ENTRIES_PER_PARTICIPANT = 20;
const BIG_DOSSIER_ENTRIES = 2000;
const PASSWORD = 'benchmark-wachtwoord-2026';
const TEMPORARY = 'tijdelijk-benchmark-2026';
const NOW = new Date('2026-03-02T09:00:00Z');

const started = Date.now();
const log = (line: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
const stamp = { cpus: machine().cpus, commit: gitCommit(), date: new Date().toISOString() };

async function ok<T>(state: HostState, name: string, input: unknown): Promise<T> {
  const r = await dispatch(state, name, input);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code}`);
  return r.value as T;
}

/** A second session on the already-open database, as the test harness and the app host do. */
async function sessionFor(owner: HostState, username: string): Promise<HostState> {
  const state = createHostState({ vaultDir: owner.dir, workstation: 'bench' });
  state.handle = owner.handle;
  await signIn(state, username, PASSWORD);
  return state;
}

/** Runs the service call and its raw SQL equivalent alternately, so drift hits both alike. */
async function sideBySide(items: unknown[], viaDispatch: (item: unknown) => Promise<unknown>, raw: (item: unknown) => unknown) {
  const d: number[] = [];
  const r: number[] = [];
  for (const [i, item] of items.entries()) {
    if (i % 2 === 0) { d.push(await timeIt(() => viaDispatch(item))); r.push(timeSync(() => raw(item))); }
    else { r.push(timeSync(() => raw(item))); d.push(await timeIt(() => viaDispatch(item))); }
  }
  const dispatchDist = distribution(d);
  const rawDist = distribution(r);
  return { dispatch: dispatchDist, raw: rawDist, ratio_p50: ratio(dispatchDist.p50_ms, rawDist.p50_ms), ratio_p95: ratio(dispatchDist.p95_ms, rawDist.p95_ms) };
}

// ---------------------------------------------------------------------------------------------
// Building the vault
const root = mkdtempSync(join(tmpdir(), 'dossierkluis-bench-'));
const vaultDir = join(root, 'vault');
const owner = createHostState({ vaultDir, workstation: 'bench', now: () => NOW, kdfCost: STRONG_KDF });
log(`vault in ${vaultDir} (${args.quick ? 'quick' : 'full'}: ${SIZE.participants} participants)`);
await createVault(owner, { organisation: 'Benchmarkbureau', preset: 'factor-twee', admin: { username: 'beheerder', displayName: 'Beheerder', password: PASSWORD } });
const consultantIds: number[] = [];
for (const i of [1, 2, 3]) consultantIds.push((await ok<{ id: number }>(owner, 'users.create', { username: `consulent${i}`, displayName: `Consulent ${i}`, role: 'consultant', password: TEMPORARY })).id);
await ok(owner, 'users.create', { username: 'administratie', displayName: 'Administratie', role: 'administration', password: TEMPORARY });
// A password the administrator set is temporary: each user replaces it first (issue 12).
for (const username of ['consulent1', 'consulent2', 'consulent3', 'administratie']) {
  const first = createHostState({ vaultDir: owner.dir, workstation: 'bench' });
  first.handle = owner.handle;
  await signIn(first, username, TEMPORARY);
  await ok(first, 'auth.changePassword', { currentPassword: TEMPORARY, newPassword: PASSWORD });
}
const sqlite = owner.handle!.sqlite;
const keyHex = owner.handle!.key.toString('hex');

const t0 = Date.now();
const made = generateDemo(sqlite, {
  participants: SIZE.participants, seed: 1, entriesPerParticipant: ENTRIES_PER_PARTICIPANT, consultantIds, now: NOW,
  onProgress: (done, total) => { if (done % Math.max(1000, Math.round(total / 10)) === 0) log(`generated ${done}/${total}`); },
});
const buildSeconds = (Date.now() - t0) / 1000;
// One extra participant whose dossier holds 2,000 entries, in consultant 1's caseload.
generateDemo(sqlite, { participants: 1, seed: 2, entriesPerParticipant: BIG_DOSSIER_ENTRIES, consultantIds: [consultantIds[0]!], now: NOW });
const bigDossierId = (sqlite.prepare('SELECT max(id) AS id FROM participants').get() as { id: number }).id;
const participantsTotal = made.participants + 1;
const entriesTotal = made.entries + BIG_DOSSIER_ENTRIES;
log(`built ${participantsTotal} participants, ${entriesTotal} entries, ${made.documents} documents in ${buildSeconds.toFixed(1)} s`);
const workload = { participants: participantsTotal, entries: entriesTotal, documents: made.documents, entries_per_participant: ENTRIES_PER_PARTICIPANT, build_seconds: round(buildSeconds, 1) };

// vault_size: measured before the benchmark's own writes, with the WAL folded in.
sqlite.pragma('wal_checkpoint(TRUNCATE)');
const vaultBytes = statSync(join(vaultDir, 'vault.db')).size;

const administration = await sessionFor(owner, 'administratie');
const consultant = await sessionFor(owner, 'consulent1');
const rnd = seededRandom(42);
const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)]!;

// ---------------------------------------------------------------------------------------------
// search: name fragment and dossier number, as administration (scope all) and as a consultant.
type Person = { id: number; first: string; last: string; number: string; city: string };
const everyone = sqlite.prepare('SELECT id, first_name AS first, last_name AS last, dossier_number AS number, coalesce(city, \'\') AS city FROM participants').all() as Person[];
const caseload = sqlite.prepare('SELECT p.id, p.first_name AS first, p.last_name AS last, p.dossier_number AS number, coalesce(p.city, \'\') AS city FROM caseload c JOIN participants p ON p.id = c.participant_id WHERE c.user_id = ?').all(consultantIds[0]) as Person[];
const COLUMNS = "p.id AS participantId, p.dossier_number AS dossierNumber, p.first_name || ' ' || coalesce(p.last_name_prefix || ' ', '') || p.last_name AS displayName, p.birth_date AS birthDate, p.city AS city, p.status AS status";
// The raw equivalent of the service's query: the same count and page, without router, zod or audit.
// For a name the service's own SQL (textSearch: capped count, then the page by the cheapest plan).
function rawSearch(scopeAll: boolean) {
  const from = scopeAll ? 'participants p' : 'participants p JOIN caseload c ON c.participant_id = p.id AND c.user_id = ?';
  const where = 'p.dossier_number = ?';
  const count = sqlite.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${where}`);
  const page = sqlite.prepare(`SELECT ${COLUMNS} FROM ${from} WHERE ${where} ORDER BY p.last_name, p.first_name, p.id LIMIT 50 OFFSET 0`);
  const byId = sqlite.prepare(`SELECT ${COLUMNS} FROM participants p WHERE p.id = ?`);
  return (query: string) => {
    const parsed = parseQuery(query);
    if (parsed.kind === 'text') return textSearch(sqlite, scopeAll ? null : consultantIds[0]!, parsed.match, 0, 50).ids.map((id) => byId.get(id));
    const value = parsed.kind === 'dossierNumber' ? parsed.value : '';
    const params = scopeAll ? [value] : [consultantIds[0]!, value];
    count.get(...params);
    return page.all(...params);
  };
}
const nameFragment = (p: Person) => p.last.slice(0, 4).toLowerCase();
// A place of residence (issue 13): the first five letters, as a user types "utrec".
const placeFragment = (p: Person) => p.city.slice(0, 5).toLowerCase() || 'utrec';
async function searchCase(state: HostState, scope: 'all' | 'caseload', people: Person[], kind: 'name' | 'number' | 'place') {
  const queries = Array.from({ length: SIZE.searches }, () => { const p = pick(people); return kind === 'name' ? nameFragment(p) : kind === 'place' ? placeFragment(p) : p.number; });
  const call = (q: unknown) => ok(state, 'dossiers.list', { query: q, scope, offset: 0, limit: 50 });
  const raw = rawSearch(scope === 'all');
  for (const q of queries.slice(0, 20)) { await call(q); raw(q as string); } // warm-up
  return sideBySide(queries, call, (q) => raw(q as string));
}
log('search');
const search = {
  by_name_fragment: { administration_all: await searchCase(administration, 'all', everyone, 'name'), consultant_caseload: await searchCase(consultant, 'caseload', caseload, 'name') },
  by_dossier_number: { administration_all: await searchCase(administration, 'all', everyone, 'number'), consultant_caseload: await searchCase(consultant, 'caseload', caseload, 'number') },
  by_place_fragment: { administration_all: await searchCase(administration, 'all', everyone, 'place'), consultant_caseload: await searchCase(consultant, 'caseload', caseload, 'place') },
};
const searchP95s = [search.by_name_fragment, search.by_dossier_number, search.by_place_fragment].flatMap((k) => [k.administration_all.dispatch.p95_ms, k.consultant_caseload.dispatch.p95_ms]);
const searchMax = Math.max(...searchP95s);

// ---------------------------------------------------------------------------------------------
// open_dossier: the 2,000-entry dossier through dossiers.get vs the raw SELECT of the same rows.
log('open_dossier');
const rawParticipant = sqlite.prepare('SELECT * FROM participants WHERE id = ?');
const rawEntries = sqlite.prepare('SELECT e.*, u.display_name AS authorName FROM entries e JOIN users u ON u.id = e.author_id WHERE e.participant_id = ? ORDER BY e.entry_date DESC, e.id DESC');
const openDossier = () => ok<{ entries: unknown[] }>(consultant, 'dossiers.get', { participantId: bigDossierId });
const openRaw = () => { rawParticipant.get(bigDossierId); return rawEntries.all(bigDossierId); };
const seen = (await openDossier()).entries.length;
if (seen !== BIG_DOSSIER_ENTRIES || (openRaw() as unknown[]).length !== BIG_DOSSIER_ENTRIES) throw new Error(`big dossier has ${seen} entries`);
for (let i = 0; i < 5; i++) { await openDossier(); openRaw(); }
const open = await sideBySide(Array.from({ length: SIZE.opens }, () => null), openDossier, openRaw);

// ---------------------------------------------------------------------------------------------
// shielding (R26): the read model for a shielded viewer. Consultant 2 joins the big dossier's
// caseload; 50 shields on it are aimed at them (40 entries, a trajectory, fields, a category,
// documents), and 200 other dossiers of their caseload are shielded from them as a whole. Then:
// opening the 2,000-entry dossier as consultant 2 (vs the same raw SELECT) and searching their
// caseload by name fragment, which must leave the shielded dossiers out before counting.
log('shielding');
const shielded = await sessionFor(owner, 'consulent2');
const shieldedId = consultantIds[1]!;
await ok(consultant, 'dossiers.assign', { participantId: bigDossierId, userId: shieldedId });
const bigEntries = (sqlite.prepare('SELECT id FROM entries WHERE participant_id = ? ORDER BY id').all(bigDossierId) as { id: number }[]).map((r) => r.id);
// The trajectory with the fewest entries, so that most of the journal stays visible.
const bigTrajectory = sqlite.prepare(`SELECT t.id, (SELECT count(*) FROM entries e WHERE e.trajectory_id = t.id) AS n FROM trajectories t
  WHERE t.participant_id = ? ORDER BY n LIMIT 1`).get(bigDossierId) as { id: number; n: number } | undefined;
const bigDocuments = (sqlite.prepare('SELECT id FROM documents WHERE participant_id = ? LIMIT 3').all(bigDossierId) as { id: number }[]).map((r) => r.id);
const shieldTargets: unknown[] = [
  ...bigEntries.filter((_, i) => i % 50 === 7).slice(0, 40).map((entryId) => ({ kind: 'entry', entryId })),
  ...(bigTrajectory && bigTrajectory.n < BIG_DOSSIER_ENTRIES / 4 ? [{ kind: 'trajectory', trajectoryId: bigTrajectory.id }] : []),
  ...['familySituation', 'financialSituation', 'workHistory', 'phone'].map((field) => ({ kind: 'field', field })),
  { kind: 'category', category: 'work' },
  ...bigDocuments.map((documentId) => ({ kind: 'document', documentId })),
];
while (shieldTargets.length < 50) shieldTargets.push({ kind: 'entry', entryId: bigEntries[shieldTargets.length * 13]! });
const shieldInput = (participantId: number, target: unknown) => ({ participantId, target, audiences: [{ kind: 'user', userId: shieldedId }], requestedBy: 'participant', reason: 'Benchmark: afscherming op verzoek van de deelnemer' });
for (const target of shieldTargets) await ok(consultant, 'shielding.place', shieldInput(bigDossierId, target));
const shieldedCaseload = sqlite.prepare('SELECT p.id, p.first_name AS first, p.last_name AS last, p.dossier_number AS number FROM caseload c JOIN participants p ON p.id = c.participant_id WHERE c.user_id = ?').all(shieldedId) as Person[];
for (const p of shieldedCaseload.slice(0, 200)) await ok(administration, 'shielding.place', shieldInput(p.id, { kind: 'dossier' }));
const openShielded = () => ok<{ entries: unknown[]; shieldNotice: boolean }>(shielded, 'dossiers.get', { participantId: bigDossierId });
const seenShielded = await openShielded();
if (!seenShielded.shieldNotice || seenShielded.entries.length >= BIG_DOSSIER_ENTRIES) throw new Error('the shields did not apply');
for (let i = 0; i < 5; i++) { await openShielded(); openRaw(); }
const openShieldedDist = await sideBySide(Array.from({ length: SIZE.opens }, () => null), openShielded, openRaw);
const shieldedQueries = Array.from({ length: SIZE.searches }, () => nameFragment(pick(shieldedCaseload)));
const searchShielded = (q: unknown) => ok(shielded, 'dossiers.list', { query: q, scope: 'caseload', offset: 0, limit: 50 });
const rawShieldedSearch = (q: unknown) => { const parsed = parseQuery(q as string); return parsed.kind === 'text' ? textSearch(sqlite, shieldedId, parsed.match, 0, 50).ids : []; };
for (const q of shieldedQueries.slice(0, 20)) { await searchShielded(q); rawShieldedSearch(q); }
const searchShieldedDist = await sideBySide(shieldedQueries, searchShielded, rawShieldedSearch);

// ---------------------------------------------------------------------------------------------
// copy: the participant's copy of the 2,000-entry dossier with 20 documents (issue 10), PDF and
// zip each through copies.make; time and the peak RSS seen while it runs (sampled every 5 ms).
log('copy');
for (let i = 0; i < 20; i++) {
  await ok(consultant, 'dossiers.uploadDocument', { participantId: bigDossierId, kind: 'report', fileName: `rapport-${i + 1}.pdf`, mimeType: 'application/pdf', contentBase64: Buffer.alloc(100_000, i).toString('base64') });
}
const copyRequest = await ok<{ request: { id: number } }>(administration, 'requests.intake', { participantId: bigDossierId, type: 'inzage', requester: { kind: 'participant' }, channel: 'letter', receivedOn: NOW.toISOString().slice(0, 10), description: 'Bench: kopie van het dossier', changes: [] });
await ok(administration, 'requests.verifyIdentity', { requestId: copyRequest.request.id, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort vergeleken (bench)', verifiedOn: NOW.toISOString().slice(0, 10) });
async function timeCopy(format: 'pdf' | 'zip') {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  const t = performance.now();
  const made = await ok<{ files: { size: number }[] }>(administration, 'copies.make', { requestId: copyRequest.request.id, format, contents: 'full' });
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds: round(seconds, 2), bytes: made.files[0]!.size, peak_rss_mb: round(peak / 2 ** 20, 1), rss_growth_mb: round((peak - before) / 2 ** 20, 1) };
}
const copyTimes = { pdf: await timeCopy('pdf'), zip: await timeCopy('zip') };
// letter_pdf: the acknowledgement letter of that request as PDF (issue 13), 20 times.
log('letter_pdf');
const letterTimes: number[] = [];
for (let i = 0; i < 20; i++) letterTimes.push(await timeIt(() => ok(administration, 'requests.letterPdf', { requestId: copyRequest.request.id, kind: 'acknowledgement' })));
const letterPdf = distribution(letterTimes);

// ---------------------------------------------------------------------------------------------
// write_entries: one entry per transaction, through dossiers.addEntry vs a raw INSERT.
log('write_entries');
const writeTargets = caseload.slice(0, 20).map((p) => p.id);
let w = 0;
const addEntry = () => ok(consultant, 'dossiers.addEntry', { participantId: writeTargets[w++ % writeTargets.length], trajectoryId: null, kind: 'note', entryDate: '2026-03-02', title: 'Benchmarkgesprek', body: 'Gesprek gevoerd over de voortgang van het plan van aanpak.' });
const insertEntry = sqlite.prepare('INSERT INTO entries (participant_id, trajectory_id, kind, entry_date, title, body, author_id, created_at, updated_at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)');
const rawInsert = () => sqlite.transaction(() => insertEntry.run(writeTargets[w++ % writeTargets.length], 'note', '2026-03-02', 'Benchmarkgesprek', 'Gesprek gevoerd over de voortgang van het plan van aanpak.', consultantIds[0], NOW.toISOString(), NOW.toISOString()))();
const writes = await sideBySide(Array.from({ length: SIZE.writes }, () => null), addEntry, rawInsert);
const dispatchPerS = round(1000 / (writes.dispatch.p50_ms || Number.NaN), 1);
const rawPerS = round(1000 / (writes.raw.p50_ms || Number.NaN), 1);
// The same raw insert plus the audit line every dispatched write carries (R05): how much of the
// ratio is the rule itself rather than the service layer.
const rawWithAudit = () => sqlite.transaction(() => {
  const id = Number(insertEntry.run(writeTargets[w % writeTargets.length], 'note', '2026-03-02', 'Benchmarkgesprek', 'Gesprek gevoerd over de voortgang van het plan van aanpak.', consultantIds[0], NOW.toISOString(), NOW.toISOString()).lastInsertRowid);
  appendAudit(sqlite, { action: 'dossiers.addEntry', outcome: 'ok', at: NOW.toISOString(), userId: consultantIds[0]!, username: 'consulent1', workstation: 'bench', participantId: writeTargets[w++ % writeTargets.length], objects: { entryId: id } });
})();
const withAudit = distribution(Array.from({ length: SIZE.writes }, () => timeSync(rawWithAudit)));
const batchMs = timeSync(() => sqlite.transaction(() => { for (let i = 0; i < 1000; i++) insertEntry.run(writeTargets[i % writeTargets.length], 'note', '2026-03-02', 'Bulk', 'Bulk', consultantIds[0], NOW.toISOString(), NOW.toISOString()); })());

// ---------------------------------------------------------------------------------------------
// destroy (issue 11): the 2,000-entry dossier (with its documents, shields, request and copy)
// through destroyParticipant, then a batch of 100 ordinary dossiers through destroyBatch; each
// ends with wal_checkpoint(TRUNCATE). Afterwards the WAL must be empty and the search index must
// find none of them (its integrity-check passes).
// Erasure binding first (issue 11 review): the tags an erasure of all 2,000 entries takes before it
// erases, and checking them again as a reopened older backup does before it erases again.
log('erasure binding');
const bigEntryIds = sqlite.prepare('SELECT id FROM entries WHERE participant_id = ?').pluck().all(bigDossierId) as number[];
let binding: ErasureBinding | null = null;
const bindMs = timeSync(() => { binding = bindErasure(sqlite, bigDossierId, { entryIds: bigEntryIds }); });
const boundLine = { participantId: bigDossierId, entryIds: bigEntryIds, documentIds: [], bound: { dossier: binding!.dossier, entries: bigEntryIds.map((id) => binding!.entries.get(id)!), documents: [] } };
let checked: ReturnType<typeof stillBound> | null = null;
const checkMs = timeSync(() => { checked = stillBound(sqlite, boundLine); });

log('destroy');
let destroyedBig: DestroyResult | null = null;
const destroyOne = timeSync(() => { destroyedBig = destroyParticipant(sqlite, bigDossierId); });
const step = Math.max(1, Math.floor(everyone.length / 101));
const keepIds = new Set([bigDossierId, ...writeTargets]);
const batchPeople = everyone.filter((p, i) => i % step === 0 && !keepIds.has(p.id)).slice(0, 100);
let batch: BatchResult | null = null;
const destroyBatchMs = timeSync(() => { batch = destroyBatch(sqlite, batchPeople.map((p) => p.id)); });
const walBytes = statSync(join(vaultDir, 'vault.db-wal'), { throwIfNoEntry: false })?.size ?? 0;
// The rowid is compared outside the full-text query: FTS5 here ignores a bound `rowid = ?` next to
// MATCH and returns every match (a literal or a correlated rowid is applied), which would count
// other participants of the same name as "still found".
const matchesOf = sqlite.prepare('SELECT rowid AS id FROM participants_fts WHERE participants_fts MATCH ?');
const stillFound = batchPeople.filter((p) => (matchesOf.all(`"${p.last}"`) as { id: number }[]).some((m) => m.id === p.id)).length;
sqlite.prepare("INSERT INTO participants_fts(participants_fts) VALUES('integrity-check')").run();
const destroyClean = destroyedBig!.checkpoint!.clean && batch!.checkpoint.clean && walBytes === 0 && stillFound === 0;
const destroyedSet = new Set(batchPeople.map((p) => p.id));
everyone.splice(0, everyone.length, ...everyone.filter((p) => !destroyedSet.has(p.id) && p.id !== bigDossierId));
// retention_list (issue 11): the destruction list as a privacy officer, with one dossier in five
// closed and its trajectories ended between 2005 and 2024 (the demo generator makes only open
// dossiers); raw = the same schedule computed by destructionList without router, lens or audit.
log('retention_list');
await ok(owner, 'users.create', { username: 'privacy', displayName: 'Privacyfunctionaris', role: 'privacyOfficer', password: TEMPORARY });
{
  const first = createHostState({ vaultDir: owner.dir, workstation: 'bench' });
  first.handle = owner.handle;
  await signIn(first, 'privacy', TEMPORARY);
  await ok(first, 'auth.changePassword', { currentPassword: TEMPORARY, newPassword: PASSWORD });
}
const officer = await sessionFor(owner, 'privacy');
sqlite.transaction(() => {
  sqlite.prepare("UPDATE trajectories SET status = 'closed', end_date = date('2005-01-01', '+' || ((participant_id * 37) % 7300) || ' days') WHERE participant_id % 5 = 0 AND participant_id <> ?").run(bigDossierId);
  sqlite.prepare("UPDATE participants SET status = 'closed', closed_at = ? WHERE id % 5 = 0 AND id <> ?").run(NOW.toISOString(), bigDossierId);
})();
const retentionProfile = loadPolicy(sqlite).profile;
const retentionToday = amsterdamDate(new Date()); // sessions here run on the real clock
const listRetention = () => ok<{ rows: unknown[]; counts: { due: number; upcoming: number } }>(officer, 'retention.list', { withinWeeks: 8 });
const rawRetention = () => destructionList(sqlite, retentionProfile, retentionToday, { withinWeeks: 8, held: 'include' });
const retentionSeen = await listRetention();
for (let i = 0; i < 2; i++) { await listRetention(); rawRetention(); }
const retentionDist = await sideBySide(Array.from({ length: SIZE.retentionLists }, () => null), listRetention, rawRetention);

// ---------------------------------------------------------------------------------------------
// encryption_overhead: the same raw workload on an encrypted copy and on a decrypted copy of the
// same file (identical pages; PRAGMA rekey='' strips the cipher), both with the app's pragmas.
log('encryption_overhead: copying');
sqlite.pragma('wal_checkpoint(TRUNCATE)');
const encFile = join(root, 'encrypted.db');
const plainFile = join(root, 'plain.db');
copyFileSync(join(vaultDir, 'vault.db'), encFile);
copyFileSync(join(vaultDir, 'vault.db'), plainFile);
{
  const decrypt = openDatabase(plainFile, keyHex).sqlite;
  decrypt.pragma('journal_mode=DELETE'); // rekeying is refused in WAL mode
  decrypt.pragma("rekey=''");
  decrypt.close();
}
const enc = openDatabase(encFile, keyHex).sqlite;
const plain = new Database(plainFile);
for (const p of ['journal_mode=WAL', 'synchronous=FULL', 'secure_delete=ON', 'temp_store=MEMORY', `cache_size=${CACHE_SIZE}`, 'foreign_keys=ON']) plain.pragma(p);
if (plain.pragma('cache_size', { simple: true }) !== enc.pragma('cache_size', { simple: true })) throw new Error('copies have different cache sizes');
if ((plain.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n !== (enc.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n) throw new Error('copies differ');
const maxId = (sqlite.prepare('SELECT max(id) AS n FROM participants').get() as { n: number }).n;

function workloadOn(db: Sqlite, seed: number, reads: number, writesN: number) {
  const r = seededRandom(seed);
  const byId = db.prepare('SELECT * FROM participants WHERE id = ?');
  const entriesOf = db.prepare('SELECT * FROM entries WHERE participant_id = ? ORDER BY entry_date');
  const fts = db.prepare('SELECT rowid FROM participants_fts WHERE participants_fts MATCH ? LIMIT 50');
  const ins = db.prepare("INSERT INTO entries (participant_id, trajectory_id, kind, entry_date, title, body, author_id, created_at, updated_at) VALUES (?, NULL, 'note', '2026-03-02', 'Werkbelasting', 'Gesprek over de werkbelasting en de voortgang.', ?, ?, ?)");
  const touch = db.prepare('UPDATE participants SET updated_at = ? WHERE id = ?');
  const readMs = timeSync(() => {
    for (let i = 0; i < reads; i++) {
      const id = 1 + Math.floor(r() * maxId);
      byId.get(id);
      entriesOf.all(id);
      if (i % 10 === 0) fts.all(`"${everyone[Math.floor(r() * everyone.length)]!.last.slice(0, 3)}"*`);
    }
  });
  const writeMs = timeSync(() => {
    for (let i = 0; i < writesN; i++) {
      const id = 1 + Math.floor(r() * maxId);
      db.transaction(() => { ins.run(id, consultantIds[0], NOW.toISOString(), NOW.toISOString()); touch.run(NOW.toISOString(), id); })();
    }
  });
  return { readMs, writeMs };
}
log('encryption_overhead: measuring');
const encTotals = { readMs: 0, writeMs: 0 };
const plainTotals = { readMs: 0, writeMs: 0 };
const ROUNDS = 4;
for (let round_ = 0; round_ < ROUNDS; round_++) {
  const order: [Sqlite, typeof encTotals][] = round_ % 2 === 0 ? [[enc, encTotals], [plain, plainTotals]] : [[plain, plainTotals], [enc, encTotals]];
  for (const [db, totals] of order) {
    const m = workloadOn(db, 1000 + round_, SIZE.encReads / ROUNDS, SIZE.encWrites / ROUNDS);
    totals.readMs += m.readMs;
    totals.writeMs += m.writeMs;
  }
}
enc.close();
plain.close();
rmSync(encFile, { force: true });
rmSync(plainFile, { force: true });
for (const f of [encFile, plainFile]) for (const s of ['-wal', '-shm']) rmSync(f + s, { force: true });

// ---------------------------------------------------------------------------------------------
// unlock: a cold sign-in (argon2id with STRONG_KDF, opening the database, audit line).
log('unlock');
for (const s of [administration, consultant, officer]) { s.session = null; s.handle = null; }
const peakBeforeUnlock = process.resourceUsage().maxRSS * 1024;
const rssHolding = process.memoryUsage().rss;
signOut(owner);
const unlockMs: number[] = [];
for (let i = 0; i < SIZE.unlocks; i++) {
  const s = createHostState({ vaultDir, workstation: 'bench' });
  unlockMs.push(await timeIt(() => signIn(s, 'beheerder', PASSWORD)));
  signOut(s);
}
const unlockDist = distribution(unlockMs);

// ---------------------------------------------------------------------------------------------
const result = (fields: Record<string, unknown>, work: Record<string, unknown> = workload) => ({ ...stamp, workload: work, ...fields });
const at100k = SIZE.participants >= 100_000;
const encRatio = ratio(encTotals.readMs + encTotals.writeMs, plainTotals.readMs + plainTotals.writeMs);
const report = {
  benchmark: 'dossierkluis',
  mode: args.quick ? 'quick' : 'full',
  ...stamp,
  machine: machine(),
  workload,
  results: {
    search: result({
      ...search, limit: 50, queries_per_case: SIZE.searches,
      note: 'dispatch = validation, authorisation, one transaction with an audit line (fsync, synchronous=FULL), output validation; raw = the same count + page SQL (for a name: textSearch, FTS5 count capped at 1,000 and the page by name order; for a number: the dossier-number index)',
      target: 'p95 ≤ 10 ms at 100,000 participants', worst_p95_ms: searchMax, met: searchMax <= 10, at_target_size: at100k,
    }),
    open_dossier: result({
      entries_in_dossier: BIG_DOSSIER_ENTRIES, p50_ms: open.dispatch.p50_ms, p95_ms: open.dispatch.p95_ms, raw_p50_ms: open.raw.p50_ms, raw_p95_ms: open.raw.p95_ms,
      ratio: open.ratio_p50, ratio_p95: open.ratio_p95, n: open.dispatch.n,
      target: 'p95 ≤ 50 ms and ratio (p50) ≤ 2', met: open.dispatch.p95_ms <= 50 && open.ratio_p50 <= 2,
    }),
    shielding: result({
      shields_on_dossier: shieldTargets.length, dossiers_shielded_whole: Math.min(200, shieldedCaseload.length), entries_visible: seenShielded.entries.length,
      open_p50_ms: openShieldedDist.dispatch.p50_ms, open_p95_ms: openShieldedDist.dispatch.p95_ms, open_raw_p50_ms: openShieldedDist.raw.p50_ms, open_ratio: openShieldedDist.ratio_p50,
      search_p50_ms: searchShieldedDist.dispatch.p50_ms, search_p95_ms: searchShieldedDist.dispatch.p95_ms, search_raw_p95_ms: searchShieldedDist.raw.p95_ms,
      note: 'as the shielded consultant: dossiers.get of the 2,000-entry dossier with 50 shields aimed at them (raw = the unfiltered SELECT of participant and entries), and dossiers.list by name fragment in their caseload with 200 dossiers shielded as a whole (raw = textSearch without the exclusion)',
      target: 'open p95 ≤ 50 ms and ratio (p50) ≤ 2; search p95 ≤ 10 ms', met: openShieldedDist.dispatch.p95_ms <= 50 && openShieldedDist.ratio_p50 <= 2 && searchShieldedDist.dispatch.p95_ms <= 10,
    }),
    letter_pdf: result({ ...letterPdf, target: 'p95 < 1000 ms', met: letterPdf.p95_ms < 1000 }),
    retention_list: result({
      closed_dossiers: Math.floor(participantsTotal / 5), rows: retentionSeen.rows.length, due: retentionSeen.counts.due, upcoming_8_weeks: retentionSeen.counts.upcoming,
      p50_ms: retentionDist.dispatch.p50_ms, p95_ms: retentionDist.dispatch.p95_ms, raw_p50_ms: retentionDist.raw.p50_ms, raw_p95_ms: retentionDist.raw.p95_ms, ratio: retentionDist.ratio_p50, n: retentionDist.dispatch.n,
      note: 'retention.list { withinWeeks: 8 } as the privacy officer: every closed dossier\'s term from its trajectories, last entry and last upload, holds, pending batches and the shield lens; raw = destructionList without router, lens or audit',
      target: 'p95 ≤ 2000 ms at 100,000 participants (a page opened now and then, not per keystroke)', met: retentionDist.dispatch.p95_ms <= 2000,
    }),
    copy: result({ entries_in_dossier: BIG_DOSSIER_ENTRIES, documents: 20, ...copyTimes, target: '< 5 s each', met: copyTimes.pdf.seconds < 5 && copyTimes.zip.seconds < 5 }),
    encryption_overhead: result({
      reads: SIZE.encReads, write_transactions: SIZE.encWrites,
      encrypted_ms: { reads: round(encTotals.readMs, 1), writes: round(encTotals.writeMs, 1) },
      plain_ms: { reads: round(plainTotals.readMs, 1), writes: round(plainTotals.writeMs, 1) },
      ratio_reads: ratio(encTotals.readMs, plainTotals.readMs), ratio_writes: ratio(encTotals.writeMs, plainTotals.writeMs), ratio: encRatio,
      target: 'ratio ≤ 1.3', met: encRatio <= 1.3,
    }),
    write_entries: result({
      n: writes.dispatch.n, dispatch_per_s: dispatchPerS, raw_per_s: rawPerS, ratio: ratio(rawPerS, dispatchPerS),
      dispatch_p50_ms: writes.dispatch.p50_ms, dispatch_p95_ms: writes.dispatch.p95_ms, raw_p50_ms: writes.raw.p50_ms, raw_p95_ms: writes.raw.p95_ms,
      raw_with_audit_line_per_s: round(1000 / withAudit.p50_ms, 1), ratio_to_raw_with_audit_line: ratio(round(1000 / withAudit.p50_ms, 1), dispatchPerS),
      raw_batched_per_s: round(1000 / (batchMs / 1000), 0),
      note: 'one entry per transaction on both sides (each commit is fsynced); raw_with_audit_line = raw insert + the hash-chained audit line in one transaction (what R05 costs by itself); raw_batched_per_s is 1,000 inserts in one transaction, for scale',
      target: 'ratio ≤ 2', met: ratio(rawPerS, dispatchPerS) <= 2,
    }),
    erasure_binding: result({
      entries: bigEntryIds.length, bind_ms: round(bindMs, 1), check_ms: round(checkMs, 1), all_still_bound: checked!.sameDossier && checked!.entryIds.length === bigEntryIds.length,
      note: 'bindErasure: keyed tags of the dossier and its 2,000 entries, taken before an erasure; stillBound: the same check at the open of a restored backup',
      target: 'each under 500 ms for 2,000 entries (an erasure and an open are not held up noticeably)', met: bindMs < 500 && checkMs < 500 && checked!.entryIds.length === bigEntryIds.length,
    }),
    destroy: result({
      one_dossier: { entries: BIG_DOSSIER_ENTRIES, seconds: round(destroyOne / 1000, 2), rows: destroyedBig!.rows, checkpoint: destroyedBig!.checkpoint },
      batch: { dossiers: batchPeople.length, seconds: round(destroyBatchMs / 1000, 2), checkpoint: batch!.checkpoint },
      wal_bytes_after: walBytes, batch_still_in_search_index: stillFound, clean: destroyClean,
      note: 'destroyParticipant: every row in one transaction, search-index tokens removed by FTS5 secure-delete, audit reasons erased, then wal_checkpoint(TRUNCATE); the batch checkpoints once',
      target: 'one dossier < 2 s, a batch of 100 < 60 s, FTS index and WAL clean', met: destroyOne < 2000 && destroyBatchMs < 60_000 && destroyClean,
    }),
    unlock: result({ kdf: STRONG_KDF, ...unlockDist, samples_ms: unlockMs.map((x) => round(x, 1)), target: '200 ≤ p50 ≤ 1500 ms', met: unlockDist.p50_ms >= 200 && unlockDist.p50_ms <= 1500 }),
    memory: result({ peak_rss_bytes: peakBeforeUnlock, peak_rss_mb: round(peakBeforeUnlock / 2 ** 20, 1), rss_holding_vault_mb: round(rssHolding / 2 ** 20, 1), note: 'peak includes building the vault in the same process' }),
    vault_size: result({ bytes: vaultBytes, bytes_per_participant: Math.round(vaultBytes / participantsTotal) }),
  },
  total_seconds: 0,
};
report.total_seconds = round((Date.now() - started) / 1000, 1);
const json = JSON.stringify(report, null, 2);
process.stdout.write(`${json}\n`);
if (args.json) writeFileSync(args.json, `${json}\n`);
if (!args.keep) rmSync(root, { recursive: true, force: true });
log(`done in ${report.total_seconds} s`);
