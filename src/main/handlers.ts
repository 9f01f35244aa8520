import type { Handlers } from './dispatcher';
import type { Services } from './app-context';

/** Binds every contract channel to its service call. One line per channel. */
export function createHandlers(services: Services): Handlers {
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
  };
}
