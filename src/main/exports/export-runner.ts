import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { ExportSource } from './export-queries';
import { CsvSink, XlsxSink, type RowSink } from './sinks';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportProgress {
  readonly rows: number;
  readonly total: number;
}

export interface ExportOutcome {
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
}

const YIELD_EVERY = 5000;

/** Checks the target folder before any work, so a typo is reported at once, not after a minute. */
export function checkTarget(file: string): void {
  const dir = path.dirname(path.resolve(file));
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new AppError('EXPORT_FAILED', `The folder ${dir} does not exist. Create it or choose another folder.`);
  }
  if (!stat.isDirectory()) throw new AppError('EXPORT_FAILED', `${dir} is not a folder.`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new AppError('EXPORT_FAILED', `Packbench may not write into ${dir} (read-only). Choose another folder.`);
  }
}

function describeWriteError(error: unknown, file: string): AppError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC')
    return new AppError(
      'EXPORT_FAILED',
      `The disk is full; the export to ${path.basename(file)} was stopped and its partial file removed.`,
    );
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new AppError('EXPORT_FAILED', `Packbench may not write ${file}.`);
  if (error instanceof AppError) return error;
  return new AppError(
    'EXPORT_FAILED',
    `The export stopped: ${(error as Error)?.message ?? String(error)}. The partial file was removed.`,
  );
}

/**
 * Streams an export into `file`: written under a temporary name beside it and renamed only
 * when complete, so a cancelled, failed or crashed export never leaves a half file under the
 * real name. Memory stays flat: rows go from the SQLite cursor to the file in batches.
 */
export async function runExport(
  source: ExportSource,
  format: ExportFormat,
  file: string,
  options: {
    signal?: AbortSignal;
    onProgress?: (p: ExportProgress) => void;
    neutralizeFormulas?: boolean;
    /** Tests swap the sink (e.g. one writing to /dev/full to play a full disk). */
    createSink?: (temp: string, source: ExportSource) => RowSink;
  } = {},
): Promise<ExportOutcome> {
  const target = path.resolve(file);
  checkTarget(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.partial-${randomBytes(4).toString('hex')}`);
  const total = source.count();
  let sink: RowSink | null = null;
  let rows = 0;
  try {
    sink = options.createSink
      ? options.createSink(temp, source)
      : format === 'csv'
        ? new CsvSink(temp, source.header, { neutralize: options.neutralizeFormulas ?? true })
        : new XlsxSink(temp, source.header, source.sheetName);
    options.onProgress?.({ rows: 0, total });
    for (const row of source.rows()) {
      const pending = sink.writeRow(row);
      if (pending) await pending;
      rows += 1;
      if (rows % YIELD_EVERY === 0) {
        options.onProgress?.({ rows, total });
        // Let the station answer scans while a long export runs.
        await new Promise((resolve) => setImmediate(resolve));
        if (options.signal?.aborted)
          throw new AppError('CANCELLED', `Export cancelled after ${rows} rows; no file was left behind.`);
      }
    }
    await sink.finish();
    fs.renameSync(temp, target);
    options.onProgress?.({ rows, total });
    return { file: target, rows, bytes: fs.statSync(target).size };
  } catch (error) {
    await sink?.abort();
    fs.rmSync(temp, { force: true });
    throw describeWriteError(error, target);
  }
}
