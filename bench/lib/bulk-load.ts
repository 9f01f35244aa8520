import type { Database, Statement } from 'better-sqlite3';

interface IndexDefinition {
  readonly name: string;
  readonly table: string;
  readonly sql: string;
}

interface Target {
  readonly insert: Statement;
  /** Set for tables with INSERT triggers: rows wait in a temp table, then go in together. */
  readonly staging: { readonly flush: Statement; readonly clear: Statement } | null;
  staged: number;
}

/** Staged rows move into their table this many at a time, one statement per move. */
const STAGE_ROWS = 250_000;
/**
 * Staging lives in an attached in-memory database, detached when loading ends. (A temp
 * table would do, except that once the temp database exists, the WAL checkpoint on close
 * fails with "database table is locked" after the journal_mode OFF -> WAL round trip.)
 */
const STAGE_DB = 'seed_stage';
const SOURCE_DB = 'seed_source';

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
  readonly #indexes: readonly IndexDefinition[];
  #dropped: readonly IndexDefinition[];
  readonly #batchRows: number;
  readonly #targets = new Map<string, Target>();
  #rowsInTransaction = 0;

  constructor(db: Database, options: BulkLoadOptions = {}) {
    this.#db = db;
    this.#batchRows = options.batchRows ?? 1_000_000;
    // Named indexes only: the automatic ones behind UNIQUE constraints cannot be dropped.
    this.#indexes = db
      .prepare<[], IndexDefinition>(
        "SELECT name, tbl_name AS 'table', sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
      )
      .all();
    this.#dropped = this.#indexes.filter((index) => !options.keepIndexes?.has(index.name));
    // better-sqlite3 runs SQLite in defensive mode, which refuses journal_mode=OFF.
    db.unsafeMode(true);
    const mode = db.pragma('main.journal_mode = OFF', { simple: true });
    if (mode !== 'off') throw new Error(`Could not turn the journal off for loading (SQLite kept "${String(mode)}")`);
    db.pragma('main.synchronous = OFF');
    db.pragma('main.locking_mode = EXCLUSIVE');
    db.pragma('main.cache_size = -1048576');
    for (const index of this.#dropped) db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
    db.exec(`ATTACH ':memory:' AS ${STAGE_DB}`);
    db.exec('BEGIN');
  }

  /**
   * Writes one row. Tables with INSERT triggers (the shipped-serial search index) get their
   * rows through a temp table and one INSERT ... SELECT per batch: the real trigger still
   * does its work for every row, but FTS5 flushes its pending terms once per statement, and
   * a statement per row would flush per row.
   */
  insert(table: string, columns: string, params: readonly unknown[]): void {
    const key = `${table}(${columns})`;
    let target = this.#targets.get(key);
    if (!target) {
      target = this.#prepare(table, columns);
      this.#targets.set(key, target);
    }
    target.insert.run(...params);
    if (target.staging && (target.staged += 1) >= STAGE_ROWS) this.#flush(target);
    this.#rowsInTransaction += 1;
    if (this.#rowsInTransaction >= this.#batchRows) {
      this.#flushAll();
      this.#db.exec('COMMIT');
      this.#db.exec('BEGIN');
      this.#rowsInTransaction = 0;
    }
  }

  #prepare(table: string, columns: string): Target {
    const placeholders = columns
      .split(',')
      .map(() => '?')
      .join(', ');
    const fired = this.#db
      .prepare(
        "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? AND sql LIKE '%INSERT ON%'",
      )
      .get(table) as { n: number };
    if (fired.n === 0) {
      return {
        insert: this.#db.prepare(`INSERT INTO main.${table} (${columns}) VALUES (${placeholders})`),
        staging: null,
        staged: 0,
      };
    }
    const stage = `${STAGE_DB}.${table}_${this.#targets.size}`;
    this.#db.exec(`CREATE TABLE ${stage} AS SELECT ${columns} FROM main.${table} WHERE 0`);
    return {
      insert: this.#db.prepare(`INSERT INTO ${stage} (${columns}) VALUES (${placeholders})`),
      staging: {
        flush: this.#db.prepare(
          `INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM ${stage} ORDER BY rowid`,
        ),
        clear: this.#db.prepare(`DELETE FROM ${stage}`),
      },
      staged: 0,
    };
  }

  #flush(target: Target): void {
    if (!target.staging || target.staged === 0) return;
    target.staging.flush.run();
    target.staging.clear.run();
    target.staged = 0;
  }

  #flushAll(): void {
    for (const target of this.#targets.values()) this.#flush(target);
  }

  /** Moves staged rows into their tables; call before writing rows that must come after them. */
  flush(): void {
    this.#flushAll();
  }

  /** Rebuilds now, inside the load, the dropped indexes of every table but the ones named. */
  buildIndexesExcept(tables: ReadonlySet<string>, onIndex?: (name: string, done: number, total: number) => void): void {
    this.#flushAll();
    const now = this.#dropped.filter((i) => !tables.has(i.table));
    now.forEach((index, i) => {
      onIndex?.(index.name, i, now.length);
      this.#db.exec(index.sql);
    });
    this.#dropped = this.#dropped.filter((i) => tables.has(i.table));
  }

  /** The store's own definitions of a table and its named indexes, as the migration wrote them. */
  definitionOf(table: string): { readonly tableSql: string; readonly indexSql: readonly string[] } {
    const row = this.#db
      .prepare<[string], { sql: string }>("SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?")
      .get(table);
    if (!row) throw new Error(`The store has no table ${table}`);
    return { tableSql: row.sql, indexSql: this.#indexes.filter((i) => i.table === table).map((i) => i.sql) };
  }

  /**
   * Fills an empty table from the same table in another SQLite file built with the same
   * definitions. Its indexes are recreated first, so SQLite's transfer optimization copies
   * the rows and every index in page order instead of inserting entries one by one.
   */
  copyTableFrom(file: string, table: string): void {
    this.#flushAll();
    this.#db.exec('COMMIT');
    for (const index of this.#dropped.filter((i) => i.table === table)) this.#db.exec(index.sql);
    this.#dropped = this.#dropped.filter((i) => i.table !== table);
    this.#db.prepare(`ATTACH ? AS ${SOURCE_DB}`).run(file);
    try {
      this.#db.exec(`INSERT INTO main.${table} SELECT * FROM ${SOURCE_DB}.${table}`);
    } finally {
      this.#db.exec(`DETACH ${SOURCE_DB}`);
    }
    this.#db.exec('BEGIN');
  }

  /** Rebuilds the dropped indexes, refreshes planner statistics, restores durability. */
  finish(onIndex?: (name: string, done: number, total: number) => void): void {
    this.#flushAll();
    this.#db.exec('COMMIT');
    this.#targets.clear();
    this.#db.exec(`DETACH ${STAGE_DB}`);
    // Nothing else runs now: let CREATE INDEX sort on a second core.
    this.#db.pragma('threads = 2');
    this.#dropped.forEach((index, i) => {
      onIndex?.(index.name, i, this.#dropped.length);
      this.#db.exec(index.sql);
    });
    onIndex?.('', this.#dropped.length, this.#dropped.length);
    this.#db.pragma('analysis_limit = 2000');
    this.#db.exec('ANALYZE');
    this.#db.pragma('optimize');
    this.#db.pragma('threads = 0');
    this.#db.pragma('main.cache_size = -65536');
    // WAL entered under an exclusive lock would stay exclusive; release the lock first.
    this.#db.pragma('main.locking_mode = NORMAL');
    this.#db.prepare('SELECT count(*) FROM sqlite_schema').get();
    const mode = this.#db.pragma('main.journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`Could not put the store back in WAL mode (SQLite kept "${String(mode)}")`);
    this.#db.pragma('main.synchronous = FULL');
    this.#db.unsafeMode(false);
  }
}
