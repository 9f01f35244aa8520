import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type RefCallback,
} from 'react';
import { unlockAudioOnGesture } from '../audio/feedback';
import { burstGapMs, DEFAULT_TIMING, GS, ScanBuffer, type EntrySource } from './scan-buffer';

export type { EntrySource } from './scan-buffer';

export interface ScanInputOptions {
  readonly onScan: (raw: string, source: EntrySource) => void;
  /** False while something else needs the keyboard (a paste box, a PIN): no capture, no refocus. */
  readonly enabled?: boolean;
  /** The key the scanner sends after each code. Enter always ends an entry typed by hand. */
  readonly suffix?: 'Enter' | 'Tab';
  readonly maxInterKeyMs?: number;
  readonly minScanLength?: number;
  /** A printable character some wedges are set to send in place of GS (0x1d). */
  readonly gsCharacter?: string;
}

export interface ScanInputProps {
  readonly ref: RefCallback<HTMLInputElement>;
  readonly value: string;
  readonly onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  readonly disabled: boolean;
  readonly autoComplete: 'off';
  readonly autoCorrect: 'off';
  readonly autoCapitalize: 'off';
  readonly spellCheck: false;
  readonly enterKeyHint: 'enter';
  readonly 'data-scan-field': '';
}

export interface ScanInput {
  readonly inputProps: ScanInputProps;
  /** Where the last entry sent came from; null before the first. */
  readonly lastSource: EntrySource | null;
  /** A burst stopped without its suffix key: it stays in the field, unsent. */
  readonly unterminated: boolean;
}

/** GS is invisible in a text box; the field shows the Unicode "symbol for group separator". */
const GS_GLYPH = '\u241d';

/** Inputs that take typed text of their own: keys typed there are not scans. */
function isTextEntry(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color', 'image'].includes(
      element.type,
    );
  }
  return element instanceof HTMLElement && element.isContentEditable === true;
}

/** Characters a key press adds to an entry, or null when it is a command key. */
function typedCharacter(event: KeyboardEvent, gsCharacter: string | undefined): string | null {
  if (event.metaKey) return null;
  // Keyboard-wedge scanners send GS as Ctrl+] (its ASCII control code); `code` covers layouts where ] moves.
  if (event.ctrlKey && !event.altKey && (event.key === ']' || event.code === 'BracketRight')) return GS;
  // Ctrl+Alt is AltGr on many European layouts, which types ordinary characters such as @.
  const altGr = event.ctrlKey && event.altKey;
  if ((event.ctrlKey || event.altKey) && !altGr) return null;
  if (event.key.length !== 1) return null;
  return gsCharacter !== undefined && event.key === gsCharacter ? GS : event.key;
}

/**
 * One always-focused scan field fed by a keyboard-wedge scanner. Keys typed anywhere on the
 * page (except into another text box) are captured here, so a scan never lands in the wrong
 * place and a scan's Enter never presses a focused button. Inter-key timing tells a scanner
 * burst ("wedge") from typing ("manual", allowed but reported as such).
 */
