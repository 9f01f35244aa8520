import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface PastePanelProps {
  /** What the pasted lines will be checked against, under the heading. */
  readonly note: ReactNode;
  /**
   * Checks the list; the panel closes on success, and after a failure the list stays to try
   * again. `progress` is for a check that goes line by line and counts as it goes.
   */
  readonly onPaste: (text: string, lines: readonly string[], progress: (done: number) => void) => Promise<void>;
  readonly onCancel: () => void;
  /**
   * The check goes line by line: the button counts the lines checked, and Cancel waits for
   * the last one, since what is checked is already added.
   */
  readonly counted?: boolean;
}

/** A box to paste a list of serials into, checked one by one as if each had been scanned. */
export function PastePanel({ note, onPaste, onCancel, counted = false }: PastePanelProps) {
  const id = useId();
  const box = useRef<HTMLTextAreaElement | null>(null);
  const [text, setText] = useState('');
  const [done, setDone] = useState<number | null>(null);
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '');
  const busy = done !== null;

  useEffect(() => box.current?.focus(), []);

  async function submit() {
    if (busy || lines.length === 0) return;
    setDone(0);
    await onPaste(text, lines, setDone);
    setDone(null);
  }

  const label = !busy
    ? `Check and add ${lines.length.toLocaleString()} serial${lines.length === 1 ? '' : 's'}`
    : counted
      ? `Checking ${done.toLocaleString()} of ${lines.length.toLocaleString()}…`
      : 'Checking…';
  return (
    <section className="paste-panel" data-testid="paste-panel">
      <h2>
        <label htmlFor={id}>Paste serials, one per line</label>
      </h2>
      <p className="muted">{note}</p>
      <textarea
        id={id}
        ref={box}
        className="paste-box"
        rows={8}
        value={text}
        disabled={busy}
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.ctrlKey) {
            event.preventDefault();
            void submit();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
          }
        }}
      />
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || lines.length === 0}
          onClick={() => void submit()}
        >
          {label} <kbd>Ctrl Enter</kbd>
        </button>
        <button type="button" className="button" disabled={busy && counted} onClick={onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}
