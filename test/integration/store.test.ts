import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { appendEvent, verifyLedger } from '../../src/main/store/ledger';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../src/main/store/migrations';
import { APPLICATION_ID, DB_FILE_NAME } from '../../src/main/store/open';
import { Store } from '../../src/main/store/store';
import { tempDir, tempStore } from '../support/temp-store';

function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function expectRefused(dataDir: string, code: string, messagePart: RegExp): void {
  const file = path.join(dataDir, DB_FILE_NAME);
  const before = sha(file);
  let caught: unknown;
  try {
    Store.open({ dataDir });
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  expect((caught as AppError).message).toMatch(messagePart);
  expect(sha(file)).toBe(before);
  // A read-only probe may leave an empty -wal beside the file; it must never hold writes.
  const wal = `${file}-wal`;
  if (fs.existsSync(wal)) expect(fs.statSync(wal).size).toBe(0);
}

function insertProduct(store: Store, sku: string): number {
  const now = new Date().toISOString();
  return Number(
    store.db
      .prepare('INSERT INTO products (sku, name, track_serials, created_at, updated_at) VALUES (?, ?, 1, ?, ?)')
      .run(sku, `Product ${sku}`, now, now).lastInsertRowid,
  );
}

function insertUnit(store: Store, productId: number): number {
  const now = new Date().toISOString();
  return Number(
    store.db
      .prepare("INSERT INTO units (product_id, status, created_at, updated_at) VALUES (?, 'in_stock', ?, ?)")
      .run(productId, now, now).lastInsertRowid,
  );
}

describe('opening the store', () => {
  it('creates a new store with the durability pragmas and stamps it as Packbench', () => {
    const { store } = tempStore();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const strict = store.db
      .prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%STRICT'")
      .get() as { n: number };
    const tables = store.db
      .prepare(
        "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'shipped_serials_search%'",
      )
      .get() as { n: number };
    expect(strict.n).toBe(tables.n);
    store.close();
  });

  it('reopens an existing store and keeps its data', () => {
    const { store, dataDir } = tempStore();
    insertProduct(store, 'KEEP-1');
    store.close();
    const again = Store.open({ dataDir });
    expect(again.db.prepare('SELECT sku FROM products').all()).toEqual([{ sku: 'KEEP-1' }]);
    expect(again.migrationBackup).toBeNull();
    again.close();
  });

  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, DB_FILE_NAME), 'order_number,sku,qty\nSO-1,A,1\n');
    expectRefused(dataDir, 'DB_NOT_SQLITE', /not a SQLite database/);
  });

  it("refuses another program's SQLite database", () => {
    const dataDir = tempDir();
    const other = new BetterSqlite3(path.join(dataDir, DB_FILE_NAME));
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    expectRefused(dataDir, 'DB_NOT_PACKBENCH', /another program/);
  });

  it('refuses a store written by a newer version', () => {
    const { store, dataDir } = tempStore();
    store.db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    store.close();
    expectRefused(dataDir, 'DB_FROM_FUTURE', /newer Packbench/);
  });

  it('refuses a damaged store and does not replace it with an empty one', () => {
    const { store, dataDir } = tempStore();
    for (let i = 0; i < 200; i += 1) insertProduct(store, `SKU-${i}`);
    store.close();
    const file = path.join(dataDir, DB_FILE_NAME);
    const bytes = fs.readFileSync(file);
    // Keep the 100-byte header, garble the rest of page 1 (the schema) and page 2.
    for (let i = 120; i < 8192 && i < bytes.length; i += 1) bytes[i] = (i * 31) & 0xff;
    fs.writeFileSync(file, bytes);
    expectRefused(dataDir, 'DB_CORRUPT', /damaged/);
  });
});

describe('migrations', () => {
  const next: Migration = {
    version: LATEST_VERSION + 1,
    name: 'add-notes',
    up: (db) => db.exec('CREATE TABLE notes (body TEXT) STRICT'),
  };

  it('backs up an older store before migrating it', () => {
    const dataDir = tempDir();
    const v1 = Store.open({ dataDir, migrations: MIGRATIONS });
    insertProduct(v1, 'OLD-1');
    v1.close();

    const upgraded = Store.open({ dataDir, migrations: [...MIGRATIONS, next] });
    expect(upgraded.schemaVersion).toBe(LATEST_VERSION + 1);
    expect(upgraded.migrationBackup).not.toBeNull();
    upgraded.close();
    const backup = new BetterSqlite3(upgraded.migrationBackup!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(backup.prepare('SELECT sku FROM products').all()).toEqual([{ sku: 'OLD-1' }]);
    backup.close();
  });

  it('rolls back every pending step when one fails, leaving the store at its old version', () => {
    const dataDir = tempDir();
    Store.open({ dataDir }).close();
    const broken: Migration = {
      version: LATEST_VERSION + 2,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x TEXT) STRICT');
        throw new Error('step failed');
      },
    };
    expect(() => Store.open({ dataDir, migrations: [...MIGRATIONS, next, broken] })).toThrow(/step failed/);
    const store = Store.open({ dataDir });
    expect(store.schemaVersion).toBe(LATEST_VERSION);
    const tables = store.db.prepare("SELECT name FROM sqlite_schema WHERE name IN ('notes', 'half_done')").all();
    expect(tables).toEqual([]);
    store.close();
  });
});

