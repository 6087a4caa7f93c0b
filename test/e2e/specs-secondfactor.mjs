// E2E spec for issue 12, finding 8 (R08): a user sets up the second factor from the header,
// keeps the recovery codes, and from then on signs in with password and code. The code is made
// here as an authenticator app makes it, from the key the enrolment screen shows.
import assert from 'node:assert/strict';
import { Secret, TOTP } from 'otpauth';
import { PASSWORD, checkAxe, firstRun, label, screenshot, signIn, signOut, startWithPrivacyOfficer } from './harness.mjs';

const codeFor = (secret, offsetSteps = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + offsetSteps * 30_000 });

async function enrolAndSignInWithCode({ page }) {
  const failures = [];
  await firstRun(page);
  await signIn(page, 'beheer');
  await page.getByRole('button', { name: 'Tweede factor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tweede factor (authenticator-app)' });
  await dialog.getByText('Niet ingesteld.', { exact: false }).waitFor();
  await dialog.getByRole('button', { name: 'Instellen' }).click();
  await dialog.getByRole('img', { name: 'QR-code om Dossierkluis aan de authenticator-app toe te voegen' }).waitFor();
  const secret = (await dialog.getByTestId('totp-secret').textContent()).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/, 'the key is shown for typing');
  await screenshot(page, '12-tweede-factor-instellen');
  await checkAxe(page, 'second-factor enrolment', failures);
  await label(dialog, 'Code uit de app').fill(codeFor(secret));
  await label(dialog, 'Uw wachtwoord (ter bevestiging)').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Instellen' }).click();
  await dialog.getByTestId('totp-recovery-codes').waitFor({ timeout: 20_000 });
  const codes = (await dialog.getByTestId('totp-recovery-codes').locator('li').allTextContents()).map((c) => c.trim());
  assert.equal(codes.length, 8, 'eight recovery codes are shown');
  const next = dialog.getByRole('button', { name: 'Verder' });
  assert.equal(await next.isDisabled(), true, 'cannot continue before confirming the codes are stored');
  await label(dialog, 'Ik heb de herstelcodes veilig bewaard').check();
  await next.click();
  await dialog.waitFor({ state: 'detached' });
  await signOut(page);

  // Password, then the code step (keyboard only: type and press Enter).
  await label(page, 'Gebruikersnaam').fill('beheer');
  await label(page, 'Wachtwoord').fill(PASSWORD);
  await label(page, 'Wachtwoord').press('Enter');
  await page.getByRole('heading', { name: 'Tweede stap' }).waitFor();
  const input = label(page, 'Code uit de app');
  assert.equal(await input.getAttribute('autocomplete'), 'one-time-code');
  assert.equal(await input.getAttribute('inputmode'), 'numeric');
  await screenshot(page, '13-tweede-stap');
  await checkAxe(page, 'second-factor code step', failures);
  await input.fill('000000');
  await input.press('Enter');
  await page.getByText('De code is onjuist of verlopen.').waitFor();
  // The enrolment used the current step; the next one is new (one step of drift is accepted).
  await input.fill(codeFor(secret, 1));
  await input.press('Enter');
  await page.getByRole('button', { name: 'Afmelden' }).waitFor();

  // A recovery code instead of the app.
  await signOut(page);
  await label(page, 'Gebruikersnaam').fill('beheer');
  await label(page, 'Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('button', { name: 'Telefoon niet bij de hand? Gebruik een herstelcode' }).click();
  await label(page, 'Herstelcode (bijvoorbeeld ABCD-EFGH-JKLM)').fill(codes[0]);
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await page.getByRole('button', { name: 'Afmelden' }).waitFor();
  assert.deepEqual(failures, [], failures.join('\n'));
}

/** The policy requires a second factor: the next sign-in goes through enrolment before anything else. */
async function enrolAtSignIn({ page }) {
  const failures = [];
  // Privacy settings are the privacy officer's, not the technical administrator's (finding 5).
  await startWithPrivacyOfficer(page);
  await page.getByRole('link', { name: 'Beleid en termijnen' }).click();
  await page.getByRole('heading', { name: 'Beleid en termijnen', level: 1 }).waitFor();
  await page.getByLabel('Tweede factor verplicht bij aanmelden (authenticator-app)').check();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByTestId('policy-state').getByText('Aangepast').waitFor();
  await signOut(page);
  await label(page, 'Gebruikersnaam').fill('pia');
  await label(page, 'Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('heading', { name: 'Tweede factor instellen' }).waitFor();
  const secret = (await page.getByTestId('totp-secret').textContent()).replace(/\s/g, '');
  assert.equal(await page.getByRole('button', { name: 'Afmelden' }).count(), 0, 'not signed in before enrolment');
  await screenshot(page, '14-tweede-factor-verplicht');
  await checkAxe(page, 'enrolment at sign-in', failures);
  await label(page, 'Code uit de app').fill(codeFor(secret));
  await page.getByRole('button', { name: 'Instellen' }).click();
  await page.getByTestId('totp-recovery-codes').waitFor({ timeout: 20_000 });
  await label(page, 'Ik heb de herstelcodes veilig bewaard').check();
  await page.getByRole('button', { name: 'Verder' }).click();
  await page.getByRole('button', { name: 'Afmelden' }).waitFor();
  assert.deepEqual(failures, [], failures.join('\n'));
}

export const specs = [
  { name: '(2fa-a) second factor: enrol from the header with QR code and recovery codes, then sign in with a code or a recovery code', run: enrolAndSignInWithCode },
  { name: '(2fa-b) second factor required by the policy: enrolment right after the password, before anything else', run: enrolAtSignIn },
];
