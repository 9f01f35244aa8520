import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/main/app-context';
import type { Caller } from '../../src/main/dispatcher';
import { seedCatalog, UPC } from '../support/catalog-fixture';
import { addOrder, stockUnits } from '../support/ship-fixture';
import { tempDir } from '../support/temp-store';

describe('supervisor dashboard on the warehouse clock', () => {
  it('puts a shipment in the local hour and on the local day the screen asks for', async () => {
    const context = createAppContext({ dataDir: tempDir(), mode: 'cli', stationName: 'DASH-1' });
    const fixture = seedCatalog(context.store);
    const supervisor: Caller = { id: 's', trusted: true, operator: null };
    const call = (channel: string, input?: unknown) => context.dispatcher.dispatch(channel, input, supervisor);
    await call('auth:create-first-supervisor', { name: 'Sam', pin: '4812' });
    stockUnits(context.store, fixture.products.laptop, [['CLOCK00001']]);
    addOrder(context.store, 'SO-C1', [{ productId: fixture.products.laptop, qty: 1 }]);
    const start = (await call('shipping:start', { orderNumber: 'SO-C1' })) as { value: { sessionId: number } };
    await call('shipping:scan', { sessionId: start.value.sessionId, raw: UPC.laptop });
    await call('shipping:scan', { sessionId: start.value.sessionId, raw: 'CLOCK00001' });
    expect(await call('shipping:ship', { sessionId: start.value.sessionId })).toMatchObject({ ok: true });
    const shippedAt = Date.parse(
      (context.store.db.prepare('SELECT shipped_at AS at FROM shipments').get() as { at: string }).at,
    );

    // UTC-10 (Honolulu), UTC, UTC+9:30 (Adelaide): each sees the unit in its own hour of its own day.
    for (const offset of [-600, 0, 570]) {
      const local = new Date(shippedAt + offset * 60_000);
      const day = local.toISOString().slice(0, 10);
      const answer = (await call('dashboard:get', { day, utcOffsetMinutes: offset })) as {
        ok: true;
        value: { day: string; unitsPerHour: { hour: number; units: number }[] };
      };
      expect(answer.ok, `offset ${offset}`).toBe(true);
      const busy = answer.value.unitsPerHour.filter((h) => h.units > 0);
      expect(busy, `offset ${offset}`).toEqual([{ hour: local.getUTCHours(), units: 1, serials: 1 }]);
      // The local day before has nothing of it.
      const before = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const earlier = (await call('dashboard:get', { day: before, utcOffsetMinutes: offset })) as {
        value: { unitsPerHour: { units: number }[] };
      };
      expect(earlier.value.unitsPerHour.every((h) => h.units === 0)).toBe(true);
    }

    // New York on 2026-11-01, when the clocks go back at 02:00 EDT: a day of 25 hours. The day
    // starts at 04:00 UTC (EDT), not 05:00 (the EST of the day's noon), and ends at 05:00 UTC
    // the next day; both 01:00 hours are hour 1.
    const moveTo = (iso: string) => context.store.db.prepare('UPDATE shipments SET shipped_at = ?').run(iso);
    const busyHours = async (day: string) => {
      const answer = (await call('dashboard:get', { day, timeZone: 'America/New_York' })) as {
        value: { day: string; unitsPerHour: { hour: number; units: number }[] };
      };
      return answer.value.unitsPerHour.filter((h) => h.units > 0).map((h) => h.hour);
    };
    for (const [shippedAtIso, day, hours] of [
      ['2026-11-01T04:30:00.000Z', '2026-11-01', [0]],
      ['2026-11-01T04:30:00.000Z', '2026-10-31', []],
      ['2026-11-01T05:30:00.000Z', '2026-11-01', [1]],
      ['2026-11-01T06:30:00.000Z', '2026-11-01', [1]],
      ['2026-11-01T07:30:00.000Z', '2026-11-01', [2]],
      ['2026-11-02T04:30:00.000Z', '2026-11-01', [23]],
      ['2026-11-02T05:30:00.000Z', '2026-11-01', []],
      ['2026-11-02T05:30:00.000Z', '2026-11-02', [0]],
    ] as const) {
      moveTo(shippedAtIso);
      expect(await busyHours(day), `${shippedAtIso} on ${day}`).toEqual(hours);
    }
    expect(await call('dashboard:get', { timeZone: 'Mars/Olympus_Mons' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await call('dashboard:get', { utcOffsetMinutes: 2000 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    await context.close();
  });
});
