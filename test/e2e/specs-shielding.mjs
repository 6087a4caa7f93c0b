// E2E for shielding (R26): a consultant shields a journal entry from a named colleague at the
// participant's request; the colleague sees the dossier with one calm notice and without the
// entry; the shield is lifted with a reason and the entry is back.
import assert from 'node:assert/strict';
import { addJournalEntry, checkAxe, createParticipant, createUser, firstRun, label, screenshot, signIn, signOut } from './harness.mjs';

const SECRET = 'Gesprek over de relatie met de buurvrouw';

async function openDossier(page, name) {
  await page.getByRole('link', { name: 'Deelnemers' }).click();
  await page.getByTestId('list-search').fill(name.split(' ')[0]);
  await page.getByTestId('list-row').filter({ hasText: name }).click();
  await page.getByTestId('dossier-name').filter({ hasText: name }).waitFor();
}

async function shieldEntryFromColleague({ page }) {
  const failures = [];
  await firstRun(page);
  await signIn(page, 'beheer');
  await createUser(page, { displayName: 'Anna Consulent', username: 'anna', role: 'Consulent' });
  await createUser(page, { displayName: 'Cor Collega', username: 'cor', role: 'Consulent' });
  await signOut(page);

  await signIn(page, 'anna');
  await createParticipant(page, { firstName: 'Noor', lastName: 'Bakker', city: 'Zwolle' });
  await addJournalEntry(page, { title: SECRET, body: 'Noor vertelt over een conflict; zij wil niet dat haar buurman Cor dit leest.' });
  await addJournalEntry(page, { title: 'Voortgangsgesprek', body: 'Noor werkt drie dagen per week.' });
  await page.getByRole('tab', { name: 'Caseload' }).click();
  await page.getByRole('combobox', { name: 'Consulent toevoegen' }).click();
  await page.getByRole('option', { name: 'Cor Collega' }).click();
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  await page.getByText('Cor Collega').first().waitFor();

  // Afscherming at the participant's request: the entry, from Cor.
  await page.getByRole('tab', { name: 'Afscherming' }).click();
  await page.getByText('Er zijn geen afschermingen in dit dossier.').waitFor();
  await page.getByTestId('shield-place').click();
  const dialog = page.getByRole('dialog', { name: 'Deel van het dossier afschermen' });
  await dialog.getByRole('combobox', { name: 'Wat wordt afgeschermd' }).click();
  await page.getByRole('option', { name: new RegExp(SECRET) }).click();
  await label(dialog, 'Voor wie').click();
  await page.getByRole('option', { name: /Cor Collega/ }).click();
  await page.keyboard.press('Escape'); // close the option list, not the dialog
  await dialog.getByTestId('shield-reason').fill('Noor vroeg dit in het gesprek van vandaag');
  await dialog.getByRole('button', { name: 'Afscherming plaatsen' }).click();
  await dialog.getByTestId('confirm-step').waitFor();
  await checkAxe(page, 'afscherming plaatsen', failures);
  await dialog.getByRole('button', { name: 'Ja, bevestigen' }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = page.getByTestId('shield-row').filter({ hasText: SECRET });
  await row.waitFor();
  assert.match(await row.textContent(), /Cor Collega/);
  assert.match(await row.textContent(), /Van kracht/);
  await checkAxe(page, 'afscherming tab', failures);
  await screenshot(page, '20-afscherming');
  await signOut(page);

  // Cor: one calm notice, the rest of the journal, not the shielded entry, no register.
  await signIn(page, 'cor');
  await openDossier(page, 'Noor Bakker');
  await page.getByTestId('shield-notice').waitFor();
  assert.equal((await page.getByTestId('shield-notice').textContent()).trim(), 'Een deel van dit dossier is op verzoek van de deelnemer voor u afgeschermd.');
  await page.getByRole('tab', { name: /Journaal/ }).click();
  await page.getByTestId('journal-entry').filter({ hasText: 'Voortgangsgesprek' }).waitFor();
  assert.equal(await page.getByTestId('journal-entry').filter({ hasText: SECRET }).count(), 0, 'the shielded entry is not shown');
  assert.equal(await page.getByText(SECRET).count(), 0, 'its title appears nowhere on the page');
  await page.getByRole('tab', { name: 'Geschiedenis' }).click();
  await page.waitForTimeout(300);
  assert.equal(await page.getByText(SECRET).count(), 0, 'nor in the history');
  await page.getByRole('tab', { name: 'Afscherming' }).click();
  await page.getByText('Er zijn geen afschermingen in dit dossier.').waitFor(); // the shield aimed at Cor is not listed to Cor
  await checkAxe(page, 'afgeschermd dossier', failures);
  await screenshot(page, '21-afgeschermd-voor-collega');
  await signOut(page);

  // Anna lifts it with a reason, after confirming.
  await signIn(page, 'anna');
  await openDossier(page, 'Noor Bakker');
  await page.getByRole('tab', { name: 'Afscherming' }).click();
  await page.getByRole('button', { name: new RegExp(`^Afscherming van .*${SECRET}.* opheffen$`) }).click();
  const lift = page.getByRole('dialog', { name: 'Afscherming opheffen' });
  await lift.getByTestId('shield-lift-reason').fill('kort');
  await lift.getByRole('button', { name: 'Opheffen' }).click();
  await lift.getByText(/Minstens 10 tekens/).first().waitFor();
  await lift.getByTestId('shield-lift-reason').fill('Noor trok haar verzoek telefonisch in');
  await lift.getByRole('button', { name: 'Opheffen' }).click();
  await lift.getByTestId('confirm-step').waitFor();
  await lift.getByRole('button', { name: 'Ja, bevestigen' }).click();
  await lift.waitFor({ state: 'detached' });
  await page.getByTestId('shield-row').filter({ hasText: 'Opgeheven' }).waitFor();
  await signOut(page);

  await signIn(page, 'cor');
  await openDossier(page, 'Noor Bakker');
  assert.equal(await page.getByTestId('shield-notice').count(), 0, 'no notice once lifted');
  await page.getByRole('tab', { name: /Journaal/ }).click();
  await page.getByTestId('journal-entry').filter({ hasText: SECRET }).waitFor();
  assert.deepEqual(failures, [], `axe found serious problems:\n${failures.join('\n')}`);
}

export const specs = [
  { name: 'shielding: an entry shielded from a named colleague, then lifted (R26)', run: shieldEntryFromColleague },
];
