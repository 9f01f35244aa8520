import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import { IconCheck, IconError, IconLock } from '../../components/icons';
import type { SupervisorAccessState } from './supervisor-access';

function clock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * The supervisor's approval, in place at the top of a supervisor screen: a small form when
 * someone else is signed in, a strip saying who approved and until when once approved.
 * The station enforces it; this only asks for it and shows it.
 */
export function SupervisorApproval({
  supervisor,
  what,
}: {
  readonly supervisor: SupervisorAccessState;
  /** What the approval opens here, e.g. "change settings". */
  readonly what: string;
}) {
  const { access } = supervisor;
  if (access.state === 'approved') {
    return (
      <div className="sv-approval-strip" role="status" data-testid="approval-strip">
        <IconCheck />
        <p>
          <strong data-testid="approval-strip-text">
            Approved by {access.approvedBy} — ends {clock(access.until)}
          </strong>{' '}
          <span>
            {access.name} stays signed in; changes made here are recorded as approved by {access.approvedBy}.
          </span>
        </p>
        <button
          type="button"
          className="button"
          onClick={() => void supervisor.endApproval()}
          data-testid="approval-end"
        >
          End now
        </button>
      </div>
    );
  }
  if (access.state !== 'other' || access.name === null) return null;
  return <ApprovalForm supervisor={supervisor} what={what} operator={access.name} />;
}

function ApprovalForm({
  supervisor,
  what,
  operator,
}: {
  readonly supervisor: SupervisorAccessState;
  readonly what: string;
  readonly operator: string;
}) {
  const id = useId();
  const { supervisors } = supervisor;
  const [name, setName] = useState(supervisors.length === 1 ? supervisors[0]! : '');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [refused, setRefused] = useState<ErrorInfo | null>(null);
  const pinInput = useRef<HTMLInputElement | null>(null);

  // The list arrives after the form: with one supervisor, they are the one who approves.
  useEffect(() => {
    if (supervisors.length === 1) setName((now) => now || supervisors[0]!);
  }, [supervisors]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setRefused(null);
    if (name.trim() === '') return setProblem('Choose the supervisor who approves.');
    if (pin === '') return setProblem('The supervisor types their PIN.');
    setProblem(null);
    setBusy(true);
    const error = await supervisor.approve(name.trim(), pin);
    setBusy(false);
    if (!error) return;
    // A refused PIN is cleared so the next try starts clean.
    setPin('');
    setRefused(error);
    pinInput.current?.focus();
  }

  const locked = (refused?.details as { locked?: unknown } | undefined)?.locked === true;
  return (
    <form
      noValidate
      className="supervisor-panel sv-approval"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => void submit(event)}
      data-testid="supervisor-approval"
    >
      <h2 id={`${id}-title`} className="supervisor-title">
        <IconLock />
        Supervisor approval
      </h2>
      <p className="sv-approval-what">
        A supervisor can {what} here with their PIN. {operator} stays signed in; the approval ends after 5 minutes
        without a change, 15 at most.
      </p>
      <div className="sv-approval-fields">
        <label className="field">
          <span>Supervisor</span>
          {supervisors.length > 0 ? (
            <select value={name} onChange={(event) => setName(event.target.value)} data-testid="approval-supervisor">
              {supervisors.length > 1 ? <option value="">Choose…</option> : null}
              {supervisors.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          ) : (
            <input
              type="text"
              autoComplete="off"
              value={name}
              onChange={(event) => setName(event.target.value)}
              data-testid="approval-supervisor"
            />
          )}
        </label>
        <label className="field field-pin">
          <span>PIN</span>
          <input
            ref={pinInput}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={32}
            value={pin}
            onChange={(event) => setPin(event.target.value)}
            data-testid="approval-pin"
          />
        </label>
        <button type="submit" className="button button-primary button-big" disabled={busy}>
          {busy ? 'Checking…' : 'Approve'}
        </button>
      </div>
      {problem || refused ? (
        <p className="supervisor-error" role="alert" data-testid="approval-error">
          <IconError />
          <span>
            {refused ? <strong>{locked ? 'Locked out. ' : 'Not approved. '}</strong> : null}
            {problem ?? refused?.message}
          </span>
        </p>
      ) : null}
    </form>
  );
}
