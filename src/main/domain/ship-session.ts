/**
 * The scan & ship wizard's rules (DESIGN.md §3–4) as a pure decision over the session state
 * and injected look-ups. The service persists outcomes and runs the ship transaction.
 */
import type { RejectionCode } from '../../shared/errors';
import type { ParsedScan } from '../../shared/scan';
import { notAnItemMessage, stationCommand } from '../../shared/scan/station-commands';
import type { Expect } from '../../shared/session';
import { cleanSerial } from './serial';
import { checkSerialFormat, knownCodeRejection, type KnownCodeHit } from './serial-rules';
import {
  firstHolderInScanOrder,
  firstIncomplete,
  indexedSerialsOnLine,
  indexedUnitsOnLine,
  indexSerial,
  indexUnit,
  placeOnLine,
  unindexSerial,
  type SessionIndex,
} from './session-index';
import { NO_TARGET, slotLabelOf } from './session-prompt';

export interface ShipLineInfo {
  readonly lineId: number;
  readonly lineNo: number;
  readonly productId: number;
  readonly sku: string;
  readonly name: string;
  readonly qty: number;
  readonly trackSerials: boolean;
  readonly serialsPerUnit: number;
  readonly slotLabels: readonly string[];
  readonly pattern: string | null;
  readonly length: number | null;
  readonly unitWeightG: number | null;
  /** Serial keys reserved for this line; when any, the packer must scan exactly these. */
  readonly allocated: readonly { readonly serial: string; readonly key: string; readonly unitId: number | null }[];
}

export interface ShipSerial {
  readonly id: number;
  readonly slot: number;
  readonly serial: string;
  readonly key: string;
  readonly manual: boolean;
  readonly overrideEventId: number | null;
}

export interface ShipUnit {
  readonly id: number;
  readonly lineId: number;
  /** The stock unit the serials identify; null until known (or for unknown serials / non-serial items). */
  unitId: number | null;
  /** Changed only through `addShipSerial` / `removeShipSerial`, which keep the index in step. */
  readonly serials: ShipSerial[];
  readonly manual: boolean;
  readonly at: string;
}

export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
  readonly raw: string;
  /** What an override would accept: this serial in this slot of this unit (or a new unit of the line). */
  readonly target: {
    readonly lineId: number;
    readonly unitId: number | null;
    readonly slot: number;
    readonly serial: string;
    readonly key: string;
    readonly stockUnitId: number | null;
  } | null;
}

export interface ShipState {
  readonly sessionId: number;
  readonly orderId: number;
  readonly orderNumber: string;
  readonly customerName: string;
  readonly shipTo: string;
  readonly startedAt: string;
  readonly serialsSkipped: boolean;
  readonly lines: readonly ShipLineInfo[];
  /** In scan order; changed only through `addShipUnit` / `addShipSerial` / `removeShipSerial`. */
  readonly units: ShipUnit[];
  /** Look-ups over `units`, so a scan costs the same in a 5-unit and a 500-unit order. */
  readonly index: ShipIndex;
  currentUnitId: number | null;
  weightG: number | null;
  weightOverrideEventId: number | null;
  labelPrinted: boolean;
  lastRejection: Rejection | null;
}

export type ShipIndex = SessionIndex<ShipUnit>;

function missingSerial(state: ShipState): (unit: ShipUnit) => boolean {
  return (unit) => {
    const line = shipLine(state, unit.lineId);
    return shipNeedsSerials(state, line) && unit.serials.length < line.serialsPerUnit;
  };
}

/** Appends a unit (with any serials it already carries) to the session. */
export function addShipUnit(state: ShipState, unit: ShipUnit): void {
  indexUnit(state, unit, missingSerial(state));
}

export function addShipSerial(state: ShipState, unit: ShipUnit, serial: ShipSerial): void {
  indexSerial(state, unit, serial, missingSerial(state));
}

/** Takes a serial off its unit; a unit left with none leaves the session. Returns whether it did. */
export function removeShipSerial(state: ShipState, unit: ShipUnit, serialId: number): boolean {
  return unindexSerial(state, unit, serialId, missingSerial(state));
}

export function shipUnitById(state: ShipState, unitId: number): ShipUnit | undefined {
  return state.index.byId.get(unitId);
}

