// The participant's copy opened as the participant would: qpdf + pdftotext with the passphrase,
// zip.js with the passphrase, dossier.json against the published schema (ajv).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { CANARY, TODAY, shieldFor, shieldWorld, type ShieldWorld } from '../shielding/support.ts';
import { inzage, snapshot, verify, world } from '../requests/support.ts';
import { fileOf, pdfAttachments, pdfInfo, pdfText, qpdfStatus, unzip, type Made } from './support.ts';

const schema = JSON.parse(readFileSync(new URL('../../docs/schema/dossier-copy-v1.schema.json', import.meta.url), 'utf8'));
const WITHHELD = 'Een deel van deze gegevens is niet opgenomen omdat het gegevens over anderen bevat (AVG artikel 15 lid 4).';

/** Every regular file under dir (a few levels), changed since `since`. */
function filesSince(dir: string, since: number, depth = 3): string[] {
  const out: string[] = [];
  let names: string[] = [];
  try { names = readdirSync(dir); } catch { return out; }
  for (const n of names) {
    const p = join(dir, n);
    let s;
    try { s = statSync(p); } catch { continue; }
    if (s.isDirectory() && depth > 0) out.push(...filesSince(p, since, depth - 1));
    else if (s.isFile() && s.mtimeMs >= since && s.size < 50_000_000) out.push(p);
  }
  return out;
}