describe('writing', () => {
  it('returns what the write returns and keeps it only when the write finishes', () => {
    const { store } = tempStore();
    const count = () => store.db.prepare('SELECT count(*) FROM products').pluck().get();
    const id: number = store.write(() => insertProduct(store, 'A'));
    expect(count()).toBe(1);
    expect(store.db.prepare('SELECT sku FROM products WHERE id = ?').pluck().get(id)).toBe('A');
    expect(() =>
      store.write(() => {
        insertProduct(store, 'B');
        throw new Error('label printer jammed');
      }),
    ).toThrow(/label printer jammed/);
    expect(count()).toBe(1);
    store.close();
  });

  it('undoes only a failed inner write when the outer write carries on, and all of it when the outer fails', () => {
    const { store } = tempStore();
    const skus = () => store.db.prepare('SELECT sku FROM products ORDER BY sku').pluck().all();
    store.write(() => {
      insertProduct(store, 'OUTER');
      expect(() =>
        store.write(() => {
          insertProduct(store, 'INNER');
          throw new Error('scale lost');
        }),
      ).toThrow(/scale lost/);
      expect(store.write(() => insertProduct(store, 'SECOND'))).toBeGreaterThan(0);
    });
    expect(skus()).toEqual(['OUTER', 'SECOND']);

    expect(() =>
      store.write(() => {
        store.write(() => insertProduct(store, 'INNER-FINISHED'));
        throw new Error('station closed');
      }),
    ).toThrow(/station closed/);
    expect(skus()).toEqual(['OUTER', 'SECOND']);
    expect(store.db.inTransaction).toBe(false);
    store.close();
  });
});

describe('serial uniqueness', () => {
  it('refuses the same serial twice for one product but allows it on another product', () => {
    const { store } = tempStore();
    const a = insertProduct(store, 'A');
    const b = insertProduct(store, 'B');
    const add = (unit: number, product: number, serial: string, scope: number) =>
      store.db
        .prepare(
          'INSERT INTO unit_serials (unit_id, product_id, slot, serial, serial_key, scope_product_id) VALUES (?, ?, 1, ?, ?, ?)',
        )
        .run(unit, product, serial, serial.toUpperCase(), scope);
    add(insertUnit(store, a), a, 'sn-1', a);
    expect(() => add(insertUnit(store, a), a, 'SN-1', a)).toThrow(/UNIQUE/);
    expect(() => add(insertUnit(store, b), b, 'SN-1', b)).not.toThrow();
    // Organization-wide scope uses 0 as the scope, so the second product collides too.
    expect(() => add(insertUnit(store, b), b, 'SN-2', 0)).not.toThrow();
    expect(() => add(insertUnit(store, a), a, 'SN-2', 0)).toThrow(/UNIQUE/);
    store.close();
  });
});

describe('append-only records and the ledger', () => {
  it('refuses to change or delete ledger events and shipped serial rows', () => {
    const { store } = tempStore();
    appendEvent(store.statements, { type: 'received', serial: 'X1', serialKey: 'X1', reference: 'PO-1' });
    expect(() => store.db.prepare("UPDATE serial_events SET reference = 'PO-2'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM serial_events').run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM shipped_serials').run()).not.toThrow(); // nothing to delete
    const now = new Date().toISOString();
    const product = insertProduct(store, 'P');
    const unit = insertUnit(store, product);
    const order = Number(
      store.db.prepare("INSERT INTO orders (order_number, created_at, updated_at) VALUES ('SO-1', ?, ?)").run(now, now)
        .lastInsertRowid,
    );
    const line = Number(
      store.db
        .prepare('INSERT INTO order_lines (order_id, line_no, product_id, qty) VALUES (?, 1, ?, 1)')
        .run(order, product).lastInsertRowid,
    );
    const shipment = Number(
      store.db.prepare('INSERT INTO shipments (order_id, shipped_at) VALUES (?, ?)').run(order, now).lastInsertRowid,
    );
    store.db
      .prepare(
        'INSERT INTO shipped_serials (shipment_id, serial, serial_key, order_id, order_line_id, product_id, unit_id, slot, shipped_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
      )
      .run(shipment, 'X1', 'X1', order, line, product, unit, now, now);
    expect(() => store.db.prepare("UPDATE shipped_serials SET serial = 'Y'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM shipped_serials').run()).toThrow(/append-only/);
    store.close();
  });

  it('verifies an intact chain and finds the first tampered event', () => {
    const { store, dataDir } = tempStore();
    for (let i = 1; i <= 5; i += 1)
      appendEvent(store.statements, { type: 'received', serial: `S${i}`, serialKey: `S${i}`, details: { n: i } });
    expect(verifyLedger(store.db)).toEqual({ ok: true, events: 5, firstBrokenEventId: null, reason: null });
    store.close();

    // Tamper the way an attacker with the file would: drop the trigger, edit, restore.
    const raw = new BetterSqlite3(path.join(dataDir, DB_FILE_NAME));
    raw.exec('DROP TRIGGER serial_events_no_update');
    raw.prepare("UPDATE serial_events SET serial = 'FORGED' WHERE id = 3").run();
    raw.close();
    const reopened = Store.open({ dataDir });
    const result = verifyLedger(reopened.db);
    expect(result.ok).toBe(false);
    expect(result.firstBrokenEventId).toBe(3);
    expect(result.reason).toMatch(/altered/);
    reopened.close();
  });
});
