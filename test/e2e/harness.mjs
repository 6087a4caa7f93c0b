// E2E harness: a fresh vault and browser-mode server per spec, one shared Chromium, and the
// user flows the specs share (first run, sign in, create a user). Selectors use what a user
// sees: Dutch labels and button names.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { DOC_SHOTS, assertPageFits } from './fit.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SHOTS = join(ROOT, 'test-results', 'screenshots');
export const PASSWORD = 'correct-horse-battery';
/** What the administrator gives a new user; the user replaces it at the first sign-in (issue 12). */
export const TEMPORARY_PASSWORD = 'tijdelijk-van-beheer';
const temporary = new Map();

/** The bundled CLI that users run (scripts/e2e.mjs builds it first). */
export const BUNDLE = join(ROOT, 'dist-cli', 'dossierkluis.mjs');

/**
 * Starts the bundle's `dossierkluis serve` on a fresh temp vault (or on `vault`, one a previous
 * server of the same spec left); resolves once it printed its URL. `shiftDays`: the server's clock
 * runs that many days ahead (test/e2e/shifted-clock.mjs), the product has no clock setting.
 */
export async function startServer({ vault: existing = null, shiftDays = 0 } = {}) {
  const vault = existing ?? await mkdtemp(join(tmpdir(), 'dk-e2e-'));
  const preload = shiftDays ? ['--import', pathToFileURL(join(ROOT, 'test/e2e/shifted-clock.mjs')).href] : [];
  const child = spawn(process.execPath, [...preload, BUNDLE, 'serve', '--vault', vault, '--port', '0'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, BROWSER: 'none', ...(shiftDays ? { DK_E2E_SHIFT_DAYS: String(shiftDays) } : {}) },
  });
  let output = '';
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not print its URL within 30 s:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk.toString();
      // The printed address carries a one-time code, exchanged by the page for a session cookie.
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#code=[A-Za-z0-9_-]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before printing its URL:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    vault,
    output: () => output,
    /** A fresh one-time address, as Enter in the server's window gives (for a new tab). */
    async newAddress() {
      const seen = output.length;
      child.stdin.write('\n');
      for (let i = 0; i < 100; i++) {
        const m = /Nieuw adres \(één keer te gebruiken\): (http:\/\/127\.0\.0\.1:\d+\/#code=[A-Za-z0-9_-]+)/.exec(output.slice(seen));
        if (m) return m[1];
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the server printed no new address:\n${output.slice(seen)}`);
    },
    async stop({ keepVault = false } = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      if (!keepVault) await rm(vault, { recursive: true, force: true });
    },
  };
}

/** Opens a fresh server and page for one spec. */
export async function openApp(browser) {
  const server = await startServer();
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true, locale: 'nl-NL' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(server.url);
  const app = {
    page,
    server,
    problems,
    /** The same vault served again by a new process, its clock `shiftDays` ahead; the page opens the new address. */
    async restartServer({ shiftDays }) {
      const { vault } = app.server;
      await app.server.stop({ keepVault: true });
      app.server = await startServer({ vault, shiftDays });
      await page.goto(app.server.url);
    },
    async close() {
      await context.close();
      await app.server.stop();
    },
  };
  return app;
}

/** An input by its visible label; Mantine marks required fields with an asterisk. */
export function label(scope, text) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

export async function screenshot(page, name, { fullPage = false } = {}) {
  await mkdir(SHOTS, { recursive: true });
  // A README screenshot is taken at 1366×768, once the screen is shown to fit it (issue 13).
  const doc = DOC_SHOTS.includes(name) || process.env.E2E_FIT === 'report';
  const before = page.viewportSize();
  if (doc) await assertPageFits(page, `screenshot ${name}`);
  await page.waitForTimeout(250); // let transitions settle
  // Toasts from earlier steps would cover the header in the picture.
  const hide = await page.addStyleTag({ content: '.mantine-Notifications-root { display: none !important; }' });
  // A whole long page: a taller window, since fixed header and menu break Chromium's fullPage capture.
  const size = page.viewportSize();
  if (fullPage && size) {
    await page.setViewportSize({ width: size.width, height: Math.min(6000, await page.evaluate(() => document.documentElement.scrollHeight)) });
    await page.waitForTimeout(200);
  }
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  if (fullPage && size) await page.setViewportSize(size);
  if (doc && before) await page.setViewportSize(before);
  await hide.evaluate((el) => el.remove());
}

/** First run through the wizard; ends on the sign-in screen. */
export async function firstRun(page, { organisation = 'Re-integratie Oost', admin = 'beheer', name = 'Bea Beheer', shoot = false } = {}) {
  await page.getByRole('heading', { name: 'Welkom bij Dossierkluis' }).waitFor();
  await label(page, 'Naam van de organisatie').fill(organisation);
  if (shoot) await screenshot(page, '01-eerste-start');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await label(page, 'Uw naam').fill(name);
  await label(page, 'Gebruikersnaam').fill(admin);
  await label(page, 'Wachtwoord').fill('kort');
  await page.getByText('Minstens 12 tekens (nu 4)').waitFor();
  await label(page, 'Wachtwoord').fill(PASSWORD);
  await label(page, 'Herhaal het wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Kluis aanmaken' }).click();
  const code = await page.getByTestId('recovery-code').textContent({ timeout: 30_000 });
  assert.ok(code && code.trim().length >= 10, 'a recovery code is shown');
  const next = page.getByRole('button', { name: 'Naar aanmelden' });
  assert.equal(await next.isDisabled(), true, 'cannot continue before confirming the recovery code is stored');
  if (shoot) await screenshot(page, '02-herstelcode');
  await label(page, 'Ik heb de herstelcode veilig bewaard').check();
  await next.click();
  await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
  return code.trim();
}

export async function signIn(page, username, password = PASSWORD) {
  await page.getByRole('heading', { name: /^(Aanmelden|Vergrendeld)$/ }).waitFor();
  await label(page, 'Gebruikersnaam').fill(username);
  const first = temporary.get(username);
  await label(page, 'Wachtwoord').fill(first ?? password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  if (first) {
    // A password the administrator set: the app shows only the password change, with who set it.
    await page.getByRole('heading', { name: 'Kies een eigen wachtwoord' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('password-notice').getByText(/aangemaakt door/).waitFor();
    await label(page, 'Tijdelijk wachtwoord').fill(first);
    await label(page, 'Nieuw wachtwoord').fill(password);
    await label(page, 'Herhaal het nieuwe wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    temporary.delete(username);
  }
  await page.getByRole('button', { name: 'Afmelden' }).waitFor({ timeout: 20_000 });
}

export async function signOut(page) {
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
}

/** As an administrator: creates a user through the user-management screen. */
export async function createUser(page, { displayName, username, role, password = TEMPORARY_PASSWORD }) {
  await page.getByRole('link', { name: 'Gebruikers' }).click();
  await page.getByRole('heading', { name: 'Gebruikers', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Nieuwe gebruiker' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nieuwe gebruiker' });
  await label(dialog, 'Naam').fill(displayName);
  await label(dialog, 'Gebruikersnaam').fill(username);
  await label(dialog, 'Rol').click();
  await page.getByRole('option', { name: role, exact: true }).click();
  await label(dialog, 'Eerste wachtwoord').fill(password);
  await dialog.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('row').filter({ hasText: username }).first().waitFor();
  temporary.set(username, password);
}

/**
 * First run, then the administrator creates a privacy officer (Pia Privacy, `pia`), who signs in
 * and replaces her temporary password; ends signed in as her.
 */
export async function startWithPrivacyOfficer(page) {
  await firstRun(page);
  await signIn(page, 'beheer');
  await createUser(page, { displayName: 'Pia Privacy', username: 'pia', role: 'Medewerker privacy' });
  await signOut(page);
  await signIn(page, 'pia');
}

/** 'YYYY-MM-DD' as a Dutch user types it: DD-MM-JJJJ. */
export function dutchDate(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

/**
 * Types a date the Dutch way into one of the app's date fields and checks that the field shows it
 * that way once it loses focus (issue 13: the native picker showed mm/dd/yyyy).
 */
export async function fillDate(scope, labelText, iso) {
  const input = label(scope, labelText);
  await input.fill(dutchDate(iso));
  await input.press('Tab');
  assert.equal(await input.inputValue(), dutchDate(iso), `${labelText} shows DD-MM-JJJJ`);
}

/** As a user with dossier.write: creates a participant and returns its dossier number. */
export async function createParticipant(page, { firstName, lastName, birthDate = '1984-05-17', city = 'Zwolle', medical = null }) {
  await page.getByRole('link', { name: 'Deelnemers' }).click();
  await page.getByRole('button', { name: 'Nieuwe deelnemer' }).click();
  await page.getByRole('heading', { name: 'Nieuwe deelnemer' }).waitFor();
  await label(page, 'Voornaam').fill(firstName);
  await label(page, 'Achternaam').fill(lastName);
  await fillDate(page, 'Geboortedatum', birthDate);
  await label(page, 'Woonplaats').fill(city);
  if (medical) await label(page, 'Medische gegevens').fill(medical);
  await page.getByRole('button', { name: 'Deelnemer aanmaken' }).click();
  await page.getByTestId('dossier-name').filter({ hasText: lastName }).waitFor();
  return (await page.getByTestId('dossier-number').textContent()).trim();
}

/** Runs axe on the page and collects serious or critical violations into `failures`. */
export async function checkAxe(page, what, failures) {
  await page.waitForTimeout(300); // let transitions settle, so colours are measured as shown
  const result = await new AxeBuilder({ page }).analyze();
  for (const v of result.violations) {
    if (v.impact === 'serious' || v.impact === 'critical') {
      const nodes = v.nodes.slice(0, 3).map((n) => `${n.html.slice(0, 160)} ${n.any[0]?.message ?? n.all[0]?.message ?? n.none[0]?.message ?? ''}`);
      failures.push(`${what}: ${v.id} (${v.impact}) ${v.help}\n      ${nodes.join('\n      ')}`);
    }
  }
}


/**
 * What printing the page gives: Chromium's PDF of the page under the print style, read back with
 * poppler (pages and text). The data is synthetic; the file goes to a temp folder that is removed.
 */
export async function printedPdf(page) {
  const pdf = await page.pdf({ format: 'A4' });
  const dir = await mkdtemp(join(tmpdir(), 'dk-print-'));
  try {
    const file = join(dir, 'print.pdf');
    await writeFile(file, pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    return { pages, text };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Clicks a print button with window.print stubbed (headless has no print dialog), then prints to PDF. */
export async function printVia(page, button) {
  await page.evaluate(() => { window.print = () => {}; });
  await button.click();
  const result = await printedPdf(page);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  return result;
}

/** Issue 13: a dossier at 1366×768 shows its tabs on one line and nothing cut off (test/e2e/fit.mjs). */
export async function assertFitsWithoutTruncation(page, what) {
  assert.ok(await page.getByTestId('dossier-tabs').getByRole('tab').count() > 0, `${what}: no dossier tabs found`);
  const size = page.viewportSize();
  await assertPageFits(page, what);
  if (size) await page.setViewportSize(size);
}

/** In an open dossier: adds a journal entry through its dialog and waits for it in the journal. */
export async function addJournalEntry(page, { title, body }) {
  await page.getByRole('tab', { name: /^Journaal/ }).click();
  await page.getByRole('button', { name: 'Nieuwe journaalregel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nieuwe journaalregel' });
  await dialog.getByTestId('entry-title').fill(title);
  await dialog.getByTestId('entry-body').fill(body);
  await dialog.getByRole('button', { name: 'Opslaan' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('journal-entry').filter({ hasText: title }).waitFor();
}
