import type { Envelope, ErrorInfo } from '../../../shared/errors';
import {
  isEventName,
  type Channel,
  type EventName,
  type EventPayload,
  type Input,
  type Output,
  type PackbenchApi,
} from '../../../shared/ipc';
import { TOKEN_PARAM, WS_PATH, type WireRequest } from '../../../shared/ipc/wire';

/** Where the link to the station stands, as the connection banner shows it. */
export type ConnectionState =
  | { readonly status: 'connecting'; readonly failures: number }
  | { readonly status: 'open' }
  | { readonly status: 'waiting'; readonly failures: number; readonly retryInMs: number }
  | { readonly status: 'unauthorised'; readonly reason: 'no-token' | 'refused' };

export interface ConnectionSource {
  current(): ConnectionState;
  subscribe(listener: () => void): () => void;
}

export interface WsClientOptions {
  /** `ws://host/api?token=...`, or null when the page has no token at all. */
  readonly url: string | null;
  readonly createSocket?: (url: string) => WebSocket;
  /**
   * Whether the station's web server answers. A handshake that fails while the server is up
   * means the token was refused (it changes at every launch); the browser hides the 401.
   */
  readonly stationAnswers?: () => Promise<boolean>;
  readonly backoff?: { readonly firstMs: number; readonly maxMs: number };
}

export const LOST_CONNECTION =
  'Lost connection to the station before it answered. Once it is back, check whether the change was made before trying again.';
export const NOT_AUTHORISED =
  'This page is not authorised to use the station. Open the address the station printed when it started (it ends with ?token=…).';

interface Pending {
  readonly resolve: (envelope: Envelope<unknown>) => void;
  /** The frame to send, kept while the socket is still opening. */
  frame: string | null;
}

/** WebSocket.OPEN, spelled out so a stand-in socket need not define the constants. */
const OPEN = 1;

/**
 * The station API in browser station mode: contract calls as JSON frames over one WebSocket,
 * answers matched by id. Calls never reject; a dropped link fails them with an envelope.
 */
export class WsClient implements PackbenchApi, ConnectionSource {
  readonly #url: string | null;
  readonly #createSocket: (url: string) => WebSocket;
  readonly #stationAnswers: () => Promise<boolean>;
  readonly #backoff: { readonly firstMs: number; readonly maxMs: number };
  readonly #pending = new Map<number, Pending>();
  readonly #eventListeners = new Map<EventName, Set<(payload: never) => void>>();
  readonly #stateListeners = new Set<() => void>();
  #socket: WebSocket | null = null;
  #state: ConnectionState;
  #nextId = 1;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;
  /** Handshakes refused in a row while the station's web server was answering. */
  #refusals = 0;

  constructor(options: WsClientOptions) {
    this.#url = options.url;
    this.#createSocket = options.createSocket ?? ((url) => new WebSocket(url));
    this.#stationAnswers = options.stationAnswers ?? (() => Promise.resolve(false));
    this.#backoff = options.backoff ?? { firstMs: 500, maxMs: 10_000 };
    if (this.#url === null) {
      this.#state = { status: 'unauthorised', reason: 'no-token' };
    } else {
      this.#state = { status: 'connecting', failures: 0 };
      this.#connect(0);
    }
  }

  current(): ConnectionState {
    return this.#state;
  }

