import type { Output } from '../../../../shared/ipc';

export type OpenSession = Output<'shipping:list-open'>[number];

function since(iso: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (!Number.isFinite(minutes)) return '';
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** Orders started and not shipped (parked, or left when a station stopped), to pick up again. */
export function OpenSessions({
  sessions,
  onResume,
  disabled,
}: {
  readonly sessions: readonly OpenSession[];
  readonly onResume: (orderNumber: string) => void;
  readonly disabled: boolean;
}) {
  if (sessions.length === 0) return null;
  const now = Date.now();
  return (
    <section className="open-sessions" aria-labelledby="open-sessions-title" data-testid="open-sessions">
      <h2 id="open-sessions-title">Orders started and not shipped</h2>
      <p className="muted">Scan the order number, or pick it here, to carry on where it was left.</p>
      <ul>
        {sessions.map((session) => (
          <li key={session.sessionId}>
            <button
              type="button"
              className="button open-session"
              disabled={disabled}
              onClick={() => onResume(session.reference)}
            >
              <span className="code open-session-order">{session.reference}</span>
              <span>
                {session.units} unit{session.units === 1 ? '' : 's'} packed
              </span>
              <span className="muted">
                {[session.operator, session.station, since(session.updatedAt, now)].filter(Boolean).join(' · ')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
