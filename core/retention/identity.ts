// What an erasure line's ids stood for (R28, R29, R44). An id alone does not name a dossier for
// good: a folder restored whole starts its id sequences from the backup, so an id can be given
// again to someone else, and a newer ledger put back next to it would then name the wrong person's
// dossier, entry or document. Each erasure line therefore carries a tag of what each id stood for
// when it was erased — the dossier's id, number and creation time; an entry's or document's id, its
// dossier and its creation time — and an erasure is carried out again only on rows that still give
// the same tag. The tags are HMAC-SHA256 under the ledger's key (truncated to 128 bits, as RFC 2104
// allows): the ledger lies in plaintext next to the database, and a bare number and date would say
// more about a dossier than the ledger needs to.
import { createHmac } from 'node:crypto';
import { prepared, type Sqlite } from '../../db/connection.ts';
import { ledgerSecret } from './ledger-key.ts';

export interface ErasureBinding { dossier: string; entries: Map<number, string>; documents: Map<number, string>; holds: string[] }

const tagOf = (secret: Buffer, parts: readonly (string | number)[]) =>
  createHmac('sha256', secret).update(JSON.stringify(parts)).digest('hex').slice(0, 32);

function dossierTag(sqlite: Sqlite, secret: Buffer, participantId: number): string | null {
  const row = prepared(sqlite, 'SELECT dossier_number AS n, created_at AS c FROM participants WHERE id = ?').get(participantId) as { n: string; c: string } | undefined;
  return row ? tagOf(secret, ['dossier', participantId, row.n, row.c]) : null;
}

function itemTags(sqlite: Sqlite, secret: Buffer, kind: 'entry' | 'document', participantId: number, ids: readonly number[]): Map<number, string> {
  const sql = kind === 'entry'
    ? 'SELECT created_at AS c FROM entries WHERE id = ? AND participant_id = ?'
    : 'SELECT uploaded_at AS c FROM documents WHERE id = ? AND participant_id = ?';
  const out = new Map<number, string>();
  for (const id of ids) {
    const row = prepared(sqlite, sql).get(id, participantId) as { c: string } | undefined;
    if (row) out.set(id, tagOf(secret, [kind, id, participantId, row.c]));
  }
  return out;
}

const holdTag = (secret: Buffer, id: number, participantId: number, placedAt: string) => tagOf(secret, ['hold', id, participantId, placedAt]);

/**
 * The tags of the dossier's legal holds (id, dossier, when placed), taken when a removal is listed:
 * a removal refuses an active hold, so these were all lifted or ended then. In a restored copy an
 * active hold with one of these tags is stale (the live vault lifted it before the removal); one
 * without — placed in that copy since, whatever its clock says — is real and stops the removal.
 */
export function holdTags(sqlite: Sqlite, participantId: number): string[] {
  const secret = ledgerSecret(sqlite);
  const rows = prepared(sqlite, 'SELECT id, placed_at AS placedAt FROM retention_holds WHERE participant_id = ? ORDER BY id').all(participantId) as { id: number; placedAt: string }[];
  return rows.map((r) => holdTag(secret, r.id, participantId, r.placedAt));
}

/** The ids of the dossier's holds in this database that give one of `tags`. */
export function holdsTagged(sqlite: Sqlite, participantId: number, tags: readonly string[]): number[] {
  if (tags.length === 0) return [];
  const secret = ledgerSecret(sqlite);
  const wanted = new Set(tags);
  const rows = prepared(sqlite, 'SELECT id, placed_at AS placedAt FROM retention_holds WHERE participant_id = ? ORDER BY id').all(participantId) as { id: number; placedAt: string }[];
  return rows.filter((r) => wanted.has(holdTag(secret, r.id, participantId, r.placedAt))).map((r) => r.id);
}

/**
 * The tags of a dossier and of the items about to be erased, taken inside the erasure's
 * transaction BEFORE it changes anything (an anonymisation changes the dossier number and the
 * creation time). Items that are not in the dossier get no tag: nothing of them is erased.
 */
export function bindErasure(sqlite: Sqlite, participantId: number, items: { entryIds?: readonly number[]; documentIds?: readonly number[] } = {}): ErasureBinding {
  const secret = ledgerSecret(sqlite);
  const dossier = dossierTag(sqlite, secret, participantId);
  if (!dossier) throw new Error(`no dossier ${participantId} to bind an erasure to`);
  return {
    dossier, entries: itemTags(sqlite, secret, 'entry', participantId, items.entryIds ?? []), documents: itemTags(sqlite, secret, 'document', participantId, items.documentIds ?? []),
    holds: holdTags(sqlite, participantId),
  };
}

export interface BoundItems {
  /** The dossier under the line's id is the one the line was written for. */
  sameDossier: boolean;
  /** Items still there with the tag they had (to erase again); the ones now standing for something else (left alone). */
  entryIds: number[]; documentIds: number[]; otherEntries: number[]; otherDocuments: number[];
}

/** Which of a bound line's items this database still holds as they were; items no longer there are in neither list. */
export function stillBound(sqlite: Sqlite, line: { participantId: number; entryIds: number[]; documentIds: number[]; bound: { dossier: string; entries: string[]; documents: string[] } }): BoundItems {
  const secret = ledgerSecret(sqlite);
  const out: BoundItems = { sameDossier: dossierTag(sqlite, secret, line.participantId) === line.bound.dossier, entryIds: [], documentIds: [], otherEntries: [], otherDocuments: [] };
  if (!out.sameDossier) return out;
  const split = (kind: 'entry' | 'document', ids: number[], tags: string[], same: number[], other: number[]) => {
    const now = itemTags(sqlite, secret, kind, line.participantId, ids);
    ids.forEach((id, i) => {
      const tag = now.get(id);
      if (tag === undefined) return;
      (tag === tags[i] ? same : other).push(id);
    });
  };
  split('entry', line.entryIds, line.bound.entries, out.entryIds, out.otherEntries);
  split('document', line.documentIds, line.bound.documents, out.documentIds, out.otherDocuments);
  return out;
}
