import type { DemoSummary } from '../../shared/ipc/app.contract';
import { AppError } from '../../shared/errors';
import { countRows } from '../store/repositories/catalog.repository';
import { writeSetting } from '../store/repositories/settings.repository';
import type { Store } from '../store/store';
import type { ImportService } from './import.service';
import { demoCsv } from './demo-data';

/**
 * Loads a small, clearly marked sample catalogue through the ordinary import path, so a
 * newcomer can try receive -> ship -> look-up on a fresh station.
 */
export class DemoDataService {
  readonly #store: Store;
  readonly #imports: ImportService;

  constructor(store: Store, imports: ImportService) {
    this.#store = store;
    this.#imports = imports;
  }

  async load(): Promise<DemoSummary> {
    const s = this.#store.statements;
    if (countRows(s, 'products') + countRows(s, 'orders') + countRows(s, 'purchase_orders') > 0) {
      throw new AppError(
        'CONFLICT',
        'Demo data only loads into an empty store; this one already holds products or orders.',
      );
    }
    const files = demoCsv();
    for (const [kind, content] of [
      ['products', files.products],
      ['pos', files.purchaseOrders],
      ['orders', files.orders],
    ] as const) {
      const preview = await this.#imports.preview({ kind, fileName: `demo-${kind}.csv`, content }, { demo: true });
      if (preview.errors.length > 0) {
        throw new AppError('INTERNAL', `The demo ${kind} did not validate: ${preview.errors[0]!.message}`);
      }
      await this.#imports.commit(preview.importId);
    }
    writeSetting(s, 'demo.loadedAt', new Date().toISOString());
    return {
      products: countRows(s, 'products'),
      orders: countRows(s, 'orders'),
      purchaseOrders: countRows(s, 'purchase_orders'),
      vendors: s.sql<[], { n: number }>('SELECT count(*) AS n FROM vendors').get()!.n,
    };
  }
}
