import { AppError } from '../../shared/errors';
import type {
  DevicesConfig,
  DevicesView,
  DeviceStatusView,
  PrinterConfig,
  WeightView,
} from '../../shared/ipc/devices.contract';
import type { EventBus } from '../event-bus';
import type { HidBackend } from './hid/hid-backend';
import { createPrinter, parsePrinterAddress, PrinterAddressError } from './printer/registry';
import { renderLabelPreviews } from './printer/preview/label-preview';
import {
  DEFAULT_PRINTER_SETTINGS,
  toDeviceStatus,
  type LabelPrinter,
  type PrinterSettings,
  type PrintResult,
} from './printer/types';
import { LabelDataError } from './printer/zpl/encoding';
import { packingLabels, type PackedSerial } from './printer/zpl/packing-label';
import { serialLabel } from './printer/zpl/serial-label';
import { createScale } from './scale/registry';
import type { Scale } from './scale/types';
import { createScanner } from './scanner/registry';
import type { Scanner } from './scanner/types';
import type { DeviceClass, DeviceStatus, WeightReading } from './types';

export interface DeviceManagerDeps {
  readonly hid?: HidBackend;
  /** Loads and saves this station's device configuration. */
  readonly loadConfig: () => DevicesConfig;
  readonly saveConfig: (config: DevicesConfig) => void;
}

const NOT_CONFIGURED = (deviceClass: DeviceClass, detail: string): DeviceStatus => ({
  deviceClass,
  state: 'not-configured',
  name: deviceClass === 'scanner' ? 'Scanner' : deviceClass === 'scale' ? 'Scale' : 'Label printer',
  detail,
  since: new Date().toISOString(),
});

function printerSettings(config: PrinterConfig): PrinterSettings {
  return {
    ...DEFAULT_PRINTER_SETTINGS,
    dpi: config.dpi,
    labelWidthMm: config.labelWidthMm,
    labelHeightMm: config.labelHeightMm,
    darkness: config.darkness,
  };
}

function weightView(reading: WeightReading | null): WeightView | null {
  return reading ? { grams: reading.grams, stable: reading.stable, status: reading.status } : null;
}

/**
 * This station's scanner, scale and label printer: opened from the station's settings,
 * reconnecting by themselves (each driver backs off on its own), reporting status to the
 * station frame, and never throwing into a wizard: a device problem is a message, and the
 * session it interrupts is kept.
 */