  subscribe(listener: () => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  invoke<C extends Channel>(channel: C, input?: Input<C>): Promise<Envelope<Output<C>>> {
    const state = this.#state;
    if (state.status === 'unauthorised') return Promise.resolve(failure('UNAUTHORIZED', NOT_AUTHORISED));
    if (state.status === 'waiting' || this.#closed) return Promise.resolve(failure('INTERNAL', LOST_CONNECTION));
    const id = this.#nextId++;
    const request: WireRequest = input === undefined ? { id, channel } : { id, channel, payload: input };
    const frame = JSON.stringify(request);
    return new Promise((resolve) => {
      const pending: Pending = { resolve: resolve as (envelope: Envelope<unknown>) => void, frame };
      this.#pending.set(id, pending);
      if (this.#socket && this.#socket.readyState === OPEN) this.#send(pending);
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.#eventListeners.get(event);
    if (!set) {
      set = new Set();
      this.#eventListeners.set(event, set);
    }
    const stored = listener as (payload: never) => void;
    set.add(stored);
    return () => set.delete(stored);
  }

  /** Stops reconnecting and fails whatever is still waiting for an answer. */
  close(): void {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#socket?.close();
    this.#socket = null;
    this.#failPending();
  }

  #connect(failures: number): void {
    if (this.#closed || this.#url === null) return;
    this.#setState({ status: 'connecting', failures });
    let opened = false;
    const socket = this.#createSocket(this.#url);
    this.#socket = socket;
    socket.onopen = () => {
      opened = true;
      this.#refusals = 0;
      this.#setState({ status: 'open' });
      for (const pending of this.#pending.values()) this.#send(pending);
    };
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data === 'string') this.#receive(event.data);
    };
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#failPending();
      if (this.#closed) return;
      if (opened) {
        // A drop counts as the first failure, so the screen says "reconnecting", not "connecting".
        this.#scheduleRetry(1);
        return;
      }
      void this.#stationAnswers().then((answers) => {
        if (this.#closed) return;
        if (!answers) {
          this.#refusals = 0;
          this.#scheduleRetry(failures + 1);
        } else if (++this.#refusals >= 2) {
          this.#setState({ status: 'unauthorised', reason: 'refused' });
        } else {
          // The station may have come back between the failed handshake and the check:
          // only a second refusal in a row means the token itself is refused.
          this.#scheduleRetry(failures + 1);
        }
      });
    };
  }

  #scheduleRetry(failures: number): void {
    const retryInMs = Math.min(this.#backoff.maxMs, this.#backoff.firstMs * 2 ** Math.max(0, failures - 1));
    this.#setState({ status: 'waiting', failures, retryInMs });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#connect(failures);
    }, retryInMs);
  }

  #send(pending: Pending): void {
    if (pending.frame === null || !this.#socket) return;
    this.#socket.send(pending.frame);
    pending.frame = null;
  }

  #receive(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!isRecord(message)) return;
    if (message.kind === 'result' && typeof message.id === 'number') {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      pending.resolve(
        isEnvelope(message.result)
          ? message.result
          : failure('INTERNAL', 'The station sent an answer this screen could not read.'),
      );
    } else if (message.kind === 'event' && isEventName(message.event)) {
      for (const listener of [...(this.#eventListeners.get(message.event) ?? [])]) {
        try {
          listener(message.payload as never);
        } catch (error) {
          // One broken listener must not keep the others (or later answers) from arriving.
          console.error(`A listener for ${message.event} failed:`, error);
        }
      }
    }
  }

  #failPending(): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of pending) call.resolve(failure('INTERNAL', LOST_CONNECTION));
  }

  #setState(state: ConnectionState): void {
    this.#state = state;
    for (const listener of this.#stateListeners) listener();
  }
}

/** The WebSocket address for this page, or null when no token came with it. */
export function stationSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string | null): string | null {
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

const TOKEN_KEY = 'packbench.station-token';

/**
 * Takes the token from the page address, keeps it for this tab so a reload still works, and
 * removes it from the visible address so it is not shoulder-surfed or bookmarked.
 */
export function takeStationToken(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'replaceState' | 'state'>,
  storage: Pick<Storage, 'getItem' | 'setItem'> | null,
): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    try {
      storage?.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token still works until the page is reloaded.
    }
    url.searchParams.delete(TOKEN_PARAM);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return storage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}

/**
 * The address of a file the station offers this tab for download (a finished export), with
 * the station token this tab keeps; null when the tab kept no token (storage disabled).
 */
export function stationFileUrl(downloadPath: string, storage: Pick<Storage, 'getItem'> | null): string | null {
  // Only the station's own paths: a download link never leaves this origin.
  if (!downloadPath.startsWith('/') || downloadPath.startsWith('//')) return null;
  let token: string | null;
  try {
    token = storage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    token = null;
  }
  return token ? `${downloadPath}?${TOKEN_PARAM}=${encodeURIComponent(token)}` : null;
}

function failure(code: ErrorInfo['code'], message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isEnvelope(value: unknown): value is Envelope<never> {
  if (!isRecord(value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && isRecord(value.error) && typeof value.error.message === 'string';
}
