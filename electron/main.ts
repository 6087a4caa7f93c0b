// The Electron shell: one window, locked down, and the 'api' channel to the host. No rules here;
// everything a user may do or see is decided in core/.
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type MenuItemConstructorOptions } from 'electron';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// Bundled with core/ into dist-electron/main.js by scripts/build.mjs: no TypeScript at run time.
import { createAppHost } from '../core/host/app-host.ts';
import { CONTENT_SECURITY_POLICY } from '../core/host/csp.ts';
import type { AppHost } from '../core/host/types.ts';
import { DEBUG_SWITCHES, debugSwitch, isAppUrl as isAppUrlOf } from './guards.ts';
import { isTrustedSender, registerApiChannel } from './ipc.ts';
import { registerSaveChannel } from './save.ts';

// dist-electron/main.js → the app root (the repository, or app.asar when packaged).
const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const indexFile = join(appRoot, 'dist-renderer', 'index.html');
const indexUrl = pathToFileURL(indexFile);
// A Vite dev server, for development only; a packaged app never loads anything from http.
const devServerUrl = !app.isPackaged ? process.env.DOSSIERKLUIS_DEV_SERVER_URL : undefined;

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function isAppUrl(raw: string): boolean {
  return isAppUrlOf(raw, { indexUrl, devServerUrl });
}

function lockDownSession(csp: string): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  // No camera, microphone, location, notifications, clipboard reads, USB, …: the app needs none.
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] =
    process.platform === 'darwin'
      ? [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]
      : [{ label: 'Dossierkluis', submenu: [{ role: 'quit', label: 'Afsluiten' }] }, { role: 'editMenu', label: 'Bewerken' }];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Dossierkluis',
    show: false,
    webPreferences: {
      preload: join(dirname(fileURLToPath(import.meta.url)), 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise try to open links in a new window (denied anyway).
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      // Chromium's spell checker fetches dictionaries from Google; dossier text stays local.
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  const wc = win.webContents;
  wc.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  wc.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => win.show());

  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(indexFile);
  return win;
}

// A debugger attached to this process reads the vault key from memory: refuse to start with one.
const debugging =
  debugSwitch(process.argv) ??
  debugSwitch((process.env.NODE_OPTIONS ?? '').split(/\s+/)) ??
  DEBUG_SWITCHES.map((name) => `--${name}`).find((flag) => app.commandLine.hasSwitch(flag.slice(2)));
if (debugging) {
  console.error(`Dossierkluis start niet met ${debugging}: een debugger kan de sleutel van de kluis uit het geheugen lezen.`);
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  // One instance per user: two processes on one vault would each hold the key and the folder.
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  let host: AppHost | undefined;

  app.enableSandbox();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Any web contents created later (there should be none) is refused too.
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => app.quit());
  // Locking drops the key from memory before the process goes.
  app.on('will-quit', () => {
    host?.close();
    host = undefined;
  });

  app
    .whenReady()
    .then(() => {
      const vaultDir = argValue('--vault') ?? join(app.getPath('userData'), 'vault');
      host = createAppHost({ vaultDir: resolve(vaultDir) });
      lockDownSession(CONTENT_SECURITY_POLICY);
      buildMenu();
      const mainWindowId = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : undefined);
      registerApiChannel(ipcMain, { host, mainWindowId, isAppUrl });
      registerSaveChannel(ipcMain, {
        isTrusted: (event) => isTrustedSender(event, { mainWindowId, isAppUrl }),
        showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
        // Readable by the user only: a copy is encrypted, but a CSV export is not.
        writeFile: (path, bytes) => writeFile(path, bytes, { mode: 0o600 }),
        defaultFolder: () => app.getPath('downloads'),
        joinPath: join,
      });
      mainWindow = createWindow();
      mainWindow.on('closed', () => {
        mainWindow = undefined;
      });
    })
    .catch((e: unknown) => {
      // Only the kind of failure; a message could carry a path or dossier data.
      console.error('Dossierkluis kon niet starten:', e instanceof Error ? e.name : 'onbekende fout');
      app.exit(1);
    });
}
