import type { Database, Statement } from 'better-sqlite3';

interface IndexDefinition {
  readonly name: string;
  readonly sql: string;
}

/**
 * Loading speed-ups that are only acceptable while nothing else can see the file: no
 * journal, no fsync, secondary indexes built once at the end instead of row by row.
 * `finish` puts the store back exactly as Store.open leaves it (WAL, synchronous=FULL).
 */
export class BulkLoad {
  readonly #db: Database;
  readonly #indexes: readonly IndexDefinition[];
  #rowsInTransaction = 0;
  readonly #batchRows: number;

  constructor(db: Database, batchRows = 1_000_000) {
    this.#db = db;
    this.#batchRows = batchRows;
    // Named indexes only: the automatic ones behind UNIQUE columns cannot be dropped.
    this.#indexes = db
      .prepare<[], IndexDefinition>("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
      .all();
    if (process.env.SEED_FK_OFF) db.pragma('foreign_keys = OFF');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -1048576');
    // Lets CREATE INDEX sort on a second core.
    db.pragma('threads = 2');
    for (const index of this.#indexes) db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
    db.exec('BEGIN');
  }

  /** Call after each row; commits every batch so memory stays flat. */
  row(): void {
    this.#rowsInTransaction += 1;
    if (this.#rowsInTransaction >= this.#batchRows) this.commit();
  }

  commit(): void {
    this.#db.exec('COMMIT');
    this.#db.exec('BEGIN');
    this.#rowsInTransaction = 0;
  }

  run(statement: Statement, ...params: unknown[]): void {
    statement.run(...params);
    this.row();
  }

  /** Rebuilds the dropped indexes from their stored definitions, then restores durability. */
  finish(onIndex?: (name: string, done: number, total: number) => void): void {
    this.#db.exec('COMMIT');
    this.#indexes.forEach((index, i) => {
      onIndex?.(index.name, i, this.#indexes.length);
      this.#db.exec(index.sql);
    });
    onIndex?.('', this.#indexes.length, this.#indexes.length);
    this.#db.pragma('analysis_limit = 2000');
    this.#db.exec('ANALYZE');
    this.#db.pragma('optimize');
    this.#db.pragma('cache_size = -65536');
    // WAL entered under an exclusive lock would stay exclusive; release the lock first.
    this.#db.pragma('locking_mode = NORMAL');
    this.#db.prepare('SELECT count(*) FROM sqlite_schema').get();
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
  }

  get indexNames(): readonly string[] {
    return this.#indexes.map((i) => i.name);
  }
}
