// One way to make a Dutch PDF (pdfkit): tagged for screen readers (lang nl-NL), DejaVu Sans embedded
// so ë, ï, é, ı, ł render, A4, built in memory; a footer on every page as an artifact (a screen reader
// skips it). The participant's copy adds AES-256 encryption (PDF 1.7 extension level 3); letters are
// printed and sent by post, so they are not encrypted.
import PDFDocument from 'pdfkit';
import { readFont } from './font-files.ts';

let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= { regular: readFont('regular'), bold: readFont('bold') };
  return fonts;
}

export type BlockTag = 'H1' | 'H2' | 'H3' | 'P';
export type FontName = 'regular' | 'bold';

export interface PdfOptions {
  title: string;
  author: string;
  subject: string;
  /** Encrypts with AES-256; the same word opens and owns the file. */
  password?: string;
  margins?: { top: number; bottom: number; left: number; right: number };
}

export interface PdfWriter {
  doc: PDFKit.PDFDocument;
  /** A tagged block of text; headings bold unless told otherwise. */
  block(tag: BlockTag, text: string, font?: FontName, options?: PDFKit.Mixins.TextOptions): void;
  /** Writes the footer on every page and ends the document. */
  finish(footer: (page: number, pages: number) => string): Promise<Buffer>;
}

const SIZES: Record<BlockTag, number> = { H1: 16, H2: 13, H3: 11, P: 10 };

export function openPdf(o: PdfOptions): PdfWriter {
  const f = loadFonts();
  const doc = new PDFDocument({
    ...(o.password
      ? {
          pdfVersion: '1.7ext3' as const, userPassword: o.password, ownerPassword: o.password,
          permissions: { printing: 'highResolution' as const, copying: true, modifying: false, annotating: false, contentAccessibility: true, documentAssembly: false, fillingForms: false },
        }
      : { pdfVersion: '1.7' as const }),
    // No default font: pdfkit caches a registered name only if no font of the same name was opened
    // before, so a Buffer default made every doc.font('regular') parse DejaVu again (4 s per copy).
    tagged: true, lang: 'nl-NL', displayTitle: true, bufferPages: true, font: null as unknown as string, size: 'A4',
    margins: o.margins ?? { top: 56, bottom: 64, left: 56, right: 56 },
    info: { Title: o.title, Author: o.author, Subject: o.subject },
  });
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  doc.font('regular');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);

  return {
    doc,
    block(tag, text, font = tag === 'P' ? 'regular' : 'bold', options = {}) {
      root.add(doc.struct(tag, {}, [() => { doc.font(font).fontSize(SIZES[tag]).text(text, { paragraphGap: tag === 'P' ? 3 : 5, ...options }); }]));
    },
    finish(footer) {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc.markContent('Artifact', { type: 'Pagination' });
        doc.font('regular').fontSize(8).text(footer(i + 1, range.count), doc.page.margins.left, doc.page.height - 40, {
          width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center', lineBreak: false,
        });
        doc.endMarkedContent();
        doc.page.margins.bottom = bottom;
      }
      doc.end();
      return done;
    },
  };
}
