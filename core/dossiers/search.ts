// Finding participants: by name or place fragment (FTS5 prefix search), exact dossier number, or
// birth date. A consultant finds only their caseload; a dossier outside it shows up only on its exact
// dossier number and without a name, so that opening it needs a reason (R04).
import { roleHas } from '../api/permissions.ts';
import { accessBasis } from '../access/service.ts';
import { searchShieldsFor, type SearchShields } from '../access/shields.ts';
import type { Ctx } from '../router/context.ts';
import { prepared, type Sqlite } from '../../db/connection.ts';
import { foldForSearch } from './fold.ts';

export interface ListRowOut {
  participantId: number; dossierNumber: string; displayName: string | null; birthDate: string | null;
  city: string | null; status: 'active' | 'closed'; access: 'caseload' | 'role' | 'breakGlass' | 'needsReason';
}

type Parsed = { kind: 'none' } | { kind: 'dossierNumber'; value: string } | { kind: 'birthDate'; value: string } | { kind: 'text'; match: string };

export function parseQuery(raw: string): Parsed {
  const q = raw.trim();
  if (!q) return { kind: 'none' };
  if (/^dk-\d{4}-\d{1,6}$/i.test(q)) {
    const [, year, seq] = q.toUpperCase().split('-');
    return { kind: 'dossierNumber', value: `DK-${year}-${seq!.padStart(6, '0')}` };
  }
  const nl = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(q);
  if (nl) return { kind: 'birthDate', value: `${nl[3]}-${nl[2]!.padStart(2, '0')}-${nl[1]!.padStart(2, '0')}` };
  if (/^\d{4}-\d{2}-\d{2}$/.test(q)) return { kind: 'birthDate', value: q };
  // Every word must match as a prefix; quotes keep FTS5 syntax characters literal.
  const words = foldForSearch(q).split(/[\s,]+/).map((w) => w.replace(/["*^:()]/g, '')).filter((w) => w.length > 0).slice(0, 6);
  if (words.length === 0) return { kind: 'none' };
  return { kind: 'text', match: words.map((w) => `"${w}"*`).join(' AND ') };
}

const NAME = "p.first_name || ' ' || coalesce(p.last_name_prefix || ' ', '') || p.last_name";
const COLUMNS = `p.id AS participantId, p.dossier_number AS dossierNumber, ${NAME} AS displayName, p.birth_date AS birthDate, p.city AS city, p.status AS status`;

/** Name searches count at most this many matches; the list then says "more than 1,000". */
export const COUNT_CAP = 1000;

/**
 * A name search at 100,000 participants (docs/benchmarks.md): a fragment like "van" matches more
 * than half of them, so counting and sorting every match cannot stay within 10 ms. The count stops
 * at COUNT_CAP, and the page is found in one of three ways:
 * - at most COUNT_CAP matches: look them up and sort them;
 * - more: walk the name index in order until the page is full, checking each row either against
 *   the set of all matches (collected once: about 0.2 µs per match) or by probing the full-text
 *   index for that row (10–50 µs per probe, but the walk stops after about (offset + limit) /
 *   density rows). The density comes from the id of the last counted match, since ids are spread
 *   evenly; probing wins when matches are dense and many (measured at 10,000 and 100,000).
 */
const PROBE_COST = 80; // one probe costs about as much as collecting this many matches

/** Dossiers this user may not find are left out before matching and counting (R26). */
const NOT_EXCLUDED = (column: string) => ` AND ${column} NOT IN (SELECT value FROM json_each(?))`;

const COUNT_SQL = (join: string, exclude: boolean) => `SELECT count(*) AS n, max(id) AS last FROM (SELECT f.rowid AS id FROM participants_fts f${join}
  WHERE participants_fts MATCH ?${exclude ? NOT_EXCLUDED('f.rowid') : ''} ORDER BY f.rowid LIMIT ${COUNT_CAP + 1})`;
type Counted = { n: number; last: number | null };

/**
 * Walk rows ≈ rows · last / n (density of what the list shows); collected matches ≈ all full-text
 * matches, n · population / last, counted without the caseload for a consultant.
 */
function probeIsCheaper(sqlite: Sqlite, shown: Counted, all: Counted, rows: number): boolean {
  const population = (prepared(sqlite, 'SELECT max(id) AS n FROM participants').get() as { n: number | null }).n ?? 0;
  const walked = (rows * (shown.last ?? 1)) / shown.n;
  const collected = (all.n * population) / (all.last ?? 1);
  return walked * PROBE_COST < collected;
}

export function textSearch(sqlite: Sqlite, caseloadOf: number | null, match: string, offset: number, limit: number, exclude: readonly number[] = []): { total: number; capped: boolean; ids: number[] } {
  const userParam = caseloadOf === null ? [] : [caseloadOf];
  const ex = exclude.length > 0;
  const exParam = ex ? [JSON.stringify(exclude)] : [];
  const counted = prepared(sqlite, COUNT_SQL(caseloadOf === null ? '' : ' JOIN caseload c ON c.participant_id = f.rowid AND c.user_id = ?', ex)).get(...userParam, match, ...exParam) as Counted;
  const capped = counted.n > COUNT_CAP;
  const total = Math.min(counted.n, COUNT_CAP);
  if (counted.n === 0 || (!capped && offset >= total)) return { total, capped, ids: [] };
  const ftsMatch = 'participants_fts MATCH ?';
  const caseloadCheck = caseloadOf === null ? '' : 'EXISTS (SELECT 1 FROM caseload c WHERE c.participant_id = p.id AND c.user_id = ?) AND ';
  let sql: string;
  let params = [...userParam, match];
  if (!capped) {
    // Few matches: from the full-text index (and the caseload) to the sort keys, then sorted. The
    // keys come from a narrow index, not the wide rows: a cold search then reads a few pages
    // instead of one page per match.
    sql = `SELECT p.id AS id FROM participants_fts f${caseloadOf === null ? '' : ' CROSS JOIN caseload c ON c.participant_id = f.rowid AND c.user_id = ?'}
      CROSS JOIN participants p INDEXED BY participants_sort ON p.id = f.rowid WHERE ${ftsMatch}`;
  } else {
    const everyMatch = caseloadOf === null ? counted : prepared(sqlite, COUNT_SQL('', false)).get(match) as Counted;
    const probe = probeIsCheaper(sqlite, counted, everyMatch, offset + limit);
    // Cheapest check first: the caseload before a probe, the collected set before the caseload.
    sql = probe
      ? `SELECT p.id AS id FROM participants p INDEXED BY participants_name WHERE ${caseloadCheck}EXISTS (SELECT 1 FROM participants_fts f WHERE ${ftsMatch} AND f.rowid = p.id)`
      : `SELECT p.id AS id FROM participants p INDEXED BY participants_name WHERE p.id IN (SELECT rowid FROM participants_fts WHERE ${ftsMatch})${caseloadCheck ? ` AND ${caseloadCheck.slice(0, -5)}` : ''}`;
    if (!probe) params = [match, ...userParam];
  }
  if (ex) { sql += NOT_EXCLUDED('p.id'); params = [...params, ...exParam]; }
  const ids = (prepared(sqlite, `${sql} ORDER BY p.last_name, p.first_name, p.id LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as { id: number }[]).map((r) => r.id);
  return { total, capped, ids };
}

/** A list row shows no name, birth date or city that this user may not see (R26). */
function redactRow(r: Omit<ListRowOut, 'access'>, s: SearchShields): Omit<ListRowOut, 'access'> {
  const id = r.participantId;
  if (!s.name.includes(id) && !s.birthDate.includes(id) && !s.city.includes(id)) return r;
  return { ...r, displayName: s.name.includes(id) ? null : r.displayName, birthDate: s.birthDate.includes(id) ? null : r.birthDate, city: s.city.includes(id) ? null : r.city };
}

export function searchParticipants(ctx: Ctx, q: { query: string; scope: 'caseload' | 'all'; offset: number; limit: number }): { total: number; totalCapped: boolean; rows: ListRowOut[] } {
  const parsed = parseQuery(q.query);
  const all = q.scope === 'all' && roleHas(ctx.session.role, 'dossier.allAccess');
  const access = all ? ('role' as const) : ('caseload' as const);
  const shields = searchShieldsFor(ctx.sqlite, ctx.session.userId);
  const shown = (r: Omit<ListRowOut, 'access'>) => redactRow(r, shields);
  if (parsed.kind === 'text') {
    // A name or place this user may not see is not findable by them through any prefix (R26): such
    // a dossier is left out of every text search, so it is found by its dossier number only.
    const found = textSearch(ctx.sqlite, all ? null : ctx.session.userId, parsed.match, q.offset, q.limit, [...shields.hidden, ...shields.name, ...shields.city]);
    const byId = prepared(ctx.sqlite, `SELECT ${COLUMNS} FROM participants p WHERE p.id = ?`);
    return { total: found.total, totalCapped: found.capped, rows: found.ids.map((id) => ({ ...shown(byId.get(id) as Omit<ListRowOut, 'access'>), access })) };
  }
  const where: string[] = [];
  const params: (string | number)[] = [];
  const exclude = parsed.kind === 'birthDate' ? [...shields.hidden, ...shields.birthDate] : shields.hidden;
  if (exclude.length > 0) {
    where.push('p.id NOT IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(exclude));
  }
  let from = 'participants p';
  if (!all) {
    from += ' JOIN caseload c ON c.participant_id = p.id AND c.user_id = ?';
    params.unshift(ctx.session.userId);
  }
  if (parsed.kind === 'dossierNumber') {
    where.push('p.dossier_number = ?');
    params.push(parsed.value);
  } else if (parsed.kind === 'birthDate') {
    where.push('p.birth_date = ?');
    params.push(parsed.value);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (prepared(ctx.sqlite, `SELECT count(*) AS n FROM ${from} ${whereSql}`).get(...params) as { n: number }).n;
  const rows = (prepared(ctx.sqlite, `SELECT ${COLUMNS} FROM ${from} ${whereSql} ORDER BY p.last_name, p.first_name, p.id LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as Omit<ListRowOut, 'access'>[])
    .map((r) => ({ ...shown(r), access }));

  // Outside the caseload: only an exact dossier number, and only the number (R04). A dossier
  // shielded as a whole from this user is not there for them (R26).
  if (!all && parsed.kind === 'dossierNumber' && total === 0 && q.offset === 0) {
    const other = prepared(ctx.sqlite, `SELECT ${COLUMNS} FROM participants p WHERE p.dossier_number = ?`).get(parsed.value) as Omit<ListRowOut, 'access'> | undefined;
    if (other && !shields.hidden.includes(other.participantId)) {
      const basis = accessBasis(ctx.sqlite, ctx.session, other.participantId, ctx.nowIso);
      if (basis) return { total: 1, totalCapped: false, rows: [{ ...shown(other), access: basis }] };
      return { total: 1, totalCapped: false, rows: [{ ...other, displayName: null, birthDate: null, city: null, access: 'needsReason' }] };
    }
  }
  return { total, totalCapped: false, rows };
}

/**
 * After sign-in, the structures a search reads (the full-text index, the name and sort indexes,
 * the caseload pairs) are read once into the page cache, so that the first searches of a session
 * cost what later ones do: cold, a name search at 100,000 participants decrypts a page per match
 * it touches (p95 about twice as slow, docs/benchmarks.md). About 25 MB at that size, within the
 * 64 MB cache; a few tens of milliseconds next to the key derivation of the sign-in itself.
 */
export function warmSearch(sqlite: Sqlite): void {
  prepared(sqlite, 'SELECT sum(length(block)) FROM participants_fts_data').get();
  prepared(sqlite, 'SELECT count(*) FROM participants INDEXED BY participants_name WHERE last_name IS NOT NULL').get();
  prepared(sqlite, 'SELECT max(last_name) FROM participants INDEXED BY participants_sort WHERE id > 0').get();
  prepared(sqlite, 'SELECT count(*) FROM caseload INDEXED BY caseload_pair WHERE participant_id > 0').get();
}
