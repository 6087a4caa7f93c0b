// The contract sweep reads inside the files an answer carries (test/support/sweep.ts): without it a
// leak test would pass on a canary that is only base64, compressed in a PDF or encrypted in a zip.
// Positive control for every leak test that uses the sweep (R26, R22, R04).
import { afterEach, describe, expect, it } from 'vitest';
import { removeVault } from '../support/vault.ts';
import { CANARY, callEverything, shieldWorld, type ShieldWorld } from '../shielding/support.ts';

let w: ShieldWorld | undefined;
afterEach(() => { if (w) removeVault(w.vault); w = undefined; });

describe('the contract sweep sees inside files', () => {
  it('R26 R22 a canary that reaches the caller only inside the encrypted copy is found by the sweep', async () => {
    w = await shieldWorld('category'); // the canary sits in a field, no shield placed: the administration may see it
    const { responses } = await callEverything(w.administration, w, ['tes']);
    const copies = responses.filter((r) => r.name === 'copies.make' && r.text.includes('"ok":true'));
    expect(copies.length).toBeGreaterThan(0);
    for (const r of copies) {
      const [json, files] = r.text.split(' files: ');
      expect(json).not.toContain(CANARY); // only base64 of an AES-encrypted PDF and zip
      expect(files).toContain(CANARY); // read as the participant would, with the passphrase
    }
  });
});
