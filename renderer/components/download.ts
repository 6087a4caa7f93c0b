// Saving data the app already holds (an export, a stored document, a dossier copy) as a file the user
// chooses: in Electron through the system's save dialog, in browser mode as the browser's download.
import type { SavedFile } from '../api/transport.ts';

export type { SavedFile };

/** Saves a Blob; resolves with what happened (the user may cancel Electron's dialog). */
export async function downloadBlob(fileName: string, blob: Blob): Promise<SavedFile> {
  const shell = window.dossierkluis?.saveFile;
  if (shell) {
    try {
      return await shell(fileName, new Uint8Array(await blob.arrayBuffer()));
    } catch {
      return { saved: false, reason: 'failed' };
    }
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { saved: true, fileName };
}

/** A file as the API returns it: its bytes in base64. */
export interface ApiFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

/** Saves a file the API returned (a document, a copy, a letter as PDF). */
export function downloadApiFile(file: ApiFile): Promise<SavedFile> {
  const bin = atob(file.contentBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return downloadBlob(file.fileName, new Blob([bytes], { type: file.mimeType }));
}

/** Saves text (CSV by default) as a file. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): Promise<SavedFile> {
  return downloadBlob(fileName, new Blob([text], { type }));
}
