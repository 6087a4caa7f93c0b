// `dossierkluis retention`: the destruction list from the command line, through the same
// operation as the app (permission, shields, audit); Dutch lines, or JSON with --json (R40, R45).
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../core/cli/main.ts';
import { runCli } from '../fault/support.ts';
import { removeVault } from '../support/vault.ts';
import { makeDossier, retentionWorld } from './support.ts';

describe('dossierkluis retention (issue 11)', () => {
  it('R40 R45 lists the dossiers whose term has ended in Dutch, or as JSON; only a role that may read the list gets it', async () => {
    const w = await retentionWorld();
    const due = await makeDossier(w, { trajectories: [{ type: 'uwv', start: '2010-01-04', end: '2015-06-30' }] });
    const later = await makeDossier(w, { trajectories: [{ type: 'uwv', start: '2020-01-06', end: '2025-06-30' }] });
    await w.officer.call('retention.placeHold', { participantId: later.participantId, reason: 'Lopende klacht bij de ombudsman', untilDate: null });
    const user = w.officer.state.session!.username;
    w.vault.close();
    try {
      const human = await runCli(['retention', '--vault', w.vault.dir, '--user', user]);
      expect(human.code, human.stderr).toBe(EXIT.ok);
      expect(human.stdout).toMatch(/^Vernietigingslijst op \d{2}-\d{2}-\d{4}: 1 dossier aan de beurt/);
      expect(human.stdout).toContain(`${due.dossierNumber}  einde termijn 30-06-2022  aan de beurt  grond: bewaartermijn (UWV)  laatste contact 02-03-2026 (afsluiting dossier)`);
      expect(human.stdout).not.toContain(later.dossierNumber);
      expect(human.stdout).not.toContain('Bewaar'); // no names

      const json = await runCli(['retention', '--vault', w.vault.dir, '--user', user, '--json', '--weeks', '520']);
      expect(json.code, json.stderr).toBe(EXIT.ok);
      const list = JSON.parse(json.stdout) as { rows: { dossierNumber: string; due: boolean; hold: unknown }[]; counts: { due: number; held: number } };
      expect(list.rows.map((r) => [r.dossierNumber, r.due, r.hold !== null])).toEqual([[due.dossierNumber, true, false], [later.dossierNumber, false, true]]);
      expect(list.counts).toMatchObject({ due: 1, held: 1 });

      const admin = await runCli(['retention', '--vault', w.vault.dir, '--user', 'beheerder']);
      expect(admin.code).toBe(EXIT.findings);
      expect(admin.stderr).toContain('U heeft geen recht op deze handeling.');
    } finally { removeVault(w.vault); }
  }, 120_000);
});
