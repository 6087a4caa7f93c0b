// Dutch letter templates for data-subject requests: acknowledgement, decision, extension notice
// (R34) and the notice to an earlier recipient of corrected data (R24). Plain text, so the
// administration can paste it into the organisation's own letterhead.
import type { RequestType } from '../policy/profile.ts';

export const requestTypeNl: Record<RequestType, string> = {
  inzage: 'inzage in uw dossier',
  afschrift: 'een afschrift van uw dossier',
  correctie: 'correctie van uw gegevens',
  aanvulling: 'aanvulling van uw gegevens',
  afscherming: 'afscherming van delen van uw dossier',
  verwijdering: 'verwijdering van uw gegevens',
  beperking: 'beperking van de verwerking van uw gegevens',
  verzet: 'verzet tegen verstrekking van uw gegevens',
  overdraagbaarheid: 'overdracht van uw gegevens',
  intrekkingToestemming: 'intrekking van uw toestemming',
  klacht: 'uw klacht',
};

/** How the letter addresses its reader: the participant's gender and name, or a representative's name. */
export interface Addressee {
  gender: 'female' | 'male' | 'other' | 'unknown' | null;
  lastNamePrefix: string | null;
  lastName: string;
}

export interface LetterRequest {
  type: RequestType;
  receivedOn: string;
  dueOn: string;
  statutoryMaxOn: string;
  addressee: string;
  address: string | null;
  salutation: Addressee;
  participantName: string;
  dossierNumber: string;
  representative: { name: string; relation: string } | null;
  /** When identity was verified (R33); null while it is not. */
  identityVerifiedOn: string | null;
  organisation: string;
  /** The organisation's place for the date line; null when not set. */
  place: string | null;
  /** The date the letter is made. */
  today: string;
  handlerName: string;
}

export interface Letter { subject: string; body: string }

const genderNl: Record<string, string> = { female: 'vrouw', male: 'man', other: 'anders', unknown: 'onbekend' };

/** A participant field's value in a Dutch text: dates DD-MM-JJJJ, enum values in words ("vrouw", not "female"). */
export function fieldValueNl(field: string, value: string): string {
  if (field === 'gender') return genderNl[value] ?? value;
  if (field === 'birthDate' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value.slice(8, 10)}-${value.slice(5, 7)}-${value.slice(0, 4)}`;
  return value;
}

/** 23 april 2026 */
export function dutchDate(iso: string): string {
  const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${months[(m ?? 1) - 1]} ${y}`;
}

/** The supervisory authority's postal address (R35), shared by the letters and the copy's cover letter. */
export const AP_ADDRESS = ['Autoriteit Persoonsgegevens', 'Postbus 93374', '2509 AJ Den Haag', 'autoriteitpersoonsgegevens.nl'] as const;

const AP = `Bent u het niet eens met de afhandeling, dan kunt u een klacht indienen bij de ${AP_ADDRESS[0]}, `
  + `${AP_ADDRESS[1]}, ${AP_ADDRESS[2]} (www.${AP_ADDRESS[3]}). U kunt de Autoriteit Persoonsgegevens ook vragen `
  + 'om te bemiddelen of u te adviseren.';

/**
 * "Geachte heer Van den Berg," / "Geachte mevrouw …" / "Geachte heer of mevrouw …" when the gender
 * is unknown or other. After the salutation the last-name prefix takes a capital ("van den" →
 * "Van den"); an apostrophe prefix ("'t") stays as it is.
 */
export function salutation(a: Addressee): string {
  const title = a.gender === 'male' ? 'heer' : a.gender === 'female' ? 'mevrouw' : 'heer of mevrouw';
  const prefix = a.lastNamePrefix?.trim() ?? '';
  const capital = prefix && !prefix.startsWith("'") ? prefix[0]!.toLocaleUpperCase('nl-NL') + prefix.slice(1) : prefix;
  return `Geachte ${title} ${[capital, a.lastName.trim()].filter(Boolean).join(' ')},`;
}

/** "Utrecht, 2 december 2026", or only the date while the organisation has not set its place. */
export function dateLine(place: string | null, date: string): string {
  return place ? `${place}, ${dutchDate(date)}` : dutchDate(date);
}

function head(r: LetterRequest, date = r.today): string {
  const lines = [r.addressee, r.address].filter(Boolean);
  const about = r.representative ? `Betreft: ${r.participantName} (dossier ${r.dossierNumber}); u treedt op als ${r.representative.relation}.` : `Dossier: ${r.dossierNumber}`;
  return `${lines.join('\n')}\n\n${dateLine(r.place, date)}\n\n${about}\n\n${salutation(r.salutation)}\n\n`;
}

