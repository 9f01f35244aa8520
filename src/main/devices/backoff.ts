/**
 * Reconnect with exponential backoff (0.5 s doubling to 10 s by default, reset after a
 * success). Used by every device transport so an unplugged scanner, scale or printer comes
 * back on its own without hammering the port or the network.
 */

export interface BackoffOptions {
  /** First delay; default 500 ms. */
  readonly initialMs?: number;
  /** Ceiling; default 10 s. */
  readonly maxMs?: number;
  /** Growth per failed attempt; default 2. */
  readonly factor?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = { initialMs: 500, maxMs: 10_000, factor: 2 };

/** The delay sequence alone, for callers that schedule their own retries. */
export class Backoff {
  readonly #options: Required<BackoffOptions>;
  #attempt = 0;

  constructor(options: BackoffOptions = {}) {
    this.#options = { ...DEFAULT_BACKOFF, ...options };
  }

  /** How many delays were handed out since the last reset. */
  get attempt(): number {
    return this.#attempt;
  }

  /** The delay before the next attempt; each call counts one attempt. */
  next(): number {
    const { initialMs, maxMs, factor } = this.#options;
    const delay = Math.min(maxMs, initialMs * factor ** this.#attempt);
    this.#attempt += 1;
    return delay;
  }

  reset(): void {
    this.#attempt = 0;
  }
}

export interface RetryInfo {
  /** 1 for the first retry after a failure or a lost connection. */
  readonly attempt: number;
  readonly delayMs: number;
  /** Why the last attempt failed or the connection was lost. */
  readonly error: unknown;
}

export interface ReconnectorOptions extends BackoffOptions {
  /** Opens the device; throws (or rejects) when it cannot. */
  readonly connect: () => Promise<void>;
  /** Called each time a retry is scheduled, so the driver can report "reconnecting (attempt n)". */
  readonly onRetry?: (info: RetryInfo) => void;
  /** Called after a successful connect. */
  readonly onConnected?: () => void;
}

/**
 * Runs `connect` until it succeeds, waiting longer after each failure. After a connection
 * is lost the driver calls `lost(error)` and the cycle starts again from the first delay.
 * `stop()` cancels any pending attempt; nothing keeps running afterwards.
 */
export class Reconnector {
  readonly #options: ReconnectorOptions;
  readonly #backoff: Backoff;
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #stopped = false;

  constructor(options: ReconnectorOptions) {
    this.#options = options;
    this.#backoff = new Backoff(options);
  }

  /** Tries to connect now (no-op while an attempt is pending or after stop). */
  start(): void {
    if (this.#stopped || this.#running || this.#timer !== null) return;
    void this.#attempt();
  }

  /** The connection dropped: schedule a reconnect after the backoff delay. */
  lost(error: unknown): void {
    if (this.#stopped || this.#running || this.#timer !== null) return;
    this.#schedule(error);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  async #attempt(): Promise<void> {
    this.#running = true;
    try {
      await this.#options.connect();
      this.#running = false;
      if (this.#stopped) return;
      this.#backoff.reset();
      this.#options.onConnected?.();
    } catch (error) {
      this.#running = false;
      if (!this.#stopped) this.#schedule(error);
    }
  }

  #schedule(error: unknown): void {
    const delayMs = this.#backoff.next();
    this.#options.onRetry?.({ attempt: this.#backoff.attempt, delayMs, error });
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (!this.#stopped) void this.#attempt();
    }, delayMs);
  }
}
