import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { ShiftExportResult, ShiftExportSettings } from '../../shared/ipc/admin.contract';
import type { ExportService } from '../exports/export.service';
import { checkTarget } from '../exports/export-runner';
import { localDayOf, stationClock } from '../exports/local-time';
import { readSetting, writeSetting } from '../store/repositories/settings.repository';
import type { Store } from '../store/store';
import type { StationService } from './station.service';

const DEFAULTS: ShiftExportSettings = { enabled: false, folder: '', format: 'csv' };
/** A folder that was away (a network share, a USB stick) is tried again this often. */
const RETRY_MS = 5 * 60_000;

/** The last shift already written; shifts that end after it are the ones still to write. */
interface Watermark {
  readonly endedAt: string;
  readonly id: number;
}

interface Stored extends ShiftExportSettings {
  readonly since?: Watermark;
}

interface EndedShift {
  id: number;
  operator: string | null;
  started_at: string;
  ended_at: string;
}

/**
 * Writes the shift serial log of every shift that ends at this station into a chosen folder,
 * when the supervisor has turned it on. Shifts are picked up from the store, not from the
 * moment of sign-out, so a shift ended by an idle timeout, by the next sign-in after a crash,
 * or while the folder was unreachable is still written, once.
 */
export class ShiftExportService {
  readonly #store: Store;
  readonly #exports: ExportService;
  readonly #station: StationService;
  readonly #dataDir: string;
  readonly #onError: (error: unknown) => void;
  #running: Promise<ShiftExportResult[]> | null = null;
  #again = false;

  constructor(
    store: Store,
    exports: ExportService,
    station: StationService,
    dataDir: string,
    onError: (error: unknown) => void = (error) => console.error('Shift log export failed:', error),
  ) {
    this.#store = store;
    this.#exports = exports;
    this.#station = station;
    this.#dataDir = dataDir;
    this.#onError = onError;
  }

