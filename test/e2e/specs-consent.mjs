// E2E specs of issue 4: recipient register, mandate, disclosure under it, withdrawal, and the
// next disclosure refused with the reason in Dutch; axe on the consent tab and the register.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { checkAxe, createParticipant, createUser, fillDate, firstRun, label, screenshot, signIn, signOut } from './harness.mjs';

/** Picks an option of a Mantine Select or MultiSelect by its label, then closes the list. */
async function choose(page, scope, field, option) {
  await label(scope, field).click();
  await page.getByRole('option', { name: option }).first().click();
}

async function closeList(dialog) {
  // A click on the dialog's title closes an open option list without closing the dialog.
  await dialog.locator('.mantine-Modal-title').click();
}

/** Opens the "record disclosure" dialog and fills recipient and item; returns the dialog. */
async function startDisclosure(page, recipient) {
  await page.getByRole('button', { name: 'Verstrekking vastleggen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Verstrekking vastleggen' });
  await choose(page, dialog, 'Ontvanger', recipient);
  await choose(page, dialog, 'Persoonsgegevens', /^Woonplaats/);
  await closeList(dialog);
  return dialog;
}

async function addRecipient(page, { name, kind, reference }) {
  await page.getByRole('button', { name: 'Nieuwe ontvanger' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nieuwe ontvanger' });
  await label(dialog, 'Naam').fill(name);
  await choose(page, dialog, 'Soort ontvanger', kind);
  await label(dialog, 'Contactpersoon').fill('J. de Boer');
  await label(dialog, 'Kenmerk').fill(reference);
  await fillDate(dialog, 'Datum van de overeenkomst', '2025-01-15');
  await dialog.getByRole('button', { name: 'Ontvanger opslaan' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('recipient-row').filter({ hasText: name }).filter({ hasText: reference }).waitFor();
}

async function consentFlow({ page }) {
  const failures = [];
  await firstRun(page);
  await signIn(page, 'beheer');
  await createUser(page, { displayName: 'Bram Administratie', username: 'bram', role: 'Administratie' });
  await createUser(page, { displayName: 'Pia Privacy', username: 'pia', role: 'Medewerker privacy' });
  await signOut(page);

  // The privacy officer keeps the recipient register with its written agreement (R15).
  await signIn(page, 'pia');
  await page.getByRole('link', { name: 'Ontvangers' }).click();
  await page.getByRole('heading', { name: 'Ontvangers', level: 1 }).waitFor();
  await addRecipient(page, { name: 'UWV Utrecht', kind: 'UWV', reference: 'OVK-2025-014' });
  await addRecipient(page, { name: 'Gemeente Utrecht', kind: 'Gemeente', reference: 'OVK-2024-003' });
  await checkAxe(page, 'ontvangers', failures);
  await screenshot(page, 'c1-ontvangers');
  await signOut(page);

  // Administration: a participant under 23, the signed form as a document, then the consent tab.
  await signIn(page, 'bram');
  await createParticipant(page, { firstName: 'Noa', lastName: 'Bakker', birthDate: '2006-02-11', city: 'Utrecht' });
  await page.getByRole('tab', { name: /^Documenten/ }).click();
  await page.locator('input[type=file]').setInputFiles({ name: 'machtiging-uwv.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 ondertekende machtiging') });
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  await page.getByTestId('document-row').filter({ hasText: 'machtiging-uwv.pdf' }).waitFor();

  let dialog;
  // The dossier opens on the tab named in its address ('#/dossiers/12?tab=consent'), as the register links it.
  await page.evaluate(() => { location.hash = `${location.hash.split('?')[0]}?tab=consent`; });
  await page.getByRole('tab', { name: 'Toestemming', selected: true }).waitFor();
  await page.getByTestId('consent-tab').waitFor();
  await page.getByRole('heading', { name: 'Verwijsindex' }).waitFor(); // offered: the participant is under 23 (R13)

  await page.getByRole('button', { name: 'Machtiging vastleggen' }).click();
  dialog = page.getByRole('dialog', { name: 'Machtiging vastleggen' });
  await choose(page, dialog, 'Ontvanger', 'UWV Utrecht');
  await choose(page, dialog, 'Gegevenscategorieën', 'Contactgegevens');
  await page.getByRole('option', { name: 'Werk', exact: true }).click();
  await closeList(dialog);
  // R10: the default policy asks for a signed form, so oral consent is offered disabled, with the reason.
  const oral = dialog.getByRole('radio', { name: 'Mondeling' });
  await dialog.getByText('vraagt een ondertekende machtiging').waitFor();
  assert.equal(await oral.isDisabled(), true, 'oral consent cannot be chosen when the policy forbids it');
  await choose(page, dialog, 'Ondertekende machtiging', /machtiging-uwv\.pdf/);
  await screenshot(page, 'c2-machtiging-vastleggen');
  await dialog.getByRole('button', { name: 'Machtiging opslaan' }).click();
  await dialog.waitFor({ state: 'detached' });
  const mandateRow = page.getByTestId('mandate-row').filter({ hasText: 'UWV Utrecht' });
  await mandateRow.getByText('Geldig', { exact: true }).waitFor();
  assert.match(await mandateRow.textContent(), /machtiging-uwv\.pdf/);

  // A disclosure under the mandate: the live check says it is covered (R10, R14).
  dialog = await startDisclosure(page, 'UWV Utrecht');
  await dialog.getByTestId('check-allowed').waitFor();
  // Issue 13: the mandate is named as people name it, never by its number.
  assert.match(await dialog.getByTestId('check-allowed').textContent(), /Gedekt door de machtiging voor UWV Utrecht \(.+\) van \d{2}-\d{2}-\d{4}\./);
  await screenshot(page, 'c3-verstrekking-toegestaan');
  await dialog.getByRole('button', { name: 'Verstrekking opslaan' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('disclosure-row').filter({ hasText: 'UWV Utrecht' }).filter({ hasText: 'Woonplaats' }).waitFor();
  await checkAxe(page, 'dossier toestemming', failures);
  await screenshot(page, 'c4-toestemming-tab', { fullPage: true });

  // Withdrawal, confirmed with date and how; it blocks at once (R17).
  await mandateRow.getByRole('button', { name: 'Machtiging voor UWV Utrecht intrekken' }).click();
  dialog = page.getByRole('dialog', { name: 'Machtiging intrekken' });
  await dialog.getByText('Dit kan niet ongedaan worden gemaakt.', { exact: false }).waitFor();
  await choose(page, dialog, 'Hoe is de intrekking doorgegeven?', 'Mondeling');
  await checkAxe(page, 'intrekken', failures);
  await dialog.getByRole('button', { name: 'Machtiging intrekken' }).click();
  await dialog.waitFor({ state: 'detached' });
  await mandateRow.getByText('Ingetrokken', { exact: true }).waitFor();

  // The next disclosure is refused, with the reason in Dutch.
  dialog = await startDisclosure(page, 'UWV Utrecht');
  const refused = dialog.getByTestId('check-refused');
  await refused.waitFor();
  assert.match(await refused.textContent(), /Verstrekking geweigerd: de machtiging is ingetrokken op \d{2}-\d{2}-\d{4}\./);
  assert.equal(await dialog.getByRole('button', { name: 'Verstrekking opslaan' }).isDisabled(), true, 'a refused disclosure cannot be saved');
  await checkAxe(page, 'verstrekking geweigerd', failures);
  await screenshot(page, 'c5-verstrekking-geweigerd');
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  assert.equal(await page.getByTestId('disclosure-row').count(), 1, 'nothing was recorded for the refused disclosure');

  // An exception with written arguments is allowed and flagged for the privacy officer (R12).
  dialog = await startDisclosure(page, 'Gemeente Utrecht');
  await dialog.getByRole('radio', { name: 'Uitzondering zonder toestemming' }).check();
  await label(dialog, 'Argumenten voor verstrekking zonder toestemming').fill('Acuut risico voor de veiligheid van de deelnemer; de gemeente moet direct kunnen ingrijpen en de deelnemer is niet bereikbaar.');
  await dialog.getByTestId('check-allowed').getByText('gemeld aan de medewerker privacy', { exact: false }).waitFor();
  await dialog.getByRole('button', { name: 'Verstrekking opslaan' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('disclosure-row').filter({ hasText: 'Gemeente Utrecht' }).getByTestId('flagged').waitFor();

  // An upheld objection blocks the recipient (R27).
  await page.getByRole('button', { name: 'Verzet vastleggen' }).click();
  dialog = page.getByRole('dialog', { name: 'Verzet vastleggen' });
  await choose(page, dialog, 'Tegen verstrekking aan', 'Gemeente Utrecht');
  await closeList(dialog);
  await label(dialog, 'Omstandigheden volgens de deelnemer').fill('De deelnemer heeft een conflict met de gemeente en wil niet dat zij gegevens krijgt.');
  await dialog.getByRole('button', { name: 'Verzet opslaan' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('objection').getByText('In behandeling').waitFor();
  await page.getByRole('button', { name: 'Beslissen op verzet' }).click();
  dialog = page.getByRole('dialog', { name: 'Beslissen op verzet' });
  await label(dialog, 'Redenen van de beslissing').fill('Bijzondere persoonlijke omstandigheden zijn aannemelijk gemaakt.');
  await dialog.getByRole('button', { name: 'Beslissing opslaan' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('objection').getByText('Gehonoreerd').waitFor();
  dialog = await startDisclosure(page, 'Gemeente Utrecht');
  await dialog.getByRole('radio', { name: 'Uitzondering zonder toestemming' }).check();
  await label(dialog, 'Argumenten voor verstrekking zonder toestemming').fill('Acuut risico voor de veiligheid van de deelnemer; de gemeente moet direct kunnen ingrijpen en de deelnemer is niet bereikbaar.');
  await dialog.getByTestId('check-refused').getByText('verzet aangetekend', { exact: false }).waitFor();
  await dialog.getByRole('button', { name: 'Annuleren' }).click();

  // Verwijsindex registration for a participant under 23 (R13).
  await page.getByRole('button', { name: 'Registratie vastleggen' }).click();
  dialog = page.getByRole('dialog', { name: 'Registratie in de Verwijsindex' });
  await label(dialog, 'Reden van het signaal (minstens 10 tekens)').fill('Zorgen over schoolverzuim en thuissituatie.');
  await dialog.getByRole('button', { name: 'Opslaan' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('verwijsindex').getByText('Actief').waitFor();
  await checkAxe(page, 'dossier toestemming (alles)', failures);
  await screenshot(page, 'c4b-toestemming-tab-verzet', { fullPage: true });
  await signOut(page);

  // The privacy officer: the register, the mandate overview and the statistics.
  await signIn(page, 'pia');
  await page.getByRole('link', { name: 'Register' }).click();
  await page.getByRole('heading', { name: 'Register van verstrekkingen en machtigingen' }).waitFor();
  const registerRow = page.getByTestId('register-row').filter({ hasText: 'Noa Bakker' }).filter({ hasText: 'UWV Utrecht' });
  await registerRow.waitFor();
  assert.match(await registerRow.getByRole('link', { name: 'Noa Bakker' }).getAttribute('href'), /^#\/dossiers\/\d+\?tab=consent$/);
  await checkAxe(page, 'register', failures);
  await screenshot(page, 'c6-register');
  await page.getByRole('tab', { name: 'Te beoordelen uitzonderingen' }).click();
  const flagged = page.getByTestId('register-row').filter({ hasText: 'Gemeente Utrecht' });
  await flagged.getByRole('button', { name: 'Beoordelen' }).click();
  dialog = page.getByRole('dialog', { name: 'Uitzondering beoordelen' });
  await label(dialog, 'Uw beoordeling').fill('Verstrekking was gerechtvaardigd gezien het acute risico.');
  await checkAxe(page, 'uitzondering beoordelen', failures);
  await dialog.getByRole('button', { name: 'Beoordeling opslaan' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Er zijn geen uitzonderingen die op beoordeling wachten.').waitFor();
  await page.getByRole('tab', { name: 'Machtigingen' }).click();
  const overview = page.getByTestId('mandate-overview');
  await overview.getByText('Noa Bakker').first().waitFor();
  assert.match(await overview.textContent(), /Geen geldige machtigingen\./);
  await checkAxe(page, 'register machtigingen', failures);
  await screenshot(page, 'c7-register-machtigingen');

  await page.getByRole('link', { name: 'Statistieken' }).click();
  await page.getByRole('heading', { name: 'Statistieken', level: 1 }).waitFor();
  await page.getByTestId('stat-table').first().waitFor();
  assert.ok((await page.getByTestId('suppressed').count()) > 0, 'a count of one is suppressed as "x"');
  assert.match(await page.getByTestId('suppressed').first().textContent(), /^x$/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download als CSV' }).click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, /;x\r\n/);
  assert.doesNotMatch(csv, /Noa|Bakker|UWV Utrecht/, 'the CSV holds no participant or recipient names');
  await checkAxe(page, 'statistieken', failures);
  await screenshot(page, 'c8-statistieken');

  assert.deepEqual(failures, [], `axe found serious or critical violations:\n${failures.join('\n')}`);
}

export const specs = [
  { name: '(consent) mandate, disclosure under it, withdrawal, next disclosure refused in Dutch; register and statistics', run: consentFlow },
];
