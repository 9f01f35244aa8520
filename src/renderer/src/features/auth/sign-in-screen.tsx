import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { Role } from '../../../../shared/ipc/auth.contract';
import { Notice } from '../../components/notice';
import { useAuth, type SignOutCause } from './auth-context';
import { PinKeypad } from './pin-keypad';

export const ROLE_WORDS: Readonly<Record<Role, string>> = {
  packer: 'Packer',
  receiver: 'Receiving',
  supervisor: 'Supervisor',
};

/** PINs are digits only (the station refuses anything else); other characters are dropped as typed. */
export function digitsOnly(text: string): string {
  return text.replace(/\D/g, '').slice(0, 12);
}

function signOutNotice(cause: SignOutCause | null, idleMinutes: number | null) {
  switch (cause) {
    case 'idle timeout':
      return (
        <Notice tone="info" title="Signed out after a quiet spell" testId="signed-out-notice">
          <p>
            Nobody touched the station for {idleMinutes ?? 'several'} minutes, so the shift was ended. Anything scanned
            is kept: sign in to carry on.
          </p>
        </Notice>
      );
    case 'station':
      return (
        <Notice tone="warning" title="The station signed you out" testId="signed-out-notice">
          <p>
            The station no longer had anyone signed in at this screen (it was idle, or restarted). Anything scanned is
            kept: sign in to carry on.
          </p>
        </Notice>
      );
    case 'signed out':
      return (
        <Notice tone="success" title="Signed out" testId="signed-out-notice">
          <p>The shift has ended.</p>
        </Notice>
      );
    case null:
      return null;
  }
}

/**
 * Sign-in: pick your name from big buttons, then type your PIN on the keypad (touch) or the
 * keyboard. A wrong PIN says how many tries are left, or for how long the name is locked.
 */
export function SignInScreen({ purpose }: { readonly purpose?: string }) {
  const auth = useAuth();
  const operators = auth.status?.operators ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  return (
    <section className="screen sign-in" data-testid="sign-in">
      <h1 tabIndex={-1}>Sign in</h1>
      {purpose ? <p className="lead">{purpose}</p> : null}
      {picked === null ? signOutNotice(auth.lastSignOut, auth.status?.idleTimeoutMinutes ?? null) : null}
      {picked === null ? (
        <NamePicker
          operators={operators}
          onPick={(name) => {
            setError(null);
            setPicked(name);
          }}
          onCancel={auth.signInRequested ? () => auth.requestSignIn(false) : undefined}
        />
      ) : (
        <PinStep
          name={picked}
          error={error}
          onBack={() => {
            setError(null);
            setPicked(null);
          }}
          onSubmit={async (pin) => {
            const failure = await auth.signIn(picked, pin);
            setError(failure);
            return failure === null;
          }}
        />
      )}
    </section>
  );
}

function NamePicker({
  operators,
  onPick,
  onCancel,
}: {
  readonly operators: readonly { readonly name: string; readonly role: Role }[];
  readonly onPick: (name: string) => void;
  readonly onCancel?: () => void;
}) {
  const first = useRef<HTMLButtonElement | null>(null);
  useEffect(() => first.current?.focus(), []);
  if (operators.length === 0) {
    return (
      <Notice tone="warning" title="No one can sign in at this station">
        <p>Every operator has been switched off. A supervisor can switch one back on from another station.</p>
      </Notice>
    );
  }
  return (
    <>
      <h2>Who are you?</h2>
      <ul className="operator-picker" aria-label="Operators">
        {operators.map((operator, i) => (
          <li key={operator.name}>
            <button
              type="button"
              className="operator-button"
              ref={i === 0 ? first : undefined}
              onClick={() => onPick(operator.name)}
            >
              <span className="operator-button-name">{operator.name}</span>
              <span className="operator-button-role">{ROLE_WORDS[operator.role]}</span>
            </button>
          </li>
        ))}
      </ul>
      {onCancel ? (
        <div className="actions">
          <button type="button" className="button" onClick={onCancel}>
            Not now
          </button>
        </div>
      ) : null}
    </>
  );
}

function PinStep({
  name,
  error,
  onBack,
  onSubmit,
}: {
  readonly name: string;
  readonly error: ErrorInfo | null;
  readonly onBack: () => void;
  readonly onSubmit: (pin: string) => Promise<boolean>;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement | null>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => input.current?.focus(), []);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy || pin === '') return;
    setBusy(true);
    const signedIn = await onSubmit(pin);
    if (signedIn) return;
    setBusy(false);
    setPin('');
    // Read-only rather than disabled while checking, so the focus stays here for the next try.
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onBack();
    }
  }

  const locked = Boolean((error?.details as { locked?: boolean } | undefined)?.locked);
  return (
    <form className="pin-step" onSubmit={(event) => void submit(event)}>
      <div className="pin-layout">
        <div className="pin-entry">
          <h2>
            <label htmlFor={id}>
              PIN for <span className="pin-name">{name}</span>
            </label>
          </h2>
          {error ? (
            <Notice tone="error" title={locked ? 'Locked for now' : 'Not signed in'} testId="sign-in-error">
              <p>{error.message}</p>
            </Notice>
          ) : null}
          <input
            id={id}
            ref={input}
            className="pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            readOnly={busy}
            onChange={(event) => setPin(digitsOnly(event.target.value))}
            onKeyDown={onKeyDown}
            aria-describedby={`${id}-help`}
          />
          <p className="muted" id={`${id}-help`}>
            Type it on the keyboard or tap the keys, then press Enter.
          </p>
          <div className="actions">
            <button type="submit" className="button button-primary button-big" disabled={busy || pin === ''}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
            <button type="button" className="button button-big" onClick={onBack}>
              Not {name}? <kbd>Esc</kbd>
            </button>
          </div>
        </div>
        <PinKeypad
          disabled={busy}
          onDigit={(digit) => setPin((current) => digitsOnly(current + digit))}
          onDelete={() => setPin((current) => current.slice(0, -1))}
          onClear={() => setPin('')}
          keepFocusOn={input}
        />
      </div>
    </form>
  );
}
