// The request letters (issue 13, issue 10 item 4): salutation by gender, a date and place line on
// every letter, acknowledgements that fit the request type and the identity state, and a decision
// on inzage/afschrift that names recipients, purposes, retention, the AP and what is enclosed.
import { afterEach, describe, expect, it } from 'vitest';
import { salutation, AP_ADDRESS } from '../../core/letters/templates.ts';
import { removeVault } from '../support/vault.ts';
import { pdfInfo, pdfText } from '../copies/support.ts';
import { disclosure, mandate, world, type World } from '../consent/support.ts';
import { verify } from '../requests/support.ts';

let w: World | undefined;
afterEach(() => { if (w) removeVault(w.vault); w = undefined; });

const request = (w: World, type: 'inzage' | 'correctie' | 'afschrift' | 'verwijdering' | 'overdraagbaarheid', extra: Record<string, unknown> = {}) => ({
  participantId: w.participantId, type, requester: { kind: 'participant' as const }, channel: 'letter' as const, receivedOn: '2026-04-23', description: 'Verzoek per brief',
  ...(type === 'correctie' ? { changes: [{ target: 'field' as const, field: 'workHistory' as const, proposedValue: 'Magazijnmedewerker 2012-2020', ground: 'incorrect' as const }] } : {}),
  ...extra,
});

/** A request received, verified and granted today: ready for its decision letter. */
async function granted(w: World, type: 'inzage' | 'afschrift') {
  const { request: r } = await w.administration.call('requests.intake', request(w, type));
  await w.administration.call('requests.verifyIdentity', verify(r.id));
  await w.administration.call('requests.decide', { requestId: r.id, outcome: 'granted' });
  return r.id;
}

describe('salutation', () => {
  it('R20 "Geachte heer Van den Berg," / "Geachte mevrouw …" / "Geachte heer of mevrouw …", the prefix capitalised after the salutation', () => {
    expect(salutation({ gender: 'male', lastNamePrefix: 'van den', lastName: 'Berg' })).toBe('Geachte heer Van den Berg,');
    expect(salutation({ gender: 'female', lastNamePrefix: 'de', lastName: 'Vries' })).toBe('Geachte mevrouw De Vries,');
    expect(salutation({ gender: 'other', lastNamePrefix: null, lastName: 'Yılmaz' })).toBe('Geachte heer of mevrouw Yılmaz,');
    expect(salutation({ gender: 'unknown', lastNamePrefix: 'van der', lastName: 'Linden' })).toBe('Geachte heer of mevrouw Van der Linden,');
    expect(salutation({ gender: null, lastNamePrefix: '', lastName: 'Jansen' })).toBe('Geachte heer of mevrouw Jansen,');
    // An apostrophe prefix has no capital to take.
    expect(salutation({ gender: 'male', lastNamePrefix: "'t", lastName: 'Hart' })).toBe("Geachte heer 't Hart,");
  });
});

