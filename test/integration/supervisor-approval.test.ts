import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/main/app-context';
import type { Caller } from '../../src/main/dispatcher';
import { MAX_PIN_FAILURES } from '../../src/main/domain/pin';
import { IDLE_TIMEOUT_MINUTES } from '../../src/main/services/auth.service';
import { seedCatalog } from '../support/catalog-fixture';
import { tempDir } from '../support/temp-store';

async function station() {
  const context = createAppContext({ dataDir: tempDir(), mode: 'cli', stationName: 'PACK-3' });
  seedCatalog(context.store);
  const supervisor: Caller = { id: 's', trusted: true, operator: null };
  const call = (caller: Caller, channel: string, input?: unknown) =>
    context.dispatcher.dispatch(channel, input, caller);
  await call(supervisor, 'auth:create-first-supervisor', { name: 'Sam', pin: '4812' });
  await call(supervisor, 'operators:add', { name: 'Pat', role: 'packer', pin: '2468' });
  await call(supervisor, 'operators:add', { name: 'Lee', role: 'receiver', pin: '1357' });
  const packer: Caller = { id: 'p', trusted: true, operator: null };
  await call(packer, 'auth:sign-in', { name: 'Pat', pin: '2468' });
  const events = (type: string) =>
    (
      context.store.db
        .prepare(
          'SELECT operator_id, station_id, shift_id, reference, details FROM serial_events WHERE type = ? ORDER BY id',
        )
        .all(type) as {
        operator_id: number;
        station_id: number;
        shift_id: number;
        reference: string;
        details: string;
      }[]
    ).map((e) => ({ ...e, details: JSON.parse(e.details) as Record<string, unknown> }));
  const operatorId = (name: string) =>
    (context.store.db.prepare('SELECT id FROM operators WHERE name = ?').get(name) as { id: number }).id;
  return { context, supervisor, packer, call, events, operatorId };
}

