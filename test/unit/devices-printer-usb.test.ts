import { afterEach, describe, expect, it } from 'vitest';
import { PrinterConfig } from '../../src/shared/ipc/devices.contract';
import { DeviceManager } from '../../src/main/devices/device-manager';
import { FakeHidBackend } from '../../src/main/devices/hid/fake-hid-transport';
import { FakeHotplug } from '../../src/main/devices/hotplug';
import { EventBus } from '../../src/main/event-bus';
import {
  UsbPrinter,
  type UsbDeviceLike,
  type UsbErrorLike,
  type UsbInterfaceLike,
  type UsbOutEndpointLike,
} from '../../src/main/devices/printer/usb-printer';

const BULK = 2;
const INTERRUPT = 3;
const VID = 0x0a5f;
const PID = 0x0164;

function usbError(errno: number, message: string): UsbErrorLike {
  return Object.assign(new Error(message), { errno });
}

/** A device shaped like the `usb` package's Device, recording what the driver does to it. */
class FakeDevice implements UsbDeviceLike {
  readonly calls: string[] = [];
  readonly deviceDescriptor = { idVendor: VID, idProduct: PID };
  readonly interfaces: FakeInterface[];
  portStatus = 0x18; // selected, no error
  constructor(interfaces: (device: FakeDevice) => FakeInterface[]) {
    this.interfaces = interfaces(this);
  }
  open(): void {
    this.calls.push('open');
  }
  close(): void {
    this.calls.push('close');
  }
  controlTransfer(
    bmRequestType: number,
    bRequest: number,
    wValue: number,
    wIndex: number,
    dataOrLength: number | Buffer,
    callback?: (error: UsbErrorLike | undefined, buffer: Buffer | number | undefined) => void,
  ): this {
    this.calls.push(`control ${bmRequestType.toString(16)} ${bRequest} ${wValue} ${wIndex} ${String(dataOrLength)}`);
    callback?.(undefined, Buffer.from([this.portStatus]));
    return this;
  }
}

class FakeEndpoint {
  timeout = 0;
  readonly received: Buffer[] = [];
  failWith: UsbErrorLike | null = null;
  /** The job never finishes on the bus, as when the cable is pulled mid-transfer on some hosts. */
  hang = false;
  constructor(
    readonly device: FakeDevice,
    readonly label: string,
    readonly direction: 'in' | 'out',
    readonly transferType: number,
  ) {}
  transfer(buffer: Buffer, callback: (error: UsbErrorLike | undefined, actual: number) => void): this {
    this.device.calls.push(`transfer ${this.label}`);
    if (this.hang) return this;
    const failure = this.failWith;
    setImmediate(() => {
      if (failure) return callback(failure, 0);
      this.received.push(Buffer.from(buffer));
      callback(undefined, buffer.length);
    });
    return this;
  }
}

class FakeInterface implements UsbInterfaceLike {
  kernelDriver = true;
  claimError: UsbErrorLike | null = null;
  readonly endpoints: FakeEndpoint[];
  constructor(
    readonly device: FakeDevice,
    readonly interfaceNumber: number,
    bInterfaceClass: number,
    endpoints: (iface: FakeInterface) => FakeEndpoint[],
  ) {
    this.descriptor = { bInterfaceClass, bInterfaceProtocol: 2 };
    this.endpoints = endpoints(this);
  }
  readonly descriptor: { bInterfaceClass: number; bInterfaceProtocol: number };
  isKernelDriverActive(): boolean {
    this.device.calls.push(`kernel? ${this.interfaceNumber}`);
    return this.kernelDriver;
  }
  detachKernelDriver(): void {
    this.device.calls.push(`detach ${this.interfaceNumber}`);
    this.kernelDriver = false;
  }
  attachKernelDriver(): void {
    this.device.calls.push(`attach ${this.interfaceNumber}`);
    this.kernelDriver = true;
  }
  claim(): void {
    if (this.claimError) throw this.claimError;
    this.device.calls.push(`claim ${this.interfaceNumber}`);
  }
  release(callback?: (error?: UsbErrorLike) => void): void {
    this.device.calls.push(`release ${this.interfaceNumber}`);
    setImmediate(() => callback?.());
  }
}

