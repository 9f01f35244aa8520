import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { ProductRow } from '../../../../shared/ipc/catalog.contract';
import { useStation } from '../../api/station-context';
import { ask, SupervisorOnlyNote, type SupervisorAccessState } from '../settings/supervisor-access';
import { todayLocal } from './dashboard-view';
import { ExportStatusView } from './export-status';
import { screenTimeZone, useExport, type ExportFormat } from './use-export';

/** Dated exports read days and write times on this screen's clock. */
function zoneField(): { timeZone?: string } {
  const timeZone = screenTimeZone();
  return timeZone ? { timeZone } : {};
}

const SUGGESTIONS = 8;

interface ExportFormsProps {
  readonly supervisor: SupervisorAccessState;
}

/** The three supervisor exports, each with its own progress and file. */
export function ExportForms({ supervisor }: ExportFormsProps) {
  const noteId = useId();
  return (
    <div className="sv-exports" data-testid="exports">
      <SupervisorOnlyNote access={supervisor.access} what="export serial records" id={noteId} />
      <ShiftLogForm supervisor={supervisor} noteId={noteId} />
      <div className="sv-export-pair">
        <PoSerialsForm supervisor={supervisor} noteId={noteId} />
        <ProductSerialsForm supervisor={supervisor} noteId={noteId} />
      </div>
      <FileSafetyNote />
    </div>
  );
}

function FileSafetyNote() {
  return (
    <div className="sv-note" data-testid="file-safety">
      <h3>What is in the files</h3>
      <ul>
        <li>
          <strong>CSV</strong> is UTF-8 with a byte-order mark, one row per serial. A cell that starts with{' '}
          <span className="code">=</span> <span className="code">+</span> <span className="code">-</span>{' '}
          <span className="code">@</span>, a tab or a line break gets an apostrophe in front, so a spreadsheet never
          runs it as a formula.
        </li>
        <li>
          <strong>XLSX</strong> keeps every value as text: serials such as <span className="code">00012345</span> or{' '}
          <span className="code">1234567890123456789</span> keep their leading zeros and every digit. Past 1,048,576
          rows the file continues on another sheet.
        </li>
        <li>
          Days run midnight to midnight on this screen’s clock ({screenTimeZone() ?? 'the station’s time zone'}). Times
          carry their offset from UTC, such as <span className="code">2026-11-23T16:05:12-08:00</span>, so they read as
          the warehouse’s time and still name one exact moment.
        </li>
      </ul>
    </div>
  );
}

interface FormProps {
  readonly supervisor: SupervisorAccessState;
  readonly noteId: string;
}

