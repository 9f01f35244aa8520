// A packing station in a separate process: packs and ships one order after another,
// printing "SHIPPED <order>" after each ship call returns. The parent kills it at random.
import fs from 'node:fs';
import { DEFAULT_RULES } from '../../src/shared/settings';
import { AuthService } from '../../src/main/services/auth.service';
import { ShippingService } from '../../src/main/services/shipping.service';
import { Store } from '../../src/main/store/store';

const [dataDir, count, mode] = process.argv.slice(2);
const store = Store.open({ dataDir: dataDir! });
const auth = new AuthService(store, 1);
const shipping = new ShippingService(
  store,
  () => DEFAULT_RULES,
  () => ({ weigh: false, print: false }),
  auth,
);
const actor = { stationId: 1, operatorId: null, shiftId: null };
for (let i = 1; i <= Number(count); i += 1) {
  const order = `KO-${i}`;
  const session = shipping.start(order, actor);
  shipping.scan(session.sessionId, '084120000027', 'wedge', actor);
  const verdict = shipping.scan(session.sessionId, `KSN${String(i).padStart(7, '0')}`, 'wedge', actor);
  if (!verdict.ok) {
    fs.writeSync(1, `REJECTED ${order} ${verdict.code} ${verdict.message}\n`);
    process.exit(3);
  }
  fs.writeSync(1, `PACKED ${order}\n`);
  if (mode === 'pack-only') continue;
  shipping.ship(session.sessionId, actor);
  fs.writeSync(1, `SHIPPED ${order}\n`);
}
