/**
 * Look-ups over a scan session's units (receiving and shipping alike), kept in step with every
 * unit and serial added or removed, so a scan costs the same at unit 5 and at unit 5,000.
 */

export interface IndexedSerial {
  readonly id: number;
  readonly key: string;
}

export interface IndexedUnit {
  readonly id: number;
  readonly lineId: number;
  readonly serials: IndexedSerial[];
}

export interface SessionIndex<U extends IndexedUnit> {
  readonly byId: Map<number, U>;
  /** Serial key → the units carrying it, in the order they got it (more than one only when allowed). */
  readonly byKey: Map<string, U[]>;
  /** Line → its units in scan order. */
  readonly byLine: Map<number, U[]>;
  readonly serialsOnLine: Map<number, number>;
  /** Units of serial-tracked lines still missing a serial. */
  readonly incomplete: Set<U>;
}

/** A session's units with their index; both change only through the functions below. */
export interface IndexedSession<U extends IndexedUnit> {
  /** In scan order. */
  readonly units: U[];
  readonly index: SessionIndex<U>;
}

/** Whether a unit still waits for a serial; depends on its line and the session, so the session says. */
export type MissingSerial<U> = (unit: U) => boolean;

export function emptySessionIndex<U extends IndexedUnit>(): SessionIndex<U> {
  return { byId: new Map(), byKey: new Map(), byLine: new Map(), serialsOnLine: new Map(), incomplete: new Set() };
}

function refreshIncomplete<U extends IndexedUnit>(index: SessionIndex<U>, unit: U, missing: MissingSerial<U>): void {
  if (missing(unit)) index.incomplete.add(unit);
  else index.incomplete.delete(unit);
}

/** Appends a unit (with any serials it already carries) to the session. */
export function indexUnit<U extends IndexedUnit>(session: IndexedSession<U>, unit: U, missing: MissingSerial<U>): void {
  const { index } = session;
  session.units.push(unit);
  index.byId.set(unit.id, unit);
  const onLine = index.byLine.get(unit.lineId);
  if (onLine) onLine.push(unit);
  else index.byLine.set(unit.lineId, [unit]);
  for (const serial of unit.serials.splice(0)) indexSerial(session, unit, serial as U['serials'][number], missing);
  refreshIncomplete(index, unit, missing);
}

export function indexSerial<U extends IndexedUnit>(
  session: IndexedSession<U>,
  unit: U,
  serial: U['serials'][number],
  missing: MissingSerial<U>,
): void {
  const { index } = session;
  unit.serials.push(serial);
  const holders = index.byKey.get(serial.key);
  if (!holders) index.byKey.set(serial.key, [unit]);
  else if (!holders.includes(unit)) holders.push(unit);
  index.serialsOnLine.set(unit.lineId, (index.serialsOnLine.get(unit.lineId) ?? 0) + 1);
  refreshIncomplete(index, unit, missing);
}

/** Takes a serial off its unit; a unit left with none leaves the session. Returns whether it did. */
export function unindexSerial<U extends IndexedUnit>(
  session: IndexedSession<U>,
  unit: U,
  serialId: number,
  missing: MissingSerial<U>,
): boolean {
  const { index } = session;
  const at = unit.serials.findIndex((x) => x.id === serialId);
  if (at < 0) return false;
  const serial = unit.serials.splice(at, 1)[0]!;
  index.serialsOnLine.set(unit.lineId, (index.serialsOnLine.get(unit.lineId) ?? 1) - 1);
  if (!unit.serials.some((x) => x.key === serial.key)) {
    const holders = (index.byKey.get(serial.key) ?? []).filter((u) => u !== unit);
    if (holders.length > 0) index.byKey.set(serial.key, holders);
    else index.byKey.delete(serial.key);
  }
  if (unit.serials.length > 0) {
    refreshIncomplete(index, unit, missing);
    return false;
  }
  session.units.splice(session.units.indexOf(unit), 1);
  index.byId.delete(unit.id);
  const onLine = index.byLine.get(unit.lineId)!;
  onLine.splice(onLine.indexOf(unit), 1);
  index.incomplete.delete(unit);
  return true;
}

/** The unit that got this serial key first (of those still carrying it). */
export function firstHolder<U extends IndexedUnit>(index: SessionIndex<U>, key: string): U | undefined {
  return index.byKey.get(key)?.[0];
}

/** The first unit, in scan order, carrying this serial key. */
export function firstHolderInScanOrder<U extends IndexedUnit>(session: IndexedSession<U>, key: string): U | undefined {
  const holders = session.index.byKey.get(key);
  if (!holders || holders.length === 0) return undefined;
  if (holders.length === 1) return holders[0];
  return session.units.find((u) => holders.includes(u));
}

export function indexedUnitsOnLine<U extends IndexedUnit>(index: SessionIndex<U>, lineId: number): number {
  return index.byLine.get(lineId)?.length ?? 0;
}

export function indexedSerialsOnLine<U extends IndexedUnit>(index: SessionIndex<U>, lineId: number): number {
  return index.serialsOnLine.get(lineId) ?? 0;
}

/** 1-based place of the unit among its line's units in this session. */
export function placeOnLine<U extends IndexedUnit>(index: SessionIndex<U>, unit: U): number {
  // The unit asked about is nearly always the newest, so search from the end.
  return (index.byLine.get(unit.lineId) ?? []).lastIndexOf(unit) + 1;
}

/** The unit still missing a serial, if any: the current one first, else the earliest scanned. */
export function firstIncomplete<U extends IndexedUnit>(
  session: IndexedSession<U>,
  currentUnitId: number | null,
): U | undefined {
  const { incomplete } = session.index;
  if (incomplete.size === 0) return undefined;
  const current = currentUnitId === null ? undefined : session.index.byId.get(currentUnitId);
  if (current && incomplete.has(current)) return current;
  if (incomplete.size === 1) return incomplete.values().next().value;
  return session.units.find((u) => incomplete.has(u));
}
