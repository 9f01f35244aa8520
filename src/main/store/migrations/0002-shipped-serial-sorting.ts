import type { Database } from 'better-sqlite3';

/** Warranty end of a shipped row: ship date plus the product's months; none without a warranty. */
const expiresOn = (shippedAt: string, months: string): string =>
  `CASE WHEN ${months} > 0 THEN date(${shippedAt}, '+' || ${months} || ' months') END`;

/**
 * Indexes that let the Shipped Serial Numbers list show its first page in any sort order
 * without sorting millions of rows, with or without a SKU filter.
 *
 * Warranty end depends on the product's warranty months, which can change after shipping,
 * while shipped_serials itself is append-only. So the derived date lives in a side table,
 * filled by a trigger when a serial ships and rewritten when a product's months change.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE INDEX shipped_serials_by_shipped ON shipped_serials(shipped_at);
    CREATE INDEX shipped_serials_by_product_shipped ON shipped_serials(product_id, shipped_at);
    CREATE INDEX shipped_serials_by_product_key ON shipped_serials(product_id, serial_key);
    -- Product order in the list: name (as people read it) then SKU; each product's rows
    -- then come from shipped_serials_by_product, so no sort is needed.
    CREATE INDEX products_by_name_sku ON products(name COLLATE NOCASE, sku);

    -- id is shipped_serials.id; expires_on is NULL when the product has no warranty.
    CREATE TABLE shipped_serial_warranty (
      id         INTEGER PRIMARY KEY,
      expires_on TEXT
    ) STRICT;
    INSERT INTO shipped_serial_warranty (id, expires_on)
      SELECT ss.id, ${expiresOn('ss.shipped_at', 'p.warranty_months')}
      FROM shipped_serials ss JOIN products p ON p.id = ss.product_id;
    CREATE INDEX shipped_serial_warranty_by_expiry ON shipped_serial_warranty(expires_on);

    CREATE TRIGGER shipped_serials_warranty AFTER INSERT ON shipped_serials BEGIN
      INSERT INTO shipped_serial_warranty (id, expires_on)
        SELECT new.id, ${expiresOn('new.shipped_at', 'warranty_months')} FROM products WHERE id = new.product_id;
    END;
    CREATE TRIGGER products_warranty_changed AFTER UPDATE OF warranty_months ON products
      WHEN new.warranty_months IS NOT old.warranty_months BEGIN
      UPDATE shipped_serial_warranty
        SET expires_on = (SELECT ${expiresOn('ss.shipped_at', 'new.warranty_months')}
                          FROM shipped_serials ss WHERE ss.id = shipped_serial_warranty.id)
        WHERE id IN (SELECT id FROM shipped_serials WHERE product_id = new.id);
    END;
  `);
  // A store that already has planner statistics gets them for the new indexes too, sampled
  // so a large store upgrades in seconds; without them SQLite may keep sorting.
  const analyzed = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get();
  if (analyzed) {
    db.pragma('analysis_limit = 1000');
    for (const name of [
      'shipped_serials_by_shipped',
      'shipped_serials_by_product_shipped',
      'shipped_serials_by_product_key',
      'products_by_name_sku',
      'shipped_serial_warranty',
    ]) {
      db.exec(`ANALYZE ${name}`);
    }
    db.pragma('analysis_limit = 0');
  }
}
