import type { ReactNode } from 'react';
import type { OrderRow, ProductRow, PurchaseOrderRow } from '../../../../shared/ipc/catalog.contract';
import { PagedList, type Column } from './paged-list';

const PRODUCT_COLUMNS: readonly Column<ProductRow>[] = [
  { header: 'SKU', cell: (p) => <span className="code">{p.sku}</span> },
  { header: 'Name', cell: (p) => p.name },
  { header: 'Serial numbers', cell: (p) => describeSerials(p) },
  {
    header: 'Barcodes',
    cell: (p) =>
      p.barcodes.length === 0 ? (
        <span className="muted">none</span>
      ) : (
        p.barcodes.map((code, i) => (
          <span key={code}>
            {i > 0 ? ', ' : null}
            <span className="code">{code}</span>
          </span>
        ))
      ),
  },
  { header: 'In stock', cell: (p) => p.inStock.toLocaleString(), align: 'num' },
];

function describeSerials(product: ProductRow): ReactNode {
  if (!product.trackSerials) return <span className="muted">No</span>;
  const labels = product.serialSlotLabels.filter((label) => label.trim() !== '');
  // A single slot called "Serial" says nothing the "Yes" does not.
  const telling = labels.length > 1 || labels.some((label) => !/^serial( number)?$/i.test(label.trim()));
  const perUnit = product.serialsPerUnit === 1 ? '1 per unit' : `${product.serialsPerUnit} per unit`;
  return (
    <span>
      <strong>Yes</strong>, {perUnit}
      {telling ? <span className="muted"> ({labels.join(', ')})</span> : null}
    </span>
  );
}

const ORDER_STATUS: Readonly<Record<OrderRow['status'], string>> = {
  open: 'Open',
  packing: 'Packing',
  shipped: 'Shipped',
  cancelled: 'Cancelled',
};

const ORDER_COLUMNS: readonly Column<OrderRow>[] = [
  { header: 'Order', cell: (o) => <span className="code">{o.orderNumber}</span> },
  { header: 'Customer', cell: (o) => o.customerName },
  { header: 'Status', cell: (o) => <span className={`status status-${o.status}`}>{ORDER_STATUS[o.status]}</span> },
  { header: 'Lines', cell: (o) => o.lines.toLocaleString(), align: 'num' },
  { header: 'Units', cell: (o) => o.units.toLocaleString(), align: 'num' },
];

const PO_STATUS: Readonly<Record<PurchaseOrderRow['status'], string>> = {
  open: 'Open',
  received: 'Received',
  closed: 'Closed',
};

const PO_COLUMNS: readonly Column<PurchaseOrderRow>[] = [
  { header: 'PO', cell: (po) => <span className="code">{po.poNumber}</span> },
  { header: 'Vendor', cell: (po) => po.vendor },
  { header: 'Status', cell: (po) => <span className={`status status-${po.status}`}>{PO_STATUS[po.status]}</span> },
  { header: 'Lines', cell: (po) => po.lines.toLocaleString(), align: 'num' },
  {
    header: 'Received / ordered',
    cell: (po) => `${po.qtyReceived.toLocaleString()} / ${po.qtyOrdered.toLocaleString()}`,
    align: 'num',
  },
];

interface ListScreenProps {
  readonly notice?: ReactNode;
  readonly onImport: () => void;
}

function EmptyCatalog({ what, onImport }: { readonly what: string; readonly onImport: () => void }) {
  return (
    <>
      <p>There are no {what} on this station yet.</p>
      <button type="button" className="button" onClick={onImport}>
        Import {what}
      </button>
    </>
  );
}

export function ProductsList({ notice, onImport }: ListScreenProps) {
  return (
    <PagedList
      channel="catalog:list-products"
      title="Products"
      searchLabel="Search SKU, name or barcode"
      columns={PRODUCT_COLUMNS}
      rowKey={(p) => p.id}
      empty={<EmptyCatalog what="products" onImport={onImport} />}
      notice={notice}
      testId="products-list"
    />
  );
}

export function OrdersList({ notice, onImport }: ListScreenProps) {
  return (
    <PagedList
      channel="catalog:list-orders"
      title="Orders"
      searchLabel="Search order number or customer"
      columns={ORDER_COLUMNS}
      rowKey={(o) => o.id}
      empty={<EmptyCatalog what="orders" onImport={onImport} />}
      notice={notice}
      testId="orders-list"
    />
  );
}

export function PurchaseOrdersList({ notice, onImport }: ListScreenProps) {
  return (
    <PagedList
      channel="catalog:list-purchase-orders"
      title="Purchase orders"
      searchLabel="Search PO number or vendor"
      columns={PO_COLUMNS}
      rowKey={(po) => po.id}
      empty={<EmptyCatalog what="purchase orders" onImport={onImport} />}
      notice={notice}
      testId="purchase-orders-list"
    />
  );
}