export function useScanInput(options: ScanInputOptions): ScanInput {
  const {
    enabled = true,
    suffix = 'Enter',
    maxInterKeyMs = DEFAULT_TIMING.maxInterKeyMs,
    minScanLength = DEFAULT_TIMING.minScanLength,
    gsCharacter,
  } = options;
  const buffer = useMemo(() => new ScanBuffer({ maxInterKeyMs, minScanLength }), [maxInterKeyMs, minScanLength]);
  const gap = burstGapMs({ maxInterKeyMs, minScanLength });
  const inputRef = useRef<HTMLInputElement | null>(null);
  const onScanRef = useRef(options.onScan);
  const burstTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [text, setText] = useState('');
  const [lastSource, setLastSource] = useState<EntrySource | null>(null);
  const [unterminated, setUnterminated] = useState(false);

  useEffect(() => {
    onScanRef.current = options.onScan;
  });

  const setInput = useCallback((element: HTMLInputElement | null) => {
    inputRef.current = element;
  }, []);

  const sync = useCallback(() => setText(buffer.text), [buffer]);

  const stopBurstTimer = useCallback(() => {
    if (burstTimer.current !== null) clearTimeout(burstTimer.current);
    burstTimer.current = null;
  }, []);

  useEffect(() => stopBurstTimer, [stopBurstTimer]);

  // Registered before the screen is painted: a scanner fired the moment a screen appears (right
  // after a sign-in, say) must not lose its first keys to a listener that is not there yet.
  useLayoutEffect(() => {
    if (!enabled) return;
    let live = true;
    const focusField = () => {
      const input = inputRef.current;
      if (input && document.activeElement !== input) input.focus({ preventScroll: true });
    };
    const refocusSoon = () => {
      // After the click's own handlers ran: a click that opened a text box keeps its focus.
      setTimeout(() => {
        if (live && !isTextEntry(document.activeElement)) focusField();
      }, 0);
    };
    const onFocusOut = (event: FocusEvent) => {
      if (event.target !== inputRef.current) return;
      const next = event.relatedTarget;
      // Focus moved by Tab to a control stays there (keyboard users press buttons too);
      // focus dropped on nothing, or put on a heading by code, comes back to the field.
      if (next === null || (next instanceof HTMLElement && next.tabIndex < 0)) refocusSoon();
    };
    const submit = (at: number) => {
      stopBurstTimer();
      setUnterminated(false);
      const entry = buffer.take(at);
      sync();
      if (!entry) return;
      setLastSource(entry.source);
      onScanRef.current(entry.text, entry.source);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const input = inputRef.current;
      if (!input) return;
      const active = document.activeElement;
      const inField = active === input;
      // Another text box (or another scan field) keeps what is typed into it.
      if (!inField && isTextEntry(active)) return;

      const char = typedCharacter(event, gsCharacter);
      if (char !== null) {
        event.preventDefault();
        if (!inField) focusField();
        const wasStale = buffer.isUnterminatedBurst(event.timeStamp);
        buffer.key(char, event.timeStamp);
        if (wasStale) setUnterminated(false);
        sync();
        stopBurstTimer();
        burstTimer.current = setTimeout(() => {
          burstTimer.current = null;
          if (live) setUnterminated(buffer.isBurst());
        }, gap);
        return;
      }
      // Command keys belong to whatever has focus, unless an entry is under way here.
      if (!inField && buffer.text === '') return;
      if (event.key === 'Enter' || (suffix === 'Tab' && event.key === 'Tab' && !event.shiftKey)) {
        if (buffer.text === '') return;
        event.preventDefault();
        submit(event.timeStamp);
      } else if (event.key === 'Backspace' && inField) {
        event.preventDefault();
        buffer.backspace();
        if (buffer.text === '') setUnterminated(false);
        sync();
      } else if (event.key === 'Escape' && buffer.text !== '') {
        // Clearing the field is all Escape does here; it must not also cancel the screen's mode.
        event.preventDefault();
        event.stopPropagation();
        stopBurstTimer();
        buffer.clear();
        setUnterminated(false);
        sync();
      }
    };

    focusField();
    unlockAudioOnGesture();
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('pointerup', refocusSoon);
    document.addEventListener('focusout', onFocusOut);
    window.addEventListener('focus', refocusSoon);
    return () => {
      live = false;
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('pointerup', refocusSoon);
      document.removeEventListener('focusout', onFocusOut);
      window.removeEventListener('focus', refocusSoon);
    };
  }, [enabled, buffer, gap, suffix, gsCharacter, sync, stopBurstTimer]);

  const onChange = useCallback(
    (event: ChangeEvent<HTMLInputElement>) => {
      // Only paste, dictation or an input method get here: typed keys are taken at keydown.
      buffer.replace(event.target.value.replaceAll(GS_GLYPH, GS));
      stopBurstTimer();
      setUnterminated(false);
      sync();
    },
    [buffer, sync, stopBurstTimer],
  );

  return {
    inputProps: {
      ref: setInput,
      value: text.replaceAll(GS, GS_GLYPH),
      onChange,
      disabled: !enabled,
      autoComplete: 'off',
      autoCorrect: 'off',
      autoCapitalize: 'off',
      spellCheck: false,
      enterKeyHint: 'enter',
      'data-scan-field': '',
    },
    lastSource,
    unterminated,
  };
}
