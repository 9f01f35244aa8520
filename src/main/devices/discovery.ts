import type { HidBackend } from './hid/hid-backend';
import { describeHidDevice } from './hid/hid-backend';

const HID_POS_SCANNER_PAGE = 0x8c;
const HID_POS_SCALE_PAGE = 0x8d;
const USB_CLASS_PRINTER = 7;

export interface Discovered {
  readonly serialPorts: { path: string; description: string }[];
  readonly hid: { path: string | null; description: string; role: 'scanner' | 'scale' | 'other' }[];
  readonly usbPrinters: { address: string; description: string }[];
  readonly problems: string[];
}

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
    const { SerialPort } = await import('serialport');
    for (const port of await SerialPort.list()) {
      serialPorts.push({
        path: port.path,
        description:
          [port.manufacturer, port.vendorId && port.productId ? `${port.vendorId}:${port.productId}` : null]
            .filter(Boolean)
            .join(' ') || 'Serial port',
      });
    }
  } catch (error) {
    problems.push(`Serial ports could not be listed: ${(error as Error).message}`);
  }
  const hidDevices: Discovered['hid'] = [];
  try {
    for (const device of await hid.list()) {
      const role =
        device.usagePage === HID_POS_SCANNER_PAGE
          ? 'scanner'
          : device.usagePage === HID_POS_SCALE_PAGE
            ? 'scale'
            : 'other';
      if (role !== 'other')
        hidDevices.push({ path: device.path ?? null, description: describeHidDevice(device), role });
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
