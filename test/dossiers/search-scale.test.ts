// Name search over more participants than the count cap (issue 6): the capped count, the order of
// the page and the caseload limit (R04) hold whichever plan textSearch picks for a fragment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../core/demo/generate.ts';
import { COUNT_CAP, parseQuery } from '../../core/dossiers/search.ts';
import { removeVault, testVault, type Caller, type TestVault } from '../support/vault.ts';

let vault: TestVault;
let admin: Caller;
let anna: Caller;
let db: NonNullable<Caller['state']['handle']>['sqlite'];

beforeAll(async () => {
  vault = await testVault();
  anna = await vault.addUser('anna', 'consultant');
  const bert = await vault.addUser('bert', 'consultant');
  admin = await vault.addUser('carla', 'administration');
  db = admin.state.handle!.sqlite;
  generateDemo(db, { participants: 2400, seed: 7, entriesPerParticipant: 0, consultantIds: [anna.state.session!.userId, bert.state.session!.userId], now: vault.clock.now });
}, 60_000);
afterAll(() => removeVault(vault));

/** The plain answer: every match, sorted, without cap or plan choice. */
function reference(query: string, caseloadOf: number | null) {
  const parsed = parseQuery(query);
  if (parsed.kind !== 'text') throw new Error('not a name query');
  const rows = db.prepare(`SELECT p.id FROM participants p ${caseloadOf === null ? '' : 'JOIN caseload c ON c.participant_id = p.id AND c.user_id = ?'}
    WHERE p.id IN (SELECT rowid FROM participants_fts WHERE participants_fts MATCH ?) ORDER BY p.last_name, p.first_name, p.id`)
    .all(...(caseloadOf === null ? [] : [caseloadOf]), parsed.match) as { id: number }[];
  return rows.map((r) => r.id);
}

describe('name search at scale', () => {
  it('R04 common and rare fragments give the same pages as sorting every match; counts stop at the cap; a consultant sees only the caseload', async () => {
    const lastNames = (db.prepare('SELECT last_name AS l, count(*) AS n FROM participants GROUP BY lower(substr(last_name, 1, 4)) ORDER BY n DESC').all() as { l: string; n: number }[]);
    // Dense (more than half match), medium, rare; and a two-word query with a one-letter word.
    const queries = ['van', lastNames[1]!.l.slice(0, 4), lastNames.at(-1)!.l.slice(0, 4), 'de v'];
    let sawCapped = false;
    for (const query of queries) {
      for (const [who, caseloadOf, scope] of [[admin, null, 'all'], [anna, anna.state.session!.userId, 'caseload']] as const) {
        const expected = reference(query, caseloadOf);
        for (const offset of [0, 50, 950]) {
          const got = await who.call('dossiers.list', { query, scope, offset, limit: 50 });
          expect(got.totalCapped).toBe(expected.length > COUNT_CAP);
          expect(got.total).toBe(Math.min(expected.length, COUNT_CAP));
          expect(got.rows.map((r) => r.participantId)).toEqual(expected.slice(offset, offset + 50));
          if (caseloadOf !== null) expect(got.rows.every((r) => r.access === 'caseload')).toBe(true);
          sawCapped ||= got.totalCapped;
        }
      }
    }
    expect(sawCapped).toBe(true);
  }, 60_000);
});
