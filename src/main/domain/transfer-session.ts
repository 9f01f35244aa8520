/**
 * Transfers: moving in-stock units between warehouses and locations by scanning their serials.
 * A pure decision over the session state and injected look-ups; the service persists the
 * outcome and asks for `transferExpect`.
 */
import { notAnItemMessage, stationCommand } from '../../shared/scan/station-commands';
import type { RejectionCode } from '../../shared/errors';
import type { ParsedScan } from '../../shared/scan';
import type { Expect } from '../../shared/session';
import { knownCodeRejection, type KnownCodeHit } from './serial-rules';
import { cleanSerial } from './serial';
import { NO_TARGET } from './session-prompt';
import { statusWords, type UnitStatus } from './unit-lifecycle';

/** A warehouse, optionally narrowed to one location in it. */
export interface Place {
  readonly warehouse: string;
  readonly location: string | null;
}

export interface UnitCode {
  readonly slot: number;
  readonly serial: string;
  readonly key: string;
}

/** A unit carrying the scanned serial, as the store knows it now. */
export interface CandidateUnit {
  readonly unitId: number;
  readonly productId: number;
  readonly sku: string;
  readonly productName: string;
  readonly slotLabels: readonly string[];
  readonly serialsPerUnit: number;
  readonly status: UnitStatus;
  readonly warehouse: string | null;
  readonly location: string | null;
  readonly codes: readonly UnitCode[];
  /** The order a reserved unit is held for, when it is held by one. */
  readonly reservedFor: string | null;
}

export interface TransferUnit {
  /** The session's own row id. */
  readonly id: number;
  readonly unit: CandidateUnit;
  /** The code that was scanned for it. */
  readonly scanned: UnitCode;
  readonly manual: boolean;
  readonly at: string;
}

export interface TransferState {
  readonly sessionId: number;
  readonly reference: string;
  readonly from: Place;
  readonly to: Place;
  readonly startedAt: string;
  units: TransferUnit[];
}

export interface TransferLookups {
  /** Every unit with a code of this key, whatever its product, status or place. */
  unitsWithSerial(key: string): CandidateUnit[];
  /** The product a GS1 (01) GTIN names, if we know it. */
  productIdByGtin(gtin14: string): number | undefined;
  knownCode(code: string): KnownCodeHit | undefined;
  serialKey(serial: string): string;
}

export interface TransferRules {
  readonly rejectSerialEqualToKnownCode: boolean;
}

export type TransferRejectionCode = RejectionCode | 'CONFLICT';

export type TransferOutcome =
  | { readonly kind: 'reject'; readonly code: TransferRejectionCode; readonly message: string }
  | { readonly kind: 'accept'; readonly unit: CandidateUnit; readonly scanned: UnitCode };

const same = (a: string | null, b: string | null) =>
  a !== null && b !== null && a.trim().toUpperCase() === b.trim().toUpperCase();

export function placeLabel(place: Place): string {
  return place.location ? `${place.warehouse}/${place.location}` : place.warehouse;
}

/** How an open transfer is found again: the same source and destination, whatever the case. */
export function transferReference(from: Place, to: Place): string {
  return `${placeLabel(from)} -> ${placeLabel(to)}`.toUpperCase();
}

/** Whether a unit stands at a place: its warehouse, and its location when the place names one. */
export function isAt(unit: { warehouse: string | null; location: string | null }, place: Place): boolean {
  return same(unit.warehouse, place.warehouse) && (place.location === null || same(unit.location, place.location));
}

/** Why these two places cannot make a transfer, or null when they can. */
export function placesProblem(from: Place, to: Place): string | null {
  if (same(from.warehouse, to.warehouse) && (from.location ?? '').toUpperCase() === (to.location ?? '').toUpperCase()) {
    return `The source and the destination are both ${placeLabel(from)}. Pick where the units go.`;
  }
  return null;
}

function reject(code: TransferRejectionCode, message: string): TransferOutcome {
  return { kind: 'reject', code, message };
}

function whereIs(unit: CandidateUnit): string {
  if (!unit.warehouse) return 'not recorded at any warehouse';
  return `at ${placeLabel({ warehouse: unit.warehouse, location: unit.location })}`;
}

