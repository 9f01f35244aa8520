/**
 * Keeps one HID POS device open: finds it by usage page (refusing to guess between two),
 * opens it, forwards its input reports, and when it is unplugged reports "reconnecting"
 * and looks for it again with backoff. The HID scanner and the HID scale drivers sit on it.
 */

import { EventEmitter } from 'node:events';
import { Reconnector, type BackoffOptions, type RetryInfo } from '../backoff';
import type { DeviceClass, DeviceState, DeviceStatus, HidDeviceInfo, HidTransport } from '../types';
import { chooseHidDevice, describeHidDevice, findHidCandidates, type HidBackend, type HidFilter } from './hid-backend';

export interface HidConnectionOptions {
  readonly backend: HidBackend;
  readonly filter: HidFilter;
  readonly what: 'scale' | 'scanner';
  readonly deviceClass: DeviceClass;
  /** The device path chosen in settings; without it exactly one candidate must be connected. */
  readonly path?: string;
  readonly backoff?: BackoffOptions;
  /** Runs after each open, before reports are forwarded (e.g. a vendor's enable report). */
  readonly onOpen?: (transport: HidTransport, device: HidDeviceInfo) => Promise<void> | void;
}

export interface HidConnectionEvents {
  report: [report: Buffer];
  status: [status: DeviceStatus];
}

class NotFoundError extends Error {
  constructor(
    message: string,
    readonly state: DeviceState,
  ) {
    super(message);
  }
}

export class HidConnection extends EventEmitter<HidConnectionEvents> {
  readonly #options: HidConnectionOptions;
  readonly #reconnector: Reconnector;
  #transport: HidTransport | null = null;
  #device: HidDeviceInfo | null = null;
  #status: DeviceStatus;
  #everConnected = false;
  #closing = false;
  #connectedWaiters = new Map<() => void, (error: Error) => void>();

  constructor(options: HidConnectionOptions) {
    super();
    this.#options = options;
    this.#status = this.#makeStatus('disconnected', 'Not opened yet');
    this.#reconnector = new Reconnector({
      ...options.backoff,
      connect: () => this.#connect(),
      onConnected: () => {
        this.#everConnected = true;
        this.#setStatus('connected', 'Connected');
        const waiters = [...this.#connectedWaiters.keys()];
        this.#connectedWaiters.clear();
        for (const resolve of waiters) resolve();
      },
      onRetry: (info) => this.#onRetry(info),
    });
  }

  get status(): DeviceStatus {
    return this.#status;
  }

  get device(): HidDeviceInfo | null {
    return this.#device;
  }

  get connected(): boolean {
    return this.#transport !== null && this.#status.state === 'connected';
  }

  start(): void {
    this.#reconnector.start();
  }

  waitConnected(timeoutMs: number): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.#connectedWaiters.delete(done);
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error(this.#status.detail)), timeoutMs);
      this.#connectedWaiters.set(done, fail);
    });
  }

  /** Sends an output report (report id first); throws with the status detail when not connected. */
  async write(report: readonly number[]): Promise<void> {
    const transport = this.#transport;
    if (transport === null) throw new Error(this.#status.detail);
    await transport.write([...report]);
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    this.#reconnector.stop();
    const transport = this.#transport;
    this.#transport = null;
    if (transport !== null) await closeQuietly(transport);
    this.#setStatus('disconnected', 'Closed');
    // Nobody waits for a device that was closed: not even a timer.
    const waiting = [...this.#connectedWaiters.values()];
    this.#connectedWaiters.clear();
    for (const fail of waiting) fail(new Error('Closed'));
  }

  async #connect(): Promise<void> {
    const { backend, filter, what, path } = this.#options;
    const candidates = findHidCandidates(await backend.list(), filter);
    const choice = chooseHidDevice(candidates, what, path);
    if (!choice.ok) throw new NotFoundError(choice.message, candidates.length > 1 ? 'error' : 'reconnecting');
    const device = choice.device;
    const transport = await backend.open(device.path as string);
    if (this.#closing) {
      await closeQuietly(transport);
      return;
    }
    try {
      await this.#options.onOpen?.(transport, device);
    } catch (error) {
      await closeQuietly(transport);
      throw error;
    }
    this.#device = device;
    transport.on('data', (report) => this.emit('report', report));
    transport.on('error', (error) => this.#lost(transport, error));
    this.#transport = transport;
  }

  #lost(transport: HidTransport, error: Error): void {
    if (this.#closing || this.#transport !== transport) return;
    this.#transport = null;
    void closeQuietly(transport);
    this.#reconnector.lost(error);
  }

  #onRetry({ attempt, error }: RetryInfo): void {
    if (error instanceof NotFoundError && !this.#everConnected) {
      this.#setStatus(error.state, `${error.message} Retrying (attempt ${attempt}).`);
      return;
    }
    if (this.#everConnected) {
      this.#setStatus('reconnecting', `Unplugged — reconnecting (attempt ${attempt})`);
      return;
    }
    const text = error instanceof Error ? error.message : String(error);
    this.#setStatus(
      'reconnecting',
      `Cannot open the USB ${this.#options.what}: ${text} — retrying (attempt ${attempt})`,
    );
  }

  #setStatus(state: DeviceState, detail: string): void {
    this.#status = this.#makeStatus(state, detail);
    this.emit('status', this.#status);
  }

  #makeStatus(state: DeviceState, detail: string): DeviceStatus {
    return {
      deviceClass: this.#options.deviceClass,
      state,
      name: this.#device ? describeHidDevice(this.#device) : `USB HID ${this.#options.what}`,
      detail,
      since: new Date().toISOString(),
    };
  }
}

async function closeQuietly(transport: HidTransport): Promise<void> {
  transport.removeAllListeners('data');
  transport.removeAllListeners('error');
  // node-hid may still report a read error while closing; nobody is listening for it any more.
  transport.on('error', () => undefined);
  try {
    await transport.close();
  } catch {
    // Already gone (unplugged): nothing left to release.
  }
}
