/**
 * A stand-in for an opened node-hid device: the driver writes to it and listens to it
 * through the same `HidTransport` methods, and the test or demo pushes real report bytes.
 */

import { EventEmitter } from 'node:events';
import type { HidBackend } from './hid-backend';
import type { HidDeviceInfo, HidTransport } from '../types';

export class FakeHidTransport extends EventEmitter implements HidTransport {
  /** Output reports the driver wrote, report id first (as node-hid takes them). */
  readonly writes: number[][] = [];
  /** Feature reports the driver sent, report id first. */
  readonly featureReports: number[][] = [];
  #closed = false;

  get closed(): boolean {
    return this.#closed;
  }

  write(data: number[] | Buffer): number {
    if (this.#closed) throw new Error('Cannot write to a closed HID device');
    this.writes.push([...data]);
    this.onWrite([...data]);
    return data.length;
  }

  sendFeatureReport(data: number[] | Buffer): number {
    if (this.#closed) throw new Error('Cannot write to a closed HID device');
    this.featureReports.push([...data]);
    return data.length;
  }

  close(): void {
    this.#closed = true;
  }

  /** Delivers one input report exactly as node-hid would (report id at byte 0). */
  emitReport(bytes: readonly number[] | Uint8Array): void {
    if (!this.#closed) this.emit('data', Buffer.from(bytes));
  }

  /** What node-hid does when the device is pulled out: a read error, then silence. */
  unplug(): void {
    if (!this.#closed) this.emit('error', new Error('could not read from HID device'));
  }

  /** Hook for simulated devices that answer output reports. */
  protected onWrite(_report: number[]): void {}
}

/**
 * A backend over a changing set of fake devices: `plug`/`unplug` model hot-plugging, and
 * `open` hands out a fresh transport per open, like reopening a real device path.
 */
export class FakeHidBackend implements HidBackend {
  readonly #devices = new Map<string, { info: HidDeviceInfo; make: () => FakeHidTransport }>();
  readonly #paths = new Map<FakeHidTransport, string>();
  /** Every transport opened, newest last. */
  readonly opened: FakeHidTransport[] = [];

  plug(info: HidDeviceInfo & { readonly path: string }, make: () => FakeHidTransport): void {
    this.#devices.set(info.path, { info, make });
  }

  unplug(path: string): void {
    this.#devices.delete(path);
    for (const transport of this.opened)
      if (this.#paths.get(transport) === path && !transport.closed) transport.unplug();
  }

  async list(): Promise<readonly HidDeviceInfo[]> {
    return [...this.#devices.values()].map((entry) => entry.info);
  }

  async open(path: string): Promise<HidTransport> {
    const entry = this.#devices.get(path);
    if (!entry) throw new Error(`could not open HID device ${path}`);
    const transport = entry.make();
    this.opened.push(transport);
    this.#paths.set(transport, path);
    return transport;
  }

  get latest(): FakeHidTransport | undefined {
    return this.opened.at(-1);
  }
}