function foot(r: LetterRequest): string {
  return `\n\nMet vriendelijke groet,\n\n${r.handlerName}\nAfdeling Administratie, ${r.organisation}`;
}

/** What happens with each kind of request, in the acknowledgement (art. 12(5) AVG: free of charge). */
const acknowledgementNote: Record<RequestType, string> = {
  inzage: 'Inzage in uw dossier en een afschrift zijn kosteloos.',
  afschrift: 'Inzage in uw dossier en een afschrift zijn kosteloos.',
  overdraagbaarheid: 'U ontvangt uw gegevens kosteloos in een gangbaar, machineleesbaar formaat, over een beveiligde weg; op uw verzoek sturen wij ze rechtstreeks naar een andere organisatie.',
  correctie: 'Wij beoordelen of de gegevens die u noemt onjuist, onvolledig of niet ter zake dienend zijn. Passen wij iets aan, dan laten wij dat ook weten aan wie de gegevens eerder van ons kreeg. Wijzen wij uw verzoek geheel of gedeeltelijk af, dan leggen wij uit waarom. Aan de behandeling zijn geen kosten verbonden.',
  aanvulling: 'Wij beoordelen of de gegevens in uw dossier onvolledig zijn en vullen ze zo nodig aan. Passen wij iets aan, dan laten wij dat ook weten aan wie de gegevens eerder van ons kreeg. Aan de behandeling zijn geen kosten verbonden.',
  afscherming: 'Wij beoordelen welke delen van uw dossier wij afschermen en voor wie. Aan de behandeling zijn geen kosten verbonden.',
  verwijdering: 'Wij beoordelen of wij uw gegevens mogen verwijderen. Moeten wij gegevens op grond van de wet bewaren, dan leggen wij uit welke en waarom. Aan de behandeling zijn geen kosten verbonden.',
  beperking: 'Wij beoordelen of wij het gebruik van uw gegevens beperken. Aan de behandeling zijn geen kosten verbonden.',
  verzet: 'Wij wegen uw bezwaar af tegen de reden waarom wij uw gegevens verwerken of verstrekken. Aan de behandeling zijn geen kosten verbonden.',
  intrekkingToestemming: 'Na de intrekking verstrekken wij geen gegevens meer op grond van uw toestemming; wat wij eerder met uw toestemming hebben verstrekt, blijft rechtmatig verstrekt. Aan de behandeling zijn geen kosten verbonden.',
  klacht: '',
};

/** R20, R33: before identity is verified the letter asks for it; after, it says when it was. */
function identityParagraph(r: LetterRequest): string {
  if (r.identityVerifiedOn) return `Op ${dutchDate(r.identityVerifiedOn)} hebben wij uw identiteit vastgesteld. Wij nemen uw verzoek in behandeling.`;
  const who = r.representative
    ? `dat het verzoek van u komt en dat u namens ${r.participantName} mag optreden. Wilt u daarvoor uw eigen geldige identiteitsbewijs laten zien, met een bewijs dat u ${r.representative.relation} bent (bijvoorbeeld een machtiging of de beschikking van de rechter)?`
    : 'dat het verzoek van u komt. Wilt u daarvoor een geldig identiteitsbewijs (paspoort, identiteitskaart of rijbewijs) laten zien aan onze medewerker?';
  return `Voordat wij uw dossier inzien of iets aan uw gegevens doen, moeten wij zeker weten ${who} Stuurt u liever een kopie, maak dan uw burgerservicenummer en pasfoto onleesbaar. Wij gebruiken uw identiteitsbewijs alleen om uw identiteit vast te stellen.`;
}

export function acknowledgementLetter(r: LetterRequest): Letter {
  const parts = [
    `Op ${dutchDate(r.receivedOn)} hebben wij uw verzoek om ${requestTypeNl[r.type]} ontvangen. Met deze brief bevestigen wij de ontvangst.`,
  ];
  if (r.type === 'klacht') {
    // R35: the complaint follows the internal procedure; the participant is pointed to the AP.
    parts.push(`Wij behandelen uw klacht volgens onze interne klachtenprocedure en laten u uiterlijk ${dutchDate(r.dueOn)} weten wat wij ermee doen.`);
    parts.push(AP);
  } else {
    parts.push(identityParagraph(r));
    parts.push(`U ontvangt uiterlijk ${dutchDate(r.dueOn)} ons antwoord. ${acknowledgementNote[r.type]}`);
  }
  return { subject: `Ontvangstbevestiging van uw verzoek om ${requestTypeNl[r.type]}`, body: head(r) + parts.join('\n\n') + foot(r) };
}

