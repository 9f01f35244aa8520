/**
 * USB HID POS bar code scanner through node-hid (or any `HidBackend`). Reports are joined
 * when a scan spans several; a scan cut off by unplugging is dropped with a status message
 * instead of reaching a wizard half-read.
 */

import { EventEmitter } from 'node:events';
import type { BackoffOptions } from '../backoff';
import { HidConnection } from '../hid/hid-connection';
import type { HidBackend } from '../hid/hid-backend';
import type { DeviceStatus } from '../types';
import {
  BAR_CODE_SCANNER_USAGE,
  HONEYWELL_ENABLE_REPORT,
  HONEYWELL_VENDOR_ID,
  SCANNER_USAGE_PAGE,
  ScanAssembler,
  parseScannerReport,
} from './hid-pos-report';
import { scanEvent } from './scan-event';
import type { Scanner, ScannerEvents } from './types';

export interface HidPosScannerOptions {
  readonly backend: HidBackend;
  readonly path?: string;
  /** node-hid delivers the report id at byte 0 (default true). */
  readonly reportIdIncluded?: boolean;
  /** How long to wait for the rest of a continued scan; default 500 ms. */
  readonly continuationTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
}

export class HidPosScanner extends EventEmitter<ScannerEvents> implements Scanner {
  readonly #connection: HidConnection;
  readonly #assembler = new ScanAssembler();
  readonly #reportIdIncluded: boolean;
  readonly #continuationTimeoutMs: number;
  #continuationTimer: NodeJS.Timeout | null = null;
  #status: DeviceStatus;

  constructor(options: HidPosScannerOptions) {
    super();
    this.#reportIdIncluded = options.reportIdIncluded ?? true;
    this.#continuationTimeoutMs = options.continuationTimeoutMs ?? 500;
    this.#connection = new HidConnection({
      backend: options.backend,
      filter: { usagePage: SCANNER_USAGE_PAGE, usage: BAR_CODE_SCANNER_USAGE },
      what: 'scanner',
      deviceClass: 'scanner',
      ...(options.path === undefined ? {} : { path: options.path }),
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
      onOpen: async (transport, device) => {
        this.#assembler.reset();
        if (device.vendorId === HONEYWELL_VENDOR_ID) await transport.sendFeatureReport([...HONEYWELL_ENABLE_REPORT]);
      },
    });
    this.#status = this.#connection.status;
    this.#connection.on('status', (status) => {
      if (status.state !== 'connected') this.#dropPartial();
      this.#emitStatus(status);
    });
    this.#connection.on('report', (report) => this.#onReport(report));
  }

  get status(): DeviceStatus {
    return this.#status;
  }

  start(): void {
    this.#connection.start();
  }

  waitConnected(timeoutMs: number): Promise<void> {
    return this.#connection.waitConnected(timeoutMs);
  }

  async close(): Promise<void> {
    this.#clearContinuation();
    await this.#connection.close();
  }

  #onReport(bytes: Buffer): void {
    const result = parseScannerReport(bytes, { reportIdIncluded: this.#reportIdIncluded });
    if (result.kind === 'other') return;
    if (result.kind === 'invalid') {
      this.#assembler.reset();
      this.#clearContinuation();
      this.#emitStatus({ ...this.#connection.status, detail: `Unreadable scan (${result.reason}) — scan again` });
      return;
    }
    const scan = this.#assembler.push(result.report);
    this.#clearContinuation();
    if (scan === null) {
      this.#continuationTimer = setTimeout(() => this.#dropPartial(), this.#continuationTimeoutMs);
      return;
    }
    this.emit('scan', scanEvent((scan.aim ?? '') + scan.data, 'hid'));
  }

  #dropPartial(): void {
    this.#clearContinuation();
    if (!this.#assembler.partial) return;
    this.#assembler.reset();
    this.#emitStatus({ ...this.#connection.status, detail: 'A scan was cut off before it was complete — scan again' });
  }

  #clearContinuation(): void {
    if (this.#continuationTimer !== null) clearTimeout(this.#continuationTimer);
    this.#continuationTimer = null;
  }

  #emitStatus(status: DeviceStatus): void {
    this.#status = { ...status, since: new Date().toISOString() };
    this.emit('status', this.#status);
  }
}
