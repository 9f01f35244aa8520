/**
 * Raw USB printing with the `usb` package (libusb): find the printer-class interface (class 7)
 * and its bulk OUT endpoint from the device's own descriptors — endpoint numbers differ between
 * models — detach the operating system's printer driver on Linux if it holds the interface, claim,
 * send, release and give the interface back. Status is the printer class's GET_PORT_STATUS
 * request (paper empty, selected, error).
 *
 * The device comes from a lookup function, so a test hands in an object shaped like usb's
 * Device and this same code runs against it.
 */

import { PrinterBase } from './printer-base';
import { hostStatus, type LabelPrinter, type PrinterHostStatus, type PrintResult } from './types';
import { statusFromProblems } from './host-status';

/** The parts of usb's `Endpoint` this driver reads. */
export interface UsbEndpointLike {
  readonly direction: 'in' | 'out';
  readonly transferType: number;
  timeout: number;
}

/** usb's `OutEndpoint`. */
export interface UsbOutEndpointLike extends UsbEndpointLike {
  transfer(buffer: Buffer, callback: (error: UsbErrorLike | undefined, actual: number) => void): unknown;
}

/** usb's `LibUSBException`. */
export interface UsbErrorLike extends Error {
  readonly errno?: number;
}

/** The parts of usb's `Interface` this driver uses. */
export interface UsbInterfaceLike {
  readonly interfaceNumber: number;
  readonly descriptor: { readonly bInterfaceClass: number; readonly bInterfaceProtocol: number };
  readonly endpoints: readonly UsbEndpointLike[];
  isKernelDriverActive(): boolean;
  detachKernelDriver(): void;
  attachKernelDriver(): void;
  claim(): void;
  release(callback?: (error?: UsbErrorLike) => void): void;
}

/** The parts of usb's `Device` this driver uses. */
export interface UsbDeviceLike {
  readonly deviceDescriptor: { readonly idVendor: number; readonly idProduct: number };
  readonly interfaces: readonly UsbInterfaceLike[] | undefined;
  open(defaultConfig?: boolean): void;
  close(): void;
  controlTransfer(
    bmRequestType: number,
    bRequest: number,
    wValue: number,
    wIndex: number,
    dataOrLength: number | Buffer,
    callback?: (error: UsbErrorLike | undefined, buffer: Buffer | number | undefined) => void,
  ): unknown;
}

export type UsbDeviceLookup = (vendorId: number, productId: number) => Promise<UsbDeviceLike | undefined>;

export const USB_CLASS_PRINTER = 7;
export const USB_TRANSFER_TYPE_BULK = 2;
/** Printer class request GET_PORT_STATUS (USB Printer Class 1.1 §4.2.2). */
const GET_PORT_STATUS = 1;
const PAPER_EMPTY = 0x20;
const SELECTED = 0x10;
const NOT_ERROR = 0x08;

/** libusb error numbers a packer needs told apart. */
const LIBUSB = { ACCESS: -3, NO_DEVICE: -4, NOT_FOUND: -5, BUSY: -6, TIMEOUT: -7, PIPE: -9 } as const;

/** The real lookup: the `usb` package is loaded only when a USB printer is used. */
export const findUsbDevice: UsbDeviceLookup = async (vendorId, productId) => {
  const { findByIds } = await import('usb');
  return findByIds(vendorId, productId);
};

export interface UsbPrinterOptions {
  readonly vendorId: number;
  readonly productId: number;
  readonly findDevice?: UsbDeviceLookup;
  /** Kernel drivers are detached only on Linux; tests pass 'linux' to take that path. */
  readonly platform?: NodeJS.Platform;
  /** How long one job may take to leave on the bus; default 30 s. */
  readonly transferTimeoutMs?: number;
}

class UsbFailure extends Error {
  readonly state: 'error' | 'disconnected';
  constructor(state: 'error' | 'disconnected', message: string) {
    super(message);
    this.state = state;
  }
}

interface Claimed {
  readonly device: UsbDeviceLike;
  readonly iface: UsbInterfaceLike;
  readonly out: UsbOutEndpointLike;
  readonly reattach: boolean;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

function isBulkOut(endpoint: UsbEndpointLike): endpoint is UsbOutEndpointLike {
  return (
    endpoint.direction === 'out' &&
    endpoint.transferType === USB_TRANSFER_TYPE_BULK &&
    typeof (endpoint as Partial<UsbOutEndpointLike>).transfer === 'function'
  );
}

export class UsbPrinter extends PrinterBase implements LabelPrinter {
  readonly kind = 'usb' as const;
  readonly name: string;
  readonly #vendorId: number;
  readonly #productId: number;
  readonly #find: UsbDeviceLookup;
  readonly #platform: NodeJS.Platform;
  readonly #transferTimeoutMs: number;
  readonly #id: string;

  constructor(options: UsbPrinterOptions) {
    super();
    this.#vendorId = options.vendorId;
    this.#productId = options.productId;
    this.#find = options.findDevice ?? findUsbDevice;
    this.#platform = options.platform ?? process.platform;
    this.#transferTimeoutMs = options.transferTimeoutMs ?? 30_000;
    this.#id = `${hex4(options.vendorId)}:${hex4(options.productId)}`;
    this.name = `USB label printer ${this.#id}`;
  }

