import type {
  DevicesConfig,
  DeviceStatusView,
  PrinterConfig,
  ScaleConfig,
  ScannerConfig,
  WeightView,
} from '../../../../shared/ipc/devices.contract';

export type DeviceClass = DeviceStatusView['deviceClass'];
export type DeviceState = DeviceStatusView['state'];

export const DEVICE_CLASSES: readonly DeviceClass[] = ['scanner', 'scale', 'printer'];

export const DEVICE_LABELS: Readonly<Record<DeviceClass, string>> = {
  scanner: 'Scanner',
  scale: 'Scale',
  printer: 'Printer',
};

/** How a state looks: every tone also has its own icon and words. */
export type Tone = 'ok' | 'warn' | 'bad' | 'unset';

export function stateTone(state: DeviceState): Tone {
  switch (state) {
    case 'connected':
      return 'ok';
    case 'reconnecting':
      return 'warn';
    case 'error':
    case 'disconnected':
      return 'bad';
    case 'not-configured':
      return 'unset';
  }
}

export const STATE_WORDS: Readonly<Record<DeviceState, string>> = {
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  error: 'Error',
  disconnected: 'Disconnected',
  'not-configured': 'Not set up',
};

/** A device that needs someone's attention: it was set up and is not working now. */
export function isProblem(status: DeviceStatusView): boolean {
  return status.state === 'reconnecting' || status.state === 'error' || status.state === 'disconnected';
}

/**
 * The words after the device's name in the station frame, short enough for a pill: the
 * reason when something is wrong, since that is what the packer has to act on. `unknown`:
 * the station did not answer, so nothing is claimed either way.
 */
export function pillWords(status: DeviceStatusView | null, deviceClass: DeviceClass, unknown = false): string {
  if (!status) return unknown ? 'state not known' : 'checking…';
  const detail = status.detail.trim().replace(/\.$/, '');
  switch (status.state) {
    case 'connected':
      return 'connected';
    case 'reconnecting':
      return detail === '' ? 'reconnecting…' : detail;
    case 'error':
      return detail === '' ? 'error' : detail;
    case 'disconnected':
      return detail === '' ? 'disconnected' : detail;
    case 'not-configured':
      return deviceClass === 'scanner' ? 'keyboard scanner' : 'not set up';
  }
}

/** Which devices a screen depends on: every wizard scans; only Ship weighs and prints. */
export function devicesUsedOn(screen: string): readonly DeviceClass[] {
  if (screen === 'ship') return DEVICE_CLASSES;
  if (screen === 'receive' || screen === 'returns') return ['scanner'];
  return [];
}

/** What the wizard on `screen` keeps while a device is away, in the packer's words. */
export function keptWords(screen: string): string {
  if (screen === 'receive') return 'The purchase order you are receiving is kept; nothing scanned is lost.';
  if (screen === 'returns') return 'The return you are checking is kept; nothing scanned is lost.';
  return 'The order you are packing is kept; nothing scanned is lost.';
}

/** What to do meanwhile, per device. */
export const MEANWHILE: Readonly<Record<DeviceClass, string>> = {
  scanner: 'Type codes or use a keyboard scanner meanwhile.',
  scale: 'Type the weight (F3) meanwhile.',
  printer: 'Fix it, then print again (F7).',
};

/** The scale's reading in words: the figure, and what state it is in. */
export function weightWords(weight: WeightView | null): { readonly figure: string; readonly state: string } {
  if (!weight) return { figure: '—', state: 'No reading yet' };
  const figure = weight.grams === null ? '—' : formatWeight(weight.grams);
  switch (weight.status) {
    case 'ok':
      return { figure, state: weight.stable ? 'Stable' : 'Settling…' };
    case 'motion':
      return { figure, state: 'Moving — wait for it to settle' };
    case 'zero':
      return { figure, state: 'Empty (at zero)' };
    case 'under-zero':
      return { figure, state: 'Below zero — empty the scale and press Zero' };
    case 'over-weight':
      return { figure, state: 'Over the scale’s capacity — take the load off' };
    case 'fault':
      return { figure, state: 'The scale reports a fault' };
    case 'needs-calibration':
      return { figure, state: 'The scale needs calibrating' };
    case 'needs-rezero':
      return { figure, state: 'Needs zeroing — empty the scale and press Zero' };
    case 'no-reading':
      return { figure, state: 'No reading from the scale' };
  }
}

export function formatWeight(grams: number): string {
  if (Math.abs(grams) >= 10_000) return `${(grams / 1000).toLocaleString('en', { maximumFractionDigits: 2 })} kg`;
  return `${grams.toLocaleString('en', { maximumFractionDigits: 1 })} g`;
}

const SUFFIX_WORDS = { CR: 'CR', LF: 'LF', CRLF: 'CR LF' } as const;

export const SCALE_PROTOCOLS = {
  'mt-sics': 'Mettler Toledo MT-SICS',
  toledo: 'Toledo 8217',
  nci: 'NCI / Brecknell SCP-01',
  continuous: 'Continuous output',
} as const;

/** A device's configuration in one line, as the Devices screen lists it. */
export function scannerSummary(config: ScannerConfig | null): string {
  if (!config || config.kind === 'wedge') return 'Keyboard scanner (types into the scan field)';
  if (config.kind === 'hid-pos')
    return `USB HID POS scanner${config.path ? ` at ${config.path}` : ' (the first one found)'}`;
  const parts = [`${config.baudRate ?? 9600} baud`];
  if (config.suffix) parts.push(`ends with ${SUFFIX_WORDS[config.suffix]}`);
  return `Serial scanner on ${config.path} (${parts.join(', ')})`;
}

export function scaleSummary(config: ScaleConfig | null): string {
  if (!config) return 'No scale';
  if (config.kind === 'hid-pos')
    return `USB HID POS scale${config.path ? ` at ${config.path}` : ' (the first one found)'}`;
  const parts = [`${config.baudRate ?? 9600} baud`];
  if (config.unit) parts.push(`weighs in ${config.unit}`);
  return `${SCALE_PROTOCOLS[config.kind]} scale on ${config.path} (${parts.join(', ')})`;
}

export function printerSummary(config: PrinterConfig | null): string {
  if (!config) return 'No label printer';
  const size = `${formatMm(config.labelWidthMm)} × ${formatMm(config.labelHeightMm)} mm`;
  const parts = [`${config.dpi} dpi`, size];
  parts.push(config.darkness === null ? 'printer’s own darkness' : `darkness ${config.darkness}`);
  if (config.serialLabels) parts.push('a label per serial too');
  return `${config.address} (${parts.join(', ')})`;
}

export function formatMm(mm: number): string {
  return mm.toLocaleString('en', { maximumFractionDigits: 1 });
}

export function configSummary(config: DevicesConfig | null, deviceClass: DeviceClass): string {
  if (!config) return '…';
  if (deviceClass === 'scanner') return scannerSummary(config.scanner);
  if (deviceClass === 'scale') return scaleSummary(config.scale);
  return printerSummary(config.printer);
}
