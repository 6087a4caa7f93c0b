// Finding participants: by name fragment (FTS5 prefix search), exact dossier number, or birth
// date. A consultant finds only their caseload; a dossier outside it shows up only on its exact
// dossier number and without a name, so that opening it needs a reason (R04).
import { roleHas } from '../api/permissions.ts';
import { accessBasis } from '../access/service.ts';
import type { Ctx } from '../router/context.ts';

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
  const words = q.normalize('NFC').split(/[\s,]+/).map((w) => w.replace(/["*^:()]/g, '')).filter((w) => w.length > 0).slice(0, 6);
  if (words.length === 0) return { kind: 'none' };
  return { kind: 'text', match: words.map((w) => `"${w}"*`).join(' AND ') };
}

const NAME = "p.first_name || ' ' || coalesce(p.last_name_prefix || ' ', '') || p.last_name";
const COLUMNS = `p.id AS participantId, p.dossier_number AS dossierNumber, ${NAME} AS displayName, p.birth_date AS birthDate, p.city AS city, p.status AS status`;

export function searchParticipants(ctx: Ctx, q: { query: string; scope: 'caseload' | 'all'; offset: number; limit: number }): { total: number; rows: ListRowOut[] } {
  const parsed = parseQuery(q.query);
  const all = q.scope === 'all' && roleHas(ctx.session.role, 'dossier.allAccess');
  const where: string[] = [];
  const params: (string | number)[] = [];
  let from = 'participants p';
  if (!all) {
    from += ' JOIN caseload c ON c.participant_id = p.id AND c.user_id = ?';
    params.push(ctx.session.userId);
  }
  if (parsed.kind === 'text') {
    where.push('p.id IN (SELECT rowid FROM participants_fts WHERE participants_fts MATCH ?)');
    params.push(parsed.match);
  } else if (parsed.kind === 'dossierNumber') {
    where.push('p.dossier_number = ?');
    params.push(parsed.value);
  } else if (parsed.kind === 'birthDate') {
    where.push('p.birth_date = ?');
    params.push(parsed.value);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM ${from} ${whereSql}`).get(...params) as { n: number }).n;
  const rows = (ctx.sqlite.prepare(`SELECT ${COLUMNS} FROM ${from} ${whereSql} ORDER BY p.last_name, p.first_name, p.id LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as Omit<ListRowOut, 'access'>[])
    .map((r) => ({ ...r, access: all ? ('role' as const) : ('caseload' as const) }));

  // Outside the caseload: only an exact dossier number, and only the number (R04).
  if (!all && parsed.kind === 'dossierNumber' && total === 0 && q.offset === 0) {
    const other = ctx.sqlite.prepare(`SELECT ${COLUMNS} FROM participants p WHERE p.dossier_number = ?`).get(parsed.value) as Omit<ListRowOut, 'access'> | undefined;
    if (other) {
      const basis = accessBasis(ctx.sqlite, ctx.session, other.participantId, ctx.nowIso);
      if (basis) return { total: 1, rows: [{ ...other, access: basis }] };
      return { total: 1, rows: [{ ...other, displayName: null, birthDate: null, city: null, access: 'needsReason' }] };
    }
  }
  return { total, rows };
}
