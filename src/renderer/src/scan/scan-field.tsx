import { useId, type ReactNode } from 'react';
import { IconWarning } from '../components/icons';
import { deviceScanSource, useDeviceScans } from './device-scans';
import { useScanInput, type EntrySource, type ScanInputOptions } from './use-scan-input';

interface ScanFieldProps extends ScanInputOptions {
  /** The field's visible label, e.g. "Scan" or "Scan the PO number". */
  readonly label: string;
  /** `remove`: the next scan takes a serial away, so the field looks different. */
  readonly tone?: 'normal' | 'remove';
  /** Said under the field while it is paused (enabled: false). */
  readonly pausedHint?: ReactNode;
  readonly testId?: string;
}

/** The barcode symbol next to the field's label, so the field is recognisable at a glance. */
function IconBarcode() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path
        d="M3 5v14M6 5v14M9 5v14M13 5v14M15 5v14M19 5v14M21 5v14"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        fill="none"
      />
    </svg>
  );
}

/**
 * The one field scans go to. It keeps the focus by itself, takes scans typed anywhere on the
 * screen, and says when a scan arrived without its Enter or an entry was typed by hand.
 */
export function ScanField(props: ScanFieldProps) {
  const { label, tone = 'normal', pausedHint, testId, ...options } = props;
  const { inputProps, lastSource, unterminated } = useScanInput(options);
  const id = useId();
  const enabled = options.enabled ?? true;
  // A HID or serial scanner's scan goes where a keyboard scan would: to this field's handler.
  useDeviceScans((event) => options.onScan(event.text, deviceScanSource(event)), enabled);
  return (
    <div
      className={`scan-field scan-field-${tone}${enabled ? '' : ' scan-field-paused'}`}
      data-testid={testId}
      data-last-source={lastSource ?? undefined}
    >
      <label className="scan-field-label" htmlFor={id}>
        <IconBarcode />
        {label}
      </label>
      <input id={id} type="text" className="scan-input" aria-describedby={`${id}-status`} {...inputProps} />
      <p className={`scan-field-status${unterminated ? ' scan-field-status-warn' : ''}`} id={`${id}-status`}>
        <FieldStatus enabled={enabled} unterminated={unterminated} lastSource={lastSource} pausedHint={pausedHint} />
      </p>
    </div>
  );
}

function FieldStatus({
  enabled,
  unterminated,
  lastSource,
  pausedHint,
}: {
  readonly enabled: boolean;
  readonly unterminated: boolean;
  readonly lastSource: EntrySource | null;
  readonly pausedHint: ReactNode;
}) {
  if (!enabled) return <>{pausedHint ?? 'Scanning is paused.'}</>;
  if (unterminated) {
    return (
      <>
        <IconWarning />
        <span>
          <strong>That scan did not end with Enter, so it was not used.</strong> Press Enter to use it as shown, or scan
          again. If this keeps happening, set the scanner to send Enter after each code.
        </span>
      </>
    );
  }
  if (lastSource === 'manual') return <>The last entry was typed by hand and is recorded as typed.</>;
  return <>Ready — scans are taken wherever you are on this screen.</>;
}
