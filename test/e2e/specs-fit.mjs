// Issue 13: the 1366×768 check that every README screenshot passes first (fit.mjs) must catch what
// it claims to, or a passing screenshot proves nothing. Each kind of misfit is put on a real screen.
import assert from 'node:assert/strict';
import { FIT, misfits } from './fit.mjs';

const CUT = [
  // A badge narrower than its label, as "Tijdelijk wacht…" was in the users' status column (styles.css
  // now keeps a real badge as wide as its words, so the probe undoes that).
  '<span class="mantine-Badge-root" style="display:inline-block;width:60px;min-width:0;overflow:hidden;white-space:nowrap">Tijdelijk wachtwoord</span>',
  // A tab list wrapping onto a second line.
  '<div role="tablist" style="width:120px"><span role="tab" style="display:inline-block">Persoonsgegevens</span> <span role="tab" style="display:inline-block">Trajecten</span></div>',
  // A table cell cutting its text with an ellipsis.
  '<table style="width:100px;table-layout:fixed"><tbody><tr><td style="overflow:hidden;text-overflow:ellipsis;white-space:nowrap">Machtiging ingetrokken</td></tr></tbody></table>',
  // A button whose label is cut off.
  '<button style="width:50px;overflow:hidden;white-space:nowrap">Besluit vastleggen</button>',
  // Text elsewhere with an ellipsis.
  '<p style="width:50px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">Gemeente Utrecht</p>',
  // A table that scrolls sideways.
  '<div style="overflow-x:auto;width:100px"><div style="width:400px">Woonplaats</div></div>',
];

async function catchesWhatItClaims({ page }) {
  await page.setViewportSize(FIT);
  await page.getByRole('heading', { name: 'Welkom bij Dossierkluis' }).waitFor();
  assert.deepEqual(await misfits(page), [], 'the first-run screen fits as it is');
  await page.evaluate((html) => {
    const box = document.createElement('div');
    box.id = 'fit-probe';
    box.innerHTML = html.join('');
    document.body.prepend(box);
  }, CUT);
  const found = await misfits(page);
  for (const [i, expected] of [/Badge-root "Tijdelijk wachtwoord" is cut off/, /tab list "Persoonsgegevens Trajecten" takes 2 lines/, /td "Machtiging ingetrokken" is cut off/,
    /button "Besluit vastleggen" is cut off/, /p "Gemeente Utrecht" is cut off/, /div "Woonplaats" scrolls sideways/].entries()) {
    assert.ok(found.some((f) => expected.test(f)), `misfit ${i} (${expected}) is found among:\n${found.join('\n')}`);
  }
  await page.evaluate(() => document.getElementById('fit-probe').remove());
  assert.deepEqual(await misfits(page), [], 'nothing is left once the probe is gone');
}

export const specs = [
  { name: '(fit) issue 13: the 1366×768 check before each README screenshot finds cut-off badges, cells, buttons, wrapped tabs and sideways tables', run: catchesWhatItClaims },
];
