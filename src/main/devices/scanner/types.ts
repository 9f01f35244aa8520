/**
 * What the station needs from a barcode scanner, whatever its transport: one ScanEvent
 * per scan and status changes. Keyboard-wedge scanners are read by the renderer's scan
 * field and never reach these drivers.
 */

import type { EventEmitter } from 'node:events';
import type { BackoffOptions } from '../backoff';
import type { Suffix } from '../serial/line-framer';
import type { DataBits, Parity, StopBits } from '../serial/serial-settings';
import type { DeviceStatus, ScanEvent } from '../types';

export interface ScannerEvents {
  scan: [scan: ScanEvent];
  status: [status: DeviceStatus];
}

export interface Scanner extends EventEmitter<ScannerEvents> {
  readonly status: DeviceStatus;
  /** Starts connecting; progress arrives as status events. */
  start(): void;
  /** Releases the port or device and stops reconnecting. */
  close(): Promise<void>;
}

export interface SerialScannerSettings {
  readonly kind: 'serial';
  readonly path: string;
  readonly baudRate?: number;
  readonly dataBits?: DataBits;
  readonly parity?: Parity;
  readonly stopBits?: StopBits;
  /** What the scanner sends after each scan; default CR. */
  readonly suffix?: Suffix;
  readonly backoff?: BackoffOptions;
}

export interface HidScannerSettings {
  readonly kind: 'hid-pos';
  /** The device path chosen in settings; without it exactly one HID POS scanner must be connected. */
  readonly path?: string;
  readonly backoff?: BackoffOptions;
}

export type ScannerSettings = SerialScannerSettings | HidScannerSettings;
export type ScannerDriverKind = ScannerSettings['kind'];
