// Preload for the sandboxed renderer. A .cts file because sandboxed preloads must be CommonJS.
// It exposes exactly one function; the renderer never sees ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('dossierkluis', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('api', name, input),
});
