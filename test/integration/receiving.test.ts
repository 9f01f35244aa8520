import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type OrganizationRules } from '../../src/shared/settings';
import { ReceivingService } from '../../src/main/services/receiving.service';
import { verifyLedger } from '../../src/main/store/ledger';
import type { Actor } from '../../src/main/store/repositories/work-session.repository';
import type { Store } from '../../src/main/store/store';
import { GTIN14, UPC, imei, seedCatalog } from '../support/catalog-fixture';
import { tempStore } from '../support/temp-store';

const actor: Actor = { stationId: null, operatorId: null, shiftId: null };
const here = { warehouse: 'MAIN', location: 'DOCK-1' };

function setup(rules: Partial<OrganizationRules> = {}, options: { skipVendor?: boolean } = {}) {
  const { store, dataDir } = tempStore();
  const fixture = seedCatalog(store, options);
  const service = new ReceivingService(store, () => ({ ...DEFAULT_RULES, ...rules }));
  const session = service.start('PO-1', actor);
  const scan = (raw: string, source: 'wedge' | 'manual' = 'wedge') =>
    service.scan(session.sessionId, raw, source, actor);
  return { store, dataDir, fixture, service, session, scan };
}

function count(store: Store, sql: string, ...params: unknown[]): number {
  return (store.db.prepare(sql).get(...params) as { n: number }).n;
}

function sessionRows(store: Store): number {
  return count(
    store,
    'SELECT (SELECT count(*) FROM work_session_units) + (SELECT count(*) FROM work_session_serials) AS n',
  );
}

