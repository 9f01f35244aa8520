/**
 * Turns a scale's stream of samples into what the weigh stage needs: a live `reading` event
 * for the display, and `readStable()`, which waits for a stable, usable weight and otherwise
 * fails with a message that tells the packer what to do.
 *
 * Scales without a stable flag are judged by equal consecutive readings: `consecutive`
 * readings within `toleranceGrams` of each other count as stable.
 */

import { EventEmitter } from 'node:events';
import type { DeviceStatus, WeightReading, WeightStatus } from '../types';
import type { ReadStableOptions, ScaleSample } from './types';

export interface ScaleReaderOptions {
  /** Equal readings in a row that make a weight stable when the scale sends no flag; default 5. */
  readonly consecutive?: number;
  /** How far apart "equal" readings may be; default 2 g. */
  readonly toleranceGrams?: number;
  /**
   * How old the latest reading may be for `readStable` to use it at once. Scales that only
   * report changes (USB HID) pass Infinity: their latest report is the current weight.
   */
  readonly currentForMs?: number;
  /** An error state (over weight, under zero, fault) lasting this long ends `readStable`; default 2 s. */
  readonly errorGraceMs?: number;
}

export const DEFAULT_READ_TIMEOUT_MS = 10_000;

const HARD_ERRORS: ReadonlySet<WeightStatus> = new Set([
  'over-weight',
  'under-zero',
  'fault',
  'needs-calibration',
  'needs-rezero',
]);

const STATUS_MESSAGES: Readonly<Partial<Record<WeightStatus, string>>> = {
  'over-weight': 'The parcel is heavier than the scale can weigh — use a scale with a higher capacity.',
  'under-zero': 'The scale shows less than zero — empty the platform, zero the scale and weigh again.',
  fault: 'The scale reports a fault — switch it off and on; if it persists it needs service.',
  'needs-calibration': 'The scale needs calibration before it can be used.',
  'needs-rezero': 'The scale needs re-zeroing — empty the platform, zero it and weigh again.',
};

export interface ScaleReaderEvents {
  reading: [reading: WeightReading];
}

interface Waiter {
  readonly requireLoad: boolean;
  readonly timeoutMs: number;
  readonly resolve: (reading: WeightReading) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
  /** When the current run of one hard error began. */
  errorSince: { status: WeightStatus; at: number } | null;
}

/** Why `readStable` gave up; the message is meant for the packer. */
export class ScaleReadError extends Error {
  constructor(
    message: string,
    readonly lastReading: WeightReading | null,
  ) {
    super(message);
    this.name = 'ScaleReadError';
  }
}

export class ScaleReader extends EventEmitter<ScaleReaderEvents> {
  readonly #consecutive: number;
  readonly #tolerance: number;
  readonly #currentForMs: number;
  readonly #errorGraceMs: number;
  readonly #recent: number[] = [];
  readonly #waiters = new Set<Waiter>();
  #last: { reading: WeightReading; at: number; problem: string | undefined } | null = null;
  /** False once the device disconnected: a reading from before the unplug is history, not the weight. */
  #lastCurrent = false;
  #device: DeviceStatus | null = null;
  #closed = false;

  constructor(options: ScaleReaderOptions = {}) {
    super();
    this.#consecutive = Math.max(2, options.consecutive ?? 5);
    this.#tolerance = options.toleranceGrams ?? 2;
    this.#currentForMs = options.currentForMs ?? 1000;
    this.#errorGraceMs = options.errorGraceMs ?? 2000;
  }

  get lastReading(): WeightReading | null {
    return this.#last?.reading ?? null;
  }

  /** The device's connection state, used to explain a timeout. */
  setDeviceStatus(status: DeviceStatus): void {
    this.#device = status;
    if (status.state === 'connected') return;
    this.#recent.length = 0;
    this.#lastCurrent = false;
  }

