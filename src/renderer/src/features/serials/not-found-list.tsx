import { useState } from 'react';
import { IconCheck, IconError } from '../../components/icons';

/** More than this many are copied, not drawn: nobody reads 100,000 lines on a screen. */
const SHOWN = 300;

/**
 * Pasted serials with no shipment on record. Each one is a red flag (a unit claimed as
 * ours that we never shipped, or a typo in the claim), so the list stands out and can be
 * copied straight back into a reply or a spreadsheet.
 */
export function NotFoundList({ serials, pasted }: { readonly serials: readonly string[]; readonly pasted: number }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  if (serials.length === 0) {
    return (
      <p className="found-all" role="status" data-testid="not-found-none">
        <IconCheck />
        All {pasted.toLocaleString()} pasted serials were shipped by us.
      </p>
    );
  }

  async function copy(): Promise<void> {
    const text = `${serials.join('\n')}\n`;
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied(copyWithSelection(text) ? 'yes' : 'failed');
    }
  }

  const count = serials.length;
  return (
    <section className="not-found" aria-labelledby="not-found-title" data-testid="not-found">
      <div className="not-found-head">
        <h2 id="not-found-title" className="not-found-title">
          <IconError />
          Not found: {count.toLocaleString()} of {pasted.toLocaleString()} pasted{' '}
          {count === 1 ? 'serial was' : 'serials were'} never shipped
        </h2>
        <button type="button" className="button" onClick={() => void copy()}>
          Copy {count === 1 ? 'the serial' : `all ${count.toLocaleString()}`}
        </button>
        <span role="status" className="not-found-copied">
          {copied === 'yes'
            ? 'Copied, one per line.'
            : copied === 'failed'
              ? 'Copying is blocked here; select the list instead.'
              : ''}
        </span>
      </div>
      <p className="not-found-why">
        We have no shipment of these. Check for typos; a correct serial here means the unit did not leave from us.
      </p>
      <ul className="not-found-list" data-testid="not-found-list">
        {serials.slice(0, SHOWN).map((serial) => (
          <li key={serial} className="code">
            {serial}
          </li>
        ))}
      </ul>
      {count > SHOWN ? (
        <p className="muted">…and {(count - SHOWN).toLocaleString()} more. The copy button copies all of them.</p>
      ) : null}
    </section>
  );
}

/** Clipboard access can be refused (an old browser, no permission): the classic way still works. */
function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let done = false;
  try {
    done = document.execCommand('copy');
  } catch {
    done = false;
  }
  area.remove();
  return done;
}