export class DeviceManager {
  readonly #bus: EventBus;
  readonly #deps: DeviceManagerDeps;
  #config: DevicesConfig = { scanner: null, scale: null, printer: null };
  #scanner: Scanner | null = null;
  #scale: Scale | null = null;
  #printer: LabelPrinter | null = null;
  #statuses: Record<DeviceClass, DeviceStatus> = {
    scanner: NOT_CONFIGURED('scanner', 'Keyboard scanner (typed into the scan field)'),
    scale: NOT_CONFIGURED('scale', 'No scale chosen'),
    printer: NOT_CONFIGURED('printer', 'No label printer chosen'),
  };

  constructor(bus: EventBus, deps: DeviceManagerDeps) {
    this.#bus = bus;
    this.#deps = deps;
  }

  /** Opens the configured devices. */
  start(): void {
    this.#config = this.#deps.loadConfig();
    this.#open('scanner');
    this.#open('scale');
    this.#open('printer');
  }

  view(): DevicesView {
    return { statuses: this.statuses(), config: this.#config, weight: weightView(this.#scale?.lastReading ?? null) };
  }

  statuses(): DeviceStatusView[] {
    return [this.#statuses.scanner, this.#statuses.scale, this.#statuses.printer];
  }

  async configure(patch: Partial<DevicesConfig>): Promise<DevicesView> {
    if (patch.printer) {
      try {
        parsePrinterAddress(patch.printer.address);
      } catch (error) {
        if (error instanceof PrinterAddressError) throw new AppError('BAD_REQUEST', error.message);
        throw error;
      }
    }
    const next = { ...this.#config, ...patch };
    this.#deps.saveConfig(next);
    this.#config = next;
    for (const deviceClass of ['scanner', 'scale', 'printer'] as const) {
      if (deviceClass in patch) {
        await this.#close(deviceClass);
        this.#open(deviceClass);
      }
    }
    return this.view();
  }

  #setStatus(status: DeviceStatus): void {
    this.#statuses = { ...this.#statuses, [status.deviceClass]: status };
    this.#bus.emit('devices:status', this.statuses());
  }

  #open(deviceClass: DeviceClass): void {
    try {
      if (deviceClass === 'scanner') {
        const config = this.#config.scanner;
        if (!config || config.kind === 'wedge')
          return this.#setStatus(NOT_CONFIGURED('scanner', 'Keyboard scanner (typed into the scan field)'));
        const scanner = createScanner(
          config.kind === 'serial'
            ? {
                kind: 'serial',
                path: config.path,
                ...(config.baudRate ? { baudRate: config.baudRate } : {}),
                ...(config.suffix ? { suffix: config.suffix } : {}),
              }
            : { kind: 'hid-pos', ...(config.path ? { path: config.path } : {}) },
          this.#hidDeps(),
        );
        scanner.on('status', (status) => this.#setStatus(status));
        scanner.on('scan', (scan) =>
          this.#bus.emit('devices:scan', {
            text: scan.text,
            symbology: scan.symbology ?? null,
            source: scan.source,
            receivedAt: scan.receivedAt,
          }),
        );
        this.#scanner = scanner;
        scanner.start();
      } else if (deviceClass === 'scale') {
        const config = this.#config.scale;
        if (!config) return this.#setStatus(NOT_CONFIGURED('scale', 'No scale chosen'));
        const scale = createScale(
          config.kind === 'hid-pos'
            ? { kind: 'hid-pos', ...(config.path ? { path: config.path } : {}) }
            : {
                kind: config.kind,
                path: config.path,
                ...(config.baudRate ? { baudRate: config.baudRate } : {}),
                ...(config.unit ? { unit: config.unit } : {}),
              },
          this.#hidDeps(),
        );
        scale.on('status', (status) => this.#setStatus(status));
        scale.on('reading', (reading) => this.#bus.emit('devices:weight', weightView(reading)!));
        this.#scale = scale;
        scale.start();
      } else {
        const config = this.#config.printer;
        if (!config) return this.#setStatus(NOT_CONFIGURED('printer', 'No label printer chosen'));
        const printer = createPrinter(parsePrinterAddress(config.address));
        printer.on('status', (status) => this.#setStatus(toDeviceStatus(printer.name, status)));
        this.#printer = printer;
        this.#setStatus({
          deviceClass: 'printer',
          state: 'connected',
          name: printer.name,
          detail: 'Ready (checked at the first print)',
          since: new Date().toISOString(),
        });
        void printer.status().then((status) => this.#setStatus(toDeviceStatus(printer.name, status)));
      }
    } catch (error) {
      this.#setStatus({
        deviceClass,
        state: 'error',
        name: this.#statuses[deviceClass].name,
        detail: error instanceof Error ? error.message : String(error),
        since: new Date().toISOString(),
      });
    }
  }

  #hidDeps() {
    return this.#deps.hid ? { hid: this.#deps.hid } : {};
  }

  async #close(deviceClass: DeviceClass): Promise<void> {
    const device = deviceClass === 'scanner' ? this.#scanner : deviceClass === 'scale' ? this.#scale : this.#printer;
    if (deviceClass === 'scanner') this.#scanner = null;
    if (deviceClass === 'scale') this.#scale = null;
    if (deviceClass === 'printer') this.#printer = null;
    if (device) {
      device.removeAllListeners();
      await device.close().catch(() => undefined);
    }
  }

  async readWeight(timeoutMs = 10_000): Promise<WeightView> {
    if (!this.#scale)
      throw new AppError(
        'NOT_FOUND',
        'No scale is set up at this station. Choose one in Settings → Devices, or type the weight.',
      );
    try {
      return weightView(await this.#scale.readStable({ timeoutMs, requireLoad: true }))!;
    } catch (error) {
      throw new AppError('WEIGHT_OUT_OF_TOLERANCE', error instanceof Error ? error.message : String(error));
    }
  }

  async zeroScale(): Promise<{ zeroed: boolean }> {
    if (!this.#scale) throw new AppError('NOT_FOUND', 'No scale is set up at this station.');
    try {
      await this.#scale.zero();
      return { zeroed: true };
    } catch (error) {
      throw new AppError('CONFLICT', error instanceof Error ? error.message : String(error));
    }
  }

  #printerOrThrow(): { printer: LabelPrinter; settings: PrinterSettings; config: PrinterConfig } {
    if (!this.#printer || !this.#config.printer)
      throw new AppError('NOT_FOUND', 'No label printer is set up at this station. Choose one in Settings → Devices.');
    return { printer: this.#printer, settings: printerSettings(this.#config.printer), config: this.#config.printer };
  }

  static previews(zpl: string) {
    return renderLabelPreviews(zpl, { scale: 1 }).map((p) => ({
      dataUrl: `data:image/png;base64,${p.png.toString('base64')}`,
      width: p.width,
      height: p.height,
      warnings: [...p.warnings],
    }));
  }

  async printTest(input: { serial: string; sku?: string | undefined; gtin?: string | undefined }) {
    const { printer, settings } = this.#printerOrThrow();
    let zpl: string;
    try {
      zpl = serialLabel(
        { serial: input.serial, sku: input.sku ?? null, productName: 'Test label', gtin: input.gtin ?? null },
        settings,
      ).zpl;
    } catch (error) {
      if (error instanceof LabelDataError) throw new AppError('BAD_REQUEST', error.message);
      throw error;
    }
    const result = await printer.print(zpl);
    return { ok: result.ok, message: result.message, previews: DeviceManager.previews(zpl) };
  }

  /** The ship stage's labels: packing label(s) listing the serials, and serial labels when configured. */
  async printShipment(input: {
    orderNumber: string;
    customerName: string;
    shipTo: string;
    serials: readonly (PackedSerial & { gtin: string | null })[];
  }): Promise<{ result: PrintResult; zpl: string }> {
    const { printer, settings, config } = this.#printerOrThrow();
    let zpl: string;
    try {
      zpl = packingLabels(
        {
          orderNumber: input.orderNumber,
          customerName: input.customerName,
          shipTo: input.shipTo,
          serials: input.serials,
        },
        settings,
      ).zpl;
      if (config.serialLabels) {
        for (const s of input.serials)
          zpl += serialLabel({ serial: s.serial, sku: s.sku, productName: s.productName, gtin: s.gtin }, settings).zpl;
      }
    } catch (error) {
      if (error instanceof LabelDataError) throw new AppError('BAD_REQUEST', error.message);
      throw error;
    }
    return { result: await printer.print(zpl), zpl };
  }

  async close(): Promise<void> {
    await Promise.all((['scanner', 'scale', 'printer'] as const).map((c) => this.#close(c)));
  }
}
