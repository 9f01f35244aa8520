import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { Channel, Input, Output } from '../../../../shared/ipc';
import { UNIT_STATUSES, type UnitStatus } from '../../../../shared/ipc/serials.contract';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';
import { formatDateTimeLine, STATUS_WORDS } from './serial-words';

const UNITS_SHOWN = 100;

type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: ErrorInfo }
  | { readonly state: 'ready'; readonly value: T };

/** One detail request, asked again whenever its input changes. */
function useDetail<C extends Channel>(channel: C, input: Input<C>, key: string): [Loaded<Output<C>>, () => void] {
  const { api } = useStation();
  const [loaded, setLoaded] = useState<{ readonly key: string; readonly value: Loaded<Output<C>> }>({
    key,
    value: { state: 'loading' },
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    void api.invoke(channel, input).then((envelope) => {
      if (!current) return;
      setLoaded({
        key,
        value: envelope.ok ? { state: 'ready', value: envelope.value } : { state: 'failed', error: envelope.error },
      });
    });
    return () => {
      current = false;
    };
    // The key stands for the input, which is a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, channel, key, attempt]);
  return [loaded.key === key ? loaded.value : { state: 'loading' }, () => setAttempt((n) => n + 1)];
}

function Failed({
  what,
  error,
  onRetry,
}: {
  readonly what: string;
  readonly error: ErrorInfo;
  readonly onRetry: () => void;
}) {
  return (
    <Notice tone="error" title={`${what} could not be loaded`}>
      <p>{error.message}</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </Notice>
  );
}

const ORDER_STATUS: Readonly<Record<Output<'orders:get'>['status'], string>> = {
  open: 'Open',
  packing: 'Packing',
  shipped: 'Shipped',
  cancelled: 'Cancelled',
};

/** An order as a supervisor checks it: who it went to, its lines, and every serial shipped on it. */
export function OrderDetailView({
  orderNumber,
  onOpenHistory,
  onOpenProduct,
}: {
  readonly orderNumber: string;
  readonly onOpenHistory: (serial: string) => void;
  readonly onOpenProduct: (sku: string) => void;
}) {
  const [loaded, retry] = useDetail('orders:get', { orderNumber }, orderNumber);
  if (loaded.state === 'loading') return <p className="muted">Loading order {orderNumber}…</p>;
  if (loaded.state === 'failed') return <Failed what={`Order ${orderNumber}`} error={loaded.error} onRetry={retry} />;
  const order = loaded.value;
  return (
    <article className="detail" data-testid="order-detail" aria-labelledby="order-detail-title">
      <h2 id="order-detail-title" className="detail-title">
        Order <span className="code">{order.orderNumber}</span>{' '}
        <span className={`status status-${order.status}`}>{ORDER_STATUS[order.status]}</span>
      </h2>
      <dl className="detail-facts">
        <div>
          <dt>Customer</dt>
          <dd>{order.customerName}</dd>
        </div>
        <div>
          <dt>Ship to</dt>
          <dd>{order.shipTo || '—'}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTimeLine(order.createdAt)}</dd>
        </div>
      </dl>
      <h3>Lines</h3>
      <div className="table-wrap">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Product</th>
              <th scope="col" className="num">
                Qty
              </th>
              <th scope="col">Reserved serials</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => (
              <tr key={line.lineId}>
                <td className="num">{line.lineNo}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpenProduct(line.sku)}>
                    {line.productName}
                  </button>{' '}
                  <span className="code muted">{line.sku}</span>
                </td>
                <td className="num">{line.qty}</td>
                <td>
                  {line.allocated.length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    line.allocated.map((unit, i) => (
                      <span key={unit.unitId ?? `free-${i}`} className="detail-codes">
                        {unit.serials.map((code) => (
                          <SerialLink key={code.serial} serial={code.serial} onOpen={onOpenHistory} />
                        ))}
                      </span>
                    ))
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{order.shipments.length === 0 ? 'Not shipped yet' : 'Shipped serials'}</h3>
      {order.shipments.map((shipment) => (
        <section key={shipment.shipmentId} className="detail-shipment" aria-label={`Shipment ${shipment.shipmentId}`}>
          <p className="detail-shipment-head">
            Shipped {formatDateTimeLine(shipment.shippedAt)}
            {shipment.station ? ` · station ${shipment.station}` : ''}
            {shipment.operator ? ` · by ${shipment.operator}` : ''}
            {shipment.weightG !== null ? ` · ${(shipment.weightG / 1000).toFixed(2)} kg` : ''}
          </p>
          <table className="table table-compact" data-testid="order-shipped-serials">
            <thead>
              <tr>
                <th scope="col">Serial</th>
                <th scope="col">Slot</th>
                <th scope="col">Product</th>
              </tr>
            </thead>
            <tbody>
              {shipment.serials.map((serial) => (
                <tr key={`${serial.unitId}-${serial.slot}`}>
                  <td>
                    <SerialLink serial={serial.serial} onOpen={onOpenHistory} />
                    {serial.overridden ? <span className="mark-override">override</span> : null}
                  </td>
                  <td>{serial.slotLabel ?? `Serial ${serial.slot}`}</td>
                  <td>
                    {serial.productName} <span className="code muted">{serial.sku}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </article>
  );
}

/** A product with its facts and its units by status (the product's "Serials" tab). */
export function ProductDetailView({
  sku,
  onOpenHistory,
}: {
  readonly sku: string;
  readonly onOpenHistory: (serial: string) => void;
}) {
  const [status, setStatus] = useState<UnitStatus | null>(null);
  const input = { sku, limit: UNITS_SHOWN, ...(status ? { status } : {}) };
  const [loaded, retry] = useDetail('products:get', input, `${sku}\u0000${status ?? ''}`);
  if (loaded.state === 'loading') return <p className="muted">Loading product {sku}…</p>;
  if (loaded.state === 'failed') return <Failed what={`Product ${sku}`} error={loaded.error} onRetry={retry} />;
  const { product, serials } = loaded.value;
  const labels = product.serialSlotLabels.filter((label) => label.trim() !== '');
  return (
    <article className="detail" data-testid="product-detail" aria-labelledby="product-detail-title">
      <h2 id="product-detail-title" className="detail-title">
        {product.name} <span className="code muted">{product.sku}</span>
      </h2>
      <dl className="detail-facts">
        <div>
          <dt>Serial numbers</dt>
          <dd>
            {product.trackSerials
              ? `${product.serialsPerUnit} per unit${labels.length > 0 ? ` (${labels.join(', ')})` : ''}`
              : 'Not tracked'}
          </dd>
        </div>
        <div>
          <dt>Warranty</dt>
          <dd>{product.warrantyMonths ? `${product.warrantyMonths} months from shipping` : 'None'}</dd>
        </div>
        <div>
          <dt>Barcodes</dt>
          <dd>
            {product.barcodes.length === 0
              ? 'none'
              : product.barcodes.map((barcode) => (
                  <span key={barcode.code} className="code detail-barcode">
                    {barcode.code}
                  </span>
                ))}
          </dd>
        </div>
      </dl>
      <h3>Serials</h3>
      <div className="status-tabs" role="group" aria-label="Show units by status">
        {[null, ...UNIT_STATUSES].map((s) => (
          <button
            key={s ?? 'all'}
            type="button"
            className="status-tab"
            aria-pressed={status === s}
            onClick={() => setStatus(s)}
          >
            <span>{s ? STATUS_WORDS[s] : 'All'}</span>
            <span className="status-tab-count">{(serials.counts[s ?? 'all'] ?? 0).toLocaleString()}</span>
          </button>
        ))}
      </div>
      {serials.rows.length === 0 ? (
        <p className="muted">No units{status ? ` ${STATUS_WORDS[status].toLowerCase()}` : ''}.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" data-testid="product-units">
            <thead>
              <tr>
                <th scope="col">Codes</th>
                <th scope="col">Status</th>
                <th scope="col">Location</th>
                <th scope="col">PO</th>
              </tr>
            </thead>
            <tbody>
              {serials.rows.map((row) => (
                <tr key={row.unitId}>
                  <td>
                    {row.codes.map((code) => (
                      <span key={code.slot} className="detail-codes">
                        {row.codes.length > 1 ? <span className="code-label">{code.label}</span> : null}
                        <SerialLink serial={code.serial} onOpen={onOpenHistory} />
                      </span>
                    ))}
                  </td>
                  <td>
                    <span className={`unit-status unit-status-${row.status}`}>{STATUS_WORDS[row.status]}</span>
                  </td>
                  <td>{[row.warehouse, row.location].filter(Boolean).join(' / ') || '—'}</td>
                  <td>
                    {row.poNumber ? <span className="code">{row.poNumber}</span> : <span className="muted">none</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {serials.total > serials.rows.length ? (
        <p className="muted">
          Showing the {serials.rows.length.toLocaleString()} most recently changed of {serials.total.toLocaleString()}{' '}
          units; the Inventory tab searches them all.
        </p>
      ) : null}
    </article>
  );
}

function SerialLink({ serial, onOpen }: { readonly serial: string; readonly onOpen: (serial: string) => void }) {
  return (
    <button type="button" className="link-button code" onClick={() => onOpen(serial)}>
      {serial}
      <span className="visually-hidden"> — open its history</span>
    </button>
  );
}
