/** Maps scale settings to the driver that speaks to that kind of scale. */

import { nodeHidBackend, type HidBackend } from '../hid/hid-backend';
import { HidPosScale } from './hid-pos-scale';
import { SerialScale } from './serial-scale';
import type { Scale, ScaleDriverKind, ScaleSettings } from './types';

export interface ScaleDeps {
  /** Where HID devices come from; node-hid unless a test or demo passes fakes. */
  readonly hid?: HidBackend;
}

type Factory<K extends ScaleDriverKind> = (settings: Extract<ScaleSettings, { kind: K }>, deps: ScaleDeps) => Scale;

const serial = (settings: Extract<ScaleSettings, { kind: 'mt-sics' | 'toledo' | 'nci' | 'continuous' }>) =>
  new SerialScale(settings);

export const scaleDrivers = {
  'mt-sics': serial,
  toledo: serial,
  nci: serial,
  continuous: serial,
  'hid-pos': (settings, deps) =>
    new HidPosScale({
      backend: deps.hid ?? nodeHidBackend(),
      ...(settings.path === undefined ? {} : { path: settings.path }),
      ...(settings.backoff === undefined ? {} : { backoff: settings.backoff }),
    }),
} satisfies { [K in ScaleDriverKind]: Factory<K> };

/** The driver for `settings`, not started yet. */
export function createScale(settings: ScaleSettings, deps: ScaleDeps = {}): Scale {
  if (settings.kind === 'hid-pos') return scaleDrivers['hid-pos'](settings, deps);
  return scaleDrivers[settings.kind](settings);
}
