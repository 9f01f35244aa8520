import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { Dispatcher, type Caller, type Handlers } from '../../src/main/dispatcher';

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