/** The first unit, in scan order, carrying this serial key. */
export function shipUnitWithSerial(state: ShipState, key: string): ShipUnit | undefined {
  return firstHolderInScanOrder(state, key);
}

export function shipSerialsOnLine(state: ShipState, lineId: number): number {
  return indexedSerialsOnLine(state.index, lineId);
}

export interface ShipRules {
  readonly allowDuplicateSerialsInOrder: boolean;
  readonly requireShippedSerialInStock: boolean;
  readonly rejectSerialEqualToKnownCode: boolean;
  readonly defaultSerialLength: number | null;
  readonly caseSensitiveSerials: boolean;
}

export interface StockUnitInfo {
  readonly unitId: number;
  readonly productId: number;
  readonly productName: string;
  readonly status: 'in_stock' | 'reserved' | 'sold' | 'returned' | 'defective';
  readonly slot: number;
  /** The unit's codes on record by slot. */
  readonly codes: readonly { readonly slot: number; readonly key: string }[];
  readonly reservedForOrderId: number | null;
  readonly lastShippedOrder: string | null;
  readonly lastShippedAt: string | null;
}

export interface ShipLookups {
  productIdByCode(code: string): number | undefined;
  knownCode(code: string): KnownCodeHit | undefined;
  /** The unit carrying this serial under the scope for the product, if any. */
  stockUnit(productId: number, key: string): StockUnitInfo | undefined;
  /** The product name of any unit with this serial (for "that serial is a Tablet" messages). */
  otherProductWithSerial(key: string, productId: number): string | undefined;
  serialKey(serial: string): string;
}

export type ShipOutcome =
  | { readonly kind: 'reject'; readonly rejection: Rejection }
  | {
      readonly kind: 'new-unit';
      readonly lineId: number;
      readonly serial: { slot: number; serial: string; key: string } | null;
      readonly stockUnitId: number | null;
    }
  | {
      readonly kind: 'add-serial';
      readonly unitId: number;
      readonly slot: number;
      readonly serial: string;
      readonly key: string;
      readonly stockUnitId: number | null;
    }
  | { readonly kind: 'same-order' }
  | { readonly kind: 'other-order'; readonly orderNumber: string }
  | { readonly kind: 'ship-command' };

export function shipLine(state: ShipState, lineId: number): ShipLineInfo {
  const line = state.lines.find((l) => l.lineId === lineId);
  if (!line) throw new Error(`line ${lineId} is not on ${state.orderNumber}`);
  return line;
}

export function shipNeedsSerials(state: ShipState, line: ShipLineInfo): boolean {
  return line.trackSerials && !state.serialsSkipped;
}

export function packedOnLine(state: ShipState, lineId: number): number {
  return indexedUnitsOnLine(state.index, lineId);
}

function emptySlots(line: ShipLineInfo, unit: ShipUnit): number[] {
  const slots: number[] = [];
  for (let slot = 1; slot <= line.serialsPerUnit; slot += 1)
    if (!unit.serials.some((s) => s.slot === slot)) slots.push(slot);
  return slots;
}

export function shipUnitNumber(state: ShipState, unit: ShipUnit): number {
  return placeOnLine(state.index, unit);
}

/** The unit still missing serials (the current one first). */
export function incompleteShipUnit(state: ShipState): ShipUnit | undefined {
  return firstIncomplete(state, state.currentUnitId);
}

function rejection(code: RejectionCode, message: string, raw: string, target: Rejection['target'] = null): ShipOutcome {
  return { kind: 'reject', rejection: { code, message, raw, target } };
}

