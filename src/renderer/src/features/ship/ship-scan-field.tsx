import { useEffect, useRef } from 'react';
import { ScanField } from '../../scan/scan-field';
import type { EntrySource } from '../../scan/use-scan-input';

/**
 * The wizard's one scan field. Enter on the empty field is the keyboard's "ship": a scanner
 * always sends text before its Enter, so an empty Enter can only be a person pressing the key.
 */
export function ShipScanField({
  label,
  onScan,
  onEmptyEnter,
  enabled,
  removeMode,
}: {
  readonly label: string;
  readonly onScan: (raw: string, source: EntrySource) => void;
  readonly onEmptyEnter?: () => void;
  readonly enabled: boolean;
  readonly removeMode: boolean;
}) {
  const onEmptyEnterRef = useRef(onEmptyEnter);
  useEffect(() => {
    onEmptyEnterRef.current = onEmptyEnter;
  });

  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      // The scan field takes Enter itself (and prevents its default) whenever it holds text.
      if (event.key !== 'Enter' || event.defaultPrevented || event.repeat) return;
      const target = event.target;
      if (!(target instanceof HTMLInputElement) || !target.hasAttribute('data-scan-field')) return;
      if (target.value !== '' || !onEmptyEnterRef.current) return;
      event.preventDefault();
      onEmptyEnterRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);

  return (
    <ScanField
      label={label}
      onScan={onScan}
      enabled={enabled}
      tone={removeMode ? 'remove' : 'normal'}
      pausedHint="Scanning is paused until the form above is done or closed with Esc."
      testId="ship-scan"
    />
  );
}
