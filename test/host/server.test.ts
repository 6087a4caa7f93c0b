import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../core/host/server.ts';
import type { AppHost } from '../../core/host/types.ts';
import type { ApiResult } from '../../core/api/errors.ts';
import { browserSession, codeOf, exchange, send, type BrowserSession } from './browser.ts';

// The transport only carries (name, input); a recording fake host is enough to prove that.
function recordingHost() {
  const calls: { name: string; input: unknown; client?: string }[] = [];
  const host: AppHost = {
    async call(name, input, client): Promise<ApiResult<unknown>> {
      calls.push({ name, input, client });
      return { ok: true, value: { echoed: name } };
    },
    lockIfIdle: async () => false,
    close() {},
  };
  return { host, calls };
}

let dir: string;
let staticDir: string;
let server: RunningServer;
let calls: { name: string; input: unknown; client?: string }[];
let browser: BrowserSession;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dk-server-'));
  staticDir = join(dir, 'static');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Dossierkluis</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'outside the static folder');
  const fake = recordingHost();
  calls = fake.calls;
  server = await startServer({ host: fake.host, staticDir, port: 0 });
  browser = await browserSession(server);
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function apiHeaders(extra: Record<string, string> = {}, session: BrowserSession = browser): Record<string, string> {
  return {
    Host: `127.0.0.1:${server.port}`,
    Cookie: session.cookie,
    'X-Dossierkluis-Csrf': session.csrf,
    'Content-Type': 'application/json',
    ...extra,
  };
}