describe('the participant\'s copy (issue 10)', () => {
  let w: ShieldWorld;
  let made: Made;
  let started: number;
  let text: string;
  let zip: Map<string, Buffer>;
  beforeAll(async () => {
    w = await shieldWorld('entry');
    // The canary entry is shielded from the participant's copy (R22).
    await w.administration.call('shielding.place', { ...shieldFor(w, [{ kind: 'participantCopy' }]), requestedBy: 'staff', reason: 'Gegevens over een derde die bezwaar maakte (R22)' });
    await w.owner.call('dossiers.addTrajectory', { participantId: w.participantId, type: 'wmo', commissioner: 'Gemeente Utrecht', startDate: '2024-01-08', endDate: '2025-06-30', description: 'Begeleiding naar dagbesteding' });
    await w.owner.call('dossiers.update', { participantId: w.participantId, changes: { medicalNotes: 'Rugklachten, tilbeperking 10 kg', city: 'Ĳsselstein — Łódź-straat ë ï é ı' }, reason: 'Gesprek met deelnemer' });
    await w.owner.call('mandates.record', {
      participantId: w.participantId, direction: 'shareWith', recipientId: w.other.id, purpose: 'careCoordination', purposeNote: 'Afstemming met de wijkteams',
      categories: ['work', 'trajectory'], validFrom: '2026-01-01', validUntil: '2026-12-31', given: { how: 'signedForm', documentId: w.ids.documentId! },
    });
    started = Date.now();
    made = await w.administration.call('copies.make', { requestId: w.requestId, format: 'both', contents: 'full' }) as Made;
    text = pdfText(fileOf(made, '.pdf'), made.passphrase);
    zip = await unzip(fileOf(made, '.zip'), made.passphrase);
  }, 120_000);

  it('R21 the PDF opened with the passphrase holds every category, entry, document, recipient, retention term, source, the rights, the AP address and the access log', () => {
    const flat = text.replace(/\s+/g, ' ');
    for (const c of ['Identiteit', 'Contactgegevens', 'Traject', 'Werk', 'Gezinssituatie', 'Financiële gegevens', 'Medische gegevens', 'Beperking', 'Documenten']) expect(flat).toContain(c);
    expect(flat).toContain('Rugklachten, tilbeperking 10 kg'); // special category in the participant's own copy (R01)
    expect(flat).toContain('ë ï é ı'); // the embedded font renders Dutch and other characters
    expect(flat).toContain('Notitie');
    expect(flat).toContain('Zichtbaar voor iedereen in de caseload.');
    expect(flat).toContain('rapport.txt');
    expect(flat).toContain('UWV Utrecht'); // the disclosure register
    expect(flat).toContain('wettelijke plicht (Art. 30c Wet SUWI)');
    expect(flat).toContain('doel: re-integratie'); // codes in words, for people
    // The mandates (consent register), with the signed form the copy shows.
    expect(flat).toContain('Gemeente Utrecht: gegevens verstrekken aan, Werk, Traject; doel: afstemming van hulpverlening (Afstemming met de wijkteams); van 01-01-2026 tot 31-12-2026 — geldig; formulier: rapport.txt');
    expect(flat).toContain('Geslacht: vrouw');
    expect(flat).toContain('15 jaar na de einddatum — bewaren tot 30-06-2040'); // wmo trajectory ended 30-06-2025
    expect(flat).toContain('het traject loopt nog'); // the open uwv trajectory
    expect(flat).toContain('De gegevens zijn van uzelf afkomstig.');
    expect(flat).toContain('Uw rechten');
    expect(flat).toContain('Postbus 93374 2509 AJ Den Haag autoriteitpersoonsgegevens.nl');
    expect(flat).toMatch(/23-04-2026 10:00 — maakte het dossier aan — door: consulent/);
    expect(flat).toContain('stelde de identiteit van de verzoeker vast — door: administratie');
    expect(flat).toContain(`Dossier ${w.dossierNumber} · 23-04-2026 · pagina 1 van`);
    expect(flat).not.toContain('Eva Eigenaar'); // no staff names by default
    expect(pdfAttachments(fileOf(made, '.pdf'), made.passphrase)).toContain('rapport.txt');
  });

  it('R21 the PDF is tagged, AES-256 encrypted, and embeds DejaVu Sans (regular and bold) once each', () => {
    const { encryption, info, fonts } = pdfInfo(fileOf(made, '.pdf'), made.passphrase);
    expect(encryption).toMatch(/R = 5/);
    expect(encryption).toMatch(/stream encryption method: AESv3/);
    expect(info).toMatch(/Tagged:\s+yes/);
    const rows = fonts.split('\n').filter((l) => l.includes('DejaVuSans'));
    expect(rows.map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    for (const r of rows) expect(r).toMatch(/\syes\s+yes\s+yes\s/); // embedded, subset, with a ToUnicode map
  });

  it('R22 a part shielded from the copy leaves one line and no content: not in the PDF text, the PDF bytes, the zip entries or their names', () => {
    expect(text).not.toContain(CANARY);
    expect(text.replace(/\s+/g, ' ')).toContain(WITHHELD);
    for (const f of made.files) expect(Buffer.from(f.contentBase64, 'base64').includes(CANARY)).toBe(false);
    for (const [name, bytes] of zip) {
      expect(name).not.toContain(CANARY);
      expect(bytes.includes(CANARY), name).toBe(false);
    }
    expect(JSON.parse(zip.get('dossier.json')!.toString()).withheldSections).toContain('entries');
  });

  it('R22 after a copy no file in the temp folder or the vault folder holds the canary in plain text', () => {
    for (const f of [...filesSince(tmpdir(), started, 1), ...filesSince(w.vault.dir, 0)]) {
      let bytes: Buffer;
      try { bytes = readFileSync(f); } catch { continue; }
      expect(bytes.includes(CANARY), f).toBe(false);
    }
  });

  it('R31 the zip holds dossier.json valid against the schema, CSVs per table, the documents, and a manifest whose hashes match', () => {
    expect([...zip.keys()].sort()).toEqual(expect.arrayContaining(['dossier.json', 'manifest.json', 'participant.csv', 'trajectories.csv', 'entries.csv', 'documents.csv', 'disclosures.csv', 'mandates.csv', 'access-log.csv']));
    const json = JSON.parse(zip.get('dossier.json')!.toString());
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const manifest = JSON.parse(zip.get('manifest.json')!.toString()) as { schemaVersion: number; files: { name: string; sha256: string; size: number }[] };
    expect(manifest.schemaVersion).toBe(1);
    expect(manifest.files.map((f) => f.name).sort()).toEqual([...zip.keys()].filter((n) => n !== 'manifest.json').sort());
    for (const f of manifest.files) expect(createHash('sha256').update(zip.get(f.name)!).digest('hex'), f.name).toBe(f.sha256);
    const doc = [...zip.keys()].find((n) => n.startsWith('documents/'))!;
    expect(zip.get(doc)!.toString()).toBe('gewoon document');
    expect(zip.get('disclosures.csv')!.toString()).toContain('UWV Utrecht');
    expect(zip.get('entries.csv')!.toString()).toContain('Notitie');
    expect(zip.get('mandates.csv')!.toString()).toContain('Gemeente Utrecht');
  });

  it('R21 R31 without the passphrase neither file opens; file names carry the dossier number and date, never the name', async () => {
    expect(qpdfStatus(fileOf(made, '.pdf'), null)).not.toBe(0);
    expect(qpdfStatus(fileOf(made, '.pdf'), 'appel-brug-kaars-molen-tulp-zeven-00000')).not.toBe(0);
    await expect(unzip(fileOf(made, '.zip'))).rejects.toThrow();
    await expect(unzip(fileOf(made, '.zip'), 'appel-brug-kaars-molen-tulp-zeven-00000')).rejects.toThrow();
    for (const f of made.files) {
      expect(f.fileName).toBe(`dossier-${w.dossierNumber}-${TODAY}.${f.fileName.endsWith('.pdf') ? 'pdf' : 'zip'}`);
      expect(f.fileName).not.toContain('Testenburg');
      expect(createHash('sha256').update(Buffer.from(f.contentBase64, 'base64')).digest('hex')).toBe(f.sha256);
    }
    expect(made.passphrase).toMatch(/^([a-z]+-){6}\d{5}$/);
  });

  it('R21 each copy is registered (a second one too) and audited, never with the passphrase', async () => {
    const second = await w.administration.call('copies.make', { requestId: w.requestId, format: 'pdf', contents: 'overview', passphraseChannel: 'inPerson' }) as Made;
    expect(second.passphrase).not.toBe(made.passphrase);
    expect(second.files).toHaveLength(1);
    expect(pdfAttachments(fileOf(second, '.pdf'), second.passphrase)).not.toContain('rapport.txt'); // overview: listed, not attached
    const list = await w.administration.call('copies.list', { requestId: w.requestId });
    expect(list.map((c) => [c.format, c.contents, c.passphraseChannel])).toEqual([['both', 'full', 'phone'], ['pdf', 'overview', 'inPerson']]);
    expect(list[0]!.files.map((f) => f.sha256)).toEqual(made.files.map((f) => f.sha256));
    const sqlite = w.vault.admin.state.handle!.sqlite;
    const lines = sqlite.prepare("SELECT objects, participant_id AS p FROM audit_log WHERE action = 'copies.make'").all() as { objects: string; p: number }[];
    expect(lines).toHaveLength(2);
    expect(lines[0]!.p).toBe(w.participantId);
    const all = JSON.stringify(sqlite.prepare('SELECT * FROM audit_log').all()) + JSON.stringify(sqlite.prepare('SELECT * FROM copies').all());
    expect(all).not.toContain(made.passphrase);
    expect(all).not.toContain(second.passphrase);
  });
});

describe('copies.make refuses (issue 10)', () => {
  it('R20 a copy before identity verification, for a wrong request type, or with bad input is refused and changes nothing', async () => {
    const w = await shieldWorld('field');
    const { request } = await w.administration.call('requests.intake', { ...inzage(w.participantId), description: 'Nog niet geverifieerd' });
    const correctie = await w.administration.call('requests.intake', {
      participantId: w.participantId, type: 'correctie', requester: { kind: 'participant' }, channel: 'letter', receivedOn: TODAY, description: 'Graag aanpassen',
      changes: [{ target: 'field', field: 'workHistory', proposedValue: 'Magazijn', ground: 'incorrect' }],
    });
    await w.administration.call('requests.verifyIdentity', verify(correctie.request.id));
    const sqlite = w.vault.admin.state.handle!.sqlite;
    const hash = () => createHash('sha256').update(snapshot(w.vault) + JSON.stringify(sqlite.prepare('SELECT * FROM copies').all()) + JSON.stringify(sqlite.prepare("SELECT action FROM audit_log WHERE action = 'copies.make' AND outcome = 'ok'").all())).digest('hex');
    const before = hash();
    await expect(w.administration.call('copies.make', { requestId: request.id, format: 'pdf', contents: 'full' })).rejects.toMatchObject({ code: 'request.identityNotVerified' });
    await expect(w.administration.call('copies.make', { requestId: correctie.request.id, format: 'pdf', contents: 'full' })).rejects.toMatchObject({ code: 'copy.wrongRequestType' });
    await expect(w.administration.call('copies.make', { requestId: 999_999, format: 'pdf', contents: 'full' })).rejects.toMatchObject({ code: 'request.notFound' });
    for (const bad of [{ requestId: w.requestId, format: 'docx' }, { requestId: 'x' }, { requestId: w.requestId, contents: 'alles' }, { requestId: w.requestId, extra: 1 }, {}]) {
      await expect(w.administration.call('copies.make', bad as never)).rejects.toMatchObject({ code: 'input.invalid' });
    }
    await expect(w.owner.call('copies.make', { requestId: w.requestId })).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(hash()).toBe(before);
  }, 60_000);
});

describe('third-party consultation in the copy (issue 10)', () => {
  it('R22 an entry a consulted third party objected to is not in the PDF or the zip; one line says parts were withheld', async () => {
    const w = await world();
    const { request } = await w.admin.call('requests.intake', inzage(w.participantId));
    await w.admin.call('requests.verifyIdentity', verify(request.id));
    await w.admin.call('requests.consult', { requestId: request.id, thirdParty: 'Werkgever J. Jansen', targets: [{ kind: 'entry', entryId: w.entryId }], askedOn: TODAY, answer: 'objected', withhold: true });
    const made = await w.admin.call('copies.make', { requestId: request.id, format: 'both', contents: 'full' }) as Made;
    const text = pdfText(fileOf(made, '.pdf'), made.passphrase).replace(/\s+/g, ' ');
    expect(text).not.toContain('Werkgever J. Jansen vertelt over verzuim.');
    expect(text).not.toContain('Gesprek met werkgever');
    expect(text).toContain(WITHHELD);
    const zip = await unzip(fileOf(made, '.zip'), made.passphrase);
    for (const [name, bytes] of zip) expect(bytes.includes('vertelt over verzuim'), name).toBe(false);
  }, 60_000);
});

describe('the copy\'s register line and audit line (issue 10)', () => {
  it('R21 R05 are written in one transaction: when the audit line cannot be written, no copy is registered; otherwise the line names the registered copy', async () => {
    const w = await shieldWorld('field');
    const sqlite = w.vault.admin.state.handle!.sqlite;
    const copies = () => sqlite.prepare('SELECT id, made_at AS madeAt FROM copies').all() as { id: number; madeAt: string }[];
    // A temporary trigger (this connection only) makes the copy's audit line fail.
    sqlite.exec("CREATE TEMP TRIGGER no_copy_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'copies.make' BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
    await expect(w.administration.call('copies.make', { requestId: w.requestId, format: 'zip', contents: 'overview' })).rejects.toMatchObject({ code: 'operation.failed' });
    expect(copies()).toEqual([]);
    sqlite.exec('DROP TRIGGER no_copy_audit');
    const made = await w.administration.call('copies.make', { requestId: w.requestId, format: 'zip', contents: 'overview' }) as Made;
    const [row] = copies();
    const lines = sqlite.prepare("SELECT at, participant_id AS p, objects FROM audit_log WHERE action = 'copies.make' AND outcome = 'ok'").all() as { at: string; p: number; objects: string }[];
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!.objects)).toMatchObject({ requestId: w.requestId, copyId: row!.id, sha256: made.files.map((f) => f.sha256) });
    expect(lines[0]!.at).toBe(row!.madeAt);
    expect(lines[0]!.p).toBe(w.participantId);
  }, 60_000);
});

