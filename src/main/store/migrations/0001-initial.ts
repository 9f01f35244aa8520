import type { Database } from 'better-sqlite3';

/**
 * The whole station schema. Later features fill these tables; they do not reshape them.
 * Times are ISO-8601 UTC text; money is integer minor units (cents); weights are grams.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL CHECK (json_valid(value))
    ) STRICT;

    CREATE TABLE stations (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE operators (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
      role       TEXT NOT NULL CHECK (role IN ('packer', 'receiver', 'supervisor')),
      pin_hash   TEXT NOT NULL,
      active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL
    ) STRICT;

    -- Failed PIN entries per operator, so the limit holds across processes and restarts.
    CREATE TABLE pin_attempts (
      operator_id  INTEGER PRIMARY KEY REFERENCES operators(id) ON DELETE CASCADE,
      failures     INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT
    ) STRICT;

    CREATE TABLE shifts (
      id          INTEGER PRIMARY KEY,
      operator_id INTEGER NOT NULL REFERENCES operators(id),
      station_id  INTEGER NOT NULL REFERENCES stations(id),
      started_at  TEXT NOT NULL,
      ended_at    TEXT,
      end_reason  TEXT
    ) STRICT;
    CREATE INDEX shifts_by_station ON shifts(station_id, started_at);
    CREATE INDEX shifts_by_operator ON shifts(operator_id, started_at);

    CREATE TABLE products (
      id                 INTEGER PRIMARY KEY,
      sku                TEXT NOT NULL UNIQUE COLLATE NOCASE,
      name               TEXT NOT NULL,
      track_serials      INTEGER NOT NULL CHECK (track_serials IN (0, 1)),
      serials_per_unit   INTEGER NOT NULL DEFAULT 1 CHECK (serials_per_unit BETWEEN 1 AND 10),
      serial_slot_labels TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(serial_slot_labels)),
      serial_pattern     TEXT,
      serial_length      INTEGER CHECK (serial_length IS NULL OR serial_length BETWEEN 1 AND 200),
      warranty_months    INTEGER CHECK (warranty_months IS NULL OR warranty_months >= 0),
      unit_weight_g      REAL CHECK (unit_weight_g IS NULL OR unit_weight_g >= 0),
      demo               INTEGER NOT NULL DEFAULT 0,
      created_at         TEXT NOT NULL,
      updated_at         TEXT NOT NULL
    ) STRICT;
    CREATE INDEX products_by_name ON products(name COLLATE NOCASE);

    -- UPC / EAN / GTIN / alias codes; a code names exactly one product.
    CREATE TABLE product_barcodes (
      id         INTEGER PRIMARY KEY,
      code       TEXT NOT NULL UNIQUE COLLATE NOCASE,
      product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
      kind       TEXT NOT NULL DEFAULT 'alias' CHECK (kind IN ('upc', 'ean', 'gtin', 'alias'))
    ) STRICT;
    CREATE INDEX product_barcodes_by_product ON product_barcodes(product_id);

    CREATE TABLE vendors (
      id                 INTEGER PRIMARY KEY,
      name               TEXT NOT NULL UNIQUE COLLATE NOCASE,
      skip_serial_prompt INTEGER NOT NULL DEFAULT 0 CHECK (skip_serial_prompt IN (0, 1))
    ) STRICT;

    CREATE TABLE purchase_orders (
      id         INTEGER PRIMARY KEY,
      po_number  TEXT NOT NULL UNIQUE COLLATE NOCASE,
      vendor_id  INTEGER NOT NULL REFERENCES vendors(id),
      status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'received', 'closed')),
      demo       INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE po_lines (
      id               INTEGER PRIMARY KEY,
      po_id            INTEGER NOT NULL REFERENCES purchase_orders(id) ON DELETE CASCADE,
      line_no          INTEGER NOT NULL,
      product_id       INTEGER NOT NULL REFERENCES products(id),
      qty_ordered      INTEGER NOT NULL CHECK (qty_ordered > 0),
      qty_received     INTEGER NOT NULL DEFAULT 0 CHECK (qty_received >= 0),
      unit_cost_cents  INTEGER CHECK (unit_cost_cents IS NULL OR unit_cost_cents >= 0),
      UNIQUE (po_id, line_no)
    ) STRICT;
    CREATE INDEX po_lines_by_product ON po_lines(product_id);

    CREATE TABLE orders (
      id            INTEGER PRIMARY KEY,
      order_number  TEXT NOT NULL UNIQUE COLLATE NOCASE,
      customer_name TEXT NOT NULL DEFAULT '',
      ship_to       TEXT NOT NULL DEFAULT '',
      status        TEXT NOT NULL DEFAULT 'open'
                    CHECK (status IN ('open', 'packing', 'shipped', 'cancelled')),
      demo          INTEGER NOT NULL DEFAULT 0,
      created_at    TEXT NOT NULL,
      updated_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX orders_by_created ON orders(created_at);

    CREATE TABLE order_lines (
      id         INTEGER PRIMARY KEY,
      order_id   INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
      line_no    INTEGER NOT NULL,
      product_id INTEGER NOT NULL REFERENCES products(id),
      qty        INTEGER NOT NULL CHECK (qty > 0),
      UNIQUE (order_id, line_no)
    ) STRICT;
    CREATE INDEX order_lines_by_product ON order_lines(product_id);

    -- Serials pre-allocated to an order line; the packer must scan exactly these.
    CREATE TABLE order_line_serials (
      id            INTEGER PRIMARY KEY,
      order_line_id INTEGER NOT NULL REFERENCES order_lines(id) ON DELETE CASCADE,
      serial        TEXT NOT NULL,
      serial_key    TEXT NOT NULL,
      unit_id       INTEGER REFERENCES units(id),
      UNIQUE (order_line_id, serial_key)
    ) STRICT;
    CREATE INDEX order_line_serials_by_key ON order_line_serials(serial_key);
    CREATE INDEX order_line_serials_by_unit ON order_line_serials(unit_id);

    CREATE TABLE units (
      id                  INTEGER PRIMARY KEY,
      product_id          INTEGER NOT NULL REFERENCES products(id),
      status              TEXT NOT NULL
                          CHECK (status IN ('in_stock', 'reserved', 'sold', 'returned', 'defective')),
      lot                 TEXT,
      expires_on          TEXT,
      warehouse           TEXT,
      location            TEXT,
      purchase_date       TEXT,
      warranty_expires_on TEXT,
      unit_cost_cents     INTEGER,
      po_line_id          INTEGER REFERENCES po_lines(id),
      work_session_id     INTEGER REFERENCES work_sessions(id),
      created_at          TEXT NOT NULL,
      updated_at          TEXT NOT NULL
    ) STRICT;
    CREATE INDEX units_by_product_status ON units(product_id, status);
    CREATE INDEX units_by_status ON units(status);
    CREATE INDEX units_by_po_line ON units(po_line_id);

    -- One row per code on a unit (a two-IMEI phone has two). scope_product_id is the
    -- product id under per-product uniqueness and 0 under organization-wide uniqueness,
    -- so one UNIQUE index enforces whichever scope is configured.
    CREATE TABLE unit_serials (
      id               INTEGER PRIMARY KEY,
      unit_id          INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
      product_id       INTEGER NOT NULL REFERENCES products(id),
      slot             INTEGER NOT NULL CHECK (slot >= 1),
      serial           TEXT NOT NULL,
      serial_key       TEXT NOT NULL CHECK (length(serial_key) > 0),
      scope_product_id INTEGER NOT NULL,
      UNIQUE (unit_id, slot)
    ) STRICT;
    CREATE UNIQUE INDEX unit_serials_unique_in_scope ON unit_serials(scope_product_id, serial_key);
    CREATE INDEX unit_serials_by_key ON unit_serials(serial_key);

    -- In-progress wizard state, written at every scan so a crash resumes exactly.
    CREATE TABLE work_sessions (
      id          INTEGER PRIMARY KEY,
      kind        TEXT NOT NULL CHECK (kind IN ('receive', 'ship', 'return', 'transfer')),
      reference   TEXT NOT NULL,
      station_id  INTEGER REFERENCES stations(id),
      operator_id INTEGER REFERENCES operators(id),
      shift_id    INTEGER REFERENCES shifts(id),
      status      TEXT NOT NULL CHECK (status IN ('active', 'parked', 'closed', 'voided')),
      state       TEXT NOT NULL CHECK (json_valid(state)),
      version     INTEGER NOT NULL DEFAULT 0,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX work_sessions_open ON work_sessions(kind, status, reference);

    -- What a session has captured so far, one row per scan, so persisting a scan is one small
    -- insert rather than rewriting the whole session. Deleted with the session's rows on close.
    CREATE TABLE work_session_units (
      id              INTEGER PRIMARY KEY,
      session_id      INTEGER NOT NULL REFERENCES work_sessions(id) ON DELETE CASCADE,
      line_id         INTEGER NOT NULL,
      unit_id         INTEGER REFERENCES units(id),
      lot             TEXT,
      expires_on      TEXT,
      manual          INTEGER NOT NULL DEFAULT 0,
      created_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX work_session_units_by_session ON work_session_units(session_id);

    CREATE TABLE work_session_serials (
      id              INTEGER PRIMARY KEY,
      session_id      INTEGER NOT NULL REFERENCES work_sessions(id) ON DELETE CASCADE,
      session_unit_id INTEGER NOT NULL REFERENCES work_session_units(id) ON DELETE CASCADE,
      slot            INTEGER NOT NULL CHECK (slot >= 1),
      serial          TEXT NOT NULL,
      serial_key      TEXT NOT NULL,
      manual          INTEGER NOT NULL DEFAULT 0,
      override_event_id INTEGER,
      created_at      TEXT NOT NULL,
      UNIQUE (session_unit_id, slot)
    ) STRICT;
    CREATE INDEX work_session_serials_by_key ON work_session_serials(serial_key, session_id);

    CREATE TABLE shipments (
      id          INTEGER PRIMARY KEY,
      order_id    INTEGER NOT NULL REFERENCES orders(id),
      station_id  INTEGER REFERENCES stations(id),
      operator_id INTEGER REFERENCES operators(id),
      shift_id    INTEGER REFERENCES shifts(id),
      work_session_id INTEGER REFERENCES work_sessions(id),
      shipped_at  TEXT NOT NULL,
      weight_g    REAL,
      label       TEXT
    ) STRICT;
    CREATE INDEX shipments_by_order ON shipments(order_id);
    CREATE INDEX shipments_by_shift ON shipments(shift_id);

    -- The "Shipped Serial Numbers" list: one row per serial code per shipment event.
    CREATE TABLE shipped_serials (
      id            INTEGER PRIMARY KEY,
      shipment_id   INTEGER NOT NULL REFERENCES shipments(id),
      serial        TEXT NOT NULL,
      serial_key    TEXT NOT NULL,
      order_id      INTEGER NOT NULL REFERENCES orders(id),
      order_line_id INTEGER NOT NULL REFERENCES order_lines(id),
      product_id    INTEGER NOT NULL REFERENCES products(id),
      unit_id       INTEGER NOT NULL REFERENCES units(id),
      slot          INTEGER NOT NULL,
      slot_label    TEXT,
      overridden    INTEGER NOT NULL DEFAULT 0,
      shipped_at    TEXT NOT NULL,
      created_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX shipped_serials_by_key ON shipped_serials(serial_key);
    CREATE INDEX shipped_serials_by_order ON shipped_serials(order_id);
    CREATE INDEX shipped_serials_by_product ON shipped_serials(product_id, created_at);
    CREATE INDEX shipped_serials_by_created ON shipped_serials(created_at);
    CREATE INDEX shipped_serials_by_unit ON shipped_serials(unit_id);

    -- Substring search over serial and order number (trigram index). Contentless: the text
    -- lives in shipped_serials and orders; rowid is shipped_serials.id.
    CREATE VIRTUAL TABLE shipped_serials_search USING fts5(serial, order_number, content='', tokenize='trigram');
    CREATE TRIGGER shipped_serials_index AFTER INSERT ON shipped_serials BEGIN
      INSERT INTO shipped_serials_search (rowid, serial, order_number)
      VALUES (new.id, new.serial, (SELECT order_number FROM orders WHERE id = new.order_id));
    END;

    -- Append-only ledger of every movement and decision, hash-chained.
    CREATE TABLE serial_events (
      id          INTEGER PRIMARY KEY,
      type        TEXT NOT NULL,
      at          TEXT NOT NULL,
      unit_id     INTEGER,
      product_id  INTEGER,
      serial      TEXT,
      serial_key  TEXT,
      station_id  INTEGER,
      operator_id INTEGER,
      shift_id    INTEGER,
      reference   TEXT,
      details     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
      prev_hash   TEXT NOT NULL,
      hash        TEXT NOT NULL UNIQUE
    ) STRICT;
    CREATE INDEX serial_events_by_key ON serial_events(serial_key);
    CREATE INDEX serial_events_by_unit ON serial_events(unit_id);
    CREATE INDEX serial_events_by_type_at ON serial_events(type, at);

    CREATE TRIGGER shipped_serials_no_update BEFORE UPDATE ON shipped_serials
      BEGIN SELECT RAISE(ABORT, 'shipped_serials is append-only'); END;
    CREATE TRIGGER shipped_serials_no_delete BEFORE DELETE ON shipped_serials
      BEGIN SELECT RAISE(ABORT, 'shipped_serials is append-only'); END;
    CREATE TRIGGER serial_events_no_update BEFORE UPDATE ON serial_events
      BEGIN SELECT RAISE(ABORT, 'serial_events is append-only'); END;
    CREATE TRIGGER serial_events_no_delete BEFORE DELETE ON serial_events
      BEGIN SELECT RAISE(ABORT, 'serial_events is append-only'); END;
  `);
}
