import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ErrorCode } from '../../shared/errors';
import { TOKEN_PARAM, WireRequest, WS_PATH, type WireMessage } from '../../shared/ipc/wire';
import type { AppContext } from '../app-context';
import type { Caller } from '../dispatcher';

export interface BrowserStationOptions {
  readonly context: AppContext;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** A fixed token for tests; a random one per launch otherwise. */
  readonly token?: string;
}

export interface BrowserStation {
  /** The page to open, token included. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 80 * 1024 * 1024;
/** How long screens get to close their connections when the station stops. */
const CLOSE_GRACE_MS = 1_000;
const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wav': 'audio/wav',
};

/**
 * Browser station mode: the station's renderer over http on the loopback interface, and
 * the same dispatcher behind a WebSocket that only accepts this launch's token from this
 * station's own origin.
 */
export async function startBrowserStation(options: BrowserStationOptions): Promise<BrowserStation> {
  const { context } = options;
  const rendererDir = path.resolve(options.rendererDir);
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The station screens are not built (${rendererDir}/index.html is missing). Run: npm run build`);
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  let port = 0;
  const allowedHosts = () => new Set([`${HOST}:${port}`, `localhost:${port}`]);

  const server = http.createServer((req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      // Refuse other Host headers so a DNS-rebinding page cannot read the station.
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const download = /^\/exports\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (download) {
      serveExport(context, download[1]!, tokenMatches(url.searchParams.get(TOKEN_PARAM), token), res);
      return;
    }
    serveStatic(rendererDir, req, res, port);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let nextCaller = 1;

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (url.pathname !== WS_PATH) return refuse(socket, 404, 'NOT_FOUND', 'No such endpoint.');
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(socket, 421, 'UNTRUSTED_SENDER', 'Wrong host.');
    const origin = req.headers.origin;
    if (origin !== `http://${HOST}:${port}` && origin !== `http://localhost:${port}`) {
      return refuse(socket, 403, 'UNTRUSTED_SENDER', 'Connections are only accepted from the station page itself.');
    }
    if (!tokenMatches(url.searchParams.get(TOKEN_PARAM), token)) {
      return refuse(
        socket,
        401,
        'UNAUTHORIZED',
        'Missing or wrong station token. Open the address the station printed at launch.',
      );
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const caller: Caller = { id: `ws-${nextCaller++}`, trusted: true, operator: null };
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data, isBinary) => {
        void handleMessage(ws, caller, isBinary ? null : data.toString());
      });
    });
  });

  async function handleMessage(ws: WebSocket, caller: Caller, text: string | null): Promise<void> {
    let raw: unknown;
    try {
      raw = text === null ? undefined : JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const request = WireRequest.safeParse(raw);
    if (!request.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      send(ws, {
        kind: 'result',
        id,
        result: { ok: false, error: { code: 'BAD_REQUEST', message: 'The message was not a valid station request.' } },
      });
      return;
    }
    const result = await context.dispatcher.dispatch(request.data.channel, request.data.payload, caller);
    send(ws, { kind: 'result', id: request.data.id, result });
  }

  const unsubscribe = context.bus.subscribe((event, payload) => {
    for (const ws of sockets) send(ws, { kind: 'event', event, payload });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const origin = `http://${HOST}:${port}`;

  return {
    url: `${origin}/?${TOKEN_PARAM}=${encodeURIComponent(token)}`,
    origin,
    token,
    port,
    async close() {
      unsubscribe();
      // No new pages; screens are told the station is closing and get a moment to say goodbye.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const ws of sockets) ws.close(1001, 'Station closing');
      wss.close();
      let grace: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([closed, new Promise<void>((resolve) => (grace = setTimeout(resolve, CLOSE_GRACE_MS)))]);
      clearTimeout(grace);
      // A screen that is hung (or a request still being read) does not keep the station up.
      for (const ws of sockets) ws.terminate();
      server.closeAllConnections();
      await closed;
    },
  };
}

function send(ws: WebSocket, message: WireMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, code: ErrorCode, message: string): void {
  const body = JSON.stringify({ code, message });
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Refused'}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/** A finished export, downloaded by the station page (token required, like the API). */
function serveExport(context: AppContext, exportId: string, authorised: boolean, res: http.ServerResponse): void {
  if (!authorised) {
    res
      .writeHead(401, { 'content-type': 'application/json' })
      .end(JSON.stringify({ code: 'UNAUTHORIZED', message: 'Missing or wrong station token.' }));
    return;
  }
  const found = context.services.exports.finishedFile(exportId);
  if (!found) {
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ code: 'NOT_FOUND', message: 'That export is not ready or no longer kept.' }));
    return;
  }
  const type = found.fileName.endsWith('.xlsx')
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv; charset=utf-8';
  res.writeHead(200, {
    'content-type': type,
    'content-disposition': `attachment; filename="${found.fileName.replace(/"/g, '')}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  fs.createReadStream(found.file).pipe(res);
}

function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://${HOST}:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse, port: number): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  const inside = file === root || file.startsWith(root + path.sep);
  const target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(root, 'index.html');
  const headers: Record<string, string> = {
    'content-type': MIME[path.extname(target)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cache-control': target.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
  };
  if (target.endsWith('.html')) {
    headers['content-security-policy'] = contentSecurityPolicy(port);
    headers['x-frame-options'] = 'DENY';
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(target).pipe(res);
}
