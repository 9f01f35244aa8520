import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/shared/settings';
import { SerialsService } from '../../src/main/services/serials.service';
import { TransfersService } from '../../src/main/services/transfers.service';
import { verifyLedger } from '../../src/main/store/ledger';
import { Store } from '../../src/main/store/store';
import { GTIN14, UPC, imei } from '../support/catalog-fixture';
import { addOrder, shipHarness, type ShipHarness } from '../support/ship-fixture';
import { tempStore } from '../support/temp-store';

const A01 = { warehouse: 'MAIN', location: 'A-01' };
const C03 = { warehouse: 'MAIN', location: 'C-03' };

function place(store: Store, unitId: number): { warehouse: string | null; location: string | null } {
  return store.db.prepare('SELECT warehouse, location FROM units WHERE id = ?').get(unitId) as {
    warehouse: string | null;
    location: string | null;
  };
}

/**
 * Laptops 1 and 2 and phones 2 and 3 stand at MAIN/A-01, laptop 3 at MAIN/B-02, phone 1 at
 * NORTH/X-1; phone 3 (IMEI 5/6) then ships, so it is sold.
 */
function world() {
  const { store, dataDir } = tempStore();
  const h = shipHarness(store);
  const put = store.db.prepare('UPDATE units SET warehouse = ?, location = ? WHERE id = ?');
  for (const unit of [h.laptops[0]!, h.laptops[1]!, h.phones[1]!, h.phones[2]!]) put.run('MAIN', 'A-01', unit);
  put.run('MAIN', 'B-02', h.laptops[2]!);
  put.run('NORTH', 'X-1', h.phones[0]!);
  addOrder(store, 'SO-50', [{ productId: h.fixture.products.phone, qty: 1 }]);
  const session = h.shipping.start('SO-50', h.actor);
  for (const raw of [UPC.phone, imei(5), imei(6)]) h.shipping.scan(session.sessionId, raw, 'wedge', h.actor);
  h.shipping.ship(session.sessionId, h.actor);
  const transfers = new TransfersService(store, () => DEFAULT_RULES);
  const serials = new SerialsService(store, () => DEFAULT_RULES);
  return { h, store, dataDir, transfers, serials };
}

function scanner(transfers: TransfersService, h: ShipHarness, sessionId: number) {
  return (raw: string) => transfers.scan(sessionId, raw, 'wedge', h.actor);
}

