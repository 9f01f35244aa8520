import { Fragment, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { WeightView } from '../../../../shared/ipc/devices.contract';
import { useStation } from '../../api/station-context';
import { IconCheck, IconError, IconWarning } from '../../components/icons';
import { useDeviceScans, type DeviceScanEvent } from '../../scan/device-scans';
import { DEFAULT_TIMING, GS, ScanBuffer, type EntrySource } from '../../scan/scan-buffer';
import { ask } from '../settings/supervisor-access';
import type { SaveAnswer } from './device-forms';
import { weightWords } from './device-words';
import { LabelPreviews, type LabelPreview } from './label-previews';

/** The scale's reading as it changes, large, with its state in words. */
export function WeightReadout({ weight, testId }: { readonly weight: WeightView | null; readonly testId?: string }) {
  const { figure, state } = weightWords(weight);
  const settled = weight?.status === 'ok' && weight.stable;
  const trouble = weight !== null && !['ok', 'motion', 'zero'].includes(weight.status);
  const Icon = settled ? IconCheck : trouble ? IconError : IconWarning;
  return (
    <div
      className={`weight-readout ${settled ? 'weight-readout-stable' : trouble ? 'weight-readout-bad' : ''}`}
      data-testid={testId}
      data-status={weight?.status ?? 'none'}
      data-stable={settled ? 'true' : 'false'}
    >
      <span className="weight-readout-figure" data-testid={testId ? `${testId}-figure` : undefined}>
        {figure}
      </span>
      <span className="weight-readout-state">
        {weight ? <Icon /> : null}
        {state}
      </span>
    </div>
  );
}

/** Live weight and the Zero button. */
export function LiveWeight({ weight, hasScale }: { readonly weight: WeightView | null; readonly hasScale: boolean }) {
  const { api } = useStation();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<SaveAnswer>(null);
  if (!hasScale) return <p className="muted">No scale is set up, so there is no live weight.</p>;
  const zero = async () => {
    setBusy(true);
    const envelope = await ask(api, 'devices:zero-scale');
    setBusy(false);
    setAnswer(
      envelope.ok
        ? { ok: true, text: 'Zeroed. The scale now reads from zero with nothing on it.' }
        : { ok: false, text: envelope.error.message },
    );
  };
  return (
    <div className="live-weight" aria-live="polite">
      <h3>On the scale now</h3>
      <WeightReadout weight={weight} testId="live-weight" />
      <button type="button" className="button" disabled={busy} onClick={() => void zero()} data-testid="zero-button">
        {busy ? 'Zeroing…' : 'Zero the scale'}
      </button>
      <span className="field-help"> Empty the scale first.</span>
      {answer ? <Answer answer={answer} testId="zero-answer" /> : null}
    </div>
  );
}

function Answer({ answer, testId }: { readonly answer: NonNullable<SaveAnswer>; readonly testId: string }) {
  return (
    <p
      className={`device-answer ${answer.ok ? 'device-answer-ok' : 'device-answer-bad'}`}
      role={answer.ok ? 'status' : 'alert'}
      data-testid={testId}
    >
      {answer.ok ? <IconCheck /> : <IconError />}
      <span>{answer.text}</span>
    </p>
  );
}

/** Prints a serial label for a serial typed here, and shows it as the printer was asked to print it. */
export function TestPrint({ hasPrinter }: { readonly hasPrinter: boolean }) {
  const { api } = useStation();
  const id = useId();
  const [serial, setSerial] = useState('TEST-0001');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<SaveAnswer>(null);
  const [previews, setPreviews] = useState<readonly LabelPreview[]>([]);
  if (!hasPrinter) return <p className="muted">No label printer is set up, so there is nothing to test.</p>;

  const print = async (event: FormEvent) => {
    event.preventDefault();
    const text = serial.trim();
    if (text === '') {
      setAnswer({ ok: false, text: 'Type a serial to print on the test label, for example TEST-0001.' });
      return;
    }
    setBusy(true);
    setAnswer(null);
    const envelope = await ask(api, 'devices:print-test', { serial: text });
    setBusy(false);
    if (!envelope.ok) {
      setPreviews([]);
      setAnswer({ ok: false, text: envelope.error.message });
      return;
    }
    setPreviews(envelope.value.previews);
    setAnswer({ ok: envelope.value.ok, text: envelope.value.message });
  };

  return (
    <form className="test-print" onSubmit={(event) => void print(event)} data-testid="test-print">
      <h3>Test print</h3>
      <div className="test-print-row">
        <div className="field">
          <label htmlFor={id}>Serial on the label</label>
          <input
            id={id}
            type="text"
            value={serial}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setSerial(event.target.value)}
            data-testid="test-print-serial"
          />
        </div>
        <button type="submit" className="button" disabled={busy} data-testid="test-print-button">
          {busy ? 'Printing…' : 'Print test label'}
        </button>
      </div>
      {answer ? <Answer answer={answer} testId="test-print-answer" /> : null}
      <LabelPreviews previews={previews} what="Test label" size="large" testId="test-print-previews" />
    </form>
  );
}

