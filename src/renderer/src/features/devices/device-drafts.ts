import type { Input } from '../../../../shared/ipc';
import type { PrinterConfig, ScaleConfig, ScannerConfig } from '../../../../shared/ipc/devices.contract';
import { formatMm } from './device-words';

/*
 * The Devices screen's forms as typed text, and the one place that turns them into the
 * station's configuration, with a specific message for each thing that cannot be saved.
 */

type Configure = NonNullable<Input<'devices:configure'>>;

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export const BAUD_RATES = ['1200', '2400', '4800', '9600', '19200', '38400', '57600', '115200'] as const;

export interface ScannerDraft {
  readonly kind: ScannerConfig['kind'];
  readonly path: string;
  readonly baudRate: string;
  readonly suffix: '' | 'CR' | 'LF' | 'CRLF';
}

export type ScaleProtocol = 'mt-sics' | 'toledo' | 'nci' | 'continuous';

export interface ScaleDraft {
  readonly kind: 'none' | 'hid-pos' | 'serial';
  readonly protocol: ScaleProtocol;
  readonly path: string;
  readonly baudRate: string;
  readonly unit: '' | 'kg' | 'lb';
}

/** Label sizes warehouses use; anything else is typed in millimetres. */
export const LABEL_SIZES = [
  { id: '4x6', words: '4 × 6 in (101.6 × 152.4 mm) — shipping', widthMm: 101.6, heightMm: 152.4 },
  { id: '4x4', words: '4 × 4 in (101.6 × 101.6 mm)', widthMm: 101.6, heightMm: 101.6 },
  { id: '4x3', words: '4 × 3 in (101.6 × 76.2 mm)', widthMm: 101.6, heightMm: 76.2 },
  { id: '4x2', words: '4 × 2 in (101.6 × 50.8 mm)', widthMm: 101.6, heightMm: 50.8 },
  { id: '2x1', words: '2 × 1 in (50.8 × 25.4 mm) — serial', widthMm: 50.8, heightMm: 25.4 },
  { id: '100x150', words: '100 × 150 mm', widthMm: 100, heightMm: 150 },
] as const;

export interface PrinterDraft {
  readonly enabled: boolean;
  readonly address: string;
  readonly dpi: '203' | '300' | '600';
  /** A LABEL_SIZES id, or 'custom' for the typed millimetres. */
  readonly size: string;
  readonly widthMm: string;
  readonly heightMm: string;
  /** Empty: the printer's own setting. */
  readonly darkness: string;
  readonly serialLabels: boolean;
}

export function scannerDraft(config: ScannerConfig | null): ScannerDraft {
  if (!config || config.kind === 'wedge') return { kind: 'wedge', path: '', baudRate: '9600', suffix: '' };
  if (config.kind === 'hid-pos') return { kind: 'hid-pos', path: config.path ?? '', baudRate: '9600', suffix: '' };
  return {
    kind: 'serial',
    path: config.path,
    baudRate: String(config.baudRate ?? 9600),
    suffix: config.suffix ?? '',
  };
}

export function scaleDraft(config: ScaleConfig | null): ScaleDraft {
  const blank: ScaleDraft = { kind: 'none', protocol: 'mt-sics', path: '', baudRate: '9600', unit: '' };
  if (!config) return blank;
  if (config.kind === 'hid-pos') return { ...blank, kind: 'hid-pos', path: config.path ?? '' };
  return {
    kind: 'serial',
    protocol: config.kind,
    path: config.path,
    baudRate: String(config.baudRate ?? 9600),
    unit: config.unit ?? '',
  };
}

export function printerDraft(config: PrinterConfig | null): PrinterDraft {
  const width = config?.labelWidthMm ?? 101.6;
  const height = config?.labelHeightMm ?? 152.4;
  const preset = LABEL_SIZES.find((s) => s.widthMm === width && s.heightMm === height);
  return {
    enabled: config !== null,
    address: config?.address ?? '',
    dpi: String(config?.dpi ?? 203) as PrinterDraft['dpi'],
    size: preset?.id ?? 'custom',
    widthMm: formatMm(width),
    heightMm: formatMm(height),
    darkness: config?.darkness === null || config?.darkness === undefined ? '' : String(config.darkness),
    serialLabels: config?.serialLabels ?? false,
  };
}

