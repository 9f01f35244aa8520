import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '../../src/shared/ipc/admin.contract';
import type { AuthStatus } from '../../src/shared/ipc/auth.contract';
import { DEFAULT_RULES, RULE_EXPLANATIONS, type OrganizationRules } from '../../src/shared/settings';
import { StationProvider } from '../../src/renderer/src/api/station-context';
import { SettingsScreen } from '../../src/renderer/src/features/settings/settings-screen';
import { FakeStation, ok } from './fake-station';

afterEach(cleanup);

function view(rules: Partial<OrganizationRules> = {}, locked: Record<string, string> = {}): SettingsView {
  return {
    rules: { ...DEFAULT_RULES, ...rules },
    defaults: DEFAULT_RULES,
    explanations: { ...RULE_EXPLANATIONS },
    locked,
    vendors: [
      { name: 'Acme Supply', skipSerialPrompt: false },
      { name: 'Cables Direct', skipSerialPrompt: true },
    ],
    station: {
      name: 'PACK-3',
      stages: { weigh: false, print: true },
      receivingWarehouse: 'MAIN',
      receivingLocation: 'RECEIVING',
      exportFolder: '/var/packbench/exports',
      shiftExport: {
        enabled: false,
        folder: '',
        format: 'csv',
        effectiveFolder: '/var/packbench/exports',
        last: null,
      },
    },
    backup: {
      everyHours: 24,
      keep: 14,
      folder: '/var/packbench/backups',
      lastBackupAt: null,
      lastBackupFile: null,
      backups: 0,
    },
  };
}

function status(role: 'supervisor' | 'packer' | null): AuthStatus {
  return {
    operator: role ? { id: 1, name: role === 'supervisor' ? 'Sam' : 'Pat', role, shiftId: 3 } : null,
    needsFirstSupervisor: false,
    operators: [],
    shiftStartedAt: null,
    idleTimeoutMinutes: 0,
  };
}

const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', message: 'Only a supervisor can do this.' } } as const;

function station(role: 'supervisor' | 'packer' | null = 'supervisor', settings: SettingsView = view()): FakeStation {
  return new FakeStation()
    .answer('auth:get-status', () => ok(status(role)))
    .answer('settings:get', () => ok(settings))
    .answer('operators:list', () =>
      role === 'supervisor' ? ok([{ id: 1, name: 'Sam', role: 'supervisor', active: true }]) : FORBIDDEN,
    );
}

async function renderSettings(fake: FakeStation, onOpenDevices?: () => void) {
  await act(async () => {
    render(
      <StationProvider link={fake.link()}>
        <SettingsScreen {...(onOpenDevices ? { onOpenDevices } : {})} />
      </StationProvider>,
    );
  });
  await waitFor(() => screen.getByTestId('rules'));
}

