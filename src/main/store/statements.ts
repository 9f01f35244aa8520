import type { Database, Statement } from 'better-sqlite3';

/** Prepares each SQL text once per connection; repositories call `sql` on every use. */
export class StatementCache {
  readonly #db: Database;
  readonly #cache = new Map<string, Statement>();

  constructor(db: Database) {
    this.#db = db;
  }

  get db(): Database {
    return this.#db;
  }

  sql<Params extends unknown[] = unknown[], Row = unknown>(text: string): Statement<Params, Row> {
    let statement = this.#cache.get(text);
    if (!statement) {
      statement = this.#db.prepare(text);
      this.#cache.set(text, statement);
    }
    return statement as unknown as Statement<Params, Row>;
  }
}
