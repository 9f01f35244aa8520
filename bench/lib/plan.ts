import { serialKey } from '../../src/main/domain/serial';
import { type SeedProduct, VENDORS, buildCatalog } from './catalog';
import { makeSerial } from './codes';
import { Prng, hashUnit } from './random';
import { DAY, PLAN_END, PACK_STATIONS, RECEIVE_STATIONS, SPAN_SECONDS } from './timeline';

/**
 * The whole life of a seeded store, worked out in memory before a single row is written:
 * what was received on which PO line, which units shipped how many times on which order,
 * and when every movement happened. Writing it out is then a straight, ordered stream.
 */

export const STATUS_NAMES = ['in_stock', 'reserved', 'sold', 'returned', 'defective'] as const;
const IN_STOCK = 0;
const RESERVED = 1;
const SOLD = 2;
const RETURNED = 3;
const DEFECTIVE = 4;

export const EVENT_NAMES = ['received', 'shipped', 'returned', 'restocked', 'marked_defective', 'reserved'] as const;
export const EV_RECEIVED = 0;
export const EV_SHIPPED = 1;
export const EV_RETURNED = 2;
export const EV_RESTOCKED = 3;
export const EV_DEFECTIVE = 4;
export const EV_RESERVED = 5;

/** Ledger sort keys pack (second, event index) into one exact double. */
export const EVENT_INDEX_BITS = 2 ** 26;
/** Past this many units in one shipment the data stops looking like parcels. */
const MAX_UNITS_PER_SHIPMENT = 40;
const CANCELLED_SHARE = 0.004;
/** Seconds between two unit scans at a receiving desk. */
const RECEIVE_SCAN_SECONDS = 6;

export interface PlanOptions {
  readonly units: number;
  readonly shippedSerials: number;
  readonly products: number;
  /** Total orders (shipped + open + cancelled); derived from the shipments when absent. */
  readonly orders?: number;
  readonly seed: number;
}

export interface PoLinePlan {
  readonly id: number;
  readonly lineNo: number;
  readonly productIndex: number;
  readonly qtyOrdered: number;
  readonly qtyReceived: number;
  readonly costCents: number;
}

export interface PurchaseOrderPlan {
  readonly number: string;
  readonly vendorId: number;
  readonly stationId: number;
  readonly status: 'open' | 'received' | 'closed';
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly lines: readonly PoLinePlan[];
}

export interface OpenOrderPlan {
  readonly id: number;
  readonly at: number;
  readonly status: 'open' | 'packing';
  readonly units: readonly number[];
}

export interface SeedPlan {
  readonly seed: number;
  readonly products: readonly SeedProduct[];
  readonly vendors: readonly string[];
  readonly purchaseOrders: readonly PurchaseOrderPlan[];
  readonly poLineCount: number;

  readonly units: number;
  readonly unitProduct: Uint32Array;
  readonly unitPoLine: Uint32Array;
  readonly unitCost: Uint32Array;
  readonly unitReceived: Float64Array;
  readonly unitStatus: Uint8Array;
  /** Reserve or defect time for units ending reserved/defective; NaN otherwise. */
  readonly unitFinalAt: Float64Array;
  readonly unitUpdated: Float64Array;
  /** Codes of unit u are serials[unitFirstCode[u] .. unitFirstCode[u + 1]). */
  readonly unitFirstCode: Uint32Array;
  readonly serials: readonly string[];
  readonly keys: readonly string[];

  /** Ship cycles of unit u are cycleStart[u] .. cycleStart[u + 1], oldest first. */
  readonly cycleStart: Uint32Array;
  readonly cycleUnit: Uint32Array;
  readonly cycleGroup: Uint32Array;
  /** NaN when the cycle ends with the unit still out (sold). */
  readonly cycleReturned: Float64Array;
  readonly cycleRestocked: Float64Array;

  /** One group = one shipped order = one shipment (id = group index + 1). */
  readonly groups: number;
  readonly groupStart: Uint32Array;
  readonly groupMembers: Uint32Array;
  readonly groupTime: Float64Array;
  readonly groupStation: Uint8Array;
  readonly groupOrder: Uint32Array;
  /** Cancelled orders: id and the group they were placed just before. */
  readonly cancelledOrders: readonly { readonly id: number; readonly beforeGroup: number; readonly at: number }[];
  readonly openOrders: readonly OpenOrderPlan[];
  readonly unitOpenOrder: ReadonlyMap<number, number>;
  readonly orders: number;

