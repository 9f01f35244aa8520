/**
 * A fake USB HID POS scale: it sends the 6-byte scale data reports a Dymo or Stamps.com
 * scale sends (report id 3, status, unit, exponent, weight LSB/MSB), starting with a stale
 * report from "before", and zeroes when the driver writes the Zero Scale control report.
 */

import { FakeHidBackend, FakeHidTransport } from '../hid/fake-hid-transport';
import {
  HID_SCALE_STATUS,
  SCALE_CONTROL_REPORT_ID,
  SCALE_DATA_REPORT_ID,
  SCALE_USAGE_PAGE,
  ZERO_SCALE_BIT,
} from './hid-pos-scale-report';

export interface HidScaleReportFields {
  readonly status: number;
  /** HID POS unit code: 2 g, 3 kg, 11 oz, 12 lb, ... */
  readonly unit: number;
  /** Signed power of ten applied to `weight`. */
  readonly exponent: number;
  /** Unsigned 16-bit weight count. */
  readonly weight: number;
}

export function encodeScaleReport(fields: HidScaleReportFields): number[] {
  const weight = Math.max(0, Math.min(0xffff, Math.round(fields.weight)));
  return [SCALE_DATA_REPORT_ID, fields.status, fields.unit, fields.exponent & 0xff, weight & 0xff, weight >> 8];
}

export interface FakeHidScaleOptions {
  /** What the scale shows, in grams (reported in g, exponent 0, unless `fields` overrides). */
  readonly grams?: number;
  /** The weight the first, stale report carries. */
  readonly staleGrams?: number;
  /** Report automatically at this interval; default: only when told to. */
  readonly intervalMs?: number;
}

export class FakeHidScale extends FakeHidTransport {
  #fields: HidScaleReportFields;
  readonly #stale: number[];
  #staleSent = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(options: FakeHidScaleOptions = {}) {
    super();
    this.#fields = gramsFields(options.grams ?? 0, false);
    this.#stale = encodeScaleReport(gramsFields(options.staleGrams ?? 4321, false));
    // Like a real scale, the first report after opening holds an old measurement; it goes out
    // once the driver had a chance to listen, and always before any other report.
    setImmediate(() => {
      this.#sendStale();
      if (options.intervalMs !== undefined) {
        const every = options.intervalMs;
        const tick = () => {
          this.#timer = setTimeout(() => {
            this.report();
            tick();
          }, every);
        };
        tick();
      }
    });
  }

  /** Sets grams (stable unless `motion`) and reports. */
  setGrams(grams: number, motion = false): void {
    this.setFields(gramsFields(grams, motion));
  }

  /** Sets raw report fields (any unit, status, exponent) and reports. */
  setFields(fields: HidScaleReportFields): void {
    this.#fields = fields;
    this.report();
  }

  /** Sends the current weight again. */
  report(): void {
    this.#sendStale();
    this.emitReport(encodeScaleReport(this.#fields));
  }

  override close(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    super.close();
  }

  protected override onWrite(report: number[]): void {
    if (report[0] === SCALE_CONTROL_REPORT_ID && ((report[1] ?? 0) & ZERO_SCALE_BIT) !== 0) this.setGrams(0);
  }

  #sendStale(): void {
    if (this.#staleSent) return;
    this.#staleSent = true;
    this.emitReport(this.#stale);
  }
}

function gramsFields(grams: number, motion: boolean): HidScaleReportFields {
  let status: number = motion ? HID_SCALE_STATUS.motion : HID_SCALE_STATUS.stable;
  if (grams === 0 && !motion) status = HID_SCALE_STATUS.stableZero;
  if (grams < 0) status = HID_SCALE_STATUS.underZero;
  return { status, unit: 2, exponent: 0, weight: Math.abs(grams) };
}

export const FAKE_SCALE_PATH = 'fake-hid://scale';

/** A backend with one fake HID scale plugged in at `path`. */
export function fakeScaleBackend(options: FakeHidScaleOptions = {}, path = FAKE_SCALE_PATH): FakeHidBackend {
  const backend = new FakeHidBackend();
  backend.plug(
    {
      path,
      vendorId: 0x0922,
      productId: 0x8003,
      manufacturer: 'Simulated',
      product: 'USB shipping scale',
      usagePage: SCALE_USAGE_PAGE,
      usage: 0x20,
    },
    () => new FakeHidScale(options),
  );
  return backend;
}