  push(sample: ScaleSample): void {
    if (this.#closed) return;
    const reading = sample.stableKnown ? sample.reading : this.#judgeStability(sample.reading);
    if (sample.stableKnown) this.#recent.length = 0;
    const at = Date.now();
    this.#last = { reading, at, problem: sample.problem };
    this.#lastCurrent = true;
    this.emit('reading', reading);
    for (const waiter of [...this.#waiters]) this.#offer(waiter, reading, sample.problem, at);
  }

  readStable(options: ReadStableOptions = {}): Promise<WeightReading> {
    if (this.#closed) return Promise.reject(new ScaleReadError('The scale is closed.', this.lastReading));
    const timeoutMs = options.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    return new Promise<WeightReading>((resolve, reject) => {
      const waiter: Waiter = {
        requireLoad: options.requireLoad ?? false,
        timeoutMs,
        resolve: (reading) => {
          this.#finish(waiter);
          resolve(reading);
        },
        reject: (error) => {
          this.#finish(waiter);
          reject(error);
        },
        timer: setTimeout(() => waiter.reject(this.#timeoutError(waiter)), timeoutMs),
        errorSince: null,
      };
      this.#waiters.add(waiter);
      const last = this.#last;
      if (last && this.#lastCurrent && Date.now() - last.at <= this.#currentForMs && this.#usable(waiter, last.reading))
        waiter.resolve(last.reading);
    });
  }

  /** Rejects pending reads; later samples are ignored. */
  close(): void {
    this.#closed = true;
    for (const waiter of [...this.#waiters])
      waiter.reject(new ScaleReadError('The scale was closed.', this.lastReading));
  }

  #finish(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    this.#waiters.delete(waiter);
  }

  #usable(waiter: Waiter, reading: WeightReading): boolean {
    if (!reading.stable || reading.grams === null) return false;
    if (reading.status === 'ok') return reading.grams > 0 || !waiter.requireLoad;
    return reading.status === 'zero' && !waiter.requireLoad;
  }

  #offer(waiter: Waiter, reading: WeightReading, problem: string | undefined, at: number): void {
    if (this.#usable(waiter, reading)) {
      waiter.resolve(reading);
      return;
    }
    if (!HARD_ERRORS.has(reading.status)) {
      waiter.errorSince = null;
      return;
    }
    if (waiter.errorSince?.status !== reading.status) waiter.errorSince = { status: reading.status, at };
    if (at - waiter.errorSince.at >= this.#errorGraceMs)
      waiter.reject(new ScaleReadError(problem ?? statusMessage(reading.status), reading));
  }

  #judgeStability(reading: WeightReading): WeightReading {
    if (reading.grams === null) {
      this.#recent.length = 0;
      return reading;
    }
    this.#recent.push(reading.grams);
    if (this.#recent.length > this.#consecutive) this.#recent.shift();
    const steady =
      this.#recent.length === this.#consecutive &&
      Math.max(...this.#recent) - Math.min(...this.#recent) <= this.#tolerance;
    if (reading.status !== 'ok') return { ...reading, stable: steady };
    if (!steady) return { ...reading, stable: false, status: 'motion' };
    return { ...reading, stable: true, status: reading.grams === 0 ? 'zero' : 'ok' };
  }

  #timeoutError(waiter: Waiter): ScaleReadError {
    const seconds = `${Number((waiter.timeoutMs / 1000).toFixed(1))} s`;
    const last = this.#last;
    const device = this.#device;
    if (device && device.state !== 'connected')
      return new ScaleReadError(`No weight for ${seconds}: the scale is not connected (${device.detail}).`, null);
    if (last === null || Date.now() - last.at > Math.max(this.#currentForMs, waiter.timeoutMs))
      return new ScaleReadError(
        `No reading from the scale for ${seconds} — check that it is switched on and connected.`,
        null,
      );
    const reading = last.reading;
    if (reading.status === 'motion' || (reading.grams !== null && !reading.stable))
      return new ScaleReadError(
        `The scale kept moving for ${seconds} — let the parcel settle and weigh again.`,
        reading,
      );
    if (reading.status === 'zero' || (reading.status === 'ok' && reading.grams === 0))
      return new ScaleReadError(`Nothing on the scale — put the parcel on it and weigh again.`, reading);
    if (last.problem) return new ScaleReadError(last.problem, reading);
    return new ScaleReadError(statusMessage(reading.status), reading);
  }
}

export function statusMessage(status: WeightStatus): string {
  return STATUS_MESSAGES[status] ?? 'The scale gives no usable weight — check its display and connection.';
}