describe('receiving a purchase order', () => {
  it('refuses an unknown PO with its code', () => {
    const { service } = setup();
    expect(() => service.start('PO-404', actor)).toThrow(expect.objectContaining({ code: 'UNKNOWN_PO' }));
  });

  it('asks for each IMEI of a dual-IMEI phone, then takes further serials as more units', () => {
    const { scan, session } = setup();
    expect(session.expect).toMatchObject({ step: 'item', prompt: 'Scan an item from PO-1' });
    const item = scan(UPC.phone);
    expect(item).toMatchObject({ ok: true, code: 'OK' });
    expect(item.expect).toMatchObject({ step: 'serial', slot: 1, slots: 2, slotLabel: 'IMEI 1', unit: 1, units: 3 });
    expect(item.expect.prompt).toBe('Scan serial 1 of 2 — IMEI 1 — Phone X, unit 1 of 3');
    const first = scan(imei(1));
    expect(first.ok).toBe(true);
    expect(first.expect).toMatchObject({ step: 'serial', slot: 2, slotLabel: 'IMEI 2', unit: 1 });
    const second = scan(imei(2));
    expect(second.expect).toMatchObject({ step: 'item', lineId: item.expect.lineId, unit: 2 });
    // Continuous mode: a serial without an item scan is the next unit of the same product.
    const next = scan(imei(3));
    expect(next).toMatchObject({ ok: true });
    expect(next.expect).toMatchObject({ step: 'serial', slot: 2, unit: 2 });
    expect(next.view.totals).toMatchObject({ unitsDone: 2, serialsDone: 3 });
  });

  it("refuses the product's own UPC in the serial slot with a message that says so", () => {
    const { scan, store } = setup();
    scan(UPC.phone);
    const before = sessionRows(store);
    const verdict = scan(UPC.phone);
    expect(verdict).toMatchObject({ ok: false, code: 'SERIAL_IS_KNOWN_BARCODE' });
    expect(verdict.message).toContain('box barcode (UPC) of Phone X');
    expect(verdict.message).toContain('IMEI 1');
    expect(verdict.expect).toMatchObject({ step: 'serial', slot: 1 });
    expect(sessionRows(store)).toBe(before);
  });

  it('never takes a command barcode for a serial, and says where it works', () => {
    const { scan, store } = setup();
    scan(UPC.laptop);
    const before = sessionRows(store);
    const ship = scan('CMD:SHIP');
    expect(ship).toMatchObject({ ok: false, code: 'UNKNOWN_BARCODE' });
    expect(ship.message).toBe(
      'CMD:SHIP is the SHIP command barcode, for the ship screen. It is not an item or a serial.',
    );
    expect(scan('*close*').message).toBe(
      '*close* is the CLOSE command barcode: on the receiving and transfer screens it does what F9 does. It is not an item or a serial.',
    );
    expect(sessionRows(store)).toBe(before);
    expect(scan('CMD:SHIP').expect).toMatchObject({ step: 'serial' });
  });

  it('refuses SKUs, order numbers and PO numbers as serials', () => {
    const { scan } = setup();
    scan(UPC.laptop);
    expect(scan('LT-300')).toMatchObject({ code: 'SERIAL_IS_KNOWN_BARCODE' });
    scan(UPC.phone); // not taken: a unit is waiting for its serial
    expect(scan('SO-1').message).toContain('order number SO-1');
    expect(scan('PO-2').message).toContain('purchase order PO-2');
  });

  it('refuses the same serial twice in a row and within the PO', () => {
    const { scan } = setup();
    scan(UPC.phone);
    scan(imei(10));
    expect(scan(imei(10))).toMatchObject({ ok: false, code: 'SERIAL_DUPLICATE_IN_UNIT' });
    scan(imei(11));
    scan(UPC.laptop);
    scan('ABCDE12345');
    scan(UPC.laptop);
    expect(scan('ABCDE12345')).toMatchObject({ ok: false, code: 'SERIAL_DUPLICATE_IN_PO' });
    expect(scan('abcde12345')).toMatchObject({ ok: false, code: 'SERIAL_DUPLICATE_IN_PO' });
  });

  it("refuses serials that do not match the product's pattern", () => {
    const { scan } = setup();
    scan(UPC.phone);
    const verdict = scan('12345');
    expect(verdict).toMatchObject({ ok: false, code: 'SERIAL_FORMAT' });
    expect(verdict.message).toContain('Phone X');
  });

  it('refuses empty, control-only, huge and emoji scans without writing anything', () => {
    const { scan, store } = setup();
    scan(UPC.laptop);
    const before = sessionRows(store);
    expect(scan('   ')).toMatchObject({ ok: false, code: 'SERIAL_EMPTY' });
    expect(scan('\x00\x07\r\n')).toMatchObject({ ok: false, code: 'SERIAL_EMPTY' });
    expect(scan('A'.repeat(10_000))).toMatchObject({ ok: false, code: 'SERIAL_FORMAT' });
    expect(scan('ABCDE1234😀')).toMatchObject({ ok: false, code: 'SERIAL_FORMAT' });
    expect(scan('ÄBCDE12345')).toMatchObject({ ok: false, code: 'SERIAL_FORMAT' });
    expect(sessionRows(store)).toBe(before);
    // Control characters around a good serial are stripped.
    expect(scan('\x02ABCDE12345\r')).toMatchObject({ ok: true });
  });

  it('fills GTIN and serial from one GS1 DataMatrix scan and checks the GTIN', () => {
    const { scan } = setup();
    const gs1 = `]d201${GTIN14.laptop}10LOT7\x1d21ZXCVB12345`;
    const verdict = scan(gs1);
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.view.recent[0]).toMatchObject({ sku: 'LT-300', lot: 'LOT7', serials: [{ serial: 'ZXCVB12345' }] });
    scan(UPC.laptop);
    const mismatch = scan(`]d201${GTIN14.phone}21QWERT12345`);
    expect(mismatch).toMatchObject({ ok: false, code: 'GS1_PRODUCT_MISMATCH' });
  });

  it('refuses malformed GS1 strings', () => {
    const { scan } = setup();
    scan(UPC.laptop);
    expect(scan(`]d20100084120000028\x1d21ABC`)).toMatchObject({ ok: false, code: 'GS1_INVALID' }); // bad check digit
    expect(scan(`]d201${GTIN14.laptop}21${'X'.repeat(25)}`)).toMatchObject({ ok: false, code: 'GS1_INVALID' });
  });

  it('refuses unknown barcodes, items not on the PO and over-receipt', () => {
    const { scan } = setup();
    expect(scan('999999999999')).toMatchObject({ ok: false, code: 'UNKNOWN_BARCODE' });
    expect(scan(UPC.tablet)).toMatchObject({ ok: false, code: 'WRONG_ITEM' });
    for (let i = 0; i < 5; i += 1) expect(scan(UPC.cable)).toMatchObject({ ok: true });
    const over = scan(UPC.cable);
    expect(over).toMatchObject({ ok: false, code: 'OVER_RECEIPT' });
    expect(over.message).toContain('ordered 5');
  });

  it('allows over-receipt when the rule says so', () => {
    const { scan } = setup({ allowOverReceipt: true });
    for (let i = 0; i < 6; i += 1) expect(scan(UPC.cable)).toMatchObject({ ok: true });
  });

  it('skips the serial prompt for a vendor marked so', () => {
    const { scan } = setup({}, { skipVendor: true });
    expect(scan(UPC.phone).expect.step).toBe('item');
  });

  it('records every rejected scan in the ledger with its reason', () => {
    const { scan, store } = setup();
    scan('999999999999');
    const rejected = store.db.prepare("SELECT details FROM serial_events WHERE type = 'scan_rejected'").all() as {
      details: string;
    }[];
    expect(rejected.map((r) => JSON.parse(r.details).code)).toEqual(['UNKNOWN_BARCODE']);
  });

  it('removes a serial scanned in error; the unit count follows', () => {
    const { scan, service, session } = setup();
    scan(UPC.laptop);
    scan('AAAAA11111');
    scan('BBBBB22222');
    const removed = service.removeSerial(session.sessionId, 'aaaaa11111', actor);
    expect(removed).toMatchObject({ ok: true });
    expect(removed.view.totals.unitsDone).toBe(1);
    expect(removed.view.recent.map((u) => u.serials[0]?.serial)).toEqual(['BBBBB22222']);
    expect(service.removeSerial(session.sessionId, 'NOPE', actor)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    // Removing one IMEI of a phone leaves the unit waiting for it again.
    scan(UPC.phone);
    scan(imei(1));
    scan(imei(2));
    const phone = service.removeSerial(session.sessionId, imei(2), actor);
    expect(phone.expect).toMatchObject({ step: 'serial', slot: 2, slotLabel: 'IMEI 2' });
  });

  it('validates a pasted list line by line', () => {
    const { scan, service, session } = setup();
    scan(UPC.laptop);
    const result = service.paste(session.sessionId, 'CCCCC33333\r\n\r\nCCCCC33333\nbad\nDDDDD44444\n', actor);
    expect(result.results.map((r) => [r.line, r.code])).toEqual([
      [1, 'OK'],
      [3, 'SERIAL_DUPLICATE_IN_PO'],
      [4, 'SERIAL_FORMAT'],
      [5, 'OK'],
    ]);
    expect(result).toMatchObject({ accepted: 2, rejected: 2 });
    expect(result.view.totals.unitsDone).toBe(2);
  });

  it('closes: units in stock with cost, lot and location, PO counts updated, ledger intact', () => {
    const { scan, service, session, store } = setup();
    scan(UPC.phone);
    scan(imei(1));
    scan(imei(2));
    scan(UPC.laptop);
    scan('LAPTP00001');
    scan(UPC.cable);
    scan(UPC.cable);
    const summary = service.close(session.sessionId, actor, here);
    expect(summary).toMatchObject({ poNumber: 'PO-1', units: 4, serials: 3, poStatus: 'open' });
    const units = store.db
      .prepare(
        'SELECT p.sku, u.status, u.unit_cost_cents AS cost, u.location FROM units u JOIN products p ON p.id = u.product_id ORDER BY u.id',
      )
      .all();
    expect(units).toEqual([
      { sku: 'PH-100', status: 'in_stock', cost: 45000, location: 'DOCK-1' },
      { sku: 'LT-300', status: 'in_stock', cost: 80000, location: 'DOCK-1' },
      { sku: 'CB-1', status: 'in_stock', cost: 250, location: 'DOCK-1' },
      { sku: 'CB-1', status: 'in_stock', cost: 250, location: 'DOCK-1' },
    ]);
    expect(store.db.prepare('SELECT serial, slot FROM unit_serials ORDER BY id').all()).toEqual([
      { serial: imei(1), slot: 1 },
      { serial: imei(2), slot: 2 },
      { serial: 'LAPTP00001', slot: 1 },
    ]);
    expect(store.db.prepare('SELECT qty_received AS n FROM po_lines ORDER BY id LIMIT 3').all()).toEqual([
      { n: 1 },
      { n: 1 },
      { n: 2 },
    ]);
    expect(count(store, "SELECT count(*) AS n FROM serial_events WHERE type = 'received'")).toBe(4);
    expect(verifyLedger(store.db).ok).toBe(true);
    expect(() => service.scan(session.sessionId, UPC.cable, 'wedge', actor)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );

    // A later session on the same PO knows what was received, and refuses a serial now in stock.
    const again = service.start('PO-1', actor);
    expect(again.lines[0]).toMatchObject({ qtyReceivedBefore: 1 });
    service.scan(again.sessionId, UPC.phone, 'wedge', actor);
    expect(service.scan(again.sessionId, imei(1), 'wedge', actor)).toMatchObject({
      ok: false,
      code: 'SERIAL_DUPLICATE_IN_PO',
    });
    const other = service.start('PO-2', actor);
    service.scan(other.sessionId, UPC.laptop, 'wedge', actor);
    const stocked = service.scan(other.sessionId, 'LAPTP00001', 'wedge', actor);
    expect(stocked).toMatchObject({ ok: false, code: 'SERIAL_ALREADY_IN_STOCK' });
    expect(stocked.message).toContain('PO-1');
  });

  it('refuses to close while a unit is missing one of its serials', () => {
    const { scan, service, session } = setup();
    scan(UPC.phone);
    scan(imei(5));
    expect(() => service.close(session.sessionId, actor, here)).toThrow(
      expect.objectContaining({ code: 'SERIAL_EMPTY' }),
    );
  });

  it('refuses to start on a fully received PO', () => {
    const { service, store, fixture } = setup();
    store.db.prepare('UPDATE po_lines SET qty_received = qty_ordered WHERE po_id = ?').run(fixture.poId);
    store.db.prepare("UPDATE work_sessions SET status = 'closed'").run();
    expect(() => service.start('PO-1', actor)).toThrow(expect.objectContaining({ code: 'OVER_RECEIPT' }));
  });

  it('resumes the open session exactly after a restart', () => {
    const { scan, store, session } = setup();
    scan(UPC.phone);
    scan(imei(20));
    const restarted = new ReceivingService(store, () => DEFAULT_RULES);
    const resumed = restarted.start('PO-1', actor);
    expect(resumed).toMatchObject({ sessionId: session.sessionId, resumed: true });
    expect(resumed.expect).toMatchObject({ step: 'serial', slot: 2, slotLabel: 'IMEI 2' });
    expect(resumed.recent[0]?.serials.map((s) => s.serial)).toEqual([imei(20)]);
  });

  it('notices a change made by another process and reloads', () => {
    const { scan, store, session, service } = setup();
    scan(UPC.laptop);
    const other = new ReceivingService(store, () => DEFAULT_RULES);
    other.scan(session.sessionId, 'OTHER00001', 'wedge', actor);
    const verdict = service.scan(session.sessionId, 'OTHER00001', 'wedge', actor);
    expect(verdict).toMatchObject({ ok: false, code: 'SERIAL_DUPLICATE_IN_PO' });
  });
});
