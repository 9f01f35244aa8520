/**
 * The receive wizard's rules (DESIGN.md §3–4) as a pure decision over the session state and
 * injected look-ups. The service applies the outcome (persist, ledger) and asks for `expect`.
 */
import { notAnItemMessage, stationCommand } from '../../shared/scan/station-commands';
import type { ParsedScan } from '../../shared/scan';
import type { Expect } from '../../shared/session';
import type { RejectionCode } from '../../shared/errors';
import { checkSerialFormat, knownCodeRejection, type KnownCodeHit } from './serial-rules';
import { cleanSerial } from './serial';
import {
  firstHolder,
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

export interface ReceiveLineInfo {
  readonly lineId: number;
  readonly lineNo: number;
  readonly productId: number;
  readonly sku: string;
  readonly name: string;
  readonly trackSerials: boolean;
  readonly serialsPerUnit: number;
  readonly slotLabels: readonly string[];
  readonly pattern: string | null;
  readonly length: number | null;
  readonly qtyOrdered: number;
  readonly qtyReceivedBefore: number;
  readonly unitCostCents: number | null;
}

export interface SessionSerial {
  readonly id: number;
  readonly slot: number;
  readonly serial: string;
  readonly key: string;
  readonly manual: boolean;
  readonly overridden: boolean;
}

export interface SessionUnit {
  readonly id: number;
  readonly lineId: number;
  /** Changed only through `addSerial` / `removeSerial`, which keep the session's index in step. */
  readonly serials: SessionSerial[];
  lot: string | null;
  expiresOn: string | null;
  readonly manual: boolean;
  readonly at: string;
}

export interface ReceiveState {
  readonly sessionId: number;
  readonly poId: number;
  readonly poNumber: string;
  readonly vendor: string;
  /** The vendor skips the serial prompt, or capture on receive is off. */
  readonly serialsSkipped: boolean;
  readonly startedAt: string;
  readonly lines: readonly ReceiveLineInfo[];
  /** In scan order; changed only through `addUnit` / `addSerial` / `removeSerial`. */
  readonly units: SessionUnit[];
  /** Look-ups over `units`, so a scan costs the same at unit 5 and at unit 5,000. */
  readonly index: ReceiveIndex;
  /** The unit still waiting for one of its serials. */
  currentUnitId: number | null;
  /** The line scanned last: further serials without an item scan are more units of it. */
  currentLineId: number | null;
}

export type ReceiveIndex = SessionIndex<SessionUnit>;

function missingSerial(state: ReceiveState): (unit: SessionUnit) => boolean {
  return (unit) => {
    const line = lineById(state, unit.lineId);
    return needsSerials(state, line) && unit.serials.length < line.serialsPerUnit;
  };
}

/** Appends a unit (with any serials it already carries) to the session. */
export function addUnit(state: ReceiveState, unit: SessionUnit): void {
  indexUnit(state, unit, missingSerial(state));
}

export function addSerial(state: ReceiveState, unit: SessionUnit, serial: SessionSerial): void {
  indexSerial(state, unit, serial, missingSerial(state));
}

/** Takes a serial off its unit; a unit left with none leaves the session. Returns whether it did. */
export function removeSerial(state: ReceiveState, unit: SessionUnit, serialId: number): boolean {
  return unindexSerial(state, unit, serialId, missingSerial(state));
}

export function unitById(state: ReceiveState, unitId: number): SessionUnit | undefined {
  return state.index.byId.get(unitId);
}

/** The unit carrying this serial key (the first to get it, should a session ever hold it twice). */
export function unitWithSerial(state: ReceiveState, key: string): SessionUnit | undefined {
  return firstHolder(state.index, key);
}

export function serialsOnLine(state: ReceiveState, lineId: number): number {
  return indexedSerialsOnLine(state.index, lineId);
}

export interface ReceiveRules {
  readonly allowOverReceipt: boolean;
  readonly allowMoreSerialsThanReceived: boolean;
  readonly rejectSerialEqualToKnownCode: boolean;
  readonly defaultSerialLength: number | null;
  readonly caseSensitiveSerials: boolean;
}

export interface KnownUnitInfo {
  readonly status: 'in_stock' | 'reserved' | 'sold' | 'returned' | 'defective';
  readonly productName: string;
  readonly poNumber: string | null;
  readonly receivedAt: string;
  readonly lastOrder: string | null;
}

export interface ReceiveLookups {
  productIdByCode(code: string): number | undefined;
  knownCode(code: string): KnownCodeHit | undefined;
  /** The unit already carrying this serial under the uniqueness scope for the product. */
  knownUnit(productId: number, key: string): KnownUnitInfo | undefined;
  /** A serial already received on this PO in an earlier session (any product). */
  receivedOnPo(key: string): { sku: string } | undefined;
  serialKey(serial: string): string;
}

export type ReceiveOutcome =
  | { readonly kind: 'reject'; readonly code: RejectionCode; readonly message: string }
  | {
      readonly kind: 'new-unit';
      readonly lineId: number;
      readonly serial: { readonly slot: number; readonly serial: string; readonly key: string } | null;
      readonly lot: string | null;
      readonly expiresOn: string | null;
    }
  | {
      readonly kind: 'add-serial';
      readonly unitId: number;
      readonly slot: number;
      readonly serial: string;
      readonly key: string;
      readonly lot: string | null;
      readonly expiresOn: string | null;
    };

const reject = (code: RejectionCode, message: string): ReceiveOutcome => ({ kind: 'reject', code, message });

export function lineById(state: ReceiveState, lineId: number): ReceiveLineInfo {
  const line = state.lines.find((l) => l.lineId === lineId);
  if (!line) throw new Error(`line ${lineId} is not on ${state.poNumber}`);
  return line;
}

export function needsSerials(state: ReceiveState, line: ReceiveLineInfo): boolean {
  return line.trackSerials && !state.serialsSkipped;
}

export function unitsOnLine(state: ReceiveState, lineId: number): number {
  return indexedUnitsOnLine(state.index, lineId);
}

function firstEmptySlot(line: ReceiveLineInfo, unit: SessionUnit): number | null {
  for (let slot = 1; slot <= line.serialsPerUnit; slot += 1) {
    if (!unit.serials.some((s) => s.slot === slot)) return slot;
  }
  return null;
}

function overReceiptAllowed(rules: ReceiveRules, state: ReceiveState, line: ReceiveLineInfo): boolean {
  return rules.allowOverReceipt || (rules.allowMoreSerialsThanReceived && needsSerials(state, line));
}

function lineFull(state: ReceiveState, line: ReceiveLineInfo): boolean {
  return line.qtyReceivedBefore + unitsOnLine(state, line.lineId) >= line.qtyOrdered;
}

/** Picks the PO line for a product: the first with room, else the first (to report over-receipt). */
function lineForProduct(state: ReceiveState, productId: number): ReceiveLineInfo | undefined {
  const lines = state.lines.filter((l) => l.productId === productId);
  return lines.find((l) => !lineFull(state, l)) ?? lines[0];
}

function overReceipt(state: ReceiveState, line: ReceiveLineInfo): ReceiveOutcome {
  const received = line.qtyReceivedBefore + unitsOnLine(state, line.lineId);
  return reject(
    'OVER_RECEIPT',
    `${state.poNumber} ordered ${line.qtyOrdered} × ${line.name} and ${received} are already received. Put this one aside and tell a supervisor.`,
  );
}

function validateSerial(
  state: ReceiveState,
  line: ReceiveLineInfo,
  unit: SessionUnit | null,
  slot: number,
  candidate: string,
  rules: ReceiveRules,
  lookups: ReceiveLookups,
): { serial: string; key: string } | ReceiveOutcome {
  const serial = cleanSerial(candidate);
  const label = slotLabelOf(line, slot);
  const format = checkSerialFormat(
    serial,
    { productName: line.name, pattern: line.pattern, length: line.length, caseSensitive: rules.caseSensitiveSerials },
    rules.defaultSerialLength,
  );
  if (rules.rejectSerialEqualToKnownCode) {
    const hit = serial ? lookups.knownCode(serial) : undefined;
    if (hit) {
      const known = knownCodeRejection(hit, label);
      return reject(known.code, known.message);
    }
  }
  if (format) return reject(format.code, format.message);
  const key = lookups.serialKey(serial);
  if (unit?.serials.some((s) => s.key === key)) {
    return reject(
      'SERIAL_DUPLICATE_IN_UNIT',
      `${serial} is already this unit's ${slotLabelOf(line, unit.serials.find((s) => s.key === key)!.slot)}. Scan its ${label}.`,
    );
  }
  const other = unitWithSerial(state, key);
  if (other) {
    const otherLine = lineById(state, other.lineId);
    return reject(
      'SERIAL_DUPLICATE_IN_PO',
      `${serial} was already scanned on this PO (unit ${unitNumber(state, other)} of ${otherLine.name}). Each unit has its own serial — scan the serial of the unit in your hand.`,
    );
  }
  const earlier = lookups.receivedOnPo(key);
  if (earlier) {
    return reject(
      'SERIAL_DUPLICATE_IN_PO',
      `${serial} was already received on ${state.poNumber} (${earlier.sku}) in an earlier session.`,
    );
  }
  const known = lookups.knownUnit(line.productId, key);
  if (known) {
    const where = known.poNumber ? ` (received on ${known.poNumber})` : '';
    const message =
      known.status === 'in_stock' || known.status === 'reserved'
        ? `${serial} is already in stock as ${known.productName}${where}. A serial can only be in stock once — check the label, or ask a supervisor.`
        : known.status === 'sold'
          ? `${serial} was sold${known.lastOrder ? ` on order ${known.lastOrder}` : ''}. A customer return goes through Returns, not receiving.`
          : `${serial} is already on record as ${known.status} (${known.productName}). Returned units are handled in Returns, not receiving.`;
    return reject('SERIAL_ALREADY_IN_STOCK', message);
  }
  return { serial, key };
}

/** Decides what one parsed scan does to a receive session. */
export function decideReceiveScan(
  state: ReceiveState,
  scan: ParsedScan,
  rules: ReceiveRules,
  lookups: ReceiveLookups,
): ReceiveOutcome {
  if (scan.error) return reject(scan.error.code, scan.error.message);
  const command = stationCommand(scan.text);
  // A command barcode the screen did not take itself (a scan script, say) is no item.
  if (command !== null) return reject('UNKNOWN_BARCODE', notAnItemMessage(scan.text.trim(), command, 'wizard'));
  const gs1 = scan.gs1;
  const current = state.currentUnitId === null ? undefined : unitById(state, state.currentUnitId);

  if (current) {
    const line = lineById(state, current.lineId);
    const slot = firstEmptySlot(line, current);
    if (slot !== null) {
      let candidate = scan.text;
      if (gs1) {
        if (gs1.gtin) {
          const productId = lookups.productIdByCode(gs1.gtin);
          if (productId !== line.productId) {
            return reject(
              'GS1_PRODUCT_MISMATCH',
              `This GS1 code is for ${productId === undefined ? `GTIN ${gs1.gtin}, which is not a product we know` : 'another product'}, but unit ${unitNumber(state, current)} of ${line.name} needs its ${slotLabelOf(line, slot)}.`,
            );
          }
        }
        if (!gs1.serial) {
          return reject(
            'SERIAL_IS_KNOWN_BARCODE',
            `This code carries ${line.name}'s product number but no serial. Scan the ${slotLabelOf(line, slot)} barcode.`,
          );
        }
        candidate = gs1.serial;
      }
      const checked = validateSerial(state, line, current, slot, candidate, rules, lookups);
      if ('kind' in checked) return checked;
      return {
        kind: 'add-serial',
        unitId: current.id,
        slot,
        ...checked,
        lot: gs1?.lot ?? null,
        expiresOn: gs1?.expiry ?? null,
      };
    }
  }

  // Expecting an item (or, in continuous mode, the serial of the next unit of the current line).
  if (gs1?.gtin) {
    const productId = lookups.productIdByCode(gs1.gtin);
    if (productId === undefined)
      return reject(
        'UNKNOWN_BARCODE',
        `GTIN ${gs1.gtin} is not a product we know. Put the item aside and tell a supervisor.`,
      );
    return newUnitFor(state, productId, gs1.serial, gs1.lot, gs1.expiry, rules, lookups);
  }
  if (gs1)
    return reject(
      'GS1_INVALID',
      'This GS1 code has no GTIN (01), so it does not say which product it is. Scan the product barcode.',
    );

  const productId = lookups.productIdByCode(scan.text);
  if (productId !== undefined) return newUnitFor(state, productId, null, null, null, rules, lookups);

  const currentLine = state.currentLineId === null ? undefined : lineById(state, state.currentLineId);
  if (currentLine && needsSerials(state, currentLine)) {
    if (lineFull(state, currentLine) && !overReceiptAllowed(rules, state, currentLine)) {
      const hit = lookups.knownCode(cleanSerial(scan.text));
      if (!hit) return overReceipt(state, currentLine);
    } else {
      const checked = validateSerial(state, currentLine, null, 1, scan.text, rules, lookups);
      if ('kind' in checked) return checked;
      return {
        kind: 'new-unit',
        lineId: currentLine.lineId,
        serial: { slot: 1, ...checked },
        lot: null,
        expiresOn: null,
      };
    }
  }
  const hit = lookups.knownCode(cleanSerial(scan.text));
  if (hit?.kind === 'po') {
    return reject(
      'UNKNOWN_BARCODE',
      hit.name.toUpperCase() === state.poNumber.toUpperCase()
        ? `You are already receiving ${state.poNumber}. Scan an item from it.`
        : `This is purchase order ${hit.name}. Close or leave ${state.poNumber} first, then scan ${hit.name}.`,
    );
  }
  if (hit?.kind === 'order')
    return reject(
      'UNKNOWN_BARCODE',
      `This is customer order ${hit.name}, not an item. Scan an item from ${state.poNumber}.`,
    );
  return reject(
    'UNKNOWN_BARCODE',
    `"${truncate(cleanSerial(scan.text))}" is not a product barcode or SKU we know. Scan the item's barcode first, then its serial.`,
  );
}

function newUnitFor(
  state: ReceiveState,
  productId: number,
  gs1Serial: string | null,
  lot: string | null,
  expiresOn: string | null,
  rules: ReceiveRules,
  lookups: ReceiveLookups,
): ReceiveOutcome {
  const line = lineForProduct(state, productId);
  if (!line) return reject('WRONG_ITEM', `This item is not on ${state.poNumber}. Put it aside and tell a supervisor.`);
  if (lineFull(state, line) && !overReceiptAllowed(rules, state, line)) return overReceipt(state, line);
  if (gs1Serial !== null && needsSerials(state, line)) {
    const checked = validateSerial(state, line, null, 1, gs1Serial, rules, lookups);
    if ('kind' in checked) return checked;
    return { kind: 'new-unit', lineId: line.lineId, serial: { slot: 1, ...checked }, lot, expiresOn };
  }
  return { kind: 'new-unit', lineId: line.lineId, serial: null, lot, expiresOn };
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

export function unitNumber(state: ReceiveState, unit: SessionUnit): number {
  return lineById(state, unit.lineId).qtyReceivedBefore + placeOnLine(state.index, unit);
}

/** The unit that is still missing a serial, if any (the current one first). */
export function incompleteUnit(state: ReceiveState): SessionUnit | undefined {
  return firstIncomplete(state, state.currentUnitId);
}

/** What the receiving desk should scan next. */
export function receiveExpect(state: ReceiveState): Expect {
  const unit = incompleteUnit(state);
  if (unit) {
    const line = lineById(state, unit.lineId);
    const slot = firstEmptySlot(line, unit) ?? 1;
    const label = slotLabelOf(line, slot);
    const n = unitNumber(state, unit);
    const slotPart =
      line.serialsPerUnit > 1
        ? `serial ${slot} of ${line.serialsPerUnit} — ${label}`
        : label === 'Serial'
          ? 'serial'
          : `serial — ${label}`;
    return {
      step: 'serial',
      prompt: `Scan ${slotPart} — ${line.name}, unit ${n} of ${line.qtyOrdered}`,
      lineId: line.lineId,
      sku: line.sku,
      productName: line.name,
      unit: n,
      units: line.qtyOrdered,
      slot,
      slots: line.serialsPerUnit,
      slotLabel: label,
    };
  }
  const open = state.lines.filter((l) => !lineFull(state, l));
  if (open.length === 0) {
    return {
      step: 'close',
      prompt: `Everything on ${state.poNumber} is scanned — close to put it in stock`,
      ...NO_TARGET,
    };
  }
  const currentLine =
    state.currentLineId === null ? undefined : state.lines.find((l) => l.lineId === state.currentLineId);
  if (currentLine && !lineFull(state, currentLine) && needsSerials(state, currentLine)) {
    const n = currentLine.qtyReceivedBefore + unitsOnLine(state, currentLine.lineId) + 1;
    return {
      step: 'item',
      prompt: `Scan the next ${currentLine.name} serial (unit ${n} of ${currentLine.qtyOrdered}) or another item`,
      lineId: currentLine.lineId,
      sku: currentLine.sku,
      productName: currentLine.name,
      unit: n,
      units: currentLine.qtyOrdered,
      slot: 1,
      slots: currentLine.serialsPerUnit,
      slotLabel: slotLabelOf(currentLine, 1),
    };
  }
  return { step: 'item', prompt: `Scan an item from ${state.poNumber}`, ...NO_TARGET };
}