describe("a supervisor's approval at a packer's station", () => {
  it('opens supervisor tools for the packer without ending their shift, and the ledger names who approved', async () => {
    const { context, packer, call, events, operatorId } = await station();
    const shift = packer.operator!.shiftId;
    expect(await call(packer, 'settings:update-rules', { rules: { allowOverReceipt: true } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const approved = await call(packer, 'auth:approve-supervisor', { name: 'Sam', pin: '4812' });
    expect(approved).toMatchObject({ ok: true, value: { name: 'Sam' } });
    const until = Date.parse((approved as { value: { until: string } }).value.until);
    expect(until - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(await call(packer, 'auth:get-status')).toMatchObject({
      ok: true,
      value: { operator: { name: 'Pat', role: 'packer', shiftId: shift }, approval: { name: 'Sam' } },
    });

    const grant = events('override_granted');
    expect(grant).toHaveLength(1);
    expect(grant[0]).toMatchObject({
      operator_id: operatorId('Sam'),
      shift_id: shift,
      station_id: context.services.station.id,
      details: { code: 'SUPERVISOR_APPROVAL', approvedBy: 'Sam', approvedFor: 'Pat' },
    });

    expect(await call(packer, 'settings:update-rules', { rules: { allowOverReceipt: true } })).toMatchObject({
      ok: true,
      value: { rules: { allowOverReceipt: true } },
    });
    expect(await call(packer, 'products:update', { sku: 'PH-100', patch: { warrantyMonths: 24 } })).toMatchObject({
      ok: true,
    });
    expect(await call(packer, 'operators:add', { name: 'Max', role: 'packer', pin: '9753' })).toMatchObject({
      ok: true,
    });
    const changes = events('status_changed');
    expect(changes.map((e) => [e.reference, e.operator_id, e.details.approvedBy])).toEqual([
      ['settings', operatorId('Pat'), 'Sam'],
      [`product ${'PH-100'}`, operatorId('Pat'), 'Sam'],
      ['operators', operatorId('Pat'), 'Sam'],
    ]);
    expect(changes[0]!.details.settings).toEqual({ allowOverReceipt: { from: false, to: true } });

    // The supervisor's dashboard lists the approval among the day's overrides.
    const dashboard = await call(packer, 'dashboard:get', {});
    expect(dashboard).toMatchObject({
      ok: true,
      value: { overrides: [{ code: 'SUPERVISOR_APPROVAL', approvedBy: 'Sam', station: 'PACK-3' }] },
    });
    await context.close();
  });

  it('names the approving supervisor on units a packer registers or changes by hand, and no one when a supervisor acts', async () => {
    const { context, packer, call, events, operatorId } = await station();
    const register = { sku: 'LT-300', serials: ['LT00000001'], reason: 'Found on the returns shelf' };
    expect(await call(packer, 'serials:register', register)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await call(packer, 'auth:approve-supervisor', { name: 'Sam', pin: '4812' });
    const registered = await call(packer, 'serials:register', register);
    expect(registered).toMatchObject({ ok: true, value: { sku: 'LT-300', status: 'in_stock' } });
    const unitId = (registered as { value: { unitId: number } }).value.unitId;
    expect(
      await call(packer, 'serials:transition', { unitId, from: 'in_stock', to: 'reserved', reason: 'Held for SO-9' }),
    ).toMatchObject({ ok: true, value: { status: 'reserved' } });

    const [registration] = events('unit_registered');
    expect(registration).toMatchObject({
      operator_id: operatorId('Pat'),
      details: { reason: 'Found on the returns shelf', approvedBy: 'Sam' },
    });
    const [reserved] = events('reserved');
    expect(reserved).toMatchObject({
      operator_id: operatorId('Pat'),
      details: { from: 'in_stock', to: 'reserved', reason: 'Held for SO-9', approvedBy: 'Sam' },
    });

    // A supervisor signed in at the station acts on their own authority; nobody else approved.
    const desk: Caller = { id: 'd', trusted: true, operator: null };
    await call(desk, 'auth:sign-in', { name: 'Sam', pin: '4812' });
    expect(
      await call(desk, 'serials:transition', { unitId, from: 'reserved', to: 'in_stock', reason: 'SO-9 cancelled' }),
    ).toMatchObject({ ok: true, value: { status: 'in_stock' } });
    const [released] = events('released');
    expect(released!.operator_id).toBe(operatorId('Sam'));
    expect(released!.details).not.toHaveProperty('approvedBy');
    await context.close();
  });

  it('locks the supervisor out after five wrong PINs, as for a ship override', async () => {
    const { context, packer, call, events } = await station();
    for (let attempt = 1; attempt < MAX_PIN_FAILURES; attempt += 1) {
      const wrong = await call(packer, 'auth:approve-supervisor', { name: 'Sam', pin: '0000' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'OVERRIDE_DENIED' } });
      expect(!wrong.ok && wrong.error.message).toContain(`${MAX_PIN_FAILURES - attempt} tr`);
    }
    const last = await call(packer, 'auth:approve-supervisor', { name: 'Sam', pin: '0000' });
    expect(last).toMatchObject({ ok: false, error: { code: 'OVERRIDE_DENIED', details: { locked: true } } });
    expect(!last.ok && last.error.message).toContain('locked');

    const right = await call(packer, 'auth:approve-supervisor', { name: 'Sam', pin: '4812' });
    expect(right).toMatchObject({ ok: false, error: { code: 'OVERRIDE_DENIED', details: { locked: true } } });
    expect(!right.ok && right.error.message).toContain('Too many wrong PINs for Sam');
    expect(() => context.services.auth.approveAsSupervisor('Sam', '4812')).toThrow(/Too many wrong PINs/);
    expect(await call(packer, 'settings:update-rules', { rules: { allowOverReceipt: true } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(events('override_granted')).toEqual([]);
    await context.close();
  });

  it("refuses someone else's PIN clearly, and asks for a signed-in operator", async () => {
    const { context, supervisor, packer, call } = await station();
    const receiver = await call(packer, 'auth:approve-supervisor', { name: 'Lee', pin: '1357' });
    expect(receiver).toMatchObject({ ok: false, error: { code: 'OVERRIDE_DENIED' } });
    expect(!receiver.ok && receiver.error.message).toBe('Lee is a receiver; only a supervisor can approve this.');
    expect(await call(packer, 'auth:approve-supervisor', { name: 'Nobody', pin: '1357' })).toMatchObject({
      ok: false,
      error: { code: 'OVERRIDE_DENIED', message: 'There is no active operator called Nobody.' },
    });
    expect(
      await call({ id: 'empty', trusted: true, operator: null }, 'auth:approve-supervisor', {
        name: 'Sam',
        pin: '4812',
      }),
    ).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await call(supervisor, 'auth:approve-supervisor', { name: 'Sam', pin: '4812' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    await context.close();
  });

  it('ends when asked, at sign-out, when someone else signs in, and at the idle sign-out', async () => {
    const { context, packer, call } = await station();
    const rules = { rules: { allowOverReceipt: true } };
    const approve = () => call(packer, 'auth:approve-supervisor', { name: 'Sam', pin: '4812' });

    await approve();
    expect(await call(packer, 'auth:end-approval')).toEqual({ ok: true, value: { ended: true } });
    expect(await call(packer, 'auth:get-status')).toMatchObject({ ok: true, value: { approval: null } });
    expect(await call(packer, 'settings:update-rules', rules)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    await approve();
    await call(packer, 'auth:sign-out');
    await call(packer, 'auth:sign-in', { name: 'Pat', pin: '2468' });
    expect(await call(packer, 'settings:update-rules', rules)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    await approve();
    await call(packer, 'auth:sign-in', { name: 'Lee', pin: '1357' });
    expect(await call(packer, 'auth:get-status')).toMatchObject({
      ok: true,
      value: { operator: { name: 'Lee' }, approval: null },
    });
    expect(await call(packer, 'settings:update-rules', rules)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    await approve();
    packer.lastCallAt = Date.now() - (IDLE_TIMEOUT_MINUTES + 1) * 60_000;
    expect(await call(packer, 'auth:get-status')).toMatchObject({
      ok: true,
      value: { operator: null, approval: null },
    });
    expect(packer.approval ?? null).toBeNull();
    await context.close();
  });
});
