import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { Dashboard } from '../../../../shared/ipc/admin.contract';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';
import { ask, isRefusal, refusalText, type SupervisorAccessState } from '../settings/supervisor-access';
import { HourlyChart } from './hourly-chart';
import { screenTimeZone } from './use-export';
import { reasonWords, sessionKindWords, sessionStatusWords } from './reason-words';

/** How often the open dashboard asks again, while it is on screen. */
export const DASHBOARD_REFRESH_MS = 30_000;

type Loaded =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: ErrorInfo }
  | {
      readonly state: 'ready';
      readonly dashboard: Dashboard;
      readonly at: Date;
      /** The last refresh failed; the figures shown are from `at`. */
      readonly stale: ErrorInfo | null;
    };

export function formatTime(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Today on this screen's clock, as YYYY-MM-DD: the warehouse's day, not UTC's. */
export function todayLocal(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Minutes this clock is ahead of UTC on that day (taken at noon, clear of a DST change at night). */
export function utcOffsetOn(day: string): number {
  const noon = new Date(`${day}T12:00:00`);
  return Number.isNaN(noon.getTime()) ? 0 : -noon.getTimezoneOffset();
}

function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** The day at a glance: units per hour, who and where, what was refused, what was overridden, what is open. */
export function DashboardView({ supervisor }: { readonly supervisor: SupervisorAccessState }) {
  const { api } = useStation();
  const dayId = useId();
  const [day, setDay] = useState(todayLocal);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  const latest = useRef(0);
  const { recheck, access } = supervisor;

  const refresh = useCallback(async () => {
    const mine = ++latest.current;
    setRefreshing(true);
    const timeZone = screenTimeZone();
    // A screen that cannot name its zone still gives its offset on that day.
    const clock = timeZone ? { timeZone } : { utcOffsetMinutes: utcOffsetOn(day) };
    const envelope = await ask(api, 'dashboard:get', { day, ...clock });
    if (mine !== latest.current) return;
    setRefreshing(false);
    if (envelope.ok) {
      setLoaded({ state: 'ready', dashboard: envelope.value, at: new Date(), stale: null });
      return;
    }
    if (isRefusal(envelope.error)) recheck();
    // A failed refresh keeps the last figures for the same day on screen, marked as old.
    setLoaded((now) =>
      now.state === 'ready' && now.dashboard.day === day && !isRefusal(envelope.error)
        ? { ...now, stale: envelope.error }
        : { state: 'failed', error: envelope.error },
    );
  }, [api, day, recheck]);

  // A new day, or someone else signing in here, loads afresh.
  useEffect(() => {
    void refresh();
  }, [refresh, access.state]);

  const refused = loaded.state === 'failed' && isRefusal(loaded.error);
  useEffect(() => {
    if (refused) return;
    const tick = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    const timer = setInterval(tick, DASHBOARD_REFRESH_MS);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [refresh, refused]);

  const ready = loaded.state === 'ready' ? loaded : null;
  return (
    <div className="sv-dashboard" data-testid="dashboard">
      <div className="sv-toolbar">
        <div className="sv-field">
          <label htmlFor={dayId}>Day</label>
          <input
            id={dayId}
            type="date"
            value={day}
            required
            onChange={(e) => e.target.value && setDay(e.target.value)}
          />
        </div>
        <button type="button" className="button" onClick={() => setDay(todayLocal())} disabled={day === todayLocal()}>
          Today
        </button>
        <button type="button" className="button" onClick={() => void refresh()} data-testid="dashboard-refresh">
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
        <p className="muted sv-updated" aria-live="polite">
          {ready
            ? `Updated ${ready.at.toLocaleTimeString()}; refreshes every ${DASHBOARD_REFRESH_MS / 1000} s while shown.`
            : null}
        </p>
      </div>

      {loaded.state === 'loading' ? <p className="loading">Loading the day’s figures…</p> : null}
      {loaded.state === 'failed' ? (
        <Notice
          tone="error"
          title={refused ? 'Only a supervisor can see the day’s figures' : 'The figures could not be loaded'}
        >
          <p>{refusalText(loaded.error)}</p>
        </Notice>
      ) : null}
      {ready?.stale ? (
        <Notice tone="warning" title="Could not refresh">
          <p>
            {ready.stale.message} The figures below are from {ready.at.toLocaleTimeString()}.
          </p>
        </Notice>
      ) : null}
      {ready ? <DashboardBody dashboard={ready.dashboard} /> : null}
    </div>
  );
}

function DashboardBody({ dashboard }: { readonly dashboard: Dashboard }) {
  const units = dashboard.unitsPerHour.reduce((sum, h) => sum + h.units, 0);
  const orders = dashboard.perStation.reduce((sum, s) => sum + s.orders, 0);
  const serials = dashboard.unitsPerHour.reduce((sum, h) => sum + h.serials, 0);
  const rejected = dashboard.rejectedByReason.reduce((sum, r) => sum + r.count, 0);
  return (
    <>
      <dl className="counts sv-totals" data-testid="dashboard-totals">
        <Count label="Units shipped" value={units} />
        <Count label="Orders shipped" value={orders} />
        <Count label="Serials" value={serials} />
        <Count label="Rejected scans" value={rejected} />
        <Count label="Overrides" value={dashboard.overrides.length} />
        <Count label="Open or parked" value={dashboard.openSessions.length} />
      </dl>

      <section className="sv-card" aria-labelledby="dash-hours">
        <h2 id="dash-hours">Units shipped per hour</h2>
        <HourlyChart hours={dashboard.unitsPerHour} />
      </section>

      <div className="sv-grid-2">
        <section className="sv-card" aria-labelledby="dash-operators" data-testid="per-operator">
          <h2 id="dash-operators">Per operator</h2>
          <SimpleTable
            empty="No shipments on this day."
            headers={['Operator', 'Orders', 'Serials']}
            rows={dashboard.perOperator.map((r) => [r.operator, r.orders, r.serials])}
          />
        </section>
        <section className="sv-card" aria-labelledby="dash-stations" data-testid="per-station">
          <h2 id="dash-stations">Per station</h2>
          <SimpleTable
            empty="No shipments on this day."
            headers={['Station', 'Orders', 'Serials']}
            rows={dashboard.perStation.map((r) => [r.station, r.orders, r.serials])}
          />
        </section>
      </div>

      <div className="sv-grid-2">
        <section className="sv-card" aria-labelledby="dash-rejected" data-testid="rejected">
          <h2 id="dash-rejected">Rejected scans by reason</h2>
          <SimpleTable
            empty="No scans were refused on this day."
            headers={['Reason', 'Scans']}
            rows={dashboard.rejectedByReason.map((r) => [reasonWords(r.code), r.count])}
          />
        </section>
        <section className="sv-card" aria-labelledby="dash-overrides" data-testid="overrides">
          <h2 id="dash-overrides">Overrides</h2>
          {dashboard.overrides.length === 0 ? (
            <p className="muted">No refused scan was overridden on this day.</p>
          ) : (
            <div className="table-wrap">
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Refused because</th>
                    <th scope="col">Serial</th>
                    <th scope="col">Order or PO</th>
                    <th scope="col">Approved by</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {dashboard.overrides.map((o, i) => (
                    <tr key={`${o.at}-${i}`}>
                      <td>
                        {formatTime(o.at)}
                        {o.station ? <span className="muted"> · {o.station}</span> : null}
                      </td>
                      <td>{reasonWords(o.code)}</td>
                      <td>{o.serial ? <span className="code">{o.serial}</span> : <span className="muted">—</span>}</td>
                      <td>
                        {o.reference ? <span className="code">{o.reference}</span> : <span className="muted">—</span>}
                      </td>
                      <td>
                        <strong>{o.approvedBy ?? 'not recorded'}</strong>
                      </td>
                      <td>{o.reason ?? <span className="muted">no reason given</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>

      <section className="sv-card" aria-labelledby="dash-open" data-testid="open-sessions">
        <h2 id="dash-open">Open and parked right now</h2>
        {dashboard.openSessions.length === 0 ? (
          <p className="muted">Nothing is being packed or received, and nothing is parked.</p>
        ) : (
          <div className="table-wrap">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">Work</th>
                  <th scope="col">Order or PO</th>
                  <th scope="col">State</th>
                  <th scope="col">Station</th>
                  <th scope="col">Operator</th>
                  <th scope="col" className="num">
                    Units
                  </th>
                  <th scope="col">Last activity</th>
                </tr>
              </thead>
              <tbody>
                {dashboard.openSessions.map((s) => (
                  <tr key={`${s.kind}-${s.reference}`}>
                    <td>{sessionKindWords(s.kind)}</td>
                    <td>
                      <span className="code">{s.reference}</span>
                    </td>
                    <td>
                      <span className={`status ${s.status === 'parked' ? 'status-packing' : 'status-open'}`}>
                        {sessionStatusWords(s.status)}
                      </span>
                    </td>
                    <td>{s.station ?? '—'}</td>
                    <td>{s.operator ?? '—'}</td>
                    <td className="num">{s.units.toLocaleString()}</td>
                    <td>{formatDateTime(s.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function Count({ label, value }: { readonly label: string; readonly value: number }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value.toLocaleString()}</dd>
    </div>
  );
}

function SimpleTable({
  headers,
  rows,
  empty,
}: {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly empty: string;
}) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, i) => (
                <td key={headers[i]} className={typeof cell === 'number' ? 'num' : undefined}>
                  {typeof cell === 'number' ? cell.toLocaleString() : cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