/** The command barcodes on the station's label printer, for a station with no paper printer. */
export function PrintCommandLabels({ hasPrinter }: { readonly hasPrinter: boolean }) {
  const { api } = useStation();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<SaveAnswer>(null);
  const [previews, setPreviews] = useState<readonly LabelPreview[]>([]);
  if (!hasPrinter) return null;

  const print = async () => {
    setBusy(true);
    setAnswer(null);
    const envelope = await ask(api, 'devices:print-commands');
    setBusy(false);
    if (!envelope.ok) {
      setPreviews([]);
      setAnswer({ ok: false, text: envelope.error.message });
      return;
    }
    setPreviews(envelope.value.previews);
    setAnswer({ ok: envelope.value.ok, text: envelope.value.message });
  };

  return (
    <div className="command-labels" data-testid="command-labels">
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void print()}
        data-testid="command-labels-print"
      >
        {busy ? 'Printing…' : 'Print on the label printer'}
      </button>
      {answer ? <Answer answer={answer} testId="command-labels-answer" /> : null}
      <LabelPreviews previews={previews} what="Command label" size="thumb" testId="command-labels-previews" />
    </div>
  );
}

const SHOWN_SCANS = 12;

interface TestScanRow {
  readonly n: number;
  readonly text: string;
  readonly symbology: string | null;
  readonly source: string;
  readonly receivedAt: string;
}

/**
 * Every scan while this screen is open, newest first: scans from the station's HID or serial
 * scanner arrive by themselves; a keyboard scanner scans into the box here, which also says
 * whether the scan came as one fast burst (a scanner) or slowly (typed by hand).
 */
