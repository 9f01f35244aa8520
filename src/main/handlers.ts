import type { Caller, Handlers } from './dispatcher';
import type { Services } from './app-context';
import type { Actor } from './store/repositories/work-session.repository';

/** Binds every contract channel to its service call. One line per channel. */
export function createHandlers(services: Services, actorOf: (caller: Caller) => Actor): Handlers {
  return {
    'app:get-status': () => services.status.status(),
    'app:load-demo-data': () => services.demo.load(),
    'app:check-integrity': () => services.status.checkIntegrity(),
    'imports:preview': (input) => services.imports.preview(input),
    'imports:commit': (input) => services.imports.commit(input.importId),
    'imports:discard': (input) => services.imports.discard(input.importId),
    'catalog:list-products': (input) => services.catalog.listProducts(input),
    'catalog:list-orders': (input) => services.catalog.listOrders(input),
    'catalog:list-purchase-orders': (input) => services.catalog.listPurchaseOrders(input),
    'receiving:start': (input, caller) => services.receiving.start(input.poNumber, actorOf(caller)),
    'receiving:scan': (input, caller) => services.receiving.scan(input.sessionId, input.raw, input.source, actorOf(caller)),
    'receiving:remove-serial': (input, caller) => services.receiving.removeSerial(input.sessionId, input.serial, actorOf(caller)),
    'receiving:paste-serials': (input, caller) => services.receiving.paste(input.sessionId, input.text, actorOf(caller)),
    'receiving:get-session': (input) => services.receiving.view(input.sessionId),
    'receiving:list-open': () => services.receiving.listOpen(),
    'receiving:close': (input, caller) => services.receiving.close(input.sessionId, actorOf(caller), services.station.receivingLocation()),
  };
}