describe('the shield register in the copy (issue 10)', () => {
  it('R22 R26 names a shield aimed at a colleague by role, never by name; a shield aimed at the copy itself is not named, nor the mandate form it hides', async () => {
    const w = await shieldWorld('entry');
    await w.owner.call('shielding.place', { ...shieldFor(w, [{ kind: 'user', userId: w.colleague.state.session!.userId }]), requestedBy: 'participant' });
    await w.owner.call('mandates.record', {
      participantId: w.participantId, direction: 'shareWith', recipientId: w.other.id, purpose: 'reintegration', purposeNote: null,
      categories: ['work'], validFrom: '2026-01-01', validUntil: null, given: { how: 'signedForm', documentId: w.ids.documentId! },
    });
    await w.owner.call('shielding.place', { ...shieldFor(w, [{ kind: 'participantCopy' }]), target: { kind: 'document', documentId: w.ids.documentId! } });
    const made = await w.administration.call('copies.make', { requestId: w.requestId, format: 'both', contents: 'overview' }) as Made;
    const text = pdfText(fileOf(made, '.pdf'), made.passphrase).replace(/\s+/g, ' ');
    expect(text).toContain('Sinds 23-04-2026 is een journaalregel afgeschermd voor: een consulent.');
    expect(text).not.toContain('een document afgeschermd');
    expect(text).not.toContain('Cor Collega');
    const json = JSON.parse((await unzip(fileOf(made, '.zip'), made.passphrase)).get('dossier.json')!.toString());
    expect(json.shieldRegister).toEqual([{ target: 'een journaalregel', since: TODAY, shieldedFrom: ['een consulent'] }]);
    expect(json.mandates.map((m: { recipient: string; form: string | null }) => [m.recipient, m.form])).toEqual([['Gemeente Utrecht', null]]); // its form is shielded from the copy
  }, 60_000);
});

