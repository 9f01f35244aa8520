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
import { describeLine, type SerialSettings } from './serial-settings';

export interface SerialLineOptions {
  readonly settings: SerialSettings;
  readonly framing: Framing;
  readonly deviceClass: DeviceClass;
  /** Shown in status messages, e.g. "MT-SICS scale on /dev/ttyUSB0". */
  readonly name: string;
  readonly backoff?: BackoffOptions;
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
  #connectedWaiters = new Set<() => void>();

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
        for (const resolve of this.#connectedWaiters) resolve();
        this.#connectedWaiters.clear();
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
      const timer = setTimeout(() => {
        this.#connectedWaiters.delete(done);
        reject(new PortUnavailableError(this.#status.detail));
      }, timeoutMs);
      this.#connectedWaiters.add(done);
    });
  }

  async write(data: string | Buffer): Promise<void> {
    const port = this.#port;
    if (port === null || !this.connected) throw new PortUnavailableError(this.#status.detail);
    await new Promise<void>((resolve, reject) => {
      port.write(data, (error) => (error ? reject(new PortUnavailableError(error.message)) : resolve()));
    });
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
    port?.removeAllListeners();
    this.#setStatus('disconnected', 'Closed');
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
    port.on('data', (chunk: Buffer) => {
      for (const frame of this.#framer.push(chunk)) this.emit('frame', frame);
    });
    port.on('error', (error: Error) => this.#lost(port, error));
    port.on('close', (error: Error | null) => this.#lost(port, error ?? new Error('port closed')));
    this.#port = port;
  }

  #lost(port: SerialPort, error: Error): void {
    if (this.#closing || this.#port !== port) return;
    this.#port = null;
    port.removeAllListeners();
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
