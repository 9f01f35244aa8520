import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { ExportRequest, type ExportStatus } from '../../shared/ipc/exports.contract';
import { ShippedQuery } from '../../shared/ipc/serials.contract';
import type { EventBus } from '../event-bus';
import type { SerialsService } from '../services/serials.service';
import type { Store } from '../store/store';
import {
  poSerialsSource,
  productSerialsSource,
  productsSource,
  shiftLogSource,
  shippedViewSource,
  type ExportSource,
} from './export-queries';
import { runExport, type ExportFormat, type ExportOutcome, type ExportProgress } from './export-runner';

type ParsedRequest = ReturnType<typeof ExportRequest.parse>;

interface Running {
  readonly controller: AbortController;
  status: ExportStatus;
  file: string;
}

const KEEP_FINISHED = 50;

/**
 * Supervisor exports. Each export reads through its own read-only connection, so a long
 * export never blocks the station's scans on the main connection.
 */
export class ExportService {
  readonly #store: Store;
  readonly #bus: EventBus;
  readonly #serials: SerialsService;
  readonly #folder: () => string;
  readonly #runs = new Map<string, Running>();

  constructor(store: Store, bus: EventBus, serials: SerialsService, folder: () => string) {
    this.#store = store;
    this.#bus = bus;
    this.#serials = serials;
    this.#folder = folder;
  }

  #reader(): Database {
    const db = new BetterSqlite3(this.#store.file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  }

  #source(db: Database, request: ParsedRequest): ExportSource {
    switch (request.kind) {
      case 'shift-log':
        return shiftLogSource(db, request);
      case 'po-serials':
        return poSerialsSource(db, request.poNumber, request.timeZone);
      case 'product-serials':
        return productSerialsSource(db, request.skus, request.timeZone);
      case 'products':
        return productsSource(db);
      case 'shipped-serials':
        return shippedViewSource(this.#serials.allShipped(ShippedQuery.parse(request.query)), request.timeZone);
    }
  }

  /** A file name that says what is inside. */
  static fileNameFor(request: ParsedRequest, format: ExportFormat): string {
    const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
    const base = (() => {
      switch (request.kind) {
        case 'shift-log':
          return `shift-log_${request.from}_to_${request.to}${request.station ? `_${safe(request.station)}` : ''}${request.operator ? `_${safe(request.operator)}` : ''}`;
        case 'po-serials':
          return `po-serials_${safe(request.poNumber)}`;
        case 'product-serials':
          return `product-serials_${safe(request.skus.slice(0, 3).join('+'))}${request.skus.length > 3 ? `+${request.skus.length - 3}` : ''}`;
        case 'shipped-serials':
          return 'shipped-serials';
        case 'products':
          return 'products';
      }
    })();
    return `${base}_${stamp}.${format}`;
  }

  /** Runs an export to a given file and waits for it (the CLI's path). */
  async toFile(
    request: ExportRequest,
    format: ExportFormat,
    file: string,
    options: { signal?: AbortSignal; onProgress?: (p: ExportProgress) => void } = {},
  ): Promise<ExportOutcome> {
    const parsed = ExportRequest.parse(request);
    const db = this.#reader();
    try {
      return await runExport(this.#source(db, parsed), format, file, options);
    } finally {
      db.close();
    }
  }

  /** Starts an export into the export folder and reports progress as events. */
  start(request: ParsedRequest, format: ExportFormat): { exportId: string; fileName: string } {
    const folder = this.#folder();
    fs.mkdirSync(folder, { recursive: true });
    const exportId = randomUUID();
    const fileName = ExportService.fileNameFor(request, format);
    const file = path.join(folder, fileName);
    const db = this.#reader();
    let source: ExportSource;
    try {
      source = this.#source(db, request);
    } catch (error) {
      db.close();
      throw error;
    }
    const run: Running = {
      controller: new AbortController(),
      file,
      status: { exportId, fileName, state: 'running', rows: 0, total: 0, message: 'Starting…', downloadPath: null },
    };
    this.#runs.set(exportId, run);
    this.#prune();
    const emit = (patch: Partial<ExportStatus>) => {
      run.status = { ...run.status, ...patch };
      this.#bus.emit('exports:progress', run.status);
    };
    void runExport(source, format, file, {
      signal: run.controller.signal,
      onProgress: (p) =>
        emit({
          rows: p.rows,
          total: p.total,
          message: `${p.rows.toLocaleString('en')} of ${p.total.toLocaleString('en')} rows`,
        }),
    })
      .then((outcome) =>
        emit({
          state: 'done',
          rows: outcome.rows,
          message: `Saved ${outcome.rows.toLocaleString('en')} rows to ${fileName} in the export folder.`,
          downloadPath: `/exports/${exportId}`,
        }),
      )
      .catch((error: unknown) => {
        const info = error instanceof AppError ? error : new AppError('EXPORT_FAILED', String(error));
        emit({ state: info.code === 'CANCELLED' ? 'cancelled' : 'failed', message: info.message });
      })
      .finally(() => db.close());
    return { exportId, fileName };
  }

  cancel(exportId: string): { cancelled: boolean } {
    const run = this.#runs.get(exportId);
    if (!run || run.status.state !== 'running') return { cancelled: false };
    run.controller.abort();
    return { cancelled: true };
  }

  /** The finished file of an export, for the browser station's download route. */
  finishedFile(exportId: string): { file: string; fileName: string } | null {
    const run = this.#runs.get(exportId);
    return run && run.status.state === 'done' && fs.existsSync(run.file)
      ? { file: run.file, fileName: run.status.fileName }
      : null;
  }

  /** Cancels running exports (shutdown). */
  cancelAll(): void {
    for (const run of this.#runs.values()) if (run.status.state === 'running') run.controller.abort();
  }

  #prune(): void {
    const finished = [...this.#runs.entries()].filter(([, r]) => r.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.#runs.delete(id);
  }
}
