import { afterEach, describe, expect, it } from 'vitest';
import { aParticipant, removeVault } from '../support/vault.ts';
import { suppressionMask, type KeyedCount } from '../../core/statistics/suppress.ts';
import { disclosure, mandate, world, type World } from './support.ts';

let w: World;
afterEach(() => removeVault(w.vault));

/** Six UWV trajectories and two Wmo trajectories started in 2026, plus mandates and disclosures. */
async function populate(): Promise<string[]> {
  const identifying: string[] = [];
  const types = ['uwv', 'uwv', 'uwv', 'uwv', 'uwv', 'uwv', 'wmo', 'wmo'] as const;
  for (const [i, type] of types.entries()) {
    const p = aParticipant({ firstName: `Statisticus${i}`, lastName: `Telling${i}`, birthDate: `199${i}-0${i + 1}-1${i}`, postcode: `35${10 + i} AB`, medicalNotes: `Rugklachten ${i}` });
    const { participantId, dossierNumber } = await w.consultant.call('dossiers.create', p);
    identifying.push(p.firstName, p.lastName, p.birthDate!, p.postcode!, p.medicalNotes!, dossierNumber);
    await w.consultant.call('dossiers.addTrajectory', { participantId, type, commissioner: `Werkgever Uniek ${i}`, startDate: `2026-0${(i % 3) + 1}-15`, endDate: null, description: null });
    identifying.push(`Werkgever Uniek ${i}`);
  }
  for (let i = 0; i < 5; i++) await w.consultant.call('mandates.record', mandate(w, { recipientId: w.uwv }));
  for (let i = 0; i < 5; i++) await w.consultant.call('disclosures.record', disclosure(w));
  await w.consultant.call('disclosures.record', disclosure(w, { recipientId: w.municipality, basis: { kind: 'legalDuty', duty: 'Participatiewet art. 17' } }));
  return identifying;
}

describe('anonymised statistics (R16)', () => {
  it('R16 statistics suppress small cells, and the one cell that would give a small one back from a total', async () => {
    w = await world();
    await populate();
    const s = await w.privacyOfficer.call('statistics.get', {});
    expect(s.threshold).toBe(5);
    // The two Wmo trajectories of 2026 are a cell below 5; the six UWV trajectories are the only other
    // active trajectories of 2026, so the number of trajectories of 2026 minus six would give the two
    // back: that cell is hidden as well (secondary suppression).
    expect(s.trajectories).toEqual([{ type: 'uwv', status: 'active', year: 2026, count: null }, { type: 'wmo', status: 'active', year: 2026, count: null }]);
    expect(s.mandates).toEqual([{ direction: 'shareWith', givenHow: 'signedForm', state: 'active', count: 5 }]);
    expect(s.disclosures).toEqual([
      { basis: 'legalDuty', recipientKind: 'municipality', year: 2026, count: null },
      { basis: 'mandate', recipientKind: 'uwv', year: 2026, count: 5 },
    ]);
    const strict = await w.privacyOfficer.call('statistics.get', { threshold: 6 });
    expect(strict.mandates[0]!.count).toBeNull();
    // A threshold under the policy's is raised to it: nobody lowers the protection of R16.
    const weak = await w.privacyOfficer.call('statistics.get', { threshold: 2 });
    expect(weak.threshold).toBe(5);
    expect(weak.disclosures).toEqual(s.disclosures);
    await expect(w.consultant.call('statistics.get', {})).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(w.privacyOfficer.call('statistics.get', { threshold: 1 })).rejects.toMatchObject({ code: 'input.invalid' });
  });

  it('R16 statistics and their CSV contain no participant-identifying value and no special-category data', async () => {
    w = await world();
    const identifying = await populate();
    const s = await w.privacyOfficer.call('statistics.get', {});
    const { csv, fileName } = await w.privacyOfficer.call('statistics.csv', {});
    expect(fileName).toBe('statistieken-2026-04-23.csv');
    expect(csv.split('\r\n')[0]).toBe('tabel;kenmerk 1;kenmerk 2;kenmerk 3;aantal');
    expect(csv).toContain('verstrekkingen;legalDuty;municipality;2026;x');
    expect(csv).toContain('machtigingen;shareWith;signedForm;active;5');
    const text = JSON.stringify(s) + csv;
    for (const value of [...identifying, 'Fenna', 'Testenburg', '1990-04-12', '3511 AB', 'UWV Utrecht', 'Bakkerij', 'Gemeente Utrecht', 'medical', 'disability', 'Rugklachten']) {
      expect(text).not.toContain(value);
    }
  });
});

