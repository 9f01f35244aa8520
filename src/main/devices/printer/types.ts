/**
 * Label printers: what the rest of the station relies on, whatever the cable. Every transport
 * (raw TCP 9100, USB printer class, CUPS raw queue, spool folder) takes finished ZPL and
 * answers with a result in warehouse words; none of them throws into the app.
 */

import type { EventEmitter } from 'node:events';
import type { DeviceState, DeviceStatus } from '../types';

export type PrinterKind = 'tcp' | 'usb' | 'cups' | 'file';

/** Print resolution; ZPL positions and sizes are in printer dots. */
export type PrinterDpi = 203 | 300 | 600;

/** The label roll loaded in a printer and how dark it prints. */
export interface PrinterSettings {
  readonly dpi: PrinterDpi;
  readonly labelWidthMm: number;
  readonly labelHeightMm: number;
  /** Absolute darkness 0–30 as on the printer's own menu (`~SD`); null keeps the printer's setting. */
  readonly darkness: number | null;
  /** Darkness relative to the printer's setting, −30 to 30 (`^MD`); 0 leaves it alone. */
  readonly darknessAdjust: number;
}

/** A 4 × 6 inch shipping label at 203 dpi: the roll most pack stations run. */
export const DEFAULT_PRINTER_SETTINGS: PrinterSettings = {
  dpi: 203,
  labelWidthMm: 101.6,
  labelHeightMm: 152.4,
  darkness: null,
  darknessAdjust: 0,
};

/** Conditions a printer reports (ZPL `~HS`, USB port status) or that its silence implies. */
export type PrinterProblem =
  | 'paper-out'
  | 'ribbon-out'
  | 'head-open'
  | 'head-too-hot'
  | 'head-too-cold'
  | 'paused'
  | 'buffer-full'
  | 'config-lost'
  | 'not-answering'
  | 'queue-disabled';

export interface PrinterHostStatus {
  /** `connected` = ready to print; `error` = reachable but will not print; `disconnected` = not reachable. */
  readonly state: Extract<DeviceState, 'connected' | 'error' | 'disconnected'>;
  /** Warehouse words: "Ready", "Paper out", "Head open; Ribbon out". */
  readonly detail: string;
  readonly problems: readonly PrinterProblem[];
  /** Labels still to print in the current batch, when the printer says. */
  readonly labelsRemaining: number | null;
  /** Formats waiting in the printer's receive buffer, when the printer says. */
  readonly formatsInBuffer: number | null;
  readonly checkedAt: string;
}

export interface PrintResult {
  /** True when the job was delivered and the printer (if it can say) reports nothing wrong. */
  readonly ok: boolean;
  /** One sentence for the packer: what happened and, when it failed, what to do. */
  readonly message: string;
  /** How many bytes of the job left this computer. */
  readonly bytesSent: number;
  /** The printer's state right after the job, when the transport can ask. */
  readonly status: PrinterHostStatus | null;
  /** Where the job went: "192.168.1.40:9100", "USB 0a5f:0164", "CUPS queue zebra", a file path. */
  readonly destination: string;
}

export interface LabelPrinterEvents {
  /** The printer's state or detail changed, as seen by the last print or status query. */
  status: [status: PrinterHostStatus];
}

/** One printer behind any transport. `close()` releases sockets, USB interfaces and timers. */
export interface LabelPrinter extends EventEmitter<LabelPrinterEvents> {
  readonly kind: PrinterKind;
  /** "Label printer at 192.168.1.40:9100", "USB label printer 0a5f:0164", … */
  readonly name: string;
  /** Sends one job (any number of labels); never rejects. */
  print(zpl: string): Promise<PrintResult>;
  /** Asks the printer how it is; never rejects. */
  status(): Promise<PrinterHostStatus>;
  close(): Promise<void>;
}

export function hostStatus(
  state: PrinterHostStatus['state'],
  detail: string,
  problems: readonly PrinterProblem[] = [],
  extra: Partial<Pick<PrinterHostStatus, 'labelsRemaining' | 'formatsInBuffer'>> = {},
): PrinterHostStatus {
  return {
    state,
    detail,
    problems,
    labelsRemaining: extra.labelsRemaining ?? null,
    formatsInBuffer: extra.formatsInBuffer ?? null,
    checkedAt: new Date().toISOString(),
  };
}

/** The shared device status the station frame shows for a printer. */
export function toDeviceStatus(name: string, status: PrinterHostStatus): DeviceStatus {
  return { deviceClass: 'printer', state: status.state, name, detail: status.detail, since: status.checkedAt };
}
