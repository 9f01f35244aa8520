import { formatWhen } from '../wizard/format';
import { SIGN_OUT_KEY, useAuth } from './auth-context';
import { ROLE_WORDS } from './sign-in-screen';

/** The frame's "who is working here": name, role and shift start, with Sign in / Sign out. */
export function OperatorStatus() {
  const auth = useAuth();
  const operator = auth.status?.operator ?? null;
  if (!operator) {
    return (
      <>
        <span className="label">Operator</span> <span className="muted-strong">No one signed in</span>
        {auth.status && !auth.signInRequested ? (
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => auth.requestSignIn(true)}
            data-testid="sign-in-open"
          >
            Sign in
          </button>
        ) : null}
      </>
    );
  }
  const shift = auth.status?.shiftStartedAt;
  return (
    <>
      <span className="label">Operator</span>
      <span className="operator-who">
        <span>
          <strong className="operator-name">{operator.name}</strong>{' '}
          <span className="badge badge-role">{ROLE_WORDS[operator.role]}</span>
        </span>
        {shift ? <span className="muted operator-shift">shift since {formatWhen(shift)}</span> : null}
      </span>
      <button
        type="button"
        className="button button-quiet button-small"
        aria-keyshortcuts={SIGN_OUT_KEY.aria}
        onClick={() => void auth.signOut('signed out')}
        data-testid="sign-out"
      >
        Sign out <kbd>{SIGN_OUT_KEY.label}</kbd>
      </button>
    </>
  );
}
