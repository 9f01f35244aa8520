import { useCallback, useEffect } from 'react';
import { stationCommand } from '../../../../shared/scan/station-commands';
import type { EntrySource } from '../../scan/scan-buffer';

/** `remove`: the next scan takes something out again; `paste`: a list is being typed in. */
export type WizardMode = 'scan' | 'remove' | 'paste';

export interface WizardKey {
  readonly key: string;
  readonly label: string;
}

/**
 * The keys of the scanning wizards, the same on every desk so one that does receiving and
 * transfers learns them once. F-keys and Delete, because a scanner only ever types printable
 * characters and Enter; the browser keeps F5, F11 and F12, and F1, F3, F6, F7 open its own things.
 */
export const WIZARD_KEYS = {
  paste: { key: 'F2', label: 'F2' },
  remove: { key: 'F8', label: 'F8' },
  /** Close the PO, confirm the transfer. */
  finish: { key: 'F9', label: 'F9' },
  leave: { key: 'F4', label: 'F4' },
} as const satisfies Record<string, WizardKey>;

interface WizardKeyActions {
  readonly mode: WizardMode;
  readonly onMode: (mode: WizardMode) => void;
  readonly onFinish: () => void;
  readonly onLeave: () => void;
}

/** Delete in a field someone types in edits the text; only the scan field passes it on. */
function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !target.hasAttribute('data-scan-field'))
  );
}

/** The wizard's function keys, heard anywhere on the screen; Escape leaves a mode. */
export function useWizardKeys({ mode, onMode, onFinish, onLeave }: WizardKeyActions): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      switch (event.key) {
        case WIZARD_KEYS.paste.key:
          event.preventDefault();
          onMode('paste');
          return;
        case WIZARD_KEYS.remove.key:
          event.preventDefault();
          onMode('remove');
          return;
        case 'Delete':
          if (isTyping(event.target)) return;
          event.preventDefault();
          onMode('remove');
          return;
        case WIZARD_KEYS.finish.key:
          event.preventDefault();
          onFinish();
          return;
        case WIZARD_KEYS.leave.key:
          event.preventDefault();
          onLeave();
          return;
        case 'Escape':
          if (mode !== 'scan') {
            event.preventDefault();
            onMode('scan');
          }
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mode, onMode, onFinish, onLeave]);
}

interface WizardCommandActions extends WizardKeyActions {
  readonly onScan: (raw: string, source: EntrySource) => void;
}

/**
 * The scan handler with the wizard's command barcodes taken out: REMOVE, CLOSE and PARK do
 * what F8, F9 and F4 do. Anything else (the ship screen's commands too) goes to the station,
 * which answers it like any scan.
 */
export function useWizardCommands({
  mode,
  onMode,
  onFinish,
  onLeave,
  onScan,
}: WizardCommandActions): (raw: string, source: EntrySource) => void {
  return useCallback(
    (raw: string, source: EntrySource) => {
      switch (stationCommand(raw)) {
        case 'REMOVE':
          onMode(mode === 'remove' ? 'scan' : 'remove');
          return;
        case 'CLOSE':
          onFinish();
          return;
        case 'PARK':
          onLeave();
          return;
        default:
          onScan(raw, source);
      }
    },
    [mode, onMode, onFinish, onLeave, onScan],
  );
}
