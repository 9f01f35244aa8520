import { AppError } from '../../shared/errors';

/**
 * The clock a supervisor reads days and times on: a named IANA time zone (the screen that
 * asked for the export) or, without one, the station process's own zone (TZ honoured).
 * Records keep UTC instants; only the edges of a day and the times written into files
 * depend on the clock.
 */
export interface StationClock {
  /** The IANA name, or null for the process's local zone. */
  readonly timeZone: string | null;
  /** Minutes the clock is ahead of UTC at that instant (-480 in Los Angeles in winter). */
  offsetMinutes(ms: number): number;
}

/** Every zone in use today changes its offset on a quarter hour of UTC. */
const BUCKET_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

function cached(offsetAt: (ms: number) => number): (ms: number) => number {
  // Rows come in time order, so the last quarter hour answers nearly every call.
  const known = new Map<number, number>();
  let lastBucket = Number.NaN;
  let lastOffset = 0;
  return (ms) => {
    const bucket = Math.floor(ms / BUCKET_MS);
    if (bucket === lastBucket) return lastOffset;
    let offset = known.get(bucket);
    if (offset === undefined) {
      offset = offsetAt(bucket * BUCKET_MS);
      if (known.size > 100_000) known.clear();
      known.set(bucket, offset);
    }
    lastBucket = bucket;
    lastOffset = offset;
    return offset;
  };
}

/**
 * Parses "GMT", "GMT-08:00", "GMT+05:45" (Intl's longOffset names). Local mean times from
 * before 1920 carry seconds (GMT+05:41:16); they are rounded to the minute as Date does.
 */
function gmtOffsetMinutes(name: string): number {
  const match = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name);
  if (!match) throw new AppError('BAD_REQUEST', `The time zone offset "${name}" could not be read.`);
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]) + Math.round(Number(match[4] ?? 0) / 60);
  return match[1] === '-' ? -minutes : minutes;
}

/** The clock of `timeZone`, or of this process when none is given. */
export function stationClock(timeZone?: string | null): StationClock {
  if (!timeZone) {
    return { timeZone: null, offsetMinutes: cached((ms) => -new Date(ms).getTimezoneOffset()) };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  } catch {
    throw new AppError(
      'BAD_REQUEST',
      `"${timeZone}" is not a time zone this station knows; use a name such as America/Los_Angeles.`,
    );
  }
  return {
    timeZone,
    offsetMinutes: cached((ms) =>
      gmtOffsetMinutes(format.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT'),
    ),
  };
}

/**
 * A clock that is always `minutes` ahead of UTC, for a screen that could only say its offset.
 * It knows no DST: a day it is asked about keeps one offset from start to end.
 */
export function fixedOffsetClock(minutes: number): StationClock {
  return { timeZone: `UTC${offsetSuffix(minutes)}`, offsetMinutes: () => minutes };
}

function parseDay(day: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (!match || check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    throw new AppError('BAD_REQUEST', `"${day}" is not a date (use YYYY-MM-DD).`);
  return [y, m, d];
}

/** The calendar day (YYYY-MM-DD) an instant falls on, on `clock`. */
export function localDayOf(ms: number, clock: StationClock): string {
  return new Date(ms + clock.offsetMinutes(ms) * 60_000).toISOString().slice(0, 10);
}

/**
 * The hour of its local day (0-23) an instant shows on `clock`'s wall. On the night the
 * clocks go back, both 01:00 hours are hour 1; on the night they go forward, one hour has
 * nothing.
 */
export function localHourOf(ms: number, clock: StationClock): number {
  return new Date(ms + clock.offsetMinutes(ms) * 60_000).getUTCHours();
}

/**
 * The first instant of `day` on `clock`: local midnight, or the end of the gap when the
 * clocks skip midnight (Santiago, Havana). A named zone is solved from its offsets either
 * side of the guess; the process's zone is the Date constructor's own local midnight.
 */
export function dayStart(day: string, clock: StationClock): number {
  const [y, m, d] = parseDay(day);
  if (clock.timeZone === null) {
    const local = new Date(y, m - 1, d);
    // Years below 100 are read as 19xx by the constructor.
    local.setFullYear(y, m - 1, d);
    return local.getTime();
  }
  const wall = Date.UTC(y, m - 1, d);
  // A day's start lies within 14 hours of its UTC midnight; the offsets around it are the
  // only ones that can apply. The earliest candidate not before the day is its start (for a
  // day a zone skipped, as Samoa did on 2011-12-30, that is the next day's start: no time).
  const offsets = new Set<number>();
  for (const probe of [wall - DAY_MS, wall, wall + DAY_MS]) {
    let t = probe;
    for (let i = 0; i < 3; i += 1) {
      const offset = clock.offsetMinutes(t);
      offsets.add(offset);
      t = wall - offset * 60_000;
    }
  }
  let start = Number.POSITIVE_INFINITY;
  for (const offset of offsets) {
    const candidate = wall - offset * 60_000;
    if (candidate < start && localDayOf(candidate, clock) >= day) start = candidate;
  }
  if (!Number.isFinite(start)) throw new AppError('BAD_REQUEST', `The day ${day} could not be placed on the clock.`);
  return start;
}

/** Local days `from`..`to` inclusive as UTC instants [start, end), in the stored ISO form. */
export function dayRange(from: string, to: string, clock: StationClock): { start: string; end: string } {
  const start = dayStart(from, clock);
  const [y, m, d] = parseDay(to);
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  const end = dayStart(next, clock);
  if (end < start) throw new AppError('BAD_REQUEST', `The end date ${to} is before the start date ${from}.`);
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

function offsetSuffix(offset: number): string {
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}

/**
 * A stored UTC time as ISO 8601 with the clock's offset, to the second:
 * 2026-11-23T07:30:00.000Z in Los Angeles is 2026-11-22T23:30:00-08:00. Still one exact
 * instant for a program, and the wall-clock time the supervisor saw. Text that is not a
 * time is returned as it is.
 */
export function localTimestamp(iso: string, clock: StationClock): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const offset = clock.offsetMinutes(ms);
  return `${new Date(ms + offset * 60_000).toISOString().slice(0, 19)}${offsetSuffix(offset)}`;
}

const STORED_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/**
 * `localTimestamp` for a stream of times in order, as an export writes them: offsets are
 * whole minutes, so rows within the same UTC minute share the converted date, hour and
 * minute and only copy their seconds.
 */
export function localTimestamps(clock: StationClock): (iso: string) => string {
  let minute = '';
  let prefix = '';
  let suffix = '';
  return (iso) => {
    if (!STORED_UTC.test(iso)) return localTimestamp(iso, clock);
    if (!iso.startsWith(minute) || minute === '') {
      minute = iso.slice(0, 17);
      const ms = Date.parse(`${minute}00Z`);
      const offset = clock.offsetMinutes(ms);
      prefix = new Date(ms + offset * 60_000).toISOString().slice(0, 17);
      suffix = offsetSuffix(offset);
    }
    return `${prefix}${iso.slice(17, 19)}${suffix}`;
  };
}
