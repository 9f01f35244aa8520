import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type {
  BackupSettings,
  Dashboard,
  ProductPatch,
  SettingsView,
  ShiftExportSettings,
} from '../../shared/ipc/admin.contract';
import { DEFAULT_RULES, OrganizationRules, RULE_EXPLANATIONS } from '../../shared/settings';
import { compilePattern } from '../domain/serial-rules';
import { dayRange, fixedOffsetClock, localDayOf, localHourOf, stationClock } from '../exports/local-time';
import { appendEvent } from '../store/ledger';
import {
  barcodesOf,
  findProductBySku,
  productIdByBarcode,
  updateProduct,
  type ProductRecord,
} from '../store/repositories/catalog.repository';
import { readRules, readSetting, writeRules, writeSetting } from '../store/repositories/settings.repository';
import type { Actor } from '../store/repositories/work-session.repository';
import type { Store } from '../store/store';
import type { ShiftExportService } from './shift-export.service';
import type { StationService } from './station.service';

/** Who an admin change is recorded against, and the supervisor who approved it in place, if one did. */
export type AdminActor = Actor & { readonly approvedBy?: string | undefined };

/** The actor's columns of a ledger event, with the approving supervisor named in its details. */
export function recorded(actor: AdminActor, details: Readonly<Record<string, unknown>>) {
  const { approvedBy, ...who } = actor;
  return { ...who, details: approvedBy ? { ...details, approvedBy } : details };
}

const BACKUP_PREFIX = 'packbench-backup-';
const DEFAULT_BACKUP: BackupSettings = { everyHours: 24, keep: 14 };

/** Settings, products editing, backups and the supervisor dashboard. */
export class AdminService {
  readonly #store: Store;
  readonly #station: StationService;
  readonly #dataDir: string;
  readonly #shiftExport: ShiftExportService;

  constructor(store: Store, station: StationService, dataDir: string, shiftExport: ShiftExportService) {
    this.#store = store;
    this.#station = station;
    this.#dataDir = dataDir;
    this.#shiftExport = shiftExport;
  }

