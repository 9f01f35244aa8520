import { DEFAULT_RULES, type OrganizationRules } from '../../src/shared/settings';
import type { Caller } from '../../src/main/dispatcher';
import { AuthService } from '../../src/main/services/auth.service';
import { ShippingService } from '../../src/main/services/shipping.service';
import type { ShipStages } from '../../src/main/domain/ship-session';
import { ensureStation } from '../../src/main/store/repositories/stations.repository';
import type { Actor } from '../../src/main/store/repositories/work-session.repository';
import type { Store } from '../../src/main/store/store';
import { imei, seedCatalog, type CatalogFixture } from './catalog-fixture';

/** Puts units in stock directly (as receiving would), one per serial group. */
export function stockUnits(store: Store, productId: number, serialGroups: readonly (readonly string[])[]): number[] {
  const now = new Date().toISOString();
  return store.write(() =>
    serialGroups.map((serials) => {
      const unit = Number(
        store.db
          .prepare("INSERT INTO units (product_id, status, created_at, updated_at) VALUES (?, 'in_stock', ?, ?)")
          .run(productId, now, now).lastInsertRowid,
      );
      serials.forEach((serial, i) =>
        store.db
          .prepare(
            'INSERT INTO unit_serials (unit_id, product_id, slot, serial, serial_key, scope_product_id) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(unit, productId, i + 1, serial, serial.toUpperCase(), productId),
      );
      return unit;
    }),
  );
}

export function addOrder(
  store: Store,
  orderNumber: string,
  lines: readonly { productId: number; qty: number; serials?: readonly string[] }[],
): number {
  const now = new Date().toISOString();
  return store.write(() => {
    const order = Number(
      store.db
        .prepare(
          "INSERT INTO orders (order_number, customer_name, ship_to, created_at, updated_at) VALUES (?, 'Ada Lindqvist', '12 Harbour Road', ?, ?)",
        )
        .run(orderNumber, now, now).lastInsertRowid,
    );
    lines.forEach((line, i) => {
      const lineId = Number(
        store.db
          .prepare('INSERT INTO order_lines (order_id, line_no, product_id, qty) VALUES (?, ?, ?, ?)')
          .run(order, i + 1, line.productId, line.qty).lastInsertRowid,
      );
      for (const serial of line.serials ?? []) {
        const unit = store.db
          .prepare('SELECT unit_id FROM unit_serials WHERE serial_key = ?')
          .get(serial.toUpperCase()) as { unit_id: number } | undefined;
        store.db
          .prepare('INSERT INTO order_line_serials (order_line_id, serial, serial_key, unit_id) VALUES (?, ?, ?, ?)')
          .run(lineId, serial, serial.toUpperCase(), unit?.unit_id ?? null);
        if (unit) store.db.prepare("UPDATE units SET status = 'reserved' WHERE id = ?").run(unit.unit_id);
      }
    });
    return order;
  });
}

export interface ShipHarness {
  readonly store: Store;
  readonly fixture: CatalogFixture;
  readonly auth: AuthService;
  readonly shipping: ShippingService;
  readonly actor: Actor;
  readonly packer: Caller;
  /** Phone units in stock: [imei(1), imei(2)], [imei(3), imei(4)], [imei(5), imei(6)]. */
  readonly phones: number[];
  /** Laptop units in stock: LAPTP00001..LAPTP00003. */
  readonly laptops: number[];
}

export function shipHarness(
  store: Store,
  rules: Partial<OrganizationRules> = {},
  stages: ShipStages = { weigh: false, print: false },
): ShipHarness {
  const fixture = seedCatalog(store);
  const stationId = store.write(() => ensureStation(store.statements, 'PACK-1', new Date().toISOString()));
  const auth = new AuthService(store, stationId);
  auth.add({ name: 'Sam', role: 'supervisor', pin: '4812' }, null);
  auth.add({ name: 'Pat', role: 'packer', pin: '2468' }, 'cli');
  const packer: Caller = { id: 'test', trusted: true, operator: null };
  const signedIn = auth.signIn(packer, 'Pat', '2468');
  const actor: Actor = { stationId, operatorId: signedIn.id, shiftId: signedIn.shiftId };
  const shipping = new ShippingService(
    store,
    () => ({ ...DEFAULT_RULES, ...rules }),
    () => stages,
    auth,
  );
  const phones = stockUnits(store, fixture.products.phone, [
    [imei(1), imei(2)],
    [imei(3), imei(4)],
    [imei(5), imei(6)],
  ]);
  const laptops = stockUnits(store, fixture.products.laptop, [['LAPTP00001'], ['LAPTP00002'], ['LAPTP00003']]);
  return { store, fixture, auth, shipping, actor, packer, phones, laptops };
}