describe('staff names in the copy\'s access log (issue 10)', () => {
  it('R05 R21 by default the log names role and organisation only; with the organisation setting on, also the staff member', async () => {
    const w = await shieldWorld('field');
    const logOf = async () => {
      const made = await w.administration.call('copies.make', { requestId: w.requestId, format: 'both', contents: 'overview' }) as Made;
      const json = JSON.parse((await unzip(fileOf(made, '.zip'), made.passphrase)).get('dossier.json')!.toString()) as { accessLog: { action: string; role: string; organisation: string; name: string | null }[] };
      return { text: pdfText(fileOf(made, '.pdf'), made.passphrase).replace(/\s+/g, ' '), log: json.accessLog };
    };
    const { profile } = await w.privacyOfficer.call('policy.get', {});
    expect(profile.copies.staffNamesInAccessLog).toBe(false);
    const off = await logOf();
    expect(off.text).toMatch(/maakte het dossier aan — door: consulent \(Testbureau\)/);
    expect(off.text).not.toContain('Eva Eigenaar');
    expect(off.log.find((l) => l.action === 'dossiers.create')).toMatchObject({ role: 'consulent', organisation: 'Testbureau', name: null });

    await w.privacyOfficer.call('policy.update', { profile: { ...profile, copies: { staffNamesInAccessLog: true } } });
    const on = await logOf();
    expect(on.text).toMatch(/maakte het dossier aan — door: Eva Eigenaar, consulent \(Testbureau\)/);
    expect(on.log.find((l) => l.action === 'dossiers.create')).toMatchObject({ role: 'consulent', organisation: 'Testbureau', name: 'Eva Eigenaar' });
    await expect(w.administration.call('policy.update', { profile: { ...profile, copies: { staffNamesInAccessLog: false } } })).rejects.toMatchObject({ code: 'auth.forbidden' });
  }, 60_000);
});

