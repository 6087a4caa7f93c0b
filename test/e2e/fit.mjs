// Issue 13: "the main screens must fit 1366×768 without truncation", checked on every screen the
// README shows. Before such a screenshot the harness sizes the window to 1366×768 and asserts that
// nothing is cut off: no page or table scrolling sideways, every tab list on one line, and no
// badge, tab, table cell, button or other ellipsis/overflow-hidden text wider than its box.
// E2E_FIT=report checks every screenshot and lists what does not fit instead of failing.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The documentation screenshots: every image in docs/screenshots/ (the README shows them), so one
 * added there is checked and copied by `scripts/e2e.mjs --update-docs` without a second list.
 * 30-kopie-voorbeeld is a page of a sample PDF (scripts/copy-sample.ts), not a screen: no spec takes it.
 */
export const DOC_SHOTS = readdirSync(join(import.meta.dirname, '../../docs/screenshots')).filter((f) => f.endsWith('.png')).map((f) => f.slice(0, -4)).sort();

export const FIT = { width: 1366, height: 768 };

/** Runs in the page: every visible place where content does not fit, as readable strings. */
function findMisfits() {
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const text = (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
  const name = (e) => {
    const mantine = [...e.classList].find((c) => c.startsWith('mantine-'));
    return `${e.tagName.toLowerCase()}${mantine ? `.${mantine}` : ''}`;
  };
  // Visually hidden text for screen readers is 1 px wide on purpose.
  const srOnly = (e) => e.closest('.sr-only') !== null || e.getBoundingClientRect().width <= 1;
  const found = [];

  const root = document.scrollingElement ?? document.documentElement;
  if (root.scrollWidth > window.innerWidth + 1) found.push(`the page scrolls sideways (${root.scrollWidth} px wide)`);

  for (const list of document.querySelectorAll('[role="tablist"]')) {
    if (!visible(list) || list.getAttribute('aria-orientation') === 'vertical') continue;
    const tops = new Set([...list.querySelectorAll('[role="tab"]')].filter(visible).map((t) => Math.round(t.getBoundingClientRect().top)));
    if (tops.size > 1) found.push(`tab list "${text(list)}" takes ${tops.size} lines`);
  }

  // What the user reads in a fixed box: badges, tabs, table cells, buttons, and everything inside them.
  const boxes = new Set();
  for (const e of document.querySelectorAll('.mantine-Badge-root, [role="tab"], td, th, button, .mantine-Button-root')) {
    boxes.add(e);
    for (const inner of e.querySelectorAll('*')) boxes.add(inner);
  }
  // Anywhere else: text the styles cut off on purpose (an ellipsis or a line clamp).
  for (const e of document.body.querySelectorAll('*')) {
    const s = getComputedStyle(e);
    if (s.textOverflow === 'ellipsis' || (s.webkitLineClamp && s.webkitLineClamp !== 'none')) boxes.add(e);
  }
  for (const e of boxes) {
    if (e instanceof SVGElement || e.matches('input, textarea, select') || !visible(e) || srOnly(e) || !text(e)) continue;
    const s = getComputedStyle(e);
    // A badge's label is cut by the badge itself, so any overflow inside a badge counts.
    const clips = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis' || e.closest('.mantine-Badge-root') !== null;
    if (clips && e.scrollWidth > e.clientWidth + 1) found.push(`${name(e)} "${text(e)}" is cut off (${e.scrollWidth} px in ${e.clientWidth})`);
    else if (s.webkitLineClamp && s.webkitLineClamp !== 'none' && e.scrollHeight > e.clientHeight + 1) found.push(`${name(e)} "${text(e)}" is clamped`);
  }

  // A field whose chosen value (a Select's option, a typed name) is wider than the field.
  for (const e of document.querySelectorAll('input:not([type]), input[type="text"], input[type="search"]')) {
    if (e.value && visible(e) && e !== document.activeElement && e.scrollWidth > e.clientWidth + 1) found.push(`field "${e.getAttribute('aria-label') ?? e.id}" value "${e.value.slice(0, 60)}" is cut off`);
  }

  // A table or other box that scrolls sideways hides columns at this width.
  for (const e of document.body.querySelectorAll('*')) {
    const s = getComputedStyle(e);
    if (!['auto', 'scroll'].includes(s.overflowX) || !visible(e)) continue;
    if (e.scrollWidth > e.clientWidth + 1) found.push(`${name(e)} "${text(e)}" scrolls sideways (${e.scrollWidth} px in ${e.clientWidth})`);
  }
  return [...new Set(found)];
}

/** What does not fit in the page as it is now sized, as readable strings (empty when all fits). */
export async function misfits(page) {
  return page.evaluate(findMisfits);
}

/**
 * Asserts the page, at 1366×768, shows everything without cutting it off (see the file comment).
 * Leaves the window at 1366×768; the caller restores its own size.
 */
export async function assertPageFits(page, what) {
  const size = page.viewportSize();
  if (!size || size.width !== FIT.width || size.height !== FIT.height) {
    await page.setViewportSize(FIT);
    await page.waitForTimeout(200); // let the layout settle
  }
  const found = await misfits(page);
  // E2E_FIT=report lists what does not fit on every screenshot, without failing (to survey screens).
  if (process.env.E2E_FIT === 'report') {
    if (found.length) console.log(`    fit: ${what}:\n      ${found.join('\n      ')}`);
    return;
  }
  assert.deepEqual(found, [], `${what}: does not fit ${FIT.width}×${FIT.height} without truncation`);
}
