// The human-readable copy: a Dutch, tagged (screen readers), AES-256 encrypted PDF (pdfkit,
// PDF 1.7 extension level 3), with DejaVu Sans embedded so ë, ï, é, ı, ł render, and the dossier
// number, date and page number on every page. Built in memory; nothing touches the disk.
import { openPdf } from '../pdf/document.ts';
import { AP_ADDRESS, fieldValueNl, requestTypeNl, dutchDate } from '../letters/templates.ts';
import { WITHHELD_LINE, sectionNl, type CopyData } from './data.ts';

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
const dateTime = (iso: string) => `${ddmmyyyy(iso)} ${iso.slice(11, 16)}`;
const kb = (n: number) => (n < 1024 ? `${n} bytes` : `${(n / 1024).toFixed(1).replace('.', ',')} kB`);

export async function copyPdf(data: CopyData, passphrase: string): Promise<Buffer> {
  const { doc, block, finish } = openPdf({
    title: `Kopie van dossier ${data.dossierNumber}`, author: data.organisation, password: passphrase,
    subject: `${requestTypeNl[data.request.type as keyof typeof requestTypeNl] ?? data.request.type} ${ddmmyyyy(data.madeOn)}`,
  });
  const withheld = (section: keyof typeof sectionNl) => { if (data.withheldSections.includes(section)) block('P', WITHHELD_LINE); };
  const none = (list: unknown[], text: string) => { if (list.length === 0) block('P', text); };

  // 1. Cover letter (R35).
  block('H1', data.organisation);
  block('P', `Datum: ${ddmmyyyy(data.madeOn)}`);
  block('P', `Dossiernummer: ${data.dossierNumber}`);
  block('H2', `Uw verzoek om ${requestTypeNl[data.request.type as keyof typeof requestTypeNl] ?? data.request.type}`);
  block('P', `Op ${dutchDate(data.request.receivedOn)} ontvingen wij uw verzoek: "${data.request.description}"${/[.!?]$/.test(data.request.description) ? '' : '.'} Met deze brief ontvangt u een kopie van de persoonsgegevens die wij over u verwerken (AVG artikel 15).`);
  block('P', `Bijgesloten: de informatie over de verwerking (doelen, categorieën, ontvangers, machtigingen, bewaartermijn, bron, uw rechten), uw persoonsgegevens, trajecten, journaal, ${data.contents === 'full' ? 'de documenten (als bijlage in dit PDF-bestand)' : 'een overzicht van de documenten'}, uw eigen verklaringen, beperkingen, het overzicht van wie uw dossier heeft ingezien en de afschermingen die voor u zichtbaar zijn.`);
  block('P', 'Bent u het niet eens met de manier waarop wij met uw gegevens omgaan? Dien dan eerst een klacht in bij ons (via uw consulent of onze klachtenregeling). U kunt ook een klacht indienen bij de toezichthouder:');
  block('P', AP_ADDRESS.join('\n'));

  // 2. AVG art. 15(1).
  block('H1', 'Informatie over de verwerking (AVG artikel 15 lid 1)');
  block('H2', 'Doelen en categorieën van gegevens');
  for (const c of data.categories) block('P', `${c.label}${c.special ? ' (bijzondere persoonsgegevens)' : ''}${c.purposes.length ? `: voor ${c.purposes.join(', ')}` : ''}`);
  block('H2', 'Ontvangers aan wie gegevens zijn verstrekt');
  none(data.disclosures, 'Er zijn geen gegevens aan anderen verstrekt.');
  for (const d of data.disclosures) block('P', `${ddmmyyyy(d.disclosedOn)} — ${d.recipient}: ${d.categories.join(', ')}; doel: ${d.purpose}; grondslag: ${d.basis}${d.legalDuty ? ` (${d.legalDuty})` : ''}`);
  block('H2', 'Machtigingen');
  none(data.mandates, 'U heeft geen machtiging gegeven.');
  for (const m of data.mandates) block('P', `${m.recipient}: ${m.direction}, ${m.categories.join(', ')}; doel: ${m.purpose}${m.purposeNote ? ` (${m.purposeNote})` : ''}; van ${ddmmyyyy(m.validFrom)}${m.validUntil ? ` tot ${ddmmyyyy(m.validUntil)}` : ''} — ${m.state}${m.withdrawnOn ? ` op ${ddmmyyyy(m.withdrawnOn)}` : ''}${m.form ? `; formulier: ${m.form}` : ''}`);
  block('H2', 'Bewaartermijn');
  block('P', `Wij bewaren uw dossier volgens ons beleid (${data.retention.profile}). De termijn hangt af van het soort traject en loopt vanaf de einddatum van het traject; zonder traject ${data.retention.defaultYearsAfterLastContact} jaar na het laatste contact.`);
  none(data.retention.perTrajectory, `Er is geen traject: de bewaartermijn is ${data.retention.defaultYearsAfterLastContact} jaar na het laatste contact.`);
  for (const r of data.retention.perTrajectory) {
    const t = data.trajectories.find((x) => x.id === r.trajectoryId);
    block('P', `Traject ${t?.typeLabel ?? r.type} (${t?.commissioner ?? ''}): ${r.years} jaar na de einddatum — ${r.until ? `bewaren tot ${ddmmyyyy(r.until)}` : 'het traject loopt nog'}.`);
  }
  block('H2', 'Bron van de gegevens');
  block('P', data.source.kind === 'participant' ? 'De gegevens zijn van uzelf afkomstig.' : `De gegevens zijn afkomstig van de opdrachtgever${data.source.note ? ` (${data.source.note})` : ''}.`);
  block('H2', 'Uw rechten');
  block('P', 'U heeft het recht op inzage, op correctie of aanvulling van onjuiste of onvolledige gegevens, op verwijdering, op beperking van de verwerking, op bezwaar en op overdraagbaarheid van uw gegevens. U kunt een eigen verklaring aan uw dossier laten toevoegen. U kunt een klacht indienen bij ons en bij de Autoriteit Persoonsgegevens.');

  // 3. The data itself.
  block('H1', 'Uw gegevens');
  block('H2', sectionNl.personal);
  withheld('personal');
  for (const c of data.categories) {
    const fields = data.participant.personal.filter((p) => p.category === c.category);
    if (fields.length === 0) continue;
    block('H3', c.label);
    for (const p of fields) block('P', `${p.label}: ${fieldValueNl(p.field, p.value)}`);
  }
  const statementsFor = (match: (t: { kind: string; entryId?: number; documentId?: number }) => boolean) => data.ownStatements.filter((s) => s.targets.some((t) => match(t as never)));
  const restricted = (match: (t: { kind: string; entryId?: number; documentId?: number }) => boolean) => data.restrictions.some((r) => r.targets.some((t) => match(t as never)));
  for (const s of statementsFor((t) => t.kind === 'field' || t.kind === 'dossier')) block('P', `Eigen verklaring (${ddmmyyyy(s.receivedOn)}): ${s.text}`);
  if (restricted((t) => t.kind === 'field' || t.kind === 'dossier')) block('P', 'Let op: de verwerking van een deel van deze gegevens is beperkt (AVG artikel 18).');
  block('H2', sectionNl.trajectories);
  withheld('trajectories');
  none(data.trajectories, 'Geen trajecten.');
  for (const t of data.trajectories) block('P', `${t.typeLabel} — opdrachtgever ${t.commissioner}; van ${ddmmyyyy(t.startDate)} tot ${t.endDate ? ddmmyyyy(t.endDate) : 'heden (loopt nog)'}${t.description ? `; ${t.description}` : ''}`);
  block('H2', sectionNl.entries);
  withheld('entries');
  none(data.entries, 'Geen journaalregels.');
  for (const e of data.entries) {
    block('H3', `${ddmmyyyy(e.entryDate)} — ${e.title}${e.edited ? ' (gewijzigd)' : ''}`);
    block('P', e.body);
    if (e.restricted || restricted((t) => t.kind === 'entry' && t.entryId === e.id)) block('P', 'Let op: de verwerking van deze journaalregel is beperkt (AVG artikel 18).');
    for (const s of statementsFor((t) => t.kind === 'entry' && t.entryId === e.id)) block('P', `Eigen verklaring (${ddmmyyyy(s.receivedOn)}): ${s.text}`);
  }
  block('H2', sectionNl.documents);
  withheld('documents');
  none(data.documents, 'Geen documenten.');
  for (const d of data.documents) {
    block('P', `${d.fileName} (${kb(d.size)}, ${ddmmyyyy(d.uploadedAt)})${d.content ? ' — als bijlage in dit bestand' : ''}`);
    if (d.content) doc.file(d.content, { name: d.fileName, type: d.mimeType, description: d.fileName, creationDate: new Date(d.uploadedAt), modifiedDate: new Date(d.uploadedAt) });
    for (const s of statementsFor((t) => t.kind === 'document' && t.documentId === d.id)) block('P', `Eigen verklaring (${ddmmyyyy(s.receivedOn)}): ${s.text}`);
  }
  withheld('statements');

  // 4. Who saw or changed the dossier (R05): role and organisation; names only by the organisation's setting.
  block('H1', 'Wie heeft uw dossier ingezien of gewijzigd');
  for (const l of data.accessLog) block('P', `${dateTime(l.at)} — ${l.description} — door: ${l.name ? `${l.name}, ` : ''}${l.role} (${l.organisation})${l.reason ? ` — reden: ${l.reason}` : ''}`);
  block('H1', 'Afschermingen');
  none(data.shieldRegister, 'Er zijn geen afschermingen die voor u zichtbaar zijn.');
  for (const s of data.shieldRegister) block('P', `Sinds ${ddmmyyyy(s.since)} is ${s.target} afgeschermd voor: ${s.shieldedFrom.join(', ')}.`);

  return finish((page, pages) => `Dossier ${data.dossierNumber} · ${ddmmyyyy(data.madeOn)} · pagina ${page} van ${pages}`);
}
