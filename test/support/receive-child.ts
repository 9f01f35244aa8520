// A receiving desk in a separate process: scans serials as fast as it can and prints
// "ACK n" only after the service has answered each one. The parent kills it mid-stream.
import fs from 'node:fs';
import { DEFAULT_RULES } from '../../src/shared/settings';
import { ReceivingService } from '../../src/main/services/receiving.service';
import { Store } from '../../src/main/store/store';

const [dataDir, poNumber, firstItem] = process.argv.slice(2);
const store = Store.open({ dataDir: dataDir! });
const service = new ReceivingService(store, () => DEFAULT_RULES);
const actor = { stationId: null, operatorId: null, shiftId: null };
const session = service.start(poNumber!, actor);
service.scan(session.sessionId, firstItem!, 'wedge', actor);
for (let i = 1; i <= 100_000; i += 1) {
  const serial = `KILL${String(i).padStart(6, '0')}`;
  const verdict = service.scan(session.sessionId, serial, 'wedge', actor);
  if (!verdict.ok) {
    fs.writeSync(1, `REJECTED ${serial} ${verdict.code}\n`);
    process.exit(3);
  }
  fs.writeSync(1, `ACK ${serial}\n`);
}