describe('transfers', () => {
  it('takes only in-stock units at the source, and says why any other scan is refused', () => {
    const { h, transfers, store } = world();
    const view = transfers.start(A01, C03, h.actor);
    expect(view).toMatchObject({ reference: 'MAIN/A-01 -> MAIN/C-03', count: 0, resumed: false });
    expect(view.expect.prompt).toContain('MAIN/A-01');
    const scan = scanner(transfers, h, view.sessionId);

    expect(scan('laptp00001')).toMatchObject({ ok: true, code: 'OK' });
    const again = scan('LAPTP00001');
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(again.message).toContain('already in this transfer');
    const elsewhere = scan('LAPTP00003');
    expect(elsewhere).toMatchObject({ ok: false, code: 'WRONG_ITEM' });
    expect(elsewhere.message).toContain('is at MAIN/B-02');
    const otherWarehouse = scan(imei(1));
    expect(otherWarehouse).toMatchObject({ ok: false, code: 'WRONG_ITEM' });
    expect(otherWarehouse.message).toContain('NORTH/X-1');
    const sold = scan(imei(5));
    expect(sold).toMatchObject({ ok: false, code: 'SERIAL_NOT_IN_STOCK' });
    expect(sold.message).toMatch(/Phone X\) is sold/);
    const unknown = scan('NOSUCH0001');
    expect(unknown).toMatchObject({ ok: false, code: 'SERIAL_NOT_IN_STOCK' });
    expect(unknown.message).toContain('no unit with serial NOSUCH0001');
    expect(scan(UPC.laptop)).toMatchObject({ ok: false, code: 'SERIAL_IS_KNOWN_BARCODE' });
    expect(scan(`(01)${GTIN14.phone}(21)LAPTP00002`)).toMatchObject({ ok: false, code: 'GS1_PRODUCT_MISMATCH' });
    expect(scan(`(01)${GTIN14.laptop}(21)LAPTP00002`)).toMatchObject({ ok: true });
    expect(scan(imei(4))).toMatchObject({ ok: true });
    const otherCode = scan(imei(3));
    expect(otherCode).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(otherCode.message).toContain(`scanned as ${imei(4)}`);

    const removed = transfers.remove(view.sessionId, 'laptp00002', h.actor);
    expect(removed).toMatchObject({ ok: true });
    expect(removed.view.count).toBe(2);
    expect(removed.view.products).toEqual([
      { sku: 'LT-300', productName: 'Laptop 14', units: 1 },
      { sku: 'PH-100', productName: 'Phone X', units: 1 },
    ]);
    expect(transfers.remove(view.sessionId, 'LAPTP00002', h.actor)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const rejected = store.db
      .prepare("SELECT count(*) AS n FROM serial_events WHERE type = 'scan_rejected' AND reference = ?")
      .get('MAIN/A-01 -> MAIN/C-03');
    expect(rejected).toEqual({ n: 8 });
  });

  it('moves the scanned units in one go, and their history shows the move from either code', () => {
    const { h, transfers, serials, store } = world();
    const view = transfers.start(A01, C03, h.actor);
    const scan = scanner(transfers, h, view.sessionId);
    scan('LAPTP00001');
    scan(imei(3));
    const summary = transfers.confirm(view.sessionId, h.actor);
    expect(summary).toMatchObject({ moved: 2, message: 'Moved 2 units from MAIN/A-01 to MAIN/C-03.' });
    expect(place(store, h.laptops[0]!)).toEqual({ warehouse: 'MAIN', location: 'C-03' });
    expect(place(store, h.phones[1]!)).toEqual({ warehouse: 'MAIN', location: 'C-03' });
    expect(place(store, h.laptops[1]!)).toEqual({ warehouse: 'MAIN', location: 'A-01' });

    const history = serials.history(imei(4));
    const moved = history.events.filter((e) => e.type === 'transferred');
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({
      reference: 'MAIN/A-01 -> MAIN/C-03',
      operator: 'Pat',
      station: 'PACK-1',
      details: { from: A01, to: C03 },
    });
    expect(history.units[0]).toMatchObject({ location: 'C-03' });
    expect(history.ledger.ok).toBe(true);

    expect(() => scan('LAPTP00002')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => transfers.confirm(view.sessionId, h.actor)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(transfers.listOpen()).toEqual([]);
  });

  it('moves from any location of a warehouse, keeps every move in the history, and refuses a no-op', () => {
    const { h, transfers, serials, store } = world();
    const out = transfers.start({ warehouse: 'main' }, { warehouse: 'NORTH', location: 'Y-2' }, h.actor);
    expect(transfers.scan(out.sessionId, 'LAPTP00003', 'manual', h.actor)).toMatchObject({ ok: true });
    transfers.confirm(out.sessionId, h.actor);
    const back = transfers.start({ warehouse: 'NORTH', location: 'y-2' }, { warehouse: 'MAIN' }, h.actor);
    expect(back.reference).toBe('NORTH/Y-2 -> MAIN');
    expect(transfers.scan(back.sessionId, 'LAPTP00003', 'wedge', h.actor)).toMatchObject({ ok: true });
    transfers.confirm(back.sessionId, h.actor);
    expect(place(store, h.laptops[2]!)).toEqual({ warehouse: 'MAIN', location: null });
    const moves = serials.history('LAPTP00003').events.filter((e) => e.type === 'transferred');
    expect(moves.map((e) => e.details)).toEqual([
      {
        from: { warehouse: 'MAIN', location: 'B-02' },
        to: { warehouse: 'NORTH', location: 'Y-2' },
        sessionId: out.sessionId,
      },
      {
        from: { warehouse: 'NORTH', location: 'Y-2' },
        to: { warehouse: 'MAIN', location: null },
        sessionId: back.sessionId,
      },
    ]);
    expect(() => transfers.start(A01, { warehouse: 'main', location: 'a-01' }, h.actor)).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST' }),
    );
    const empty = transfers.start(A01, C03, h.actor);
    expect(() => transfers.confirm(empty.sessionId, h.actor)).toThrow(/Nothing to move yet/);
    expect(verifyLedger(store.db).ok).toBe(true);
  });

  it('resumes an open transfer after a restart, and refuses to confirm a unit that changed meanwhile', () => {
    const { h, transfers, store, dataDir } = world();
    const view = transfers.start(A01, C03, h.actor);
    transfers.scan(view.sessionId, 'LAPTP00001', 'wedge', h.actor);
    transfers.scan(view.sessionId, imei(4), 'wedge', h.actor);
    store.close();

    const reopened = Store.open({ dataDir });
    try {
      const restarted = new TransfersService(reopened, () => DEFAULT_RULES);
      expect(restarted.listOpen()).toEqual([expect.objectContaining({ sessionId: view.sessionId, units: 2 })]);
      const resumed = restarted.start(
        { warehouse: 'main', location: 'a-01' },
        { warehouse: 'main', location: 'c-03' },
        h.actor,
      );
      expect(resumed).toMatchObject({ sessionId: view.sessionId, resumed: true, count: 2 });
      expect(resumed.recent.map((u) => u.scanned)).toEqual([imei(4), 'LAPTP00001']);
      expect(resumed.recent[0]!.serials.map((x) => x.label)).toEqual(['IMEI 1', 'IMEI 2']);
      expect(restarted.scan(view.sessionId, 'LAPTP00001', 'wedge', h.actor)).toMatchObject({ code: 'CONFLICT' });

      // Another desk reserves the laptop before the transfer is confirmed.
      new SerialsService(reopened, () => DEFAULT_RULES).transition(
        { unitId: h.laptops[0]!, from: 'in_stock', to: 'reserved', reason: 'held for a customer' },
        h.actor,
      );
      expect(() => restarted.confirm(view.sessionId, h.actor)).toThrow(
        expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining('it is now reserved') }),
      );
      expect(place(reopened, h.phones[1]!)).toEqual({ warehouse: 'MAIN', location: 'A-01' });
      restarted.remove(view.sessionId, 'LAPTP00001', h.actor);
      expect(restarted.confirm(view.sessionId, h.actor).moved).toBe(1);
      expect(place(reopened, h.phones[1]!)).toEqual({ warehouse: 'MAIN', location: 'C-03' });
      expect(place(reopened, h.laptops[0]!)).toEqual({ warehouse: 'MAIN', location: 'A-01' });
    } finally {
      reopened.close();
    }
  });

  it('notices a scan made at another station and reloads before answering', () => {
    const { h, transfers, store } = world();
    const view = transfers.start(A01, C03, h.actor);
    const other = new TransfersService(store, () => DEFAULT_RULES);
    expect(other.scan(view.sessionId, 'LAPTP00002', 'wedge', h.actor).ok).toBe(true);
    expect(transfers.scan(view.sessionId, 'LAPTP00002', 'wedge', h.actor)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect(transfers.view(view.sessionId).count).toBe(1);
  });
});
