/**
 * Printer addresses as technicians write them — `tcp://HOST:PORT`, `usb:VID:PID`, `cups:QUEUE`,
 * `file:FOLDER` — and the transport behind each kind.
 */

import { CupsPrinter } from './cups-printer';
import { SpoolPrinter } from './spool-printer';
import { Tcp9100Printer } from './tcp9100-printer';
import type { LabelPrinter, PrinterKind } from './types';
import { UsbPrinter, type UsbDeviceLookup } from './usb-printer';

export type PrinterAddress =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'usb'; readonly vendorId: number; readonly productId: number }
  | { readonly kind: 'cups'; readonly queue: string }
  | { readonly kind: 'file'; readonly folder: string };

export interface PrinterDeps {
  /** Where USB devices come from; the `usb` package unless a test passes a fake. */
  readonly findUsbDevice?: UsbDeviceLookup;
  /** The CUPS `lp` program, for a station where it is not on PATH. */
  readonly lpPath?: string;
  readonly lpstatPath?: string;
}

export class PrinterAddressError extends Error {
  override readonly name = 'PrinterAddressError';
}

const FORMS = 'tcp://HOST:PORT, usb:VID:PID, cups:QUEUE or file:FOLDER';

/** Reads an address, or says exactly what is wrong with it. */
export function parsePrinterAddress(text: string): PrinterAddress {
  const value = text.trim();
  const scheme = /^([a-z]+):(.*)$/i.exec(value);
  if (scheme === null) throw new PrinterAddressError(`"${value}" is not a printer address; use ${FORMS}.`);
  const kind = (scheme[1] ?? '').toLowerCase();
  const rest = scheme[2] ?? '';
  switch (kind) {
    case 'tcp': {
      const match = /^\/\/(\[[0-9a-f:.]+\]|[^:/[\]\s]+)(?::(\d+))?\/?$/i.exec(rest);
      if (match === null)
        throw new PrinterAddressError(
          `"${value}" is not a network printer address; write tcp://HOST:PORT, e.g. tcp://192.168.1.40:9100.`,
        );
      const port = match[2] === undefined ? 9100 : Number(match[2]);
      if (!(port >= 1 && port <= 65535))
        throw new PrinterAddressError(`Port ${match[2]} in "${value}" is not a TCP port (1–65535).`);
      return { kind: 'tcp', host: (match[1] ?? '').replace(/^\[|\]$/g, ''), port };
    }
    case 'usb': {
      const match = /^(?:0x)?([0-9a-f]{1,4}):(?:0x)?([0-9a-f]{1,4})$/i.exec(rest);
      if (match === null)
        throw new PrinterAddressError(
          `"${value}" is not a USB printer address; write usb:VID:PID in hex, e.g. usb:0a5f:0164.`,
        );
      return { kind: 'usb', vendorId: parseInt(match[1] ?? '', 16), productId: parseInt(match[2] ?? '', 16) };
    }
    case 'cups':
      if (rest.trim() === '')
        throw new PrinterAddressError(`"${value}" names no CUPS queue; write cups:QUEUE, e.g. cups:zebra.`);
      return { kind: 'cups', queue: rest.trim() };
    case 'file':
      if (rest.trim() === '')
        throw new PrinterAddressError(`"${value}" names no folder; write file:FOLDER, e.g. file:/var/spool/labels.`);
      return { kind: 'file', folder: rest.trim() };
    default:
      throw new PrinterAddressError(`"${kind}:" is not a kind of printer this station knows; use ${FORMS}.`);
  }
}

type Factory<K extends PrinterKind> = (
  address: Extract<PrinterAddress, { kind: K }>,
  deps: PrinterDeps,
) => LabelPrinter;

export const printerDrivers = {
  tcp: (address) => new Tcp9100Printer({ host: address.host, port: address.port }),
  usb: (address, deps) =>
    new UsbPrinter({
      vendorId: address.vendorId,
      productId: address.productId,
      ...(deps.findUsbDevice === undefined ? {} : { findDevice: deps.findUsbDevice }),
    }),
  cups: (address, deps) =>
    new CupsPrinter({
      queue: address.queue,
      ...(deps.lpPath === undefined ? {} : { lpPath: deps.lpPath }),
      ...(deps.lpstatPath === undefined ? {} : { lpstatPath: deps.lpstatPath }),
    }),
  file: (address) => new SpoolPrinter({ folder: address.folder }),
} satisfies { [K in PrinterKind]: Factory<K> };

/** The transport for `address`; nothing is opened until the first print or status query. */
export function createPrinter(address: PrinterAddress, deps: PrinterDeps = {}): LabelPrinter {
  switch (address.kind) {
    case 'tcp':
      return printerDrivers.tcp(address);
    case 'usb':
      return printerDrivers.usb(address, deps);
    case 'cups':
      return printerDrivers.cups(address, deps);
    case 'file':
      return printerDrivers.file(address);
  }
}
