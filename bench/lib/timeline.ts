import { hashUnit } from './random';

/**
 * Seeded stores cover three years of trading ending on a fixed date, so the same seed
 * gives the same timestamps on every machine. Plans work in "abstract" whole seconds from
 * the start; each abstract day is squeezed into the 06:00–22:00 UTC working day.
 */
export const DAY = 86_400;
export const SPAN_DAYS = 1_096;
export const SPAN_SECONDS = SPAN_DAYS * DAY;
/** Planned activity stops two days before the span ends, leaving room for hand-offs. */
export const PLAN_END = SPAN_SECONDS - 2 * DAY;

const END_MS = Date.UTC(2025, 11, 31);
const START_MS = END_MS - SPAN_DAYS * 86_400_000;
const WORKDAY_START_MS = 6 * 3_600_000;

export function realMs(t: number): number {
  const day = Math.floor(t / DAY);
  return START_MS + day * 86_400_000 + WORKDAY_START_MS + Math.floor(((t - day * DAY) * 2_000) / 3);
}

export function isoAt(t: number): string {
  return new Date(realMs(t)).toISOString();
}

export function dateAt(t: number): string {
  return isoAt(t).slice(0, 10);
}

/** The calendar date `months` after the date of abstract time t. */
export function dateAfterMonths(t: number, months: number): string {
  const d = new Date(realMs(t));
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** Stations 1–8 pack and ship; 9–11 are receiving and returns desks. */
export const PACK_STATIONS = 8;
export const RECEIVE_STATIONS = 3;
export const STATION_COUNT = PACK_STATIONS + RECEIVE_STATIONS;
export const PACKERS = 40;
export const RECEIVERS = 10;
export const SUPERVISORS = 4;

/** Two eight-hour shifts per station per day; ids follow (day, station, half) order. */
export function shiftIdAt(t: number, stationId: number): number {
  const day = Math.min(SPAN_DAYS - 1, Math.floor(t / DAY));
  const half = t - day * DAY < DAY / 2 ? 0 : 1;
  return (day * STATION_COUNT + stationId - 1) * 2 + half + 1;
}

export function shiftCount(): number {
  return SPAN_DAYS * STATION_COUNT * 2;
}

/** Which operator worked a shift: packers at pack stations, receivers at receiving desks. */
export function shiftOperator(seed: number, shiftId: number): number {
  const stationId = (Math.floor((shiftId - 1) / 2) % STATION_COUNT) + 1;
  const draw = hashUnit(seed, shiftId, 0x5f1);
  return stationId <= PACK_STATIONS ? 1 + Math.floor(draw * PACKERS) : PACKERS + 1 + Math.floor(draw * RECEIVERS);
}
