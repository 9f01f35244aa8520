/**
 * Event shapes shared by every device class (scanners, scales, label printers). Drivers
 * never throw into the app: unplugging, garbage bytes and timeouts become a DeviceStatus
 * with a message a packer or technician can act on.
 */

export type DeviceClass = 'scanner' | 'scale' | 'printer';

export type DeviceState = 'connected' | 'reconnecting' | 'error' | 'disconnected' | 'not-configured';

export interface DeviceStatus {
  readonly deviceClass: DeviceClass;
  readonly state: DeviceState;
  /** What the device is, e.g. "MT-SICS scale on /dev/ttyUSB0". */
  readonly name: string;
  /** Warehouse words: "Paper out", "Unplugged — reconnecting (attempt 3)". */
  readonly detail: string;
  /** ISO timestamp of the change. */
  readonly since: string;
}

export interface ScanEvent {
  /**
   * The scanned data without the scanner's suffix. An AIM identifier the scanner sends
   * (e.g. `]d2`) is kept in front so the shared scan parser can tell GS1 symbols apart.
   */
  readonly text: string;
  /** Human name of the symbology when the scanner reported one, e.g. "GS1 DataMatrix". */
  readonly symbology?: string;
  readonly source: 'wedge' | 'hid' | 'serial' | 'simulator';
  readonly receivedAt: string;
}

export type WeightStatus =
  | 'ok'
  | 'motion'
  | 'zero'
  | 'under-zero'
  | 'over-weight'
  | 'fault'
  | 'needs-calibration'
  | 'needs-rezero'
  | 'no-reading';

export interface WeightReading {
  /** Weight in grams rounded to 0.1 g; null when the scale gave no usable weight. */
  readonly grams: number | null;
  readonly stable: boolean;
  readonly status: WeightStatus;
  /** The frame as received, for diagnostics. */
  readonly raw?: string;
}

/**
 * The part of node-hid's `HID.HID` / `HIDAsync` a driver uses, so a fake transport can
 * stand in for a real device without changing the driver's code path.
 */
export interface HidTransport {
  write(data: number[] | Buffer): number | Promise<number>;
  sendFeatureReport(data: number[] | Buffer): number | Promise<number>;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  close(): void | Promise<void>;
}

/** One entry of a HID device listing (node-hid's `Device`, the fields drivers use). */
export interface HidDeviceInfo {
  readonly vendorId: number;
  readonly productId: number;
  readonly path?: string | undefined;
  readonly product?: string | undefined;
  readonly manufacturer?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly usagePage?: number | undefined;
  readonly usage?: number | undefined;
  readonly interface?: number | undefined;
}
