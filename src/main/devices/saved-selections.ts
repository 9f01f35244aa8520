/**
 * Which attached devices the stations' saved settings use, for `packbench devices list`: a
 * technician at a station sees at once which port or USB device is "the scale". The store is
 * only read, so this works beside a running station and never creates or migrates a store.
 */

import fs from 'node:fs';
import path from 'node:path';
import { DevicesConfig } from '../../shared/ipc/devices.contract';
import { DB_FILE_NAME } from '../store/open';
import { Store } from '../store/store';
import type { Discovered } from './discovery';
import { resolveHidChoice } from './hid/hid-choice';
import { parsePrinterAddress, type PrinterAddress } from './printer/registry';
import type { DeviceClass } from './types';

export interface StationSelection {
  readonly station: string;
  readonly config: DevicesConfig;
}

export interface SavedSelections {
  /** The store read, or null when the folder holds none. */
  readonly file: string | null;
  readonly stations: readonly StationSelection[];
  /** Why the saved settings could not be read, when they could not. */
  readonly problem: string | null;
}

/** One use of an attached device by a station's saved settings. */
export interface DeviceUse {
  readonly as: DeviceClass;
  readonly station: string;
  readonly thisStation: boolean;
}

const KEY_PREFIX = 'station.';
const KEY_SUFFIX = '.devices';

/** Every station's saved device choice in the store at `dataDir`, read without writing. */
export function readSavedSelections(dataDir: string): SavedSelections {
  const file = path.join(dataDir, DB_FILE_NAME);
  // An empty file is no store yet, as for the station itself.
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return { file: null, stations: [], problem: null };
  let store: Store | null = null;
  try {
    store = Store.open({ dataDir, readonly: true });
    const rows = store.statements
      .sql<[string], { key: string; value: string }>('SELECT key, value FROM settings WHERE key LIKE ?')
      .all(`${KEY_PREFIX}%${KEY_SUFFIX}`);
    const stations: StationSelection[] = [];
    for (const row of rows) {
      if (!row.key.startsWith(KEY_PREFIX) || !row.key.endsWith(KEY_SUFFIX)) continue;
      const station = row.key.slice(KEY_PREFIX.length, -KEY_SUFFIX.length);
      let value: unknown;
      try {
        value = JSON.parse(row.value);
      } catch {
        continue;
      }
      // The station itself falls back to "nothing chosen" for a setting it cannot read; so does this.
      const parsed = DevicesConfig.safeParse(value);
      if (parsed.success && station !== '') stations.push({ station, config: parsed.data });
    }
    stations.sort((a, b) => a.station.localeCompare(b.station));
    return { file, stations, problem: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { file, stations: [], problem: `The stations' saved device settings could not be read: ${message}` };
  } finally {
    // A read-only connection has nothing to checkpoint: Store.close would try to write.
    store?.db.close();
  }
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** The same serial port, also when one side names it through a link such as /dev/serial/by-id/... */
function samePort(a: string, b: string): boolean {
  if (process.platform === 'win32') return a.toUpperCase() === b.toUpperCase();
  return a === b || realPath(a) === realPath(b);
}

function usbIds(address: string): Extract<PrinterAddress, { kind: 'usb' }> | null {
  try {
    const parsed = parsePrinterAddress(address);
    return parsed.kind === 'usb' ? parsed : null;
  } catch {
    return null;
  }
}

type Found = Pick<Discovered, 'serialPorts' | 'hid' | 'usbPrinters'>;

/** What each attached device is used as by the saved settings, in the listing's order. */
export interface DeviceUses {
  readonly serialPorts: readonly DeviceUse[][];
  readonly hid: readonly DeviceUse[][];
  readonly usbPrinters: readonly DeviceUse[][];
}

/**
 * Which attached devices the saved choices point at, decided the way the station decides
 * (a HID device that moved to a new path is still the chosen one).
 */
export function deviceUses(found: Found, stations: readonly StationSelection[], thisStation: string): DeviceUses {
  const uses: DeviceUses = {
    serialPorts: found.serialPorts.map(() => []),
    hid: found.hid.map(() => []),
    usbPrinters: found.usbPrinters.map(() => []),
  };
  for (const { station, config } of stations) {
    const use = (as: DeviceClass): DeviceUse => ({ as, station, thisStation: station === thisStation });
    for (const as of ['scanner', 'scale'] as const) {
      const choice = config[as];
      if (!choice || choice.kind === 'wedge') continue;
      if (choice.kind !== 'hid-pos') {
        found.serialPorts.forEach((port, i) => {
          if (samePort(port.path, choice.path)) uses.serialPorts[i]!.push(use(as));
        });
        continue;
      }
      const candidates = found.hid.filter((device) => device.role === as);
      const resolved = resolveHidChoice(candidates, choice.path, choice.identity ?? null);
      if (resolved.kind === 'one') uses.hid[found.hid.indexOf(resolved.device)]!.push(use(as));
    }
    const printer = config.printer ? usbIds(config.printer.address) : null;
    if (printer)
      found.usbPrinters.forEach((entry, i) => {
        const ids = usbIds(entry.address);
        if (ids && ids.vendorId === printer.vendorId && ids.productId === printer.productId)
          uses.usbPrinters[i]!.push(use('printer'));
      });
  }
  // This station's own use reads first.
  for (const list of [...uses.serialPorts, ...uses.hid, ...uses.usbPrinters])
    list.sort((a, b) => Number(b.thisStation) - Number(a.thisStation));
  return uses;
}

const USE_WORDS: Readonly<Record<DeviceClass, string>> = {
  scanner: 'scanner',
  scale: 'scale',
  printer: 'label printer',
};

/** "scale (this station), label printer (station PACK-2)" */
export function useWords(uses: readonly DeviceUse[]): string {
  return uses
    .map((use) => `${USE_WORDS[use.as]} (${use.thisStation ? 'this station' : `station ${use.station}`})`)
    .join(', ');
}
