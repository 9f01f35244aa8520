import type { IntegrityReport, StationStatus } from '../../shared/ipc/app.contract';
import { verifyLedger } from '../store/ledger';
import { countRows } from '../store/repositories/catalog.repository';
import { readSetting } from '../store/repositories/settings.repository';
import type { Store } from '../store/store';

export interface StationIdentity {
  readonly version: string;
  readonly mode: StationStatus['mode'];
  readonly stationName: string;
}

/** What the station frame shows, and the integrity check behind `packbench check`. */
export class StatusService {
  readonly #store: Store;
  readonly #identity: StationIdentity;

  constructor(store: Store, identity: StationIdentity) {
    this.#store = store;
    this.#identity = identity;
  }

  status(): StationStatus {
    const s = this.#store.statements;
    const counts = {
      products: countRows(s, 'products'),
      orders: countRows(s, 'orders'),
      purchaseOrders: countRows(s, 'purchase_orders'),
      units: countRows(s, 'units'),
      // Append-only with no deletes: the highest id is the row count, without a scan.
      shippedSerials: s.sql<[], { n: number | null }>('SELECT max(id) AS n FROM shipped_serials').get()!.n ?? 0,
    };
    return {
      ...this.#identity,
      schemaVersion: this.#store.schemaVersion,
      firstRun: counts.products === 0 && counts.orders === 0 && counts.purchaseOrders === 0,
      demoData: readSetting(s, 'demo.loadedAt') !== undefined,
      counts,
    };
  }

  checkIntegrity(): IntegrityReport {
    const rows = this.#store.db.pragma('integrity_check') as { integrity_check: string }[];
    const integrity = rows.map((r) => r.integrity_check);
    const ledger = verifyLedger(this.#store.db);
    const integrityOk = integrity.length === 1 && integrity[0] === 'ok';
    return { ok: integrityOk && ledger.ok, integrity, ledger };
  }
}
