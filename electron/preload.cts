// Preload for the sandboxed renderer. A .cts file because sandboxed preloads must be CommonJS.
// It exposes two functions (call the API, save a file); the renderer never sees ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('dossierkluis', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('api', name, input),
  // The system's save dialog (electron/save.ts): the user picks the place, the renderer only the name.
  saveFile: (fileName: string, bytes: Uint8Array): Promise<unknown> => ipcRenderer.invoke('save-file', fileName, bytes),
});
