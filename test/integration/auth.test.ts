import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/main/app-context';
import type { Caller } from '../../src/main/dispatcher';
import { IDLE_TIMEOUT_MINUTES, hashPin, verifyPinHash } from '../../src/main/services/auth.service';
import { tempDir } from '../support/temp-store';

function caller(): Caller {
  return { id: 'w1', trusted: true, operator: null };
}

describe('operators, sign-in and shifts', () => {
  it('stores PINs as salted slow hashes', () => {
    const a = hashPin('4812');
    const b = hashPin('4812');
    expect(a).not.toBe(b);
    expect(a).not.toContain('4812');
    expect(a.startsWith('scrypt$')).toBe(true);
    expect(verifyPinHash('4812', a)).toBe(true);
    expect(verifyPinHash('4813', a)).toBe(false);
  });

  it('makes the first operator a supervisor, then only supervisors add operators (enforced in main)', async () => {
    const context = createAppContext({ dataDir: tempDir(), mode: 'browser', stationName: 'AUTH-1' });
    const window = caller();
    const d = context.dispatcher;
    expect(await d.dispatch('auth:get-status', undefined, window)).toMatchObject({
      ok: true,
      value: { needsFirstSupervisor: true, operator: null },
    });
    expect(await d.dispatch('operators:add', { name: 'Pat', role: 'packer', pin: '2468' }, window)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(await d.dispatch('auth:create-first-supervisor', { name: 'Sam', pin: '1111' }, window)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await d.dispatch('auth:create-first-supervisor', { name: 'Sam', pin: '4812' }, window)).toMatchObject({
      ok: true,
      value: { name: 'Sam', role: 'supervisor' },
    });
    expect(await d.dispatch('auth:create-first-supervisor', { name: 'Eve', pin: '4812' }, caller())).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await d.dispatch('operators:add', { name: 'Pat', role: 'packer', pin: '2468' }, window)).toMatchObject({
      ok: true,
    });

    const packerWindow = caller();
    expect(await d.dispatch('auth:sign-in', { name: 'Pat', pin: '2468' }, packerWindow)).toMatchObject({
      ok: true,
      value: { role: 'packer' },
    });
    expect(
      await d.dispatch('operators:add', { name: 'Max', role: 'supervisor', pin: '1357' }, packerWindow),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await d.dispatch('operators:list', undefined, packerWindow)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await context.close();
  });

  it('refuses scans from a window where nobody is signed in', async () => {
    const context = createAppContext({ dataDir: tempDir(), mode: 'browser', stationName: 'AUTH-2' });
    const result = await context.dispatcher.dispatch('receiving:start', { poNumber: 'PO-1' }, caller());
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    await context.close();
  });

  it('starts a shift at sign-in and ends it at sign-out or after the idle timeout', async () => {
    const context = createAppContext({ dataDir: tempDir(), mode: 'browser', stationName: 'AUTH-3' });
    const window = caller();
    await context.dispatcher.dispatch('auth:create-first-supervisor', { name: 'Sam', pin: '4812' }, window);
    const shift = window.operator!.shiftId!;
    const row = () =>
      context.store.db.prepare('SELECT station_id, ended_at, end_reason FROM shifts WHERE id = ?').get(shift) as {
        station_id: number;
        ended_at: string | null;
        end_reason: string | null;
      };
    expect(row()).toMatchObject({ station_id: context.services.station.id, ended_at: null });
    context.services.auth.endIfIdle(window, Date.now() + (IDLE_TIMEOUT_MINUTES + 1) * 60_000);
    expect(window.operator).toBeNull();
    expect(row()).toMatchObject({ end_reason: 'idle timeout' });
    await context.dispatcher.dispatch('auth:sign-in', { name: 'Sam', pin: '4812' }, window);
    const second = window.operator!.shiftId!;
    await context.dispatcher.dispatch('auth:sign-out', {}, window);
    expect(context.store.db.prepare('SELECT end_reason FROM shifts WHERE id = ?').get(second)).toEqual({
      end_reason: 'signed out',
    });
    await context.close();
  });
});
