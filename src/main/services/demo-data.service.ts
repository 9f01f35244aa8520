import type { DemoSummary, SimulatedDevicesSummary } from '../../shared/ipc/app.contract';
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
  readonly #simulatedDevices: { start(): Promise<SimulatedDevicesSummary> } | null;

  /** `simulatedDevices` starts the demo's scale and printer when the newcomer asks for them. */
  constructor(
    store: Store,
    imports: ImportService,
    simulatedDevices: { start(): Promise<SimulatedDevicesSummary> } | null = null,
  ) {
    this.#store = store;
    this.#imports = imports;
    this.#simulatedDevices = simulatedDevices;
  }

  async load(options: { readonly simulatedDevices?: boolean | undefined } = {}): Promise<DemoSummary> {
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
    // The data is in either way: devices that cannot start are explained, not a failed load.
    const simulatedDevices = options.simulatedDevices === true ? await this.#startSimulatedDevices() : null;
    return {
      products: countRows(s, 'products'),
      orders: countRows(s, 'orders'),
      purchaseOrders: countRows(s, 'purchase_orders'),
      vendors: s.sql<[], { n: number }>('SELECT count(*) AS n FROM vendors').get()!.n,
      simulatedDevices,
    };
  }

  async #startSimulatedDevices(): Promise<SimulatedDevicesSummary> {
    if (!this.#simulatedDevices) return { devices: [], notes: ['This station cannot run simulated devices.'] };
    try {
      return await this.#simulatedDevices.start();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { devices: [], notes: [`The simulated devices did not start: ${reason}`] };
    }
  }
}
