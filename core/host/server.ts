// Browser-mode transport (`dossierkluis serve`): the same AppHost as the Electron shell, carried
// over HTTP on the loopback interface. Anyone on this computer can reach a loopback port, and any
// web page the user visits can try to, so every API call needs a browser session, and the Host
// and Origin headers must be our own (DNS rebinding, cross-site requests). No CORS, ever.
//
// A browser session (issue 12, finding 7): the address that is printed or opened carries a
// one-time code, which the page exchanges once (POST /session) for an HttpOnly, SameSite=Strict
// cookie plus a CSRF secret that the tab keeps in sessionStorage; every API call needs both. A
// code seen in the process list (`xdg-open URL`) is dead once the page used it, and a cookie of
// 127.0.0.1 that another local port receives is useless without the tab's secret. Each browser
// session is a separate client of the host: only the one that signed in uses the session.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { extname, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ApiResult } from '../api/errors.ts';
import type { AppHost } from './types.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

export interface ServerOptions {
  host: AppHost;
  /** The built renderer (dist-renderer/). */
  staticDir: string;
  /** 0 or absent = a free port chosen by the system. */
  port?: number;
  /** How often the host is asked to lock itself when idle (R09); tests pass a short one. */
  idleCheckMs?: number;
}

export interface RunningServer {
  /** A fresh address to open, with a one-time code in the fragment (never sent in a request line, not logged). */
  newUrl(): string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

export const SESSION_COOKIE = 'dossierkluis';
export const CSRF_HEADER = 'x-dossierkluis-csrf';
/** Unused codes kept at most, and browser sessions at most (the oldest goes first). */
const MAX_CODES = 20;
const MAX_CLIENTS = 20;

/** Documents are uploaded base64-encoded inside the JSON body. */
export const MAX_BODY_BYTES = 30 * 1024 * 1024;

export { CONTENT_SECURITY_POLICY };

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

// Operation names look like 'consent.recordMandate'; anything else is not an API path.
const OPERATION_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

class BodyTooLarge extends Error {}

const badJson: ApiResult<never> = {
  ok: false,
  error: {
    code: 'input.invalid',
    message: 'De invoer is niet geldig: geen geldige JSON',
    messageEn: 'The input is not valid: not valid JSON',
  },
};

const hostFailed: ApiResult<never> = {
  ok: false,
  error: {
    code: 'operation.failed',
    message: 'Er ging iets mis bij het uitvoeren. Er is niets gewijzigd.',
    messageEn: 'Something went wrong. Nothing was changed.',
  },
};

const digest = (secret: string): string => createHash('sha256').update(secret).digest('hex');

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

// Hash first so both sides have the same length; timingSafeEqual then hides where they differ.
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function sendPlain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((done, fail) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      fail(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        fail(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => done(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

function isInside(dir: string, file: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

interface BrowserClient {
  id: string;
  csrf: string;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  /** Digests of one-time codes not used yet. */
  const codes = new Set<string>();
  /** Browser sessions by the digest of their cookie. */
  const clients = new Map<string, BrowserClient>();
  const staticRoot = await realpath(resolve(opts.staticDir)).catch(() => resolve(opts.staticDir));
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return sendPlain(res, 403, 'Verboden');
    if (req.method !== 'POST') return sendPlain(res, 405, 'Methode niet toegestaan', { Allow: 'POST' });
    const client = clients.get(digest(cookieValue(req, SESSION_COOKIE) ?? ''));
    const csrf = req.headers[CSRF_HEADER];
    if (!client || typeof csrf !== 'string' || !sameSecret(csrf, client.csrf)) return sendPlain(res, 403, 'Verboden');

    const name = pathname.slice('/api/'.length);
    if (!pathname.startsWith('/api/') || !OPERATION_NAME.test(name)) return sendPlain(res, 404, 'Niet gevonden');

    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_BODY_BYTES);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close');
        return sendPlain(res, 413, 'De invoer is te groot');
      }
      throw e;
    }
    // An empty body means "no input" (operations such as session.current take none).
    let input: unknown;
    if (raw.length > 0) {
      try {
        input = JSON.parse(raw.toString('utf8'));
      } catch {
        return sendJson(res, 200, badJson);
      }
    }

    let result: ApiResult<unknown>;
    try {
      result = await opts.host.call(name, input, client.id);
    } catch {
      // The host promises never to throw; if it does anyway, the caller still gets a sentence.
      result = hostFailed;
    }
    sendJson(res, 200, result);
  }

  /** POST /session {code}: a one-time code becomes a browser session (cookie + CSRF secret). */
  async function handleSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return sendPlain(res, 403, 'Verboden');
    if (req.method !== 'POST') return sendPlain(res, 405, 'Methode niet toegestaan', { Allow: 'POST' });
    // A cross-site form cannot send JSON without a preflight, which this server never answers.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return sendPlain(res, 415, 'Alleen JSON');
    let code: unknown;
    try {
      code = (JSON.parse((await readBody(req, 1024)).toString('utf8')) as { code?: unknown }).code;
    } catch {
      return sendPlain(res, 400, 'Ongeldige invoer');
    }
    const key = typeof code === 'string' ? digest(code) : '';
    if (!codes.delete(key)) return sendPlain(res, 403, 'Dit adres is al gebruikt of ongeldig. Vraag een nieuw adres in het venster waarin Dossierkluis draait.');
    const cookie = randomBytes(32).toString('base64url');
    const client: BrowserClient = { id: randomBytes(16).toString('hex'), csrf: randomBytes(32).toString('base64url') };
    clients.set(digest(cookie), client);
    if (clients.size > MAX_CLIENTS) clients.delete(clients.keys().next().value!);
    const text = JSON.stringify({ csrf: client.csrf });
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': String(Buffer.byteLength(text)),
      'Set-Cookie': `${SESSION_COOKIE}=${cookie}; HttpOnly; SameSite=Strict; Path=/`,
    });
    res.end(text);
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendPlain(res, 405, 'Methode niet toegestaan', { Allow: 'GET, HEAD' });
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return sendPlain(res, 400, 'Ongeldig adres');
    }
    if (decoded.includes('\0')) return sendPlain(res, 400, 'Ongeldig adres');

    const wanted = resolve(staticRoot, '.' + decoded);
    if (!isInside(staticRoot, wanted)) return sendPlain(res, 404, 'Niet gevonden');

    let file = wanted;
    const info = await stat(wanted).catch(() => undefined);
    if (!info?.isFile()) {
      // Client-side routes (/dossiers/12) get the app; a missing asset (/x.js) is a plain 404.
      if (extname(decoded) !== '') return sendPlain(res, 404, 'Niet gevonden');
      file = resolve(staticRoot, 'index.html');
    }
    // A symlink inside the folder must not lead outside it either.
    const real = await realpath(file).catch(() => undefined);
    if (real === undefined || !isInside(staticRoot, real)) return sendPlain(res, 404, 'Niet gevonden');
    const realInfo = await stat(real).catch(() => undefined);
    if (!realInfo?.isFile()) return sendPlain(res, 404, 'Niet gevonden');

    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[extname(real).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(realInfo.size),
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(real);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a foreign name resolving to 127.0.0.1 still carries its own Host header.
    if (!allowedHosts.has(req.headers.host ?? '')) return sendPlain(res, 403, 'Verboden');
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    } catch {
      return sendPlain(res, 400, 'Ongeldig adres');
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) return handleApi(req, res, pathname);
    if (pathname === '/session') return handleSession(req, res);
    return handleStatic(req, res, pathname);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Never a stack trace to the client or the console: it could carry dossier data.
      sendPlain(res, 500, 'Interne fout');
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.requestTimeout = 120_000;

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen({ host: '127.0.0.1', port: opts.port ?? 0, exclusive: true }, () => {
      server.off('error', fail);
      done();
    });
  });

  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;
  // R09: the vault locks itself after the policy's idle time, also when no tab is left to notice.
  const idleTimer = setInterval(() => void opts.host.lockIfIdle().catch(() => false), opts.idleCheckMs ?? 15_000);
  idleTimer.unref();

  return {
    newUrl() {
      const code = randomBytes(32).toString('base64url');
      codes.add(digest(code));
      if (codes.size > MAX_CODES) codes.delete(codes.values().next().value!);
      return `${origin}/#code=${code}`;
    },
    origin,
    port,
    close: () =>
      new Promise<void>((done) => {
        clearInterval(idleTimer);
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
