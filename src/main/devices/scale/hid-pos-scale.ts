/**
 * USB HID POS shipping scale (Dymo, Stamps.com, Mettler Toledo PS series, Fairbanks
 * Ultegra...) through node-hid or any `HidBackend`. The first data report after opening
 * holds whatever the scale measured before (often the last weight of the previous session),
 * so it is discarded.
 */

import { EventEmitter } from 'node:events';
import type { BackoffOptions } from '../backoff';
import { HidConnection } from '../hid/hid-connection';
import type { HidBackend } from '../hid/hid-backend';
import type { DeviceStatus, WeightReading } from '../types';
import { SCALE_USAGE_PAGE, ZERO_SCALE_REPORT, parseScaleReport } from './hid-pos-scale-report';
import { ScaleReader } from './scale-reader';
import type { ReadStableOptions, Scale, ScaleEvents } from './types';

export interface HidPosScaleOptions {
  readonly backend: HidBackend;
  readonly path?: string;
  /** node-hid delivers the report id at byte 0 (default true). */
  readonly reportIdIncluded?: boolean;
  readonly backoff?: BackoffOptions;
}

export class HidPosScale extends EventEmitter<ScaleEvents> implements Scale {
  readonly #connection: HidConnection;
  // HID scales report on change: the latest report is the current weight however old it is.
  readonly #reader = new ScaleReader({ currentForMs: Number.POSITIVE_INFINITY });
  readonly #reportIdIncluded: boolean;
  #discardNext = true;
  #status: DeviceStatus;

  constructor(options: HidPosScaleOptions) {
    super();
    this.#reportIdIncluded = options.reportIdIncluded ?? true;
    this.#connection = new HidConnection({
      backend: options.backend,
      filter: { usagePage: SCALE_USAGE_PAGE },
      what: 'scale',
      deviceClass: 'scale',
      ...(options.path === undefined ? {} : { path: options.path }),
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
      onOpen: () => {
        this.#discardNext = true;
      },
    });
    this.#status = this.#connection.status;
    this.#reader.on('reading', (reading) => this.emit('reading', reading));
    this.#connection.on('status', (status) => this.#setStatus(status));
    this.#connection.on('report', (report) => this.#onReport(report));
  }

  get status(): DeviceStatus {
    return this.#status;
  }

  get lastReading(): WeightReading | null {
    return this.#reader.lastReading;
  }

  start(): void {
    this.#connection.start();
  }

  waitConnected(timeoutMs: number): Promise<void> {
    return this.#connection.waitConnected(timeoutMs);
  }

  readStable(options?: ReadStableOptions): Promise<WeightReading> {
    return this.#reader.readStable(options);
  }

  async zero(): Promise<void> {
    try {
      await this.#connection.write(ZERO_SCALE_REPORT);
    } catch (error) {
      throw new Error(`The scale could not be zeroed: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    this.#reader.close();
    await this.#connection.close();
  }

  #onReport(bytes: Buffer): void {
    const result = parseScaleReport(bytes, { reportIdIncluded: this.#reportIdIncluded });
    if (result.kind === 'other') return;
    if (this.#discardNext) {
      this.#discardNext = false;
      return;
    }
    if (result.kind === 'invalid') {
      this.#setStatus({
        ...this.#connection.status,
        state: 'error',
        detail: `Unreadable report from the scale (${result.reason})`,
      });
      return;
    }
    if (this.#status.state !== 'connected' && this.#connection.connected) this.#setStatus(this.#connection.status);
    this.#reader.push(result.sample);
  }

  #setStatus(status: DeviceStatus): void {
    this.#status = { ...status, since: new Date().toISOString() };
    this.#reader.setDeviceStatus(this.#status);
    this.emit('status', this.#status);
  }
}
