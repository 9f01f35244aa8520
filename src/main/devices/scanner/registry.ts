/** Maps scanner settings to the driver that speaks to that kind of scanner. */

import { nodeHidBackend, type HidBackend } from '../hid/hid-backend';
import { HidPosScanner } from './hid-pos-scanner';
import { SerialScanner } from './serial-scanner';
import type { Scanner, ScannerDriverKind, ScannerSettings } from './types';

export interface ScannerDeps {
  /** Where HID devices come from; node-hid unless a test or demo passes fakes. */
  readonly hid?: HidBackend;
}

type Factory<K extends ScannerDriverKind> = (
  settings: Extract<ScannerSettings, { kind: K }>,
  deps: ScannerDeps,
) => Scanner;

export const scannerDrivers = {
  serial: (settings) => new SerialScanner(settings),
  'hid-pos': (settings, deps) =>
    new HidPosScanner({
      backend: deps.hid ?? nodeHidBackend(),
      ...(settings.path === undefined ? {} : { path: settings.path }),
      ...(settings.backoff === undefined ? {} : { backoff: settings.backoff }),
    }),
} satisfies { [K in ScannerDriverKind]: Factory<K> };

/** The driver for `settings`, not started yet. */
export function createScanner(settings: ScannerSettings, deps: ScannerDeps = {}): Scanner {
  switch (settings.kind) {
    case 'serial':
      return scannerDrivers.serial(settings);
    case 'hid-pos':
      return scannerDrivers['hid-pos'](settings, deps);
  }
}
