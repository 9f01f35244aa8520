import { z } from 'zod';
import { TimeZone } from './exports.contract';
import { defineContract, NoInput } from './contract';
import { OrganizationRules } from '../settings';

/** The shift serial log written by itself when a shift at this station ends. */
export const ShiftExportSettings = z.object({
  enabled: z.boolean(),
  /** Empty: the station's export folder. */
  folder: z.string().trim().max(1000),
  format: z.enum(['csv', 'xlsx']),
});
export type ShiftExportSettings = z.infer<typeof ShiftExportSettings>;

export const ShiftExportResult = z.object({
  at: z.string(),
  shiftId: z.number().int(),
  operator: z.string().nullable(),
  /** The file written, or null when it failed. */
  file: z.string().nullable(),
  rows: z.number().int(),
  error: z.string().nullable(),
});
export type ShiftExportResult = z.infer<typeof ShiftExportResult>;

export const StationSettings = z.object({
  name: z.string(),
  stages: z.object({ weigh: z.boolean(), print: z.boolean() }),
  receivingWarehouse: z.string().max(100),
  receivingLocation: z.string().max(100),
  /** Where exports are written on this station (shown, not browsed: the station owns its files). */
  exportFolder: z.string(),
  shiftExport: ShiftExportSettings.extend({
    /** The folder the logs go to (the export folder when none is set). */
    effectiveFolder: z.string(),
    last: ShiftExportResult.nullable(),
  }),
});
export type StationSettings = z.infer<typeof StationSettings>;

export const BackupSettings = z.object({
  everyHours: z.number().int().min(0).max(168),
  keep: z.number().int().min(1).max(365),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const SettingsView = z.object({
  rules: OrganizationRules,
  defaults: OrganizationRules,
  explanations: z.record(z.string(), z.string()),
  /** Rules that cannot change any more, with the reason (e.g. serials already recorded). */
  locked: z.record(z.string(), z.string()),
  /** Vendors, and whether receiving their units skips the serial prompt (off for a new vendor). */
  vendors: z.array(z.object({ name: z.string(), skipSerialPrompt: z.boolean() })),
  station: StationSettings,
  backup: BackupSettings.extend({
    folder: z.string(),
    lastBackupAt: z.string().nullable(),
    lastBackupFile: z.string().nullable(),
    backups: z.number().int(),
  }),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** Organization rules with defaults and explanations, this station's settings, backup settings. */
export const getSettings = defineContract({ channel: 'settings:get', input: NoInput, output: SettingsView });

/** Changes organization rules and vendors' serial prompt (supervisor only; recorded in the ledger). */
export const updateRules = defineContract({
  channel: 'settings:update-rules',
  input: z.object({
    rules: OrganizationRules.partial(),
    /** Vendor name -> whether receiving that vendor's units skips the serial prompt. */
    vendorSkips: z.record(z.string().trim().min(1).max(200), z.boolean()).optional(),
  }),
  output: SettingsView,
  supervisorOnly: true,
});

/** Changes this station's settings, including the shift log written at shift end (supervisor only). */
export const updateStation = defineContract({
  channel: 'settings:update-station',
  input: z.object({
    stages: z.object({ weigh: z.boolean(), print: z.boolean() }).partial().optional(),
    receivingWarehouse: z.string().trim().min(1).max(100).optional(),
    receivingLocation: z.string().trim().min(1).max(100).optional(),
    shiftExport: ShiftExportSettings.partial().optional(),
  }),
  output: SettingsView,
  supervisorOnly: true,
});

/** Changes the backup schedule (supervisor only). */
export const updateBackup = defineContract({
  channel: 'settings:update-backup',
  input: BackupSettings.partial(),
  output: SettingsView,
  supervisorOnly: true,
});

/** Takes an online backup now (SQLite's backup API; the station keeps working). */
export const backupNow = defineContract({
  channel: 'backup:run-now',
  input: NoInput,
  output: z.object({ file: z.string(), bytes: z.number().int(), at: z.string(), removed: z.number().int() }),
  supervisorOnly: true,
});

export const Dashboard = z.object({
  day: z.string(),
  unitsPerHour: z.array(z.object({ hour: z.number().int(), units: z.number().int(), serials: z.number().int() })),
  perOperator: z.array(z.object({ operator: z.string(), orders: z.number().int(), serials: z.number().int() })),
  perStation: z.array(z.object({ station: z.string(), orders: z.number().int(), serials: z.number().int() })),
  rejectedByReason: z.array(z.object({ code: z.string(), count: z.number().int() })),
  overrides: z.array(
    z.object({
      at: z.string(),
      code: z.string(),
      serial: z.string().nullable(),
      reference: z.string().nullable(),
      approvedBy: z.string().nullable(),
      reason: z.string().nullable(),
      station: z.string().nullable(),
    }),
  ),
  openSessions: z.array(
    z.object({
      kind: z.string(),
      reference: z.string(),
      status: z.string(),
      station: z.string().nullable(),
      operator: z.string().nullable(),
      updatedAt: z.string(),
      units: z.number().int(),
    }),
  ),
});
export type Dashboard = z.infer<typeof Dashboard>;

/** How the day went: units per hour, per operator and station, rejections, overrides, open sessions. */
export const getDashboard = defineContract({
  channel: 'dashboard:get',
  input: z
    .object({
      day: z.iso.date().optional(),
      /**
       * The screen's IANA time zone, so the day and its hours are the warehouse's own
       * (midnight to midnight, across a DST change), not UTC's.
       */
      timeZone: TimeZone.optional(),
      /** Minutes ahead of UTC, for a screen that cannot name its zone; `timeZone` wins. */
      utcOffsetMinutes: z.number().int().min(-840).max(840).optional(),
    })
    .optional(),
  output: Dashboard,
  supervisorOnly: true,
});

export const ProductPatch = z.object({
  name: z.string().trim().min(1).max(300).optional(),
  trackSerials: z.boolean().optional(),
  serialsPerUnit: z.number().int().min(1).max(10).optional(),
  serialSlotLabels: z.array(z.string().trim().min(1).max(50)).max(10).optional(),
  serialPattern: z.string().max(500).nullable().optional(),
  serialLength: z.number().int().min(1).max(200).nullable().optional(),
  warrantyMonths: z.number().int().min(0).max(600).nullable().optional(),
  unitWeightG: z.number().min(0).max(1_000_000).nullable().optional(),
  barcodes: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
});
export type ProductPatch = z.infer<typeof ProductPatch>;

/** Edits one product (supervisor only). Turning serial tracking on never invents serials for units already shipped. */
export const updateProduct = defineContract({
  channel: 'products:update',
  input: z.object({ sku: z.string().trim().min(1).max(200), patch: ProductPatch }),
  output: z.object({ sku: z.string(), notes: z.array(z.string()) }),
  supervisorOnly: true,
});

/** Applies the same change to many products at once (supervisor only), all or none. */
export const bulkUpdateProducts = defineContract({
  channel: 'products:bulk-update',
  input: z.object({
    skus: z.array(z.string().trim().min(1).max(200)).min(1).max(10_000),
    patch: ProductPatch.omit({ name: true, barcodes: true }),
  }),
  output: z.object({ updated: z.number().int(), notes: z.array(z.string()) }),
  supervisorOnly: true,
});
