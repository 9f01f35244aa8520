import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ProductRow } from '../../../../shared/ipc/catalog.contract';
import type { InventoryRow } from '../../../../shared/ipc/serials.contract';
import { useStation } from '../../api/station-context';
import { IconCheck, IconWarning } from '../../components/icons';

const LOOKUP_DELAY_MS = 300;
const MIN_REASON = 3;

interface Fields {
  readonly sku: string;
  readonly lot: string;
  readonly warehouse: string;
  readonly location: string;
  readonly purchaseDate: string;
  readonly warrantyExpiresOn: string;
  readonly reason: string;
}

const EMPTY: Fields = {
  sku: '',
  lot: '',
  warehouse: '',
  location: '',
  purchaseDate: '',
  warrantyExpiresOn: '',
  reason: '',
};

type Lookup =
  | { readonly state: 'idle' }
  | { readonly state: 'looking' }
  | { readonly state: 'found'; readonly product: ProductRow }
  | { readonly state: 'missing'; readonly sku: string }
  | { readonly state: 'untracked'; readonly product: ProductRow };

/** What each serial box is called: the product's slot labels, or "Serial 1", "Serial 2". */
function slotLabels(product: ProductRow): string[] {
  return Array.from({ length: product.serialsPerUnit }, (_, i) => {
    const label = product.serialSlotLabels[i]?.trim();
    if (label) return label;
    return product.serialsPerUnit === 1 ? 'Serial' : `Serial ${i + 1}`;
  });
}

/**
 * Registers a unit found without a PO (stock found on a shelf, a unit from another site).
 * The product decides how many serials it needs; the station applies the same uniqueness
 * and format rules as receiving.
 */
export function RegisterUnitForm({
  onRegistered,
  onClose,
  onOpenHistory,
}: {
  readonly onRegistered: (row: InventoryRow) => void;
  readonly onClose: () => void;
  readonly onOpenHistory: (serial: string) => void;
}) {
  const { api } = useStation();
  const id = useId();
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [serials, setSerials] = useState<readonly string[]>([]);
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<InventoryRow | null>(null);

  const sku = fields.sku.trim();
  useEffect(() => {
    if (sku === '') {
      setLookup({ state: 'idle' });
      return;
    }
    let current = true;
    setLookup({ state: 'looking' });
    const timer = setTimeout(() => {
      void api.invoke('catalog:list-products', { search: sku, limit: 50 }).then((envelope) => {
        if (!current) return;
        const product = envelope.ok
          ? envelope.value.rows.find((row) => row.sku.toUpperCase() === sku.toUpperCase())
          : undefined;
        if (!product) setLookup({ state: 'missing', sku });
        else if (!product.trackSerials) setLookup({ state: 'untracked', product });
        else setLookup({ state: 'found', product });
      });
    }, LOOKUP_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, sku]);

  const product = lookup.state === 'found' ? lookup.product : null;
  const labels = product ? slotLabels(product) : [];
  const set = (field: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [field]: value }));

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (!product) return setProblem('Type the SKU of a product that tracks serial numbers.');
    const codes = labels.map((_, i) => (serials[i] ?? '').trim());
    const empty = codes.findIndex((code) => code === '');
    if (empty >= 0) return setProblem(`Scan or type the ${labels[empty]} of the unit.`);
    if (fields.reason.trim().length < MIN_REASON) {
      return setProblem(
        'Write why the unit is registered by hand, for example “found on shelf B-4 without paperwork”.',
      );
    }
    setProblem(null);
    setBusy(true);
    const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
    const envelope = await api.invoke('serials:register', {
      sku: product.sku,
      serials: codes,
      lot: optional(fields.lot),
      warehouse: optional(fields.warehouse),
      location: optional(fields.location),
      purchaseDate: optional(fields.purchaseDate),
      warrantyExpiresOn: optional(fields.warrantyExpiresOn),
      reason: fields.reason.trim(),
    });
    setBusy(false);
    if (!envelope.ok) return setProblem(envelope.error.message);
    setDone(envelope.value);
    setSerials([]);
    setFields((f) => ({ ...f, reason: '' }));
    onRegistered(envelope.value);
  }

  return (
    <form className="register-form" onSubmit={(event) => void submit(event)} data-testid="register-form">
      <h2 className="register-title">Register a unit by hand</h2>
      <div className="register-grid">
        <Field id={`${id}-sku`} label="SKU" value={fields.sku} onChange={set('sku')} autoFocus />
        {labels.map((label, i) => (
          <Field
            key={label}
            id={`${id}-serial-${i}`}
            label={label}
            value={serials[i] ?? ''}
            onChange={(value) =>
              setSerials((current) => {
                const next = [...current];
                next[i] = value;
                return next;
              })
            }
          />
        ))}
        <Field id={`${id}-lot`} label="Lot (optional)" value={fields.lot} onChange={set('lot')} />
        <Field
          id={`${id}-warehouse`}
          label="Warehouse (optional)"
          value={fields.warehouse}
          onChange={set('warehouse')}
        />
        <Field id={`${id}-location`} label="Location (optional)" value={fields.location} onChange={set('location')} />
        <Field
          id={`${id}-purchase`}
          label="Purchase date (optional)"
          type="date"
          value={fields.purchaseDate}
          onChange={set('purchaseDate')}
        />
        <Field
          id={`${id}-warranty`}
          label="Warranty expires (optional)"
          type="date"
          value={fields.warrantyExpiresOn}
          onChange={set('warrantyExpiresOn')}
        />
        <Field id={`${id}-reason`} label="Reason" value={fields.reason} onChange={set('reason')} wide />
      </div>
      <p className="register-lookup" aria-live="polite">
        {lookup.state === 'looking' ? 'Looking up the SKU…' : null}
        {lookup.state === 'found'
          ? `${lookup.product.name}: ${labels.length === 1 ? 'one serial' : `${labels.length} serials`} per unit.`
          : null}
        {lookup.state === 'missing' ? `There is no product with SKU “${lookup.sku}”.` : null}
        {lookup.state === 'untracked'
          ? `${lookup.product.name} does not track serial numbers, so its units are not registered one by one.`
          : null}
      </p>
      {problem ? (
        <p className="field-error" role="alert">
          <IconWarning />
          {problem}
        </p>
      ) : null}
      {done ? (
        <p className="register-done" role="status" data-testid="register-done">
          <IconCheck />
          <span>
            Registered {done.productName} with{' '}
            {done.codes.map((code, i) => (
              <span key={code.slot}>
                {i > 0 ? ', ' : null}
                <button type="button" className="link-button code" onClick={() => onOpenHistory(code.serial)}>
                  {code.serial}
                </button>
              </span>
            ))}
            , in stock.
          </span>
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Registering…' : 'Register the unit'}
        </button>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}

function Field({
  id,
  label,
  value,
  onChange,
  type = 'text',
  autoFocus,
  wide,
}: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'date';
  readonly autoFocus?: boolean;
  readonly wide?: boolean;
}) {
  return (
    <div className={`field ${wide ? 'field-wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
