import os from 'node:os';
import { currentApproval, Dispatcher, type Caller } from './dispatcher';
import { EventBus } from './event-bus';
import { createHandlers } from './handlers';
import { CatalogService } from './services/catalog.service';
import { DemoDataService } from './services/demo-data.service';
import { ImportService } from './services/import.service';
import { OrdersService } from './services/orders.service';
import { TransfersService } from './services/transfers.service';
import { ExportService } from './exports/export.service';
import { DeviceManager } from './devices/device-manager';
import { DemoDevices, SimulatedNamesBus } from './devices/demo-devices';
import { ShipStationService } from './services/ship-station.service';
import { nodeHidBackend, type HidBackend } from './devices/hid/hid-backend';
import { usbHotplugSource, type HotplugSource } from './devices/hotplug';
import type { BackoffOptions } from './devices/backoff';
import { DevicesConfig } from '../shared/ipc/devices.contract';
import { readSetting, writeSetting } from './store/repositories/settings.repository';
import { AdminService, type AdminActor } from './services/admin.service';
import { AuthService } from './services/auth.service';
import { ReceivingService } from './services/receiving.service';
import { ReturnsService } from './services/returns.service';
import { SerialsService } from './services/serials.service';
import { ShiftExportService } from './services/shift-export.service';
import { ShippingService } from './services/shipping.service';
import { StationService } from './services/station.service';
import { StatusService, type StationIdentity } from './services/status.service';
import { readRules } from './store/repositories/settings.repository';
import { Store } from './store/store';

export const APP_VERSION = '0.1.0';

export interface AppContextOptions {
  readonly dataDir: string;
  readonly mode: StationIdentity['mode'];
  readonly stationName?: string;
  /** HID devices come from node-hid unless a test or demo passes a fake backend. */
  readonly hid?: HidBackend;
  /** Open the configured devices (off for one-off CLI commands and most tests). */
  readonly startDevices?: boolean;
  /** USB attach/detach events: the `usb` package unless a test passes a fake, or `false` for none. */
  readonly hotplug?: HotplugSource | false;
  /** Quiet time after USB attach/detach events before devices are looked for again. */
  readonly hotplugDebounceMs?: number;
  /** How scanner and scale drivers back off between reconnect attempts. */
  readonly deviceBackoff?: BackoffOptions;
  /**
   * Start simulated devices (a scale and a label printer) where none is set up. They also
   * start by themselves once chosen for this station, e.g. with the first run's demo data.
   */
  readonly demoDevices?: boolean;
}

export interface Services {
  readonly status: StatusService;
  readonly catalog: CatalogService;
  readonly imports: ImportService;
  readonly demo: DemoDataService;
  readonly receiving: ReceivingService;
  readonly station: StationService;
  readonly auth: AuthService;
  readonly shipping: ShippingService;
  readonly serials: SerialsService;
  readonly returns: ReturnsService;
  readonly orders: OrdersService;
  readonly transfers: TransfersService;
  readonly exports: ExportService;
  readonly admin: AdminService;
  readonly shiftExport: ShiftExportService;
  readonly devices: DeviceManager;
  readonly hid: HidBackend;
  readonly shipStation: ShipStationService;
  readonly demoDevices: DemoDevices;
}

export interface AppContext {
  readonly store: Store;
  readonly bus: EventBus;
  readonly services: Services;
  readonly dispatcher: Dispatcher;
  /** Stops taking calls, waits for in-flight work, closes devices, then the store. */
  close(): Promise<void>;
}

