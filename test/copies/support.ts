// Opening a copy the way the participant would: qpdf decrypts the PDF with the passphrase,
// pdftotext gives its text; zip.js opens the AES zip. Work files go to a private temp folder
// that the test removes.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobReader, configure, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import type { Caller } from '../support/vault.ts';

configure({ useWebWorkers: false });

export type Made = Awaited<ReturnType<Caller['call']>> & { files: { fileName: string; mimeType: string; sha256: string; size: number; contentBase64: string }[]; passphrase: string; copyId: number };
export const fileOf = (m: Made, ext: string) => Buffer.from(m.files.find((f) => f.fileName.endsWith(ext))!.contentBase64, 'base64');

/** The PDF's text after decrypting with the password; throws when qpdf refuses it. */
export function pdfText(pdf: Buffer, password: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'copy-pdf-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('qpdf', [`--password=${password}`, '--decrypt', join(dir, 'in.pdf'), join(dir, 'out.pdf')], { stdio: 'pipe' });
    execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'out.pdf'), join(dir, 'out.txt')], { stdio: 'pipe' });
    return readFileSync(join(dir, 'out.txt'), 'utf8');
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

/** qpdf's exit status for a decrypt attempt (0: opened). */
export function qpdfStatus(pdf: Buffer, password: string | null): number {
  const dir = mkdtempSync(join(tmpdir(), 'copy-pdf-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    return spawnSync('qpdf', [...(password === null ? [] : [`--password=${password}`]), '--decrypt', join(dir, 'in.pdf'), join(dir, 'out.pdf')], { stdio: 'pipe' }).status ?? -1;
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

/** Attached files of the decrypted PDF (qpdf --list-attachments). */
export function pdfAttachments(pdf: Buffer, password: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'copy-pdf-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    return execFileSync('qpdf', [`--password=${password}`, '--list-attachments', join(dir, 'in.pdf')], { encoding: 'utf8' });
  } finally { rmSync(dir, { recursive: true, force: true }); }
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
