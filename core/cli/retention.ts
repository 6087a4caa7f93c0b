// `dossierkluis retention`: the destruction list in Dutch lines for the terminal (dates DD-MM-JJJJ).
import type { DestructionList } from '../retention/list.ts';

const dmy = (d: string | null) => (d ? `${d.slice(8, 10)}-${d.slice(5, 7)}-${d.slice(0, 4)}` : '—');
const BASIS: Record<string, string> = { term: 'bewaartermijn', death: 'overlijden', request: 'verzoek' };
const SOURCE: Record<string, string> = { entry: 'journaal', document: 'document', trajectoryEnd: 'einde traject', closed: 'afsluiting dossier', opened: 'opening dossier' };
const CATEGORY: Record<string, string> = { uwv: 'UWV', wmo: 'Wmo', jeugdwet: 'Jeugdwet', wlz: 'Wlz', participatiewet: 'Participatiewet', other: 'overig traject', contact: 'laatste contact' };

export function retentionLines(list: DestructionList, withinWeeks: number): string[] {
  const { counts } = list;
  const lines = [`Vernietigingslijst op ${dmy(list.today)}: ${counts.due} ${counts.due === 1 ? 'dossier' : 'dossiers'} aan de beurt`
    + `${withinWeeks > 0 ? `, ${counts.upcoming} binnen ${withinWeeks} ${withinWeeks === 1 ? 'week' : 'weken'}` : ''}`
    + `, ${counts.held} met bewaarplicht, ${counts.inBatch} in een lopende batch.`];
  for (const r of list.rows) {
    const state = r.hold ? `bewaarplicht${r.hold.untilDate ? ` tot ${dmy(r.hold.untilDate)}` : ''}` : r.due ? 'aan de beurt' : 'nog niet';
    lines.push(`  ${r.dossierNumber}  einde termijn ${dmy(r.termEndsOn)}  ${state}  grond: ${BASIS[r.basis] ?? r.basis} (${CATEGORY[r.category] ?? r.category})`
      + `  laatste contact ${dmy(r.lastContact.on)} (${SOURCE[r.lastContact.source] ?? r.lastContact.source})${r.batchId ? `  batch ${r.batchId}` : ''}`);
  }
  if (list.fields.length > 0) {
    lines.push(`Gegevens met een kortere termijn die verwijderd moeten worden: ${list.fields.length}.`);
    for (const f of list.fields) lines.push(`  ${f.dossierNumber}  ${f.field}  sinds ${dmy(f.dueOn)}${f.held ? '  (bewaarplicht)' : ''}`);
  }
  return lines;
}