/** What the decision on an inzage or afschrift tells (AVG art. 15(1), R21, R35): from the read model. */
export interface CopyFacts {
  purposes: string[];
  recipients: { recipient: string; disclosedOn: string; purpose: string; categories: string[] }[];
  retention: { defaultYearsAfterLastContact: number; perTrajectory: { typeLabel: string; years: number; until: string | null }[] };
  enclosed: { categories: string[]; trajectories: number; entries: number; documents: number; ownStatements: number; withheld: boolean };
}

export interface DecisionInfo {
  outcome: 'granted' | 'partlyGranted' | 'refused';
  decidedOn: string;
  reasons: string | null;
  exceptionGround: string | null;
  changes: string[];
  /** For an inzage or afschrift that is (partly) granted. */
  copy?: CopyFacts | null;
}

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function copyParagraphs(c: CopyFacts): string[] {
  const e = c.enclosed;
  const enclosed = [
    `uw persoonsgegevens (${e.categories.join(', ').toLowerCase() || 'geen'})`,
    count(e.trajectories, 'traject', 'trajecten'), count(e.entries, 'journaalregel', 'journaalregels'),
    count(e.documents, 'document', 'documenten'), count(e.ownStatements, 'eigen verklaring', 'eigen verklaringen'),
  ];
  const parts = [
    `Bijgesloten vindt u een kopie van de gegevens die wij over u verwerken (artikel 15 AVG): ${enclosed.join(', ')}, met het overzicht van wie uw dossier heeft ingezien.`
      + (e.withheld ? ' Een deel van de gegevens is niet opgenomen, omdat het gegevens over anderen bevat (artikel 15 lid 4 AVG).' : ''),
    `Wij verwerken uw gegevens voor: ${c.purposes.join(', ')}.`,
    c.recipients.length
      ? `Wij hebben gegevens over u verstrekt aan:\n${c.recipients.map((d) => `- ${d.recipient} op ${ddmmyyyy(d.disclosedOn)}: ${d.categories.join(', ').toLowerCase()}, voor ${d.purpose}`).join('\n')}`
      : 'Wij hebben geen gegevens over u aan anderen verstrekt.',
    c.retention.perTrajectory.length
      ? `Bewaartermijn: wij bewaren uw dossier tot het verstrijken van de termijn van het laatste traject:\n${c.retention.perTrajectory.map((t) => `- ${t.typeLabel}: ${t.years} jaar na het einde van het traject${t.until ? ` (tot ${ddmmyyyy(t.until)})` : ' (het traject loopt nog)'}`).join('\n')}`
      : `Bewaartermijn: wij bewaren uw dossier ${c.retention.defaultYearsAfterLastContact} jaar na het laatste contact.`,
  ];
  return parts;
}

export function decisionLetter(r: LetterRequest, d: DecisionInfo): Letter {
  const verdict = { granted: 'wij uw verzoek toewijzen', partlyGranted: 'wij uw verzoek gedeeltelijk toewijzen', refused: 'wij uw verzoek afwijzen' }[d.outcome];
  const parts = [`Op ${dutchDate(r.receivedOn)} ontvingen wij uw verzoek om ${requestTypeNl[r.type]}. Op ${dutchDate(d.decidedOn)} hebben wij besloten dat ${verdict}.`];
  const heading = r.type === 'verwijdering' ? 'Wij verwijderen het volgende (artikel 17 AVG)' : 'De volgende wijzigingen voeren wij door';
  if (d.changes.length) parts.push(`${heading}:\n${d.changes.map((c) => `- ${c}`).join('\n')}`);
  if (d.copy && d.outcome !== 'refused') parts.push(...copyParagraphs(d.copy));
  if (d.reasons) parts.push(`Onze redenen:\n${d.reasons}`);
  if (d.exceptionGround) parts.push(`Ons bestuur heeft besloten tot een uitzondering op dit recht, in het belang van ${d.exceptionGround}.`);
  if ((r.type === 'correctie' || r.type === 'aanvulling') && d.outcome !== 'granted') {
    parts.push('Bent u het niet eens met wat in uw dossier staat, dan kunt u een eigen verklaring laten toevoegen. Die verklaring wordt bij de betreffende gegevens bewaard.');
  }
  // R35: a refusal, and every answer to an inzage or afschrift, names the route to the AP.
  if (d.outcome !== 'granted' || d.copy) parts.push(AP);
  return { subject: `Besluit op uw verzoek om ${requestTypeNl[r.type]}`, body: head(r) + parts.join('\n\n') + foot(r) };
}

