/**
 * Demo devices: a simulated serial scale on a virtual serial port, a simulated network label
 * printer on a loopback port, and (on request) a simulated serial scanner. The station talks
 * to them through its real drivers, so a newcomer can weigh and print in the ship wizard
 * without hardware. They are named as simulated wherever the station shows a device, and
 * they only ever take the place of a device that is not set up, or of earlier demo devices.
 */

import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { SimulatedDevicesSummary } from '../../shared/ipc/app.contract';
import {
  DevicesConfig,
  PrinterConfig,
  ScaleConfig,
  ScannerConfig,
  type DevicesView,
  type DeviceStatusView,
} from '../../shared/ipc/devices.contract';
import type { ShipSessionView } from '../../shared/ipc/shipping.contract';
import type { EventName, EventPayload } from '../../shared/ipc';
import { EventBus } from '../event-bus';
import { readRules, readSetting, writeSetting } from '../store/repositories/settings.repository';
import type { Store } from '../store/store';
import type { DeviceManager } from './device-manager';
import { renderLabelPreviews } from './printer/preview/label-preview';
import { PrinterSimulator, type ReceivedLabel } from './printer/printer.simulator';
import { SerialScaleSimulator } from './scale/scale.simulator';
import { SerialScannerSimulator } from './scanner/serial-scanner.simulator';
import { openPtyPair, type PtyPair } from './serial/pty-pair';
import type { DeviceClass } from './types';

/** What the station shows instead of the driver's own name, so nobody mistakes them for hardware. */
export const SIMULATED_NAMES: Readonly<Record<DeviceClass, string>> = {
  scanner: 'Simulated scanner (demo)',
  scale: 'Simulated scale (demo)',
  printer: 'Simulated label printer (demo)',
};

const DETAILS: Readonly<Record<DeviceClass, string>> = {
  scanner: 'A serial scanner on a virtual serial port; it only scans what the demo sends it.',
  scale:
    'An MT-SICS scale on a virtual serial port. When you weigh in Ship, the parcel it "weighs" is the order being packed, a few grams over the expected weight.',
  printer:
    'A network label printer on this computer. It prints nothing on paper: the ship wizard shows each label, and every label is also kept as ZPL and PNG in the data folder under demo-devices/labels.',
};

/** What the demo set up last time, so a later start knows which device choices are its own. */
const DemoDevicesState = z.object({
  chosen: z.boolean(),
  applied: z.object({
    scanner: ScannerConfig.nullable(),
    scale: ScaleConfig.nullable(),
    printer: PrinterConfig.nullable(),
  }),
});
type DemoDevicesState = z.infer<typeof DemoDevicesState>;

export interface DemoDevicesOptions {
  readonly store: Store;
  readonly stationName: string;
  readonly dataDir: string;
  readonly devices: DeviceManager;
  /** The station's own event bus (the devices' live weight arrives there). */
  readonly bus: EventBus;
  /** This station's device choice as stored. */
  readonly loadConfig: () => DevicesConfig;
  /** The bus the device manager reports on; it learns to name simulated devices as such. */
  readonly statusBus?: SimulatedNamesBus;
  /** False where no devices run (one-off CLI commands): starting then only explains why not. */
  readonly available?: boolean;
  /** Also simulate a serial scanner (off by default: the keyboard scanner already works). */
  readonly scanner?: boolean;
  readonly socatPath?: string;
}

/**
 * Forwards every event to the station's bus, renaming the status of a simulated device
 * ("MT-SICS scale on /dev/pts/4" becomes "Simulated scale (demo)") on the way.
 */
export class SimulatedNamesBus extends EventBus {
  readonly #inner: EventBus;
  #rename: (statuses: DeviceStatusView[]) => DeviceStatusView[] = (statuses) => statuses;

  constructor(inner: EventBus) {
    super();
    this.#inner = inner;
  }

  renameWith(rename: (statuses: DeviceStatusView[]) => DeviceStatusView[]): void {
    this.#rename = rename;
  }

  override emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (event === 'devices:status') {
      this.#inner.emit('devices:status', this.#rename(payload as EventPayload<'devices:status'>));
      return;
    }
    this.#inner.emit(event, payload);
  }

  override subscribe(listener: Parameters<EventBus['subscribe']>[0]): () => void {
    return this.#inner.subscribe(listener);
  }
}

