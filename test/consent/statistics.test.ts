import { afterEach, describe, expect, it } from 'vitest';
import { aParticipant, removeVault } from '../support/vault.ts';
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
  it('R16 statistics suppress small cells', async () => {
    w = await world();
    await populate();
    const s = await w.privacyOfficer.call('statistics.get', {});
    expect(s.threshold).toBe(5);
    // Six UWV trajectories in 2026 are shown; the two Wmo trajectories are a cell below 5.
    const uwv = s.trajectories.filter((t) => t.type === 'uwv');
    const wmo = s.trajectories.filter((t) => t.type === 'wmo');
    expect(uwv.reduce((n, t) => n + (t.count ?? 0), 0)).toBe(6);
    expect(wmo.every((t) => t.count === null)).toBe(true);
    expect(s.mandates).toEqual([{ direction: 'shareWith', givenHow: 'signedForm', state: 'active', count: 5 }]);
    expect(s.disclosures).toEqual([
      { basis: 'legalDuty', recipientKind: 'municipality', year: 2026, count: null },
      { basis: 'mandate', recipientKind: 'uwv', year: 2026, count: 5 },
    ]);
    const strict = await w.privacyOfficer.call('statistics.get', { threshold: 6 });
    expect(strict.mandates[0]!.count).toBeNull();
    expect(strict.trajectories.filter((t) => t.type === 'uwv').map((t) => t.count)).toEqual([6]);
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
    expect(csv).toContain('verstrekkingen;legalDuty;municipality;2026;<5');
    expect(csv).toContain('machtigingen;shareWith;signedForm;active;5');
    const text = JSON.stringify(s) + csv;
    for (const value of [...identifying, 'Fenna', 'Testenburg', '1990-04-12', '3511 AB', 'UWV Utrecht', 'Bakkerij', 'Gemeente Utrecht', 'medical', 'disability', 'Rugklachten']) {
      expect(text).not.toContain(value);
    }
  });
});
