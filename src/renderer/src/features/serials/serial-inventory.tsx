import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { Output } from '../../../../shared/ipc';
import { UNIT_STATUSES, type InventoryRow, type UnitStatus } from '../../../../shared/ipc/serials.contract';
import { useStation } from '../../api/station-context';
import { IconCheck, IconError, IconLock, IconWarning } from '../../components/icons';
import { Notice } from '../../components/notice';
import { Pager, useTypedSearch } from '../lists/paged-list';
import { RegisterUnitForm } from './register-unit-form';
import { formatDateTime, LIFECYCLE_ACTIONS, STATUS_WORDS, statusWords } from './serial-words';

export const INVENTORY_PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;
/** The station refuses shorter reasons; saying so here saves a round trip. */
const MIN_REASON = 3;

type Tab = UnitStatus | 'all';
const TABS: readonly { readonly id: Tab; readonly label: string }[] = [
  { id: 'all', label: 'All' },
  ...UNIT_STATUSES.map((status) => ({ id: status, label: STATUS_WORDS[status] })),
];

type Page = Output<'serials:list-inventory'>;

interface RowNote {
  readonly tone: 'success' | 'error';
  readonly text: string;
}

interface OpenAction {
  readonly unitId: number;
  readonly to: UnitStatus;
  readonly label: string;
}

function currentStatus(error: ErrorInfo): UnitStatus | null {
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('current' in details)) return null;
  const current = (details as { current: unknown }).current;
  return typeof current === 'string' && (UNIT_STATUSES as readonly string[]).includes(current)
    ? (current as UnitStatus)
    : null;
}

/**
 * Units by status, with the moves a supervisor may make by hand. Each move names the
 * status the screen showed, so a unit changed meanwhile at another screen is refused
 * and shown as it is now, instead of being moved twice.
 */