describe('browser-mode server', () => {
  it('carries a call to the host with its name and input and returns the ApiResult', async () => {
    const input = { participantId: 'p-1', note: 'Gesprek gehad' };
    const r = await send(server.port, { method: 'POST', path: '/api/dossiers.get', headers: apiHeaders(), body: JSON.stringify(input) });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { echoed: 'dossiers.get' } });
    expect(calls).toEqual([{ name: 'dossiers.get', input, client: expect.any(String) }]);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('accepts a call from its own origin', async () => {
    const r = await send(server.port, { method: 'POST', path: '/api/session.current', headers: apiHeaders({ Origin: server.origin }), body: '' });
    expect(r.status).toBe(200);
    expect(calls).toEqual([{ name: 'session.current', input: undefined, client: expect.any(String) }]);
  });

  it('R04 refuses a call with a wrong CSRF secret', async () => {
    const wrong = browser.csrf.slice(0, -1) + (browser.csrf.endsWith('A') ? 'B' : 'A');
    const r = await send(server.port, { method: 'POST', path: '/api/dossiers.get', headers: apiHeaders({ 'X-Dossierkluis-Csrf': wrong }), body: '{}' });
    expect(r.status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('R04 refuses a call without the session cookie or without the CSRF secret', async () => {
    const noCookie = apiHeaders();
    delete noCookie.Cookie;
    expect((await send(server.port, { method: 'POST', path: '/api/dossiers.get', headers: noCookie, body: '{}' })).status).toBe(403);
    const noSecret = apiHeaders();
    delete noSecret['X-Dossierkluis-Csrf'];
    expect((await send(server.port, { method: 'POST', path: '/api/dossiers.get', headers: noSecret, body: '{}' })).status).toBe(403);
    // The secret of one browser session does not go with the cookie of another.
    const other = await browserSession(server);
    expect((await send(server.port, { method: 'POST', path: '/api/dossiers.get', headers: apiHeaders({ Cookie: other.cookie }), body: '{}' })).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('R09 finding 7: the code in an address works once; the cookie is HttpOnly, SameSite=Strict, Path=/', async () => {
    const cookie = String((browser.reply.headers['set-cookie'] as string[])[0]);
    expect(cookie).toMatch(/^dossierkluis=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(browser.reply.headers['cache-control']).toBe('no-store');
    const url = server.newUrl();
    expect(url).not.toBe(server.newUrl());
    expect((await exchange(server, codeOf(url))).status).toBe(200);
    // Whoever read the address in the process list after the page used it gets nothing.
    const again = await exchange(server, codeOf(url));
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await exchange(server, 'bedacht-maar-niet-uitgegeven-code-0123456789abcdef')).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('R04 finding 7: the code exchange refuses a foreign Origin, a foreign Host and a body that is not JSON', async () => {
    const code = codeOf(server.newUrl());
    expect((await exchange(server, code, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await exchange(server, code, { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await exchange(server, code, { 'Content-Type': 'text/plain' })).status).toBe(415);
    // None of these used the code up.
    expect((await exchange(server, code)).status).toBe(200);
  });

  it('R09 finding 7: each browser session reaches the host as its own client', async () => {
    const other = await browserSession(server);
    await send(server.port, { method: 'POST', path: '/api/vault.status', headers: apiHeaders(), body: '{}' });
    await send(server.port, { method: 'POST', path: '/api/vault.status', headers: apiHeaders({}, other), body: '{}' });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.client).toMatch(/^[0-9a-f]{32}$/);
    expect(calls[1]!.client).not.toBe(calls[0]!.client);
  });

  it('R04 refuses a call from a foreign Origin even with the right token', async () => {
    const r = await send(server.port, { method: 'POST', path: '/api/dossiers.get', headers: apiHeaders({ Origin: 'https://evil.example' }), body: '{}' });
    expect(r.status).toBe(403);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('R04 refuses a foreign Host header (DNS rebinding), for the API and for pages', async () => {
    const api = await send(server.port, { method: 'POST', path: '/api/dossiers.get', headers: apiHeaders({ Host: `evil.example:${server.port}` }), body: '{}' });
    expect(api.status).toBe(403);
    const page = await send(server.port, { path: '/', headers: { Host: `evil.example:${server.port}` } });
    expect(page.status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('accepts localhost:PORT as Host', async () => {
    const r = await send(server.port, { path: '/', headers: { Host: `localhost:${server.port}` } });
    expect(r.status).toBe(200);
  });

  it('answers bad JSON with input.invalid and does not call the host', async () => {
    const r = await send(server.port, { method: 'POST', path: '/api/dossiers.get', headers: apiHeaders(), body: '{"participantId":' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({
      ok: false,
      error: { code: 'input.invalid', message: 'De invoer is niet geldig: geen geldige JSON', messageEn: 'The input is not valid: not valid JSON' },
    });
    expect(calls).toEqual([]);
  });

  it('answers 405 to a GET on the API and 404 to a path that is not an operation', async () => {
    const get = await send(server.port, { method: 'GET', path: '/api/dossiers.get', headers: apiHeaders() });
    expect(get.status).toBe(405);
    const nested = await send(server.port, { method: 'POST', path: '/api/dossiers/get', headers: apiHeaders(), body: '{}' });
    expect(nested.status).toBe(404);
    expect(calls).toEqual([]);
  });

  it('refuses a body over 30 MB', async () => {
    const big = JSON.stringify({ data: 'x'.repeat(30 * 1024 * 1024) });
    const r = await send(server.port, { method: 'POST', path: '/api/documents.upload', headers: apiHeaders(), body: big });
    expect(r.status).toBe(413);
    expect(calls).toEqual([]);
  });

  it('does not leak a stack when the host throws', async () => {
    const throwing: AppHost = {
      call: () => Promise.reject(new Error('boom at /secret/path.ts:12')),
      lockIfIdle: async () => false,
      close() {},
    };
    const other = await startServer({ host: throwing, staticDir });
    try {
      const session = await browserSession(other);
      const r = await send(other.port, {
        method: 'POST',
        path: '/api/dossiers.get',
        headers: { Host: `127.0.0.1:${other.port}`, Cookie: session.cookie, 'X-Dossierkluis-Csrf': session.csrf },
        body: '{}',
      });
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'operation.failed' } });
      expect(r.body).not.toContain('boom');
      expect(r.body).not.toContain('.ts');
    } finally {
      await other.close();
    }
  });

  it('serves index.html for / and client routes, with a strict CSP', async () => {
    const host = { Host: `127.0.0.1:${server.port}` };
    const root = await send(server.port, { path: '/', headers: host });
    expect(root.status).toBe(200);
    expect(root.body).toContain('<title>Dossierkluis</title>');
    const csp = String(root.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(root.headers['x-content-type-options']).toBe('nosniff');
    expect(root.headers['referrer-policy']).toBe('no-referrer');
    const route = await send(server.port, { path: '/dossiers/12', headers: host });
    expect(route.body).toContain('<title>Dossierkluis</title>');
    const asset = await send(server.port, { path: '/assets/app.js', headers: host });
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['content-type']).toContain('text/javascript');
    const missing = await send(server.port, { path: '/assets/missing.js', headers: host });
    expect(missing.status).toBe(404);
  });

  it('R07 does not serve files outside the static folder (directory traversal)', async () => {
    const host = { Host: `127.0.0.1:${server.port}` };
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/../package.json', '/..%5csecret.txt']) {
      const r = await send(server.port, { path, headers: host });
      expect(r.body, path).not.toContain('outside the static folder');
      expect(r.body, path).not.toContain('"name"');
    }
  });

  it('R07 binds to 127.0.0.1 only', async () => {
    const url = server.newUrl();
    expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(url.startsWith(`${server.origin}/#code=`)).toBe(true);
    expect(Buffer.from(codeOf(url), 'base64url')).toHaveLength(32);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal)
      .map((a) => a!.address);
    // Every non-loopback address of this machine (and IPv6 loopback) must refuse the port.
    for (const address of [...external, '::1']) {
      const reached = await new Promise<boolean>((done) => {
        const socket = connect({ host: address, port: server.port, timeout: 2000 });
        socket.on('connect', () => {
          socket.destroy();
          done(true);
        });
        socket.on('error', () => done(false));
        socket.on('timeout', () => {
          socket.destroy();
          done(false);
        });
      });
      expect(reached, address).toBe(false);
    }
  });

  it('R04 a code of one server start opens nothing at another', async () => {
    const other = await startServer({ host: recordingHost().host, staticDir });
    try {
      expect((await exchange(other, codeOf(server.newUrl()))).status).toBe(403);
      const r = await send(other.port, { method: 'POST', path: '/api/dossiers.get', headers: { ...apiHeaders(), Host: `127.0.0.1:${other.port}` }, body: '{}' });
      expect(r.status).toBe(403);
    } finally {
      await other.close();
    }
  });
});
