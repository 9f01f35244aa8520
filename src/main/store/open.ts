import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { MIGRATIONS, type Migration } from './migrations';

/** 'PBNC' — marks a SQLite file as a Packbench store. */
export const APPLICATION_ID = 0x50424e43;
export const DB_FILE_NAME = 'packbench.db';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** Full quick_check on open only below this size; larger stores are checked on demand. */
const QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024;

export interface OpenStoreOptions {
  /** Folder holding packbench.db; created if missing. */
  readonly dataDir: string;
  /** Where the pre-migration copy goes; defaults to `<dataDir>/backups`. */
  readonly backupDir?: string;
  readonly readonly?: boolean;
  /** The migration list; tests pass their own to exercise upgrades. */
  readonly migrations?: readonly Migration[];
}

export interface OpenedStore {
  readonly db: Database;
  readonly file: string;
  readonly schemaVersion: number;
  /** The copy taken before migrating, when a migration ran on an existing store. */
  readonly migrationBackup: string | null;
}

/**
 * Opens (or creates) the store. Anything that is not a healthy Packbench database of a
 * version this build understands is refused with a specific error and left untouched.
 */
export function openStore(options: OpenStoreOptions): OpenedStore {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, DB_FILE_NAME);
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  if (existed) inspectExisting(file, latest);

  const db = new BetterSqlite3(file, { readonly: options.readonly ?? false });
  try {
    applyPragmas(db, options.readonly ?? false);
    let migrationBackup: string | null = null;
    const current = db.pragma('user_version', { simple: true }) as number;
    if (!options.readonly && current < latest) {
      if (existed && current > 0) {
        migrationBackup = backupBeforeMigration(
          db,
          options.backupDir ?? path.join(options.dataDir, 'backups'),
          current,
        );
      }
      migrate(db, current, migrations);
    }
    return { db, file, schemaVersion: db.pragma('user_version', { simple: true }) as number, migrationBackup };
  } catch (error) {
    db.close();
    throw error;
  }
}

function applyPragmas(db: Database, readonly: boolean): void {
  db.pragma('busy_timeout = 5000');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
}

/** Reads an existing file without writing to it; throws if it must not be opened. */
function inspectExisting(file: string, latest: number): void {
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) {
    throw new AppError(
      'DB_NOT_SQLITE',
      `${file} is not a SQLite database. Packbench left it untouched; point --data-dir at another folder or move the file away.`,
      { file },
    );
  }
  let probe: Database | undefined;
  try {
    probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const appId = probe.pragma('application_id', { simple: true }) as number;
    const version = probe.pragma('user_version', { simple: true }) as number;
    const tables = (
      probe.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }
    ).n;
    if (appId !== APPLICATION_ID && (tables > 0 || version > 0)) {
      throw new AppError(
        'DB_NOT_PACKBENCH',
        `${file} is a SQLite database of another program, not a Packbench store. It was left untouched.`,
        { file, applicationId: appId },
      );
    }
    if (version > latest) {
      throw new AppError(
        'DB_FROM_FUTURE',
        `This store was written by a newer Packbench (schema ${version}; this build knows up to ${latest}). Update Packbench; the store was left untouched.`,
        { file, version, latest },
      );
    }
    if (fs.statSync(file).size <= QUICK_CHECK_MAX_BYTES) {
      const rows = probe.pragma('quick_check') as { quick_check: string }[];
      if (rows.length !== 1 || rows[0]!.quick_check !== 'ok') {
        throw corrupt(
          file,
          rows
            .map((r) => r.quick_check)
            .slice(0, 5)
            .join('; '),
        );
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/locked|busy/i.test(message)) {
      throw new AppError('DB_LOCKED', `${file} is locked by another program: ${message}`, { file });
    }
    throw corrupt(file, message);
  } finally {
    probe?.close();
  }
}

function corrupt(file: string, reason: string): AppError {
  return new AppError(
    'DB_CORRUPT',
    `The store ${file} is damaged (${reason}). It was left untouched: restore the newest copy from the backups folder, or ask support to recover it.`,
    { file, reason },
  );
}

function backupBeforeMigration(db: Database, backupDir: string, fromVersion: number): string {
  fs.mkdirSync(backupDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.join(backupDir, `packbench-v${fromVersion}-before-migration-${stamp}.db`);
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

/** Runs every pending migration in one transaction: the store moves to the new version whole or not at all. */
export function migrate(db: Database, fromVersion: number, migrations: readonly Migration[] = MIGRATIONS): void {
  const pending = migrations.filter((m) => m.version > fromVersion);
  const target = pending[pending.length - 1];
  if (!target) return;
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${target.version}`);
  }).immediate();
}
