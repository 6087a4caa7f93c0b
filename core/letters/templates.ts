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

export interface LetterRequest {
  type: RequestType;
  receivedOn: string;
  dueOn: string;
  statutoryMaxOn: string;
  addressee: string;
  address: string | null;
  participantName: string;
  dossierNumber: string;
  representative: { name: string; relation: string } | null;
  organisation: string;
  handlerName: string;
}

export interface Letter { subject: string; body: string }

/** 23 april 2026 */
export function dutchDate(iso: string): string {
  const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${months[(m ?? 1) - 1]} ${y}`;
}

const AP = 'Bent u het niet eens met de afhandeling, dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens, '
  + 'Postbus 93374, 2509 AJ Den Haag (www.autoriteitpersoonsgegevens.nl). U kunt de Autoriteit Persoonsgegevens ook vragen '
  + 'om te bemiddelen of u te adviseren.';

function head(r: LetterRequest): string {
  const lines = [r.addressee, r.address].filter(Boolean);
  const about = r.representative ? `\nBetreft: ${r.participantName} (dossier ${r.dossierNumber}); u treedt op als ${r.representative.relation}.` : `\nDossier: ${r.dossierNumber}`;
  return `${lines.join('\n')}\n${about}\n\nGeachte ${r.addressee},\n\n`;
}

function foot(r: LetterRequest): string {
  return `\n\nMet vriendelijke groet,\n\n${r.handlerName}\nAfdeling Administratie, ${r.organisation}`;
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
    parts.push(`Voordat wij uw verzoek in behandeling nemen, stellen wij uw identiteit vast. Neemt u daarvoor een geldig identiteitsbewijs mee of laat u dit zien aan onze medewerker.`);
    parts.push(`U ontvangt uiterlijk ${dutchDate(r.dueOn)} ons antwoord. Inzage en een afschrift zijn kosteloos.`);
  }
  return { subject: `Ontvangstbevestiging van uw verzoek om ${requestTypeNl[r.type]}`, body: head(r) + parts.join('\n\n') + foot(r) };
}

export interface DecisionInfo {
  outcome: 'granted' | 'partlyGranted' | 'refused';
  decidedOn: string;
  reasons: string | null;
  exceptionGround: string | null;
  changes: string[];
}

export function decisionLetter(r: LetterRequest, d: DecisionInfo): Letter {
  const verdict = { granted: 'wij uw verzoek toewijzen', partlyGranted: 'wij uw verzoek gedeeltelijk toewijzen', refused: 'wij uw verzoek afwijzen' }[d.outcome];
  const parts = [`Op ${dutchDate(r.receivedOn)} ontvingen wij uw verzoek om ${requestTypeNl[r.type]}. Op ${dutchDate(d.decidedOn)} hebben wij besloten dat ${verdict}.`];
  if (d.changes.length) parts.push(`De volgende wijzigingen voeren wij door:\n${d.changes.map((c) => `- ${c}`).join('\n')}`);
  if (d.reasons) parts.push(`Onze redenen:\n${d.reasons}`);
  if (d.exceptionGround) parts.push(`Ons bestuur heeft besloten tot een uitzondering op dit recht, in het belang van ${d.exceptionGround}.`);
  if ((r.type === 'correctie' || r.type === 'aanvulling') && d.outcome !== 'granted') {
    parts.push('Bent u het niet eens met wat in uw dossier staat, dan kunt u een eigen verklaring laten toevoegen. Die verklaring wordt bij de betreffende gegevens bewaard.');
  }
  if (d.outcome !== 'granted') parts.push(AP);
  return { subject: `Besluit op uw verzoek om ${requestTypeNl[r.type]}`, body: head(r) + parts.join('\n\n') + foot(r) };
}

export function extensionLetter(r: LetterRequest, e: { extendedTo: string; reason: string; noticeOn: string }): Letter {
  const parts = [
    `Op ${dutchDate(r.receivedOn)} ontvingen wij uw verzoek om ${requestTypeNl[r.type]}. Wij hebben meer tijd nodig om het zorgvuldig af te handelen.`,
    `Reden: ${e.reason}`,
    `U ontvangt uiterlijk ${dutchDate(e.extendedTo)} ons antwoord. Dat is binnen de wettelijke termijn van drie maanden na ontvangst (artikel 12 lid 3 AVG).`,
    AP,
  ];
  return { subject: `Verlenging van de termijn voor uw verzoek om ${requestTypeNl[r.type]}`, body: `${dutchDate(e.noticeOn)}\n\n` + head(r) + parts.join('\n\n') + foot(r) };
}

/** R24: the notice to an earlier recipient that data they received has been corrected. */
export function correctionNoticeLetter(n: { recipientName: string; participantName: string; dossierNumber: string; disclosedOn: string[]; changes: string[]; organisation: string; handlerName: string; today: string }): string {
  const when = n.disclosedOn.length ? ` op ${n.disclosedOn.map(dutchDate).join(', ')}` : '';
  return `${dutchDate(n.today)}\n\n${n.recipientName}\n\nBetreft: correctie van verstrekte gegevens, ${n.participantName} (dossier ${n.dossierNumber})\n\n`
    + `Geachte heer, mevrouw,\n\nWij hebben u${when} gegevens verstrekt over bovengenoemde persoon. Op diens verzoek hebben wij een deel van die gegevens gecorrigeerd (artikel 16 en 19 AVG):\n`
    + `${n.changes.map((c) => `- ${c}`).join('\n')}\n\nWilt u de gegevens in uw eigen administratie op dezelfde manier aanpassen?`
    + `\n\nMet vriendelijke groet,\n\n${n.handlerName}\nAfdeling Administratie, ${n.organisation}`;
}
