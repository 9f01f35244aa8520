import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REJECTION_CODES } from '../../src/shared/errors';
import type { ScannedUnit } from '../../src/shared/session';
import {
  LineProgress,
  RecentScans,
  ScanPrompt,
  SessionResumedBanner,
  VerdictBanner,
  verdictTitle,
} from '../../src/renderer/src/features/wizard';

afterEach(cleanup);

const unit = (overrides: Partial<ScannedUnit> = {}): ScannedUnit => ({
  id: 1,
  lineId: 11,
  sku: 'PH-100',
  productName: 'Phone X',
  serials: [{ slot: 2, label: 'IMEI 2', serial: '356938035643817', manual: true, overridden: false }],
  slots: 2,
  lot: null,
  expiresOn: null,
  manual: false,
  at: new Date().toISOString(),
  ...overrides,
});

describe('wizard pieces', () => {
  it('shows the next step with the running count of units and serials', () => {
    render(
      <ScanPrompt
        prompt="Scan serial 2 of 2 — IMEI 2"
        totals={{ unitsDone: 12, unitsTotal: 20, serialsDone: 23, serialsTotal: 40 }}
      />,
    );
    expect(screen.getByTestId('scan-prompt-text').textContent).toBe('Scan serial 2 of 2 — IMEI 2');
    expect(screen.getByTestId('scan-counts').textContent).toBe('12 / 20 units · 23 / 40 serials');
  });

  it('leaves serials out of the count when nothing needs one', () => {
    render(
      <ScanPrompt prompt="Scan an item" totals={{ unitsDone: 2, unitsTotal: 5, serialsDone: 0, serialsTotal: 0 }} />,
    );
    expect(screen.getByTestId('scan-counts').textContent).toBe('2 / 5 units');
  });

  it('gives every rejection its own short title', () => {
    const titles = REJECTION_CODES.map((code) => verdictTitle(code));
    expect(new Set(titles).size).toBe(REJECTION_CODES.length);
    expect(verdictTitle('SERIAL_IS_KNOWN_BARCODE')).toBe('That’s the box barcode');
    expect(verdictTitle('SERIAL_DUPLICATE_IN_PO')).toBe('Already scanned');
    expect(verdictTitle('OVER_RECEIPT')).toBe('More than ordered');
    expect(verdictTitle('NOT_FOUND', { NOT_FOUND: 'Not scanned on this PO' })).toBe('Not scanned on this PO');
  });

  it('tells a refusal from an acceptance by words and role as well as colour', () => {
    const { rerender } = render(
      <VerdictBanner
        verdict={{ ok: false, code: 'WRONG_ITEM', title: 'Not on this PO', message: 'Put it aside.', seq: 1 }}
      />,
    );
    const refusal = screen.getByTestId('verdict');
    expect(refusal.getAttribute('role')).toBe('alert');
    expect(refusal.querySelector('svg')).not.toBeNull();
    expect(refusal.textContent).toBe('Not on this POPut it aside.');
    rerender(
      <VerdictBanner verdict={{ ok: true, code: 'OK', title: 'Accepted', message: 'Phone X, unit 1 of 3', seq: 2 }} />,
    );
    expect(screen.getByTestId('verdict').getAttribute('role')).toBe('status');
    expect(screen.getByTestId('verdict-title').textContent).toBe('Accepted');
  });

  it('marks the line being scanned, the lines done and a line over its quantity', () => {
    render(
      <LineProgress
        currentId={2}
        rows={[
          { id: 1, sku: 'CB-1', name: 'Cable', unitsDone: 5, unitsTotal: 5, serials: null },
          { id: 2, sku: 'PH-100', name: 'Phone X', unitsDone: 1, unitsTotal: 3, serials: { done: 1, total: 6 } },
          { id: 3, sku: 'LT-300', name: 'Laptop', unitsDone: 3, unitsTotal: 2, serials: { done: 3, total: 3 } },
        ]}
      />,
    );
    expect(screen.getByTestId('line-CB-1').textContent).toContain('Done');
    expect(screen.getByTestId('line-CB-1').textContent).toContain('none needed');
    const current = screen.getByTestId('line-PH-100');
    expect(current.getAttribute('aria-current')).toBe('step');
    expect(current.textContent).toContain('Now');
    expect(current.textContent).toContain('1 / 6');
    expect(screen.getByTestId('line-LT-300').textContent).toContain('Over');
  });

  it('lists each unit’s serial slots, waiting ones included, with marks and a Remove button', () => {
    const onRemove = vi.fn();
    render(<RecentScans units={[unit()]} onRemove={onRemove} slotLabel={(_, slot) => `IMEI ${slot}`} />);
    const row = screen.getByTestId('recent-unit');
    const slots = within(row).getAllByRole('listitem');
    expect(slots[0]!.textContent).toContain('IMEI 1');
    expect(slots[0]!.textContent).toContain('waiting for scan');
    expect(slots[1]!.textContent).toContain('356938035643817');
    expect(slots[1]!.textContent).toContain('typed');
    fireEvent.click(within(row).getByRole('button', { name: 'Remove 356938035643817' }));
    expect(onRemove).toHaveBeenCalledWith('356938035643817');
  });

  it('says a unit without serials needs none, and offers no Remove for it', () => {
    render(
      <RecentScans units={[unit({ serials: [], slots: 0, sku: 'CB-1', productName: 'Cable' })]} onRemove={vi.fn()} />,
    );
    expect(screen.getByTestId('recent-unit').textContent).toContain('No serial needed');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says a session was picked up again and what it kept', () => {
    render(<SessionResumedBanner reference="PO-2401" startedAt={new Date().toISOString()} unitsDone={4} />);
    const banner = screen.getByTestId('resumed-banner');
    expect(banner.textContent).toContain('Picked up where you left off');
    expect(banner.textContent).toContain('The 4 units already scanned are kept.');
  });
});
