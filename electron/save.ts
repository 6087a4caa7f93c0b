// Saving a file the renderer already holds (a dossier copy, a document, a CSV) through the system's
// save dialog. The renderer proposes a name and hands over bytes; it never chooses a path: only the
// user does, in the dialog. Only types come from electron here, so vitest proves it without Electron.
import type { IpcMain, IpcMainInvokeEvent, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { basename } from 'node:path';

/** What the renderer hears back. Errors carry no path: the renderer does not need one. */
export type SaveOutcome = { saved: true; fileName: string } | { saved: false; reason: 'cancelled' | 'failed' };

export interface SaveChannelOptions {
  isTrusted: (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>) => boolean;
  showSaveDialog: (options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;
  writeFile: (path: string, bytes: Uint8Array) => Promise<void>;
  /** The folder the dialog opens in (the user's Downloads folder). */
  defaultFolder: () => string;
  joinPath: (folder: string, name: string) => string;
}

/** A copy of 2,000 entries with 20 documents stays far below this; a larger call is refused. */
export const MAX_SAVE_BYTES = 512 * 1024 * 1024;

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF-document', extensions: ['pdf'] },
  zip: { name: 'Versleuteld zip-bestand', extensions: ['zip'] },
  csv: { name: 'CSV-bestand', extensions: ['csv'] },
  json: { name: 'JSON-bestand', extensions: ['json'] },
};

/**
 * The name the dialog proposes: the last path part only, no control or reserved characters (Windows
 * refuses `<>:"/\|?*`), at most 120 characters; undefined when nothing usable is left.
 */
export function safeFileName(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const name = basename(raw.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(-120);
  return name.length > 0 ? name : undefined;
}

/** Dialog options for a proposed name: a filter for its extension, then "all files". */
export function dialogOptions(fileName: string, folder: string, joinPath: SaveChannelOptions['joinPath']): SaveDialogOptions {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const filter = ext ? FILTERS[ext] : undefined;
  return {
    title: 'Bestand opslaan',
    buttonLabel: 'Opslaan',
    defaultPath: joinPath(folder, fileName),
    filters: [...(filter ? [filter] : []), { name: 'Alle bestanden', extensions: ['*'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** Registers the 'save-file' handler; returns a function that removes it again. */
export function registerSaveChannel(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, opts: SaveChannelOptions): () => void {
  ipcMain.handle('save-file', async (event, rawName: unknown, bytes: unknown): Promise<SaveOutcome> => {
    if (!opts.isTrusted(event)) throw new Error('Geweigerd: onbekende afzender');
    const fileName = safeFileName(rawName);
    if (!fileName || !(bytes instanceof Uint8Array) || bytes.byteLength > MAX_SAVE_BYTES) throw new Error('Geweigerd: ongeldig bestand');
    const choice = await opts.showSaveDialog(dialogOptions(fileName, opts.defaultFolder(), opts.joinPath));
    if (choice.canceled || !choice.filePath) return { saved: false, reason: 'cancelled' };
    try {
      await opts.writeFile(choice.filePath, bytes);
    } catch {
      return { saved: false, reason: 'failed' };
    }
    return { saved: true, fileName: basename(choice.filePath) };
  });
  return () => ipcMain.removeHandler('save-file');
}