/** Validates a serial for a slot of a unit (existing, or the first unit of a new one). */
function checkSerial(
  state: ShipState,
  line: ShipLineInfo,
  unit: ShipUnit | null,
  preferredSlot: number,
  candidate: string,
  raw: string,
  rules: ShipRules,
  lookups: ShipLookups,
): { slot: number; serial: string; key: string; stockUnitId: number | null } | ShipOutcome {
  const serial = cleanSerial(candidate);
  const label = slotLabelOf(line, preferredSlot);
  if (rules.rejectSerialEqualToKnownCode && serial) {
    const hit = lookups.knownCode(serial);
    if (hit) {
      const known = knownCodeRejection(hit, label);
      return rejection(known.code, known.message, raw);
    }
  }
  const format = checkSerialFormat(
    serial,
    { productName: line.name, pattern: line.pattern, length: line.length, caseSensitive: rules.caseSensitiveSerials },
    rules.defaultSerialLength,
  );
  const key = lookups.serialKey(serial);
  const target = { lineId: line.lineId, unitId: unit?.id ?? null, slot: preferredSlot, serial, key, stockUnitId: null };
  if (format) return rejection(format.code, format.message, raw, format.code === 'SERIAL_FORMAT' ? target : null);
  if (unit?.serials.some((s) => s.key === key)) {
    return rejection(
      'SERIAL_DUPLICATE_IN_UNIT',
      `${serial} is already this unit's ${slotLabelOf(line, unit.serials.find((s) => s.key === key)!.slot)}. Scan its ${label}.`,
      raw,
    );
  }
  if (!rules.allowDuplicateSerialsInOrder) {
    const other = shipUnitWithSerial(state, key);
    if (other) {
      const otherLine = shipLine(state, other.lineId);
      return rejection(
        'SERIAL_DUPLICATE_IN_ORDER',
        `${serial} is already packed in this order (${otherLine.name}, unit ${shipUnitNumber(state, other)}). Each unit has its own serial — scan the one in your hand.`,
        raw,
      );
    }
  }
  const stock = lookups.stockUnit(line.productId, key);
  let slot = preferredSlot;
  if (unit?.unitId != null && stock?.unitId !== unit.unitId) {
    // The unit is already identified by its other code: this one must be the same unit's.
    return rejection(
      'SERIAL_OTHER_UNIT',
      stock
        ? `${serial} belongs to a different ${line.name} than the ${unit.serials.map((s) => s.serial).join(' / ')} you scanned. Scan the ${label} of the same unit.`
        : `${serial} is not a code of the ${line.name} you scanned (${unit.serials.map((s) => s.serial).join(' / ')}). Scan the ${label} of the same unit.`,
      raw,
    );
  }
  if (stock) {
    const recorded = stock.codes.find((c) => c.key === key);
    if (recorded && unit && unit.serials.some((s) => s.slot === recorded.slot)) {
      return rejection(
        'SERIAL_DUPLICATE_IN_UNIT',
        `${serial} is this unit's ${slotLabelOf(line, recorded.slot)}, which is already scanned.`,
        raw,
      );
    }
    if (recorded) slot = recorded.slot;
    const withStock = { ...target, slot, stockUnitId: stock.unitId };
    const allocatedHere = line.allocated.some((a) => a.key === key);
    const okStatus =
      stock.status === 'in_stock' ||
      (stock.status === 'reserved' && (stock.reservedForOrderId === state.orderId || allocatedHere));
    if (!okStatus) {
      const message =
        stock.status === 'sold'
          ? `${serial} already shipped${stock.lastShippedOrder ? ` on order ${stock.lastShippedOrder}` : ''}${stock.lastShippedAt ? ` on ${stock.lastShippedAt.slice(0, 10)}` : ''} and was not returned. Put this unit aside and tell a supervisor.`
          : stock.status === 'reserved'
            ? `${serial} is reserved for another order. Scan a unit that is free, or ask a supervisor.`
            : stock.status === 'returned'
              ? `${serial} came back as a return and has not been restocked. It cannot ship until Returns puts it back in stock.`
              : `${serial} is marked defective. Do not ship it — put it aside.`;
      return rejection('SERIAL_NOT_IN_STOCK', message, raw, withStock);
    }
    if (line.allocated.length > 0 && !allocatedHere) {
      return rejection(
        'SERIAL_NOT_ALLOCATED',
        `Order ${state.orderNumber} reserved specific serials for ${line.name} (${line.allocated.map((a) => a.serial).join(', ')}); ${serial} is not one of them.`,
        raw,
        withStock,
      );
    }
    return { slot, serial, key, stockUnitId: stock.unitId };
  }
  const other = lookups.otherProductWithSerial(key, line.productId);
  if (other)
    return rejection(
      'WRONG_ITEM',
      `${serial} is the serial of a ${other}, not of ${line.name}. Check the unit in your hand.`,
      raw,
    );
  if (line.allocated.length > 0 && !line.allocated.some((a) => a.key === key)) {
    return rejection(
      'SERIAL_NOT_ALLOCATED',
      `Order ${state.orderNumber} reserved specific serials for ${line.name} (${line.allocated.map((a) => a.serial).join(', ')}); ${serial} is not one of them.`,
      raw,
      target,
    );
  }
  if (rules.requireShippedSerialInStock) {
    return rejection(
      'SERIAL_NOT_IN_STOCK',
      `${serial} was never received into stock as ${line.name}. Check the serial, or ask a supervisor to approve it.`,
      raw,
      target,
    );
  }
  return { slot, serial, key, stockUnitId: null };
}