interface Running {
  readonly pairs: PtyPair[];
  printer: PrinterSimulator | null;
  scale: SerialScaleSimulator | null;
  scanner: SerialScannerSimulator | null;
  /** The device settings pointing at the simulators, as applied to the station. */
  readonly configs: { scanner: ScannerConfig | null; scale: ScaleConfig | null; printer: PrinterConfig | null };
}

/** Characters socat would read as address syntax; such a data folder gets unnamed ports. */
const SOCAT_UNSAFE = /[,:!"'\\\s{}[\]()]/;

/** What the simulated devices started as (or why not), a line each, for a station's console. */
export async function simulatedDevicesReport(demo: DemoDevices): Promise<string[]> {
  try {
    const summary = await demo.start();
    return [...summary.devices.map((device) => `${device.name}: ${device.detail}`), ...summary.notes];
  } catch (error) {
    return [`Simulated devices did not start: ${error instanceof Error ? error.message : String(error)}`];
  }
}

export class DemoDevices {
  readonly #options: DemoDevicesOptions;
  readonly #dir: string;
  readonly #running: Running = {
    pairs: [],
    printer: null,
    scale: null,
    scanner: null,
    configs: { scanner: null, scale: null, printer: null },
  };
  #starting: Promise<SimulatedDevicesSummary> | null = null;
  #stopped = false;

  constructor(options: DemoDevicesOptions) {
    this.#options = options;
    this.#dir = path.join(options.dataDir, 'demo-devices');
    // The device manager's own copy of the choice: a status can arrive after the store has closed.
    options.statusBus?.renameWith((statuses) => this.describe(statuses, options.devices.view().config));
  }

  /** Whether someone chose demo devices for this station (they come back at the next start). */
  chosen(): boolean {
    return this.#state()?.chosen ?? false;
  }

  /** Starts the simulators and points the station at them; calling again returns the same outcome. */
  start(): Promise<SimulatedDevicesSummary> {
    // One-off commands open no devices, so there is nothing to simulate them for.
    if (this.#options.available === false) return Promise.resolve({ devices: [], notes: [] });
    this.#starting ??= this.#start().catch(async (error: unknown) => {
      // Nothing half-started stays behind, and asking again tries again.
      await this.#closeSimulators();
      this.#starting = null;
      throw error;
    });
    return this.#starting;
  }

  /** The labels the simulated printer received, oldest first. */
  get labels(): readonly ReceivedLabel[] {
    return this.#running.printer?.labels ?? [];
  }

  /** Waits until the simulated printer has received `count` labels in all. */
  waitForLabels(count: number, timeoutMs?: number): Promise<ReceivedLabel[]> {
    const printer = this.#running.printer;
    if (!printer) return Promise.reject(new Error('No simulated label printer is running.'));
    return printer.waitForLabels(count, timeoutMs);
  }

  /** Sends a scan from the simulated serial scanner. */
  async scan(text: string): Promise<void> {
    const scanner = this.#running.scanner;
    if (!scanner) throw new Error('No simulated scanner is running.');
    await scanner.scan(text);
  }

  /** Whether `deviceClass` is currently one of ours in this device choice. */
  isSimulated(deviceClass: DeviceClass, config: DevicesConfig): boolean {
    const ours = this.#running.configs[deviceClass];
    return ours !== null && isDeepStrictEqual(config[deviceClass], ours);
  }

  /** Device statuses with simulated devices named as such. */
  describe(statuses: DeviceStatusView[], config: DevicesConfig): DeviceStatusView[] {
    return statuses.map((status) =>
      this.isSimulated(status.deviceClass, config) ? { ...status, name: SIMULATED_NAMES[status.deviceClass] } : status,
    );
  }

  /** The Devices screen's view with simulated devices named as such. */
  describeView(view: DevicesView): DevicesView {
    return { ...view, statuses: this.describe(view.statuses, view.config) };
  }

  /**
   * The packer puts the packed parcel on the simulated scale: it weighs what the order should
   * weigh plus a little (well inside the weight tolerance), and settles after a moment of
   * motion. Nothing happens when the station's scale is a real one.
   */
  async putParcelOnScale(view: Pick<ShipSessionView, 'lines'>): Promise<void> {
    const scale = this.#running.scale;
    if (!scale || !this.isSimulated('scale', this.#options.devices.view().config)) return;
    const grams = this.parcelGrams(view);
    const settled = this.#nextSteadyReading(grams, 3000);
    scale.set({ grams, motion: false });
    scale.motionFor(2);
    await settled;
  }

  /** What the parcel of this order weighs on the simulated scale. */
  parcelGrams(view: Pick<ShipSessionView, 'lines'>): number {
    const s = this.#options.store.statements;
    const rules = readRules(s);
    let expected = rules.packagingWeightG;
    for (const line of view.lines) {
      const row = s
        .sql<[string], { unit_weight_g: number | null }>('SELECT unit_weight_g FROM products WHERE sku = ?')
        .get(line.sku);
      // A product without a weight: the wizard compares nothing, any plausible parcel will do.
      if (!row || row.unit_weight_g === null) return 750;
      expected += row.unit_weight_g * line.qty;
    }
    // A real parcel is never exactly its expected weight: about 1 % over, within half the tolerance.
    const halfTolerance = Math.floor((expected * rules.weightTolerancePercent) / 200);
    const extra = Math.min(Math.max(1, Math.round(expected / 100)), halfTolerance);
    return Math.max(1, Math.round(expected) + extra);
  }

  /** Stops the simulators (the station's drivers should be closed first). */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#starting?.catch(() => undefined);
    await this.#closeSimulators();
  }

  async #start(): Promise<SimulatedDevicesSummary> {
    const notes: string[] = [];
    const current = this.#options.loadConfig();
    const previous = this.#state()?.applied ?? { scanner: null, scale: null, printer: null };
    // Ours to set: nothing chosen yet, or still what the demo chose last time.
    const free = (deviceClass: DeviceClass) => {
      const value = current[deviceClass];
      const nothing = value === null || (deviceClass === 'scanner' && current.scanner?.kind === 'wedge');
      const ours = previous[deviceClass] !== null && isDeepStrictEqual(value, previous[deviceClass]);
      if (!nothing && !ours) notes.push(`This station's own ${WORDS[deviceClass]} stays selected; no simulated one.`);
      return nothing || ours;
    };
    const wants = {
      printer: free('printer'),
      scale: free('scale'),
      scanner: this.#options.scanner === true && free('scanner'),
    };
    fs.mkdirSync(this.#dir, { recursive: true });

    if (wants.printer) await this.#startPrinter(previous.printer, notes);
    if (wants.scale && !this.#stopped) await this.#startScale(notes);
    if (wants.scanner && !this.#stopped) await this.#startScanner(notes);
    if (this.#stopped) {
      await this.#closeSimulators();
      return { devices: [], notes: ['The station closed before the simulated devices were ready.'] };
    }

    const configs = this.#running.configs;
    const patch: Partial<DevicesConfig> = {};
    for (const deviceClass of ['scanner', 'scale', 'printer'] as const) {
      if (configs[deviceClass] !== null) Object.assign(patch, { [deviceClass]: configs[deviceClass] });
    }
    if (Object.keys(patch).length > 0) await this.#options.devices.configure(patch);

    const s = this.#options.store.statements;
    const stagesKey = `station.${this.#options.stationName}.stages`;
    this.#options.store.write(() => {
      writeSetting(s, this.#stateKey(), {
        chosen: true,
        applied: {
          scanner: configs.scanner ?? previous.scanner,
          scale: configs.scale ?? previous.scale,
          printer: configs.printer ?? previous.printer,
        },
      } satisfies DemoDevicesState);
      // A station nobody has set stages for weighs and prints with whatever devices it now has.
      if (readSetting(s, stagesKey) === undefined) {
        const config = this.#options.loadConfig();
        writeSetting(s, stagesKey, { weigh: config.scale !== null, print: config.printer !== null });
      }
    });

    const devices = (['scanner', 'scale', 'printer'] as const)
      .filter((deviceClass) => configs[deviceClass] !== null)
      .map((deviceClass) => ({ deviceClass, name: SIMULATED_NAMES[deviceClass], detail: DETAILS[deviceClass] }));
    return { devices, notes };
  }

  async #startPrinter(previous: PrinterConfig | null, notes: string[]): Promise<void> {
    const saveDir = path.join(this.#dir, 'labels');
    // The same port as last time keeps the stored address valid; any free one will do otherwise.
    const lastPort = previous ? /^tcp:\/\/127\.0\.0\.1:(\d+)$/.exec(previous.address)?.[1] : undefined;
    let printer: PrinterSimulator;
    try {
      printer = await PrinterSimulator.start({ host: '127.0.0.1', port: Number(lastPort ?? 0), saveDir }).catch(
        (error: unknown) => {
          if (lastPort === undefined) throw error;
          return PrinterSimulator.start({ host: '127.0.0.1', port: 0, saveDir });
        },
      );
    } catch (error) {
      notes.push(`No simulated label printer: ${messageOf(error)}`);
      return;
    }
    printer.on('label', (label) => keepPreview(label));
    this.#running.printer = printer;
    this.#running.configs.printer = PrinterConfig.parse({ address: printer.url });
  }

  async #startScale(notes: string[]): Promise<void> {
    try {
      const pair = await this.#ptyPair('scale');
      this.#running.pairs.push(pair);
      this.#running.scale = await SerialScaleSimulator.open({ path: pair.b, protocol: 'mt-sics', unit: 'kg' });
      this.#running.configs.scale = ScaleConfig.parse({ kind: 'mt-sics', path: pair.a });
    } catch (error) {
      notes.push(
        `No simulated scale: ${messageOf(error)} Without it, type the parcel's weight in the ship wizard's weigh step.`,
      );
    }
  }

  async #startScanner(notes: string[]): Promise<void> {
    try {
      const pair = await this.#ptyPair('scanner');
      this.#running.pairs.push(pair);
      this.#running.scanner = await SerialScannerSimulator.open({ path: pair.b, suffix: 'CR' });
      this.#running.configs.scanner = ScannerConfig.parse({ kind: 'serial', path: pair.a, suffix: 'CR' });
    } catch (error) {
      notes.push(`No simulated scanner: ${messageOf(error)} The keyboard scanner still works.`);
    }
  }

  /** A virtual serial cable whose station end has a telling name in the data folder. */
  #ptyPair(name: string): Promise<PtyPair> {
    const station = path.join(this.#dir, `simulated-${name}`);
    const simulator = path.join(this.#dir, `.simulated-${name}-far-end`);
    const pairOptions = this.#options.socatPath === undefined ? {} : { socatPath: this.#options.socatPath };
    if (SOCAT_UNSAFE.test(this.#dir)) return openPtyPair(pairOptions);
    // A link left behind by a station that did not stop cleanly would point at nothing.
    for (const link of [station, simulator]) fs.rmSync(link, { force: true });
    return openPtyPair({ ...pairOptions, links: [station, simulator] });
  }

  async #closeSimulators(): Promise<void> {
    const running = this.#running;
    const closing: Promise<unknown>[] = [];
    if (running.scanner) closing.push(running.scanner.close());
    if (running.scale) closing.push(running.scale.close());
    if (running.printer) closing.push(running.printer.close());
    running.scanner = null;
    running.scale = null;
    running.printer = null;
    await Promise.allSettled(closing);
    await Promise.allSettled(running.pairs.splice(0).map((pair) => pair.close()));
  }

  /** Resolves at the first stable reading of `grams` (or after `timeoutMs`, whatever it shows). */
  #nextSteadyReading(grams: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const unsubscribe = this.#options.bus.subscribe((event, payload) => {
        if (event !== 'devices:weight') return;
        const weight = payload as EventPayload<'devices:weight'>;
        if (weight.stable && weight.grams !== null && Math.abs(weight.grams - grams) < 0.5) done();
      });
    });
  }

  #stateKey(): string {
    return `station.${this.#options.stationName}.demoDevices`;
  }

  #state(): DemoDevicesState | null {
    const parsed = DemoDevicesState.safeParse(readSetting(this.#options.store.statements, this.#stateKey()));
    return parsed.success ? parsed.data : null;
  }
}

const WORDS: Readonly<Record<DeviceClass, string>> = { scanner: 'scanner', scale: 'scale', printer: 'label printer' };

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** label-0001.zpl gets label-0001.png beside it (label-0001-2.png, … when one job held several). */
function keepPreview(label: ReceivedLabel): void {
  if (label.savedTo === null) return;
  try {
    const previews = renderLabelPreviews(label.zpl);
    previews.forEach((preview, index) => {
      const suffix = index === 0 ? '' : `-${index + 1}`;
      fs.writeFileSync(label.savedTo!.replace(/\.zpl$/, `${suffix}.png`), preview.png);
    });
  } catch {
    // The ZPL is kept either way; a preview is a convenience.
  }
}