describe('settings screen', () => {
  it('shows every rule with its one-line explanation, its default and its current value; locked rules say why', async () => {
    const locked = {
      caseSensitiveSerials: 'Serials are already recorded under the current matching.',
    };
    await renderSettings(station('supervisor', view({ weightTolerancePercent: 8 }, locked)));

    for (const [key, explanation] of Object.entries(RULE_EXPLANATIONS)) {
      const row = screen.getByTestId(`rule-${key}`);
      expect(row.textContent).toContain(explanation);
      expect(row.textContent).toMatch(/Default: /);
    }
    const tolerance = screen.getByTestId('rule-weightTolerancePercent');
    expect(tolerance.textContent).toContain('Default: 5 %');
    expect(tolerance.textContent).toContain('Changed from default');
    expect((within(tolerance).getByRole('textbox') as HTMLInputElement).value).toBe('8');
    expect(screen.getByTestId('rule-captureSerialsOnShip').textContent).toContain('Default: On');
    expect(screen.getByTestId('rule-defaultSerialLength').textContent).toContain('Default: any length');
    expect(screen.getByTestId('rule-uniquenessScope').textContent).toContain('Default: per product');

    const caseRule = screen.getByTestId('rule-caseSensitiveSerials');
    expect(within(caseRule).getByTestId('locked-caseSensitiveSerials').textContent).toContain(
      'Locked: Serials are already recorded',
    );
    expect((within(caseRule).getByRole('switch') as HTMLInputElement).disabled).toBe(true);
    // The explanation is read out with the control itself.
    const control = within(tolerance).getByRole('textbox');
    const about = document.getElementById(control.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(about?.textContent).toBe(RULE_EXPLANATIONS.weightTolerancePercent);
  });

  it('saves only the rules that changed and says what changed', async () => {
    const fake = station().answer('settings:update-rules', (input) =>
      ok(view(input!.rules as Partial<OrganizationRules>)),
    );
    await renderSettings(fake);
    fireEvent.click(within(screen.getByTestId('rule-allowOverReceipt')).getByRole('switch'));
    fireEvent.change(within(screen.getByTestId('rule-weightTolerancePercent')).getByRole('textbox'), {
      target: { value: '7,5' },
    });
    fireEvent.change(within(screen.getByTestId('rule-uniquenessScope')).getByRole('combobox'), {
      target: { value: 'organization' },
    });
    expect(screen.getByText('3 unsaved changes')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    });

    expect(fake.callsTo('settings:update-rules')).toEqual([
      { rules: { uniquenessScope: 'organization', allowOverReceipt: true, weightTolerancePercent: 7.5 } },
    ]);
    const saved = screen.getByTestId('rules-saved').textContent;
    expect(saved).toContain('Receive more than ordered: Off → On');
    expect(saved).toContain('Weight tolerance: 5 % → 7.5 %');
    expect(saved).toContain('Serials are unique: per product → across the organization');
  });

  it('names the rule when a value is out of range, and sends nothing', async () => {
    const fake = station();
    await renderSettings(fake);
    fireEvent.change(within(screen.getByTestId('rule-weightTolerancePercent')).getByRole('textbox'), {
      target: { value: '150' },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    });
    expect(within(screen.getByTestId('rules')).getByRole('alert').textContent).toContain(
      'Weight tolerance must be at most 100 %.',
    );
    expect(fake.callsTo('settings:update-rules')).toEqual([]);
  });

  it('shows FORBIDDEN when the station refuses a save, then why the controls are unavailable', async () => {
    let role: 'supervisor' | 'packer' = 'supervisor';
    const fake = station()
      .answer('auth:get-status', () => ok(status(role)))
      .answer('settings:update-rules', () => {
        // The station ended the supervisor's shift; a packer is signed in here now.
        role = 'packer';
        return FORBIDDEN;
      });
    await renderSettings(fake);
    fireEvent.click(within(screen.getByTestId('rule-allowOverReceipt')).getByRole('switch'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    });
    const rules = screen.getByTestId('rules');
    expect(within(rules).getByText('The rules were not saved')).toBeTruthy();
    expect(rules.textContent).toContain('Only a supervisor can do this.');
    await waitFor(() => within(rules).getByTestId('supervisor-only'));
    const save = within(rules).getByRole('button', { name: 'Save rules' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(document.getElementById(save.getAttribute('aria-describedby')!)?.textContent).toContain(
      'Only a supervisor can change the rules. You are signed in as Pat (packer).',
    );
  });

  it('lets anyone read the settings, and tells someone not signed in why nothing can change', async () => {
    await renderSettings(station(null));
    await waitFor(() => screen.getAllByTestId('supervisor-only'));
    expect(screen.getByTestId('rules').textContent).toContain('No one is signed in at this station.');
    expect((within(screen.getByTestId('rule-allowOverReceipt')).getByRole('switch') as HTMLInputElement).disabled).toBe(
      true,
    );
    expect((screen.getByTestId('backup-now') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('operators').textContent).toContain('shown to supervisors only');
  });

  it('backs up now, shows the file, and reloads the last-backup time', async () => {
    let backedUp = false;
    const fake = station()
      .answer('settings:get', () => {
        const v = view();
        return ok(
          backedUp
            ? {
                ...v,
                backup: {
                  ...v.backup,
                  lastBackupAt: '2025-03-04T17:00:00.000Z',
                  lastBackupFile: 'packbench-backup-2025.db',
                  backups: 1,
                },
              }
            : v,
        );
      })
      .answer('backup:run-now', () => {
        backedUp = true;
        return ok({
          file: 'packbench-backup-2025.db',
          bytes: 3 * 1024 * 1024,
          at: '2025-03-04T17:00:00.000Z',
          removed: 2,
        });
      });
    await renderSettings(fake);
    expect(screen.getByTestId('last-backup').textContent).toBe('Never');
    expect(screen.getByTestId('restore-guidance').textContent).toContain(
      'copy the chosen backup from backups over packbench.db',
    );
    expect(screen.getByTestId('restore-guidance').textContent).toContain('refuses a damaged or foreign one');
    await act(async () => {
      fireEvent.click(screen.getByTestId('backup-now'));
    });
    expect(screen.getByTestId('backup-taken').textContent).toContain(
      'packbench-backup-2025.db, 3.0 MB. 2 older backups were removed to keep 14.',
    );
    await waitFor(() => expect(screen.getByTestId('last-backup').textContent).toContain('packbench-backup-2025.db'));
  });

  it('saves the station’s ship stages and receiving place', async () => {
    const fake = station().answer('settings:update-station', () => ok(view()));
    await renderSettings(fake);
    const section = screen.getByTestId('station-settings');
    expect(section.textContent).toContain('PACK-3');
    expect(section.textContent).toContain('/var/packbench/exports');
    fireEvent.click(within(section).getByRole('switch', { name: /Weigh the box/ }));
    fireEvent.change(within(section).getByLabelText('Receiving location'), { target: { value: 'DOCK-2' } });
    await act(async () => {
      fireEvent.click(within(section).getByRole('button', { name: 'Save station settings' }));
    });
    expect(fake.callsTo('settings:update-station')).toEqual([
      { stages: { weigh: true, print: true }, receivingLocation: 'DOCK-2' },
    ]);
  });

  it('adds an operator after checking the PIN was typed the same twice', async () => {
    const fake = station().answer('operators:add', (input) =>
      ok({ id: 2, name: input!.name, role: input!.role, active: true }),
    );
    await renderSettings(fake);
    const form = screen.getByTestId('add-operator');
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: '  Lee ' } });
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'receiver' } });
    fireEvent.change(within(form).getByLabelText('PIN'), { target: { value: '2468' } });
    fireEvent.change(within(form).getByLabelText('PIN again'), { target: { value: '2469' } });
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Add operator' }));
    });
    expect(within(form).getByRole('alert').textContent).toBe('The two PINs differ. Type the same PIN twice.');
    expect(fake.callsTo('operators:add')).toEqual([]);

    fireEvent.change(within(form).getByLabelText('PIN again'), { target: { value: '2468' } });
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Add operator' }));
    });
    expect(fake.callsTo('operators:add')).toEqual([{ name: 'Lee', role: 'receiver', pin: '2468' }]);
    expect(form.textContent).toContain('Lee can now sign in as a receiver');
  });

  it('opens the Devices screen from the station’s settings', async () => {
    let opened = 0;
    await renderSettings(station(), () => (opened += 1));
    fireEvent.click(
      within(screen.getByTestId('station-settings')).getByRole('button', { name: /Scanner, scale and printer/ }),
    );
    expect(opened).toBe(1);
  });

  it('turns on the shift log at shift end, says where it goes, and shows a folder the station refused', async () => {
    let refuse = true;
    const fake = station().answer('settings:update-station', (input) => {
      if (refuse) {
        refuse = false;
        return {
          ok: false,
          error: {
            code: 'BAD_REQUEST',
            message:
              'Shift logs cannot be written there: The folder /mnt/share/logs does not exist. Create it or choose another folder.',
          },
        };
      }
      const v = view();
      return ok({
        ...v,
        station: {
          ...v.station,
          shiftExport: { ...v.station.shiftExport, ...input!.shiftExport, effectiveFolder: '/srv/shift-logs' },
        },
      });
    });
    await renderSettings(fake);
    const section = screen.getByTestId('shift-export-settings');
    expect(section.textContent).toContain('Shifts that ended before this is turned on are not written');
    expect(within(section).getByTestId('shift-export-last').textContent).toBe('None written yet');
    fireEvent.click(within(section).getByRole('switch', { name: /Save the shift log when a shift ends/ }));
    fireEvent.change(within(section).getByLabelText('Folder'), { target: { value: ' /mnt/share/logs ' } });
    fireEvent.change(within(section).getByLabelText('File type'), { target: { value: 'xlsx' } });
    await act(async () => {
      fireEvent.click(within(section).getByRole('button', { name: 'Save shift log setting' }));
    });
    expect(within(section).getByRole('alert').textContent).toContain('The folder /mnt/share/logs does not exist');

    fireEvent.change(within(section).getByLabelText('Folder'), { target: { value: '/srv/shift-logs' } });
    await act(async () => {
      fireEvent.click(within(section).getByRole('button', { name: 'Save shift log setting' }));
    });
    expect(fake.callsTo('settings:update-station')).toEqual([
      { shiftExport: { enabled: true, folder: '/mnt/share/logs', format: 'xlsx' } },
      { shiftExport: { enabled: true, folder: '/srv/shift-logs', format: 'xlsx' } },
    ]);
    expect(screen.getByTestId('shift-export-saved').textContent).toContain(
      'From the next shift that ends, its log goes to /srv/shift-logs.',
    );
  });

  it('shows why the last shift log was not written', async () => {
    const v = view();
    const failed: SettingsView = {
      ...v,
      station: {
        ...v.station,
        shiftExport: {
          ...v.station.shiftExport,
          enabled: true,
          last: {
            at: '2025-03-04T17:00:00.000Z',
            shiftId: 12,
            operator: 'Pat',
            file: null,
            rows: 0,
            error:
              'The shift log of Pat was not written: The folder /mnt/share does not exist. It is tried again later.',
          },
        },
      },
    };
    await renderSettings(station('supervisor', failed));
    expect(screen.getByTestId('shift-export-last').textContent).toContain('It is tried again later.');
  });

  it('marks vendors whose units skip the serial prompt, sent with the rules and said in words', async () => {
    const fake = station().answer('settings:update-rules', () => ok(view()));
    await renderSettings(fake);
    const row = screen.getByTestId('rule-vendorSkips');
    expect(row.textContent).toContain('Default: none');
    const acme = within(row).getByRole('checkbox', { name: 'Acme Supply' }) as HTMLInputElement;
    const cables = within(row).getByRole('checkbox', { name: 'Cables Direct' }) as HTMLInputElement;
    expect([acme.checked, cables.checked]).toEqual([false, true]);
    fireEvent.click(acme);
    fireEvent.click(cables);
    expect(screen.getByText('2 unsaved changes')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    });
    expect(fake.callsTo('settings:update-rules')).toEqual([
      { rules: {}, vendorSkips: { 'Acme Supply': true, 'Cables Direct': false } },
    ]);
    const saved = screen.getByTestId('rules-saved').textContent;
    expect(saved).toContain('Receiving from Acme Supply: asks for serials → skips serials');
    expect(saved).toContain('Receiving from Cables Direct: skips serials → asks for serials');
  });
});
