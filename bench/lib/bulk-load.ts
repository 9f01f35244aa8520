import type { Database } from 'better-sqlite3';

interface IndexDefinition {
  readonly name: string;
  readonly sql: string;
}

export interface BulkLoadOptions {
  /** Indexes whose keys arrive in ascending order: cheaper to keep than to rebuild. */
  readonly keepIndexes?: ReadonlySet<string>;
  /** Rows per transaction. With no journal a commit only bounds how long pages stay dirty. */
  readonly batchRows?: number;
}

/**
 * Loading speed-ups that are only acceptable while nothing else can see the file: no
 * journal, no fsync, secondary indexes built once at the end instead of row by row.
 * `finish` puts the store back exactly as Store.open leaves it (WAL, synchronous=FULL)
 * with every index recreated from the definition the migration stored.
 */
export class BulkLoad {
  readonly #db: Database;
  readonly #dropped: readonly IndexDefinition[];
  readonly #batchRows: number;
  #rowsInTransaction = 0;

  constructor(db: Database, options: BulkLoadOptions = {}) {
    this.#db = db;
    this.#batchRows = options.batchRows ?? 1_000_000;
    // Named indexes only: the automatic ones behind UNIQUE constraints cannot be dropped.
    const indexes = db
      .prepare<[], IndexDefinition>("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
      .all();
    this.#dropped = indexes.filter((index) => !options.keepIndexes?.has(index.name));
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -1048576');
    // Lets CREATE INDEX sort on a second core.
    db.pragma('threads = 2');
    for (const index of this.#dropped) db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
    db.exec('BEGIN');
  }

  /** Call after each row written. */
  row(): void {
    this.#rowsInTransaction += 1;
    if (this.#rowsInTransaction >= this.#batchRows) {
      this.#db.exec('COMMIT');
      this.#db.exec('BEGIN');
      this.#rowsInTransaction = 0;
    }
  }

  /** Rebuilds the dropped indexes, refreshes planner statistics, restores durability. */
  finish(onIndex?: (name: string, done: number, total: number) => void): void {
    this.#db.exec('COMMIT');
    this.#dropped.forEach((index, i) => {
      onIndex?.(index.name, i, this.#dropped.length);
      this.#db.exec(index.sql);
    });
    onIndex?.('', this.#dropped.length, this.#dropped.length);
    this.#db.pragma('analysis_limit = 2000');
    this.#db.exec('ANALYZE');
    this.#db.pragma('optimize');
    this.#db.pragma('threads = 0');
    this.#db.pragma('cache_size = -65536');
    // WAL entered under an exclusive lock would stay exclusive; release the lock first.
    this.#db.pragma('locking_mode = NORMAL');
    this.#db.prepare('SELECT count(*) FROM sqlite_schema').get();
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
  }
}
