// Opening the files an operation returns, the way their reader would: qpdf decrypts a PDF with
// its passphrase, pdftotext gives its text, zip.js opens an AES zip. Shared by the copy tests and
// the contract sweep (which must see inside every file it is given, not only its base64). Work
// files go to a private temp folder that is removed after.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobReader, configure, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';

configure({ useWebWorkers: false });

/** Runs fn in a private temp folder holding the PDF as in.pdf; the folder is removed after. */
export function withPdf<T>(pdf: Buffer, fn: (file: string, dir: string) => T): T {
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
export function decrypt(file: string, dir: string, password: string): string {
  execFileSync('qpdf', [`--password=${password}`, '--decrypt', file, join(dir, 'out.pdf')], { stdio: 'pipe' });
  return join(dir, 'out.pdf');
}

/** The PDF's text after decrypting with the password; throws when qpdf refuses it. */
export function pdfText(pdf: Buffer, password: string): string {
  return withPdf(pdf, (file, dir) => execFileSync('pdftotext', ['-enc', 'UTF-8', decrypt(file, dir, password), '-'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }));
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

const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';
const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;

/**
 * The text a reader of this file would see: a PDF's text (decrypted with the password when it is
 * encrypted), every entry of a zip (opened with the password, nested files read the same way),
 * anything else as UTF-8. Whitespace is folded to single spaces: a PDF wraps lines where it likes.
 */
export async function fileText(bytes: Buffer, password = ''): Promise<string> {
  let text: string;
  if (isPdf(bytes)) text = pdfText(bytes, password);
  else if (isZip(bytes)) {
    const parts: string[] = [];
    for (const [name, entry] of await unzip(bytes, password || undefined)) parts.push(name, await fileText(entry, password));
    text = parts.join(' ');
  } else text = bytes.toString('utf8');
  return text.replace(/\s+/g, ' ');
}
