// Synthetic demo data: Dutch-looking participants, trajectories, journal entries and a few
// documents, then recipients, mandates, disclosures and requests (consent.ts), reproducible per seed (@faker-js/faker, nl locale). Nothing here is real: names,
// addresses and texts are generated. Bulk inserts go straight to prepared statements in large
// transactions, because 100,000 participants must be written within minutes.
import { createHash } from 'node:crypto';
import { fakerNL as faker } from '@faker-js/faker';
import type { Sqlite } from '../../db/connection.ts';
import { generateConsentDemo, type ConsentCandidate, type ConsentDemoCounts } from './consent.ts';
import { splitLastName } from './names.ts';
import { formatDossierNumber, lastIssued, markIssued } from '../dossiers/numbers.ts';

export interface DemoOptions {
  participants: number;
  seed: number;
  entriesPerParticipant: number;
  consultantIds: number[];
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

const TRAJECTORY_TYPES = ['uwv', 'wmo', 'participatiewet', 'jeugdwet', 'wlz', 'other'] as const;
const COMMISSIONERS: Record<(typeof TRAJECTORY_TYPES)[number], string[]> = {
  uwv: ['UWV Werkbedrijf', 'UWV Sociaal Medische Zaken'],
  wmo: ['Gemeente Utrecht', 'Gemeente Amersfoort', 'Gemeente Zwolle'],
  participatiewet: ['Gemeente Rotterdam', 'Gemeente Den Haag'],
  jeugdwet: ['Gemeente Eindhoven'],
  wlz: ['Zorgkantoor Midden'],
  other: ['Werkgever (eigen risicodrager)'],
};
const OPENINGS = ['Gesprek gevoerd over', 'Telefonisch contact over', 'Voortgang besproken rond', 'Afspraak gemaakt over', 'Rapportage opgesteld over'];
const TOPICS = ['het plan van aanpak', 'de sollicitaties van deze maand', 'de werkervaringsplek', 'de belastbaarheid', 'de scholingsmogelijkheden', 'het netwerk van de deelnemer', 'de dagstructuur', 'de re-integratiedoelen', 'het proefplaatsingstraject', 'de begeleiding op de werkvloer'];
const FOLLOW_UPS = ['Deelnemer is gemotiveerd en neemt zelf initiatief.', 'Volgende afspraak over twee weken.', 'Actiepunten zijn samen vastgelegd.', 'Terugkoppeling aan de opdrachtgever volgt.', 'Deelnemer geeft aan meer ondersteuning nodig te hebben.', 'Er is voortgang zichtbaar ten opzichte van vorige maand.'];

function pick<T>(list: readonly T[]): T {
  return list[faker.number.int({ min: 0, max: list.length - 1 })]!;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export type DemoCounts = { participants: number; entries: number; documents: number } & ConsentDemoCounts;

export function generateDemo(sqlite: Sqlite, opts: DemoOptions): DemoCounts {
  faker.seed(opts.seed);
  const nowIso = opts.now.toISOString();
  const year = nowIso.slice(0, 4);
  let seq = lastIssued(sqlite, year);
  const insP = sqlite.prepare(`INSERT INTO participants (dossier_number, first_name, last_name_prefix, last_name, birth_date, gender, street, house_number, postcode, city, phone, email,
    phone_secret, email_secret, living_situation, work_history, source, source_note, status, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`);
  const insT = sqlite.prepare(`INSERT INTO trajectories (participant_id, type, commissioner, start_date, end_date, status, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insE = sqlite.prepare(`INSERT INTO entries (participant_id, trajectory_id, kind, entry_date, title, body, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insC = sqlite.prepare(`INSERT INTO caseload (participant_id, user_id, assigned_at, assigned_by) VALUES (?, ?, ?, ?)`);
  const insD = sqlite.prepare(`INSERT INTO documents (participant_id, kind, file_name, mime_type, size, sha256, content, uploaded_by, uploaded_at) VALUES (?, 'cv', ?, 'text/plain', ?, ?, ?, ?, ?)`);
  const prefixes = [null, null, null, 'de', 'van', 'van der', 'van den', 'ter'];
  let entriesWritten = 0;
  let documentsWritten = 0;
  // Three in ten participants gave (or withdrew) consent to share data: they get mandates and disclosures.
  const consent: ConsentCandidate[] = [];
  const batch = 1000;
  for (let start = 0; start < opts.participants; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(start + batch, opts.participants); i++) {
        const sex = faker.person.sexType();
        const firstName = faker.person.firstName(sex);
        const surname = splitLastName(faker.person.lastName());
        const lastName = surname.lastName;
        const randomPrefix = pick(prefixes); // drawn always, so the rest of a seed's random sequence stays as it was
        const prefix = surname.prefix ?? randomPrefix;
        const birth = faker.date.birthdate({ min: 17, max: 66, mode: 'age', refDate: opts.now });
        const city = faker.location.city();
        const consultant = opts.consultantIds[i % opts.consultantIds.length]!;
        seq++;
        const pid = Number(insP.run(formatDossierNumber(year, seq), firstName, prefix, lastName, isoDate(birth), sex === 'female' ? 'female' : 'male',
          faker.location.street(), String(faker.number.int({ min: 1, max: 300 })), faker.location.zipCode('#### ??').toUpperCase(), city,
          `06${faker.string.numeric(8)}`, faker.internet.email({ firstName, lastName: [prefix, lastName].filter(Boolean).join('') }).toLowerCase(),
          i % 17 === 0 ? 1 : 0, i % 23 === 0 ? 1 : 0, pick(['Woont zelfstandig', 'Woont bij ouders', 'Woont samen met partner en kinderen', 'Beschermd wonen']),
          pick(['Ervaring in de logistiek', 'Werkte in de zorg', 'Horeca-ervaring', 'Geen recente werkervaring', 'Administratief medewerker']),
          i % 5 === 0 ? 'commissioner' : 'participant', i % 5 === 0 ? 'Deelnemer gaf toestemming voor overdracht door de opdrachtgever' : null, nowIso, nowIso).lastInsertRowid);
        insC.run(pid, consultant, nowIso, consultant);
        const type = pick(TRAJECTORY_TYPES);
        const startDate = faker.date.past({ years: 3, refDate: opts.now });
        const tid = Number(insT.run(pid, type, pick(COMMISSIONERS[type]), isoDate(startDate), null, 'active', 'Traject naar passend werk', nowIso).lastInsertRowid);
        const span = opts.now.getTime() - startDate.getTime();
        const candidate = i % 10 === 1 || i % 10 === 4 || i % 10 === 7 ? { participantId: pid, consultantId: consultant, entryIds: [] as number[], phoneSecret: i % 17 === 0, emailSecret: i % 23 === 0 } : null;
        for (let e = 0; e < opts.entriesPerParticipant; e++) {
          const when = new Date(startDate.getTime() + (span * (e + 1)) / (opts.entriesPerParticipant + 1));
          const topic = pick(TOPICS);
          const entry = insE.run(pid, tid, e % 5 === 4 ? 'report' : e % 2 === 0 ? 'conversation' : 'note', isoDate(when), `${pick(OPENINGS)} ${topic}`,
            `${pick(OPENINGS)} ${topic}. ${pick(FOLLOW_UPS)} ${pick(FOLLOW_UPS)}`, consultant, nowIso, nowIso);
          if (candidate && e >= opts.entriesPerParticipant - 3) candidate.entryIds.push(Number(entry.lastInsertRowid));
        }
        if (candidate) consent.push(candidate);
        entriesWritten += opts.entriesPerParticipant;
        if (i % 50 === 0) {
          const content = Buffer.from(`Curriculum vitae (synthetisch)\n${[firstName, prefix, lastName].filter(Boolean).join(' ')}\n${pick(['Logistiek medewerker', 'Verzorgende', 'Kok', 'Administratief medewerker'])}\n`);
          insD.run(pid, `cv-${seq}.txt`, content.length, createHash('sha256').update(content).digest('hex'), content, consultant, nowIso);
          documentsWritten++;
        }
      }
    })();
    opts.onProgress?.(Math.min(start + batch, opts.participants), opts.participants);
  }
  markIssued(sqlite, year, seq);
  // A bulk load leaves the full-text index in many segments; merging them is what the index
  // would reach over time anyway (10 segments → 1 at 100,000 participants, under a second).
  if (opts.participants >= batch) sqlite.prepare("INSERT INTO participants_fts(participants_fts) VALUES('optimize')").run();
  const made = consent.length > 0 ? generateConsentDemo(sqlite, consent, opts.now, opts.seed) : { recipients: 0, mandates: 0, disclosures: 0, requests: 0 };
  // Every mandate comes with its signed form, a document of the dossier.
  return { participants: opts.participants, entries: entriesWritten, documents: documentsWritten + made.mandates, ...made };
}
