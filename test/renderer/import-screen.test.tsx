import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportPreview } from '../../src/shared/ipc/imports.contract';
import { StationProvider } from '../../src/renderer/src/api/station-context';
import { ImportScreen, MAX_SHOWN_ERRORS } from '../../src/renderer/src/features/import/import-screen';
import { FakeStation, installFileText, ok } from './fake-station';

beforeAll(installFileText);
afterEach(cleanup);

function preview(overrides: Partial<ImportPreview> = {}): ImportPreview {
  return {
    importId: 'imp-1',
    kind: 'orders',
    fileName: 'orders.csv',
    rows: 3,
    records: 2,
    errors: [],
    errorsTruncated: false,
    counts: { created: 2, updated: 0, unchanged: 0, skipped: 0 },
    notes: [],
    sample: [{ order_number: 'SO-1', sku: 'PH-100', qty: '1' }],
    ...overrides,
  };
}

function csv(name: string, text: string): File {
  return new File([text], name, { type: 'text/csv' });
}

/** Picks a file and waits until the screen has finished checking it (reading a File is truly async). */
async function choose(file: File): Promise<void> {
  await act(async () => {
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });
  });
  await waitFor(() => expect(screen.queryByText(/^Checking/)).toBeNull());
}

function renderImport(station: FakeStation, onOpenList = vi.fn(), onImported = vi.fn()) {
  render(
    <StationProvider link={station.link()}>
      <ImportScreen onImported={onImported} onOpenList={onOpenList} />
    </StationProvider>,
  );
  return { onOpenList, onImported };
}

describe('import screen', () => {
  it('sends the chosen kind and the file text, then lists row errors and keeps the import button disabled', async () => {
    const station = new FakeStation()
      .answer('imports:preview', () =>
        ok(
          preview({
            errors: [
              {
                row: 3,
                column: 'sku',
                message: 'There is no product with SKU "NOPE-1". Import it first or fix the SKU.',
              },
              { row: 4, column: 'qty', message: 'The quantity must be a whole number of at least 1; this row has -2.' },
            ],
          }),
        ),
      )
      .answer('imports:discard', () => ok({ discarded: true }));
    renderImport(station);

    fireEvent.click(screen.getByRole('radio', { name: 'Orders' }));
    expect(screen.getByTestId('column-help').textContent).toContain('order_number');
    const text = 'order_number,customer_name,ship_to,sku,qty\nSO-1,Ann,Here,NOPE-1,1\nSO-2,Bob,There,PH-100,-2\n';
    await choose(csv('orders.csv', text));

    expect(station.callsTo('imports:preview')).toEqual([{ kind: 'orders', fileName: 'orders.csv', content: text }]);
    const errors = screen.getByTestId('import-errors');
    const rows = within(errors).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual(['3', '4']);
    expect(rows[0]!.textContent).toContain('NOPE-1');
    expect(rows[1]!.textContent).toContain('qty');

    const commit = screen.getByRole('button', { name: /Import 2 orders/ }) as HTMLButtonElement;
    expect(commit.disabled).toBe(true);
    // The reason is announced with the button, not only shown nearby.
    const reason = document.getElementById(commit.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toMatch(/Nothing can be imported until these problems are fixed/);
    expect(station.callsTo('imports:commit')).toEqual([]);
  });

  it('caps a long error list and says how many more there are', async () => {
    const errors = Array.from({ length: MAX_SHOWN_ERRORS + 37 }, (_, i) => ({
      row: i + 2,
      column: 'qty',
      message: 'Bad quantity.',
    }));
    const station = new FakeStation()
      .answer('imports:preview', () => ok(preview({ errors, errorsTruncated: true })))
      .answer('imports:discard', () => ok({ discarded: true }));
    renderImport(station);
    await choose(csv('orders.csv', 'x'));

    expect(within(screen.getByTestId('import-errors')).getAllByRole('row')).toHaveLength(MAX_SHOWN_ERRORS + 1);
    expect(screen.getByTestId('import-errors-more').textContent).toMatch(/And 37 more not shown.*there may be more/);
  });

  it('commits a clean file, shows progress for that import, then the result and a link to the list', async () => {
    let finishCommit: (() => void) | null = null;
    const station = new FakeStation()
      .answer('imports:preview', () =>
        ok(preview({ kind: 'products', records: 3, counts: { created: 1, updated: 1, unchanged: 1, skipped: 0 } })),
      )
      .answer(
        'imports:commit',
        () =>
          new Promise((resolve) => {
            finishCommit = () =>
              resolve(
                ok({ kind: 'products', counts: { created: 1, updated: 1, unchanged: 1, skipped: 0 }, notes: [] }),
              );
          }),
      );
    const { onOpenList, onImported } = renderImport(station);
    await choose(csv('products.csv', 'sku,name\nA,B\n'));

    expect(screen.getByTestId('count-created').textContent).toBe('1');
    expect(screen.getByTestId('count-unchanged').textContent).toBe('1');
    const commit = screen.getByRole('button', { name: 'Import 3 products' }) as HTMLButtonElement;
    expect(commit.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(commit);
    });
    expect(station.callsTo('imports:commit')).toEqual([{ importId: 'imp-1' }]);

    act(() => {
      station.emit('imports:progress', { importId: 'someone-else', phase: 'write', done: 9, total: 10 });
      station.emit('imports:progress', { importId: 'imp-1', phase: 'write', done: 1, total: 4 });
    });
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');
    expect(screen.getByTestId('progress').textContent).toContain('1 of 4 (25%)');

    await act(async () => {
      finishCommit!();
    });
    expect(screen.getByTestId('import-result').textContent).toContain('1 new, 1 updated, 1 unchanged, 0 skipped');
    expect(onImported).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Open the Products list' }));
    expect(onOpenList).toHaveBeenCalledWith('products');
  });

  it('refuses an empty file before sending anything, in words', async () => {
    const station = new FakeStation();
    renderImport(station);
    await choose(csv('empty.csv', ''));
    expect(screen.getByTestId('import-problem').textContent).toContain('“empty.csv” is empty');
    expect(station.calls).toEqual([]);
  });

  it('shows the station’s reason when a file cannot be read as CSV at all', async () => {
    const station = new FakeStation().answer('imports:preview', () => ({
      ok: false,
      error: { code: 'IMPORT_INVALID', message: 'The file has no sku column. Products need at least sku and name.' },
    }));
    renderImport(station);
    await choose(csv('products.csv', 'name\nX\n'));
    expect(screen.getByTestId('import-problem').textContent).toContain('The file has no sku column');
  });

  it('discards a staged preview when another kind is chosen', async () => {
    const station = new FakeStation()
      .answer('imports:preview', () => ok(preview()))
      .answer('imports:discard', () => ok({ discarded: true }));
    renderImport(station);
    await choose(csv('orders.csv', 'x'));
    await act(async () => {
      fireEvent.click(screen.getByRole('radio', { name: 'Purchase orders' }));
    });
    expect(station.callsTo('imports:discard')).toEqual([{ importId: 'imp-1' }]);
    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect(screen.getByTestId('column-help').textContent).toContain('po_number');
  });
});
