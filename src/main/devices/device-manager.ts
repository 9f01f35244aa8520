import { AppError } from '../../shared/errors';
import type {
  DevicesConfig,
  DevicesView,
  DeviceStatusView,
  HidIdentity,
  HotplugView,
  PrinterConfig,
  ScaleConfig,
  ScannerConfig,
  WeightView,
} from '../../shared/ipc/devices.contract';
import type { EventBus } from '../event-bus';
import type { BackoffOptions } from './backoff';
import { listAttached, serialPortPresent } from './discovery';
import {
  describeHidDevice,
  findHidCandidates,
  nodeHidBackend,
  type HidBackend,
  type HidFilter,
} from './hid/hid-backend';
import { identityOf, resolveHidChoice, sameIdentity } from './hid/hid-choice';
import { HotplugWatcher, type HotplugSource, type HotplugState } from './hotplug';
import {
  createPrinter,
  parsePrinterAddress,
  PrinterAddressError,
  type PrinterAddress,
  type PrinterDeps,
} from './printer/registry';
import { renderLabelPreviews } from './printer/preview/label-preview';
import {
  DEFAULT_PRINTER_SETTINGS,
  toDeviceStatus,
  type LabelPrinter,
  type PrinterSettings,
  type PrintResult,
} from './printer/types';
import { findUsbDevice } from './printer/usb-printer';
import { LabelDataError } from './printer/zpl/encoding';
import { packingLabels, type PackedSerial } from './printer/zpl/packing-label';
import { serialLabel } from './printer/zpl/serial-label';
import { commandLabels } from './printer/zpl/command-labels';
import { SCALE_USAGE_PAGE } from './scale/hid-pos-scale-report';
import { createScale } from './scale/registry';
import type { Scale } from './scale/types';
import { BAR_CODE_SCANNER_USAGE, SCANNER_USAGE_PAGE } from './scanner/hid-pos-report';
import { createScanner } from './scanner/registry';
import type { Scanner } from './scanner/types';
import type { DeviceClass, DeviceStatus, HidDeviceInfo, WeightReading } from './types';

export interface DeviceManagerDeps {
  readonly hid?: HidBackend;
  /** Loads and saves this station's device configuration. */
  readonly loadConfig: () => DevicesConfig;
  readonly saveConfig: (config: DevicesConfig) => void;
  /**
   * USB attach/detach events (the `usb` package on a station). Without them, an unplugged
   * device is only found again by its driver's backoff.
   */
  readonly hotplug?: HotplugSource;
  /** Quiet time after the last attach/detach before devices are looked for; default 500 ms. */
  readonly hotplugDebounceMs?: number;
  /** How scanner and scale drivers back off between reconnect attempts. */
  readonly backoff?: BackoffOptions;
  /** Where printer drivers find USB devices and CUPS; the real ones unless a test passes fakes. */
  readonly printer?: PrinterDeps;
}

type LocalClass = 'scanner' | 'scale';
const LOCAL_CLASSES: readonly LocalClass[] = ['scanner', 'scale'];
const ALL_CLASSES: readonly DeviceClass[] = ['scanner', 'scale', 'printer'];

/** Which attached device a station's scanner or scale setting points at. */
type Selection =
  | { readonly kind: 'hid'; readonly path: string | undefined; readonly filter: HidFilter }
  | { readonly kind: 'serial'; readonly path: string };

type Resolution =
  | { readonly kind: 'one'; readonly device: HidDeviceInfo; readonly driverPath: string | undefined }
  | { readonly kind: 'none'; readonly driverPath: string | undefined }
  | { readonly kind: 'many'; readonly devices: readonly HidDeviceInfo[] };

/** What the manager knows about the device behind a scanner or scale driver. */
interface Tracked {
  /** The device path the driver uses, when known. */
  boundPath: string | null;
  /** The chosen device's ids, to follow it to a new path after it is plugged back in. */
  identity: HidIdentity | null;
  /** Seen attached at the last look. */
  present: boolean;
  /** Why no driver is open although a device is chosen (two devices match the choice). */
  blocked: string | null;
}

