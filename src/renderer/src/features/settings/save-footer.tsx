import type { ReactNode } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import { Notice } from '../../components/notice';
import { refusalText } from './supervisor-access';

interface SaveFooterProps {
  /** What is wrong with the form as filled in, found before anything was sent. */
  readonly problem?: string | null;
  /** What the station refused, under `failureTitle`. */
  readonly failure: ErrorInfo | null;
  readonly failureTitle: string;
  /** The outcome of the last save (a success notice), shown above the button. */
  readonly outcome?: ReactNode;
  readonly saving: boolean;
  /** Only a supervisor may save: the button is off and points to the note that says why. */
  readonly locked: boolean;
  readonly noteId: string;
  readonly label: string;
  readonly savingLabel?: string;
  readonly buttonClassName?: string;
  /** Further buttons beside the submit button (Cancel, Undo). */
  readonly children?: ReactNode;
}

/** The foot of a supervisor's form: what is wrong, what was refused or saved, and the submit button. */
export function SaveFooter({
  problem = null,
  failure,
  failureTitle,
  outcome = null,
  saving,
  locked,
  noteId,
  label,
  savingLabel = 'Saving…',
  buttonClassName = 'button button-primary',
  children,
}: SaveFooterProps) {
  return (
    <>
      {problem ? (
        <p className="sv-problem" role="alert">
          {problem}
        </p>
      ) : null}
      {failure ? (
        <Notice tone="error" title={failureTitle}>
          <p>{refusalText(failure)}</p>
        </Notice>
      ) : null}
      {outcome}
      <div className="actions">
        <button
          type="submit"
          className={buttonClassName}
          disabled={saving || locked}
          aria-describedby={locked ? noteId : undefined}
        >
          {saving ? savingLabel : label}
        </button>
        {children}
      </div>
    </>
  );
}
