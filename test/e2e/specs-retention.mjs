// E2E for the retention screens (issue 11, item 6; R40, R45): a closed dossier whose UWV trajectory
// ended in 2018 is due (7 years); the privacy officer sees it on "Bewaartermijnen", places a legal
// hold by dossier number (the dossier shows it with its term), lifts it, and proposes the dossier
// for destruction; she cannot approve her own proposal (the button says so and the service
// refuses); the board approves it after a confirmation and the waiting period starts. Eight days
// later (the same vault served by a process whose clock runs ahead) she carries the batch out after
// typing its number: the dossier is gone, and the register holds one line without a name (R44).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { checkAxe, createParticipant, createUser, dutchDate, firstRun, label, screenshot, signIn, signOut } from './harness.mjs';
import { api } from './specs-requests.mjs';
import { assertPageFits } from './fit.mjs';

const TRAJECTORY_END = '2018-06-30';
const TERM_END = '2025-06-30'; // 7 years after the UWV trajectory's end (R40)

/** Today in the Dutch calendar plus `days`, as 'YYYY-MM-DD'. */
function dutchDay(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(d);
}

/** As the consultant: a dossier with a UWV trajectory that ended in 2018, then closed (R42). */
async function seedDueDossier(page) {
  const dossierNumber = await createParticipant(page, { firstName: 'Sem', lastName: 'Oudgers', birthDate: '1970-02-11' });
  const participantId = Number(/#\/dossiers\/(\d+)/.exec(page.url())[1]);
  const trajectory = await api(page, 'dossiers.addTrajectory', { participantId, type: 'uwv', commissioner: 'UWV Zwolle', startDate: '2016-09-01', endDate: TRAJECTORY_END, description: null });
  // Closed with its own end date: closing the dossier would give a still-active trajectory today's date.
  await api(page, 'dossiers.updateTrajectory', { trajectoryId: trajectory.id, status: 'closed' });
  await api(page, 'dossiers.close', { participantId, takeHome: 'Het eindverslag, op papier meegegeven.' });
  return { dossierNumber, participantId };
}

async function openRetention(page, tab) {
  await page.getByRole('link', { name: 'Bewaartermijnen' }).click();
  await page.getByRole('heading', { name: 'Bewaartermijnen', level: 1 }).waitFor();
  if (tab) await page.getByRole('tab', { name: tab }).click();
}

async function retentionFlow(app) {
  const { page } = app;
  const failures = [];
  await firstRun(page);
  await signIn(page, 'beheer');
  // All three before the privacy officer exists: after that, accounts with dossier access wait for her approval.
  await createUser(page, { displayName: 'Anna Consulent', username: 'anna', role: 'Consulent' });
  await createUser(page, { displayName: 'Bert Bestuur', username: 'bert', role: 'Bestuur' });
  await createUser(page, { displayName: 'Pia Privacy', username: 'pia', role: 'Medewerker privacy' });
  await signOut(page);

  await signIn(page, 'anna');
  assert.equal(await page.getByRole('link', { name: 'Bewaartermijnen' }).count(), 0, 'a consultant has no retention page');
  const { dossierNumber, participantId } = await seedDueDossier(page);
  await signOut(page);

  // The privacy officer: the dossier is on the list, due since the end of its term.
  await signIn(page, 'pia');
  await openRetention(page);
  const row = page.getByTestId('retention-row').filter({ hasText: dossierNumber });
  await row.waitFor();
  assert.equal(await label(page, 'Ook binnen (weken)').inputValue(), '8');
  const text = await row.textContent();
  assert.match(text, /UWV re-integratie/);
  assert.match(text, new RegExp(dutchDate(TERM_END)));
  assert.match(text, /afsluiting dossier/, 'the last contact and its source');
  assert.equal((await page.getByTestId('count-due').textContent()).trim(), '1');
  await checkAxe(page, 'bewaartermijnen: te vernietigen', failures);
  await screenshot(page, 'r1-bewaartermijnen');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
  assert.match(download.suggestedFilename(), /^vernietigingslijst-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.match(await readFile(await download.path(), 'utf8'), new RegExp(dossierNumber), 'the CSV lists the dossier');

  // A legal hold placed by dossier number: the dossier is held and cannot be proposed.
  await page.getByRole('tab', { name: 'Bewaarplicht' }).click();
  await page.getByTestId('holds-empty').waitFor();
  await page.getByRole('button', { name: 'Bewaarplicht instellen' }).click();
  const place = page.getByRole('dialog', { name: 'Bewaarplicht instellen' });
  await label(place, 'Dossiernummer').fill('DK-1999-000001');
  await place.getByTestId('hold-reason').fill('Geschil met de gemeente, kenmerk 2026-117');
  await place.getByRole('button', { name: 'Bewaarplicht instellen' }).click();
  await place.getByTestId('form-error').getByText('Dossier niet gevonden.').waitFor();
  await label(place, 'Dossiernummer').fill(dossierNumber);
  await checkAxe(page, 'bewaarplicht instellen', failures);
  await place.getByRole('button', { name: 'Bewaarplicht instellen' }).click();
  await place.waitFor({ state: 'detached' });
  const hold = page.getByTestId('hold-row').filter({ hasText: dossierNumber });
  await hold.getByText('Van kracht').waitFor();
  await checkAxe(page, 'bewaarplicht', failures);
  await page.getByRole('tab', { name: 'Te vernietigen' }).click();
  await row.getByTestId('hold-badge').waitFor();
  assert.equal(await row.getByRole('checkbox').isDisabled(), true, 'a held dossier cannot be proposed');

  // The dossier shows its term and the hold.
  await row.getByRole('link', { name: dossierNumber }).click();
  await page.getByTestId('dossier-term').waitFor();
  assert.equal((await page.getByTestId('dossier-term-text').textContent()).trim(), `Termijn verstreken op ${dutchDate(TERM_END)} (7 jaar na einde traject UWV)`);
  assert.match(await page.getByTestId('dossier-term-hold').textContent(), /Geschil met de gemeente/);
  await screenshot(page, 'r2-dossier-bewaartermijn');

  // Lifted with a reason, after a second click.
  await openRetention(page, 'Bewaarplicht');
  await page.getByRole('button', { name: `Bewaarplicht van dossier ${dossierNumber} opheffen` }).click();
  const lift = page.getByRole('dialog', { name: 'Bewaarplicht opheffen' });
  await lift.getByTestId('hold-lift-reason').fill('Geschil is geschikt, zie brief van 1 december');
  await lift.getByRole('button', { name: 'Opheffen' }).click();
  await lift.getByTestId('confirm-step').waitFor();
  await lift.getByRole('button', { name: 'Ja, opheffen' }).click();
  await lift.waitFor({ state: 'detached' });
  await hold.getByText('Opgeheven', { exact: true }).waitFor();

  // The proposal: select the dossier, give a reason.
  await page.getByRole('tab', { name: 'Te vernietigen' }).click();
  await row.getByRole('checkbox', { name: `Dossier ${dossierNumber} selecteren` }).check();
  await page.getByTestId('selected-count').getByText('1 dossier geselecteerd').waitFor();
  await page.getByRole('button', { name: 'Voorstel maken' }).click();
  const propose = page.getByRole('dialog', { name: 'Voorstel tot vernietiging' });
  await propose.getByText('U stelt voor 1 dossier te vernietigen.', { exact: false }).waitFor();
  await propose.getByTestId('propose-reason').fill('Jaarlijkse opschoning 2026, UWV-termijnen');
  await checkAxe(page, 'voorstel maken', failures);
  await propose.getByRole('button', { name: 'Voorstel indienen' }).click();
  await propose.waitFor({ state: 'detached' });
  await row.getByText(/In voorstel \d+/).waitFor();

  // The proposer cannot approve: the button is disabled with the reason, and the service refuses.
  await page.getByRole('tab', { name: 'Voorstellen' }).click();
  const batch = page.getByTestId('batch-row').first();
  await batch.getByTestId('batch-status').getByText('Voorgesteld').waitFor();
  const batchId = Number(await batch.getAttribute('data-batch'));
  assert.equal(await batch.getByTestId('approve-own').isDisabled(), true);
  await batch.getByTestId('own-proposal').getByText('U hebt dit voorstel zelf gedaan').waitFor();
  await assert.rejects(api(page, 'retention.approve', { batchId }), /retention\.ownProposal U kunt uw eigen voorstel niet goedkeuren/);
  await batch.getByRole('button', { name: `1 dossier in voorstel ${batchId}` }).click();
  await page.getByTestId('batch-items').getByText(dossierNumber).waitFor();
  await checkAxe(page, 'voorstellen', failures);
  await signOut(page);

  // The board: no proposing, but approving after a confirmation; the waiting period starts.
  await signIn(page, 'bert');
  await openRetention(page);
  await page.getByTestId('retention-row').filter({ hasText: dossierNumber }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Voorstel maken' }).count(), 0, 'the board never proposes');
  await page.getByRole('tab', { name: 'Voorstellen' }).click();
  await page.getByRole('button', { name: `Voorstel ${batchId} goedkeuren` }).click();
  const approve = page.getByRole('dialog', { name: `Voorstel ${batchId} goedkeuren` });
  await approve.getByText('U keurt goed dat 1 dossier wordt vernietigd.', { exact: false }).waitFor();
  await checkAxe(page, 'voorstel goedkeuren', failures);
  await approve.getByRole('button', { name: 'Goedkeuren' }).click();
  await approve.waitFor({ state: 'detached' });
  const approved = page.getByTestId('batch-row').filter({ has: page.getByTestId('batch-status') }).first();
  await approved.getByTestId('batch-status').getByText(`Goedgekeurd, wachttijd tot ${dutchDate(dutchDay(7))}`).waitFor();
  assert.match(await approved.textContent(), /Bert Bestuur/);
  await checkAxe(page, 'voorstel goedgekeurd', failures);
  await screenshot(page, 'r3-voorstel-goedgekeurd');
  await page.getByRole('tab', { name: 'Vernietigingsregister' }).click();
  await page.getByTestId('register-empty').waitFor();
  await signOut(page);

  // The waiting period (7 days) has passed: the same vault, its server's clock 8 days ahead.
  await app.restartServer({ shiftDays: 8 });
  await signIn(page, 'pia');
  await openRetention(page, 'Voorstellen');
  const ready = page.locator(`[data-testid="batch-row"][data-batch="${batchId}"]`);
  await ready.getByTestId('batch-status').getByText('Goedgekeurd, wachttijd voorbij').waitFor();
  assert.equal(await ready.getByRole('button', { name: `Voorstel ${batchId} annuleren` }).count(), 0, 'past the waiting period a batch can no longer be cancelled');
  await ready.getByRole('button', { name: `Voorstel ${batchId} uitvoeren: vernietigen` }).click();
  const execute = page.getByRole('dialog', { name: `Voorstel ${batchId} uitvoeren: dossiers vernietigen` });
  await execute.getByText('Dit kan niet ongedaan worden gemaakt: 1 dossier wordt definitief vernietigd', { exact: false }).waitFor();
  await execute.getByText(dossierNumber, { exact: true }).waitFor();
  await checkAxe(page, 'vernietigen bevestigen', failures);
  // A wrong number destroys nothing.
  await execute.getByTestId('execute-confirm').fill(String(batchId + 1));
  await execute.getByRole('button', { name: 'Definitief vernietigen' }).click();
  await execute.getByText(`Typ ${batchId}, het nummer van dit voorstel, om te bevestigen.`).waitFor();
  assert.equal((await api(page, 'dossiers.list', { query: dossierNumber, scope: 'all' })).total, 1, 'nothing destroyed on a wrong number');
  await execute.getByTestId('execute-confirm').fill(String(batchId));
  await execute.getByRole('button', { name: 'Definitief vernietigen' }).click();
  await execute.getByTestId('execute-result').getByText('1 dossier is vernietigd.').waitFor({ timeout: 30_000 });
  await checkAxe(page, 'vernietigd', failures);
  await execute.getByTestId('execute-result').getByRole('button', { name: 'Sluiten' }).click();
  await execute.waitFor({ state: 'detached' });
  await ready.getByTestId('batch-status').getByText('Uitgevoerd', { exact: false }).waitFor();

  // Gone for everyone: not found by number or name, the dossier itself answers "not found".
  assert.equal((await api(page, 'dossiers.list', { query: dossierNumber, scope: 'all' })).total, 0);
  assert.equal((await api(page, 'dossiers.list', { query: 'Oudgers', scope: 'all' })).total, 0);
  await assert.rejects(api(page, 'dossiers.get', { participantId }), /dossier\.notFound/);
  // What stays: one register line, with the dossier number and who decided, no name.
  await page.getByRole('tab', { name: 'Vernietigingsregister' }).click();
  const line = page.getByTestId('destruction-register').getByRole('row').filter({ hasText: dossierNumber });
  await line.waitFor();
  const lineText = await line.textContent();
  assert.match(lineText, /Pia Privacy/);
  assert.match(lineText, /Bert Bestuur/);
  assert.doesNotMatch(await page.getByTestId('destruction-register').textContent(), /Oudgers|Sem|1970/);
  await checkAxe(page, 'vernietigingsregister', failures);
  await assertPageFits(page, 'vernietigingsregister');
  await screenshot(page, 'r4-vernietigingsregister');
  assert.deepEqual(failures, [], `axe found serious or critical violations:\n${failures.join('\n')}`);
}

export const specs = [
  { name: 'retention: destruction list, legal hold, a proposal the board approves and the proposer cannot, carried out after the waiting period (R40, R44, R45)', run: retentionFlow },
];
