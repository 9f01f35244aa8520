import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '../../src/shared/ipc/admin.contract';
import type { AuthStatus } from '../../src/shared/ipc/auth.contract';
import type { ProductRow } from '../../src/shared/ipc/catalog.contract';
import { StationProvider } from '../../src/renderer/src/api/station-context';
import { ProductsScreen } from '../../src/renderer/src/features/products/products-screen';
import { DEFAULT_RULES, RULE_EXPLANATIONS } from '../../src/shared/settings';
import { FakeStation, ok } from './fake-station';

afterEach(cleanup);

function product(sku: string, overrides: Partial<ProductRow> = {}): ProductRow {
  return {
    id: sku.length * 1000 + sku.charCodeAt(sku.length - 1),
    sku,
    name: `Product ${sku}`,
    trackSerials: false,
    serialsPerUnit: 1,
    serialSlotLabels: ['Serial'],
    serialPattern: null,
    serialLength: null,
    warrantyMonths: 12,
    unitWeightG: 150,
    barcodes: [`0840${sku.replace(/\D/g, '')}`],
    inStock: 4,
    ...overrides,
  };
}

const CABLE = product('CB-1');
const CHARGER = product('CH-2');
const PHONE = product('PH-3', {
  trackSerials: true,
  serialsPerUnit: 2,
  serialSlotLabels: ['IMEI 1', 'IMEI 2'],
  serialPattern: '^[0-9]{15}$',
});

function status(role: 'supervisor' | 'packer' | null): AuthStatus {
  return {
    operator: role ? { id: 1, name: role === 'supervisor' ? 'Sam' : 'Pat', role, shiftId: 3 } : null,
    needsFirstSupervisor: false,
    operators: [],
    shiftStartedAt: null,
    idleTimeoutMinutes: 0,
  };
}

function settings(newProductsTrackSerials: boolean): SettingsView {
  return {
    rules: { ...DEFAULT_RULES, newProductsTrackSerials },
    defaults: DEFAULT_RULES,
    explanations: { ...RULE_EXPLANATIONS },
    locked: {},
    vendors: [],
    station: {
      name: 'PACK-1',
      stages: { weigh: false, print: false },
      receivingWarehouse: 'MAIN',
      receivingLocation: 'RECEIVING',
      exportFolder: '/data/exports',
      shiftExport: { enabled: false, folder: '', format: 'csv', effectiveFolder: '/data/exports', last: null },
    },
    backup: { everyHours: 24, keep: 14, folder: '/data/backups', lastBackupAt: null, lastBackupFile: null, backups: 0 },
  };
}

function station(
  rows: readonly ProductRow[] = [CABLE, CHARGER, PHONE],
  role: 'supervisor' | 'packer' = 'supervisor',
  trackByDefault = true,
) {
  return new FakeStation()
    .answer('auth:get-status', () => ok(status(role)))
    .answer('settings:get', () => ok(settings(trackByDefault)))
    .answer('catalog:list-products', () => ok({ total: rows.length, rows: [...rows] }));
}

async function renderProducts(fake: FakeStation, onImport: () => void = () => undefined) {
  await act(async () => {
    render(
      <StationProvider link={fake.link()}>
        <ProductsScreen onImport={onImport} />
      </StationProvider>,
    );
  });
  await waitFor(() => screen.getByText('PH-3'));
}

