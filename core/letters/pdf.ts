// A letter as a PDF to print and post: the organisation's name as letterhead, the address where a
// window envelope shows it, the date and place line, the subject, the text, and on every page the
// dossier number and page number. The text is exactly the letter of templates.ts (one source).
import { openPdf } from '../pdf/document.ts';
import type { Letter } from './templates.ts';

export interface LetterPdfMeta {
  organisation: string;
  dossierNumber: string;
}

// A window envelope (C5/6, DL) shows the address about 50 mm from the top, 20–25 mm from the left.
const MM = 72 / 25.4;
const ADDRESS_TOP = 50 * MM;
const LEFT = 25 * MM;

export function letterPdf(letter: Letter, meta: LetterPdfMeta): Promise<Buffer> {
  const margins = { top: 20 * MM, bottom: 25 * MM, left: LEFT, right: 20 * MM };
  const { doc, block, finish } = openPdf({ title: letter.subject, author: meta.organisation, subject: `Dossier ${meta.dossierNumber}`, margins });
  // The head of every template is: address, date line, reference, salutation; then the text.
  const [address = '', ...rest] = letter.body.split('\n\n');
  block('H1', meta.organisation, 'bold', { align: 'right' });
  doc.y = Math.max(doc.y, ADDRESS_TOP);
  block('P', address, 'regular', { width: 85 * MM });
  doc.moveDown(2);
  const [dateLine, reference, ...text] = rest;
  if (dateLine) block('P', dateLine);
  if (reference) block('P', reference);
  block('P', `Onderwerp: ${letter.subject}`, 'bold');
  doc.moveDown(1);
  for (const paragraph of text) block('P', paragraph, 'regular', { paragraphGap: 8 });
  return finish((page, pages) => `${meta.organisation} · dossier ${meta.dossierNumber} · pagina ${page} van ${pages}`);
}
