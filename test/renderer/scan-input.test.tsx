import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScanBuffer, GS } from '../../src/renderer/src/scan/scan-buffer';
import { ScanField } from '../../src/renderer/src/scan/scan-field';

/** Feeds a buffer one key every `gap` ms from `start`; returns when the last key arrived. */
function feed(buffer: ScanBuffer, text: string, gap: number, start = 0): number {
  let at = start;
  for (const char of text) {
    buffer.key(char, at);
    at += gap;
  }
  return at - gap;
}

describe('telling a scanner burst from typing', () => {
  it('takes a fast burst ended by Enter as a scan', () => {
    const buffer = new ScanBuffer();
    const last = feed(buffer, '356938035643809', 5);
    expect(buffer.take(last + 5)).toEqual({ text: '356938035643809', source: 'wedge' });
    expect(buffer.text).toBe('');
  });

  it('takes the same characters typed at human speed as manual', () => {
    const buffer = new ScanBuffer();
    const last = feed(buffer, '356938035643809', 140);
    expect(buffer.take(last + 400)).toEqual({ text: '356938035643809', source: 'manual' });
  });

  it('judges the average gap, so one hiccup in a burst is still a scan', () => {
    const buffer = new ScanBuffer();
    let at = feed(buffer, 'SN12345', 4);
    buffer.key('6', (at += 90));
    const last = feed(buffer, '789', 4, at + 4);
    // 10 gaps: 9 × 4 ms and one of 90 ms, average 12.6 ms.
    expect(buffer.take(last + 4)?.source).toBe('wedge');
  });

  it('never takes an entry shorter than the minimum for a scan, however fast', () => {
    const buffer = new ScanBuffer({ maxInterKeyMs: 35, minScanLength: 4 });
    const last = feed(buffer, 'A12', 2);
    expect(buffer.take(last + 2)?.source).toBe('manual');
  });

  it('keeps a burst that ended without Enter out of the next scan', () => {
    const buffer = new ScanBuffer();
    const last = feed(buffer, 'LOSTSCAN01', 5);
    expect(buffer.isUnterminatedBurst(last + 100)).toBe(false);
    expect(buffer.isUnterminatedBurst(last + 300)).toBe(true);
    const next = feed(buffer, 'C02XK1ZPJG5H', 5, last + 2000);
    expect(buffer.take(next + 5)).toEqual({ text: 'C02XK1ZPJG5H', source: 'wedge' });
  });

  it('counts a stalled burst confirmed by a late Enter as typed by hand', () => {
    const buffer = new ScanBuffer();
    const last = feed(buffer, 'C02XK1ZPJG5H', 5);
    expect(buffer.take(last + 1500)).toEqual({ text: 'C02XK1ZPJG5H', source: 'manual' });
  });

  it('does not restart slow typing after a pause: only a burst is cut off', () => {
    const buffer = new ScanBuffer();
    const last = feed(buffer, 'SN-12', 200);
    buffer.key('3', last + 3000);
    expect(buffer.text).toBe('SN-123');
  });

  it('treats pasted text as manual and nothing at all as nothing to send', () => {
    const buffer = new ScanBuffer();
    expect(buffer.take(0)).toBeNull();
    buffer.replace('PASTED-SERIAL-1');
    expect(buffer.take(10)).toEqual({ text: 'PASTED-SERIAL-1', source: 'manual' });
  });
});

/** A scan field on a page with a button and a text box, recording what it sends. */
function Harness({ suffix, gsCharacter }: { suffix?: 'Enter' | 'Tab'; gsCharacter?: string }) {
  const [scans, setScans] = useState<string[]>([]);
  const [enabled, setEnabled] = useState(true);
  const [clicks, setClicks] = useState(0);
  return (
    <div>
      <ScanField
        label="Scan"
        enabled={enabled}
        suffix={suffix}
        gsCharacter={gsCharacter}
        onScan={(raw, source) => setScans((list) => [...list, `${source}:${raw}`])}
        testId="field"
      />
      <button type="button" onClick={() => setClicks((n) => n + 1)}>
        Other action
      </button>
      <button type="button" onClick={() => setEnabled((on) => !on)}>
        Toggle scanning
      </button>
      <textarea aria-label="Notes" />
      <output data-testid="scans">{scans.join('|')}</output>
      <output data-testid="clicks">{clicks}</output>
    </div>
  );
}

function input(): HTMLInputElement {
  return screen.getByRole('textbox', { name: /Scan/ }) as HTMLInputElement;
}

function scans(): string[] {
  const text = screen.getByTestId('scans').textContent ?? '';
  return text === '' ? [] : text.split('|');
}

