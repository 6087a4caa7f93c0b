// Opening a copy the way the participant would (test/support/files.ts: qpdf, pdftotext, zip.js).
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Caller } from '../support/vault.ts';
import { decrypt, withPdf } from '../support/files.ts';

export { pdfText, unzip } from '../support/files.ts';

export type Made = Awaited<ReturnType<Caller['call']>> & { files: { fileName: string; mimeType: string; sha256: string; size: number; contentBase64: string }[]; passphrase: string; copyId: number };
export const fileOf = (m: Made, ext: string) => Buffer.from(m.files.find((f) => f.fileName.endsWith(ext))!.contentBase64, 'base64');

/** qpdf's exit status for a decrypt attempt (0: opened). */
export function qpdfStatus(pdf: Buffer, password: string | null): number {
  return withPdf(pdf, (file, dir) => spawnSync('qpdf', [...(password === null ? [] : [`--password=${password}`]), '--decrypt', file, join(dir, 'out.pdf')], { stdio: 'pipe' }).status ?? -1);
}

/** The encryption (qpdf), tagging (pdfinfo) and fonts (pdffonts) of the PDF opened with the passphrase. */
export function pdfInfo(pdf: Buffer, password: string): { encryption: string; info: string; fonts: string } {
  return withPdf(pdf, (file, dir) => {
    const encryption = execFileSync('qpdf', [`--password=${password}`, '--show-encryption', file], { encoding: 'utf8' });
    const plain = decrypt(file, dir, password);
    return { encryption, info: execFileSync('pdfinfo', [plain], { encoding: 'utf8' }), fonts: execFileSync('pdffonts', [plain], { encoding: 'utf8' }) };
  });
}

/** Attached files of the decrypted PDF (qpdf --list-attachments). */
export function pdfAttachments(pdf: Buffer, password: string): string {
  return withPdf(pdf, (file) => execFileSync('qpdf', [`--password=${password}`, '--list-attachments', file], { encoding: 'utf8' }));
}