  get #key(): string {
    return `station.${this.#station.name}.shiftExport`;
  }

  #stored(): Stored {
    const stored = readSetting(this.#store.statements, this.#key) as Partial<Stored> | undefined;
    return { ...DEFAULTS, ...stored };
  }

  settings(): ShiftExportSettings & { effectiveFolder: string; last: ShiftExportResult | null } {
    const { enabled, folder, format } = this.#stored();
    const last = readSetting(this.#store.statements, `${this.#key}.last`) as ShiftExportResult | undefined;
    return { enabled, folder, format, effectiveFolder: this.#folder(folder), last: last ?? null };
  }

  #folder(folder: string): string {
    return folder || this.#station.exportFolder(this.#dataDir);
  }

  /**
   * Changes the settings. A chosen folder must exist and be writable now (a typo is refused
   * here, not discovered at the end of a shift). Turning it on starts from the next shift
   * that ends: shifts that ended before are not written in a burst.
   */
  update(patch: Partial<ShiftExportSettings>): void {
    const current = this.#stored();
    const next: Stored = { ...current, ...patch };
    const folder = next.folder.trim();
    if (folder && !path.isAbsolute(folder)) {
      throw new AppError(
        'BAD_REQUEST',
        `The shift log folder must be a full path, such as /srv/shift-logs or D:\\ShiftLogs, not "${folder}".`,
      );
    }
    if (next.enabled) {
      const target = this.#folder(folder);
      // The station's own export folder is ours to create; a chosen one must already be there.
      if (!folder) fs.mkdirSync(target, { recursive: true });
      try {
        checkTarget(path.join(target, 'shift-log.csv'));
      } catch (error) {
        throw new AppError(
          'BAD_REQUEST',
          `Shift logs cannot be written there: ${error instanceof AppError ? error.message : String(error)}`,
        );
      }
    }
    const since = next.enabled && !current.enabled ? this.#now() : current.since;
    this.#store.write(() =>
      writeSetting(this.#store.statements, this.#key, { ...next, folder, ...(since ? { since } : {}) }),
    );
  }

  /** The newest ended shift of this station, or "now" when none has ended yet. */
  #now(): Watermark {
    const newest = this.#store.statements
      .sql<[number], { endedAt: string; id: number }>(
        `SELECT ended_at AS endedAt, id FROM shifts WHERE station_id = ? AND ended_at IS NOT NULL
         ORDER BY ended_at DESC, id DESC LIMIT 1`,
      )
      .get(this.#station.id);
    return newest ?? { endedAt: new Date().toISOString(), id: 0 };
  }

  #pending(since: Watermark): EndedShift[] {
    return this.#store.statements
      .sql<[number, string, string, number], EndedShift>(
        `SELECT sh.id, op.name AS operator, sh.started_at, sh.ended_at
         FROM shifts sh LEFT JOIN operators op ON op.id = sh.operator_id
         WHERE sh.station_id = ? AND sh.ended_at IS NOT NULL
           AND (sh.ended_at > ? OR (sh.ended_at = ? AND sh.id > ?))
         ORDER BY sh.ended_at, sh.id`,
      )
      .all(this.#station.id, since.endedAt, since.endedAt, since.id);
  }

  static fileNameFor(station: string, shift: EndedShift, format: ShiftExportSettings['format']): string {
    const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
    const started = shift.started_at.replace(/[:.]/g, '-').slice(0, 19);
    return `shift-log_${safe(station)}_${safe(shift.operator ?? 'unknown')}_${started}_shift-${shift.id}.${format}`;
  }

  /**
   * Writes every shift that ended since the last one written, oldest first. Stops at the
   * first failure and keeps that shift for the next try, so none is skipped.
   */
  exportEndedShifts(): Promise<ShiftExportResult[]> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      const results: ShiftExportResult[] = [];
      do {
        this.#again = false;
        results.push(...(await this.#exportPending()));
      } while (this.#again);
      return results;
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #exportPending(): Promise<ShiftExportResult[]> {
    const results: ShiftExportResult[] = [];
    const settings = this.#stored();
    if (!settings.enabled || !settings.since) return results;
    const clock = stationClock();
    for (const shift of this.#pending(settings.since)) {
      const folder = this.#folder(settings.folder);
      const fileName = ShiftExportService.fileNameFor(this.#station.name, shift, settings.format);
      const base = { at: new Date().toISOString(), shiftId: shift.id, operator: shift.operator };
      let result: ShiftExportResult;
      try {
        if (!settings.folder) fs.mkdirSync(folder, { recursive: true });
        const outcome = await this.#exports.toFile(
          {
            kind: 'shift-log',
            // The export's days are the station's local days; the shift id does the real filtering.
            from: localDayOf(Date.parse(shift.started_at), clock),
            to: localDayOf(Date.parse(shift.ended_at), clock),
            shiftId: shift.id,
            includeReceived: true,
            includeReturned: true,
          },
          settings.format,
          path.join(folder, fileName),
        );
        result = { ...base, file: outcome.file, rows: outcome.rows, error: null };
      } catch (error) {
        result = {
          ...base,
          file: null,
          rows: 0,
          error: `The shift log of ${shift.operator ?? 'a shift'} was not written: ${
            error instanceof AppError ? error.message : String(error)
          } It is tried again later.`,
        };
      }
      results.push(result);
      // Settings may have changed while the file was written; only the watermark and result are ours.
      this.#store.write(() => {
        writeSetting(this.#store.statements, `${this.#key}.last`, result);
        if (result.error === null) {
          writeSetting(this.#store.statements, this.#key, {
            ...this.#stored(),
            since: { endedAt: shift.ended_at, id: shift.id },
          });
        }
      });
      if (result.error !== null) {
        this.#onError(new Error(result.error));
        break;
      }
    }
    return results;
  }

  /** Resolves once no shift log is being written (before the store closes). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running.catch(() => undefined);
  }

  /** A shift may just have ended: write its log in the background. */
  shiftMayHaveEnded(): void {
    this.exportEndedShifts().catch(this.#onError);
  }

  /** Retries on a timer (and catches shifts ended by other means); returns a stop function. */
  schedule(): () => void {
    this.shiftMayHaveEnded();
    const timer = setInterval(() => this.shiftMayHaveEnded(), RETRY_MS);
    timer.unref();
    return () => clearInterval(timer);
  }
}