describe('products screen', () => {
  it('lists products with their serial settings in words', async () => {
    await renderProducts(station());
    const phone = screen.getByText('PH-3').closest('tr')!;
    expect(phone.textContent).toContain('Yes, 2 per unit (IMEI 1, IMEI 2)');
    expect(screen.getByText('CB-1').closest('tr')!.textContent).toContain('No');
  });

  it('bulk edit sends exactly the selected SKUs and says shipped units keep no serials', async () => {
    const fake = station().answer('products:bulk-update', () =>
      ok({ updated: 2, notes: ['CB-1: the 3 unit(s) already shipped keep no serials (none are invented).'] }),
    );
    await renderProducts(fake);
    fireEvent.click(screen.getByLabelText('Select CB-1'));
    fireEvent.click(screen.getByLabelText('Select PH-3'));
    expect(screen.getByTestId('selection-bar').textContent).toContain('2 selected');

    fireEvent.click(screen.getByRole('button', { name: 'Change 2 selected' }));
    const editor = screen.getByTestId('bulk-editor');
    expect(within(editor).getByTestId('bulk-skus').textContent).toBe('CB-1, PH-3');
    fireEvent.click(within(editor).getByLabelText('Track serial numbers'));
    expect(within(editor).getByTestId('tracking-on-note').textContent).toContain(
      'Units already shipped keep no serials',
    );
    fireEvent.click(within(editor).getByLabelText(/Change warranty/));
    fireEvent.change(within(editor).getByLabelText('Warranty (months)'), { target: { value: '24' } });
    await act(async () => {
      fireEvent.click(within(editor).getByRole('button', { name: 'Apply to 2 products' }));
    });

    expect(fake.callsTo('products:bulk-update')).toEqual([
      { skus: ['CB-1', 'PH-3'], patch: { trackSerials: true, warrantyMonths: 24 } },
    ]);
    const saved = screen.getByTestId('products-saved');
    expect(saved.textContent).toContain('Changed 2 products');
    expect(saved.textContent).toContain('keep no serials (none are invented)');
  });

  it('“select all on this page” selects every row shown', async () => {
    const fake = station().answer('products:bulk-update', () => ok({ updated: 3, notes: [] }));
    await renderProducts(fake);
    fireEvent.click(screen.getByLabelText('Select all on this page'));
    fireEvent.click(screen.getByRole('button', { name: 'Change 3 selected' }));
    fireEvent.click(screen.getByLabelText(/Change serials per unit/));
    fireEvent.change(screen.getByLabelText('Serials per unit'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Serial 1'), { target: { value: 'IMEI 1' } });
    fireEvent.change(screen.getByLabelText('Serial 2'), { target: { value: 'IMEI 2' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Apply to 3 products' }));
    });
    expect(fake.callsTo('products:bulk-update')).toEqual([
      {
        skus: ['CB-1', 'CH-2', 'PH-3'],
        patch: { serialsPerUnit: 2, serialSlotLabels: ['IMEI 1', 'IMEI 2'] },
      },
    ]);
  });

  it('refuses a bulk change with nothing ticked, without asking the station', async () => {
    const fake = station();
    await renderProducts(fake);
    fireEvent.click(screen.getByLabelText('Select CB-1'));
    fireEvent.click(screen.getByRole('button', { name: 'Change 1 selected' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Apply to 1 product' }));
    });
    expect(screen.getByRole('alert').textContent).toContain('Choose at least one change to make.');
    expect(fake.callsTo('products:bulk-update')).toEqual([]);
  });

  it('edits one product: one input per serial slot, only the changed fields sent, the station’s notes shown', async () => {
    const fake = station().answer('products:update', (input) =>
      ok({ sku: input!.sku, notes: ['CB-1: serials are now captured from the next receipt and shipment.'] }),
    );
    await renderProducts(fake);
    fireEvent.click(screen.getByRole('button', { name: 'Edit CB-1' }));
    const editor = screen.getByTestId('product-editor');
    fireEvent.click(within(editor).getByRole('switch', { name: /Track serial numbers/ }));
    expect(within(editor).getByTestId('tracking-on-note').textContent).toContain('never invents serials');
    fireEvent.change(within(editor).getByLabelText('Serials per unit'), { target: { value: '3' } });
    expect(within(editor).getAllByLabelText(/^Serial \d$/)).toHaveLength(3);
    fireEvent.change(within(editor).getByLabelText('Serial 1'), { target: { value: 'MAC' } });
    fireEvent.change(within(editor).getByLabelText('Serial 2'), { target: { value: 'Board' } });
    fireEvent.change(within(editor).getByLabelText('Serial 3'), { target: { value: 'Case' } });
    fireEvent.change(within(editor).getByLabelText('Barcodes, one per line'), {
      target: { value: '08401\n\n  0840999 \n08401' },
    });
    await act(async () => {
      fireEvent.click(within(editor).getByRole('button', { name: 'Save CB-1' }));
    });

    expect(fake.callsTo('products:update')).toEqual([
      {
        sku: 'CB-1',
        patch: {
          trackSerials: true,
          serialsPerUnit: 3,
          serialSlotLabels: ['MAC', 'Board', 'Case'],
          barcodes: ['08401', '0840999'],
        },
      },
    ]);
    expect(screen.getByTestId('products-saved').textContent).toContain(
      'serials are now captured from the next receipt and shipment',
    );
  });

  it('names the field when a pattern or a number is wrong, and sends nothing', async () => {
    const fake = station();
    await renderProducts(fake);
    fireEvent.click(screen.getByRole('button', { name: 'Edit PH-3' }));
    fireEvent.change(screen.getByLabelText('Serial pattern'), { target: { value: '[0-9' } });
    fireEvent.change(screen.getByLabelText('Warranty (months)'), { target: { value: '700' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save PH-3' }));
    });
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toContain(
      '“[0-9” is not a valid serial pattern (a regular expression such as ^[0-9]{15}$ for a 15-digit IMEI).',
    );
    expect(alerts).toContain('The warranty in months must be between 0 and 600.');
    expect(fake.callsTo('products:update')).toEqual([]);
  });

  it('shows FORBIDDEN from the station and then explains why changes are unavailable', async () => {
    let role: 'supervisor' | 'packer' = 'supervisor';
    const fake = station()
      .answer('auth:get-status', () => ok(status(role)))
      .answer('products:bulk-update', () => {
        // The supervisor was signed out and a packer signed in at this station meanwhile.
        role = 'packer';
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Only a supervisor can do this.' } };
      });
    await renderProducts(fake);
    fireEvent.click(screen.getByLabelText('Select CH-2'));
    fireEvent.click(screen.getByRole('button', { name: 'Change 1 selected' }));
    fireEvent.click(screen.getByLabelText('Do not track serials'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Apply to 1 product' }));
    });
    const editor = screen.getByTestId('bulk-editor');
    expect(within(editor).getByText('Nothing was changed')).toBeTruthy();
    expect(editor.textContent).toContain('Only a supervisor can do this.');
    await waitFor(() => within(editor).getByTestId('supervisor-only'));
    expect(within(editor).getByTestId('supervisor-only').textContent).toContain('You are signed in as Pat (packer)');
    expect((within(editor).getByRole('button', { name: 'Apply to 1 product' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('starts the catalogue CSV export for the import round trip', async () => {
    const fake = station().answer('exports:start', () => ok({ exportId: 'p-1', fileName: 'products.csv' }));
    await renderProducts(fake);
    await act(async () => {
      fireEvent.click(screen.getByTestId('products-export'));
    });
    expect(fake.callsTo('exports:start')).toEqual([{ request: { kind: 'products' }, format: 'csv' }]);
    expect(screen.getByTestId('products-export-status').textContent).toContain('Exporting products.csv');
  });

  it('says which default new products follow, and opens Import for the CSV round trip', async () => {
    let imports = 0;
    await renderProducts(station(undefined, 'supervisor', false), () => (imports += 1));
    await waitFor(() => screen.getByTestId('new-products-default'));
    expect(screen.getByTestId('new-products-default').textContent).toContain(
      'New products follow the organization default: serial numbers not tracked',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Import products (CSV)' }));
    expect(imports).toBe(1);
  });
});