describe('request letters', () => {
  it('R33 before identity is verified the acknowledgement asks for it, without address or gender; after, it says when identity was verified and greets by gender', async () => {
    w = await world();
    const { request: r } = await w.administration.call('requests.intake', request(w, 'inzage'));
    const before = await w.administration.call('requests.letter', { requestId: r.id, kind: 'acknowledgement' });
    expect(before.body).toContain('Geachte heer of mevrouw Van der Testenburg,');
    expect(before.body).toContain('geldig identiteitsbewijs');
    expect(before.body).not.toContain('Proefstraat');
    expect(before.body).not.toContain('vastgesteld');
    await w.administration.call('requests.verifyIdentity', verify(r.id));
    const after = await w.administration.call('requests.letter', { requestId: r.id, kind: 'acknowledgement' });
    expect(after.body).toContain('Geachte mevrouw Van der Testenburg,');
    expect(after.body).toContain('Proefstraat 12\n3511 AB Utrecht');
    expect(after.body).toContain('Op 23 april 2026 hebben wij uw identiteit vastgesteld.');
    expect(after.body).not.toContain('identiteitsbewijs');
  });

  it('R20 a representative is greeted by name as "heer of mevrouw" and asked for proof of representation', async () => {
    w = await world();
    const { request: r } = await w.administration.call('requests.intake', request(w, 'inzage', { requester: { kind: 'representative', name: 'K. Curator', relation: 'curator' } }));
    const letter = await w.administration.call('requests.letter', { requestId: r.id, kind: 'acknowledgement' });
    expect(letter.body).toContain('Geachte heer of mevrouw K. Curator,');
    expect(letter.body).toContain('namens Fenna van der Testenburg mag optreden');
    expect(letter.body).toContain('bewijs dat u curator bent');
  });

  it('R23 R20 a correction\'s acknowledgement says what happens with a correction, not that inzage is free; an inzage\'s does', async () => {
    w = await world();
    const { request: c } = await w.administration.call('requests.intake', request(w, 'correctie'));
    const correction = await w.administration.call('requests.letter', { requestId: c.id, kind: 'acknowledgement' });
    expect(correction.body).not.toMatch(/inzage/i);
    expect(correction.body).toContain('onjuist, onvolledig of niet ter zake dienend');
    expect(correction.body).toContain('Aan de behandeling zijn geen kosten verbonden.');
    const { request: i } = await w.administration.call('requests.intake', request(w, 'inzage'));
    expect((await w.administration.call('requests.letter', { requestId: i.id, kind: 'acknowledgement' })).body).toContain('Inzage in uw dossier en een afschrift zijn kosteloos.');
    const { request: p } = await w.administration.call('requests.intake', request(w, 'overdraagbaarheid'));
    expect((await w.administration.call('requests.letter', { requestId: p.id, kind: 'acknowledgement' })).body).toContain('machineleesbaar');
  });

  it('R34 every letter carries a date and place line, the place from the organisation settings', async () => {
    w = await world();
    // Not set yet: the date alone.
    const { request: r } = await w.administration.call('requests.intake', request(w, 'correctie'));
    expect((await w.administration.call('requests.letter', { requestId: r.id, kind: 'acknowledgement' })).body).toMatch(/\n\n23 april 2026\n\n/);
    const saved = await w.privacyOfficer.call('policy.update', { place: 'Utrecht' });
    expect(saved.place).toBe('Utrecht');
    expect((await w.privacyOfficer.call('policy.get', {})).place).toBe('Utrecht');
    await w.administration.call('requests.verifyIdentity', verify(r.id));
    await w.administration.call('requests.extend', { requestId: r.id, reason: 'Wij moeten de werkgever horen', noticeOn: '2026-04-23', extendedTo: '2026-06-15' });
    const [change] = (await w.administration.call('requests.get', { requestId: r.id })).changes;
    await w.administration.call('mandates.record', mandate(w));
    await w.consultant.call('disclosures.record', disclosure(w));
    await w.administration.call('requests.decide', { requestId: r.id, outcome: 'granted', changeDecisions: [{ changeId: change!.id, accepted: true }] });
    const done = await w.administration.call('requests.carryOut', { requestId: r.id });
    for (const kind of ['acknowledgement', 'extension', 'decision'] as const) {
      const letter = await w.administration.call('requests.letter', { requestId: r.id, kind });
      expect(letter.body, kind).toContain('\n\nUtrecht, 23 april 2026\n\n');
    }
    // The notice to the earlier recipient (R24) too.
    expect(done.notifications[0]?.letter).toContain('Utrecht, 23 april 2026');
    // Bad input changes nothing.
    expect(await w.privacyOfficer.raw('policy.update', { place: 'x'.repeat(101) })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect((await w.privacyOfficer.call('policy.get', {})).place).toBe('Utrecht');
  });

  it('R21 R35 the decision on an inzage names the recipients from the register, the purposes, the retention term, the AP with its address and what is enclosed', async () => {
    w = await world();
    await w.consultant.call('dossiers.addTrajectory', { participantId: w.participantId, type: 'uwv', commissioner: 'UWV Utrecht', startDate: '2024-01-08', endDate: '2025-06-30', description: 'Re-integratie tweede spoor' });
    await w.administration.call('mandates.record', mandate(w));
    await w.consultant.call('disclosures.record', disclosure(w));
    const { body } = await w.administration.call('requests.letter', { requestId: await granted(w, 'inzage'), kind: 'decision' });
    expect(body).toContain('Geachte mevrouw Van der Testenburg,');
    // Recipients actually given data, from the disclosure register.
    expect(body).toContain('- UWV Utrecht op 23-04-2026: traject, werk, voor re-integratie');
    // Purposes of the data held.
    expect(body).toMatch(/Wij verwerken uw gegevens voor: .*identificatie.*arbeidsbemiddeling/);
    // Retention: the UWV term (7 years in Factor Twee) from the trajectory's end, as the copy computes it.
    expect(body).toContain('- UWV: 7 jaar na het einde van het traject (tot 30-06-2032)');
    // What is enclosed.
    expect(body).toMatch(/Bijgesloten vindt u een kopie .*1 traject, 1 journaalregel, 1 document, 0 eigen verklaringen/);
    // The complaint route to the AP, with the address the copy prints too.
    for (const line of AP_ADDRESS) expect(body).toContain(line);
  });

  it('R21 a decision on an inzage without disclosures or trajectories says so', async () => {
    w = await world();
    const { body } = await w.administration.call('requests.letter', { requestId: await granted(w, 'afschrift'), kind: 'decision' });
    expect(body).toContain('Wij hebben geen gegevens over u aan anderen verstrekt.');
    expect(body).toContain('Bewaartermijn: wij bewaren uw dossier 15 jaar na het laatste contact.');
  });

  it('R23 a decision on a correction names the new value in words: "geslacht: man", not "male"', async () => {
    w = await world();
    const { request: r, changes } = await w.administration.call('requests.intake', request(w, 'correctie', {
      changes: [{ target: 'field', field: 'gender', proposedValue: 'male', ground: 'incorrect' }, { target: 'field', field: 'birthDate', proposedValue: '1990-04-21', ground: 'incorrect' }],
    }));
    await w.administration.call('requests.verifyIdentity', verify(r.id));
    await w.administration.call('requests.decide', { requestId: r.id, outcome: 'granted', changeDecisions: changes.map((c) => ({ changeId: c.id, accepted: true })) });
    const { body } = await w.administration.call('requests.letter', { requestId: r.id, kind: 'decision' });
    expect(body).toContain('- geslacht: man\n- geboortedatum: 21-04-1990');
    expect(body).not.toContain('male');
  });

  it('R04 the board gets no letter of any kind: no dossier content', async () => {
    w = await world();
    const board = await w.vault.as('board');
    const requestId = await granted(w, 'inzage');
    for (const kind of ['acknowledgement', 'decision', 'extension'] as const) {
      await expect(board.call('requests.letter', { requestId, kind })).rejects.toMatchObject({ code: 'access.denied' });
    }
  });
});

describe('letters as PDF (issue 13)', () => {
  const pdfOf = (f: { contentBase64: string }) => Buffer.from(f.contentBase64, 'base64');
  /** pdftotext folds the layout; compare words, not line breaks. */
  const words = (text: string) => text.replace(/\s+/g, ' ');

  it('R34 R35 the decision letter as a PDF holds the same text, with letterhead, date and place line, subject and page footer; no name in the file name', async () => {
    w = await world();
    await w.privacyOfficer.call('policy.update', { place: 'Utrecht' });
    const requestId = await granted(w, 'inzage');
    const letter = await w.administration.call('requests.letter', { requestId, kind: 'decision' });
    const file = await w.administration.call('requests.letterPdf', { requestId, kind: 'decision' });
    expect(file.mimeType).toBe('application/pdf');
    expect(file.fileName).toMatch(/^brief-besluit-[A-Z0-9-]+-2026-04-23\.pdf$/);
    expect(file.fileName).not.toMatch(/Testenburg|Fenna/i);
    const text = words(pdfText(pdfOf(file), ''));
    expect(text).toContain('Utrecht, 23 april 2026');
    expect(text).toContain(`Onderwerp: ${letter.subject}`);
    expect(text).toContain('Geachte mevrouw Van der Testenburg,');
    expect(text).toContain('Proefstraat 12 3511 AB Utrecht');
    for (const line of AP_ADDRESS) expect(text).toContain(line);
    // Every paragraph of the letter's text is in the PDF, in order.
    let at = 0;
    for (const paragraph of letter.body.split('\n\n').map(words)) {
      const found = text.indexOf(paragraph.trim(), at);
      expect(found, paragraph).toBeGreaterThanOrEqual(0);
      at = found;
    }
    expect(text).toMatch(/dossier \S+ · pagina 1 van \d/);
    // Tagged, Dutch, with the font embedded, so ë and ı print.
    const { info, fonts } = pdfInfo(pdfOf(file), '');
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(new RegExp(`Title:\\s+${letter.subject}`));
    expect(fonts).toMatch(/DejaVuSans\s.*yes/);
  });

  it('R04 R33 the PDF takes the letter\'s read path: no letter before there is a decision, none for the board, and an audit line for each', async () => {
    w = await world();
    const { request: r } = await w.administration.call('requests.intake', request(w, 'inzage'));
    const ack = words(pdfText(pdfOf(await w.administration.call('requests.letterPdf', { requestId: r.id, kind: 'acknowledgement' })), ''));
    expect(ack).toContain('Geachte heer of mevrouw Van der Testenburg,');
    expect(ack).not.toContain('Proefstraat');
    await expect(w.administration.call('requests.letterPdf', { requestId: r.id, kind: 'decision' })).rejects.toMatchObject({ code: 'request.letterNotAvailable' });
    const board = await w.vault.as('board');
    await expect(board.call('requests.letterPdf', { requestId: r.id, kind: 'acknowledgement' })).rejects.toMatchObject({ code: 'access.denied' });
    expect(await w.administration.raw('requests.letterPdf', { requestId: r.id, kind: 'brief' })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    const log = await w.privacyOfficer.call('audit.list', { limit: 50 });
    const about = (outcome: string) => log.lines.filter((l) => l.outcome === outcome && [l.action, ...l.actions].includes('requests.letterPdf'));
    expect(about('ok').length).toBeGreaterThanOrEqual(1);
    expect(about('denied').length).toBeGreaterThanOrEqual(1);
  });
});
