import { DEFECT_REASONS, RETURN_REASONS } from './catalog';
import { LedgerChain } from './ledger-chain';
import {
  EVENT_INDEX_BITS,
  EVENT_NAMES,
  EV_DEFECTIVE,
  EV_RECEIVED,
  EV_RESERVED,
  EV_RESTOCKED,
  EV_RETURNED,
  EV_SHIPPED,
  type SeedPlan,
} from './plan';
import { hashUnit } from './random';
import { PACK_STATIONS, RECEIVE_STATIONS, isoAt, shiftIdAt, shiftOperator } from './timeline';

export const LEDGER_COLUMNS =
  'type, at, unit_id, product_id, serial, serial_key, station_id, operator_id, shift_id, reference, details, prev_hash, hash';

export function orderNumber(id: number): string {
  return `SO-${10_000_000 + id}`;
}

/**
 * Produces every ledger row of a plan, in id order, hash-chained; `write` gets the values
 * in LEDGER_COLUMNS order. Deterministic, so any thread that builds the same plan writes
 * the same ledger.
 */
export function writeLedger(
  plan: SeedPlan,
  write: (row: readonly unknown[]) => void,
  progress?: (done: number) => void,
): void {
  const seed = plan.seed;
  const chain = new LedgerChain();
  const poByLine: { number: string; station: number }[] = [];
  for (const po of plan.purchaseOrders) {
    for (const line of po.lines) poByLine[line.id] = { number: po.number, station: po.stationId };
  }
  let rma = 0;
  const total = plan.eventCount;
  for (let n = 0; n < total; n += 1) {
    const key = plan.eventKeys[n]!;
    const t = Math.floor(key / EVENT_INDEX_BITS);
    const e = key - t * EVENT_INDEX_BITS;
    const kind = plan.eventKind[e]!;
    const ref = plan.eventRef[e]!;
    const cycleEvent = kind === EV_SHIPPED || kind === EV_RETURNED || kind === EV_RESTOCKED;
    const u = cycleEvent ? plan.cycleUnit[ref]! : ref;
    let station: number;
    let reference: string | null = null;
    let details = '{}';
    if (kind === EV_RECEIVED) {
      const po = poByLine[plan.unitPoLine[u]!]!;
      station = po.station;
      reference = po.number;
      details = `{"po_line":${plan.unitPoLine[u]}}`;
    } else if (kind === EV_SHIPPED) {
      const g = plan.cycleGroup[ref]!;
      station = plan.groupStation[g]!;
      reference = orderNumber(plan.groupOrder[g]!);
      details = `{"shipment":${g + 1}}`;
    } else if (kind === EV_RESERVED) {
      station = 1 + Math.floor(hashUnit(seed, e, 0x5e5) * PACK_STATIONS);
      reference = orderNumber(plan.unitOpenOrder.get(u)!);
    } else {
      // Returns, restocks and defect calls happen at the receiving desks.
      station = PACK_STATIONS + 1 + Math.floor(hashUnit(seed, e, 0xde5) * RECEIVE_STATIONS);
      if (kind === EV_RETURNED) {
        rma += 1;
        reference = `RMA-${String(rma).padStart(7, '0')}`;
        details = JSON.stringify({
          order: orderNumber(plan.groupOrder[plan.cycleGroup[ref]!]!),
          reason: RETURN_REASONS[Math.floor(hashUnit(seed, e, 0x4e7) * RETURN_REASONS.length)],
        });
      } else if (kind === EV_DEFECTIVE) {
        details = JSON.stringify({
          reason: DEFECT_REASONS[Math.floor(hashUnit(seed, e, 0xdef) * DEFECT_REASONS.length)],
        });
      }
    }
    const shift = shiftIdAt(t, station);
    const firstCode = plan.unitFirstCode[u]!;
    const event = {
      type: EVENT_NAMES[kind]!,
      at: isoAt(t),
      unit_id: u + 1,
      product_id: plan.unitProduct[u]!,
      serial: plan.serials[firstCode]!,
      serial_key: plan.keys[firstCode]!,
      station_id: station,
      operator_id: shiftOperator(seed, shift),
      shift_id: shift,
      reference,
      details,
    };
    const [prevHash, hash] = chain.link(event);
    write([
      event.type,
      event.at,
      event.unit_id,
      event.product_id,
      event.serial,
      event.serial_key,
      event.station_id,
      event.operator_id,
      event.shift_id,
      event.reference,
      event.details,
      prevHash,
      hash,
    ]);
    if (progress && n % 100_000 === 0) progress(n);
  }
  progress?.(total);
}
