// Talking to the browser-mode server the way a browser does: the address's one-time code is
// exchanged for a session cookie and a CSRF secret, which every API call then carries.
import { request } from 'node:http';
import { expect } from 'vitest';
import type { RunningServer } from '../../core/host/server.ts';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// node:http rather than fetch: fetch refuses to set Host and normalises paths.
export function send(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
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

export interface BrowserSession { cookie: string; csrf: string; reply: Reply }

/** What the page does with the address's one-time code: exchange it for a cookie and a CSRF secret. */
export async function exchange(s: RunningServer, code: string, extra: Record<string, string> = {}): Promise<Reply> {
  return send(s.port, { method: 'POST', path: '/session', headers: { Host: `127.0.0.1:${s.port}`, 'Content-Type': 'application/json', Origin: s.origin, ...extra }, body: JSON.stringify({ code }) });
}

export const codeOf = (url: string): string => /#code=([A-Za-z0-9_-]+)$/.exec(url)![1]!;

export async function browserSession(s: RunningServer): Promise<BrowserSession> {
  const reply = await exchange(s, codeOf(s.newUrl()));
  expect(reply.status).toBe(200);
  const cookie = String((reply.headers['set-cookie'] as string[])[0]).split(';')[0]!;
  return { cookie, csrf: (JSON.parse(reply.body) as { csrf: string }).csrf, reply };
}


/** Calls an operation as one browser session; returns the ApiResult (or the plain-text refusal). */
export async function api(s: RunningServer, session: BrowserSession, name: string, input: unknown = {}): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const r = await send(s.port, { method: 'POST', path: `/api/${name}`, headers: { Host: `127.0.0.1:${s.port}`, Origin: s.origin, Cookie: session.cookie, 'X-Dossierkluis-Csrf': session.csrf, 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  expect(r.status, name).toBe(200);
  return JSON.parse(r.body) as { ok: boolean; value?: unknown; error?: { code: string } };
}
