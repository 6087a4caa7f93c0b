// Audit lines as staff read them (issue 13): the action in words, the person's name and role, the
// dossier by its number (and name, where the reader may see it), and consecutive reads of one
// dossier — or of one list — by one person taken together as one visit, so that changes and
// refusals do not drown in reads. The words come from actions.ts; what the reader may see of a
// dossier comes from the read model's list lens (R26).
import { apiContract } from '../contract.ts';
import type { Operation } from '../api/operation.ts';
import { listLens } from '../access/view.ts';
import type { Ctx } from '../router/context.ts';
import { prepared } from '../../db/connection.ts';
import { actionWords } from './actions.ts';

export interface RawLine {
  seq: number; at: string; action: string; outcome: 'ok' | 'denied' | 'failed'; userId: number | null; username: string | null;
  onBehalfOf: string | null; workstation: string; participantId: number | null; objects: string; reason: string | null; flagged: boolean;
}

export interface ReadableLine extends RawLine {
  description: string; descriptionEn: string;
  actor: string | null; actorRole: string | null;
  dossierNumber: string | null; participantName: string | null;
  /** A visit: how many lines it stands for, from `at` to `until` (null for a single line). */
  count: number; until: string | null; actions: string[];
}

/** Reads of one dossier by one person closer together than this are one visit. */
const VISIT_GAP_MS = 30 * 60 * 1000;

const isRead = (action: string) => (apiContract as Record<string, Operation>)[action]?.audit === 'read';

function sameVisit(a: ReadableLine, b: RawLine): boolean {
  return a.outcome === 'ok' && b.outcome === 'ok' && !a.flagged && !b.flagged && a.reason === null && b.reason === null
    && isRead(a.action) && isRead(b.action) && a.userId === b.userId && a.userId !== null && a.participantId === b.participantId
    && a.onBehalfOf === b.onBehalfOf && (a.participantId !== null || a.action === b.action)
    && Math.min(Math.abs(Date.parse(b.at) - Date.parse(a.at)), Math.abs(Date.parse(b.at) - Date.parse(a.until ?? a.at))) <= VISIT_GAP_MS;
}

/**
 * The lines in the order given, in words, with reads taken together. A line about a dossier that is
 * shielded as a whole from the reader names no dossier; a name the reader may not see stays empty.
 */
export function readableLines(ctx: Ctx, lines: readonly RawLine[]): ReadableLine[] {
  const lens = listLens(ctx);
  const users = prepared(ctx.sqlite, 'SELECT display_name AS name, role FROM users WHERE id = ?');
  const participant = prepared(ctx.sqlite, `SELECT dossier_number AS number, first_name || ' ' || coalesce(last_name_prefix || ' ', '') || last_name AS name FROM participants WHERE id = ?`);
  const people = new Map<number, { name: string; role: string } | undefined>();
  const dossiers = new Map<number, { number: string | null; name: string | null }>();
  const personOf = (id: number) => {
    if (!people.has(id)) people.set(id, users.get(id) as { name: string; role: string } | undefined);
    return people.get(id);
  };
  const dossierOf = (id: number) => {
    let d = dossiers.get(id);
    if (!d) {
      const row = participant.get(id) as { number: string; name: string } | undefined;
      // Destroyed or shielded as a whole from this reader: no number, no name.
      d = !row || lens.hidden(id) ? { number: null, name: null } : { number: row.number, name: lens.name(id, row.name) || null };
      dossiers.set(id, d);
    }
    return d;
  };
  const out: ReadableLine[] = [];
  for (const l of lines) {
    const last = out[out.length - 1];
    if (last && sameVisit(last, l)) {
      // The visit runs from its first to its last line, whichever order the lines come in.
      last.count += 1;
      const end = last.until ?? last.at;
      last.until = l.at > end ? l.at : end;
      if (l.at < last.at) last.at = l.at;
      if (!last.actions.includes(l.action)) last.actions.push(l.action);
      // Different reads of one dossier: a visit of the dossier.
      if (last.actions.length > 1) Object.assign(last, { description: 'bekeek het dossier', descriptionEn: 'viewed the dossier' });
      continue;
    }
    const person = l.userId === null ? undefined : personOf(l.userId);
    const d = l.participantId === null ? { number: null, name: null } : dossierOf(l.participantId);
    const words = actionWords(l.action, l.outcome);
    out.push({
      ...l, description: words.nl, descriptionEn: words.en,
      actor: person?.name ?? l.username, actorRole: person?.role ?? null,
      dossierNumber: d.number, participantName: d.name, count: 1, until: null, actions: [l.action],
    });
  }
  return out;
}
