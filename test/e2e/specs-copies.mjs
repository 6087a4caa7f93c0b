// E2E spec for issue 10: the participant's copy made in browser mode after a granted inzage,
// downloaded, and opened the way the participant would: with the passphrase (qpdf decrypts,
// pdftotext reads; poppler's own `-upw` keeps only 32 characters of a password, too few for an
// AES-256 passphrase), and not at all without it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAxe, screenshot } from './harness.mjs';
import { api, confirmDialog, isoDay, registerRequest, setUp, verifyIdentity } from './specs-requests.mjs';

/** The text of an encrypted PDF opened with its passphrase. */
function pdfText(file, passphrase) {
  const plain = `${file}.plain.pdf`;
  execFileSync('qpdf', [`--password=${passphrase}`, '--decrypt', file, plain], { stdio: 'pipe' });
  return execFileSync('pdftotext', ['-enc', 'UTF-8', plain, '-'], { encoding: 'utf8' });
}

async function inzageCopy({ page }) {
  const failures = [];
  const dossierNumber = await setUp(page, { firstName: 'Zoë', lastName: 'Bakker', city: 'IJsselstein' });
  const participantId = Number(/#\/dossiers\/(\d+)/.exec(page.url())[1]);
  const recipient = await api(page, 'recipients.create', { name: 'UWV Utrecht', kind: 'uwv', agreementReference: 'OVK-uwv', agreementDate: isoDay(-400) });
  await api(page, 'disclosures.record', {
    participantId, recipientId: recipient.id, disclosedOn: isoDay(-30), purpose: 'reintegration', channel: 'secureEmail',
    items: { fields: ['city'] }, basis: { kind: 'legalDuty', duty: 'Wet SUWI art. 30c' },
  });
  await registerRequest(page, { search: 'Bakker', type: 'Inzage', receivedOn: isoDay(0), description: 'Ik wil een kopie van mijn dossier.' });
  await verifyIdentity(page);
  // The request's content view shows what the copy will hold, from the same function (item 4).
  await page.getByRole('button', { name: 'Dossierinhoud tonen' }).click();
  const content = page.getByTestId('request-content');
  await content.getByRole('heading', { name: 'Ontvangers (verstrekkingenregister)' }).waitFor();
  await content.getByRole('cell', { name: 'UWV Utrecht' }).waitFor();
  await content.getByText('IJsselstein', { exact: true }).waitFor();
  await content.getByRole('heading', { name: 'Machtigingen' }).waitFor();
  await checkAxe(page, 'inhoud van de kopie', failures);
  await screenshot(page, '32-inhoud-kopie', { fullPage: true });
  const decide = page.getByTestId('decide-form');
  await decide.getByRole('radio', { name: 'Toegekend', exact: true }).check();
  await confirmDialog(page, 'Besluit vastleggen');
  await page.getByTestId('decision-done').waitFor();

  // Hold the answer back a moment, so the progress a large dossier shows can be seen and checked.
  await page.route('**/api/copies.make', async (route) => {
    const response = await route.fetch();
    await new Promise((r) => setTimeout(r, 1500));
    await route.fulfill({ response });
  });
  await page.getByRole('heading', { name: 'Kopie maken' }).scrollIntoViewIfNeeded();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('copy-make').click();
  await page.getByRole('progressbar', { name: 'Voortgang van de kopie' }).waitFor();
  await page.getByTestId('copy-progress').getByText('De kopie wordt gemaakt').waitFor();
  await checkAxe(page, 'kopie wordt gemaakt', failures);
  const download = await downloading;
  assert.equal(download.suggestedFilename(), `dossier-${dossierNumber}-${isoDay(0)}.pdf`, 'the file is named by dossier number and date, never the name');
  const passphrase = (await page.getByTestId('copy-passphrase-value').textContent()).trim();
  assert.match(passphrase, /^([a-z]+-){6}\d{5}$/);
  await page.getByTestId('copy-passphrase').getByRole('button', { name: 'Kopieer wachtwoord' }).waitFor();
  await page.getByTestId('copy-passphrase').getByText(/via een ander kanaal dan het bestand/).waitFor();
  const listed = page.getByTestId('copy-list').getByRole('row').nth(1);
  await listed.getByText(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/).waitFor();
  await listed.getByText('Bram Administratie').waitFor();
  await checkAxe(page, 'kopie gemaakt', failures);
  await screenshot(page, '31-kopie-gemaakt', { fullPage: true });

  const dir = await mkdtemp(join(tmpdir(), 'dk-e2e-copy-'));
  try {
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const text = pdfText(file, passphrase).replace(/\s+/g, ' ');
    for (const expected of ['Re-integratie Oost', `Dossiernummer: ${dossierNumber}`, 'Uw verzoek om inzage', 'Zoë', 'Bakker', 'IJsselstein', 'UWV Utrecht', 'wettelijke plicht (Wet SUWI art. 30c)',
      'Bewaartermijn', 'Bron van de gegevens', 'Uw rechten', 'Postbus 93374 2509 AJ Den Haag', 'door: administratie (Re-integratie Oost)', `Dossier ${dossierNumber} ·`]) {
      assert.ok(text.includes(expected), `the copy says "${expected}"`);
    }
    assert.ok(!text.includes('Bram Administratie'), 'no staff names by default');
    // Without the passphrase, or with a wrong one, the PDF does not open.
    assert.notEqual(spawnSync('pdftotext', [file, '-'], { stdio: 'pipe' }).status, 0, 'pdftotext without a password fails');
    assert.notEqual(spawnSync('pdftotext', ['-upw', 'appel-brug-kaars', file, '-'], { stdio: 'pipe' }).status, 0, 'pdftotext with a wrong password fails');
    assert.notEqual(spawnSync('qpdf', ['--decrypt', file, join(dir, 'no.pdf')], { stdio: 'pipe' }).status, 0, 'qpdf without the password fails');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.deepEqual(failures, [], `axe found serious or critical violations:\n${failures.join('\n')}`);
}

export const specs = [
  { name: '(copy-a) inzage: a PDF copy downloaded in browser mode opens with the passphrase only and holds the dossier', run: inzageCopy },
];
