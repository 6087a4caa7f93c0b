// The machine-readable copy (R31): dossier.json (docs/schema/dossier-copy-v1.schema.json), one CSV
// per table, the documents as their original files, and manifest.json with the schema version and
// a SHA-256 of every file, in a zip encrypted with AES-256 (zip.js, encryptionStrength 3).
import { createHash } from 'node:crypto';
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import type { CopyData } from './data.ts';

configure({ useWebWorkers: false }); // in-process: no worker files, nothing on disk

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
function csv(rows: Record<string, unknown>[], columns: string[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
/** A document's name inside the zip: its id keeps two files of the same name apart; no path parts. */
export const documentEntryName = (d: { id: number; fileName: string }) => `documents/${d.id}-${d.fileName.replace(/[/\\]/g, '_').replace(/^\.+/, '_')}`;

/** dossier.json: the copy's data without document bytes (those are files of their own). */
export function dossierJson(data: CopyData) {
  return { ...data, documents: data.documents.map(({ content: _c, ...d }) => ({ ...d, file: documentEntryName(d) })) };
}

export async function copyZip(data: CopyData, passphrase: string): Promise<Buffer> {
  const enc = new TextEncoder();
  const files: [string, Uint8Array][] = [
    ['dossier.json', enc.encode(JSON.stringify(dossierJson(data), null, 2))],
    ['participant.csv', enc.encode(csv(data.participant.personal, ['field', 'label', 'category', 'value']))],
    ['trajectories.csv', enc.encode(csv(data.trajectories, ['id', 'type', 'commissioner', 'startDate', 'endDate', 'status', 'description']))],
    ['entries.csv', enc.encode(csv(data.entries, ['id', 'trajectoryId', 'kind', 'entryDate', 'title', 'body', 'edited', 'restricted']))],
    ['documents.csv', enc.encode(csv(data.documents.map((d) => ({ ...d, file: d.content ? documentEntryName(d) : '' })), ['id', 'kind', 'fileName', 'mimeType', 'size', 'sha256', 'uploadedAt', 'file']))],
    ['disclosures.csv', enc.encode(csv(data.disclosures, ['disclosedOn', 'recipient', 'purpose', 'categories', 'basis', 'legalDuty']))],
    ['mandates.csv', enc.encode(csv(data.mandates, ['recipient', 'direction', 'purpose', 'purposeNote', 'categories', 'validFrom', 'validUntil', 'state', 'withdrawnOn', 'form']))],
    ['access-log.csv', enc.encode(csv(data.accessLog, ['at', 'description', 'role', 'organisation', 'name', 'reason', 'action']))],
  ];
  for (const d of data.documents) if (d.content) files.push([documentEntryName(d), new Uint8Array(d.content)]);
  const manifest = { schemaVersion: data.schemaVersion, dossierNumber: data.dossierNumber, madeOn: data.madeOn, files: files.map(([name, b]) => ({ name, size: b.byteLength, sha256: sha256(b) })) };
  files.push(['manifest.json', enc.encode(JSON.stringify(manifest, null, 2))]);
  const zip = new ZipWriter(new Uint8ArrayWriter(), { password: passphrase, encryptionStrength: 3 });
  for (const [name, bytes] of files) await zip.add(name, new Uint8ArrayReader(bytes));
  return Buffer.from(await zip.close());
}
