import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../core/host/server.ts';
import type { AppHost } from '../../core/host/types.ts';
import type { ApiResult } from '../../core/api/errors.ts';

// The transport only carries (name, input); a recording fake host is enough to prove that.
function recordingHost() {
  const calls: { name: string; input: unknown }[] = [];
  const host: AppHost = {
    async call(name, input): Promise<ApiResult<unknown>> {
      calls.push({ name, input });
      return { ok: true, value: { echoed: name } };
    },
    close() {},
  };
  return { host, calls };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// node:http rather than fetch: fetch refuses to set Host and normalises paths.
function send(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', fail);
    req.end(opts.body);
  });
}

let dir: string;
let staticDir: string;
let server: RunningServer;
let calls: { name: string; input: unknown }[];

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
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function apiHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    Host: `127.0.0.1:${server.port}`,
    Authorization: `Bearer ${server.token}`,
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
    expect(calls).toEqual([{ name: 'dossiers.get', input }]);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('accepts a call from its own origin', async () => {
    const r = await send(server.port, { method: 'POST', path: '/api/session.current', headers: apiHeaders({ Origin: server.origin }), body: '' });
    expect(r.status).toBe(200);
    expect(calls).toEqual([{ name: 'session.current', input: undefined }]);
  });

  it('R04 refuses a call with a wrong token', async () => {
    const wrong = server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A');
    const r = await send(server.port, { method: 'POST', path: '/api/dossiers.get', headers: apiHeaders({ Authorization: `Bearer ${wrong}` }), body: '{}' });
    expect(r.status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('R04 refuses a call without a token', async () => {
    const headers = apiHeaders();
    delete headers.Authorization;
    const r = await send(server.port, { method: 'POST', path: '/api/dossiers.get', headers, body: '{}' });
    expect(r.status).toBe(403);
    expect(calls).toEqual([]);
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
      close() {},
    };
    const other = await startServer({ host: throwing, staticDir });
    try {
      const r = await send(other.port, {
        method: 'POST',
        path: '/api/dossiers.get',
        headers: { Host: `127.0.0.1:${other.port}`, Authorization: `Bearer ${other.token}` },
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
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(Buffer.from(server.token, 'base64url')).toHaveLength(32);
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

  it('makes a new token at each start', async () => {
    const other = await startServer({ host: recordingHost().host, staticDir });
    try {
      expect(other.token).not.toBe(server.token);
    } finally {
      await other.close();
    }
  });
});
