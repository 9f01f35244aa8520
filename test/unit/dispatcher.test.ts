import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { APPROVAL_IDLE_MS, APPROVAL_MAX_MS, Dispatcher, type Caller, type Handlers } from '../../src/main/dispatcher';

const trusted = (): Caller => ({ id: 't', trusted: true, operator: null });
const silent = { logError: () => {} };

function dispatcherWith(partial: Partial<Record<string, (input: never) => unknown>>): Dispatcher {
  return new Dispatcher(partial as unknown as Handlers, silent);
}

const page = { total: 0, rows: [] };

describe('dispatcher', () => {
  it('refuses an untrusted sender before looking at anything else', async () => {
    const d = dispatcherWith({ 'catalog:list-products': () => page });
    const result = await d.dispatch('catalog:list-products', {}, { id: 'x', trusted: false, operator: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
  });

  it('refuses an unknown channel with its name in the message', async () => {
    const result = await dispatcherWith({}).dispatch('db:run-sql', {}, trusted());
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(!result.ok && result.error.message).toContain('db:run-sql');
  });

  it('refuses a payload of the wrong shape without calling the service', async () => {
    let called = false;
    const d = dispatcherWith({ 'catalog:list-products': () => ((called = true), page) });
    const result = await d.dispatch('catalog:list-products', { limit: 'ten' }, trusted());
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(called).toBe(false);
    const notAnObject = await d.dispatch('catalog:list-products', 'DROP TABLE', trusted());
    expect(notAnObject).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('applies schema defaults before the service sees the input', async () => {
    let seen: unknown;
    const d = dispatcherWith({ 'catalog:list-products': (input) => ((seen = input), page) });
    const result = await d.dispatch('catalog:list-products', {}, trusted());
    expect(result).toEqual({ ok: true, value: page });
    expect(seen).toEqual({ limit: 100, offset: 0 });
  });

  it("turns a service's AppError into an error envelope with its code", async () => {
    const d = dispatcherWith({
      'imports:commit': () => {
        throw new AppError('IMPORT_EXPIRED', 'That import preview has expired; choose the file again.');
      },
    });
    const result = await d.dispatch('imports:commit', { importId: 'abc' }, trusted());
    expect(result).toEqual({
      ok: false,
      error: { code: 'IMPORT_EXPIRED', message: 'That import preview has expired; choose the file again.' },
    });
  });

  it('hides the details of an unexpected failure', async () => {
    const d = dispatcherWith({
      'app:get-status': () => {
        throw new Error('SQLITE_IOERR at /home/secret/path');
      },
    });
    const result = await d.dispatch('app:get-status', undefined, trusted());
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('refuses to pass on an answer that breaks the contract', async () => {
    const d = dispatcherWith({ 'catalog:list-products': () => ({ total: 'many', rows: [] }) });
    const result = await d.dispatch('catalog:list-products', {}, trusted());
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('waits for in-flight calls when draining and refuses new ones', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const d = dispatcherWith({ 'catalog:list-products': async () => (await gate, page) });
    const running = d.dispatch('catalog:list-products', {}, trusted());
    let drained = false;
    const draining = d.drain().then(() => (drained = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(drained).toBe(false);
    expect(await d.dispatch('catalog:list-products', {}, trusted())).toMatchObject({ ok: false });
    release();
    expect(await running).toEqual({ ok: true, value: page });
    await draining;
    expect(drained).toBe(true);
  });
});

describe('supervisor approval given in place', () => {
  const packer = { id: 7, name: 'Pat', role: 'packer', shiftId: 70 } as const;
  const T0 = Date.parse('2025-03-04T14:00:00Z');

  function station(clock: { now: number }) {
    let changed = 0;
    const d = new Dispatcher({ 'operators:list': () => ((changed += 1), []) } as unknown as Handlers, {
      ...silent,
      now: () => clock.now,
    });
    return { d, changed: () => changed };
  }

  function approvedPacker(now: number): Caller {
    return {
      id: 'w',
      trusted: true,
      operator: { ...packer },
      approval: {
        supervisorId: 1,
        name: 'Sam',
        forOperatorId: packer.id,
        until: now + APPROVAL_IDLE_MS,
        endsBy: now + APPROVAL_MAX_MS,
      },
    };
  }

  it("refuses a packer's supervisor-only call without an approval", async () => {
    const clock = { now: T0 };
    const { d, changed } = station(clock);
    const result = await d.dispatch(
      'operators:list',
      {},
      {
        id: 'w',
        trusted: true,
        operator: { ...packer },
      },
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only a supervisor can do this.' },
    });
    expect(changed()).toBe(0);
  });

  it('lets the call through while the approval runs, and each call moves the end on, never past the limit', async () => {
    const clock = { now: T0 };
    const { d, changed } = station(clock);
    const window = approvedPacker(T0);
    expect(await d.dispatch('operators:list', {}, window)).toEqual({ ok: true, value: [] });
    expect(changed()).toBe(1);

    clock.now = T0 + 4 * 60_000;
    await d.dispatch('operators:list', {}, window);
    expect(changed()).toBe(2);
    expect(window.approval?.until).toBe(clock.now + APPROVAL_IDLE_MS);

    // Busy all along: still it ends at the limit.
    for (let minute = 8; minute < 15; minute += 3) {
      clock.now = T0 + minute * 60_000;
      await d.dispatch('operators:list', {}, window);
    }
    expect(changed()).toBe(5);
    expect(window.approval?.until).toBe(T0 + APPROVAL_MAX_MS);
    clock.now = T0 + APPROVAL_MAX_MS;
    const refused = await d.dispatch('operators:list', {}, window);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { approvalEnded: true } } });
    expect(changed()).toBe(5);
  });

  it('refuses once the approval has lapsed, saying whose it was, and drops it', async () => {
    const clock = { now: T0 };
    const { d, changed } = station(clock);
    const window = approvedPacker(T0);
    clock.now = T0 + APPROVAL_IDLE_MS + 1;
    const result = await d.dispatch('operators:list', {}, window);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!result.ok && result.error.message).toContain("Sam's approval has ended");
    expect(window.approval).toBeNull();
    expect(changed()).toBe(0);
  });

  it('does not carry an approval over to the next person at the window, nor to nobody', async () => {
    const clock = { now: T0 };
    const { d, changed } = station(clock);
    const window = approvedPacker(T0);
    window.operator = null;
    expect(await d.dispatch('operators:list', {}, window)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    window.operator = { id: 8, name: 'Lee', role: 'packer', shiftId: 80 };
    expect(await d.dispatch('operators:list', {}, window)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(window.approval).toBeNull();
    expect(changed()).toBe(0);
  });
});
