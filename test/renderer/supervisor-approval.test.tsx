import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ErrorInfo } from '../../src/shared/errors';
import type { SettingsView } from '../../src/shared/ipc/admin.contract';
import type { ApprovalView, AuthStatus } from '../../src/shared/ipc/auth.contract';
import { DEFAULT_RULES, RULE_EXPLANATIONS } from '../../src/shared/settings';
import { StationProvider } from '../../src/renderer/src/api/station-context';
import { ReportsScreen } from '../../src/renderer/src/features/reports/reports-screen';
import { SettingsScreen } from '../../src/renderer/src/features/settings/settings-screen';
import { FakeStation, ok } from './fake-station';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

beforeEach(() => {
  // jsdom has no canvas: the chart stays blank and its table carries the numbers.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

const VIEW: SettingsView = {
  rules: { ...DEFAULT_RULES },
  defaults: DEFAULT_RULES,
  explanations: { ...RULE_EXPLANATIONS },
  locked: {},
  vendors: [],
  station: {
    name: 'PACK-3',
    stages: { weigh: false, print: false },
    receivingWarehouse: 'MAIN',
    receivingLocation: 'RECEIVING',
    exportFolder: '/var/packbench/exports',
    shiftExport: { enabled: false, folder: '', format: 'csv', effectiveFolder: '/var/packbench/exports', last: null },
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

const UNTIL = '2025-03-04T14:05:00';

/** A packer's station that answers the way the station does: a right PIN approves, a wrong one says how many tries are left. */
function packerStation(
  operators: AuthStatus['operators'] = [
    { name: 'Pat', role: 'packer' },
    { name: 'Sam', role: 'supervisor' },
    { name: 'Alex', role: 'supervisor' },
  ],
) {
  let approval: ApprovalView | null = null;
  let tries = 2;
  const refused = (message: string, locked = false) =>
    ({ ok: false, error: { code: 'OVERRIDE_DENIED', message, details: { locked } } }) as const;
  const forbidden: { ok: false; error: ErrorInfo } = {
    ok: false,
    error: { code: 'FORBIDDEN', message: 'Only a supervisor can do this.' },
  };
  const status = (): AuthStatus => ({
    operator: { id: 2, name: 'Pat', role: 'packer', shiftId: 9 },
    needsFirstSupervisor: false,
    operators,
    shiftStartedAt: null,
    idleTimeoutMinutes: 30,
    approval,
  });
  const fake = new FakeStation()
    .answer('auth:get-status', () => ok(status()))
    .answer('settings:get', () => ok(VIEW))
    .answer('operators:list', () =>
      approval ? ok([{ id: 1, name: 'Sam', role: 'supervisor', active: true }]) : forbidden,
    )
    .answer('auth:approve-supervisor', (input) => {
      if (input?.name === 'Pat') return refused('Pat is a packer; only a supervisor can approve this.');
      if (tries === 0) return refused('Too many wrong PINs for Sam. Try again in 5 minutes.', true);
      if (input?.pin !== '4812') {
        tries -= 1;
        return tries === 0
          ? refused('Wrong PIN. Sam is locked for 5 minutes.', true)
          : refused(`Wrong PIN for Sam. ${tries} try left.`);
      }
      approval = { name: input.name, until: UNTIL };
      return ok(approval);
    })
    .answer('auth:end-approval', () => {
      const ended = approval !== null;
      approval = null;
      return ok({ ended });
    })
    .answer('settings:update-rules', (input) =>
      approval ? ok({ ...VIEW, rules: { ...VIEW.rules, ...input!.rules } }) : forbidden,
    );
  return fake;
}

async function renderSettings(fake: FakeStation) {
  await act(async () => {
    render(
      <StationProvider link={fake.link()}>
        <SettingsScreen />
      </StationProvider>,
    );
  });
  await waitFor(() => screen.getByTestId('supervisor-approval'));
}

async function approveWith(name: string, pin: string) {
  const form = screen.getByTestId('supervisor-approval');
  fireEvent.change(within(form).getByTestId('approval-supervisor'), { target: { value: name } });
  fireEvent.change(within(form).getByTestId('approval-pin'), { target: { value: pin } });
  await act(async () => {
    fireEvent.click(within(form).getByRole('button', { name: 'Approve' }));
  });
}

const saveRules = () => screen.getByRole('button', { name: 'Save rules' }) as HTMLButtonElement;

describe("supervisor's approval in place", () => {
  it('offers the approval where a packer finds the settings locked, and says each refusal specifically', async () => {
    const fake = packerStation();
    await renderSettings(fake);
    expect(saveRules().disabled).toBe(true);
    const form = screen.getByTestId('supervisor-approval');
    const picker = within(form).getByTestId('approval-supervisor');
    expect([...picker.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Choose…', 'Sam', 'Alex']);
    expect(screen.getByTestId('rules').textContent).toContain('A supervisor can approve above with their PIN.');

    await approveWith('', '4812');
    expect(screen.getByTestId('approval-error').textContent).toBe('Choose the supervisor who approves.');
    expect(fake.callsTo('auth:approve-supervisor')).toEqual([]);

    await approveWith('Sam', '1111');
    expect(screen.getByTestId('approval-error').textContent).toBe('Not approved. Wrong PIN for Sam. 1 try left.');
    expect((screen.getByTestId('approval-pin') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(screen.getByTestId('approval-pin'));

    await approveWith('Sam', '2222');
    expect(screen.getByTestId('approval-error').textContent).toBe(
      'Locked out. Wrong PIN. Sam is locked for 5 minutes.',
    );
    await approveWith('Sam', '4812');
    expect(screen.getByTestId('approval-error').textContent).toBe(
      'Locked out. Too many wrong PINs for Sam. Try again in 5 minutes.',
    );
    expect(saveRules().disabled).toBe(true);
    expect(screen.queryByTestId('approval-strip')).toBeNull();
  });

  it('picks the only supervisor by itself, and refuses a PIN that is not a supervisor’s', async () => {
    await renderSettings(packerStation([{ name: 'Sam', role: 'supervisor' }]));
    const only = screen.getByTestId('approval-supervisor') as HTMLSelectElement;
    expect(only.value).toBe('Sam');
    expect([...only.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Sam']);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    });
    expect(screen.getByTestId('approval-error').textContent).toBe('The supervisor types their PIN.');
    cleanup();

    // A station that did not list its supervisors: the name is typed, and the station judges it.
    await renderSettings(packerStation([]));
    await approveWith('Pat', '2468');
    expect(screen.getByTestId('approval-error').textContent).toBe(
      'Not approved. Pat is a packer; only a supervisor can approve this.',
    );
    expect(saveRules().disabled).toBe(true);
  });

  it('unlocks the controls once approved, shows who approved until when, and locks again at End now', async () => {
    const fake = packerStation();
    await renderSettings(fake);
    await approveWith('Sam', '4812');

    const strip = await waitFor(() => screen.getByTestId('approval-strip'));
    const ends = new Date(UNTIL).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    expect(within(strip).getByTestId('approval-strip-text').textContent).toBe(`Approved by Sam — ends ${ends}`);
    expect(strip.textContent).toContain('Pat stays signed in');
    expect(screen.queryByTestId('supervisor-approval')).toBeNull();
    expect(screen.queryAllByTestId('supervisor-only')).toEqual([]);
    await waitFor(() => screen.getByTestId('operator-list'));

    fireEvent.click(within(screen.getByTestId('rule-allowOverReceipt')).getByRole('switch'));
    expect(saveRules().disabled).toBe(false);
    await act(async () => {
      fireEvent.click(saveRules());
    });
    expect(fake.callsTo('settings:update-rules')).toEqual([{ rules: { allowOverReceipt: true } }]);
    expect(screen.getByTestId('rules-saved').textContent).toContain('Receive more than ordered: Off → On');

    await act(async () => {
      fireEvent.click(within(strip).getByRole('button', { name: 'End now' }));
    });
    expect(fake.callsTo('auth:end-approval')).toHaveLength(1);
    await waitFor(() => screen.getByTestId('supervisor-approval'));
    expect(screen.queryByTestId('approval-strip')).toBeNull();
    expect(saveRules().disabled).toBe(true);
  });

  it('opens the day’s figures on Reports once a supervisor approves there', async () => {
    const fake: FakeStation = packerStation().answer('dashboard:get', () =>
      fake.callsTo('auth:approve-supervisor').length > 0
        ? ok({
            day: '2025-03-04',
            unitsPerHour: Array.from({ length: 24 }, (_, hour) => ({ hour, units: hour === 9 ? 4 : 0, serials: 0 })),
            perOperator: [{ operator: 'Pat', orders: 2, serials: 4 }],
            perStation: [],
            rejectedByReason: [],
            overrides: [],
            openSessions: [],
          })
        : { ok: false, error: { code: 'FORBIDDEN', message: 'Only a supervisor can do this.' } },
    );
    await act(async () => {
      render(
        <StationProvider link={fake.link()}>
          <ReportsScreen />
        </StationProvider>,
      );
    });
    await waitFor(() => screen.getByText('Only a supervisor can see the day’s figures'));
    await waitFor(() => screen.getByTestId('supervisor-approval'));
    await approveWith('Sam', '4812');
    await waitFor(() => screen.getByTestId('approval-strip'));
    await waitFor(() => expect(screen.getByTestId('per-operator').textContent).toContain('Pat'));
    expect(screen.queryByText('Only a supervisor can see the day’s figures')).toBeNull();
  });
});
