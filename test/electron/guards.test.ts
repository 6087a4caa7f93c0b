// Issue 12, finding 9: the Electron shell's pure checks (electron/guards.ts), without Electron.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { debugSwitch, isAppUrl } from '../../electron/guards.ts';

const indexUrl = pathToFileURL('/opt/Dossierkluis/resources/app.asar/dist-renderer/index.html');
const app = { indexUrl };

describe('issue 12 finding 9: the Electron shell accepts only its own page', () => {
  it('R04 finding 9: a file: URL with a host (a UNC path on another computer) is not the app, even with the same path', () => {
    expect(isAppUrl(indexUrl.href, app)).toBe(true);
    expect(isAppUrl(`${indexUrl.href}#/dossiers/4`, app)).toBe(true);
    expect(isAppUrl(`file://localhost${indexUrl.pathname}`, app)).toBe(true);
    expect(isAppUrl(`file://server${indexUrl.pathname}`, app)).toBe(false);
    expect(isAppUrl(`file://evil.example/share${indexUrl.pathname}`, app)).toBe(false);
    expect(isAppUrl('file:///opt/Dossierkluis/resources/app.asar/dist-renderer/other.html', app)).toBe(false);
    expect(isAppUrl(`http://127.0.0.1${indexUrl.pathname}`, app)).toBe(false);
    expect(isAppUrl('niet een adres', app)).toBe(false);
  });

  it('R04 finding 9: with a dev server only its origin counts', () => {
    const dev = { indexUrl, devServerUrl: 'http://localhost:5173/' };
    expect(isAppUrl('http://localhost:5173/#/x', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl(indexUrl.href, dev)).toBe(false);
  });

  it('R07 finding 9: debugging switches that would expose the key in memory are found in any spelling', () => {
    expect(debugSwitch(['/opt/dossierkluis', '.'])).toBeUndefined();
    expect(debugSwitch(['/opt/dossierkluis', '--vault', '/tmp/v'])).toBeUndefined();
    expect(debugSwitch(['electron', '.', '--remote-debugging-port=9222'])).toBe('--remote-debugging-port');
    expect(debugSwitch(['electron', '--remote-debugging-port', '9222'])).toBe('--remote-debugging-port');
    expect(debugSwitch(['electron', '--remote-debugging-pipe'])).toBe('--remote-debugging-pipe');
    expect(debugSwitch(['electron', '--inspect'])).toBe('--inspect');
    expect(debugSwitch(['electron', '--inspect-brk=0.0.0.0:9229'])).toBe('--inspect-brk');
    expect(debugSwitch(['electron', '-inspect'])).toBe('--inspect');
    expect(debugSwitch(['electron', '--REMOTE-DEBUGGING-PORT=1'])).toBe('--remote-debugging-port');
    expect(debugSwitch(['electron', '.', '--', '--inspect'])).toBe('--inspect');
  });
});