export function extensionLetter(r: LetterRequest, e: { extendedTo: string; reason: string; noticeOn: string }): Letter {
  const parts = [
    `Op ${dutchDate(r.receivedOn)} ontvingen wij uw verzoek om ${requestTypeNl[r.type]}. Wij hebben meer tijd nodig om het zorgvuldig af te handelen.`,
    `Reden: ${e.reason}`,
    `U ontvangt uiterlijk ${dutchDate(e.extendedTo)} ons antwoord. Dat is binnen de wettelijke termijn van drie maanden na ontvangst (artikel 12 lid 3 AVG).`,
    AP,
  ];
  return { subject: `Verlenging van de termijn voor uw verzoek om ${requestTypeNl[r.type]}`, body: head(r, e.noticeOn) + parts.join('\n\n') + foot(r) };
}

/** R24: the notice to an earlier recipient that data they received has been corrected. */
export function correctionNoticeLetter(n: { recipientName: string; participantName: string; dossierNumber: string; disclosedOn: string[]; changes: string[]; organisation: string; place: string | null; handlerName: string; today: string }): string {
  const when = n.disclosedOn.length ? ` op ${n.disclosedOn.map(dutchDate).join(', ')}` : '';
  return `${n.recipientName}\n\n${dateLine(n.place, n.today)}\n\nBetreft: correctie van verstrekte gegevens, ${n.participantName} (dossier ${n.dossierNumber})\n\n`
    + `Geachte heer, mevrouw,\n\nWij hebben u${when} gegevens verstrekt over bovengenoemde persoon. Op diens verzoek hebben wij een deel van die gegevens gecorrigeerd (artikel 16 en 19 AVG):\n`
    + `${n.changes.map((c) => `- ${c}`).join('\n')}\n\nWilt u de gegevens in uw eigen administratie op dezelfde manier aanpassen?`
    + `\n\nMet vriendelijke groet,\n\n${n.handlerName}\nAfdeling Administratie, ${n.organisation}`;
}

/**
 * R28, R29 (AVG art. 17 and 19): the notice to an earlier recipient that data they received has
 * been erased. It names what was erased, never its content. After an anonymisation
 * (participant null) it names no one, since the dossier no longer links to the person: it points
 * to the disclosures by their number and date, which the recipient can find in its own records.
 */
export function erasureNoticeLetter(n: { recipientName: string; participant: { name: string; dossierNumber: string } | null; disclosureIds: number[]; disclosedOn: string[]; items: string[]; organisation: string; place: string | null; handlerName: string; today: string }): string {
  const when = n.disclosedOn.length ? ` op ${n.disclosedOn.map(dutchDate).join(', ')}` : '';
  const refs = n.disclosureIds.map((id) => `V-${id}`).join(', ');
  const about = n.participant ? `${n.participant.name} (dossier ${n.participant.dossierNumber})` : `onze verstrekking${n.disclosureIds.length === 1 ? '' : 'en'} ${refs}`;
  const what = n.participant
    ? `Op diens verzoek hebben wij een deel van die gegevens verwijderd (artikel 17 en 19 AVG):\n${n.items.map((c) => `- ${c}`).join('\n')}`
    : `Op verzoek van deze persoon hebben wij het dossier geanonimiseerd (artikel 17 en 19 AVG): wij bewaren niets meer dat naar hem of haar leidt, ook de naam niet. Daarom noemt deze brief alleen ons kenmerk van de verstrekking${n.disclosureIds.length === 1 ? '' : 'en'} (${refs}).`;
  return `${n.recipientName}\n\n${dateLine(n.place, n.today)}\n\nBetreft: verwijdering van verstrekte gegevens, ${about}\n\n`
    + `Geachte heer, mevrouw,\n\nWij hebben u${when} gegevens verstrekt over ${n.participant ? 'bovengenoemde persoon' : 'een deelnemer'}. ${what}\n\n`
    + 'Wilt u de gegevens die u van ons ontving ook uit uw eigen administratie verwijderen, voor zover u ze niet op grond van de wet moet bewaren?'
    + `\n\nMet vriendelijke groet,\n\n${n.handlerName}\nAfdeling Administratie, ${n.organisation}`;
}