describe('the request\'s content view (issue 10, item 4)', () => {
  it('R21 R22 copies.content shows what the copy holds — categories, trajectories, documents with sizes, recipients, mandates — and nothing shielded from the copy', async () => {
    const w = await shieldWorld('entry');
    await w.administration.call('shielding.place', { ...shieldFor(w, [{ kind: 'participantCopy' }]), requestedBy: 'staff', reason: 'Gegevens over een derde die bezwaar maakte (R22)' });
    await w.owner.call('mandates.record', {
      participantId: w.participantId, direction: 'shareWith', recipientId: w.other.id, purpose: 'reintegration', purposeNote: null,
      categories: ['work'], validFrom: '2026-01-01', validUntil: null, given: { how: 'signedForm', documentId: w.ids.documentId! },
    });
    const content = await w.administration.call('copies.content', { requestId: w.requestId });
    expect(JSON.stringify(content)).not.toContain(CANARY);
    expect(content.withheldSections).toContain('entries');
    expect(content.documents.map((d) => [d.fileName, d.size])).toEqual([['rapport.txt', 'gewoon document'.length]]);
    expect(content.disclosures.map((d) => d.recipient)).toEqual(['UWV Utrecht']);
    expect(content.mandates.map((m) => [m.recipient, m.state, m.form])).toEqual([['Gemeente Utrecht', 'geldig', 'rapport.txt']]);
    expect(content.trajectories.map((t) => t.commissioner)).toEqual(['UWV']);
    // The copy made next holds the same (its access log has one line more: this view).
    const made = await w.administration.call('copies.make', { requestId: w.requestId, format: 'zip', contents: 'overview' }) as Made;
    const json = JSON.parse((await unzip(fileOf(made, '.zip'), made.passphrase)).get('dossier.json')!.toString());
    const { accessLog: viewLog, ...view } = content;
    const { accessLog: copyLog, ...copy } = json;
    expect(copy).toEqual(view);
    expect(copyLog.map((l: { action: string }) => l.action)).toContain('copies.content');
    expect(copyLog.length).toBeGreaterThan(viewLog.length);

    const { request } = await w.administration.call('requests.intake', { participantId: w.participantId, type: 'inzage', requester: { kind: 'participant' }, channel: 'letter', receivedOn: TODAY, description: 'Nog niet geverifieerd', changes: [] });
    await expect(w.administration.call('copies.content', { requestId: request.id })).rejects.toMatchObject({ code: 'request.identityNotVerified' });
    await expect(w.owner.call('copies.content', { requestId: w.requestId })).rejects.toMatchObject({ code: 'auth.forbidden' });
  }, 60_000);
});
