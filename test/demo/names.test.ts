// Demo names (issue 13): a surname faker gives with its prefix ("van der Linden") is split into
// prefix and name, so no participant is called "Janne van der van der Linden"; and a signed
// consent form is filed as one (consentForm), not as "Overig".
import { afterEach, describe, expect, it } from 'vitest';
import { fakerNL } from '@faker-js/faker';
import { generateDemo } from '../../core/demo/generate.ts';
import { splitLastName } from '../../core/demo/names.ts';
import { aParticipant, removeVault, testVault, type TestVault } from '../support/vault.ts';

let vault: TestVault | undefined;
afterEach(() => { if (vault) removeVault(vault); vault = undefined; });

const PREFIX_WORDS = /^(van|de|der|den|ter|ten|te|het|'t|in|op|la|le|du|d')$/i;

describe('demo names', () => {
  it('demo surnames: splitLastName takes the lower-case words in front as the prefix', () => {
    expect(splitLastName('van der Linden')).toEqual({ prefix: 'van der', lastName: 'Linden' });
    expect(splitLastName('de Vries')).toEqual({ prefix: 'de', lastName: 'Vries' });
    expect(splitLastName("van 't Hof")).toEqual({ prefix: "van 't", lastName: 'Hof' });
    expect(splitLastName('Jansen')).toEqual({ prefix: null, lastName: 'Jansen' });
    expect(splitLastName('Van Dijk')).toEqual({ prefix: null, lastName: 'Van Dijk' });
    // Every surname faker's Dutch locale gives splits into a capitalised name with at most one prefix.
    fakerNL.seed(42);
    for (let i = 0; i < 5000; i++) {
      const { prefix, lastName } = splitLastName(fakerNL.person.lastName());
      expect(lastName).toMatch(/^\p{Lu}/u);
      if (prefix) expect(prefix.split(' ').every((w) => PREFIX_WORDS.test(w))).toBe(true);
    }
  });

  it('R10 in a 1,500-participant demo no name carries a prefix twice, every surname starts with a capital, and signed forms are filed as consent forms', async () => {
    vault = await testVault();
    const consultantId = (await vault.admin.call('users.create', { username: 'consulent1', displayName: 'Consulent', role: 'consultant', password: 'een-lang-testwachtwoord' })).id;
    const sqlite = vault.admin.state.handle!.sqlite;
    const made = generateDemo(sqlite, { participants: 1500, seed: 3, entriesPerParticipant: 1, consultantIds: [consultantId], now: new Date('2026-03-02T09:00:00Z') });
    const rows = sqlite.prepare('SELECT first_name AS f, last_name_prefix AS p, last_name AS l FROM participants').all() as { f: string; p: string | null; l: string }[];
    expect(rows).toHaveLength(1500);
    let withPrefix = 0;
    for (const r of rows) {
      const full = [r.f, r.p, r.l].filter(Boolean).join(' ');
      expect(r.l, full).toMatch(/^\p{Lu}/u); // the prefix is never inside the surname
      const words = [...(r.p ?? '').split(' ').filter(Boolean), ...r.l.split(' ')];
      expect(words.filter((w) => PREFIX_WORDS.test(w)).length, full).toBeLessThanOrEqual(2); // "van der", never "van der van der"
      expect(full, full).not.toMatch(/\b(van der|van den|van de|de|van|ter)\s+\1\b/i);
      if (r.p) withPrefix += 1;
    }
    // Prefixes still occur, as in a Dutch population.
    expect(withPrefix).toBeGreaterThan(150);
    const forms = sqlite.prepare("SELECT d.kind, count(*) AS n FROM mandates m JOIN documents d ON d.id = m.document_id GROUP BY d.kind").all() as { kind: string; n: number }[];
    expect(forms).toEqual([{ kind: 'consentForm', n: made.mandates }]);
  });

  it('R10 a signed consent form is a document type of its own, and a mandate can rest on it', async () => {
    vault = await testVault();
    const consultant = await vault.as('consultant');
    const { participantId } = await consultant.call('dossiers.create', aParticipant());
    const form = await consultant.call('dossiers.uploadDocument', {
      participantId, kind: 'consentForm', fileName: 'machtiging-uwv.pdf', mimeType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 ondertekend').toString('base64'),
    });
    expect(form.kind).toBe('consentForm');
    expect((await consultant.call('dossiers.get', { participantId })).documents.map((d) => d.kind)).toEqual(['consentForm']);
  });
});
