import type { Output } from '../../../../shared/ipc';
import { formatWhen } from './format';

/** A session left open on the station, as every wizard lists it. */
export type OpenSession = Output<'receiving:list-open'>[number];

interface OpenSessionsProps {
  readonly sessions: readonly OpenSession[];
  /** The header over what the session works on ("PO", "Route"). */
  readonly referenceHeader: string;
  readonly testId: string;
  readonly busy: boolean;
  readonly onResume: (session: OpenSession) => void;
  /** How the reference reads on screen, where the station's own spelling is not for people. */
  readonly showReference?: (reference: string) => string;
}

/** Sessions not finished, each with who had it last and where, to pick up where it was left. */
export function OpenSessions({
  sessions,
  referenceHeader,
  testId,
  busy,
  onResume,
  showReference = (reference) => reference,
}: OpenSessionsProps) {
  return (
    <section className="pick-section" data-testid={testId}>
      <h2>Not finished — pick up where it was left</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{referenceHeader}</th>
              <th scope="col" className="num">
                Units scanned
              </th>
              <th scope="col">Last scan</th>
              <th scope="col">Where</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.sessionId}>
                <td>
                  <span className="code">{showReference(session.reference)}</span>
                </td>
                <td className="num">{session.units.toLocaleString()}</td>
                <td>{formatWhen(session.updatedAt)}</td>
                <td>{[session.station, session.operator].filter(Boolean).join(' · ') || '—'}</td>
                <td className="cell-action">
                  <button type="button" className="button" disabled={busy} onClick={() => onResume(session)}>
                    Resume <span className="visually-hidden">{session.reference}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
