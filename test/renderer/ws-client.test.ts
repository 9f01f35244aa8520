import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LOST_CONNECTION,
  stationSocketUrl,
  takeStationToken,
  WsClient,
  type WsClientOptions,
} from '../../src/renderer/src/api/ws-client';

/** Just enough of a browser WebSocket for the client: the test plays the station's side. */
class FakeWebSocket {
  static readonly instances: FakeWebSocket[] = [];
  readonly url: string;
  readyState = 0;
  readonly sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;

  constructor(url: string) {
    this.url = url;
    FakeWebSocket.instances.push(this);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send() on a socket that is not open');
    this.sent.push(JSON.parse(data));
  }

  close(): void {
    this.drop(1000);
  }

  // --- the station's side ---
  accept(): void {
    this.readyState = 1;
    this.onopen?.();
  }

  reply(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  drop(code = 1006): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const URL = 'ws://127.0.0.1:4000/api?token=abc';

function client(options: Partial<WsClientOptions> = {}): WsClient {
  return new WsClient({
    url: URL,
    createSocket: (url) => new FakeWebSocket(url) as unknown as WebSocket,
    backoff: { firstMs: 100, maxMs: 1000 },
    ...options,
  });
}

function lastSocket(): FakeWebSocket {
  const socket = FakeWebSocket.instances.at(-1);
  if (!socket) throw new Error('no socket was opened');
  return socket;
}

beforeEach(() => {
  FakeWebSocket.instances.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('WsClient', () => {
  it('sends calls made before the socket opens, and matches answers to calls by id whatever their order', async () => {
    const api = client();
    const status = api.invoke('app:get-status', {});
    const products = api.invoke('catalog:list-products', { limit: 5, offset: 0 });
    const socket = lastSocket();
    expect(socket.url).toBe(URL);
    expect(socket.sent).toEqual([]);

    socket.accept();
    expect(socket.sent).toEqual([
      { id: expect.any(Number), channel: 'app:get-status', payload: {} },
      { id: expect.any(Number), channel: 'catalog:list-products', payload: { limit: 5, offset: 0 } },
    ]);
    const [first, second] = socket.sent as { id: number }[];
    expect(first!.id).not.toBe(second!.id);

    socket.reply({ kind: 'result', id: second!.id, result: { ok: true, value: { total: 0, rows: [] } } });
    socket.reply({
      kind: 'result',
      id: first!.id,
      result: { ok: false, error: { code: 'DB_LOCKED', message: 'busy' } },
    });

    await expect(products).resolves.toEqual({ ok: true, value: { total: 0, rows: [] } });
    await expect(status).resolves.toEqual({ ok: false, error: { code: 'DB_LOCKED', message: 'busy' } });
    expect(api.current()).toEqual({ status: 'open' });
  });

  it('delivers pushed events to their listeners until they unsubscribe', () => {
    const api = client();
    const socket = lastSocket();
    socket.accept();
    const seen: unknown[] = [];
    const stop = api.on('imports:progress', (payload) => seen.push(payload));
    const progress = { importId: 'i1', phase: 'write', done: 5, total: 10 };

    socket.reply({ kind: 'event', event: 'imports:progress', payload: progress });
    socket.reply({ kind: 'event', event: 'no:such-event', payload: {} });
    stop();
    socket.reply({ kind: 'event', event: 'imports:progress', payload: { ...progress, done: 10 } });

    expect(seen).toEqual([progress]);
  });

  it('fails calls in flight when the link drops, shows the outage, and reconnects with backoff', async () => {
    vi.useFakeTimers();
    const api = client();
    const first = lastSocket();
    first.accept();
    const states: string[] = [];
    api.subscribe(() => states.push(api.current().status));

    const inFlight = api.invoke('app:get-status', {});
    first.drop();
    await expect(inFlight).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: LOST_CONNECTION } });
    expect(api.current()).toMatchObject({ status: 'waiting', failures: 1, retryInMs: 100 });

    // While waiting to retry, a new call is refused at once rather than hanging.
    await expect(api.invoke('app:get-status', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    await vi.advanceTimersByTimeAsync(100);
    const second = lastSocket();
    expect(second).not.toBe(first);
    second.accept();
    expect(states).toEqual(['waiting', 'connecting', 'open']);

    const again = api.invoke('app:get-status', {});
    const { id } = second.sent[0] as { id: number };
    second.reply({ kind: 'result', id, result: { ok: true, value: 'fine' } });
    await expect(again).resolves.toEqual({ ok: true, value: 'fine' });
  });

  it('backs off longer after each failed attempt while the station is down', async () => {
    vi.useFakeTimers();
    const api = client({ stationAnswers: async () => false });
    lastSocket().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.current()).toMatchObject({ status: 'waiting', retryInMs: 100 });
    await vi.advanceTimersByTimeAsync(100);
    lastSocket().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.current()).toMatchObject({ status: 'waiting', retryInMs: 200 });
    await vi.advanceTimersByTimeAsync(200);
    lastSocket().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.current()).toMatchObject({ status: 'waiting', retryInMs: 400 });
    expect(FakeWebSocket.instances).toHaveLength(3);
  });

  it('without a token it opens no socket and answers every call as not authorised', async () => {
    const api = client({ url: null });
    expect(FakeWebSocket.instances).toHaveLength(0);
    expect(api.current()).toEqual({ status: 'unauthorised', reason: 'no-token' });
    await expect(api.invoke('app:get-status', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
  });

  it('treats a refused handshake while the station still serves its page as a refused token, and stops retrying', async () => {
    vi.useFakeTimers();
    const api = client({ stationAnswers: async () => true });
    lastSocket().drop();
    await vi.advanceTimersByTimeAsync(0);
    // Once could be a station that came back just after the failed handshake: try again.
    expect(api.current()).toMatchObject({ status: 'waiting' });
    await vi.advanceTimersByTimeAsync(100);
    lastSocket().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.current()).toEqual({ status: 'unauthorised', reason: 'refused' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('answers a malformed result with a readable error instead of passing it on', async () => {
    const api = client();
    const socket = lastSocket();
    socket.accept();
    const call = api.invoke('app:get-status', {});
    const { id } = socket.sent[0] as { id: number };
    socket.reply({ kind: 'result', id, result: { nonsense: true } });
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('station token', () => {
  it('moves the token from the address into session storage and keeps the rest of the address', () => {
    const stored = new Map<string, string>();
    const storage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    };
    const replaced: string[] = [];
    const history = {
      state: null,
      replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)),
    };

    const token = takeStationToken({ href: 'http://127.0.0.1:4000/?token=s3cret&x=1#/orders' }, history, storage);
    expect(token).toBe('s3cret');
    expect(replaced).toEqual(['/?x=1#/orders']);

    // A reload arrives without the token in the address and still finds it.
    expect(takeStationToken({ href: 'http://127.0.0.1:4000/?x=1#/orders' }, history, storage)).toBe('s3cret');
    expect(replaced).toHaveLength(1);
  });

  it('builds the socket address on the host that served the page, and none without a token', () => {
    expect(stationSocketUrl({ protocol: 'http:', host: '127.0.0.1:4000' }, 'a b')).toBe(
      'ws://127.0.0.1:4000/api?token=a%20b',
    );
    expect(stationSocketUrl({ protocol: 'https:', host: 'st.example' }, 't')).toBe('wss://st.example/api?token=t');
    expect(stationSocketUrl({ protocol: 'http:', host: '127.0.0.1:4000' }, null)).toBeNull();
  });
});