export function decideShipScan(
  state: ShipState,
  scan: ParsedScan,
  rules: ShipRules,
  lookups: ShipLookups,
): ShipOutcome {
  const raw = scan.raw;
  if (scan.error) return rejection(scan.error.code, scan.error.message, raw);
  const command = stationCommand(scan.text);
  if (command === 'SHIP') return { kind: 'ship-command' };
  if (command !== null) {
    // The other commands are the screen's keys; sent here (from a script, say) they are no item.
    return rejection('UNKNOWN_BARCODE', notAnItemMessage(scan.text.trim(), command, 'ship'), raw);
  }
  const gs1 = scan.gs1;
  const current = incompleteShipUnit(state);

  if (current) {
    const line = shipLine(state, current.lineId);
    const slot = emptySlots(line, current)[0]!;
    let candidate = scan.text;
    if (gs1) {
      if (gs1.gtin && lookups.productIdByCode(gs1.gtin) !== line.productId) {
        return rejection(
          'GS1_PRODUCT_MISMATCH',
          `This GS1 code is for another product, but ${line.name} unit ${shipUnitNumber(state, current)} needs its ${slotLabelOf(line, slot)}.`,
          raw,
        );
      }
      if (!gs1.serial)
        return rejection(
          'SERIAL_IS_KNOWN_BARCODE',
          `This code carries ${line.name}'s product number but no serial. Scan the ${slotLabelOf(line, slot)} barcode.`,
          raw,
        );
      candidate = gs1.serial;
    } else {
      const hit = lookups.knownCode(cleanSerial(scan.text));
      if (hit?.kind === 'order') {
        if (hit.name.toUpperCase() === state.orderNumber.toUpperCase()) return { kind: 'same-order' };
        return { kind: 'other-order', orderNumber: hit.name };
      }
    }
    const checked = checkSerial(state, line, current, slot, candidate, raw, rules, lookups);
    if ('kind' in checked) return checked;
    return { kind: 'add-serial', unitId: current.id, ...checked };
  }

  const hit = lookups.knownCode(cleanSerial(scan.text));
  if (!gs1 && hit?.kind === 'order') {
    if (hit.name.toUpperCase() === state.orderNumber.toUpperCase()) return { kind: 'same-order' };
    return { kind: 'other-order', orderNumber: hit.name };
  }
  const code = gs1?.gtin ?? (gs1 ? null : scan.text);
  if (code === null)
    return rejection(
      'GS1_INVALID',
      'This GS1 code has no GTIN (01), so it does not say which product it is. Scan the product barcode.',
      raw,
    );
  const productId = lookups.productIdByCode(code);
  if (productId === undefined) {
    return rejection(
      'UNKNOWN_BARCODE',
      `"${short(cleanSerial(scan.text))}" is not a product barcode or SKU we know. Scan the item's barcode first, then its serial.`,
      raw,
    );
  }
  const lines = state.lines.filter((l) => l.productId === productId);
  if (lines.length === 0)
    return rejection('WRONG_ITEM', `This item is not on order ${state.orderNumber}. Take it out of the box.`, raw);
  const line = lines.find((l) => packedOnLine(state, l.lineId) < l.qty);
  if (!line) {
    const l = lines[0]!;
    return rejection(
      'OVER_SCAN',
      `Order ${state.orderNumber} has ${l.qty} × ${l.name} and all ${l.qty} are already packed. Take the extra one out.`,
      raw,
    );
  }
  if (gs1?.serial && shipNeedsSerials(state, line)) {
    const checked = checkSerial(state, line, null, 1, gs1.serial, raw, rules, lookups);
    if ('kind' in checked) return checked;
    return {
      kind: 'new-unit',
      lineId: line.lineId,
      serial: { slot: checked.slot, serial: checked.serial, key: checked.key },
      stockUnitId: checked.stockUnitId,
    };
  }
  return { kind: 'new-unit', lineId: line.lineId, serial: null, stockUnitId: null };
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

export interface ShipStages {
  readonly weigh: boolean;
  readonly print: boolean;
}

export interface Missing {
  readonly lineId: number;
  readonly sku: string;
  readonly name: string;
  readonly unitsMissing: number;
  readonly serialsMissing: number;
}

/** What is still missing before the order may ship. */
export function missingForShip(state: ShipState): Missing[] {
  const missing: Missing[] = [];
  for (const line of state.lines) {
    const unitsMissing = Math.max(0, line.qty - packedOnLine(state, line.lineId));
    const perUnit = shipNeedsSerials(state, line) ? line.serialsPerUnit : 0;
    // Only units still missing a serial add to the count, and the index keeps exactly those.
    let serialsOfPacked = 0;
    for (const u of state.index.incomplete) if (u.lineId === line.lineId) serialsOfPacked += perUnit - u.serials.length;
    const serialsMissing = unitsMissing * perUnit + serialsOfPacked;
    if (unitsMissing > 0 || serialsMissing > 0)
      missing.push({ lineId: line.lineId, sku: line.sku, name: line.name, unitsMissing, serialsMissing });
  }
  return missing;
}

export function shipExpect(state: ShipState, stages: ShipStages): Expect {
  const unit = incompleteShipUnit(state);
  if (unit) {
    const line = shipLine(state, unit.lineId);
    const slot = emptySlots(line, unit)[0] ?? 1;
    const label = slotLabelOf(line, slot);
    const n = shipUnitNumber(state, unit);
    const slotPart =
      line.serialsPerUnit > 1
        ? `serial ${slot} of ${line.serialsPerUnit} — ${label}`
        : label === 'Serial'
          ? 'serial'
          : `serial — ${label}`;
    return {
      step: 'serial',
      prompt: `Scan ${slotPart} — ${line.name}, unit ${n} of ${line.qty}`,
      lineId: line.lineId,
      sku: line.sku,
      productName: line.name,
      unit: n,
      units: line.qty,
      slot,
      slots: line.serialsPerUnit,
      slotLabel: label,
    };
  }
  const open = state.lines.filter((l) => packedOnLine(state, l.lineId) < l.qty);
  if (open.length > 0) {
    const first = open[0]!;
    const left = open.map((l) => `${l.qty - packedOnLine(state, l.lineId)} × ${l.name}`).join(', ');
    const n = packedOnLine(state, first.lineId) + 1;
    return {
      step: 'item',
      prompt: `Scan an item: ${left}`,
      lineId: first.lineId,
      sku: first.sku,
      productName: first.name,
      unit: n,
      units: first.qty,
      slot: null,
      slots: null,
      slotLabel: null,
    };
  }
  if (stages.weigh && state.weightG === null)
    return { step: 'weigh', prompt: 'Put the parcel on the scale', ...NO_TARGET };
  if (stages.print && !state.labelPrinted) return { step: 'print', prompt: 'Print the shipping label', ...NO_TARGET };
  return {
    step: 'ship',
    prompt: `Everything is packed — scan SHIP or press Enter to ship ${state.orderNumber}`,
    ...NO_TARGET,
  };
}

export function expectedWeightG(state: ShipState, packagingG: number): number | null {
  let total = packagingG;
  for (const line of state.lines) {
    if (line.unitWeightG === null) return null;
    total += line.unitWeightG * line.qty;
  }
  return total;
}

/** Override is for rules a supervisor may waive; malformed or ambiguous scans never are. */
export const OVERRIDABLE: ReadonlySet<RejectionCode> = new Set([
  'SERIAL_NOT_IN_STOCK',
  'SERIAL_NOT_ALLOCATED',
  'SERIAL_FORMAT',
  'WEIGHT_OUT_OF_TOLERANCE',
]);