  backupFolder(): string {
    return path.join(this.#dataDir, 'backups');
  }

  backupSettings(): BackupSettings {
    const stored = readSetting(this.#store.statements, 'backup.schedule') as Partial<BackupSettings> | undefined;
    return { ...DEFAULT_BACKUP, ...stored };
  }

  #locked(): Record<string, string> {
    const serials = this.#store.statements
      .sql<[], { n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM unit_serials LIMIT 1)')
      .get()!.n;
    return serials > 0
      ? {
          caseSensitiveSerials:
            'Serials are already recorded under the current matching; changing it would make past records disagree with new scans.',
        }
      : {};
  }

  settings(): SettingsView {
    const s = this.#store.statements;
    const location = this.#station.receivingLocation();
    const last = readSetting(s, 'backup.last') as { at: string; file: string } | undefined;
    return {
      rules: readRules(s),
      defaults: DEFAULT_RULES,
      explanations: { ...RULE_EXPLANATIONS },
      locked: this.#locked(),
      vendors: s
        .sql<[], { name: string; skip: number }>('SELECT name, skip_serial_prompt AS skip FROM vendors ORDER BY name')
        .all()
        .map((v) => ({ name: v.name, skipSerialPrompt: v.skip === 1 })),
      station: {
        name: this.#station.name,
        stages: this.#station.shipStages(),
        receivingWarehouse: location.warehouse ?? 'MAIN',
        receivingLocation: location.location ?? 'RECEIVING',
        exportFolder: this.#station.exportFolder(this.#dataDir),
        shiftExport: this.#shiftExport.settings(),
      },
      backup: {
        ...this.backupSettings(),
        folder: this.backupFolder(),
        lastBackupAt: last?.at ?? null,
        lastBackupFile: last ? path.basename(last.file) : null,
        backups: this.#backups().length,
      },
    };
  }

  updateRules(
    patch: Partial<OrganizationRules>,
    actor: AdminActor,
    vendorSkips: Readonly<Record<string, boolean>> = {},
  ): SettingsView {
    const s = this.#store.statements;
    const current = readRules(s);
    const vendorChanges = Object.entries(vendorSkips).flatMap(([name, skip]) => {
      const vendor = s
        .sql<[string], { id: number; name: string; skip: number }>(
          'SELECT id, name, skip_serial_prompt AS skip FROM vendors WHERE name = ?',
        )
        .get(name);
      if (!vendor) throw new AppError('NOT_FOUND', `There is no vendor called ${name}; nothing was changed.`);
      return (vendor.skip === 1) === skip ? [] : [{ ...vendor, to: skip }];
    });
    const next = OrganizationRules.parse({ ...current, ...patch });
    if (next.caseSensitiveSerials !== current.caseSensitiveSerials && this.#locked().caseSensitiveSerials) {
      throw new AppError('CONFLICT', this.#locked().caseSensitiveSerials!);
    }
    this.#store.write(() => {
      if (next.uniquenessScope !== current.uniquenessScope) {
        try {
          s.sql(
            next.uniquenessScope === 'organization'
              ? 'UPDATE unit_serials SET scope_product_id = 0'
              : 'UPDATE unit_serials SET scope_product_id = product_id',
          ).run();
        } catch (error) {
          if (!/UNIQUE/.test(String(error))) throw error;
          const clash = s
            .sql<[], { serial: string; products: string }>(
              `SELECT min(us.serial) AS serial, group_concat(DISTINCT p.sku) AS products FROM unit_serials us JOIN products p ON p.id = us.product_id
               GROUP BY us.serial_key HAVING count(DISTINCT us.product_id) > 1 LIMIT 1`,
            )
            .get();
          throw new AppError(
            'CONFLICT',
            `Serials cannot be unique across the organization yet: ${clash?.serial ?? 'a serial'} is recorded on ${clash?.products ?? 'two products'}.`,
          );
        }
      }
      writeRules(s, next);
      for (const vendor of vendorChanges)
        s.sql('UPDATE vendors SET skip_serial_prompt = ? WHERE id = ?').run(vendor.to ? 1 : 0, vendor.id);
      if (vendorChanges.length)
        appendEvent(s, {
          type: 'status_changed',
          reference: 'settings',
          ...recorded(actor, {
            vendorsSkipSerialPrompt: Object.fromEntries(
              vendorChanges.map((v) => [v.name, { from: v.skip === 1, to: v.to }]),
            ),
          }),
        });
      const changed = Object.keys(next).filter(
        (k) => next[k as keyof OrganizationRules] !== current[k as keyof OrganizationRules],
      );
      if (changed.length)
        appendEvent(s, {
          type: 'status_changed',
          reference: 'settings',
          ...recorded(actor, {
            settings: Object.fromEntries(
              changed.map((k) => [
                k,
                { from: current[k as keyof OrganizationRules], to: next[k as keyof OrganizationRules] },
              ]),
            ),
          }),
        });
    });
    return this.settings();
  }

  updateStation(patch: {
    stages?: { weigh?: boolean | undefined; print?: boolean | undefined } | undefined;
    receivingWarehouse?: string | undefined;
    receivingLocation?: string | undefined;
    shiftExport?: Partial<ShiftExportSettings> | undefined;
  }): SettingsView {
    const s = this.#store.statements;
    const name = this.#station.name;
    // Checked first: a folder that cannot take the logs refuses the whole change.
    if (patch.shiftExport) this.#shiftExport.update(patch.shiftExport);
    this.#store.write(() => {
      if (patch.stages) writeSetting(s, `station.${name}.stages`, { ...this.#station.shipStages(), ...patch.stages });
      if (patch.receivingWarehouse || patch.receivingLocation) {
        const current = this.#station.receivingLocation();
        writeSetting(s, `station.${name}.receiving`, {
          warehouse: patch.receivingWarehouse ?? current.warehouse,
          location: patch.receivingLocation ?? current.location,
        });
      }
    });
    return this.settings();
  }