/**
 * A label printer as many enumerate: a vendor interface first, then the printer-class interface
 * (number 1) whose OUT endpoints include an interrupt one before the bulk one.
 */
function zebraLike(): { device: FakeDevice; bulkOut: FakeEndpoint } {
  let bulkOut: FakeEndpoint | undefined;
  const device = new FakeDevice((d) => [
    new FakeInterface(d, 0, 0xff, () => [new FakeEndpoint(d, 'vendor-out', 'out', BULK)]),
    new FakeInterface(d, 1, 7, () => {
      bulkOut = new FakeEndpoint(d, 'printer-bulk-out', 'out', BULK);
      return [
        new FakeEndpoint(d, 'printer-in', 'in', BULK),
        new FakeEndpoint(d, 'printer-interrupt-out', 'out', INTERRUPT),
        bulkOut,
      ];
    }),
  ]);
  return { device, bulkOut: bulkOut! };
}

function printer(device: UsbDeviceLike | undefined, platform: NodeJS.Platform = 'linux') {
  return new UsbPrinter({ vendorId: VID, productId: PID, platform, findDevice: async () => device });
}

describe('USB printer', () => {
  it('sends the job to the bulk OUT endpoint of the printer-class interface, found from descriptors', async () => {
    const { device, bulkOut } = zebraLike();
    const zpl = '^XA^FDHello^FS^XZ';
    const result = await printer(device).print(zpl);
    expect(result).toMatchObject({ ok: true, bytesSent: zpl.length, destination: 'USB 0a5f:0164' });
    expect(result.status).toMatchObject({ state: 'connected', detail: 'Ready' });
    expect(Buffer.concat(bulkOut.received).toString()).toBe('^XA^FDHello^FS^XZ');
    expect(device.calls.filter((c) => c.startsWith('transfer'))).toEqual(['transfer printer-bulk-out']);
  });

  it('detaches the Linux printer driver before claiming and gives the interface back after', async () => {
    const { device } = zebraLike();
    await printer(device, 'linux').print('^XA^XZ');
    expect(device.calls).toEqual([
      'open',
      'kernel? 1',
      'detach 1',
      'claim 1',
      'transfer printer-bulk-out',
      'control a1 1 0 1 1',
      'release 1',
      'attach 1',
      'close',
    ]);
  });

  it('leaves kernel drivers alone on other systems', async () => {
    const { device } = zebraLike();
    await printer(device, 'win32').print('^XA^XZ');
    expect(device.calls.some((c) => /kernel|detach|attach/.test(c))).toBe(false);
    expect(device.calls).toContain('release 1');
  });

  it.each([
    [0x18, 'connected', 'Ready'],
    [0x38, 'error', 'Paper out'],
    [0x08, 'error', 'Paused'],
    [0x10, 'error', 'The printer reports an error (head open or ribbon out?)'],
  ])('reads port status byte %i as %s: %s', async (byte, state, detail) => {
    const { device } = zebraLike();
    device.portStatus = byte;
    expect(await printer(device).status()).toMatchObject({ state, detail });
    expect(device.calls.at(-1)).toBe('close');
  });

  it('reports a paper-out printer after the job as a failed print', async () => {
    const { device } = zebraLike();
    device.portStatus = 0x38;
    const result = await printer(device).print('^XA^XZ');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/reports: Paper out/);
  });

  it('says when no such printer is plugged in', async () => {
    const p = printer(undefined);
    const result = await p.print('^XA^XZ');
    expect(result).toMatchObject({ ok: false, bytesSent: 0 });
    expect(result.message).toBe('No USB printer 0a5f:0164 is plugged in — check the printer, then reprint.');
    expect(result.status?.state).toBe('disconnected');
  });

  it('survives the printer being unplugged mid-job, releasing what it claimed', async () => {
    const { device, bulkOut } = zebraLike();
    bulkOut.failWith = usbError(-4, 'LIBUSB_ERROR_NO_DEVICE');
    const p = printer(device);
    const seen: string[] = [];
    p.on('status', (status) => seen.push(`${status.state}: ${status.detail}`));
    const result = await p.print('^XA^XZ');
    expect(result.ok).toBe(false);
    expect(result.status?.state).toBe('disconnected');
    expect(result.message).toMatch(/was unplugged during the job/);
    expect(seen).toEqual(['disconnected: The USB printer 0a5f:0164 was unplugged during the job']);
    expect(device.calls.slice(-3)).toEqual(['release 1', 'attach 1', 'close']);
  });

  it('explains a busy or forbidden interface and a stalled transfer', async () => {
    const busy = zebraLike();
    busy.device.interfaces[1]!.claimError = usbError(-6, 'LIBUSB_ERROR_BUSY');
    expect((await printer(busy.device).print('x')).message).toMatch(/in use by another program/);
    expect(busy.device.calls.slice(-2)).toEqual(['attach 1', 'close']);

    const denied = zebraLike();
    denied.device.interfaces[1]!.claimError = usbError(-3, 'LIBUSB_ERROR_ACCESS');
    expect((await printer(denied.device).print('x')).message).toMatch(/no permission .* udev rule/);

    const stalled = zebraLike();
    stalled.bulkOut.failWith = usbError(-7, 'LIBUSB_ERROR_TIMEOUT');
    const result = await printer(stalled.device).print('x');
    expect(result.message).toMatch(/stopped taking data \(paused or out of paper\?\)/);
    expect(result.status?.state).toBe('error');
  });

  it('refuses a USB device that has no printer interface', async () => {
    const device = new FakeDevice((d) => [
      new FakeInterface(d, 0, 3, () => [new FakeEndpoint(d, 'hid-in', 'in', INTERRUPT)]),
    ]);
    const status = await printer(device).status();
    expect(status).toMatchObject({ state: 'error' });
    expect(status.detail).toMatch(/is not a printer/);
    expect(device.calls).toEqual(['open', 'close']);
  });

  it('type-checks against the usb package: its Device is a UsbDeviceLike', async () => {
    type UsbDevice = import('usb').Device;
    const accepts = (device: UsbDevice): UsbDeviceLike => device;
    const out = (endpoint: import('usb').OutEndpoint): UsbOutEndpointLike => endpoint;
    expect(typeof accepts).toBe('function');
    expect(typeof out).toBe('function');
  });
});

