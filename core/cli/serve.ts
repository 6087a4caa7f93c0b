// `dossierkluis serve`: browser mode, for machines where Electron cannot run. The same host and
// rules as the desktop app; only the transport differs (see core/host/server.ts).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppHost } from '../host/app-host.ts';
import { startServer } from '../host/server.ts';

export interface ServeArgs {
  vaultDir: string;
  port?: number;
  open?: boolean;
  /** Default: dist-renderer/ at the repository root. */
  staticDir?: string;
}

// The bundle (scripts/build.mjs) sits one folder below the app root, these sources two; the build
// defines the bundle's own relative path, so nothing is looked up at run time.
declare const __DOSSIERKLUIS_RENDERER_DIR__: string | undefined;
const rendererDir = typeof __DOSSIERKLUIS_RENDERER_DIR__ === 'string' ? __DOSSIERKLUIS_RENDERER_DIR__ : '../../dist-renderer/';
const defaultStaticDir = fileURLToPath(new URL(rendererDir, import.meta.url));

function onPath(command: string): boolean {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const ext of exts) {
      try {
        accessSync(join(dir, command + ext), constants.X_OK);
        return true;
      } catch {
        // try the next one
      }
    }
  }
  return false;
}

function browserCommand(url: string): { command: string; args: string[] } | undefined {
  if (process.platform === 'darwin') return onPath('open') ? { command: 'open', args: [url] } : undefined;
  // `start` is a cmd built-in; the empty string is the window title it would otherwise take from the url.
  if (process.platform === 'win32') return { command: 'cmd', args: ['/s', '/c', 'start', '""', '/b', url.replace(/&/g, '^&')] };
  for (const command of ['xdg-open', 'gio', 'sensible-browser']) {
    if (onPath(command)) return { command, args: command === 'gio' ? ['open', url] : [url] };
  }
  return undefined;
}

function openBrowser(url: string): boolean {
  const found = browserCommand(url);
  if (!found) return false;
  try {
    const child = spawn(found.command, found.args, {
      detached: true,
      stdio: 'ignore',
      windowsHide: true,
      windowsVerbatimArguments: process.platform === 'win32', // keep cmd's own quoting
    });
    child.on('error', () => {}); // the address is printed anyway
    child.unref();
    return true;
  } catch {
    return false;
  }
}

/** Runs until SIGINT/SIGTERM; resolves after the server is closed and the vault is locked. */
export async function serveCommand(args: ServeArgs): Promise<void> {
  const host = createAppHost({ vaultDir: args.vaultDir });
  const running = await startServer({ host, staticDir: args.staticDir ?? defaultStaticDir, port: args.port ?? 0 }).catch(
    (e: unknown) => {
      host.close(); // e.g. the port is taken: do not leave the vault open
      throw e;
    },
  );

  // Each address carries a one-time code (issue 12, finding 7): the one handed to the browser
  // opener is visible in the process list, so it is not the printed one, and dies once the page
  // has used it. The printed one works once too; Enter prints a fresh one.
  console.log(`Dossierkluis draait in browsermodus op ${running.newUrl()}`);
  if (args.open && !openBrowser(running.newUrl())) {
    console.log('Open dit adres zelf in uw browser; er is geen programma gevonden om het te openen.');
  }
  const freshAddress = (): void => console.log(`Nieuw adres (één keer te gebruiken): ${running.newUrl()}`);
  // A new line on standard input asks for a fresh address: typed Enter in a terminal, or written by
  // a launcher (or a test) that started the server with a pipe. A closed stdin never asks.
  if (process.stdin.isTTY) console.log('Elk adres werkt één keer. Druk op Enter voor een nieuw adres.');
  process.stdin.on('data', freshAddress);

  await new Promise<void>((done) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stdin.off('data', freshAddress);
      process.stdin.pause();
      // Lock first: the key leaves memory even if closing the sockets hangs.
      try {
        host.close();
      } finally {
        running.close().then(done, () => done());
      }
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
