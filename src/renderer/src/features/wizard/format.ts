import type { Totals } from '../../../../shared/session';

/** "12 / 20 units · 23 / 40 serials"; the serial half is left out when nothing needs serials. */
export function formatCounts(totals: Totals): string {
  const units = `${totals.unitsDone.toLocaleString()} / ${totals.unitsTotal.toLocaleString()} units`;
  if (totals.serialsTotal === 0 && totals.serialsDone === 0) return units;
  return `${units} · ${totals.serialsDone.toLocaleString()} / ${totals.serialsTotal.toLocaleString()} serials`;
}

/** A time of day for today's events, with the date for older ones. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === now.toDateString()) return time;
  return `${at.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}`;
}
