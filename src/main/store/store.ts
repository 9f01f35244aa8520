import type { Database, Transaction } from 'better-sqlite3';
import { openStore, type OpenStoreOptions } from './open';
import { StatementCache } from './statements';

/** An open store: the connection, its statement cache, and what opening it did. */
export class Store {
  readonly db: Database;
  readonly statements: StatementCache;
  readonly file: string;
  readonly schemaVersion: number;
  readonly migrationBackup: string | null;
  /**
   * One transaction wrapper for the life of the store rather than one per write: scans write
   * on every call. Called inside another write it becomes a savepoint, as a fresh wrapper would.
   */
  readonly #transaction: Transaction<(work: () => unknown) => unknown>;

  private constructor(db: Database, file: string, schemaVersion: number, migrationBackup: string | null) {
    this.db = db;
    this.statements = new StatementCache(db);
    this.file = file;
    this.schemaVersion = schemaVersion;
    this.migrationBackup = migrationBackup;
    this.#transaction = db.transaction((work: () => unknown) => work());
  }

  static open(options: OpenStoreOptions): Store {
    const opened = openStore(options);
    return new Store(opened.db, opened.file, opened.schemaVersion, opened.migrationBackup);
  }

  /** Runs `work` in one IMMEDIATE transaction (writers queue up front instead of failing mid-way). */
  write<T>(work: () => T): T {
    return this.#transaction.immediate(work) as T;
  }

  close(): void {
    if (this.db.open) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}
