import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { IconError, IconLock } from '../../components/icons';
import { useRevealed } from './use-revealed';

export interface Approval {
  readonly supervisor: string;
  readonly pin: string;
  readonly reason: string;
}

/** The contract refuses shorter reasons; saying so here saves a round trip and a vague error. */
const MIN_REASON = 3;

/**
 * A supervisor approves in place: name, PIN and reason, right where the packer is working.
 * It is not a browser dialog, and while it is open the scan field leaves the keyboard alone.
 */
export function SupervisorPanel({
  title,
  children,
  submitLabel,
  busy,
  error,
  supervisors,
  onSubmit,
  onCancel,
  testId,
}: {
  readonly title: string;
  readonly children?: ReactNode;
  readonly submitLabel: string;
  readonly busy: boolean;
  /** The station's answer to the last try (wrong PIN, tries left, not a supervisor, locked). */
  readonly error: string | null;
  /** Supervisors' names, offered as suggestions. */
  readonly supervisors: readonly string[];
  readonly onSubmit: (approval: Approval) => void;
  readonly onCancel: () => void;
  readonly testId: string;
}) {
  const id = useId();
  const reveal = useRevealed();
  const [supervisor, setSupervisor] = useState(supervisors.length === 1 ? supervisors[0]! : '');
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [triedError, setTriedError] = useState<string | null>(null);

  const pinInput = useRef<HTMLInputElement | null>(null);

  // A refused PIN is cleared so the next try starts clean; name and reason stay.
  if (error !== triedError) {
    setTriedError(error);
    if (error) setPin('');
  }
  useEffect(() => {
    if (error) pinInput.current?.focus();
  }, [error]);

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (busy) return;
    if (supervisor.trim() === '') return setProblem('Type the supervisor’s name.');
    if (pin === '') return setProblem('The supervisor types their PIN.');
    if (reason.trim().length < MIN_REASON)
      return setProblem('Write why this is approved, for example “label damaged, serial checked by hand”.');
    setProblem(null);
    onSubmit({ supervisor: supervisor.trim(), pin, reason: reason.trim() });
  }

  const shown = problem ?? error;
  return (
    <form
      ref={reveal}
      className="supervisor-panel"
      data-testid={testId}
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <h2 id={`${id}-title`} className="supervisor-title">
        <IconLock />
        {title}
      </h2>
      {children}
      <div className="supervisor-fields">
        <label className="field">
          <span>Supervisor</span>
          <input
            type="text"
            autoFocus
            autoComplete="off"
            list={supervisors.length > 0 ? `${id}-supervisors` : undefined}
            value={supervisor}
            onChange={(event) => setSupervisor(event.target.value)}
            data-testid={`${testId}-supervisor`}
          />
        </label>
        {supervisors.length > 0 ? (
          <datalist id={`${id}-supervisors`}>
            {supervisors.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        ) : null}
        <label className="field field-pin">
          <span>PIN</span>
          <input
            ref={pinInput}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            onChange={(event) => setPin(event.target.value)}
            data-testid={`${testId}-pin`}
          />
        </label>
        <label className="field field-reason">
          <span>Reason</span>
          <input
            type="text"
            autoComplete="off"
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            data-testid={`${testId}-reason`}
          />
        </label>
      </div>
      {shown ? (
        <p className="supervisor-error" role="alert" data-testid={`${testId}-error`}>
          <IconError />
          <span>{shown}</span>
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary button-big" disabled={busy}>
          {busy ? 'Checking…' : submitLabel}
        </button>
        <button type="button" className="button button-big" onClick={onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
