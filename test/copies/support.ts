// Opening a copy the way the participant would: qpdf decrypts the PDF with the passphrase,
// pdftotext gives its text; zip.js opens the AES zip. Work files go to a private temp folder
// that the test removes.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobReader, configure, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import type { Caller } from '../support/vault.ts';

configure({ useWebWorkers: false });

export type Made = Awaited<ReturnType<Caller['call']>> & { files: { fileName: string; mimeType: string; sha256: string; size: number; contentBase64: string }[]; passphrase: string; copyId: number };
export const fileOf = (m: Made, ext: string) => Buffer.from(m.files.find((f) => f.fileName.endsWith(ext))!.contentBase64, 'base64');

/** Runs fn in a private temp folder holding the PDF as in.pdf; the folder is removed after. */
function withPdf<T>(pdf: Buffer, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'copy-pdf-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    return fn(join(dir, 'in.pdf'), dir);
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

/**
 * The PDF decrypted with the passphrase by qpdf (throws when qpdf refuses it). Not poppler's
 * `-upw`: pdftotext and pdfinfo keep at most 32 characters of a password given on the command
 * line, and an AES-256 (revision 5) password is not padded to 32 like older ones, so a longer
 * passphrase never matches there.
 */
function decrypt(file: string, dir: string, password: string): string {
  execFileSync('qpdf', [`--password=${password}`, '--decrypt', file, join(dir, 'out.pdf')], { stdio: 'pipe' });
  return join(dir, 'out.pdf');
}

/** The PDF's text after decrypting with the password; throws when qpdf refuses it. */
export function pdfText(pdf: Buffer, password: string): string {
  return withPdf(pdf, (file, dir) => execFileSync('pdftotext', ['-enc', 'UTF-8', decrypt(file, dir, password), '-'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }));
}

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

export async function unzip(zip: Buffer, password?: string): Promise<Map<string, Buffer>> {
  const reader = new ZipReader(new BlobReader(new Blob([new Uint8Array(zip)])), password === undefined ? {} : { password });
  const out = new Map<string, Buffer>();
  for (const e of await reader.getEntries()) {
    if (e.directory || !('getData' in e) || !e.getData) continue;
    out.set(e.filename, Buffer.from(await e.getData(new Uint8ArrayWriter())));
  }
  await reader.close();
  return out;
}
