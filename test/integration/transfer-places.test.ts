import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/shared/settings';
import { TransfersService } from '../../src/main/services/transfers.service';
import { shipHarness } from '../support/ship-fixture';
import { tempStore } from '../support/temp-store';

describe('transfer places', () => {
  it('lists every place units stand at, once whatever the case, with its in-stock count', () => {
    const { store } = tempStore();
    const h = shipHarness(store);
    const put = store.db.prepare('UPDATE units SET warehouse = ?, location = ?, status = ? WHERE id = ?');
    put.run('MAIN', 'A-01', 'in_stock', h.laptops[0]!);
    put.run('main', 'a-01 ', 'in_stock', h.laptops[1]!);
    put.run('MAIN', 'A-01', 'defective', h.laptops[2]!);
    put.run('NORTH', null, 'in_stock', h.phones[0]!);
    put.run('NORTH', '', 'sold', h.phones[1]!);
    put.run(null, null, 'in_stock', h.phones[2]!);
    const transfers = new TransfersService(store, () => DEFAULT_RULES);

    expect(transfers.places()).toEqual([
      { warehouse: 'MAIN', location: 'A-01', inStock: 2 },
      { warehouse: 'NORTH', location: null, inStock: 1 },
    ]);

    // After a transfer the destination is listed too, and the source keeps only what stayed.
    const view = transfers.start(
      { warehouse: 'MAIN', location: 'A-01' },
      { warehouse: 'MAIN', location: 'C-03' },
      h.actor,
    );
    expect(transfers.scan(view.sessionId, 'LAPTP00001', 'wedge', h.actor)).toMatchObject({ ok: true });
    transfers.confirm(view.sessionId, h.actor);
    expect(transfers.places()).toEqual([
      { warehouse: 'MAIN', location: 'A-01', inStock: 1 },
      { warehouse: 'MAIN', location: 'C-03', inStock: 1 },
      { warehouse: 'NORTH', location: null, inStock: 1 },
    ]);
  });
});
