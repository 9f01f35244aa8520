/**
 * USB HID POS scale reports (usage page 0x8D "Scales", HID Point of Sale Usage Tables).
 *
 * Scale data report, id 3:  [3] [status] [unit] [exponent: signed] [weight LSB] [weight MSB]
 *   status: 1 fault, 2 stable at zero, 3 in motion, 4 stable, 5 under zero, 6 over weight,
 *           7 requires calibration, 8 requires re-zeroing
 *   unit:   1 mg, 2 g, 3 kg, 4 carats, 5 taels, 6 grains, 7 pennyweights, 8 metric tons,
 *           9 avoirdupois tons, 10 troy ounces, 11 ounces, 12 pounds, 13 troy pounds
 *   weight = (unsigned 16-bit little-endian) × 10^exponent, in the unit.
 * Scale control report, id 2 (output): bit 0 Enforced Zero Return, bit 1 Zero Scale.
 */

import type { WeightStatus } from '../types';
import { statusSample, weightSample } from './sample';
import type { ScaleSample } from './types';
import { refusedUnitMessage, type WeightUnit } from './units';

export const SCALE_USAGE_PAGE = 0x8d;
export const SCALE_DATA_REPORT_ID = 0x03;
export const SCALE_CONTROL_REPORT_ID = 0x02;
export const ZERO_SCALE_BIT = 0x02;
/** The output report that zeroes the scale (Scale Control report with Zero Scale set). */
export const ZERO_SCALE_REPORT: readonly number[] = [SCALE_CONTROL_REPORT_ID, ZERO_SCALE_BIT];

export const HID_SCALE_STATUS = {
  fault: 1,
  stableZero: 2,
  motion: 3,
  stable: 4,
  underZero: 5,
  overWeight: 6,
  needsCalibration: 7,
  needsRezero: 8,
} as const;

const UNITS: Readonly<Record<number, WeightUnit>> = { 1: 'mg', 2: 'g', 3: 'kg', 11: 'oz', 12: 'lb' };
const REFUSED_UNITS: Readonly<Record<number, string>> = {
  4: 'carats',
  5: 'taels',
  6: 'grains',
  7: 'pennyweights',
  8: 'metric tons',
  9: 'avoirdupois tons',
  10: 'troy ounces',
  13: 'troy pounds',
};

export type ScaleReportResult =
  | { readonly kind: 'sample'; readonly sample: ScaleSample }
  | { readonly kind: 'other'; readonly reportId: number }
  | { readonly kind: 'invalid'; readonly reason: string };

export function parseScaleReport(bytes: Uint8Array, layout: { readonly reportIdIncluded: boolean }): ScaleReportResult {
  const base = layout.reportIdIncluded ? 1 : 0;
  if (layout.reportIdIncluded) {
    if (bytes.length === 0) return { kind: 'invalid', reason: 'empty report' };
    if (bytes[0] !== SCALE_DATA_REPORT_ID) return { kind: 'other', reportId: bytes[0] as number };
  }
  if (bytes.length < base + 5) return { kind: 'invalid', reason: `scale report too short (${bytes.length} bytes)` };
  const status = bytes[base] as number;
  const unitCode = bytes[base + 1] as number;
  const exponent = ((bytes[base + 2] as number) << 24) >> 24;
  const raw16 = (bytes[base + 3] as number) | ((bytes[base + 4] as number) << 8);
  const raw = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');

  const plain: Partial<Record<number, [WeightStatus, string]>> = {
    [HID_SCALE_STATUS.fault]: [
      'fault',
      'The scale reports a fault — switch it off and on; if it persists it needs service.',
    ],
    [HID_SCALE_STATUS.overWeight]: ['over-weight', 'The parcel is heavier than the scale can weigh (over weight).'],
    [HID_SCALE_STATUS.needsCalibration]: ['needs-calibration', 'The scale needs calibration before it can be used.'],
    [HID_SCALE_STATUS.needsRezero]: ['needs-rezero', 'The scale needs re-zeroing — empty the platform and zero it.'],
  };
  const fixed = plain[status];
  if (fixed) return { kind: 'sample', sample: statusSample(fixed[0], raw, fixed[1]) };
  if (status < HID_SCALE_STATUS.stableZero || status > HID_SCALE_STATUS.underZero)
    return { kind: 'invalid', reason: `unknown scale status ${status}` };

  const refused = REFUSED_UNITS[unitCode];
  if (refused) return { kind: 'sample', sample: statusSample('no-reading', raw, refusedUnitMessage(refused)) };
  const unit = UNITS[unitCode];
  if (!unit) return { kind: 'invalid', reason: `unknown weight unit code ${unitCode}` };

  // The weight field is unsigned: "under zero" scales send the magnitude below zero.
  const magnitude = raw16 * 10 ** exponent;
  const value = status === HID_SCALE_STATUS.underZero ? -magnitude : magnitude;
  const stable = status === HID_SCALE_STATUS.stable || status === HID_SCALE_STATUS.stableZero;
  const result = weightSample(value.toFixed(Math.max(0, -exponent)), unit, { stable, raw });
  if (!result.ok) return { kind: 'invalid', reason: result.reason };
  if (status === HID_SCALE_STATUS.underZero && result.sample.reading.status !== 'under-zero')
    return {
      kind: 'sample',
      sample: statusSample('under-zero', raw, 'The scale shows less than zero — empty the platform and zero it.'),
    };
  return { kind: 'sample', sample: result.sample };
}