export function SerialInventory({
  isSupervisor,
  operatorName,
  onOpenHistory,
}: {
  readonly isSupervisor: boolean;
  readonly operatorName: string | null;
  readonly onOpenHistory: (serial: string) => void;
}) {
  const { api } = useStation();
  const ids = useId();
  const [tab, setTab] = useState<Tab>('all');
  const { text, setText, search, offset, setOffset } = useTypedSearch(SEARCH_DELAY_MS);
  const [attempt, setAttempt] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [rows, setRows] = useState<readonly InventoryRow[]>([]);
  const [notes, setNotes] = useState<ReadonlyMap<number, RowNote>>(new Map());
  const [action, setAction] = useState<OpenAction | null>(null);
  const [registering, setRegistering] = useState(false);
  const latest = useRef(0);
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>());

  const query = useCallback(
    (limit: number, at: number) => ({
      ...(tab === 'all' ? {} : { status: tab }),
      ...(search ? { search } : {}),
      offset: at,
      limit,
    }),
    [tab, search],
  );

  useEffect(() => {
    const request = ++latest.current;
    void api.invoke('serials:list-inventory', query(INVENTORY_PAGE_SIZE, offset)).then((envelope) => {
      if (request !== latest.current) return;
      if (envelope.ok) {
        setPage(envelope.value);
        setRows(envelope.value.rows);
        setError(null);
      } else {
        setError(envelope.error);
      }
      setNotes(new Map());
      setAction(null);
    });
  }, [api, query, offset, attempt]);

  /** Counts move when a unit does; the rows on screen stay put so the change can be seen. */
  const refreshCounts = useCallback(() => {
    void api.invoke('serials:list-inventory', query(1, 0)).then((envelope) => {
      if (envelope.ok) setPage((current) => (current ? { ...current, counts: envelope.value.counts } : current));
    });
  }, [api, query]);

  function patchRow(unitId: number, patch: (row: InventoryRow) => InventoryRow, note: RowNote): void {
    setRows((current) => current.map((row) => (row.unitId === unitId ? patch(row) : row)));
    setNotes((current) => new Map(current).set(unitId, note));
  }

  async function transition(row: InventoryRow, to: UnitStatus, reason: string): Promise<ErrorInfo | null> {
    const envelope = await api.invoke('serials:transition', { unitId: row.unitId, from: row.status, to, reason });
    if (envelope.ok) {
      patchRow(row.unitId, () => envelope.value, {
        tone: 'success',
        text: `Now ${statusWords(envelope.value.status).toLowerCase()}. Recorded with your reason.`,
      });
      setAction(null);
      refreshCounts();
      return null;
    }
    const current = currentStatus(envelope.error);
    if (current) {
      // Someone else moved it: show it as it is now, and let the supervisor decide again.
      patchRow(row.unitId, (r) => ({ ...r, status: current }), {
        tone: 'error',
        text: `${envelope.error.message} The row now shows it as ${statusWords(current).toLowerCase()}.`,
      });
      setAction(null);
      refreshCounts();
      return null;
    }
    return envelope.error;
  }

  function selectTab(next: Tab): void {
    setTab(next);
    setOffset(0);
  }

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length]!;
    selectTab(next.id);
    tabRefs.current.get(next.id)?.focus();
  }

  const total = page?.total ?? 0;
  const searchShort = error?.code === 'BAD_REQUEST' && search !== '' ? error : null;
  const whyId = `${ids}-why`;

  return (
    <div className="inventory" data-testid="serial-inventory">
      <div className="inventory-head">
        <div role="tablist" aria-label="Unit status" className="status-tabs">
          {TABS.map((t, index) => (
            <button
              key={t.id}
              ref={(element) => {
                if (element) tabRefs.current.set(t.id, element);
                else tabRefs.current.delete(t.id);
              }}
              type="button"
              role="tab"
              id={`${ids}-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`${ids}-panel`}
              tabIndex={tab === t.id ? 0 : -1}
              className="status-tab"
              data-testid={`tab-${t.id}`}
              onClick={() => selectTab(t.id)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              <span>{t.label}</span>
              <span className="status-tab-count">{page ? (page.counts[t.id] ?? 0).toLocaleString() : '…'}</span>
            </button>
          ))}
        </div>
        <div className="field inventory-search">
          <label htmlFor={`${ids}-search`}>Search serial</label>
          <input
            id={`${ids}-search`}
            type="search"
            value={text}
            autoComplete="off"
            spellCheck={false}
            placeholder="at least 3 characters"
            aria-invalid={searchShort ? true : undefined}
            onChange={(event) => setText(event.target.value)}
          />
          {searchShort ? (
            <p className="field-error" role="alert">
              <IconWarning />
              {searchShort.message}
            </p>
          ) : null}
        </div>
      </div>

      <div className="inventory-tools">
        {isSupervisor ? (
          <button
            type="button"
            className="button"
            aria-expanded={registering}
            onClick={() => setRegistering((open) => !open)}
          >
            {registering ? 'Close the register form' : 'Register a unit'}
          </button>
        ) : (
          <p className="why-disabled why-disabled-quiet" id={whyId} data-testid="supervisor-only">
            <IconLock />
            {operatorName
              ? `Changing a unit’s status and registering units is for supervisors; ${operatorName} is signed in.`
              : 'Changing a unit’s status and registering units is for supervisors. Sign in as a supervisor.'}
          </p>
        )}
      </div>
      {registering && isSupervisor ? (
        <RegisterUnitForm
          onRegistered={() => {
            refreshCounts();
            setAttempt((n) => n + 1);
          }}
          onClose={() => setRegistering(false)}
          onOpenHistory={onOpenHistory}
        />
      ) : null}

      {error && !searchShort ? (
        <Notice tone="error" title="The serial inventory could not be loaded">
          <p>{error.message}</p>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </Notice>
      ) : null}

      <div role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-tab-${tab}`}>
        {page && rows.length === 0 && !error ? (
          <div className="empty">
            <p>
              {search
                ? `No ${tab === 'all' ? '' : `${STATUS_WORDS[tab].toLowerCase()} `}unit matches “${search}”.`
                : `No ${tab === 'all' ? '' : `${STATUS_WORDS[tab].toLowerCase()} `}units.`}
            </p>
          </div>
        ) : null}
        {rows.length > 0 ? (
          <div className="table-wrap">
            <table className="table inventory-table" data-testid="inventory-table">
              <thead>
                <tr>
                  <th scope="col">Codes</th>
                  <th scope="col">Product</th>
                  <th scope="col">Status</th>
                  <th scope="col">Location</th>
                  <th scope="col">PO</th>
                  <th scope="col">Changed</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <InventoryRowView
                    key={row.unitId}
                    row={row}
                    note={notes.get(row.unitId) ?? null}
                    action={action?.unitId === row.unitId ? action : null}
                    isSupervisor={isSupervisor}
                    whyId={whyId}
                    onOpenHistory={onOpenHistory}
                    onChoose={(to, label) => setAction({ unitId: row.unitId, to, label })}
                    onCancel={() => setAction(null)}
                    onConfirm={(reason) => transition(row, action!.to, reason)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {page && total > 0 ? (
          <Pager
            offset={offset}
            shown={rows.length}
            total={total}
            pageSize={INVENTORY_PAGE_SIZE}
            onOffset={setOffset}
            live={false}
          />
        ) : null}
        {!page && !error ? <p className="muted">Loading…</p> : null}
      </div>
    </div>
  );
}

function InventoryRowView({
  row,
  note,
  action,
  isSupervisor,
  whyId,
  onOpenHistory,
  onChoose,
  onCancel,
  onConfirm,
}: {
  readonly row: InventoryRow;
  readonly note: RowNote | null;
  readonly action: OpenAction | null;
  readonly isSupervisor: boolean;
  readonly whyId: string;
  readonly onOpenHistory: (serial: string) => void;
  readonly onChoose: (to: UnitStatus, label: string) => void;
  readonly onCancel: () => void;
  readonly onConfirm: (reason: string) => Promise<ErrorInfo | null>;
}) {
  const changed = formatDateTime(row.updatedAt);
  return (
    <>
      <tr data-testid="inventory-row" data-unit={row.unitId} className={action ? 'row-active' : undefined}>
        <td>
          <ul className="code-list">
            {row.codes.map((code) => (
              <li key={code.slot}>
                {row.codes.length > 1 || code.label !== 'Serial' ? (
                  <span className="code-label">{code.label}</span>
                ) : null}
                <button type="button" className="link-button code" onClick={() => onOpenHistory(code.serial)}>
                  {code.serial}
                  <span className="visually-hidden"> — open its history</span>
                </button>
              </li>
            ))}
          </ul>
        </td>
        <td>
          <span className="cell-main">{row.productName}</span>
          <span className="cell-sub code">{row.sku}</span>
        </td>
        <td>
          <span className={`unit-status unit-status-${row.status}`} data-testid="unit-status">
            {STATUS_WORDS[row.status]}
          </span>
        </td>
        <td>
          <span className="cell-main">{row.warehouse ?? '—'}</span>
          {row.location ? <span className="cell-sub">{row.location}</span> : null}
          {row.lot ? <span className="cell-sub">Lot {row.lot}</span> : null}
        </td>
        <td>{row.poNumber ? <span className="code">{row.poNumber}</span> : <span className="muted">none</span>}</td>
        <td className="nowrap">
          <span className="cell-main">{changed.date}</span>
          <span className="cell-sub">{changed.time}</span>
        </td>
        <td>
          <div className="row-actions">
            {LIFECYCLE_ACTIONS[row.status].map((choice) => (
              <button
                key={choice.to}
                type="button"
                className="button button-small"
                disabled={!isSupervisor}
                aria-describedby={isSupervisor ? undefined : whyId}
                aria-pressed={action?.to === choice.to}
                onClick={() => onChoose(choice.to, choice.label)}
              >
                {choice.label}
              </button>
            ))}
          </div>
        </td>
      </tr>
      {note ? (
        <tr className="row-note">
          <td colSpan={7}>
            <p className={`row-note-text row-note-${note.tone}`} role={note.tone === 'error' ? 'alert' : 'status'}>
              {note.tone === 'error' ? <IconError /> : <IconCheck />}
              {note.text}
            </p>
          </td>
        </tr>
      ) : null}
      {action ? (
        <tr className="row-form">
          <td colSpan={7}>
            <ReasonForm row={row} action={action} onCancel={onCancel} onConfirm={onConfirm} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function ReasonForm({
  row,
  action,
  onCancel,
  onConfirm,
}: {
  readonly row: InventoryRow;
  readonly action: OpenAction;
  readonly onCancel: () => void;
  readonly onConfirm: (reason: string) => Promise<ErrorInfo | null>;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (reason.trim().length < MIN_REASON) {
      setProblem('Write why, for example “held for customer call-back” or “found damaged on the shelf”.');
      return;
    }
    setBusy(true);
    setProblem(null);
    const error = await onConfirm(reason.trim());
    setBusy(false);
    if (error) setProblem(error.message);
  }

  const serial = row.codes[0]?.serial ?? `unit ${row.unitId}`;
  return (
    <form
      className="reason-form"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      data-testid="reason-form"
    >
      <p className="reason-form-title">
        {action.label}: <span className="code">{serial}</span> from {statusWords(row.status).toLowerCase()} to{' '}
        {statusWords(action.to).toLowerCase()}
      </p>
      <div className="reason-form-fields">
        <div className="field reason-field">
          <label htmlFor={`${id}-reason`}>Reason (recorded with your name)</label>
          <input
            id={`${id}-reason`}
            type="text"
            value={reason}
            autoFocus
            autoComplete="off"
            maxLength={500}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : `Confirm: ${action.label.toLowerCase()}`}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {problem ? (
        <p className="field-error" id={`${id}-problem`} role="alert">
          <IconWarning />
          {problem}
        </p>
      ) : null}
    </form>
  );
}
