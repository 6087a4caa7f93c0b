// Pure checks of the Electron shell, without electron itself, so that vitest can prove them
// (test/electron/guards.test.ts).

/**
 * True only for the app's own page: the exact file:// index (with no host: on Windows a host
 * means a UNC path, `file://server/share/…`, a page on another computer), or the Vite dev
 * server's origin in development. file:// pages all share one origin, so the path is compared.
 */
export function isAppUrl(raw: string, app: { indexUrl: URL; devServerUrl?: string }): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (app.devServerUrl) return url.origin === new URL(app.devServerUrl).origin;
  if (url.protocol !== 'file:') return false;
  if (url.host !== '' && url.host !== 'localhost') return false;
  return url.pathname === app.indexUrl.pathname;
}

/**
 * Switches that open the process to a debugger: whoever attaches reads the vault key from memory.
 * The fuses turn off Node's --inspect in a packaged app, but not Chromium's remote debugging.
 */
export const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address', 'inspect', 'inspect-brk', 'inspect-port', 'inspect-publish-uid', 'debug', 'debug-brk'];

/** The first debugging switch in a command line (`--name` or `--name=value`), if any. */
export function debugSwitch(argv: readonly string[]): string | undefined {
  for (const arg of argv) {
    const m = /^--?([a-z-]+)(=.*)?$/i.exec(arg);
    if (m && DEBUG_SWITCHES.includes(m[1]!.toLowerCase())) return `--${m[1]!.toLowerCase()}`;
  }
  return undefined;
}