export function TestScan({ wedge }: { readonly wedge: boolean }) {
  const [scans, setScans] = useState<readonly TestScanRow[]>([]);
  const add = (row: Omit<TestScanRow, 'n'>) =>
    setScans((before) => [{ ...row, n: (before[0]?.n ?? 0) + 1 }, ...before].slice(0, SHOWN_SCANS));
  useDeviceScans((event: DeviceScanEvent) => add(event));
  const latest = scans[0] ?? null;
  return (
    <div className="test-scan" data-testid="test-scan" aria-live="polite">
      <h3>Test scan</h3>
      <KeyboardScanBox
        onEntry={(text, source) =>
          add({
            text,
            symbology: null,
            source: source === 'wedge' ? 'wedge' : 'manual',
            receivedAt: new Date().toISOString(),
          })
        }
      />
      {latest && (latest.source === 'wedge' || latest.source === 'manual') ? (
        <KeyboardVerdict source={latest.source} length={latest.text.length} />
      ) : null}
      {scans.length === 0 ? (
        <p className="muted" data-testid="test-scan-empty">
          {wedge
            ? 'Click the box and scan any barcode: it shows here with how it arrived. Scans here are not recorded anywhere.'
            : 'Scan any barcode: each scan shows here with its symbology. Scans here are not recorded anywhere.'}
        </p>
      ) : (
        <ol className="test-scan-list" aria-label="Scans, newest first">
          {scans.map((scan) => (
            <li key={scan.n} data-testid="test-scan-row">
              <span className="code test-scan-text">
                <WithSeparators text={scan.text} />
              </span>
              <span className="test-scan-meta">
                {scan.symbology ?? 'no symbology sent'} · {SOURCE_WORDS[scan.source] ?? scan.source} ·{' '}
                {new Date(scan.receivedAt).toLocaleTimeString()}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** Whether the last keyboard entry looked like a scanner, and what to change when it did not. */
function KeyboardVerdict({ source, length }: { readonly source: 'wedge' | 'manual'; readonly length: number }) {
  return source === 'wedge' ? (
    <p className="device-answer device-answer-ok" data-testid="test-scan-verdict">
      <IconCheck />
      <span>
        Read as a scanner: {length} characters in one fast burst, ended with Enter. Scans from this scanner are recorded
        as scanned.
      </span>
    </p>
  ) : (
    <p className="device-answer device-answer-warn" data-testid="test-scan-verdict">
      <IconWarning />
      <span>
        That arrived as slowly as typing, so it would be recorded as typed by hand. If it came from the scanner, set the
        scanner to send faster (no inter-character delay).
      </span>
    </p>
  );
}

/** A box a keyboard scanner types into, timed key by key like the wizards' scan field. */
function KeyboardScanBox({ onEntry }: { readonly onEntry: (text: string, source: EntrySource) => void }) {
  const id = useId();
  const [buffer] = useState(() => new ScanBuffer(DEFAULT_TIMING));
  const [text, setText] = useState('');
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      const entry = buffer.take(event.timeStamp);
      setText('');
      if (entry) onEntry(entry.text, entry.source);
      return;
    }
    if (event.key === 'Backspace') {
      event.preventDefault();
      buffer.backspace();
      setText(buffer.text);
      return;
    }
    // GS as most wedges send it (Ctrl+]), so GS1 codes can be tried too.
    const gs = event.ctrlKey && !event.altKey && (event.key === ']' || event.code === 'BracketRight');
    if (!gs && (event.key.length !== 1 || event.metaKey || (event.ctrlKey && !event.altKey))) return;
    event.preventDefault();
    buffer.key(gs ? GS : event.key, event.timeStamp);
    setText(buffer.text);
  };
  return (
    <div className="field test-scan-box">
      <label htmlFor={id}>Keyboard scanner: click here, then scan</label>
      <input
        id={id}
        type="text"
        className="scan-input"
        value={visible(text)}
        onKeyDown={onKeyDown}
        onChange={(event) => {
          // Paste: kept as typed by hand.
          buffer.replace(event.target.value.replaceAll('\u241d', GS));
          setText(buffer.text);
        }}
        autoComplete="off"
        spellCheck={false}
        data-testid="test-scan-input"
      />
    </div>
  );
}

const SOURCE_WORDS: Readonly<Record<string, string>> = {
  wedge: 'Keyboard scanner',
  manual: 'Typed by hand',
  hid: 'USB HID',
  serial: 'Serial port',
  simulator: 'Simulator',
};

/**
 * A scanned code with its GS separators shown as a marked "GS": the Unicode symbol for GS is
 * missing from most fonts and would show as an empty box.
 */
function WithSeparators({ text }: { readonly text: string }) {
  const parts = text.split(GS);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? (
            <abbr className="gs-mark" title="Group separator (GS) between GS1 fields">
              GS
            </abbr>
          ) : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/** GS separators of GS1 codes are invisible; in a text box, show them as the symbol for GS. */
function visible(text: string): string {
  return text.replaceAll('\x1d', '\u241d');
}