/**
 * Every value the hidden cells can take, given the published cells and the totals an outsider
 * may know: the grand total and the total of every row and column (every line of more than one
 * cell). Returns the values the cell `target` takes over all those tables.
 */
function possibleValues(cells: KeyedCount[], hidden: boolean[], target: number): Set<number> {
  const lines: number[][] = [cells.map((_, i) => i)];
  for (let d = 0; d < cells[0]!.keys.length; d++) {
    const by = new Map<string, number[]>();
    cells.forEach((c, i) => { const k = JSON.stringify(c.keys.filter((_, j) => j !== d)); by.set(k, [...(by.get(k) ?? []), i]); });
    lines.push(...[...by.values()].filter((l) => l.length > 1));
  }
  // What the hidden cells of each line must add up to.
  const rest = lines.map((l) => l.reduce((sum, i) => sum + (hidden[i] ? cells[i]!.n : 0), 0));
  const unknown = cells.map((_, i) => i).filter((i) => hidden[i]);
  const value = new Map<number, number>();
  const found = new Set<number>();
  const search = (k: number): void => {
    if (k === unknown.length) { found.add(value.get(target)!); return; }
    const i = unknown[k]!;
    const mine = lines.map((l, j) => (l.includes(i) ? j : -1)).filter((j) => j >= 0);
    const room = Math.min(...mine.map((j) => rest[j]!));
    for (let v = 0; v <= room; v++) {
      // A line whose hidden cells are all filled in must add up exactly.
      const last = mine.some((j) => lines[j]!.every((c) => !hidden[c] || c === i || value.has(c)) && rest[j] !== v);
      if (last) continue;
      value.set(i, v);
      for (const j of mine) rest[j]! -= v;
      search(k + 1);
      for (const j of mine) rest[j]! += v;
      value.delete(i);
    }
  };
  search(0);
  return found;
}

describe('secondary suppression (R16)', () => {
  // Active trajectories by type and start year: one small cell (2 UWV trajectories in 2026).
  const table: [string, number, number][] = [
    ['uwv', 2024, 12], ['uwv', 2025, 9], ['uwv', 2026, 2],
    ['wmo', 2024, 8], ['wmo', 2025, 11], ['wmo', 2026, 6],
    ['wlz', 2024, 15], ['wlz', 2025, 7], ['wlz', 2026, 10],
  ];
  const cells: KeyedCount[] = table.map(([type, year, n]) => ({ keys: [type, 'active', year], n }));
  const small = 2;

  it('R16 with primary suppression only, the small cell follows from a row total: the attack is real', () => {
    const primary = cells.map((c) => c.n < 5);
    expect(primary.filter(Boolean)).toHaveLength(1);
    expect([...possibleValues(cells, primary, small)]).toEqual([2]);
  });

  it('R16 after secondary suppression no row, column or grand total gives a suppressed value back', () => {
    const hidden = suppressionMask(cells, 5);
    expect(hidden[small]).toBe(true);
    // No line holds a lone hidden cell, and only what is needed is hidden (the largest cells stay).
    expect(hidden.filter(Boolean).length).toBeLessThan(cells.length);
    expect(hidden[6]).toBe(false); // wlz 2024: 15
    for (const [i, h] of hidden.entries()) {
      if (!h) continue;
      const values = possibleValues(cells, hidden, i);
      expect(values.has(cells[i]!.n)).toBe(true);
      expect(values.size, `cell ${i} (${cells[i]!.n}) can be computed back`).toBeGreaterThan(1);
    }
    // The small one in particular could be 0, 1, 2 or more: any value is consistent with what is published.
    expect(possibleValues(cells, hidden, small).size).toBeGreaterThan(2);
  });

  it('R16 the next-smallest cell of the line is the one hidden, and a line of one cell needs nothing more', () => {
    const line: KeyedCount[] = [{ keys: ['a', 1], n: 3 }, { keys: ['b', 1], n: 40 }, { keys: ['c', 1], n: 6 }, { keys: ['d', 2], n: 1 }];
    expect(suppressionMask(line, 5)).toEqual([true, false, true, true]);
  });
});
