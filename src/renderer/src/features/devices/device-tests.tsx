import { useId, useState, type FormEvent } from 'react';
import type { WeightView } from '../../../../shared/ipc/devices.contract';
import { useStation } from '../../api/station-context';
import { IconCheck, IconError, IconWarning } from '../../components/icons';
import { useDeviceScans, type DeviceScanEvent } from '../../scan/device-scans';
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

const SHOWN_SCANS = 12;

/** Every scan from the station's HID or serial scanner while this screen is open, newest first. */
export function TestScan({ wedge }: { readonly wedge: boolean }) {
  const [scans, setScans] = useState<readonly (DeviceScanEvent & { readonly n: number })[]>([]);
  useDeviceScans((event) =>
    setScans((before) => [{ ...event, n: (before[0]?.n ?? 0) + 1 }, ...before].slice(0, SHOWN_SCANS)),
  );
  return (
    <div className="test-scan" data-testid="test-scan" aria-live="polite">
      <h3>Test scan</h3>
      {scans.length === 0 ? (
        <p className="muted" data-testid="test-scan-empty">
          {wedge
            ? 'A keyboard scanner types into the scan field of Ship, Receive and Returns; its scans do not show here.'
            : 'Scan any barcode: each scan shows here with its symbology. Scans here are not recorded anywhere.'}
        </p>
      ) : (
        <table className="table test-scan-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Text</th>
              <th scope="col">Symbology</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {scans.map((scan) => (
              <tr key={scan.n} data-testid="test-scan-row">
                <td>{new Date(scan.receivedAt).toLocaleTimeString()}</td>
                <td className="code test-scan-text">{visible(scan.text)}</td>
                <td>{scan.symbology ?? 'not sent'}</td>
                <td>{SOURCE_WORDS[scan.source] ?? scan.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const SOURCE_WORDS: Readonly<Record<string, string>> = {
  hid: 'USB HID',
  serial: 'Serial port',
  simulator: 'Simulator',
};

/** GS separators of GS1 codes are invisible; show them as the symbol for GS. */
function visible(text: string): string {
  return text.replaceAll('\x1d', '\u241d');
}
