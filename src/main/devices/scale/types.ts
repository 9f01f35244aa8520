/**
 * What the station needs from a shipping scale, whatever its transport or protocol: live
 * readings, a stable weight on request, zeroing, and status changes.
 */

import type { EventEmitter } from 'node:events';
import type { BackoffOptions } from '../backoff';
import type { DataBits, Parity, StopBits } from '../serial/serial-settings';
import type { DeviceStatus, WeightReading } from '../types';

export interface ScaleEvents {
  /** Every reading as it arrives, for the live weight display. */
  reading: [reading: WeightReading];
  status: [status: DeviceStatus];
}

export interface ReadStableOptions {
  /** Give up after this long; default 10 s. */
  readonly timeoutMs?: number;
  /** Keep waiting while the scale shows zero (nothing on it yet). */
  readonly requireLoad?: boolean;
}

export interface Scale extends EventEmitter<ScaleEvents> {
  readonly status: DeviceStatus;
  readonly lastReading: WeightReading | null;
  start(): void;
  /** A stable, usable weight; rejects with a message a packer can act on. */
  readStable(options?: ReadStableOptions): Promise<WeightReading>;
  /** Zeroes the scale; rejects with the scale's reason when it refuses. */
  zero(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One reading as a protocol parser produced it. `stableKnown` is false for scales that send
 * no stable flag: the reader then decides stability from equal consecutive readings.
 * `problem` explains a reading without a usable weight (e.g. a refused unit).
 */
export interface ScaleSample {
  readonly reading: WeightReading;
  readonly stableKnown: boolean;
  readonly problem?: string;
}

export type SerialScaleProtocolName = 'mt-sics' | 'toledo' | 'nci' | 'continuous';
export const SERIAL_SCALE_PROTOCOLS: readonly SerialScaleProtocolName[] = ['mt-sics', 'toledo', 'nci', 'continuous'];

export interface SerialScaleSettings {
  readonly kind: SerialScaleProtocolName;
  readonly path: string;
  /** Defaults are the protocol's usual line settings (9600 8N1 or 7E1). */
  readonly baudRate?: number;
  readonly dataBits?: DataBits;
  readonly parity?: Parity;
  readonly stopBits?: StopBits;
  /** Toledo replies carry no unit: the one the scale is configured for (default lb). */
  readonly unit?: 'lb' | 'kg';
  /** Pause between weight requests; default 200 ms. */
  readonly pollMs?: number;
  /** How long a reply may take; default 1.5 s. */
  readonly responseTimeoutMs?: number;
  /** Continuous scales: silence longer than this is reported; default 3 s. */
  readonly silenceMs?: number;
  readonly backoff?: BackoffOptions;
}

export interface HidScaleSettings {
  readonly kind: 'hid-pos';
  /** The device path chosen in settings; without it exactly one HID scale must be connected. */
  readonly path?: string;
  readonly backoff?: BackoffOptions;
}

export type ScaleSettings = SerialScaleSettings | HidScaleSettings;
export type ScaleDriverKind = ScaleSettings['kind'];