/** The one place that builds the station: store, services, dispatcher. */
export function createAppContext(options: AppContextOptions): AppContext {
  const store = Store.open({ dataDir: options.dataDir });
  const bus = new EventBus();
  const rules = () => readRules(store.statements);
  const imports = new ImportService(store, bus, rules);
  const stationName = options.stationName ?? os.hostname();
  const station = new StationService(store, stationName);
  const auth = new AuthService(store, station.id);
  const serials = new SerialsService(store, rules);
  const hid = options.hid ?? nodeHidBackend();
  const shipping = new ShippingService(store, rules, () => station.shipStages(), auth);
  const loadDevicesConfig = (): DevicesConfig => {
    const parsed = DevicesConfig.safeParse(readSetting(store.statements, `station.${stationName}.devices`));
    return parsed.success ? parsed.data : { scanner: null, scale: null, printer: null };
  };
  // Device statuses pass through a bus that names simulated devices as such.
  const deviceBus = new SimulatedNamesBus(bus);
  const devices = new DeviceManager(deviceBus, {
    hid,
    loadConfig: loadDevicesConfig,
    saveConfig: (config) => store.write(() => writeSetting(store.statements, `station.${stationName}.devices`, config)),
    ...(options.hotplug === false ? {} : { hotplug: options.hotplug ?? usbHotplugSource() }),
    ...(options.hotplugDebounceMs === undefined ? {} : { hotplugDebounceMs: options.hotplugDebounceMs }),
    ...(options.deviceBackoff === undefined ? {} : { backoff: options.deviceBackoff }),
  });
  const demoDevices = new DemoDevices({
    store,
    stationName,
    dataDir: options.dataDir,
    devices,
    bus,
    loadConfig: loadDevicesConfig,
    statusBus: deviceBus,
    available: options.startDevices === true,
  });
  const exports = new ExportService(store, bus, serials, () => station.exportFolder(options.dataDir));
  const shiftExport = new ShiftExportService(store, exports, station, options.dataDir);
  const services: Services = {
    status: new StatusService(store, { version: APP_VERSION, mode: options.mode, stationName }),
    catalog: new CatalogService(store),
    imports,
    demo: new DemoDataService(store, imports, demoDevices),
    receiving: new ReceivingService(store, rules),
    station,
    auth,
    shipping,
    serials,
    returns: new ReturnsService(store, rules),
    orders: new OrdersService(store, rules, serials),
    transfers: new TransfersService(store, rules),
    exports,
    admin: new AdminService(store, station, options.dataDir, shiftExport),
    shiftExport,
    devices,
    hid,
    shipStation: new ShipStationService(shipping, devices),
    demoDevices,
  };
  if (options.startDevices) services.devices.start();
  if (options.startDevices && (options.demoDevices || demoDevices.chosen()))
    demoDevices.start().catch((error: unknown) => console.error('Simulated devices did not start:', error));
  // Under a supervisor's approval given in place, changes also name the supervisor who approved.
  const actorOf = (caller: Caller): AdminActor => {
    const approval = caller.operator?.role === 'supervisor' ? null : currentApproval(caller);
    const actor = station.actor(caller.operator);
    return approval ? { ...actor, approvedBy: approval.name } : actor;
  };
  const dispatcher = new Dispatcher(createHandlers(services, actorOf), {
    beforeCall: (caller) => {
      const shift = caller.operator?.shiftId;
      auth.endIfIdle(caller);
      if (shift != null && caller.operator?.shiftId !== shift) shiftExport.shiftMayHaveEnded();
    },
  });
  // Scheduled online backups run where a station runs, not in one-off CLI commands.
  const stopBackups =
    options.mode === 'cli'
      ? () => {}
      : services.admin.scheduleBackups((error) => console.error('Scheduled backup failed:', error));
  // Shift logs are written where shifts end: a station, not a one-off CLI command.
  const stopShiftExports = options.mode === 'cli' ? () => {} : shiftExport.schedule();
  let closing: Promise<void> | null = null;
  return {
    store,
    bus,
    services,
    dispatcher,
    close() {
      closing ??= (async () => {
        stopBackups();
        stopShiftExports();
        services.exports.cancelAll();
        await dispatcher.drain();
        await shiftExport.idle();
        await services.devices.close();
        await demoDevices.stop();
        store.close();
      })();
      return closing;
    },
  };
}
