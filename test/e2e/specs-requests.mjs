// E2E specs for issue 5: data-subject requests from intake to decision, the deadline dashboard,
// a granted correction with its recipients to notify, own statements and restrictions. Its set-up
// steps are exported for the specs that continue a request (specs-copies.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertFitsWithoutTruncation, checkAxe, createParticipant, createUser, fillDate, firstRun, label, printedPdf, printVia, screenshot, signIn, signOut } from './harness.mjs';

/** A local date `days` days from today, as the API wants it (yyyy-mm-dd); fillDate types it Dutch. */
export function isoDay(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function addMonths(iso, months) {
  const [y, m, d] = iso.split('-').map(Number);
  const x = new Date(y, m - 1 + months, d);
  return `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}-${String(x.getDate()).padStart(2, '0')}`;
}

/** beheer sets up the vault and an administration user; bram signs in and creates a participant. */
export async function setUp(page, participant = { firstName: 'Karel', lastName: 'Bos', city: 'Deventer' }) {
  await firstRun(page);
  await signIn(page, 'beheer');
  await createUser(page, { displayName: 'Bram Administratie', username: 'bram', role: 'Administratie' });
  await signOut(page);
  await signIn(page, 'bram');
  return createParticipant(page, participant);
}

/** A Mantine Select by its label (its option list carries the same label). */
function combo(scope, text) {
  return scope.getByRole('combobox', { name: new RegExp(`^${text}( \\*)?$`) });
}

async function choose(page, field, option) {
  await combo(page, field).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Fills the intake form and registers; ends on the request page. `more` fills what else the form asks (e.g. erasure items). */
export async function registerRequest(page, { search, type, receivedOn, description, changes = [], more = null, shoot = null }) {
  await page.getByRole('link', { name: 'Verzoeken' }).click();
  await page.getByRole('button', { name: 'Nieuw verzoek' }).click();
  await page.getByRole('heading', { name: 'Nieuw verzoek registreren' }).waitFor();
  await combo(page, 'Betrokkene').fill(search);
  await page.getByRole('option', { name: new RegExp(search) }).first().click();
  await choose(page, 'Soort verzoek', type);
  await fillDate(page, 'Datum van ontvangst', receivedOn);
  await label(page, 'Wat vraagt de verzoeker?').fill(description);
  for (const [i, c] of changes.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Wijziging toevoegen' }).click();
    const box = page.getByTestId('intake-change').nth(i);
    await combo(box, 'Gegevensveld').click();
    await page.getByRole('option', { name: c.field, exact: true }).click();
    await label(box, 'Gevraagde nieuwe waarde').fill(c.value);
  }
  if (more) await more(page);
  if (shoot) await screenshot(page, shoot, { fullPage: true });
  await page.getByRole('button', { name: 'Verzoek registreren' }).click();
  await page.getByTestId('request-title').waitFor();
}

export async function verifyIdentity(page) {
  const form = page.getByTestId('identity-form');
  await combo(form, 'Hoe is de identiteit vastgesteld\\?').click();
  await page.getByRole('option', { name: 'Identiteitsbewijs getoond aan de balie' }).click();
  await label(form, 'Vergeleken met').fill('Paspoort vergeleken met naam en geboortedatum in het dossier');
  await form.getByRole('button', { name: 'Identiteit vastleggen' }).click();
  await page.getByTestId('identity-done').waitFor();
}

export async function confirmDialog(page, button) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Ja, doorgaan' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Adds a journal entry to the dossier on screen; ends with the dialog closed. */
export async function addEntry(page, title, body) {
  await page.getByRole('tab', { name: /Journaal/ }).click();
  await page.getByRole('button', { name: 'Nieuwe journaalregel' }).click();
  const d = page.getByRole('dialog');
  await d.getByTestId('entry-title').fill(title);
  await d.getByTestId('entry-body').fill(body);
  await d.getByRole('button', { name: 'Opslaan' }).click();
  await d.waitFor({ state: 'detached' });
}

/** (a) inzage: intake → identity → decision; the dashboard shows it overdue, then answered, then gone. */
async function inzageFlow({ page }) {
  const failures = [];
  await setUp(page);
  await page.getByRole('link', { name: 'Verzoeken' }).click();
  await page.getByRole('heading', { name: 'Verzoeken', level: 1 }).waitFor();
  await page.getByTestId('requests-empty').waitFor();

  const receivedOn = isoDay(-21); // 5 working days have long passed: overdue
  await registerRequest(page, { search: 'Bos', type: 'Inzage', receivedOn, description: 'Ik wil mijn hele dossier inzien.' });
  assert.equal((await page.getByTestId('request-status').textContent()).trim(), 'Ontvangen');
  await page.getByTestId('content-locked').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Dossierinhoud tonen' }).count(), 0, 'no dossier content before identity is verified');
  await page.getByTestId('letter-acknowledgement').getByText(/ontvangen/).first().waitFor();
  // Issue 13: before identity is verified the letter greets neutrally and asks for an ID; it has a date line.
  const ack = await page.getByTestId('letter-acknowledgement').textContent();
  assert.match(ack, /Geachte heer of mevrouw Bos,/);
  assert.match(ack, /geldig identiteitsbewijs/);
  assert.match(ack, /\n\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}\n/);

  // The dashboard: one inzage, overdue, highlighted with words as well as colour.
  await page.getByRole('link', { name: 'Verzoeken' }).click();
  const row = page.getByTestId('request-row').filter({ hasText: 'Karel Bos' });
  await row.waitFor();
  assert.equal(await row.getAttribute('data-urgency'), 'overdue');
  await row.getByText('Te laat', { exact: true }).waitFor();
  assert.equal((await page.getByTestId('count-inzage').getByTestId('count-overdue').textContent()).trim(), 'Te laat 1');
  await checkAxe(page, 'verzoeken', failures);
  await screenshot(page, 'req-01-dashboard-te-laat');

  await row.getByRole('link').click();
  await page.getByTestId('request-title').waitFor();
  // An extension past three months after receipt is refused with the service's Dutch message.
  await page.getByRole('button', { name: 'Termijn verlengen' }).click();
  const extend = page.getByTestId('extend-form');
  await label(extend, 'Reden van de verlenging').fill('Het dossier is omvangrijk en moet worden nagelopen.');
  await fillDate(extend, 'Nieuwe uiterste datum', addMonths(receivedOn, 4));
  await extend.getByRole('button', { name: 'Verlenging vastleggen' }).click();
  await extend.getByTestId('form-error').getByText(/De verlenging mag niet later zijn dan drie maanden na ontvangst/).waitFor();
  await screenshot(page, 'req-02-verlenging-geweigerd', { fullPage: true });
  await extend.getByRole('button', { name: 'Annuleren' }).click();

  await verifyIdentity(page);
  assert.equal((await page.getByTestId('request-status').textContent()).trim(), 'Identiteit vastgesteld');
  await page.getByRole('button', { name: 'Dossierinhoud tonen' }).click();
  await page.getByTestId('request-content').getByText('Deventer').waitFor();
  await checkAxe(page, 'verzoek (identiteit vastgesteld)', failures);
  await screenshot(page, 'req-03-verzoek-identiteit', { fullPage: true });

  const decide = page.getByTestId('decide-form');
  await decide.getByRole('radio', { name: 'Toegekend', exact: true }).check();
  await confirmDialog(page, 'Besluit vastleggen');
  await page.getByTestId('decision-done').waitFor();
  assert.equal((await page.getByTestId('request-status').textContent()).trim(), 'Besloten');
  await page.getByRole('tab', { name: 'Besluit' }).click();
  await page.getByTestId('letter-decision').waitFor();
  // Issue 10 item 4: the decision on an inzage says what is enclosed, who received data, and the AP's address.
  const decision = await page.getByTestId('letter-decision').textContent();
  assert.match(decision, /Bijgesloten vindt u een kopie/);
  assert.match(decision, /Wij hebben geen gegevens over u aan anderen verstrekt\./);
  assert.match(decision, /Autoriteit Persoonsgegevens, Postbus 93374, 2509 AJ Den Haag/);
  await checkAxe(page, 'verzoek (besloten)', failures);
  await screenshot(page, 'req-04-verzoek-besloten', { fullPage: true });
  // Printing the letter gives the letter, on one page, without the app around it (issue 13).
  const letterText = (await page.getByTestId('letter-decision').textContent()).trim();
  const printed = await printVia(page, page.getByTestId('letter-decision').locator('xpath=..').getByRole('button', { name: 'Afdrukken' }));
  assert.equal(printed.pages, 1, `the decision letter prints on ${printed.pages} pages`);
  assert.match(printed.text.replace(/\s+/g, ' '), new RegExp(letterText.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')));
  for (const chrome of ['Verzoeken', 'Deelnemers', 'Afmelden', 'Kopiëren']) assert.ok(!printed.text.includes(chrome), `${chrome} is printed with the letter`);
  // The letter as a PDF (issue 13): named by kind and dossier number, never the name; a real document.
  const pdfDownload = page.waitForEvent('download');
  await page.getByTestId('letter-decision').locator('xpath=..').getByTestId('letter-pdf').click();
  const pdf = await pdfDownload;
  assert.match(pdf.suggestedFilename(), /^brief-besluit-[A-Z0-9-]+-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdfDir = await mkdtemp(join(tmpdir(), 'dk-letter-'));
  try {
    const file = join(pdfDir, pdf.suggestedFilename());
    await pdf.saveAs(file);
    const pdfWords = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(pdfWords, /Onderwerp:/);
    assert.match(pdfWords, /Autoriteit Persoonsgegevens/);
    assert.match(pdfWords, /pagina 1 van \d/);
  } finally {
    await rm(pdfDir, { recursive: true, force: true });
  }
  // And Ctrl+P on the page prints its content without navigation or buttons.
  const screen = await printedPdf(page);
  assert.ok(!screen.text.includes('Deelnemers') && !screen.text.includes('Termijn verlengen'), 'the page prints the app around it');

  // The dashboard updated: the request is answered, no longer overdue.
  await page.getByRole('link', { name: 'Verzoeken' }).click();
  await row.waitFor();
  await row.getByText('Beantwoord', { exact: true }).waitFor();
  assert.equal(await row.getAttribute('data-urgency'), 'answered');
  assert.equal(await page.getByTestId('count-inzage').getByTestId('count-overdue').count(), 0);
  await screenshot(page, 'req-05-dashboard-beantwoord');

  // Carried out and closed: gone from the open requests.
  await row.getByRole('link').click();
  await confirmDialog(page, 'Besluit uitvoeren');
  await page.getByText(/Uitgevoerd op/).waitFor();
  await confirmDialog(page, 'Verzoek sluiten');
  await page.getByTestId('request-status').getByText('Gesloten').waitFor();
  await page.getByRole('link', { name: 'Verzoeken' }).click();
  await page.getByTestId('requests-empty').waitFor();

  assert.deepEqual(failures, [], `axe found serious or critical violations:\n${failures.join('\n')}`);
}

/** Calls the API as the signed-in user, the way the app does in browser mode (for seeding data). */
export async function api(page, name, input) {
  return page.evaluate(async ([op, body]) => {
    const res = await fetch(`/api/${encodeURIComponent(op)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Dossierkluis-Csrf': sessionStorage.getItem('dossierkluis.csrf') ?? '' },
      body: JSON.stringify(body),
    });
    const r = await res.json();
    if (!r.ok) throw new Error(`${op}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }, [name, input]);
}

/** (b) a granted correction is applied to the dossier and shows the recipients to notify. */
async function correctionFlow({ page }) {
  const failures = [];
  await setUp(page);
  // Seed the disclosure register (issue 4): the UWV received the city, the municipality only the birth date.
  const participantId = Number(/#\/dossiers\/(\d+)/.exec(page.url())[1]);
  const recipient = (name, kind) => api(page, 'recipients.create', { name, kind, agreementReference: `OVK-${kind}`, agreementDate: isoDay(-400) });
  const uwv = await recipient('UWV Zwolle', 'uwv');
  const municipality = await recipient('Gemeente Deventer', 'municipality');
  const disclose = (recipientId, fields) => api(page, 'disclosures.record', {
    participantId, recipientId, disclosedOn: isoDay(-30), purpose: 'reintegration', channel: 'secureEmail',
    items: { fields }, basis: { kind: 'legalDuty', duty: 'Wet SUWI art. 30c: verstrekking aan UWV en gemeente' },
  });
  await disclose(uwv.id, ['city']);
  await disclose(municipality.id, ['birthDate']);
  await registerRequest(page, {
    search: 'Bos', type: 'Correctie', receivedOn: isoDay(0), description: 'Mijn woonplaats klopt niet: ik woon in Zwolle.',
    changes: [{ field: 'Woonplaats', value: 'Zwolle' }], shoot: 'req-00-nieuw-verzoek-correctie',
  });
  const change = page.getByTestId('change-row').first();
  await change.getByText('zichtbaar na vaststelling van de identiteit').waitFor();
  await verifyIdentity(page);
  await change.getByText('Deventer').waitFor();
  await page.getByTestId('notify-preview').getByText(/UWV Zwolle/).waitFor();

  const decide = page.getByTestId('decide-form');
  await decide.locator('label').filter({ hasText: /^Toegekend$/ }).first().click();
  assert.equal(await decide.getByRole('radio', { name: 'Toegekend', exact: true }).last().isChecked(), true, 'the outcome follows the decisions per change');
  await confirmDialog(page, 'Besluit vastleggen');
  await page.getByTestId('decision-done').waitFor();
  await confirmDialog(page, 'Besluit uitvoeren');
  await change.getByText(/Doorgevoerd op/).waitFor();

  // R24: exactly the recipient that received the corrected city gets a notification with a letter.
  const panel = page.getByTestId('notify-panel');
  const notification = panel.getByTestId('notification');
  await notification.first().waitFor();
  assert.equal(await notification.count(), 1, 'only the UWV received the city');
  assert.match(await notification.textContent(), /UWV Zwolle/);
  assert.doesNotMatch(await panel.textContent(), /Gemeente Deventer/);
  assert.match(await notification.getByTestId('notification-letter').textContent(), /Zwolle/);
  assert.equal((await notification.getByTestId('notification-status').textContent()).trim(), 'Nog te versturen');
  await checkAxe(page, 'correctie (uitgevoerd)', failures);
  await screenshot(page, 'req-06-correctie-ontvangers', { fullPage: true });
  // Closing waits until every notification is handled.
  await confirmDialog(page, 'Verzoek sluiten');
  await page.getByTestId('form-error').getByText(/meldingen aan eerdere ontvangers open/).waitFor();
  await notification.getByRole('button', { name: 'Markeren als verstuurd' }).click();
  await notification.getByTestId('notification-status').getByText('Verstuurd').waitFor();

  await confirmDialog(page, 'Verzoek sluiten');
  await page.getByTestId('request-status').getByText('Gesloten').waitFor();
  // The dossier has the corrected value; the old one is in the history.
  await page.getByRole('link', { name: 'Karel Bos' }).click();
  await page.getByTestId('dossier-name').filter({ hasText: 'Karel Bos' }).waitFor();
  await page.getByText('Zwolle', { exact: true }).waitFor();
  await page.getByRole('tab', { name: /^Geschiedenis/ }).click();
  await page.getByText('Deventer').first().waitFor();
  // The dossier's Verzoeken tab lists the closed request too, and links to it.
  await page.getByRole('tab', { name: 'Verzoeken' }).click();
  const listed = page.getByTestId('dossier-request-row');
  await listed.first().waitFor();
  assert.equal(await listed.count(), 1, 'one request for this participant');
  await listed.getByText('Gesloten', { exact: true }).waitFor();
  await checkAxe(page, 'dossier (verzoeken)', failures);
  await assertFitsWithoutTruncation(page, 'dossier of the administration');
  await screenshot(page, 'req-11-dossier-verzoeken');
  await listed.getByRole('link', { name: /^Verzoek \d+ openen: Correctie/ }).click();
  await page.getByTestId('request-title').waitFor();
  assert.match(page.url(), /#\/requests\/\d+$/);

  // An objection recorded in the consent tab belongs to the open 'verzet' request (R27).
  await registerRequest(page, { search: 'Bos', type: 'Verzet', receivedOn: isoDay(0), description: 'Geen gegevens meer naar het UWV.' });
  const verzetUrl = page.url();
  await page.getByRole('link', { name: 'Karel Bos' }).click();
  await page.getByRole('tab', { name: /^Toestemming/ }).click();
  await page.getByRole('button', { name: 'Verzet vastleggen' }).click();
  const od = page.getByRole('dialog', { name: 'Verzet vastleggen' });
  await label(od, 'Tegen verstrekking aan').click();
  await page.getByRole('option', { name: 'UWV Zwolle' }).click();
  await od.locator('.mantine-Modal-title').click();
  await label(od, 'Omstandigheden volgens de deelnemer').fill('Conflict met de werkgever; de deelnemer wil niet dat het UWV nog gegevens krijgt.');
  await label(od, 'Hoort bij verzoek (optioneel)').click();
  await page.getByRole('option', { name: /^Verzoek \d+: verzet, ontvangen/ }).click();
  await checkAxe(page, 'verzet met verzoek', failures);
  await screenshot(page, 'req-12-verzet-bij-verzoek');
  await od.getByRole('button', { name: 'Verzet opslaan' }).click();
  await od.waitFor({ state: 'detached' });
  await page.getByTestId('objection-request').click();
  await page.getByTestId('request-title').waitFor();
  assert.equal(page.url(), verzetUrl, 'the objection links to its request');
  assert.deepEqual(failures, [], `axe found serious or critical violations:\n${failures.join('\n')}`);
}

/** (c) own statement next to its entry, flagged; a restriction placed and lifted with confirmation. */
async function statementsAndRestriction({ page }) {
  const failures = [];
  await setUp(page, { firstName: 'Ilse', lastName: 'Vries', city: 'Zwolle' });
  await addEntry(page, 'Gesprek met werkgever', 'Werkgever vertelt over verzuim in maart.');
  const entry = page.getByTestId('journal-entry').filter({ hasText: 'Gesprek met werkgever' });

  await entry.getByRole('button', { name: 'Eigen verklaring vastleggen bij Gesprek met werkgever' }).click();
  const sd = page.getByRole('dialog');
  await sd.getByTestId('statement-text').fill('Ik was in maart ziek gemeld met een doktersverklaring; dat staat er niet bij.');
  await sd.getByRole('button', { name: 'Eigen verklaring vastleggen' }).click();
  await sd.waitFor({ state: 'detached' });
  await entry.getByTestId('statement-flag').waitFor();
  await entry.getByTestId('own-statement').getByText(/doktersverklaring/).waitFor();

  await page.getByRole('button', { name: 'Beperking plaatsen' }).click();
  const rd = page.getByRole('dialog');
  await combo(rd, 'Welke gegevens').click();
  await page.getByRole('option', { name: /Gesprek met werkgever/ }).click();
  await page.keyboard.press('Escape');
  await rd.getByTestId('restriction-reason').fill('Betrokkene betwist de juistheid van dit verslag.');
  await rd.getByRole('button', { name: 'Beperking plaatsen' }).click();
  await rd.getByText(/Weet u zeker/).waitFor();
  await rd.getByRole('button', { name: 'Ja, doorgaan' }).click();
  await rd.waitFor({ state: 'detached' });
  await page.getByTestId('restriction-banner').waitFor();
  await entry.getByTestId('restricted-flag').waitFor();
  await checkAxe(page, 'dossier met eigen verklaring en beperking', failures);
  await screenshot(page, 'req-07-eigen-verklaring-beperking');

  await page.getByTestId('restriction-banner').getByRole('button', { name: 'Beperking opheffen' }).click();
  const ld = page.getByRole('dialog');
  await ld.getByTestId('restriction-reason').fill('Het verslag is aangevuld met de eigen verklaring.');
  await ld.getByRole('button', { name: 'Beperking opheffen' }).click();
  await ld.getByRole('button', { name: 'Ja, doorgaan' }).click();
  await ld.waitFor({ state: 'detached' });
  await page.getByTestId('restriction-banner').waitFor({ state: 'detached' });
  assert.equal(await entry.getByTestId('restricted-flag').count(), 0);
  // The statement stays, and offers no way to edit or delete it.
  await entry.getByTestId('own-statement').waitFor();
  assert.equal(await entry.getByTestId('own-statement').getByRole('button').count(), 0);
  assert.deepEqual(failures, [], `axe found serious or critical violations:\n${failures.join('\n')}`);
}

/** (d) the policy page: a term changed by the privacy officer is used for the next request. */
async function policySettings({ page }) {
  const failures = [];
  await firstRun(page);
  await signIn(page, 'beheer');
  // Privacy settings are the privacy officer's, not the technical administrator's (issue 12).
  assert.equal(await page.getByRole('link', { name: 'Beleid en termijnen' }).count(), 0);
  await createUser(page, { displayName: 'Pia Privacy', username: 'pia', role: 'Medewerker privacy' });
  await signOut(page);
  await signIn(page, 'pia');
  await page.getByRole('link', { name: 'Beleid en termijnen' }).click();
  await page.getByRole('heading', { name: 'Beleid en termijnen', level: 1 }).waitFor();
  assert.equal((await page.getByTestId('policy-state').textContent()).trim(), 'Zoals het uitgangspunt');
  await page.getByRole('textbox', { name: 'Aantal voor Inzage' }).fill('3');
  await page.getByLabel('Elk jaar vrij').check();
  await page.getByLabel('Goede Vrijdag is vrij').check();
  // Issue 13: the place for the date line of letters is an organisation setting here.
  await page.getByRole('textbox', { name: 'Plaats' }).fill('Deventer');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByTestId('policy-state').getByText('Aangepast').waitFor();
  await checkAxe(page, 'beleid', failures);
  await screenshot(page, 'req-08-beleid');
  await page.reload();
  await page.getByRole('heading', { name: 'Beleid en termijnen', level: 1 }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Aantal voor Inzage' }).inputValue(), '3');
  assert.equal(await page.getByLabel('Goede Vrijdag is vrij').isChecked(), true);
  assert.equal(await page.getByRole('textbox', { name: 'Plaats' }).inputValue(), 'Deventer');
  assert.deepEqual(failures, [], `axe found serious or critical violations:\n${failures.join('\n')}`);
}

/** (e) R32/R23 in the screens: a refusal needs reasons, an exception needs the board's decision first. */
async function boardException({ page }) {
  const failures = [];
  await firstRun(page);
  await signIn(page, 'beheer');
  await createUser(page, { displayName: 'Bram Administratie', username: 'bram', role: 'Administratie' });
  await createUser(page, { displayName: 'Bea Bestuur', username: 'bea', role: 'Bestuur' });
  await createUser(page, { displayName: 'Pim Privacy', username: 'pim', role: 'Medewerker privacy' });
  await signOut(page);
  await signIn(page, 'bram');
  await createParticipant(page, { firstName: 'Karel', lastName: 'Bos', city: 'Deventer' });
  await registerRequest(page, { search: 'Bos', type: 'Afschrift', receivedOn: isoDay(0), description: 'Graag een kopie van mijn dossier.' });
  await verifyIdentity(page);
  const decide = page.getByTestId('decide-form');
  await decide.getByRole('radio', { name: 'Afgewezen', exact: true }).check();
  await confirmDialog(page, 'Besluit vastleggen');
  await decide.getByTestId('form-error').getByText(/moet de redenen noemen/).waitFor();
  await label(decide, 'Redenen').fill('Lopend strafrechtelijk onderzoek naar de werkgever.');
  await decide.getByLabel(/uitzondering op het recht/).check();
  await confirmDialog(page, 'Besluit vastleggen');
  await decide.getByTestId('form-error').getByText(/besluit van het bestuur/).waitFor();
  const url = page.url();
  assert.equal(await page.getByRole('button', { name: 'Zelf behandelen' }).count(), 0, 'the handler has nothing to take over');
  await signOut(page);

  // A colleague who may handle requests takes it over (requests.assign); bram goes on with it below.
  await signIn(page, 'pim');
  await page.goto(url);
  await page.getByTestId('request-handler').getByText('Bram Administratie').waitFor();
  await page.getByRole('button', { name: 'Zelf behandelen' }).click();
  await page.getByTestId('request-handler').getByText('Pim Privacy').waitFor();
  await screenshot(page, 'req-13-zelf-behandelen');
  assert.equal(await page.getByRole('button', { name: 'Zelf behandelen' }).count(), 0);
  // …and hands it back to bram through the list of users who may handle requests (requests.handlers).
  await combo(page, 'Andere behandelaar').click();
  assert.equal(await page.getByRole('option', { name: 'Bea Bestuur' }).count(), 0, 'the board is no handler');
  await page.getByRole('option', { name: 'Bram Administratie' }).click();
  await page.getByTestId('request-handler').getByText('Bram Administratie').waitFor();
  await signOut(page);

  // The board records its decision on a ground from FT 4.4f.
  await signIn(page, 'bea');
  await page.goto(url);
  await page.getByTestId('request-title').waitFor();
  assert.equal(await page.getByTestId('decide-form').count(), 0, 'the board does not decide the request itself');
  assert.equal(await page.getByRole('button', { name: 'Zelf behandelen' }).count(), 0, 'the board does not handle requests');
  await combo(page, 'Grond').click();
  await page.getByRole('option', { name: 'Voorkoming, opsporing en vervolging van strafbare feiten' }).click();
  await label(page, 'Besluit van het bestuur').fill('Uitzondering op het afschrift zolang het onderzoek loopt.');
  await page.getByRole('button', { name: 'Bestuursbesluit vastleggen' }).click();
  await page.getByTestId('board-decision').waitFor();
  await checkAxe(page, 'verzoek (bestuur)', failures);
  await screenshot(page, 'req-09-bestuursbesluit', { fullPage: true });
  await signOut(page);

  await signIn(page, 'bram');
  await page.goto(url);
  const form = page.getByTestId('decide-form');
  await form.getByRole('radio', { name: 'Afgewezen', exact: true }).check();
  await label(form, 'Redenen').fill('Lopend strafrechtelijk onderzoek naar de werkgever.');
  await form.getByLabel(/uitzondering op het recht/).check();
  await confirmDialog(page, 'Besluit vastleggen');
  await page.getByTestId('decision-done').getByText('Uitzondering op grond van een bestuursbesluit.').waitFor();
  await page.getByRole('tab', { name: 'Besluit' }).click();
  await page.getByTestId('letter-decision').getByText(/Autoriteit Persoonsgegevens/).waitFor();
  // English.
  await page.getByText('EN', { exact: true }).click();
  await page.getByRole('heading', { name: 'Request for copy' }).waitFor();
  await checkAxe(page, 'request (en)', failures);
  await page.getByText('NL', { exact: true }).click();
  assert.deepEqual(failures, [], `axe found serious or critical violations:\n${failures.join('\n')}`);
}

/** (f) R28: a verwijdering names a journal entry to erase, on an erasure ground, without a value; the request lists it. */
/** A verwijdering on its request page: identity verified, granted in full, carried out; waits until the item says so. */
async function grantAndCarryOut(page, row) {
  await verifyIdentity(page);
  const decide = page.getByTestId('decide-form');
  await decide.locator('label').filter({ hasText: /^Toegekend$/ }).first().click();
  await confirmDialog(page, 'Besluit vastleggen');
  await page.getByTestId('decision-done').waitFor();
  await confirmDialog(page, 'Besluit uitvoeren');
  await row.first().getByText(/Doorgevoerd op/).waitFor();
}

async function erasureIntake({ page }) {
  await setUp(page, { firstName: 'Sanne', lastName: 'Kok', city: 'Almelo' });
  await addEntry(page, 'Gesprek over schulden', 'Betrokkene vertelt over een oude schuld.');
  await registerRequest(page, {
    search: 'Sanne', type: 'Verwijdering', receivedOn: isoDay(0), description: 'Verwijder het verslag over mijn schulden.',
    more: async (p) => {
      await p.getByRole('button', { name: 'Onderdeel toevoegen' }).click();
      const item = p.getByTestId('intake-erasure-item').first();
      await item.getByRole('radio', { name: 'Journaalregel' }).check();
      await combo(item, 'Journaalregel').click();
      await p.getByRole('option', { name: /^Gesprek over schulden — \d{2}-\d{2}-\d{4}$/ }).click();
      await combo(item, 'Waarom').click();
      await p.getByRole('option', { name: 'Niet ter zake dienend', exact: true }).click();
      assert.equal(await item.getByLabel(/nieuwe (waarde|tekst)/i).count(), 0, 'an erasure item has no value field');
    },
  });
  const row = page.getByTestId('change-row');
  assert.equal(await row.count(), 1, 'the request lists the one item');
  assert.match(await row.first().innerText(), /Journaalregel \d+[\s\S]*Niet ter zake dienend/);

  // Granted and carried out (R28): the entry is gone from the journal, the rest of the dossier stays.
  await grantAndCarryOut(page, row);
  await page.getByRole('link', { name: 'Sanne Kok' }).click();
  await page.getByTestId('dossier-name').filter({ hasText: 'Sanne Kok' }).waitFor();
  await page.getByRole('tab', { name: 'Journaal (0)' }).click();
  await page.getByText('Er staan nog geen journaalregels in dit dossier.').waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /Gesprek over schulden/);
  await page.getByRole('tab', { name: 'Persoonsgegevens' }).click();
  await page.getByText('Almelo', { exact: true }).waitFor();
}

/** R29 from the screens: "vergetelheid" anonymises the dossier; nothing leads back to the person afterwards. */
async function forgetIntake({ page }) {
  const failures = [];
  await setUp(page, { firstName: 'Wieke', lastName: 'Verhoef', city: 'Zwolle' });
  await addEntry(page, 'Gesprek over werk', 'Betrokkene vertelt over haar ziekte.');
  await registerRequest(page, {
    search: 'Wieke', type: 'Verwijdering', receivedOn: isoDay(0), description: 'Ik wil dat u alles over mij vergeet.',
    more: async (p) => {
      await p.getByTestId('intake-forget').check();
      await p.getByTestId('intake-forget-note').waitFor();
      assert.equal(await p.getByRole('button', { name: 'Onderdeel toevoegen' }).count(), 0, 'the whole dossier stands alone: no items next to it');
    },
  });
  const row = page.getByTestId('change-row');
  assert.match(await row.first().innerText(), /Het hele dossier/);
  await grantAndCarryOut(page, row);
  const main = await page.locator('main').innerText();
  assert.doesNotMatch(main, /Wieke|Verhoef/, 'the request page no longer names the person');
  await checkAxe(page, 'verzoek na vergetelheid', failures);

  // The participants list: the name, the place and the old dossier number find nothing.
  await page.getByRole('link', { name: 'Deelnemers' }).click();
  const search = page.getByPlaceholder('Naam, dossiernummer of woonplaats', { exact: true });
  for (const term of ['Wieke', 'Verhoef', 'Zwolle']) {
    await search.fill(term);
    await page.getByText('Geen deelnemers gevonden voor deze zoekopdracht.').waitFor();
  }
  await search.fill('Geanonimiseerd');
  await page.getByTestId('list-row').filter({ hasText: 'Geanonimiseerd' }).click();
  await page.getByTestId('dossier-name').waitFor();
  const dossier = await page.locator('main').innerText();
  assert.match(dossier, /AN-[0-9A-F]{16}/, 'the dossier has a number that leads to no one');
  assert.match(dossier, /Geboortedatum 1984(?![-\d])/, 'only the birth year is left, and shown as a year');
  assert.doesNotMatch(dossier, /01-01-1984|17-05-1984/);
  assert.doesNotMatch(dossier, /Wieke|Verhoef|Zwolle|ziekte|Gesprek over werk/);
  assert.deepEqual(failures, [], `axe found serious or critical violations:\n${failures.join('\n')}`);
}

export const specs = [
  { name: '(req-a) inzage: intake, identity, decision; the deadline dashboard updates', run: inzageFlow },
  { name: '(req-b) a granted correction is applied and shows the recipients to notify; the dossier lists its requests; an objection links to its verzet request', run: correctionFlow },
  { name: '(req-c) own statement next to its entry; restriction placed and lifted', run: statementsAndRestriction },
  { name: '(req-d) policy terms and holidays are saved', run: policySettings },
  { name: '(req-e) a refusal needs reasons; an exception needs the board decision first', run: boardException },
  { name: '(req-f) a verwijdering names the journal entry to erase and its ground; granted and carried out, the entry is gone (R28)', run: erasureIntake },
  { name: '(req-g) vergetelheid: the whole dossier is anonymised from the request page; name, place and journal are gone, the dossier has a number that leads to no one (R29)', run: forgetIntake },
];
