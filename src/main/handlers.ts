import { currentApproval, type Caller, type Handlers } from './dispatcher';
import type { Services } from './app-context';
import { discoverDevices } from './devices/discovery';
import type { AdminActor } from './services/admin.service';
import { ALL_IMPORT_RIGHTS, type ImportRights } from './services/import.service';

/** Binds every contract channel to its service call. One line per channel. */
export function createHandlers(services: Services, actorOf: (caller: Caller) => AdminActor): Handlers {
  return {
    'app:get-status': () => services.status.status(),
    'app:load-demo-data': (input) => services.demo.load({ simulatedDevices: input?.simulatedDevices }),
    'app:check-integrity': () => services.status.checkIntegrity(),
    'imports:preview': (input) => services.imports.preview(input),
    'imports:commit': (input, caller) => services.imports.commit(input.importId, importRights(services, caller)),
    'imports:discard': (input) => services.imports.discard(input.importId),
    'catalog:list-products': (input) => services.catalog.listProducts(input),
    'catalog:list-orders': (input) => services.catalog.listOrders(input),
    'catalog:list-purchase-orders': (input) => services.catalog.listPurchaseOrders(input),
    'receiving:start': (input, caller) => services.receiving.start(input.poNumber, actorOf(caller)),
    'receiving:scan': (input, caller) =>
      services.receiving.scan(input.sessionId, input.raw, input.source, actorOf(caller)),
    'receiving:remove-serial': (input, caller) =>
      services.receiving.removeSerial(input.sessionId, input.serial, actorOf(caller)),
    'receiving:paste-serials': (input, caller) =>
      services.receiving.paste(input.sessionId, input.text, actorOf(caller)),
    'receiving:get-session': (input) => services.receiving.view(input.sessionId),
    'receiving:list-open': () => services.receiving.listOpen(),
    'receiving:close': (input, caller) =>
      services.receiving.close(input.sessionId, actorOf(caller), services.station.receivingLocation()),
    'auth:get-status': (_input, caller) => services.auth.status(caller),
    'auth:sign-in': (input, caller) => {
      const operator = services.auth.signIn(caller, input.name, input.pin);
      // Signing in ends the previous operator's shift here, and any left open by a crash.
      services.shiftExport.shiftMayHaveEnded();
      return operator;
    },
    'auth:sign-out': (input, caller) => {
      services.auth.signOut(caller, input?.reason);
      services.shiftExport.shiftMayHaveEnded();
      return { signedOut: true };
    },
    'auth:create-first-supervisor': (input, caller) =>
      services.auth.createFirstSupervisor(caller, input.name, input.pin),
    'auth:approve-supervisor': (input, caller) => services.auth.approveInPlace(caller, input.name, input.pin),
    'auth:end-approval': (_input, caller) => ({ ended: services.auth.endApproval(caller) }),
    'operators:add': (input, caller) => services.auth.add(input, approvedOperator(caller) ?? caller.operator),
    'operators:list': () => services.auth.list(),
    'shipping:start': (input, caller) => services.shipping.start(input.orderNumber, actorOf(caller)),
    'shipping:scan': (input, caller) =>
      services.shipping.scan(input.sessionId, input.raw, input.source, actorOf(caller)),
    'shipping:remove-serial': (input, caller) =>
      services.shipping.removeSerial(input.sessionId, input.serial, actorOf(caller)),
    'shipping:override': (input, caller) => services.shipping.override(input.sessionId, input, actorOf(caller)),
    'shipping:weigh': (input, caller) => services.shipping.weigh(input.sessionId, input.grams, actorOf(caller)),
    'shipping:ship': (input, caller) => services.shipping.ship(input.sessionId, actorOf(caller)),
    'shipping:park': (input) => services.shipping.park(input.sessionId),
    'shipping:void': (input, caller) => services.shipping.voidSession(input.sessionId, input, actorOf(caller)),
    'shipping:get-session': (input) => services.shipping.view(input.sessionId),
    'shipping:list-open': () => services.shipping.listOpen(),
    'shipping:weigh-from-scale': async (input, caller) => {
      // With demo devices, this is the moment the packer puts the parcel on the simulated scale.
      await services.demoDevices.putParcelOnScale(services.shipping.view(input.sessionId));
      return services.shipStation.weighFromScale(input.sessionId, input.timeoutMs, actorOf(caller));
    },
    'shipping:print-labels': (input) => services.shipStation.printLabels(input.sessionId),
    'serials:list-shipped': (input) => services.serials.listShipped(input),
    'serials:history': (input) => services.serials.history(input.serial),
    'serials:list-inventory': (input) => services.serials.listInventory(input),
    'serials:transition': (input, caller) => services.serials.transition(input, actorOf(caller)),
    'serials:register': (input, caller) => services.serials.register(input, actorOf(caller)),
    'devices:get': () => services.demoDevices.describeView(services.devices.view()),
    'devices:discover': () => discoverDevices(services.hid),
    'devices:configure': async (input) => services.demoDevices.describeView(await services.devices.configure(input)),
    'devices:read-weight': (input) => services.devices.readWeight(input?.timeoutMs),
    'devices:zero-scale': () => services.devices.zeroScale(),
    'devices:print-test': (input) => services.devices.printTest(input),
    'devices:print-commands': () => services.devices.printCommands(),
    'settings:get': () => services.admin.settings(),
    'settings:update-rules': (input, caller) =>
      services.admin.updateRules(input.rules, actorOf(caller), input.vendorSkips),
    'settings:update-station': (input) => services.admin.updateStation(input),
    'settings:update-backup': (input) => services.admin.updateBackup(input),
    'backup:run-now': () => services.admin.backupNow(),
    'dashboard:get': (input) => services.admin.dashboard(input ?? {}),
    'products:update': (input, caller) => services.admin.updateProduct(input.sku, input.patch, actorOf(caller)),
    'products:bulk-update': (input, caller) => services.admin.bulkUpdate(input.skus, input.patch, actorOf(caller)),
    'exports:start': (input) => services.exports.start(input.request, input.format),
    'exports:cancel': (input) => services.exports.cancel(input.exportId),
    'returns:check': (input, caller) => services.returns.check(input.serial, input.orderNumber, actorOf(caller)),
    'returns:dispose': (input, caller) =>
      services.returns.dispose(input.serial, input.orderNumber, input.disposition, input.note, actorOf(caller)),
    'orders:get': (input) => services.orders.order(input.orderNumber),
    'purchase-orders:get': (input) => services.orders.purchaseOrder(input.poNumber),
    'products:get': (input) => services.orders.product(input),
    'orders:available-units': (input) => services.orders.availableUnits(input),
    'orders:allocate-serials': (input, caller) =>
      services.orders.allocate(input.orderNumber, input.lineId, input.serials, actorOf(caller)),
    'orders:release-serial': (input, caller) =>
      services.orders.release(input.orderNumber, input.serial, actorOf(caller)),
    'transfers:start': (input, caller) => services.transfers.start(input.from, input.to, actorOf(caller)),
    'transfers:scan': (input, caller) =>
      services.transfers.scan(input.sessionId, input.raw, input.source, actorOf(caller)),
    'transfers:remove': (input, caller) => services.transfers.remove(input.sessionId, input.serial, actorOf(caller)),
    'transfers:confirm': (input, caller) => services.transfers.confirm(input.sessionId, actorOf(caller)),
    'transfers:get-session': (input) => services.transfers.view(input.sessionId),
    'transfers:list-open': () => services.transfers.listOpen(),
    'transfers:list-places': () => services.transfers.places(),
  };
}

function importRights(services: Services, caller: Caller): ImportRights {
  if (!services.auth.hasOperators()) return ALL_IMPORT_RIGHTS;
  const role = caller.operator?.role ?? null;
  return { products: role === 'supervisor' || approvedOperator(caller) !== null, documents: role !== null };
}

/** The operator at this window acting on a supervisor's approval given in place, if so. */
function approvedOperator(caller: Caller) {
  const approval = caller.operator?.role === 'supervisor' ? null : currentApproval(caller);
  return approval && caller.operator ? { operator: caller.operator, approvedBy: approval.name } : null;
}
