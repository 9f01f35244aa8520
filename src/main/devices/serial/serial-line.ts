/**
 * A serial port that frames its input and keeps itself open: it opens the port with the
 * configured line settings, emits whole frames, and when the port disappears (adapter
 * unplugged, scale switched off) reports "reconnecting" and reopens it with backoff.
 * Scanners and scales both talk through it.
 */

import { EventEmitter } from 'node:events';
import type { SerialPort } from 'serialport';
import { Reconnector, type BackoffOptions, type RetryInfo } from '../backoff';
import type { DeviceClass, DeviceState, DeviceStatus } from '../types';
import { LineFramer, type Framing } from './line-framer';
import { writeToPort } from './port-write';
import { describeLine, type SerialSettings } from './serial-settings';

export interface SerialLineOptions {
  readonly settings: SerialSettings;
  readonly framing: Framing;
  readonly deviceClass: DeviceClass;
  /** Shown in status messages, e.g. "MT-SICS scale on /dev/ttyUSB0". */
  readonly name: string;
  readonly backoff?: BackoffOptions;
  /** How often an open port is checked for a pulled cable; default 1 s. */
  readonly checkEveryMs?: number;
}

export interface SerialLineEvents {
  frame: [frame: Buffer];
  status: [status: DeviceStatus];
}

/** Raised by `write` while the port is not open; the message says why. */
export class PortUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortUnavailableError';
  }
}

export class SerialLine extends EventEmitter<SerialLineEvents> {
  readonly #options: SerialLineOptions;
  readonly #framer: LineFramer;
  readonly #reconnector: Reconnector;
  #port: SerialPort | null = null;
  #status: DeviceStatus;
  #everConnected = false;
  #closing = false;
  #detach: () => void = () => undefined;
  #connectedWaiters = new Map<() => void, (error: Error) => void>();

