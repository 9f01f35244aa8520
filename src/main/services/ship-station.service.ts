import { AppError } from '../../shared/errors';
import type { ShipVerdict } from '../../shared/ipc/shipping.contract';
import { toGtin14 } from '../../shared/scan/gtin';
import { DeviceManager } from '../devices/device-manager';
import type { Actor } from '../store/repositories/work-session.repository';
import type { ShippingService } from './shipping.service';

/** The ship wizard's device stages: a stable weight from the scale, and the shipment's labels. */
export class ShipStationService {
  readonly #shipping: ShippingService;
  readonly #devices: DeviceManager;

  constructor(shipping: ShippingService, devices: DeviceManager) {
    this.#shipping = shipping;
    this.#devices = devices;
  }

  async weighFromScale(sessionId: number, timeoutMs: number | undefined, actor: Actor): Promise<ShipVerdict> {
    this.#shipping.view(sessionId);
    const weight = await this.#devices.readWeight(timeoutMs);
    if (weight.grams === null || weight.grams <= 0)
      throw new AppError('WEIGHT_OUT_OF_TOLERANCE', 'The scale shows no weight. Put the parcel on the scale.');
    return this.#shipping.weigh(sessionId, weight.grams, actor);
  }

  async printLabels(sessionId: number) {
    const view = this.#shipping.view(sessionId);
    // A product barcode that is not a valid GTIN (a house code, a mistyped check digit) only leaves
    // the GS1 DataMatrix off its serial labels; it must not stop the shipment's labels printing.
    const serials = this.#shipping
      .packedSerials(sessionId)
      .map((s) => (s.gtin !== null && toGtin14(s.gtin) === null ? { ...s, gtin: null } : s));
    const { result, zpl } = await this.#devices.printShipment({
      orderNumber: view.orderNumber,
      customerName: view.customerName,
      shipTo: view.shipTo,
      serials,
    });
    const after = result.ok ? this.#shipping.markPrinted(sessionId) : this.#shipping.view(sessionId);
    return { ok: result.ok, message: result.message, previews: DeviceManager.previews(zpl), view: after };
  }
}