function baud(text: string): Checked<number> {
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value <= 0)
    return { ok: false, problem: `"${text}" is not a baud rate. Use the one set on the device, for example 9600.` };
  return { ok: true, value };
}

export function scannerConfig(draft: ScannerDraft): Checked<Configure['scanner']> {
  if (draft.kind === 'wedge') return { ok: true, value: { kind: 'wedge' } };
  const path = draft.path.trim();
  if (draft.kind === 'hid-pos') return { ok: true, value: path ? { kind: 'hid-pos', path } : { kind: 'hid-pos' } };
  if (path === '')
    return {
      ok: false,
      problem: 'Choose the serial port the scanner is on, for example /dev/ttyACM0 or COM3. Find lists the ports.',
    };
  const rate = baud(draft.baudRate);
  if (!rate.ok) return rate;
  return {
    ok: true,
    value: { kind: 'serial', path, baudRate: rate.value, ...(draft.suffix ? { suffix: draft.suffix } : {}) },
  };
}

export function scaleConfig(draft: ScaleDraft): Checked<Configure['scale']> {
  if (draft.kind === 'none') return { ok: true, value: null };
  const path = draft.path.trim();
  if (draft.kind === 'hid-pos') return { ok: true, value: path ? { kind: 'hid-pos', path } : { kind: 'hid-pos' } };
  if (path === '')
    return {
      ok: false,
      problem: 'Choose the serial port the scale is on, for example /dev/ttyUSB0 or COM4. Find lists the ports.',
    };
  const rate = baud(draft.baudRate);
  if (!rate.ok) return rate;
  return {
    ok: true,
    value: { kind: draft.protocol, path, baudRate: rate.value, ...(draft.unit ? { unit: draft.unit } : {}) },
  };
}

const ADDRESS_FORMS = /^(tcp:\/\/.+|usb:.+|cups:.+|file:.+)$/i;

function millimetres(text: string, what: string, min: number, max: number): Checked<number> {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max)
    return { ok: false, problem: `The label ${what} must be between ${min} and ${max} mm.` };
  return { ok: true, value };
}

export function printerConfig(draft: PrinterDraft): Checked<Configure['printer']> {
  if (!draft.enabled) return { ok: true, value: null };
  const address = draft.address.trim();
  if (!ADDRESS_FORMS.test(address))
    return {
      ok: false,
      problem:
        'Say where the printer is: tcp://HOST:9100 for a network printer, usb:VID:PID for a USB one, cups:QUEUE for a CUPS queue, or file:FOLDER to save labels as files.',
    };
  const preset = LABEL_SIZES.find((s) => s.id === draft.size);
  let widthMm: number;
  let heightMm: number;
  if (preset) {
    widthMm = preset.widthMm;
    heightMm = preset.heightMm;
  } else {
    const width = millimetres(draft.widthMm, 'width', 10, 220);
    if (!width.ok) return width;
    const height = millimetres(draft.heightMm, 'height', 10, 400);
    if (!height.ok) return height;
    widthMm = width.value;
    heightMm = height.value;
  }
  let darkness: number | null = null;
  if (draft.darkness.trim() !== '') {
    const value = Number(draft.darkness.trim());
    if (!Number.isInteger(value) || value < 0 || value > 30)
      return {
        ok: false,
        problem: 'Darkness is a whole number from 0 (lightest) to 30 (darkest); leave it empty for the printer’s own.',
      };
    darkness = value;
  }
  return {
    ok: true,
    value: {
      address,
      dpi: Number(draft.dpi) as 203 | 300 | 600,
      labelWidthMm: widthMm,
      labelHeightMm: heightMm,
      darkness,
      serialLabels: draft.serialLabels,
    },
  };
}