  constructor(options: SerialLineOptions) {
    super();
    this.#options = options;
    this.#framer = new LineFramer(options.framing);
    this.#status = this.#makeStatus('disconnected', 'Not opened yet');
    this.#reconnector = new Reconnector({
      ...options.backoff,
      connect: () => this.#connect(),
      onConnected: () => {
        this.#everConnected = true;
        this.#setStatus('connected', `Connected (${describeLine(options.settings)})`);
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

  get connected(): boolean {
    return this.#port !== null && this.#status.state === 'connected';
  }

  get settings(): SerialSettings {
    return this.#options.settings;
  }

  /** Starts opening the port; progress and failures arrive as status events. */
  start(): void {
    if (this.#status.state === 'disconnected' && !this.#closing)
      this.#setStatus('disconnected', `Opening ${this.#options.settings.path}`);
    this.#reconnector.start();
  }

  /** Resolves once the port is open; rejects with the latest status detail after `timeoutMs`. */
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
      const timer = setTimeout(() => fail(new PortUnavailableError(this.#status.detail)), timeoutMs);
      this.#connectedWaiters.set(done, fail);
    });
  }

  async write(data: string | Buffer): Promise<void> {
    const port = this.#port;
    if (port === null || !this.connected) throw new PortUnavailableError(this.#status.detail);
    try {
      await writeToPort(port, data);
    } catch (error) {
      throw new PortUnavailableError(error instanceof Error ? error.message : String(error));
    }
  }

  /** Bytes received that have not made a whole frame yet. */
  get pendingBytes(): number {
    return this.#framer.pendingBytes;
  }

  /** Drops a partial frame (after a reply timed out, before the next command). */
  resetFraming(): void {
    this.#framer.reset();
  }

  /** Closes the port and stops reconnecting; the line cannot be started again. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    this.#reconnector.stop();
    const port = this.#port;
    this.#port = null;
    if (port !== null && port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.#detach();
    port?.on('error', () => undefined);
    this.#setStatus('disconnected', 'Closed');
    // Nobody waits for a device that was closed: not even a timer.
    const waiting = [...this.#connectedWaiters.values()];
    this.#connectedWaiters.clear();
    for (const fail of waiting) fail(new PortUnavailableError('Closed'));
  }

  async #connect(): Promise<void> {
    const { settings } = this.#options;
    const { SerialPort } = await import('serialport');
    const port = new SerialPort({
      path: settings.path,
      baudRate: settings.baudRate,
      dataBits: settings.dataBits,
      parity: settings.parity,
      stopBits: settings.stopBits,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    if (this.#closing) {
      await new Promise<void>((resolve) => port.close(() => resolve()));
      return;
    }
    this.#framer.reset();
    const onData = (chunk: Buffer) => {
      for (const frame of this.#framer.push(chunk)) this.emit('frame', frame);
    };
    const onError = (error: Error) => this.#lost(port, error);
    const onClose = (error: Error | null) => this.#lost(port, error ?? new Error('port closed'));
    port.on('data', onData);
    port.on('error', onError);
    port.on('close', onClose);
    const check = setInterval(() => this.#check(port), this.#options.checkEveryMs ?? 1000);
    check.unref();
    this.#detach = () => {
      clearInterval(check);
      port.off('data', onData);
      port.off('error', onError);
      port.off('close', onClose);
    };
    this.#port = port;
  }

  /**
   * A device that hangs up while a read is being started leaves serialport reading zero
   * bytes in a loop instead of reporting the loss, and a device that only talks (continuous
   * scales, scanners) is never written to, so no failed write reveals it either. Asking the
   * port for its line settings fails on a device that is gone, whatever the reader is doing.
   */
  #check(port: SerialPort): void {
    const binding = port.port;
    if (this.#closing || this.#port !== port || !port.isOpen || binding === undefined) return;
    binding.getBaudRate().catch((error: unknown) => {
      if (this.#port !== port || !port.isOpen) return;
      this.#lost(port, error instanceof Error ? error : new Error(String(error)));
    });
  }

  #lost(port: SerialPort, error: Error): void {
    if (this.#closing || this.#port !== port) return;
    this.#port = null;
    // Only this line's listeners go: a write still waiting on the port must hear it close.
    this.#detach();
    // A late error from the dead port must not become an unhandled 'error' event.
    port.on('error', () => undefined);
    if (port.isOpen) port.close(() => undefined);
    this.#reconnector.lost(error);
  }

  #onRetry({ attempt, error }: RetryInfo): void {
    const path = this.#options.settings.path;
    const reason = describeOpenError(error, path);
    if (this.#everConnected) {
      this.#setStatus('reconnecting', `Unplugged or switched off — reconnecting (attempt ${attempt})`);
    } else {
      this.#setStatus(reason.state, `${reason.message} — retrying (attempt ${attempt})`);
    }
  }

  #setStatus(state: DeviceState, detail: string): void {
    this.#status = this.#makeStatus(state, detail);
    this.emit('status', this.#status);
  }

  #makeStatus(state: DeviceState, detail: string): DeviceStatus {
    return {
      deviceClass: this.#options.deviceClass,
      state,
      name: this.#options.name,
      detail,
      since: new Date().toISOString(),
    };
  }
}

/** Turns an open failure into words a technician can act on. */
export function describeOpenError(
  error: unknown,
  path: string,
): { readonly state: DeviceState; readonly message: string } {
  const text = error instanceof Error ? error.message : String(error);
  if (/ENOENT|No such file|cannot find|File not found/i.test(text))
    return { state: 'reconnecting', message: `Nothing is plugged in at ${path}` };
  if (/EACCES|Permission denied|Access denied/i.test(text))
    return {
      state: 'error',
      message: `No permission to open ${path} (on Linux, add this user to the dialout group and log in again)`,
    };
  if (/EBUSY|busy|Cannot lock port/i.test(text))
    return { state: 'error', message: `${path} is in use by another program` };
  return { state: 'reconnecting', message: `Cannot open ${path}: ${text}` };
}
