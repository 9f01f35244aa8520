import type { Database } from 'better-sqlite3';

/**
 * One product's shipped rows in order-number order, so a recall list filtered by SKU and
 * sorted by order shows its first page without sorting every row of that product.
 *
 * No index on shipped_serials can hold the order number (it lives in orders), and walking
 * orders by number while probing for the product reads every order before the first match
 * when the product only sold late (or early, sorting the other way). So the number is
 * copied beside the row's product and id, in a table keyed in exactly that order: a
 * product's rows are one range of it, already sorted. Filled by a trigger when a serial
 * ships; an order whose number changes has its rows rewritten.
 */
export function up(db: Database): void {
  db.exec(`
    -- id is shipped_serials.id; order_number is orders.order_number (same collation).
    CREATE TABLE shipped_serial_order_numbers (
      product_id   INTEGER NOT NULL,
      order_number TEXT NOT NULL COLLATE NOCASE,
      id           INTEGER NOT NULL,
      PRIMARY KEY (product_id, order_number, id)
    ) WITHOUT ROWID, STRICT;
    -- In key order, so the table is built by appending rather than by random inserts.
    INSERT INTO shipped_serial_order_numbers (product_id, order_number, id)
      SELECT ss.product_id, o.order_number, ss.id
      FROM shipped_serials ss JOIN orders o ON o.id = ss.order_id
      ORDER BY 1, 2, 3;

    CREATE TRIGGER shipped_serials_order_number AFTER INSERT ON shipped_serials BEGIN
      INSERT INTO shipped_serial_order_numbers (product_id, order_number, id)
        SELECT new.product_id, order_number, new.id FROM orders WHERE id = new.order_id;
    END;
    CREATE TRIGGER orders_number_changed AFTER UPDATE OF order_number ON orders
      WHEN new.order_number IS NOT old.order_number BEGIN
      UPDATE shipped_serial_order_numbers SET order_number = new.order_number
        WHERE order_number = old.order_number
          AND product_id IN (SELECT product_id FROM shipped_serials WHERE order_id = new.id);
    END;
  `);
  const analyzed = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get();
  if (analyzed) {
    db.pragma('analysis_limit = 1000');
    db.exec('ANALYZE shipped_serial_order_numbers');
    db.pragma('analysis_limit = 0');
  }
}