  readonly shippedRows: number;
  readonly eventCount: number;
  readonly eventKind: Uint8Array;
  readonly eventRef: Uint32Array;
  /** (whole second * EVENT_INDEX_BITS + event index), ascending: the ledger's write order. */
  readonly eventKeys: Float64Array;
}

export class SeedPlanError extends Error {}

function days(n: number): number {
  return n * DAY;
}

export function buildPlan(options: PlanOptions): SeedPlan {
  const { units: U, shippedSerials: S, seed } = options;
  if (!Number.isInteger(U) || U < 0)
    throw new SeedPlanError(`The unit count must be a whole number of 0 or more; got ${U}`);
  if (!Number.isInteger(S) || S < 0)
    throw new SeedPlanError(`The shipped serial count must be a whole number of 0 or more; got ${S}`);
  const prng = new Prng(seed);

  const products = buildCatalog(prng, options.products);
  const tracked = products.filter((p) => p.tracked);
  if (U > 0 && tracked.length === 0)
    throw new SeedPlanError('The catalogue has no serial-tracked product to make units of');
  // Popularity follows a long tail, unrelated to product ids.
  const rank = prng.shuffle(Uint32Array.from(tracked.keys()));
  const popularity = new Float64Array(tracked.length);
  let running = 0;
  for (let i = 0; i < tracked.length; i += 1) popularity[i] = running += 1 / (rank[i]! + 8);

  // --- Receiving: POs in time order; unit ids follow the order units were scanned in. ---
  const unitProduct = new Uint32Array(U);
  const unitPoLine = new Uint32Array(U);
  const unitCost = new Uint32Array(U);
  const unitReceived = new Float64Array(U);
  const unitFirstCode = new Uint32Array(U + 1);
  const serials: string[] = [];
  const keys: string[] = [];
  const ordinal = new Float64Array(products.length);
  const purchaseOrders: PurchaseOrderPlan[] = [];
  const receiveSpan = PLAN_END - DAY;
  const scanSeconds = U > 0 ? Math.min(RECEIVE_SCAN_SECONDS, receiveSpan / U / 2) : 0;
  let poLineId = 0;
  let u = 0;
  while (u < U) {
    const firstUnit = u;
    const start = Math.floor((firstUnit / U) * receiveSpan);
    const lines: PoLinePlan[] = [];
    const lineCount = prng.int(1, 6);
    const onPo = new Set<number>();
    for (let l = 0; l < lineCount && u < U; l += 1) {
      let productIndex = tracked[prng.weighted(popularity)]!.id - 1;
      for (let retry = 0; retry < 3 && onPo.has(productIndex); retry += 1)
        productIndex = tracked[prng.weighted(popularity)]!.id - 1;
      if (onPo.has(productIndex)) continue;
      onPo.add(productIndex);
      const product = products[productIndex]!;
      const qty = Math.min(U - u, prng.chance(0.1) ? prng.int(100, 400) : prng.int(5, 60));
      const costCents = Math.round(product.costCents * (0.55 + prng.next() * 0.2));
      poLineId += 1;
      lines.push({
        id: poLineId,
        lineNo: lines.length + 1,
        productIndex,
        qtyOrdered: qty,
        qtyReceived: qty,
        costCents,
      });
      for (let i = 0; i < qty; i += 1, u += 1) {
        unitProduct[u] = productIndex + 1;
        unitPoLine[u] = poLineId;
        unitCost[u] = costCents;
        unitReceived[u] = Math.floor(start + (u - firstUnit) * scanSeconds);
        unitFirstCode[u] = serials.length;
        const maker = product.serials!;
        for (let slot = 0; slot < product.serialsPerUnit; slot += 1) {
          const serial = makeSerial(maker, ordinal[productIndex]!);
          ordinal[productIndex] = ordinal[productIndex]! + 1;
          serials.push(serial);
          keys.push(serialKey(serial, { caseSensitive: false }));
        }
      }
    }
    purchaseOrders.push({
      number: `PO-${String(100_001 + purchaseOrders.length)}`,
      vendorId: prng.int(1, VENDORS.length),
      stationId: PACK_STATIONS + prng.int(1, RECEIVE_STATIONS),
      status: prng.chance(0.6) ? 'closed' : 'received',
      createdAt: Math.max(0, start - days(prng.int(3, 30))),
      updatedAt: unitReceived[u - 1]!,
      lines,
    });
  }
  unitFirstCode[U] = serials.length;
  // The newest POs are still arriving: more ordered than received so far.
  const openPos = Math.min(purchaseOrders.length, Math.max(1, Math.round(purchaseOrders.length * 0.003)));
  for (let i = purchaseOrders.length - openPos; i < purchaseOrders.length; i += 1) {
    const po = purchaseOrders[i]!;
    purchaseOrders[i] = {
      ...po,
      status: 'open',
      lines: po.lines.map((line) => ({ ...line, qtyOrdered: line.qtyReceived + prng.int(1, 20) })),
    };
  }
  const codesOf = (unit: number): number => unitFirstCode[unit + 1]! - unitFirstCode[unit]!;

  // --- Where each unit is now, and whether it ever left the building. ---
  const unitStatus = new Uint8Array(U);
  const hasHistory = new Uint8Array(U);
  for (let i = 0; i < U; i += 1) {
    const remaining = PLAN_END - unitReceived[i]!;
    const draw = prng.next();
    let status: number;
    if (remaining < days(7)) status = draw < 0.6 ? IN_STOCK : draw < 0.75 ? RESERVED : SOLD;
    else
      status = draw < 0.8 ? SOLD : draw < 0.9 ? IN_STOCK : draw < 0.93 ? RESERVED : draw < 0.97 ? RETURNED : DEFECTIVE;
    unitStatus[i] = status;
    const historyChance = [0.3, 0.2, 1, 1, 0.6][status]!;
    hasHistory[i] = status === SOLD || (remaining >= days(3) && prng.chance(historyChance)) ? 1 : 0;
  }

  // --- Exactly S shipped rows: drop shippers or add ship cycles until the codes add up. ---
  let shippedCodes = 0;
  for (let i = 0; i < U; i += 1) if (hasHistory[i]) shippedCodes += codesOf(i);
  if (shippedCodes > S) {
    const order = prng.shuffle(Uint32Array.from({ length: U }, (_, i) => i));
    for (let n = 0; n < U && shippedCodes > S; n += 1) {
      const i = order[n]!;
      if (!hasHistory[i]) continue;
      hasHistory[i] = 0;
      shippedCodes -= codesOf(i);
      // A unit that never left is in stock (or was found defective on arrival).
      if (unitStatus[i] === SOLD || unitStatus[i] === RETURNED) unitStatus[i] = IN_STOCK;
    }
  }
  const extraCycles = new Uint32Array(U);
  let missing = S - shippedCodes;
  if (missing > 0) {
    const capacity = new Uint32Array(U);
    let weightTotal = 0;
    for (let i = 0; i < U; i += 1) {
      if (!hasHistory[i]) continue;
      // A further ship cycle (ship, return, restock) needs a couple of days at least.
      capacity[i] = Math.max(0, Math.floor((PLAN_END - unitReceived[i]!) / days(2)) - 1);
      if (capacity[i]! > 0) weightTotal += (PLAN_END - unitReceived[i]!) * codesOf(i);
    }
    if (weightTotal === 0) {
      throw new SeedPlanError(
        `${S} shipped serials cannot be placed: no unit has shipped and has time left to ship again; seed more units or fewer shipped serials`,
      );
    }
    // Older units have had more time to go out and come back.
    const target = missing;
    for (let i = 0; i < U; i += 1) {
      if (capacity[i] === 0) continue;
      const share = Math.min(capacity[i]!, Math.floor((target * (PLAN_END - unitReceived[i]!)) / weightTotal));
      extraCycles[i] = share;
      missing -= share * codesOf(i);
    }
    for (let attempts = 0; missing > 0 && attempts < 20 * U + 1_000; attempts += 1) {
      const i = Math.floor(prng.next() * U);
      if (extraCycles[i]! < capacity[i]! && codesOf(i) <= missing) {
        extraCycles[i] = extraCycles[i]! + 1;
        missing -= codesOf(i);
      }
    }
    for (let i = 0; i < U && missing > 0; i += 1) {
      while (extraCycles[i]! < capacity[i]! && codesOf(i) <= missing) {
        extraCycles[i] = extraCycles[i]! + 1;
        missing -= codesOf(i);
      }
    }
    if (missing > 0) {
      throw new SeedPlanError(
        `${S} shipped serials cannot be placed exactly on ${U} units (${missing} left over); seed more units or a different shipped serial count`,
      );
    }
  }

  // --- Ship cycles with planned times. ---
  const cycleStart = new Uint32Array(U + 1);
  let N = 0;
  for (let i = 0; i < U; i += 1) {
    cycleStart[i] = N;
    if (hasHistory[i]) N += 1 + extraCycles[i]!;
  }
  cycleStart[U] = N;
  if (N >= EVENT_INDEX_BITS)
    throw new SeedPlanError(`Too many ship cycles for one plan (${N}); seed fewer shipped serials`);
  const cycleUnit = new Uint32Array(N);
  const planned = new Float64Array(N);
  for (let i = 0; i < U; i += 1) {
    const k = cycleStart[i + 1]! - cycleStart[i]!;
    if (k === 0) continue;
    const remaining = PLAN_END - unitReceived[i]!;
    const slot = remaining / (k + (unitStatus[i] === SOLD ? 0.2 : 0.6));
    for (let j = 0; j < k; j += 1) {
      const c = cycleStart[i]! + j;
      cycleUnit[c] = i;
      const r = hashUnit(seed, i, j, 1);
      planned[c] = Math.floor(unitReceived[i]! + slot * (j + 0.05 + 0.9 * r * r)) + 1;
    }
  }

  // --- Orders: how many of each kind. ---
  const reservedUnits: number[] = [];
  for (let i = 0; i < U; i += 1) if (unitStatus[i] === RESERVED) reservedUnits.push(i);
  const openOrderCount = Math.ceil(reservedUnits.length / 2);
  let groupsWanted: number;
  let cancelledCount: number;
  if (options.orders === undefined) {
    groupsWanted = N === 0 ? 0 : Math.max(1, Math.round(N / 3));
    cancelledCount = Math.round(groupsWanted * CANCELLED_SHARE);
  } else {
    const orders = options.orders;
    if (!Number.isInteger(orders) || orders < 0)
      throw new SeedPlanError(`The order count must be a whole number of 0 or more; got ${orders}`);
    cancelledCount = N === 0 ? Math.max(0, orders - openOrderCount) : Math.round(orders * CANCELLED_SHARE);
    groupsWanted = N === 0 ? 0 : orders - cancelledCount - openOrderCount;
    if (N > 0 && groupsWanted < Math.ceil(N / MAX_UNITS_PER_SHIPMENT)) {
      throw new SeedPlanError(
        `${orders} orders are too few for ${N} unit shipments (at most ${MAX_UNITS_PER_SHIPMENT} units per shipment, plus ${openOrderCount} open orders for reserved units)`,
      );
    }
    if (groupsWanted > N) {
      throw new SeedPlanError(
        `${orders} orders are more than the ${N} unit shipments can fill; ask for fewer orders or more shipped serials`,
      );
    }
    if (N === 0 && orders < openOrderCount) {
      throw new SeedPlanError(
        `${orders} orders are too few: ${reservedUnits.length} reserved units need ${openOrderCount} open orders`,
      );
    }
  }

  // --- Group ship cycles, in time order, into shipments. ---
  const sortKeys = new Float64Array(N);
  for (let c = 0; c < N; c += 1) sortKeys[c] = planned[c]! * EVENT_INDEX_BITS + c;
  sortKeys.sort();
  const sequence = new Uint32Array(N);
  for (let n = 0; n < N; n += 1) {
    const key = sortKeys[n]!;
    sequence[n] = key - Math.floor(key / EVENT_INDEX_BITS) * EVENT_INDEX_BITS;
  }
  const sizes = new Uint16Array(groupsWanted).fill(1);
  for (let extra = N - groupsWanted; extra > 0;) {
    const g = Math.floor(prng.next() * groupsWanted);
    if (sizes[g]! < MAX_UNITS_PER_SHIPMENT) {
      sizes[g] = sizes[g]! + 1;
      extra -= 1;
    }
  }
  const groupMembers = new Uint32Array(N);
  const starts: number[] = [];
  let pos = 0;
  let carry = 0;
  for (let g = 0; pos < N; g += 1) {
    // Groups past the wanted count only happen when a tiny plan cannot avoid a repeat.
    const size = (g < groupsWanted ? sizes[g]! : MAX_UNITS_PER_SHIPMENT) + carry;
    const start = pos;
    starts.push(start);
    const inGroup = (c: number): boolean => {
      for (let m = start; m < pos; m += 1) if (cycleUnit[groupMembers[m]!] === cycleUnit[c]) return true;
      return false;
    };
    while (pos - start < size && pos < N) {
      if (inGroup(sequence[pos]!)) {
        // One unit cannot be in a parcel twice: pull the next other unit forward, keeping order otherwise.
        let q = pos + 1;
        while (q < N && q - pos < 2_000 && inGroup(sequence[q]!)) q += 1;
        if (q >= N || q - pos >= 2_000) break;
        const pulled = sequence[q]!;
        sequence.copyWithin(pos + 1, pos, q);
        sequence[pos] = pulled;
      }
      groupMembers[pos] = sequence[pos]!;
      pos += 1;
    }
    carry = size - (pos - start);
  }
  const G = starts.length;
  const groupStart = new Uint32Array(G + 1);
  groupStart.set(starts);
  groupStart[G] = N;
  const groupTime = new Float64Array(G);
  const groupStation = new Uint8Array(G);
  const cycleGroup = new Uint32Array(N);
  let previous = -1;
  for (let g = 0; g < G; g += 1) {
    let time = previous + 1;
    for (let m = groupStart[g]!; m < groupStart[g + 1]!; m += 1) {
      const c = groupMembers[m]!;
      cycleGroup[c] = g;
      if (planned[c]! > time) time = planned[c]!;
    }
    groupTime[g] = time;
    groupStation[g] = 1 + Math.floor(hashUnit(seed, g, 0x57a) * PACK_STATIONS);
    previous = time;
  }

  // --- Returns, restocks and the final state, fitted between the actual ship times. ---
  const cycleReturned = new Float64Array(N).fill(Number.NaN);
  const cycleRestocked = new Float64Array(N).fill(Number.NaN);
  const unitFinalAt = new Float64Array(U).fill(Number.NaN);
  const unitUpdated = new Float64Array(U);
  const lastMoment = SPAN_SECONDS - 3_600;
  const reserveTime = (i: number, after: number): number => {
    const target = Math.floor(PLAN_END + DAY - hashUnit(seed, i, 0x2e5) * days(14));
    return target > after ? target : Math.floor(after + (lastMoment - after) * 0.4);
  };
  let returns = 0;
  let restocks = 0;
  let finals = 0;
  for (let i = 0; i < U; i += 1) {
    const status = unitStatus[i]!;
    let last = unitReceived[i]!;
    const first = cycleStart[i]!;
    const k = cycleStart[i + 1]! - first;
    for (let j = 0; j < k; j += 1) {
      const c = first + j;
      const ship = groupTime[cycleGroup[c]!]!;
      const boundary = j < k - 1 ? groupTime[cycleGroup[c + 1]!]! : lastMoment;
      last = ship;
      if (j < k - 1 || status !== SOLD) {
        const returned = Math.floor(ship + Math.min(days(2 + 23 * hashUnit(seed, i, j, 2)), (boundary - ship) * 0.4));
        cycleReturned[c] = returned;
        returns += 1;
        last = returned;
        if (j < k - 1 || status === IN_STOCK || status === RESERVED) {
          const restocked = Math.floor(
            returned + Math.min(3_600 * (2 + 70 * hashUnit(seed, i, j, 3)), (boundary - returned) * 0.4),
          );
          cycleRestocked[c] = restocked;
          restocks += 1;
          last = restocked;
        }
      }
    }
    if (status === DEFECTIVE) {
      unitFinalAt[i] = Math.floor(
        last + Math.min(3_600 * (1 + 47 * hashUnit(seed, i, 0xdef)), (lastMoment - last) * 0.4),
      );
    } else if (status === RESERVED) {
      unitFinalAt[i] = reserveTime(i, last);
    }
    if (!Number.isNaN(unitFinalAt[i]!)) {
      last = unitFinalAt[i]!;
      finals += 1;
    }
    unitUpdated[i] = last;
  }

  // --- Order ids: cancelled orders scattered between shipped ones, open orders last. ---
  const cancelledBefore = Array.from({ length: cancelledCount }, () => Math.floor(prng.next() * (G + 1))).sort(
    (a, b) => a - b,
  );
  const groupOrder = new Uint32Array(G);
  const cancelledOrders: { id: number; beforeGroup: number; at: number }[] = [];
  let orderId = 0;
  let nextCancelled = 0;
  for (let g = 0; g <= G; g += 1) {
    while (nextCancelled < cancelledBefore.length && cancelledBefore[nextCancelled] === g) {
      const at = g < G ? Math.max(0, groupTime[g]! - 1) : lastMoment - days(1);
      cancelledOrders.push({ id: (orderId += 1), beforeGroup: g, at });
      nextCancelled += 1;
    }
    if (g < G) groupOrder[g] = orderId += 1;
  }
  reservedUnits.sort((a, b) => unitFinalAt[a]! - unitFinalAt[b]!);
  const openOrders: OpenOrderPlan[] = [];
  const unitOpenOrder = new Map<number, number>();
  for (let n = 0; n < reservedUnits.length; n += 2) {
    const members = reservedUnits.slice(n, n + 2);
    const id = (orderId += 1);
    for (const member of members) unitOpenOrder.set(member, id);
    openOrders.push({
      id,
      at: unitFinalAt[members[0]!]!,
      status: prng.chance(0.3) ? 'packing' : 'open',
      units: members,
    });
  }

  // --- The ledger: every movement, per unit in lifecycle order, then sorted by time. ---
  const eventCount = U + N + returns + restocks + finals;
  if (eventCount >= EVENT_INDEX_BITS) {
    throw new SeedPlanError(`Too many ledger events for one plan (${eventCount}); seed fewer units or shipped serials`);
  }
  const eventKind = new Uint8Array(eventCount);
  const eventRef = new Uint32Array(eventCount);
  const eventKeys = new Float64Array(eventCount);
  let e = 0;
  const push = (kind: number, ref: number, time: number): void => {
    eventKind[e] = kind;
    eventRef[e] = ref;
    eventKeys[e] = time * EVENT_INDEX_BITS + e;
    e += 1;
  };
  for (let i = 0; i < U; i += 1) {
    push(EV_RECEIVED, i, unitReceived[i]!);
    for (let c = cycleStart[i]!; c < cycleStart[i + 1]!; c += 1) {
      push(EV_SHIPPED, c, groupTime[cycleGroup[c]!]!);
      if (!Number.isNaN(cycleReturned[c]!)) push(EV_RETURNED, c, cycleReturned[c]!);
      if (!Number.isNaN(cycleRestocked[c]!)) push(EV_RESTOCKED, c, cycleRestocked[c]!);
    }
    if (!Number.isNaN(unitFinalAt[i]!))
      push(unitStatus[i] === DEFECTIVE ? EV_DEFECTIVE : EV_RESERVED, i, unitFinalAt[i]!);
  }
  eventKeys.sort();

  return {
    seed,
    products,
    vendors: VENDORS,
    purchaseOrders,
    poLineCount: poLineId,
    units: U,
    unitProduct,
    unitPoLine,
    unitCost,
    unitReceived,
    unitStatus,
    unitFinalAt,
    unitUpdated,
    unitFirstCode,
    serials,
    keys,
    cycleStart,
    cycleUnit,
    cycleGroup,
    cycleReturned,
    cycleRestocked,
    groups: G,
    groupStart,
    groupMembers,
    groupTime,
    groupStation,
    groupOrder,
    cancelledOrders,
    openOrders,
    unitOpenOrder,
    orders: orderId,
    shippedRows: S,
    eventCount,
    eventKind,
    eventRef,
    eventKeys,
  };
}
