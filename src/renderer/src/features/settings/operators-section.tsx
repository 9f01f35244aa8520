import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { Output } from '../../../../shared/ipc';
import type { Role } from '../../../../shared/ipc/auth.contract';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';
import { Field } from '../reports/export-forms';
import { SaveFooter } from './save-footer';
import { ask, isRefusal, ROLE_NAMES, SupervisorOnlyNote, type SupervisorAccessState } from './supervisor-access';

type Operator = Output<'operators:list'>[number];

const ROLE_HELP: Readonly<Record<Role, string>> = {
  packer: 'packs and ships orders',
  receiver: 'receives purchase orders',
  supervisor: 'everything, plus settings, exports and overrides',
};

/** Who may work at the stations, and adding someone new with a PIN. */
export function OperatorsSection({ supervisor }: { readonly supervisor: SupervisorAccessState }) {
  const { api } = useStation();
  const id = useId();
  const noteId = `${id}-locked`;
  const [operators, setOperators] = useState<readonly Operator[] | null>(null);
  const [listError, setListError] = useState<ErrorInfo | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('packer');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [added, setAdded] = useState<Operator | null>(null);
  const [saving, setSaving] = useState(false);
  const { allowed, access } = supervisor;

  const load = useCallback(async () => {
    const envelope = await ask(api, 'operators:list', {});
    if (envelope.ok) {
      setOperators(envelope.value);
      setListError(null);
    } else {
      setOperators(null);
      setListError(envelope.error);
    }
  }, [api]);

  // Signing in as a supervisor here makes the list readable.
  useEffect(() => {
    void load();
  }, [load, access.state]);

  async function add(event: FormEvent): Promise<void> {
    event.preventDefault();
    setFailure(null);
    setAdded(null);
    const trimmed = name.trim();
    if (!trimmed) return setProblem('Enter the operator’s name as they will pick it at sign-in.');
    if (trimmed.length > 100) return setProblem('A name can be at most 100 characters.');
    if (!pin) return setProblem('Choose a PIN for them to sign in with.');
    if (pin.length > 32) return setProblem('A PIN can be at most 32 characters.');
    if (pin !== pinAgain) return setProblem('The two PINs differ. Type the same PIN twice.');
    setProblem(null);
    setSaving(true);
    const envelope = await ask(api, 'operators:add', { name: trimmed, role, pin });
    setSaving(false);
    if (!envelope.ok) {
      if (isRefusal(envelope.error)) supervisor.recheck();
      setFailure(envelope.error);
      return;
    }
    setAdded(envelope.value);
    setName('');
    setPin('');
    setPinAgain('');
    void load();
  }

  return (
    <section className="sv-card" aria-labelledby={`${id}-title`} data-testid="operators">
      <h2 id={`${id}-title`}>Operators</h2>
      <SupervisorOnlyNote access={supervisor.access} what="add operators" id={noteId} />
      {operators ? (
        operators.length === 0 ? (
          <p className="muted">No operators yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table table-compact" data-testid="operator-list">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {operators.map((op) => (
                  <tr key={op.id}>
                    <td>{op.name}</td>
                    <td>{ROLE_NAMES[op.role]}</td>
                    <td>{op.active ? 'Active' : <span className="muted">Inactive</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : listError ? (
        <p className="muted">
          {isRefusal(listError) ? 'The list of operators is shown to supervisors only.' : listError.message}
        </p>
      ) : (
        <p className="muted">Loading…</p>
      )}

      <form noValidate onSubmit={(e) => void add(e)} className="sv-subform" data-testid="add-operator">
        <h3>Add an operator</h3>
        <fieldset className="sv-plain" disabled={!allowed}>
          <div className="sv-fields">
            <Field label="Name" htmlFor={`${id}-name`}>
              <input
                id={`${id}-name`}
                type="text"
                value={name}
                maxLength={100}
                autoComplete="off"
                onChange={(e) => setName(e.target.value)}
              />
            </Field>
            <Field label="Role" htmlFor={`${id}-role`} hint={ROLE_HELP[role]}>
              <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                <option value="packer">Packer</option>
                <option value="receiver">Receiver</option>
                <option value="supervisor">Supervisor</option>
              </select>
            </Field>
            <Field label="PIN" htmlFor={`${id}-pin`}>
              <input
                id={`${id}-pin`}
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                value={pin}
                maxLength={32}
                onChange={(e) => setPin(e.target.value)}
              />
            </Field>
            <Field label="PIN again" htmlFor={`${id}-pin2`}>
              <input
                id={`${id}-pin2`}
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                value={pinAgain}
                maxLength={32}
                onChange={(e) => setPinAgain(e.target.value)}
              />
            </Field>
          </div>
        </fieldset>
        <SaveFooter
          problem={problem}
          failure={failure}
          failureTitle="The operator was not added"
          outcome={
            added ? (
              <Notice tone="success" title={`Added ${added.name}`}>
                <p>
                  {added.name} can now sign in as a {ROLE_NAMES[added.role]} with the PIN you chose.
                </p>
              </Notice>
            ) : null
          }
          saving={saving}
          locked={!allowed}
          noteId={noteId}
          label="Add operator"
          savingLabel="Adding…"
        />
      </form>
    </section>
  );
}