  print(zpl: string): Promise<PrintResult> {
    return this.exclusive(async () => {
      const where = `USB ${this.#id}`;
      const bytes = Buffer.from(zpl, 'utf8');
      let claimed: Claimed | null = null;
      try {
        claimed = await this.#claim();
        const sent = await this.#transfer(claimed.out, bytes);
        const status = await this.#portStatus(claimed).catch(() => null);
        if (status !== null && status.state !== 'connected') {
          return this.result(
            false,
            `The label reached the printer, but it reports: ${status.detail}. It prints once that is fixed — check the printer before reprinting.`,
            sent,
            status,
            where,
          );
        }
        return this.result(true, `Label sent to ${this.name}.`, sent, status, where);
      } catch (error) {
        const failure = this.#failure(error, claimed !== null);
        return this.result(
          false,
          `${failure.message} — check the printer, then reprint.`,
          0,
          hostStatus(failure.state, failure.message),
          where,
        );
      } finally {
        if (claimed !== null) await this.#releaseClaim(claimed);
      }
    });
  }

  status(): Promise<PrinterHostStatus> {
    return this.exclusive(async () => {
      let claimed: Claimed | null = null;
      try {
        claimed = await this.#claim();
        return this.report(await this.#portStatus(claimed));
      } catch (error) {
        const failure = this.#failure(error, claimed !== null);
        return this.report(hostStatus(failure.state, failure.message));
      } finally {
        if (claimed !== null) await this.#releaseClaim(claimed);
      }
    });
  }

  async close(): Promise<void> {
    this.removeAllListeners();
  }

  async #claim(): Promise<Claimed> {
    const device = await this.#find(this.#vendorId, this.#productId);
    if (device === undefined) {
      throw new UsbFailure('disconnected', `No USB printer ${this.#id} is plugged in`);
    }
    device.open();
    try {
      const iface = (device.interfaces ?? []).find(
        (candidate) =>
          candidate.descriptor.bInterfaceClass === USB_CLASS_PRINTER && candidate.endpoints.some(isBulkOut),
      );
      const out = iface?.endpoints.find(isBulkOut);
      if (iface === undefined || out === undefined) {
        throw new UsbFailure(
          'error',
          `USB device ${this.#id} is not a printer (it has no printer interface to send labels to)`,
        );
      }
      let reattach = false;
      if (this.#platform === 'linux' && iface.isKernelDriverActive()) {
        // usblp holds Zebra and most label printers on Linux; it gets the interface back after the job.
        iface.detachKernelDriver();
        reattach = true;
      }
      try {
        iface.claim();
      } catch (error) {
        if (reattach) iface.attachKernelDriver();
        throw error;
      }
      return { device, iface, out, reattach };
    } catch (error) {
      device.close();
      throw error;
    }
  }

  #transfer(out: UsbOutEndpointLike, bytes: Buffer): Promise<number> {
    out.timeout = this.#transferTimeoutMs;
    return new Promise((resolve, reject) => {
      out.transfer(bytes, (error, actual) => (error ? reject(error) : resolve(actual ?? bytes.length)));
    });
  }

  #portStatus(claimed: Claimed): Promise<PrinterHostStatus> {
    return new Promise((resolve, reject) => {
      claimed.device.controlTransfer(0xa1, GET_PORT_STATUS, 0, claimed.iface.interfaceNumber, 1, (error, data) => {
        if (error) return reject(error);
        const byte = Buffer.isBuffer(data) ? data[0] : undefined;
        if (byte === undefined) return reject(new Error('empty port status'));
        const problems: Parameters<typeof statusFromProblems>[0][number][] = [];
        if (byte & PAPER_EMPTY) problems.push('paper-out');
        if (!(byte & SELECTED)) problems.push('paused');
        if (problems.length === 0 && !(byte & NOT_ERROR)) {
          resolve(hostStatus('error', 'The printer reports an error (head open or ribbon out?)'));
          return;
        }
        resolve(statusFromProblems(problems));
      });
    });
  }

  async #releaseClaim({ device, iface, reattach }: Claimed): Promise<void> {
    await new Promise<void>((resolve) => iface.release(() => resolve()));
    if (reattach) {
      try {
        iface.attachKernelDriver();
      } catch {
        // Unplugged meanwhile: nothing to give back.
      }
    }
    try {
      device.close();
    } catch {
      // Already gone.
    }
  }

  #failure(error: unknown, claimed: boolean): UsbFailure {
    if (error instanceof UsbFailure) return error;
    const errno = (error as UsbErrorLike).errno;
    switch (errno) {
      case LIBUSB.NO_DEVICE:
      case LIBUSB.NOT_FOUND:
        return new UsbFailure(
          'disconnected',
          claimed
            ? `The USB printer ${this.#id} was unplugged during the job`
            : `No USB printer ${this.#id} is plugged in`,
        );
      case LIBUSB.ACCESS:
        return new UsbFailure(
          'error',
          `The station has no permission to use USB printer ${this.#id} (on Linux, add a udev rule for it)`,
        );
      case LIBUSB.BUSY:
        return new UsbFailure('error', `USB printer ${this.#id} is in use by another program (a print spooler?)`);
      case LIBUSB.TIMEOUT:
        return new UsbFailure('error', `USB printer ${this.#id} stopped taking data (paused or out of paper?)`);
      case LIBUSB.PIPE:
        return new UsbFailure('error', `USB printer ${this.#id} refused the data (it reported an error)`);
      default:
        return new UsbFailure('error', `USB printer ${this.#id} failed: ${(error as Error).message ?? String(error)}`);
    }
  }
}
