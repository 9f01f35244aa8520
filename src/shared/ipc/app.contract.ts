import { z } from 'zod';
import { defineContract, NoInput } from './contract';

export const StationStatus = z.object({
  version: z.string(),
  mode: z.enum(['desktop', 'browser', 'cli']),
  stationName: z.string(),
  schemaVersion: z.number().int(),
  /** True while the store holds no products, orders or purchase orders. */
  firstRun: z.boolean(),
  demoData: z.boolean(),
  counts: z.object({
    products: z.number().int(),
    orders: z.number().int(),
    purchaseOrders: z.number().int(),
    units: z.number().int(),
    shippedSerials: z.number().int(),
  }),
});
export type StationStatus = z.infer<typeof StationStatus>;

/** What the station frame shows: station, mode, store counts and whether this is a first run. */
export const getStatus = defineContract({
  channel: 'app:get-status',
  input: NoInput,
  output: StationStatus,
});

/** Simulated devices the demo pointed this station at, and why any were left out. */
export const SimulatedDevicesSummary = z.object({
  devices: z.array(
    z.object({ deviceClass: z.enum(['scanner', 'scale', 'printer']), name: z.string(), detail: z.string() }),
  ),
  notes: z.array(z.string()),
});
export type SimulatedDevicesSummary = z.infer<typeof SimulatedDevicesSummary>;

export const DemoSummary = z.object({
  products: z.number().int(),
  orders: z.number().int(),
  purchaseOrders: z.number().int(),
  vendors: z.number().int(),
  /** Set when simulated devices were asked for with the demo data. */
  simulatedDevices: SimulatedDevicesSummary.nullable().optional(),
});
export type DemoSummary = z.infer<typeof DemoSummary>;

/**
 * Fills an empty store with clearly marked demo products, orders and purchase orders; with
 * `simulatedDevices`, also a simulated scale and label printer where none is set up.
 */
export const loadDemoData = defineContract({
  channel: 'app:load-demo-data',
  input: z.object({ simulatedDevices: z.boolean().optional() }).strict().optional(),
  output: DemoSummary,
});

export const IntegrityReport = z.object({
  ok: z.boolean(),
  integrity: z.array(z.string()),
  ledger: z.object({
    ok: z.boolean(),
    events: z.number().int(),
    firstBrokenEventId: z.number().int().nullable(),
    reason: z.string().nullable(),
  }),
});
export type IntegrityReport = z.infer<typeof IntegrityReport>;

/** Runs SQLite's integrity check and verifies the ledger's hash chain. */
export const checkIntegrity = defineContract({
  channel: 'app:check-integrity',
  input: NoInput,
  output: IntegrityReport,
});
