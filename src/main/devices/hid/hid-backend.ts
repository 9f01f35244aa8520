/**
 * Finding and opening HID POS devices. The drivers only see `HidBackend`; the real one wraps
 * node-hid, tests pass a backend whose transports are fakes speaking the same report bytes.
 */

import type { HidDeviceInfo, HidTransport } from '../types';

export interface HidBackend {
  list(): Promise<readonly HidDeviceInfo[]>;
  open(path: string): Promise<HidTransport>;
}

/** node-hid, loaded on first use so a machine without the native module still starts. */
export function nodeHidBackend(): HidBackend {
  const load = async () => {
    try {
      const module = await import('node-hid');
      return module.default ?? module;
    } catch (error) {
      throw new Error(`USB HID devices cannot be used on this computer: ${(error as Error).message}`);
    }
  };
  return {
    async list() {
      const hid = await load();
      return hid.devicesAsync();
    },
    async open(path) {
      const hid = await load();
      return hid.HIDAsync.open(path);
    },
  };
}

export interface HidFilter {
  readonly usagePage: number;
  /** When set, only this usage within the page (e.g. 0x02 Bar Code Scanner). */
  readonly usage?: number;
}

/** Devices in the listing that declare the usage page, one entry per device path. */
export function findHidCandidates(devices: readonly HidDeviceInfo[], filter: HidFilter): HidDeviceInfo[] {
  const byPath = new Map<string, HidDeviceInfo>();
  for (const device of devices) {
    if (device.path === undefined || device.usagePage !== filter.usagePage) continue;
    if (filter.usage !== undefined && device.usage !== undefined && device.usage !== filter.usage) continue;
    // hidapi lists each top-level collection of one interface separately, with the same path.
    if (!byPath.has(device.path)) byPath.set(device.path, device);
  }
  return [...byPath.values()];
}

export function describeHidDevice(device: HidDeviceInfo): string {
  const name = [device.manufacturer, device.product].filter((part) => part && part.trim() !== '').join(' ');
  const ids = `${hex4(device.vendorId)}:${hex4(device.productId)}`;
  return `${name === '' ? 'USB device' : name} (${ids}${device.path ? ` at ${device.path}` : ''})`;
}

export type HidChoice =
  | { readonly ok: true; readonly device: HidDeviceInfo }
  | { readonly ok: false; readonly message: string; readonly candidates: readonly HidDeviceInfo[] };

/**
 * Picks the one device to use. Two candidates are never settled by a silent guess: the
 * technician chooses, because weighing with the wrong scale ships wrong weights.
 */
export function chooseHidDevice(
  candidates: readonly HidDeviceInfo[],
  what: 'scale' | 'scanner',
  preferredPath?: string,
): HidChoice {
  if (preferredPath !== undefined) {
    const device = candidates.find((candidate) => candidate.path === preferredPath);
    if (device) return { ok: true, device };
    return {
      ok: false,
      candidates,
      message:
        `The chosen USB ${what} at ${preferredPath} is not connected.` +
        (candidates.length > 0 ? ` Connected: ${candidates.map(describeHidDevice).join('; ')}.` : ''),
    };
  }
  if (candidates.length === 1) return { ok: true, device: candidates[0] as HidDeviceInfo };
  if (candidates.length === 0)
    return {
      ok: false,
      candidates,
      message:
        what === 'scale'
          ? 'No USB HID scale is connected (none reports the HID POS scale usage page 0x8D).'
          : 'No USB HID POS scanner is connected (none reports the bar code scanner usage page 0x8C). A scanner in keyboard mode is used through the scan field instead.',
    };
  return {
    ok: false,
    candidates,
    message:
      `${candidates.length} devices say they are a USB ${what}: ${candidates.map(describeHidDevice).join('; ')}. ` +
      `Choose the one to use in Settings → Devices (or pass its path), so the station never picks the wrong one.`,
  };
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}