  updateBackup(patch: Partial<BackupSettings>): SettingsView {
    this.#store.write(() =>
      writeSetting(this.#store.statements, 'backup.schedule', { ...this.backupSettings(), ...patch }),
    );
    return this.settings();
  }

  #backups(): string[] {
    const folder = this.backupFolder();
    if (!fs.existsSync(folder)) return [];
    return fs
      .readdirSync(folder)
      .filter((f) => f.startsWith(BACKUP_PREFIX) && f.endsWith('.db'))
      .sort()
      .map((f) => path.join(folder, f));
  }

  /** An online backup through SQLite's backup API, then rotation to the newest `keep`. */
  async backupNow(): Promise<{ file: string; bytes: number; at: string; removed: number }> {
    const folder = this.backupFolder();
    fs.mkdirSync(folder, { recursive: true });
    const at = new Date().toISOString();
    const file = path.join(folder, `${BACKUP_PREFIX}${at.replace(/[:.]/g, '-')}.db`);
    const temp = `${file}.partial`;
    try {
      await this.#store.db.backup(temp);
      fs.renameSync(temp, file);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw new AppError('EXPORT_FAILED', `The backup failed: ${(error as Error).message}`);
    }
    const keep = this.backupSettings().keep;
    const all = this.#backups();
    const old = all.slice(0, Math.max(0, all.length - keep));
    for (const f of old) fs.rmSync(f, { force: true });
    this.#store.write(() => writeSetting(this.#store.statements, 'backup.last', { at, file }));
    return { file: path.basename(file), bytes: fs.statSync(file).size, at, removed: old.length };
  }

  /** Starts the backup schedule; returns a stop function. */
  scheduleBackups(onError: (error: unknown) => void): () => void {
    const timer = setInterval(() => {
      const { everyHours } = this.backupSettings();
      if (everyHours <= 0) return;
      const last = readSetting(this.#store.statements, 'backup.last') as { at: string } | undefined;
      if (last && Date.now() - new Date(last.at).getTime() < everyHours * 3_600_000) return;
      this.backupNow().catch(onError);
    }, 60_000);
    timer.unref();
    return () => clearInterval(timer);
  }

  #validatePatch(product: ProductRecord, patch: ProductPatch): string[] {
    const notes: string[] = [];
    const perUnit = patch.serialsPerUnit ?? product.serials_per_unit;
    const labels = patch.serialSlotLabels ?? (JSON.parse(product.serial_slot_labels) as string[]);
    if (patch.serialSlotLabels && labels.length !== perUnit) {
      throw new AppError(
        'BAD_REQUEST',
        `${product.sku}: ${labels.length} slot label(s) for ${perUnit} serial(s) per unit.`,
      );
    }
    if (patch.serialPattern && !compilePattern(patch.serialPattern)) {
      throw new AppError(
        'BAD_REQUEST',
        `${product.sku}: the serial pattern "${patch.serialPattern}" is not a valid regular expression.`,
      );
    }
    if (patch.trackSerials && product.track_serials === 0) {
      const counts = this.#store.statements
        .sql<[number], { shipped: number; unrecorded: number }>(
          `SELECT count(*) FILTER (WHERE status = 'sold') AS shipped,
             count(*) FILTER (WHERE status = 'in_stock' AND NOT EXISTS (SELECT 1 FROM unit_serials us WHERE us.unit_id = units.id)) AS unrecorded
           FROM units WHERE product_id = ?`,
        )
        .get(product.id)!;
      notes.push(
        counts.shipped > 0
          ? `${product.sku}: serials are now captured from the next receipt and shipment; the ${counts.shipped} unit(s) already shipped keep no serials (none are invented).`
          : `${product.sku}: serials are now captured from the next receipt and shipment.`,
      );
      // Shipping checks serials against stock, so stock received without serials needs them on record first.
      if (counts.unrecorded > 0)
        notes.push(
          `${product.sku}: ${counts.unrecorded} unit(s) already in stock have no serial on record; packing refuses their serials as not in stock unless a supervisor overrides or the rule "Shipped serials must be in stock" is off.`,
        );
    }
    return notes;
  }

  #apply(product: ProductRecord, patch: ProductPatch, now: string): void {
    const s = this.#store.statements;
    const perUnit = patch.serialsPerUnit ?? product.serials_per_unit;
    let labels = patch.serialSlotLabels ?? (JSON.parse(product.serial_slot_labels) as string[]);
    if (labels.length !== perUnit)
      labels = perUnit === 1 ? ['Serial'] : Array.from({ length: perUnit }, (_, i) => `Serial ${i + 1}`);
    const barcodes = patch.barcodes ?? barcodesOf(s, product.id);
    for (const code of barcodes) {
      const owner = productIdByBarcode(s, code);
      if (owner !== undefined && owner !== product.id)
        throw new AppError('CONFLICT', `Barcode ${code} already belongs to another product.`);
    }
    updateProduct(
      s,
      product.id,
      {
        sku: product.sku,
        name: patch.name ?? product.name,
        trackSerials: patch.trackSerials ?? product.track_serials === 1,
        serialsPerUnit: perUnit,
        serialSlotLabels: labels,
        serialPattern: patch.serialPattern === undefined ? product.serial_pattern : patch.serialPattern,
        serialLength: patch.serialLength === undefined ? product.serial_length : patch.serialLength,
        warrantyMonths: patch.warrantyMonths === undefined ? product.warranty_months : patch.warrantyMonths,
        unitWeightG: patch.unitWeightG === undefined ? product.unit_weight_g : patch.unitWeightG,
        barcodes,
      },
      now,
    );
  }

  updateProduct(sku: string, patch: ProductPatch, actor: AdminActor): { sku: string; notes: string[] } {
    const product = findProductBySku(this.#store.statements, sku);
    if (!product) throw new AppError('NOT_FOUND', `There is no product with SKU ${sku}.`);
    const notes = this.#validatePatch(product, patch);
    this.#store.write(() => {
      this.#apply(product, patch, new Date().toISOString());
      appendEvent(this.#store.statements, {
        type: 'status_changed',
        productId: product.id,
        reference: `product ${product.sku}`,
        ...recorded(actor, { productEdited: patch }),
      });
    });
    return { sku: product.sku, notes };
  }

  bulkUpdate(skus: readonly string[], patch: ProductPatch, actor: AdminActor): { updated: number; notes: string[] } {
    const s = this.#store.statements;
    const products = skus.map((sku) => {
      const product = findProductBySku(s, sku);
      if (!product) throw new AppError('NOT_FOUND', `There is no product with SKU ${sku}; nothing was changed.`);
      return product;
    });
    const notes = products.flatMap((p) => this.#validatePatch(p, patch));
    this.#store.write(() => {
      const now = new Date().toISOString();
      for (const product of products) this.#apply(product, patch, now);
      appendEvent(s, {
        type: 'status_changed',
        reference: 'products bulk edit',
        ...recorded(actor, { skus: skus.length, patch }),
      });
    });
    return {
      updated: products.length,
      notes: notes.length > 20 ? [...notes.slice(0, 20), `…and ${notes.length - 20} more.`] : notes,
    };
  }

  /**
   * The day's figures, midnight to midnight on the warehouse's clock (hour 0 is local
   * midnight), since the store records times in UTC. The clock is the screen's IANA zone,
   * or a fixed offset from a screen that could only give that, or the station's own zone.
   */
  dashboard(request: { day?: string; timeZone?: string; utcOffsetMinutes?: number } = {}): Dashboard {
    const s = this.#store.statements;
    const clock =
      request.timeZone !== undefined
        ? stationClock(request.timeZone)
        : request.utcOffsetMinutes !== undefined
          ? fixedOffsetClock(request.utcOffsetMinutes)
          : stationClock();
    const day = request.day ?? localDayOf(Date.now(), clock);
    const { start, end } = dayRange(day, day, clock);
    const perHour = new Map<number, { units: number; serials: number }>();
    for (const row of s
      .sql<[string, string], { shippedAt: string; units: number; serials: number }>(
        `SELECT sh.shipped_at AS shippedAt,
           (SELECT count(*) FROM work_session_units wu WHERE wu.session_id = sh.work_session_id) AS units,
           (SELECT count(*) FROM shipped_serials ss WHERE ss.shipment_id = sh.id) AS serials
         FROM shipments sh WHERE sh.shipped_at >= ? AND sh.shipped_at < ?`,
      )
      .all(start, end)) {
      const hour = localHourOf(Date.parse(row.shippedAt), clock);
      const entry = perHour.get(hour) ?? { units: 0, serials: 0 };
      entry.units += row.units;
      entry.serials += row.serials;
      perHour.set(hour, entry);
    }
    const grouped = (column: string, join: string) =>
      s
        .sql<[string, string], { name: string; orders: number; serials: number }>(
          `SELECT coalesce(${column}, '(none)') AS name, count(*) AS orders,
             sum((SELECT count(*) FROM shipped_serials ss WHERE ss.shipment_id = sh.id)) AS serials
           FROM shipments sh ${join} WHERE sh.shipped_at >= ? AND sh.shipped_at < ? GROUP BY 1 ORDER BY serials DESC`,
        )
        .all(start, end);
    return {
      day,
      unitsPerHour: Array.from({ length: 24 }, (_, hour) => ({
        hour,
        ...(perHour.get(hour) ?? { units: 0, serials: 0 }),
      })),
      perOperator: grouped('op.name', 'LEFT JOIN operators op ON op.id = sh.operator_id').map((r) => ({
        operator: r.name,
        orders: r.orders,
        serials: r.serials,
      })),
      perStation: grouped('st.name', 'LEFT JOIN stations st ON st.id = sh.station_id').map((r) => ({
        station: r.name,
        orders: r.orders,
        serials: r.serials,
      })),
      rejectedByReason: s
        .sql<[string, string], { code: string; count: number }>(
          "SELECT json_extract(details, '$.code') AS code, count(*) AS count FROM serial_events WHERE type = 'scan_rejected' AND at >= ? AND at < ? GROUP BY 1 ORDER BY 2 DESC",
        )
        .all(start, end),
      overrides: s
        .sql<
          [string, string],
          {
            at: string;
            code: string;
            serial: string | null;
            reference: string | null;
            approvedBy: string | null;
            reason: string | null;
            station: string | null;
          }
        >(
          `SELECT e.at, json_extract(e.details, '$.code') AS code, e.serial, e.reference, json_extract(e.details, '$.approvedBy') AS approvedBy,
             json_extract(e.details, '$.reason') AS reason, st.name AS station
           FROM serial_events e LEFT JOIN stations st ON st.id = e.station_id
           WHERE e.type = 'override_granted' AND e.at >= ? AND e.at < ? ORDER BY e.id DESC LIMIT 200`,
        )
        .all(start, end),
      openSessions: s
        .sql<
          [],
          {
            kind: string;
            reference: string;
            status: string;
            station: string | null;
            operator: string | null;
            updatedAt: string;
            units: number;
          }
        >(
          `SELECT w.kind, w.reference, w.status, st.name AS station, op.name AS operator, w.updated_at AS updatedAt,
             (SELECT count(*) FROM work_session_units u WHERE u.session_id = w.id) AS units
           FROM work_sessions w LEFT JOIN stations st ON st.id = w.station_id LEFT JOIN operators op ON op.id = w.operator_id
           WHERE w.status IN ('active', 'parked') ORDER BY w.updated_at DESC LIMIT 200`,
        )
        .all(),
    };
  }
}