/** Key presses on whatever has focus, `gap` ms apart, like a wedge or a person. */
function typeKeys(text: string, gap: number): void {
  for (const key of text) {
    act(() => {
      fireEvent.keyDown(document.activeElement ?? document.body, { key });
    });
    act(() => {
      vi.advanceTimersByTime(gap);
    });
  }
}

function press(key: string, init: Partial<KeyboardEventInit> = {}): void {
  act(() => {
    fireEvent.keyDown(document.activeElement ?? document.body, { key, ...init });
  });
}

describe('the scan field', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('has the focus from the start and sends a fast burst ended by Enter as a scan', () => {
    render(<Harness />);
    expect(document.activeElement).toBe(input());
    typeKeys('356938035643809', 5);
    expect(input().value).toBe('356938035643809');
    press('Enter');
    expect(scans()).toEqual(['wedge:356938035643809']);
    expect(input().value).toBe('');
    expect(screen.getByTestId('field').dataset.lastSource).toBe('wedge');
  });

  it('sends typing at human speed as manual and says so under the field', () => {
    render(<Harness />);
    typeKeys('PO-2401', 180);
    press('Enter');
    expect(scans()).toEqual(['manual:PO-2401']);
    expect(screen.getByTestId('field').textContent).toContain('typed by hand');
  });

  it('does not send a burst that ends without Enter, warns, and lets the next scan replace it', () => {
    render(<Harness />);
    typeKeys('C02XK1ZPJG5H', 5);
    act(() => {
      vi.advanceTimersByTime(400);
    });
    expect(scans()).toEqual([]);
    expect(screen.getByTestId('field').textContent).toContain('did not end with Enter');
    expect(input().value).toBe('C02XK1ZPJG5H');

    typeKeys('C02XK1ZPJG6J', 5);
    expect(input().value).toBe('C02XK1ZPJG6J');
    expect(screen.getByTestId('field').textContent).not.toContain('did not end with Enter');
    press('Enter');
    expect(scans()).toEqual(['wedge:C02XK1ZPJG6J']);
  });

  it('maps Ctrl+] and a configured character to the GS separator', () => {
    render(<Harness gsCharacter="~" />);
    typeKeys('0100012345678905', 4);
    press(']', { ctrlKey: true, code: 'BracketRight' });
    act(() => {
      vi.advanceTimersByTime(4);
    });
    typeKeys('21SN12345~10LOT7', 4);
    press('Enter');
    expect(scans()).toEqual([`wedge:0100012345678905${GS}21SN12345${GS}10LOT7`]);
  });

  it('ends a scan on Tab when the scanner is set to send Tab', () => {
    render(<Harness suffix="Tab" />);
    typeKeys('SN998877', 5);
    press('Tab');
    expect(scans()).toEqual(['wedge:SN998877']);
    expect(document.activeElement).toBe(input());
  });

  it('takes a scan made while a button has the focus, without pressing that button', () => {
    render(<Harness />);
    const other = screen.getByRole('button', { name: 'Other action' });
    act(() => other.focus());
    typeKeys('SN445566', 5);
    expect(document.activeElement).toBe(input());
    press('Enter');
    expect(scans()).toEqual(['wedge:SN445566']);
    expect(screen.getByTestId('clicks').textContent).toBe('0');
  });

  it('leaves what is typed into another text box alone', () => {
    render(<Harness />);
    const notes = screen.getByRole('textbox', { name: 'Notes' });
    act(() => notes.focus());
    typeKeys('hello', 5);
    press('Enter');
    expect(scans()).toEqual([]);
    expect(input().value).toBe('');
    expect(document.activeElement).toBe(notes);
  });

  it('comes back into focus after a click elsewhere on the page', () => {
    render(<Harness />);
    const other = screen.getByRole('button', { name: 'Other action' });
    act(() => {
      other.focus();
      fireEvent.pointerUp(other);
      vi.advanceTimersByTime(1);
    });
    expect(document.activeElement).toBe(input());
  });

  it('takes nothing while paused, and has the focus again when scanning resumes', () => {
    render(<Harness />);
    const toggle = screen.getByRole('button', { name: 'Toggle scanning' });
    act(() => {
      fireEvent.click(toggle);
    });
    expect(input().disabled).toBe(true);
    act(() => toggle.focus());
    typeKeys('SN445566', 5);
    press('Enter');
    expect(scans()).toEqual([]);
    expect(screen.getByTestId('field').textContent).toContain('paused');

    act(() => {
      fireEvent.click(toggle);
    });
    expect(document.activeElement).toBe(input());
  });

  it('clears a half-typed entry with Escape and drops the last character with Backspace', () => {
    render(<Harness />);
    typeKeys('WRONG', 150);
    press('Escape');
    expect(input().value).toBe('');
    typeKeys('SN12', 150);
    press('Backspace');
    typeKeys('3', 150);
    press('Enter');
    expect(scans()).toEqual(['manual:SN13']);
  });
});