/** Why a unit that carries the serial cannot move in this transfer. */
function refusal(state: TransferState, unit: CandidateUnit, serial: string): TransferOutcome {
  const what = `${serial} (${unit.productName})`;
  if (unit.status !== 'in_stock') {
    const status =
      unit.status === 'reserved' && unit.reservedFor
        ? `reserved for order ${unit.reservedFor}`
        : unit.status === 'sold'
          ? 'sold — it has shipped and is not on our shelves'
          : statusWords(unit.status);
    return reject('SERIAL_NOT_IN_STOCK', `${what} is ${status}. Only in-stock units can be transferred.`);
  }
  return reject(
    'WRONG_ITEM',
    `${what} is ${whereIs(unit)}, not at ${placeLabel(state.from)}. Only units at ${placeLabel(state.from)} can move in this transfer — put it back where it belongs.`,
  );
}

/** Decides one scan: the unit to add to the transfer, or why not. */
export function decideTransferScan(
  state: TransferState,
  scan: ParsedScan,
  rules: TransferRules,
  lookups: TransferLookups,
): TransferOutcome {
  if (scan.error) return reject(scan.error.code, scan.error.message);
  const command = stationCommand(scan.text);
  // A command barcode the screen did not take itself (a scan script, say) is no item.
  if (command !== null) return reject('UNKNOWN_BARCODE', notAnItemMessage(scan.text.trim(), command, 'wizard'));
  let text = scan.text;
  let gtinProduct: number | null = null;
  if (scan.gs1) {
    if (!scan.gs1.serial) {
      return reject('SERIAL_EMPTY', "This GS1 code carries no serial (21). Scan the unit's serial barcode.");
    }
    text = scan.gs1.serial;
    if (scan.gs1.gtin) {
      const product = lookups.productIdByGtin(scan.gs1.gtin);
      if (product === undefined) {
        return reject(
          'UNKNOWN_BARCODE',
          `The GTIN ${scan.gs1.gtin} in this code is not a product we know. Scan the unit's serial barcode instead.`,
        );
      }
      gtinProduct = product;
    }
  }
  const serial = cleanSerial(text);
  if (!serial) return reject('SERIAL_EMPTY', "Nothing was read — scan the unit's serial again.");
  const key = lookups.serialKey(serial);
  let candidates = lookups.unitsWithSerial(key);
  if (gtinProduct !== null) {
    const ofProduct = candidates.filter((c) => c.productId === gtinProduct);
    if (candidates.length > 0 && ofProduct.length === 0) {
      return reject(
        'GS1_PRODUCT_MISMATCH',
        `${serial} is the serial of a ${candidates[0]!.productName}, but this code's GTIN names another product. Check the label.`,
      );
    }
    candidates = ofProduct;
  }
  if (candidates.length === 0) {
    if (rules.rejectSerialEqualToKnownCode && !scan.gs1) {
      const hit = lookups.knownCode(serial);
      if (hit) {
        const known = knownCodeRejection(hit, 'serial');
        return reject(known.code, known.message);
      }
    }
    return reject(
      'SERIAL_NOT_IN_STOCK',
      `We have no unit with serial ${serial} on record. Only units received into stock can be transferred.`,
    );
  }
  const inTransfer = (c: CandidateUnit) => state.units.find((u) => u.unit.unitId === c.unitId);
  const movable = candidates.filter((c) => c.status === 'in_stock' && isAt(c, state.from));
  const fresh = movable.filter((c) => !inTransfer(c));
  if (fresh.length === 1) {
    const unit = fresh[0]!;
    return { kind: 'accept', unit, scanned: { ...unit.codes.find((c) => c.key === key)!, serial } };
  }
  if (fresh.length > 1) {
    return reject(
      'CONFLICT',
      `${serial} is the serial of more than one unit at ${placeLabel(state.from)} (${fresh.map((c) => c.productName).join(', ')}). Scan the unit's GS1 code, which names its product.`,
    );
  }
  const already = candidates.map(inTransfer).find((u) => u !== undefined);
  if (already) {
    const as = already.scanned.key === key ? '' : ` (scanned as ${already.scanned.serial})`;
    return reject('CONFLICT', `${serial} (${already.unit.productName}) is already in this transfer${as}.`);
  }
  const explain = candidates.find((c) => c.status === 'in_stock') ?? candidates[0]!;
  return refusal(state, explain, serial);
}

export function transferExpect(state: TransferState, done: boolean): Expect {
  const n = state.units.length;
  const from = placeLabel(state.from);
  const to = placeLabel(state.to);
  return {
    step: done ? 'done' : 'serial',
    prompt: done
      ? `Transfer confirmed: ${n} unit${n === 1 ? '' : 's'} moved to ${to}.`
      : n === 0
        ? `Scan the serial of a unit at ${from} to move it to ${to}`
        : `Scan the next unit at ${from}, or confirm moving ${n} unit${n === 1 ? '' : 's'} to ${to}`,
    ...NO_TARGET,
  };
}
