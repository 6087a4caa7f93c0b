// The Electron transport: one channel, 'api', carrying (name, input) to the host. Only types come
// from electron here (ipcMain is passed in), so this file loads without the Electron binary.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';

/** The part of core's AppHost (core/host/types.ts) that a transport uses. */
export interface ApiHost {
  call(name: string, input: unknown): Promise<unknown>;
}

export interface ApiChannelOptions {
  host: ApiHost;
  /** webContents.id of the main window, or undefined while there is none. */
  mainWindowId: () => number | undefined;
  /** True for the app's own page: the file:// index, or the dev server in development. */
  isAppUrl: (url: string) => boolean;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * Only the top frame of our own window, showing our own page, may call the API: an iframe, a page
 * navigated elsewhere or another window gets nothing, even if it somehow reached ipcRenderer.
 */
export function isTrustedSender(event: SenderEvent, opts: Pick<ApiChannelOptions, 'mainWindowId' | 'isAppUrl'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  const id = opts.mainWindowId();
  if (id === undefined || event.sender.id !== id) return false;
  return opts.isAppUrl(frame.url);
}

/** Registers the handler; returns a function that removes it again. */
export function registerApiChannel(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, opts: ApiChannelOptions): () => void {
  ipcMain.handle('api', async (event, name: unknown, input: unknown) => {
    // A refusal rejects the invoke: an untrusted sender learns nothing, not even an error code.
    if (!isTrustedSender(event, opts)) throw new Error('Geweigerd: onbekende afzender');
    if (typeof name !== 'string' || name.length > 200) throw new Error('Geweigerd: ongeldige handeling');
    return opts.host.call(name, input);
  });
  return () => ipcMain.removeHandler('api');
}
