import type { ShipResult } from '../../../../shared/ipc/shipping.contract';
import { IconCheck } from '../../components/icons';
import { formatGrams } from './weigh-panel';

/** The shipped confirmation: what left, with every serial and the slot it filled. */
export function ShipDone({ result }: { readonly result: ShipResult }) {
  const time = new Date(result.shippedAt);
  return (
    <section className="ship-done" aria-labelledby="ship-done-title" data-testid="ship-done">
      <div className="ship-done-head">
        <IconCheck className="ship-done-icon" />
        <div>
          <p id="ship-done-title" className="ship-done-title">
            Order <span className="code">{result.orderNumber}</span> shipped
          </p>
          <p className="ship-done-facts">
            {result.units} unit{result.units === 1 ? '' : 's'} · {result.serials.length} serial
            {result.serials.length === 1 ? '' : 's'} recorded
            {result.weightG !== null ? ` · ${formatGrams(result.weightG)}` : ''}
            {Number.isNaN(time.getTime())
              ? ''
              : ` · ${time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`}
          </p>
        </div>
      </div>
      {result.serials.length > 0 ? (
        <div className="table-wrap ship-done-serials">
          <table className="table table-compact" data-testid="ship-done-serials">
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Product</th>
                <th scope="col">Slot</th>
                <th scope="col">Serial</th>
              </tr>
            </thead>
            <tbody>
              {result.serials.map((s, i) => (
                <tr key={`${s.serial}-${i}`}>
                  <td className="code">{s.sku}</td>
                  <td>{s.name}</td>
                  <td>{s.slotLabel}</td>
                  <td>
                    <span className="code serial-text">{s.serial}</span>
                    {s.overridden ? <span className="mark mark-override">Supervisor override</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
