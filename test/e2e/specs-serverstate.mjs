// E2E specs for issue 14: server state through TanStack Query. A write refreshes what it changes
// without a reload; a read the user walked away from neither errors nor lands on the next page; a
// lock drops the cache (looked at through the test build's read-only inspection,
// renderer/api/inspect.ts); and moving through a dossier's tabs adds no audit line for what the
// cache already holds, while each tab's first read is still audited.
import assert from 'node:assert/strict';
import { addJournalEntry, createParticipant, createUser, firstRun, signIn, signOut } from './harness.mjs';
import { api } from './specs-requests.mjs';

/** First run; the administrator creates two consultants and a privacy officer; signed in as Anna. */
async function setUp(page) {
  await firstRun(page);
  await signIn(page, 'beheer');
  // The privacy officer last: once she is there, new accounts wait for her approval.
  for (const [displayName, username, role] of [['Anna Consulent', 'anna', 'Consulent'], ['Cor Collega', 'cor', 'Consulent'], ['Pia Privacy', 'pia', 'Medewerker privacy']]) {
    await createUser(page, { displayName, username, role });
  }
  await signOut(page);
  await signIn(page, 'anna');
}

/** The history tab shows its answer: the table, or that nothing changed yet. */
const historyShown = (page) => page.getByRole('table', { name: /^Wijzigingen en toevoegingen/ }).or(page.getByText('Er zijn nog geen wijzigingen vastgelegd.')).first().waitFor();