describe('the chosen USB printer and hot-plug', () => {
  const managers: DeviceManager[] = [];
  afterEach(async () => {
    for (const manager of managers.splice(0)) await manager.close();
  });

  async function until<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== null && value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('is opened anew when plugged back in, so a job cut off by the unplugging does not hold up the next label', async () => {
    let attached: FakeDevice | undefined;
    const first = zebraLike();
    attached = first.device;
    const hotplug = new FakeHotplug();
    const manager = new DeviceManager(new EventBus(), {
      hid: new FakeHidBackend(),
      loadConfig: () => ({ scanner: null, scale: null, printer: PrinterConfig.parse({ address: 'usb:0a5f:0164' }) }),
      saveConfig: () => undefined,
      hotplug,
      hotplugDebounceMs: 10,
      printer: { findUsbDevice: async () => attached },
    });
    managers.push(manager);
    const printer = () => manager.statuses().find((s) => s.deviceClass === 'printer')!;
    manager.start();
    await until('the printer to report ready', () => printer().detail === 'Ready');
    expect(printer()).toMatchObject({ state: 'connected', name: 'USB label printer 0a5f:0164' });

    // A label is on its way when the cable is pulled; the transfer never comes back.
    first.bulkOut.hang = true;
    void manager.printTest({ serial: 'SN-CUT' });
    await until('the job to start', () => first.device.calls.includes('transfer printer-bulk-out'));
    attached = undefined;
    hotplug.detach();
    await until('the unplugged status', () => printer().state === 'disconnected');
    expect(printer().detail).toMatch(/^Unplugged/);

    // Back in: a new device to the operating system, and a new driver for it.
    const second = zebraLike();
    attached = second.device;
    hotplug.attach();
    await until('the printer to be ready again', () => printer().state === 'connected' && printer().detail === 'Ready');
    const result = await Promise.race([
      manager.printTest({ serial: 'SN-NEXT' }),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000)),
    ]);
    expect(result).toMatchObject({ ok: true });
    expect(Buffer.concat(second.bulkOut.received).toString()).toContain('SN-NEXT');
    expect(first.bulkOut.received).toEqual([]);
  });
});
