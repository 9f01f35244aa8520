import fs from 'node:fs';
import type { HidBackend } from './hid/hid-backend';
import { describeHidDevice } from './hid/hid-backend';
import type { HidDeviceInfo } from './types';

const HID_POS_SCANNER_PAGE = 0x8c;
const HID_POS_SCALE_PAGE = 0x8d;
const USB_CLASS_PRINTER = 7;

export interface Discovered {
  readonly serialPorts: { path: string; description: string }[];
  readonly hid: {
    path: string | null;
    description: string;
    role: 'scanner' | 'scale' | 'other';
    vendorId: number;
    productId: number;
    serialNumber: string | null;
  }[];
  readonly usbPrinters: { address: string; description: string }[];
  readonly problems: string[];
}

const isPosPage = (page: number | undefined) => page === HID_POS_SCANNER_PAGE || page === HID_POS_SCALE_PAGE;

const hex = (n: number) => n.toString(16).padStart(4, '0');

/**
 * What is plugged in: serial ports (SerialPort.list), HID devices (node-hid, tagged by usage
 * page), and USB printer-class devices (usb). A class of device that cannot be listed on this
 * computer is reported as a problem, not an error.
 */
export async function discoverDevices(hid: HidBackend): Promise<Discovered> {
  const problems: string[] = [];
  const serialPorts: Discovered['serialPorts'] = [];
  try {
    serialPorts.push(...(await listSerialPorts()));
  } catch (error) {
    problems.push(`Serial ports could not be listed: ${(error as Error).message}`);
  }
  const hidDevices: Discovered['hid'] = [];
  try {
    for (const device of await listHidDevices(hid)) {
      const role =
        device.usagePage === HID_POS_SCANNER_PAGE
          ? 'scanner'
          : device.usagePage === HID_POS_SCALE_PAGE
            ? 'scale'
            : 'other';
      if (role !== 'other')
        hidDevices.push({
          path: device.path ?? null,
          description: describeHidDevice(device),
          role,
          vendorId: device.vendorId,
          productId: device.productId,
          serialNumber: device.serialNumber?.trim() || null,
        });
    }
  } catch (error) {
    problems.push(`USB HID devices could not be listed: ${(error as Error).message}`);
  }
  const usbPrinters: Discovered['usbPrinters'] = [];
  try {
    const usb = await import('usb');
    for (const device of usb.getDeviceList()) {
      const d = device.deviceDescriptor;
      let isPrinter = d.bDeviceClass === USB_CLASS_PRINTER;
      try {
        isPrinter ||= (device.configDescriptor?.interfaces ?? []).some((alts) =>
          alts.some((i) => i.bInterfaceClass === USB_CLASS_PRINTER),
        );
      } catch {
        // Some devices refuse descriptor reads without permissions; they are not listed.
      }
      if (isPrinter)
        usbPrinters.push({
          address: `usb:${hex(d.idVendor)}:${hex(d.idProduct)}`,
          description: `USB printer ${hex(d.idVendor)}:${hex(d.idProduct)}`,
        });
    }
  } catch (error) {
    problems.push(`USB devices could not be listed: ${(error as Error).message}`);
  }
  return { serialPorts, hid: hidDevices, usbPrinters, problems };
}

async function listSerialPorts(): Promise<Discovered['serialPorts']> {
  const { SerialPort } = await import('serialport');
  return (await SerialPort.list()).map((port) => ({
    path: port.path,
    description:
      [port.manufacturer, port.vendorId && port.productId ? `${port.vendorId}:${port.productId}` : null]
        .filter(Boolean)
        .join(' ') || 'Serial port',
  }));
}

/**
 * The HID listing with one entry per device path: hidapi lists each top-level collection of an
 * interface separately under the same path, and one scale must not look like two.
 */
export async function listHidDevices(hid: HidBackend): Promise<HidDeviceInfo[]> {
  const byPath = new Map<string, HidDeviceInfo>();
  const withoutPath: HidDeviceInfo[] = [];
  for (const device of await hid.list()) {
    if (device.path === undefined) withoutPath.push(device);
    // The point-of-sale collection names the device's role; it wins over its other collections.
    else if (!byPath.has(device.path) || isPosPage(device.usagePage)) byPath.set(device.path, device);
  }
  return [...byPath.values(), ...withoutPath];
}

/** What a hot-plug re-enumeration found: the HID listing, or why it could not be had. */
export interface AttachedDevices {
  readonly hid: readonly HidDeviceInfo[] | null;
  readonly problems: readonly string[];
}

/** HID devices now attached (one entry per path). */
export async function listAttached(hid: HidBackend): Promise<AttachedDevices> {
  try {
    return { hid: await listHidDevices(hid), problems: [] };
  } catch (error) {
    return { hid: null, problems: [`USB HID devices could not be listed: ${(error as Error).message}`] };
  }
}

/**
 * Whether a serial port is there. On Linux and macOS the device file is the truth: virtual
 * ports (ptys) and /dev/serial/by-id links are not in SerialPort.list, and a pulled adapter's
 * file goes away. Windows COM ports have no file, so the port listing decides there.
 */
export async function serialPortPresent(path: string): Promise<boolean> {
  if (process.platform !== 'win32') return fs.existsSync(path);
  try {
    const wanted = path.toUpperCase();
    return (await listSerialPorts()).some((port) => port.path.toUpperCase() === wanted);
  } catch {
    // Unknown is treated as present: the driver's own reconnecting decides then.
    return true;
  }
}