const participantIdOf = (page) => Number(/#\/dossiers\/(\d+)/.exec(page.url())[1]);

/** Resolves once no API call of the page has been in flight for `quiet` ms. */
function tracker(page) {
  const inFlight = new Set();
  let lastChange = Date.now();
  const isApi = (r) => new URL(r.url()).pathname.startsWith('/api/');
  page.on('request', (r) => { if (isApi(r)) { inFlight.add(r); lastChange = Date.now(); } });
  const done = (r) => { if (inFlight.delete(r)) lastChange = Date.now(); };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async function settle(quiet = 400) {
    for (let i = 0; i < 200; i++) {
      if (inFlight.size === 0 && Date.now() - lastChange >= quiet) return;
      await page.waitForTimeout(50);
    }
    throw new Error('API calls still in flight after 10 s');
  };
}

/** No error shown: no alert in the page and no red notification. */
async function assertNoError(page, what) {
  assert.equal(await page.getByRole('alert').count(), 0, `${what}: an alert is shown`);
  const notes = await page.locator('.mantine-Notification-root').allTextContents();
  assert.deepEqual(notes.filter((n) => !/opgeslagen|toegevoegd/i.test(n)), [], `${what}: a notification is shown`);
}

/** (1) A new entry shows in the journal, in the tab's count and in the already-visited history, without a reload. */
async function entryRefreshesJournalCountAndHistory({ page }) {
  await setUp(page);
  await createParticipant(page, { firstName: 'Ilse', lastName: 'Vries' });
  await page.evaluate(() => { window.__noReload = true; });
  // The history first, so its answer is in the cache (fresh for 60 s) before the entry is added.
  await page.getByRole('tab', { name: 'Geschiedenis' }).click();
  await historyShown(page);
  assert.equal(await page.getByRole('cell', { name: 'Journaalregel toegevoegd' }).count(), 0);
  const journalTab = page.getByRole('tab', { name: /^Journaal/ });
  assert.match(await journalTab.textContent(), /\(0\)/);

  await addJournalEntry(page, { title: 'Intakegesprek', body: 'Kennismaking; Ilse wil graag weer in de logistiek aan de slag.' });
  await page.getByRole('tab', { name: /^Journaal \(1\)/ }).waitFor();

  await page.getByRole('tab', { name: 'Geschiedenis' }).click();
  await page.getByRole('cell', { name: 'Journaalregel toegevoegd' }).waitFor();
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the page was reloaded');
}

/** (2) Walking away from a slow read: no error, the new page stays, the late answer is not shown. */
async function slowReadLeftBehind({ page }) {
  await setUp(page);
  const number = await createParticipant(page, { firstName: 'Karel', lastName: 'Bos' });
  const participantId = participantIdOf(page);
  await createParticipant(page, { firstName: 'Noa', lastName: 'Bakker' });
  // A new session, so that Karel's dossier is not in the cache (it would show without a read).
  await signOut(page);
  await signIn(page, 'anna');

  // The dossier read answers only after 3 s.
  let answered = false;
  await page.route('**/api/dossiers.get', async (route) => {
    await new Promise((r) => setTimeout(r, 3000));
    await route.continue().catch(() => {});
    answered = true;
  });
  await page.evaluate((id) => { location.hash = `#/dossiers/${id}`; }, participantId);
  await page.getByLabel('Bezig met laden…').first().waitFor();
  await page.getByRole('link', { name: 'Deelnemers' }).click();
  await page.getByRole('heading', { name: 'Deelnemers', level: 1 }).waitFor();
  await page.getByTestId('list-row').filter({ hasText: 'Noa Bakker' }).waitFor();
  for (let i = 0; i < 100 && !answered; i++) await page.waitForTimeout(100);
  assert.ok(answered, 'the slow dossier read was answered');
  await page.waitForTimeout(500);
  await page.getByRole('heading', { name: 'Deelnemers', level: 1 }).waitFor();
  assert.equal(await page.getByTestId('dossier-name').count(), 0, 'the late dossier answer replaced the list');
  assert.equal(await page.getByTestId('dossier-number').filter({ hasText: number }).count(), 0);
  await assertNoError(page, 'after leaving the slow dossier read');
  await page.unroute('**/api/dossiers.get');

  // The same inside a dossier: a slow history, left for the journal.
  await page.getByTestId('list-row').filter({ hasText: 'Karel Bos' }).click();
  await page.getByTestId('dossier-name').filter({ hasText: 'Karel Bos' }).waitFor();
  answered = false;
  await page.route('**/api/dossiers.history', async (route) => {
    await new Promise((r) => setTimeout(r, 3000));
    await route.continue().catch(() => {});
    answered = true;
  });
  await page.getByRole('tab', { name: 'Geschiedenis' }).click();
  await page.getByRole('tabpanel').getByLabel('Bezig met laden…').waitFor();
  await page.getByRole('tab', { name: /^Journaal/ }).click();
  await page.getByText('Er staan nog geen journaalregels in dit dossier.').or(page.getByRole('button', { name: 'Nieuwe journaalregel' })).first().waitFor();
  for (let i = 0; i < 100 && !answered; i++) await page.waitForTimeout(100);
  assert.ok(answered, 'the slow history read was answered');
  await page.waitForTimeout(500);
  assert.equal(await page.getByRole('tab', { name: /^Journaal/, selected: true }).count(), 1, 'the journal stays the open tab');
  assert.equal(await page.getByRole('table', { name: /^Wijzigingen en toevoegingen/ }).or(page.getByText('Er zijn nog geen wijzigingen vastgelegd.')).count(), 0, 'the late history answer is shown');
  await assertNoError(page, 'after leaving the slow history read');
  await page.unroute('**/api/dossiers.history');
}

const inspect = (page, text) => page.evaluate((t) => {
  if (!window.__dkQueryInspect) throw new Error('no __dkQueryInspect: the renderer is not the e2e build (VITE_DK_E2E=1)');
  return window.__dkQueryInspect(t);
}, text);

/** Whether a query key names this participant (as participantId anywhere in its input). */
const namesParticipant = (key, id) => JSON.stringify(key).includes(`"participantId":${id}`);

/** (3) A lock drops the cache: the next user's session holds and shows nothing of the previous one's dossier. */
async function lockDropsCache({ page }) {
  await setUp(page);
  const number = await createParticipant(page, { firstName: 'Ilse', lastName: 'Vries', medical: 'Rugklachten; niet zwaar tillen.' });
  const participantId = participantIdOf(page);
  await page.getByRole('tab', { name: 'Geschiedenis' }).click();
  await historyShown(page);
  let seen = await inspect(page, number);
  assert.equal(seen.sessions, 1);
  assert.ok(seen.keys.some((k) => k[0] === 'dossiers.get' && namesParticipant(k, participantId)), `the dossier is in the cache: ${JSON.stringify(seen.keys)}`);
  assert.equal(seen.contains, true, 'the inspection finds the dossier number in the cache');

  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await page.getByRole('heading', { name: 'Vergrendeld' }).waitFor();
  seen = await inspect(page, number);
  // Locked: only the client of the screens before signing in is alive, and it holds nothing of hers.
  assert.deepEqual({ sessions: seen.sessions, droppedQueries: seen.droppedQueries, contains: seen.contains }, { sessions: 1, droppedQueries: 0, contains: false }, 'locked: a cache still holds the dossier');
  assert.deepEqual(seen.keys.filter((k) => namesParticipant(k, participantId)), [], 'locked: a query of the dossier remains');
  assert.equal(await inspect(page, 'Rugklachten').then((s) => s.contains), false);

  await signIn(page, 'cor');
  await page.getByRole('heading', { level: 1, name: /Cor Collega/ }).waitFor();
  await page.getByRole('link', { name: 'Deelnemers' }).click();
  await page.getByTestId('list-total').filter({ hasText: /\d/ }).waitFor();
  seen = await inspect(page, number);
  assert.equal(seen.sessions, 1);
  assert.deepEqual(seen.keys.filter((k) => namesParticipant(k, participantId)), [], "no query of Anna's dossier in Cor's session");
  assert.equal(seen.contains, false, "Anna's dossier number is in memory in Cor's session");
  assert.equal(seen.droppedQueries, 0);
  for (const text of ['Rugklachten', 'Ilse']) assert.equal((await inspect(page, text)).contains, false, `${text} is still in memory`);
  const body = await page.locator('body').textContent();
  assert.ok(!body.includes(number) && !body.includes('Ilse Vries'), "Anna's dossier is shown to Cor");
}

/**
 * Tabs whose reads are still loaded by hand on this branch (moved by the consent/requests/shielding
 * share of issue 14): they read again on each visit. Shrink-only: once a tab stops reading again,
 * this spec fails until it is taken out of this list.
 */
const STILL_READ_AGAIN = new Set([]); // every tab is on the cache now (issue 14): a return reads nothing
/** Tabs drawn from the dossier's own read: their first visit reads (and audits) nothing new. */
const FROM_THE_DOSSIER_READ = new Set(['Persoonsgegevens', 'Trajecten', 'Journaal', 'Documenten', 'Caseload']);

/**
 * (4) Audit lines while moving through a dossier. Counted through the API: each count is one
 * audit.participantLog call of Anna's own (the sum of its visits' sizes is the dossier's raw line
 * count; the call adds exactly one line itself, taken off), and checked at the end against the
 * privacy officer's audit.list total.
 */
async function tabsAddNoAuditLines({ page }) {
  await setUp(page);
  await createParticipant(page, { firstName: 'Sanne', lastName: 'Jansen' });
  const participantId = participantIdOf(page);
  // A new session: an empty cache, so that opening the dossier reads it.
  await signOut(page);
  await signIn(page, 'anna');
  const settle = tracker(page);
  const raw = async () => (await api(page, 'audit.participantLog', { participantId })).reduce((n, l) => n + l.count, 0);
  let last = await raw();
  /** Audit lines the app wrote about the dossier since the previous count. */
  const added = async () => {
    await settle();
    const now = await raw();
    const n = now - last - 1;
    last = now;
    return n;
  };

  await page.getByRole('link', { name: 'Deelnemers' }).click();
  await page.getByTestId('list-row').filter({ hasText: 'Sanne Jansen' }).waitFor();
  await added();
  const started = Date.now();
  await page.getByTestId('list-row').filter({ hasText: 'Sanne Jansen' }).click();
  await page.getByTestId('dossier-name').filter({ hasText: 'Sanne Jansen' }).waitFor();
  const opening = await added();
  assert.ok(opening >= 1, `opening the dossier is audited (${opening} lines)`);

  const tabs = (await page.getByTestId('dossier-tabs').getByRole('tab').allTextContents()).map((t) => t.replace(/\s*\(\d+\)$/, '').trim());
  assert.ok(tabs.length >= 8, `the dossier's tabs: ${tabs.join(', ')}`);
  const first = {};
  const again = {};
  for (const round of [first, again]) {
    for (const name of tabs) {
      await page.getByTestId('dossier-tabs').getByRole('tab', { name: new RegExp(`^${name}`) }).click();
      round[name] = await added();
    }
  }
  // Back to the first tabs once more: still nothing new.
  for (const name of tabs.slice(0, 3)) {
    await page.getByTestId('dossier-tabs').getByRole('tab', { name: new RegExp(`^${name}`) }).click();
    again[name] += await added();
  }
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 55_000, `the walk took ${elapsed} ms: longer than the 60 s an answer stays fresh, the returns prove nothing`);
  console.log(`    audit lines: opening ${opening}; first visits ${JSON.stringify(first)}; returns ${JSON.stringify(again)} (${(elapsed / 1000).toFixed(1)} s)`);

  for (const name of tabs) {
    if (FROM_THE_DOSSIER_READ.has(name)) assert.equal(first[name], 0, `the first visit of ${name} reads nothing the dossier read did not`);
    else assert.ok(first[name] >= 1, `the first visit of ${name} is an audited read (it added ${first[name]} lines)`);
    if (STILL_READ_AGAIN.has(name)) assert.ok(again[name] > 0, `${name} no longer reads again on return: take it out of STILL_READ_AGAIN`);
    else assert.equal(again[name], 0, `returning to ${name} added ${again[name]} audit lines`);
  }

  // The privacy officer's count of the dossier's lines agrees with Anna's (her last count adds one).
  await signOut(page);
  await signIn(page, 'pia');
  const { total } = await api(page, 'audit.list', { participantId, limit: 1 });
  assert.ok(total === last || total === last + 1, `audit.list counts ${total} lines, Anna's log ${last}`);
}

export const specs = [
  { name: '(server state 1) a new journal entry shows in the journal, the tab count and the history without a reload', run: entryRefreshesJournalCountAndHistory },
  { name: '(server state 2) leaving a slow read leaves no error and the late answer does not replace the new page', run: slowReadLeftBehind },
  { name: '(server state 3) a lock drops the cache: nothing of the previous user\'s dossier in the next session, checked through the query cache', run: lockDropsCache },
  { name: '(server state 4) moving through a dossier\'s tabs adds no audit line for what is cached; each first read is audited', run: tabsAddNoAuditLines },
];
