// Issue 10: in Electron a copy is saved through the system's save dialog (electron/save.ts). Proven
// without Electron: the handler is registered on a stand-in for ipcMain and writes to a temp folder.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SaveDialogOptions } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { dialogOptions, MAX_SAVE_BYTES, registerSaveChannel, safeFileName, type SaveOutcome } from '../../electron/save.ts';

type Handler = (event: unknown, ...args: unknown[]) => Promise<SaveOutcome>;

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

function channel(answer: (o: SaveDialogOptions) => { canceled: boolean; filePath?: string }, trusted = true) {
  const folder = mkdtempSync(join(tmpdir(), 'dk-save-'));
  folders.push(folder);
  const handlers = new Map<string, Handler>();
  const asked: SaveDialogOptions[] = [];
  registerSaveChannel(
    { handle: (name: string, h: Handler) => void handlers.set(name, h), removeHandler: (name: string) => void handlers.delete(name) } as never,
    {
      isTrusted: () => trusted,
      showSaveDialog: async (o) => {
        asked.push(o);
        const a = answer(o);
        return { canceled: a.canceled, filePath: a.filePath ?? '' };
      },
      writeFile: async (path, bytes) => {
        const { writeFile } = await import('node:fs/promises');
        await writeFile(path, bytes);
      },
      defaultFolder: () => folder,
      joinPath: join,
    },
  );
  const save = (name: unknown, bytes: unknown) => handlers.get('save-file')!({}, name, bytes);
  return { folder, asked, save };
}

describe('issue 10: saving a copy through the save dialog', () => {
  it('R21: the file goes where the user chose, with the proposed name and a filter for its type', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 versleuteld');
    const c = channel((o) => ({ canceled: false, filePath: o.defaultPath }));
    const outcome = await c.save('kopie-D-000123.pdf', bytes);
    expect(outcome).toEqual({ saved: true, fileName: 'kopie-D-000123.pdf' });
    expect(readFileSync(join(c.folder, 'kopie-D-000123.pdf'))).toEqual(Buffer.from(bytes));
    expect(c.asked[0]!.defaultPath).toBe(join(c.folder, 'kopie-D-000123.pdf'));
    expect(c.asked[0]!.filters![0]).toEqual({ name: 'PDF-document', extensions: ['pdf'] });
  });

  it('R21: cancelling the dialog writes nothing and says so', async () => {
    const c = channel(() => ({ canceled: true }));
    expect(await c.save('kopie.zip', new Uint8Array([1, 2, 3]))).toEqual({ saved: false, reason: 'cancelled' });
    expect(readdirSync(c.folder)).toEqual([]);
  });

  it('R04: the renderer cannot choose a path: a name with folders is reduced to its last part', async () => {
    const c = channel((o) => ({ canceled: false, filePath: o.defaultPath }));
    await c.save('../../etc/passwd', new Uint8Array([1]));
    await c.save('C:\\Windows\\system32\\x.dll', new Uint8Array([1]));
    expect(c.asked.map((o) => o.defaultPath)).toEqual([join(c.folder, 'passwd'), join(c.folder, 'x.dll')]);
    expect(safeFileName('a<b>:c|d?.pdf')).toBe('a_b__c_d_.pdf');
    expect(safeFileName('...')).toBeUndefined();
    expect(safeFileName(42)).toBeUndefined();
  });

  it('R04: bad input and an untrusted sender are refused before any dialog opens', async () => {
    const c = channel(() => ({ canceled: false, filePath: '/nowhere' }));
    await expect(c.save('', new Uint8Array([1]))).rejects.toThrow('ongeldig bestand');
    await expect(c.save('x.pdf', 'geen bytes')).rejects.toThrow('ongeldig bestand');
    await expect(c.save('x.pdf', { byteLength: MAX_SAVE_BYTES + 1 })).rejects.toThrow('ongeldig bestand');
    const stranger = channel(() => ({ canceled: false, filePath: '/nowhere' }), false);
    await expect(stranger.save('x.pdf', new Uint8Array([1]))).rejects.toThrow('onbekende afzender');
    expect(c.asked).toEqual([]);
    expect(stranger.asked).toEqual([]);
  });

  it('R04: a file of unknown type gets only the "all files" filter', () => {
    expect(dialogOptions('notitie.xyz', '/d', join).filters).toEqual([{ name: 'Alle bestanden', extensions: ['*'] }]);
  });
});
