import type { Database } from 'better-sqlite3';
import { openStore, type OpenStoreOptions } from './open';
import { StatementCache } from './statements';

/** An open store: the connection, its statement cache, and what opening it did. */
export class Store {
  readonly db: Database;
  readonly statements: StatementCache;
  readonly file: string;
  readonly schemaVersion: number;
  readonly migrationBackup: string | null;

  private constructor(db: Database, file: string, schemaVersion: number, migrationBackup: string | null) {
    this.db = db;
    this.statements = new StatementCache(db);
    this.file = file;
    this.schemaVersion = schemaVersion;
    this.migrationBackup = migrationBackup;
  }

  static open(options: OpenStoreOptions): Store {
    const opened = openStore(options);
    return new Store(opened.db, opened.file, opened.schemaVersion, opened.migrationBackup);
  }

  /** Runs `work` in one IMMEDIATE transaction (writers queue up front instead of failing mid-way). */
  write<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  close(): void {
    if (this.db.open) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}