function ShiftLogForm({ supervisor, noteId }: FormProps) {
  const id = useId();
  const control = useExport(refusedHandler(supervisor));
  const [from, setFrom] = useState(todayLocal);
  const [to, setTo] = useState(todayLocal);
  const [station, setStation] = useState('');
  const [operator, setOperator] = useState('');
  const [shift, setShift] = useState('');
  const [includeReceived, setIncludeReceived] = useState(false);
  const [includeReturned, setIncludeReturned] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [problem, setProblem] = useState<string | null>(null);
  const operators = useOperatorNames(supervisor.allowed);

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!from || !to) return setProblem('Choose both dates: the first and the last day of the log.');
    if (to < from) return setProblem(`The last day (${to}) is before the first day (${from}).`);
    const shiftText = shift.trim();
    const shiftId = shiftText === '' ? undefined : Number(shiftText);
    if (shiftId !== undefined && !(Number.isInteger(shiftId) && shiftId > 0)) {
      return setProblem(
        `“${shiftText}” is not a shift number. Use the whole number shown for the shift, or leave it empty.`,
      );
    }
    setProblem(null);
    void control.start(
      {
        kind: 'shift-log',
        from,
        to,
        ...(station.trim() ? { station: station.trim() } : {}),
        ...(operator.trim() ? { operator: operator.trim() } : {}),
        ...(shiftId !== undefined ? { shiftId } : {}),
        includeReceived,
        includeReturned,
        ...zoneField(),
      },
      format,
    );
  }

  return (
    <form noValidate className="sv-card" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="shift-log-form">
      <h2 id={`${id}-title`}>Shift serial log</h2>
      <p className="muted">
        One row per shipped serial: time, station, operator, shift, order, SKU, product, serial, slot, override and
        weight.
      </p>
      <div className="sv-fields">
        <Field label="First day" htmlFor={`${id}-from`}>
          <input id={`${id}-from`} type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label="Last day" htmlFor={`${id}-to`}>
          <input id={`${id}-to`} type="date" value={to} required onChange={(e) => setTo(e.target.value)} />
        </Field>
        <Field label="Station" htmlFor={`${id}-station`} hint="Empty: every station">
          <input
            id={`${id}-station`}
            type="text"
            value={station}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setStation(e.target.value)}
          />
        </Field>
        <Field label="Operator" htmlFor={`${id}-operator`} hint="Empty: everyone">
          <input
            id={`${id}-operator`}
            type="text"
            value={operator}
            list={`${id}-operators`}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setOperator(e.target.value)}
          />
          <datalist id={`${id}-operators`}>
            {operators.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </Field>
        <Field label="Shift number" htmlFor={`${id}-shift`} hint="Empty: every shift">
          <input
            id={`${id}-shift`}
            type="text"
            inputMode="numeric"
            value={shift}
            autoComplete="off"
            onChange={(e) => setShift(e.target.value)}
          />
        </Field>
      </div>
      <fieldset className="sv-checks">
        <legend>Also include</legend>
        <label className="sv-check">
          <input type="checkbox" checked={includeReceived} onChange={(e) => setIncludeReceived(e.target.checked)} />
          Received serials
        </label>
        <label className="sv-check">
          <input type="checkbox" checked={includeReturned} onChange={(e) => setIncludeReturned(e.target.checked)} />
          Returned serials
        </label>
      </fieldset>
      <FormatPicker name={`${id}-format`} value={format} onChange={setFormat} />
      {problem ? (
        <p className="sv-problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="submit"
          className="button button-primary button-big"
          disabled={control.busy || !supervisor.allowed}
          aria-describedby={supervisor.allowed ? undefined : noteId}
        >
          Export shift serial log
        </button>
      </div>
      <ExportStatusView control={control} testId="shift-log-export" />
    </form>
  );
}

function PoSerialsForm({ supervisor, noteId }: FormProps) {
  const id = useId();
  const { api } = useStation();
  const control = useExport(refusedHandler(supervisor));
  const [poNumber, setPoNumber] = useState('');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [problem, setProblem] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<readonly string[]>([]);

  useEffect(() => {
    const search = poNumber.trim();
    if (!search) return;
    let live = true;
    const timer = setTimeout(() => {
      void ask(api, 'catalog:list-purchase-orders', { search, limit: SUGGESTIONS, offset: 0 }).then((envelope) => {
        if (live && envelope.ok) setSuggestions(envelope.value.rows.map((row) => row.poNumber));
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, poNumber]);

  function submit(event: FormEvent): void {
    event.preventDefault();
    const po = poNumber.trim();
    if (!po) return setProblem('Type or scan the purchase order number.');
    setProblem(null);
    void control.start({ kind: 'po-serials', poNumber: po, ...zoneField() }, format);
  }

  return (
    <form
      noValidate
      className="sv-card"
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      data-testid="po-serials-form"
    >
      <h2 id={`${id}-title`}>PO arrivals with serials</h2>
      <p className="muted">
        One row per received serial: PO, vendor, SKU, product, serial, received at, unit cost, receiver.
      </p>
      <div className="sv-fields">
        <Field label="PO number" htmlFor={`${id}-po`}>
          <input
            id={`${id}-po`}
            type="text"
            value={poNumber}
            list={`${id}-pos`}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setPoNumber(e.target.value)}
          />
          <datalist id={`${id}-pos`}>
            {suggestions.map((po) => (
              <option key={po} value={po} />
            ))}
          </datalist>
        </Field>
      </div>
      <FormatPicker name={`${id}-format`} value={format} onChange={setFormat} />
      {problem ? (
        <p className="sv-problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={control.busy || !supervisor.allowed}
          aria-describedby={supervisor.allowed ? undefined : noteId}
        >
          Export PO serials
        </button>
      </div>
      <ExportStatusView control={control} testId="po-serials-export" />
    </form>
  );
}

function ProductSerialsForm({ supervisor, noteId }: FormProps) {
  const id = useId();
  const { api } = useStation();
  const control = useExport(refusedHandler(supervisor));
  const [text, setText] = useState('');
  const [matches, setMatches] = useState<readonly ProductRow[]>([]);
  const [skus, setSkus] = useState<readonly string[]>([]);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const search = text.trim();
    if (!search) return;
    let live = true;
    const timer = setTimeout(() => {
      void ask(api, 'catalog:list-products', { search, limit: SUGGESTIONS, offset: 0 }).then((envelope) => {
        if (live && envelope.ok) setMatches(envelope.value.rows);
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, text]);

  function add(values: readonly string[]): void {
    setSkus((now) => [...now, ...values.filter((sku) => sku && !now.includes(sku))]);
    setText('');
    setMatches([]);
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    // A typed or pasted list (commas, spaces or lines) counts as picked.
    const typed = text.split(/[\s,;]+/).filter(Boolean);
    const chosen = [...skus, ...typed.filter((sku) => !skus.includes(sku))];
    if (chosen.length === 0) return setProblem('Pick at least one product: search by SKU, name or barcode.');
    if (typed.length) add(typed);
    setProblem(null);
    void control.start({ kind: 'product-serials', skus: chosen, ...zoneField() }, format);
  }

  const shown = text.trim() ? matches.filter((row) => !skus.includes(row.sku)) : [];
  return (
    <form
      noValidate
      className="sv-card"
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      data-testid="product-serials-form"
    >
      <h2 id={`${id}-title`}>Product serials</h2>
      <p className="muted">Every serial of the chosen products, with its status and location.</p>
      <div className="sv-fields">
        <Field label="Find a product" htmlFor={`${id}-find`} hint="SKU, name or barcode; or paste SKUs">
          <input
            id={`${id}-find`}
            type="search"
            value={text}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setText(e.target.value)}
          />
        </Field>
      </div>
      {shown.length > 0 ? (
        <ul className="sv-matches" aria-label="Matching products">
          {shown.map((row) => (
            <li key={row.sku}>
              <button type="button" className="button button-quiet" onClick={() => add([row.sku])}>
                Add <span className="code">{row.sku}</span> <span className="muted">{row.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {skus.length > 0 ? (
        <ul className="sv-chips" aria-label="Chosen products" data-testid="chosen-skus">
          {skus.map((sku) => (
            <li key={sku}>
              <span className="code">{sku}</span>
              <button
                type="button"
                className="sv-chip-remove"
                aria-label={`Remove ${sku}`}
                onClick={() => setSkus((now) => now.filter((s) => s !== sku))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No products chosen yet.</p>
      )}
      <FormatPicker name={`${id}-format`} value={format} onChange={setFormat} />
      {problem ? (
        <p className="sv-problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={control.busy || !supervisor.allowed}
          aria-describedby={supervisor.allowed ? undefined : noteId}
        >
          Export product serials
        </button>
      </div>
      <ExportStatusView control={control} testId="product-serials-export" />
    </form>
  );
}

export function FormatPicker({
  name,
  value,
  onChange,
}: {
  readonly name: string;
  readonly value: ExportFormat;
  readonly onChange: (format: ExportFormat) => void;
}) {
  return (
    <fieldset className="sv-format">
      <legend>File format</legend>
      <label className="kind-option">
        <input type="radio" name={name} checked={value === 'csv'} onChange={() => onChange('csv')} />
        <span>CSV</span>
      </label>
      <label className="kind-option">
        <input type="radio" name={name} checked={value === 'xlsx'} onChange={() => onChange('xlsx')} />
        <span>XLSX (Excel)</span>
      </label>
    </fieldset>
  );
}

export function Field({
  label,
  htmlFor,
  hint,
  error,
  children,
}: {
  readonly label: string;
  readonly htmlFor: string;
  readonly hint?: string;
  readonly error?: string | null;
  readonly children: ReactNode;
}) {
  return (
    <div className={`sv-field${error ? ' sv-field-bad' : ''}`}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint ? <span className="sv-hint">{hint}</span> : null}
      {error ? (
        <span className="sv-field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** After a refusal, ask again who is here: the shift may have ended on the station's side. */
function refusedHandler(supervisor: SupervisorAccessState): (error: ErrorInfo) => void {
  return (error) => {
    if (error.code === 'FORBIDDEN' || error.code === 'UNAUTHORIZED') supervisor.recheck();
  };
}

/** Operator names for the filter's suggestions; none when the list is refused. */
function useOperatorNames(allowed: boolean): readonly string[] {
  const { api } = useStation();
  const [names, setNames] = useState<readonly string[]>([]);
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    void ask(api, 'operators:list', {}).then((envelope) => {
      if (live && envelope.ok) setNames(envelope.value.map((op) => op.name));
    });
    return () => {
      live = false;
    };
  }, [api, allowed]);
  return names;
}
