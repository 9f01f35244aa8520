import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Notice } from '../../components/notice';
import { useAuth } from './auth-context';
import { digitsOnly } from './sign-in-screen';

/**
 * A station with no operators yet: the first one is created here, as a supervisor (someone
 * has to approve overrides and add the others), and signed in at once.
 */
export function FirstSupervisorScreen({ purpose }: { readonly purpose?: string }) {
  const auth = useAuth();
  const id = useId();
  const nameInput = useRef<HTMLInputElement | null>(null);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => nameInput.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (name.trim() === '') return setProblem('Type the supervisor’s name.');
    if (pin === '') return setProblem('Choose a PIN of 4 to 12 digits.');
    if (pin !== again) return setProblem('The two PINs are different. Type the same PIN in both boxes.');
    setBusy(true);
    setProblem(null);
    const failure = await auth.createFirstSupervisor(name.trim(), pin);
    if (failure) {
      setBusy(false);
      setProblem(failure.message);
    }
  }

  return (
    <section className="screen first-supervisor" data-testid="first-supervisor">
      <h1 tabIndex={-1}>Set up this station</h1>
      <p className="lead">
        {purpose ? `${purpose} ` : ''}No one can sign in yet. Create the first supervisor: the person who approves
        overrides and adds the other operators.
      </p>
      {problem ? (
        <Notice tone="error" title="The supervisor was not created" testId="first-supervisor-error">
          <p>{problem}</p>
        </Notice>
      ) : null}
      <form className="form-stack" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={`${id}-name`}>Supervisor’s name</label>
          <input
            id={`${id}-name`}
            ref={nameInput}
            type="text"
            autoComplete="off"
            value={name}
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-pin`}>PIN</label>
          <input
            id={`${id}-pin`}
            className="pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={pin}
            onChange={(event) => setPin(digitsOnly(event.target.value))}
            aria-describedby={`${id}-pin-help`}
          />
          <p className="muted" id={`${id}-pin-help`}>
            4 to 12 digits, not one digit repeated (not 1111).
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-again`}>PIN again</label>
          <input
            id={`${id}-again`}
            className="pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={again}
            onChange={(event) => setAgain(digitsOnly(event.target.value))}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary button-big" disabled={busy}>
            {busy ? 'Creating…' : 'Create supervisor and sign in'}
          </button>
          {auth.signInRequested ? (
            <button type="button" className="button button-big" onClick={() => auth.requestSignIn(false)}>
              Not now
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
