import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAppContext, type AppContext } from '../../src/main/app-context';
import { startBrowserStation, type BrowserStation } from '../../src/main/station/browser-station';
import { tempDir } from '../support/temp-store';

let context: AppContext;
let station: BrowserStation;

beforeEach(async () => {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Packbench</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  context = createAppContext({ dataDir: tempDir(), mode: 'browser', stationName: 'TEST-1' });
  station = await startBrowserStation({ context, rendererDir, port: 0 });
});

afterEach(async () => {
  await station.close();
  await context.close();
});

function get(
  pathname: string,
  host = `127.0.0.1:${station.port}`,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: station.port, path: pathname, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

/** Tries to open the API socket; resolves with the HTTP refusal or the open socket. */
function connect(options: {
  token?: string | null;
  origin?: string | null;
}): Promise<{ refused?: { status: number; body: { code: string; message: string } }; ws?: WebSocket }> {
  const token = options.token === undefined ? station.token : options.token;
  const url = `ws://127.0.0.1:${station.port}/api${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  const headers: Record<string, string> = {};
  const origin = options.origin === undefined ? station.origin : options.origin;
  if (origin !== null) headers.origin = origin;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ refused: { status: res.statusCode ?? 0, body: JSON.parse(body) } }));
    });
    ws.on('error', reject);
  });
}

function call(
  ws: WebSocket,
  message: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString());
      if (parsed.kind === 'result') {
        ws.off('message', onMessage);
        resolve(parsed.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('browser station http', () => {
  it('serves the station page with a strict content security policy', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Packbench');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("object-src 'none'");
    expect((await get('/assets/app.js')).headers['content-type']).toContain('text/javascript');
  });

  it('never serves files outside the renderer folder', async () => {
    const page = await get('/../../../../etc/passwd');
    expect(page.body).not.toContain('root:');
    const encoded = await get('/%2e%2e/%2e%2e/%2e%2e/etc/passwd');
    expect(encoded.body).not.toContain('root:');
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get('/', `evil.example:${station.port}`)).status).toBe(421);
  });
});

describe('browser station API socket', () => {
  it('refuses a connection without the token', async () => {
    const { refused } = await connect({ token: null });
    expect(refused?.status).toBe(401);
    expect(refused?.body.code).toBe('UNAUTHORIZED');
  });

  it('refuses a wrong token', async () => {
    const { refused } = await connect({ token: `${station.token}x` });
    expect(refused?.body.code).toBe('UNAUTHORIZED');
  });

  it('refuses a foreign origin even with the right token', async () => {
    const { refused } = await connect({ origin: 'http://evil.example' });
    expect(refused?.status).toBe(403);
    expect(refused?.body.code).toBe('UNTRUSTED_SENDER');
    const missing = await connect({ origin: null });
    expect(missing.refused?.body.code).toBe('UNTRUSTED_SENDER');
  });

  it('answers contract calls and refuses unknown channels, wrong types and garbage', async () => {
    const { ws } = await connect({});
    expect(ws).toBeDefined();
    const status = await call(ws!, { id: 1, channel: 'app:get-status', payload: {} });
    expect(status.ok).toBe(true);
    expect(status.value).toMatchObject({ stationName: 'TEST-1', mode: 'browser', firstRun: true });

    expect((await call(ws!, { id: 2, channel: 'fs:read-file', payload: { path: '/etc/passwd' } })).error?.code).toBe(
      'UNKNOWN_CHANNEL',
    );
    expect((await call(ws!, { id: 3, channel: 'catalog:list-products', payload: { limit: -5 } })).error?.code).toBe(
      'BAD_REQUEST',
    );
    expect((await call(ws!, '{not json')).error?.code).toBe('BAD_REQUEST');
    expect((await call(ws!, { id: 'x', channel: 1 })).error?.code).toBe('BAD_REQUEST');
    ws!.close();
  });

  it('pushes events to connected pages', async () => {
    const { ws } = await connect({});
    const events: { event: string; payload: { phase: string } }[] = [];
    ws!.on('message', (data) => {
      const parsed = JSON.parse(data.toString());
      if (parsed.kind === 'event') events.push(parsed);
    });
    const content = 'sku,name\nA-1,Cable\n';
    const preview = await call(ws!, {
      id: 7,
      channel: 'imports:preview',
      payload: { kind: 'products', fileName: 'p.csv', content },
    });
    expect(preview.ok).toBe(true);
    expect(events.some((e) => e.event === 'imports:progress')).toBe(true);
    ws!.close();
  });

  it('stops promptly even with a screen that hung and a request that never finished', async () => {
    // A page that hung: the socket is upgraded, then nothing it is sent is ever answered.
    const hung = net.connect(station.port, '127.0.0.1');
    const upgraded = new Promise<string>((resolve) => hung.once('data', (chunk) => resolve(chunk.toString())));
    hung.write(
      `GET /api?token=${encodeURIComponent(station.token)} HTTP/1.1\r\n` +
        `Host: 127.0.0.1:${station.port}\r\nOrigin: ${station.origin}\r\nUpgrade: websocket\r\n` +
        'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(await upgraded).toMatch(/^HTTP\/1\.1 101/);
    // A request whose headers never end (a stalled page load): the server would wait a minute.
    const stalled = net.connect(station.port, '127.0.0.1');
    await new Promise<void>((resolve) => stalled.once('connect', () => resolve()));
    stalled.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${station.port}\r\n`);
    const ended = Promise.all(
      [hung, stalled].map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()))),
    );
    await station.close();
    await ended;
    // The port is free again for the next start.
    const again = http.createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(station.port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => again.close(() => resolve()));
  });
});