const WHAT: Record<DeviceClass, string> = { scanner: 'scanner', scale: 'scale', printer: 'label printer' };

const NOT_CONFIGURED = (deviceClass: DeviceClass, detail: string): DeviceStatus => ({
  deviceClass,
  state: 'not-configured',
  name: deviceClass === 'scanner' ? 'Scanner' : deviceClass === 'scale' ? 'Scale' : 'Label printer',
  detail,
  since: new Date().toISOString(),
});

/** The label layout a printer choice prints with. */
export function printerSettings(config: PrinterConfig): PrinterSettings {
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

/** The device a scanner or scale choice was saved with, if it was saved with one. */
function savedIdentity(config: ScannerConfig | ScaleConfig | null): HidIdentity | null {
  return config?.kind === 'hid-pos' ? (config.identity ?? null) : null;
}

/**
 * A HID choice saved again at the same path without a device (the settings form does not carry
 * one) still means the device it named; any other change is a new choice.
 */
function keepIdentity<T extends ScannerConfig | ScaleConfig | null>(before: T, after: T): T {
  if (after?.kind !== 'hid-pos' || after.identity !== undefined || after.path === undefined) return after;
  if (before?.kind !== 'hid-pos' || before.path !== after.path || before.identity === undefined) return after;
  return { ...after, identity: before.identity };
}

/** The message for a choice that more than one attached device fits. */
function ambiguousChoice(deviceClass: LocalClass, devices: readonly HidDeviceInfo[]): string {
  const count = devices.length === 2 ? 'Two' : String(devices.length);
  return (
    `${count} ${WHAT[deviceClass]}s match this station's choice (${devices.map(describeHidDevice).join('; ')}): ` +
    `pick one in Settings → Devices.`
  );
}

/**
 * This station's scanner, scale and label printer: opened from the station's settings,
 * reconnecting by themselves (each driver backs off on its own, and USB hot-plug events bring a
 * replugged device back at once), reporting status to the station frame, and never throwing into
 * a wizard: a device problem is a message, and the session it interrupts is kept.
 */
export class DeviceManager {
  readonly #bus: EventBus;
  readonly #deps: DeviceManagerDeps;
  readonly #hid: HidBackend;
  #config: DevicesConfig = { scanner: null, scale: null, printer: null };
  #scanner: Scanner | null = null;
  #scale: Scale | null = null;
  #printer: LabelPrinter | null = null;
  #statuses: Record<DeviceClass, DeviceStatus> = {
    scanner: NOT_CONFIGURED('scanner', 'Keyboard scanner (typed into the scan field)'),
    scale: NOT_CONFIGURED('scale', 'No scale chosen'),
    printer: NOT_CONFIGURED('printer', 'No label printer chosen'),
  };
  readonly #tracked: Record<LocalClass, Tracked> = {
    scanner: { boundPath: null, identity: null, present: false, blocked: null },
    scale: { boundPath: null, identity: null, present: false, blocked: null },
  };
  #watcher: HotplugWatcher | null = null;
  /** Whether the chosen USB printer was attached at the last look; null before the first. */
  #usbPrinterPresent: boolean | null = null;
  /** Opening, closing and re-enumerating run one at a time, in order. */
  #queue: Promise<void> = Promise.resolve();
  #started = false;
  #closed = false;

  constructor(bus: EventBus, deps: DeviceManagerDeps) {
    this.#bus = bus;
    this.#deps = deps;
    this.#hid = deps.hid ?? nodeHidBackend();
  }

  /** Opens the configured devices and starts listening for USB attach/detach. */
  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#config = this.#deps.loadConfig();
    // A HID device saved with the choice is followed from the start, even if its path moved while the station was off.
    for (const deviceClass of LOCAL_CLASSES)
      this.#tracked[deviceClass].identity = savedIdentity(this.#config[deviceClass]);
    void this.#run(async () => {
      for (const deviceClass of ALL_CLASSES) await this.#open(deviceClass);
    });
    if (this.#deps.hotplug) {
      const watcher = new HotplugWatcher({
        source: this.#deps.hotplug,
        ...(this.#deps.hotplugDebounceMs === undefined ? {} : { debounceMs: this.#deps.hotplugDebounceMs }),
        onSettled: () =>
          void this.#run(() => this.#rescan()).catch((error: unknown) =>
            console.error('Attached devices could not be looked for again:', error),
          ),
      });
      this.#watcher = watcher;
      void watcher.start().then((state) => {
        if (state.state === 'unavailable')
          console.warn(
            `USB hot-plug is unavailable on this computer (${state.reason}); ` +
              'unplugged devices are looked for again with backoff instead.',
          );
      });
    }
  }

  /** Whether USB attach/detach events are being listened to, and why not when they cannot be. */
  get hotplug(): HotplugState {
    return this.#watcher?.state ?? { state: 'off' };
  }

  view(): DevicesView {
    return {
      statuses: this.statuses(),
      config: this.#config,
      weight: weightView(this.#scale?.lastReading ?? null),
      hotplug: this.#hotplugView(),
    };
  }

  /** Hot-plug in the words of the Devices screen: on, off and why, or still starting. */
  #hotplugView(): HotplugView {
    if (!this.#deps.hotplug) return { state: 'off', reason: 'this station does not listen for USB plug-in events' };
    if (!this.#started || this.#closed) return { state: 'off', reason: 'the devices are not opened here' };
    const state = this.hotplug;
    if (state.state === 'watching') return { state: 'on', reason: null };
    if (state.state === 'unavailable') return { state: 'off', reason: state.reason };
    return { state: 'starting', reason: null };
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
    return this.#run(async () => {
      const next: DevicesConfig = {
        ...this.#config,
        ...patch,
        ...('scanner' in patch ? { scanner: keepIdentity(this.#config.scanner, patch.scanner ?? null) } : {}),
        ...('scale' in patch ? { scale: keepIdentity(this.#config.scale, patch.scale ?? null) } : {}),
      };
      this.#deps.saveConfig(next);
      this.#config = next;
      for (const deviceClass of ALL_CLASSES) {
        if (!(deviceClass in patch)) continue;
        // A new choice is a new device: the one followed until now is forgotten (kept when the same choice is saved again).
        if (deviceClass !== 'printer') this.#tracked[deviceClass].identity = savedIdentity(next[deviceClass]);
        else this.#usbPrinterPresent = null;
        await this.#close(deviceClass);
        await this.#open(deviceClass);
      }
      return this.view();
    });
  }

  /** Runs `work` after everything queued before it; a failure does not stop what comes after. */
  #run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(work);
    this.#queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  #setStatus(status: DeviceStatus): void {
    this.#statuses = { ...this.#statuses, [status.deviceClass]: status };
    this.#bus.emit('devices:status', this.statuses());
  }

  #statusNow(deviceClass: DeviceClass, state: DeviceStatus['state'], detail: string): void {
    this.#setStatus({
      deviceClass,
      state,
      name: this.#statuses[deviceClass].name,
      detail,
      since: new Date().toISOString(),
    });
  }

  #selection(deviceClass: LocalClass): Selection | null {
    if (deviceClass === 'scanner') {
      const config = this.#config.scanner;
      if (!config || config.kind === 'wedge') return null;
      if (config.kind === 'serial') return { kind: 'serial', path: config.path };
      return {
        kind: 'hid',
        path: config.path,
        filter: { usagePage: SCANNER_USAGE_PAGE, usage: BAR_CODE_SCANNER_USAGE },
      };
    }
    const config = this.#config.scale;
    if (!config) return null;
    if (config.kind === 'hid-pos') return { kind: 'hid', path: config.path, filter: { usagePage: SCALE_USAGE_PAGE } };
    return { kind: 'serial', path: config.path };
  }

  /** The attached device a HID choice points at (see resolveHidChoice). */
  #resolve(
    deviceClass: LocalClass,
    selection: Selection & { kind: 'hid' },
    listing: readonly HidDeviceInfo[],
  ): Resolution {
    const candidates = findHidCandidates(listing, selection.filter);
    const choice = resolveHidChoice(candidates, selection.path, this.#tracked[deviceClass].identity);
    if (choice.kind === 'many') return choice;
    if (choice.kind === 'none') return { kind: 'none', driverPath: selection.path };
    // Without a chosen path the driver takes the one device there is, or says why it cannot.
    return {
      kind: 'one',
      device: choice.device,
      driverPath: selection.path === undefined ? undefined : choice.device.path,
    };
  }

  #block(deviceClass: LocalClass, devices: readonly HidDeviceInfo[]): void {
    const message = ambiguousChoice(deviceClass, devices);
    const tracked = this.#tracked[deviceClass];
    tracked.blocked = message;
    tracked.present = false;
    tracked.boundPath = null;
    this.#setStatus({
      deviceClass,
      state: 'error',
      name: deviceClass === 'scanner' ? 'USB HID scanner' : 'USB HID scale',
      detail: message,
      since: new Date().toISOString(),
    });
  }

  async #open(deviceClass: DeviceClass): Promise<void> {
    if (this.#closed) return;
    try {
      if (deviceClass === 'printer') return this.#openPrinter();
      const tracked = this.#tracked[deviceClass];
      tracked.blocked = null;
      const selection = this.#selection(deviceClass);
      if (!selection) {
        tracked.boundPath = null;
        tracked.present = false;
        return this.#setStatus(
          deviceClass === 'scanner'
            ? NOT_CONFIGURED('scanner', 'Keyboard scanner (typed into the scan field)')
            : NOT_CONFIGURED('scale', 'No scale chosen'),
        );
      }
      let driverPath = selection.path;
      if (selection.kind === 'hid') {
        const attached = await listAttached(this.#hid);
        if (this.#closed) return;
        // A listing that fails here fails in the driver too, which reports it.
        const resolution = attached.hid ? this.#resolve(deviceClass, selection, attached.hid) : null;
        if (resolution?.kind === 'many') return this.#block(deviceClass, resolution.devices);
        if (resolution) driverPath = resolution.driverPath;
        tracked.present = resolution?.kind === 'one';
        tracked.boundPath = resolution?.kind === 'one' ? (resolution.device.path ?? null) : null;
        if (resolution?.kind === 'one' && selection.path !== undefined) {
          tracked.identity = identityOf(resolution.device);
          this.#remember(deviceClass, resolution.device);
        }
      } else {
        tracked.present = await serialPortPresent(selection.path);
        if (this.#closed) return;
        tracked.boundPath = selection.path;
      }
      if (deviceClass === 'scanner') this.#openScanner(driverPath);
      else this.#openScale(driverPath);
    } catch (error) {
      this.#statusNow(deviceClass, 'error', error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * Saves where the chosen HID device is now and which device it is, so that the next start
   * finds it even at a new path.
   */
  #remember(deviceClass: LocalClass, device: HidDeviceInfo): void {
    const config = this.#config[deviceClass];
    if (config?.kind !== 'hid-pos' || device.path === undefined) return;
    const identity = identityOf(device);
    if (config.path === device.path && config.identity !== undefined && sameIdentity(device, config.identity)) return;
    const next: DevicesConfig = { ...this.#config, [deviceClass]: { ...config, path: device.path, identity } };
    try {
      this.#deps.saveConfig(next);
      this.#config = next;
    } catch (error) {
      // The device is used all the same; only the next start may have to be told again.
      console.error(`Where the ${WHAT[deviceClass]} is now could not be saved:`, error);
    }
  }

  #driverOptions(path: string | undefined) {
    return {
      ...(path === undefined ? {} : { path }),
      ...(this.#deps.backoff === undefined ? {} : { backoff: this.#deps.backoff }),
    };
  }

  #openScanner(path: string | undefined): void {
    const config = this.#config.scanner;
    if (!config || config.kind === 'wedge') return;
    const scanner = createScanner(
      config.kind === 'serial'
        ? {
            kind: 'serial',
            path: config.path,
            ...(config.baudRate ? { baudRate: config.baudRate } : {}),
            ...(config.suffix ? { suffix: config.suffix } : {}),
            ...this.#driverOptions(undefined),
          }
        : { kind: 'hid-pos', ...this.#driverOptions(path) },
      { hid: this.#hid },
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
  }

  #openScale(path: string | undefined): void {
    const config = this.#config.scale;
    if (!config) return;
    const scale = createScale(
      config.kind === 'hid-pos'
        ? { kind: 'hid-pos', ...this.#driverOptions(path) }
        : {
            kind: config.kind,
            path: config.path,
            ...(config.baudRate ? { baudRate: config.baudRate } : {}),
            ...(config.unit ? { unit: config.unit } : {}),
            ...this.#driverOptions(undefined),
          },
      { hid: this.#hid },
    );
    scale.on('status', (status) => this.#setStatus(status));
    scale.on('reading', (reading) => this.#bus.emit('devices:weight', weightView(reading)!));
    this.#scale = scale;
    scale.start();
  }

  #openPrinter(): void {
    const config = this.#config.printer;
    if (!config) return this.#setStatus(NOT_CONFIGURED('printer', 'No label printer chosen'));
    const printer = createPrinter(parsePrinterAddress(config.address), this.#deps.printer ?? {});
    printer.on('status', (status) => this.#setStatus(toDeviceStatus(printer.name, status)));
    this.#printer = printer;
    this.#setStatus({
      deviceClass: 'printer',
      state: 'connected',
      name: printer.name,
      detail: 'Ready (checked at the first print)',
      since: new Date().toISOString(),
    });
    this.#checkPrinter();
  }

  #checkPrinter(): void {
    const printer = this.#printer;
    if (!printer) return;
    void printer.status().then((status) => {
      if (this.#printer === printer) this.#setStatus(toDeviceStatus(printer.name, status));
    });
  }

  async #close(deviceClass: DeviceClass): Promise<void> {
    const device = deviceClass === 'scanner' ? this.#scanner : deviceClass === 'scale' ? this.#scale : this.#printer;
    if (deviceClass === 'scanner') this.#scanner = null;
    if (deviceClass === 'scale') this.#scale = null;
    if (deviceClass === 'printer') this.#printer = null;
    if (deviceClass !== 'printer') this.#tracked[deviceClass].boundPath = null;
    if (device) {
      device.removeAllListeners();
      await device.close().catch(() => undefined);
    }
  }

  async #reopen(deviceClass: LocalClass): Promise<void> {
    await this.#close(deviceClass);
    await this.#open(deviceClass);
  }

  /**
   * After a burst of USB attach/detach events: says "unplugged" for a chosen device that is
   * gone, and reopens one that is back at once instead of leaving it to the driver's backoff.
   */
  async #rescan(): Promise<void> {
    if (this.#closed) return;
    const needsHid = LOCAL_CLASSES.some((deviceClass) => this.#selection(deviceClass)?.kind === 'hid');
    const attached = needsHid ? await listAttached(this.#hid) : null;
    for (const deviceClass of LOCAL_CLASSES) {
      if (this.#closed) return;
      const selection = this.#selection(deviceClass);
      if (!selection) continue;
      const tracked = this.#tracked[deviceClass];
      const driver = deviceClass === 'scanner' ? this.#scanner : this.#scale;
      const state = driver?.status.state;
      const stuck = state === 'reconnecting' || state === 'error';
      if (selection.kind === 'serial') {
        const present = await serialPortPresent(selection.path);
        if (!present && tracked.present) this.#unplugged(deviceClass);
        else if (present && (!tracked.present || !driver || stuck)) await this.#reopen(deviceClass);
        continue;
      }
      if (!attached?.hid) continue;
      const resolution = this.#resolve(deviceClass, selection, attached.hid);
      if (resolution.kind === 'many') {
        // The device in use stays in use; the choice only has to be made when it is opened again.
        const inUse =
          tracked.present &&
          state === 'connected' &&
          resolution.devices.some((device) => device.path === tracked.boundPath);
        if (!inUse) {
          await this.#close(deviceClass);
          this.#block(deviceClass, resolution.devices);
        }
      } else if (resolution.kind === 'none') {
        if (tracked.blocked !== null) await this.#reopen(deviceClass);
        else if (tracked.present) this.#unplugged(deviceClass);
      } else if (
        tracked.blocked !== null ||
        !driver ||
        !tracked.present ||
        stuck ||
        tracked.boundPath !== (resolution.device.path ?? null)
      ) {
        await this.#reopen(deviceClass);
      }
    }
    const address = this.#printerAddress();
    if (address?.kind === 'usb') await this.#rescanUsbPrinter(address);
  }

  #printerAddress(): PrinterAddress | null {
    const config = this.#config.printer;
    if (!config) return null;
    try {
      return parsePrinterAddress(config.address);
    } catch {
      return null;
    }
  }

  /**
   * A chosen USB printer that was unplugged is opened anew when it is back: a job cut off by the
   * unplugging must not hold up the labels printed after it, and the printer is a new device to
   * the operating system.
   */
  async #rescanUsbPrinter(address: Extract<PrinterAddress, { kind: 'usb' }>): Promise<void> {
    const find = this.#deps.printer?.findUsbDevice ?? findUsbDevice;
    let present: boolean;
    try {
      present = (await find(address.vendorId, address.productId)) !== undefined;
    } catch {
      // USB devices cannot be listed here: the driver says why at its next status check.
      return this.#checkPrinter();
    }
    if (this.#closed || !this.#printer) return;
    const before = this.#usbPrinterPresent;
    this.#usbPrinterPresent = present;
    if (!present) {
      if (before !== false)
        this.#statusNow(
          'printer',
          'disconnected',
          'Unplugged — the label printer is used again once it is plugged back in',
        );
      return;
    }
    if (before === false || this.#statuses.printer.state === 'disconnected') {
      await this.#close('printer');
      await this.#open('printer');
    }
  }

  #unplugged(deviceClass: LocalClass): void {
    this.#tracked[deviceClass].present = false;
    this.#statusNow(
      deviceClass,
      'reconnecting',
      `Unplugged — the ${WHAT[deviceClass]} reconnects as soon as it is plugged back in`,
    );
  }

  async readWeight(timeoutMs = 10_000): Promise<WeightView> {
    const blocked = this.#tracked.scale.blocked;
    if (blocked !== null) throw new AppError('CONFLICT', blocked);
    if (!this.#scale)
      throw new AppError(
        'NOT_FOUND',
        'No scale is set up at this station. Choose one in Settings → Devices, or type the weight.',
      );
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const scale: Scale = this.#scale;
      try {
        return weightView(
          await scale.readStable({ timeoutMs: Math.max(1, deadline - Date.now()), requireLoad: true }),
        )!;
      } catch (error) {
        // Plugged back in while the packer waited: the scale was reopened, and the wait goes on with it.
        if (this.#scale !== scale && Date.now() < deadline) {
          await this.#queue;
          if (this.#scale !== null) continue;
        }
        if (this.#tracked.scale.blocked !== null) throw new AppError('CONFLICT', this.#tracked.scale.blocked);
        const status = this.#statuses.scale;
        const message =
          status.state === 'reconnecting' || status.state === 'error'
            ? `The scale is not available (${status.detail}). Plug it back in or fix it, or type the weight.`
            : error instanceof Error
              ? error.message
              : String(error);
        throw new AppError('WEIGHT_OUT_OF_TOLERANCE', message);
      }
    }
  }

  async zeroScale(): Promise<{ zeroed: boolean }> {
    if (this.#tracked.scale.blocked !== null) throw new AppError('CONFLICT', this.#tracked.scale.blocked);
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

  /** The command barcodes, on labels to stick by the scanner. */
  async printCommands() {
    const { printer, settings } = this.#printerOrThrow();
    let zpl: string;
    try {
      zpl = commandLabels(settings).zpl;
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
    this.#closed = true;
    this.#watcher?.stop();
    await this.#queue;
    await Promise.all(ALL_CLASSES.map((deviceClass) => this.#close(deviceClass)));
  }
}
