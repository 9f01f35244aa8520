import readline from 'node:readline';
import { AppError } from '../../shared/errors';
import type { Expect } from '../../shared/session';
import type { AppContext } from '../app-context';
import type { Actor } from '../store/repositories/work-session.repository';
import { parseScriptLine } from './scan-script';
import type { ReturnVerdict } from '../../shared/ipc/returns.contract';
import type { Place, TransferSummary } from '../../shared/ipc/transfers.contract';

interface StepResult {
  readonly ok: boolean;
  readonly code: string;
  readonly message: string;
  readonly expect: Expect | null;
}

/** One kind of scripted session: how a scan and each `!action` map onto its service. */
interface ScriptTarget {
  readonly reference: Record<string, string | number>;
  readonly actions: string;
  scan(raw: string): StepResult;
  action(name: string, args: readonly string[], rest: string): StepResult | null;
  expect(): Expect | null;
  summary(): unknown;
}

/** Lines of a stream as they arrive (so a live scanner piped in is answered scan by scan). */
export async function* readLines(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let first = true;
  for await (const line of rl) {
    yield first && line.startsWith('\ufeff') ? line.slice(1) : line;
    first = false;
  }
}

function refusal(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  throw error;
}

function safely<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/**
 * Drives a session through the same service the wizard uses. Prints one JSON line per input
 * line, then a summary line; returns exit code 1 when any line was refused.
 */
async function runScript(
  start: () => ScriptTarget,
  lines: AsyncIterable<string>,
  out: (line: string) => void,
  reference: Record<string, string>,
): Promise<number> {
  let target: ScriptTarget;
  try {
    target = start();
  } catch (error) {
    out(JSON.stringify({ summary: true, ok: false, ...refusal(error), ...reference }));
    return 1;
  }
  let accepted = 0;
  let rejected = 0;
  let n = 0;
  for await (const text of lines) {
    n += 1;
    const parsed = parseScriptLine(text);
    let result: StepResult;
    try {
      const step =
        parsed.kind === 'scan' ? target.scan(parsed.raw) : target.action(parsed.action, parsed.args, parsed.rest);
      result = step ?? {
        ok: false,
        code: 'BAD_REQUEST',
        message: `"${text}" is not an action here. Use ${target.actions}.`,
        expect: safely(() => target.expect()),
      };
    } catch (error) {
      result = { ...refusal(error), ok: false, expect: safely(() => target.expect()) };
    }
    if (result.ok) accepted += 1;
    else rejected += 1;
    out(
      JSON.stringify({
        line: n,
        input: text,
        ok: result.ok,
        code: result.code,
        message: result.message,
        expect: result.expect,
      }),
    );
  }
  out(
    JSON.stringify({
      summary: true,
      ok: rejected === 0,
      ...target.reference,
      lines: n,
      accepted,
      rejected,
      ...(target.summary() as object),
    }),
  );
  return rejected === 0 ? 0 : 1;
}

export function runReceiveScript(
  context: AppContext,
  poNumber: string,
  actor: Actor,
  lines: AsyncIterable<string>,
  out: (line: string) => void,
): Promise<number> {
  const receiving = context.services.receiving;
  return runScript(
    () => {
      const session = receiving.start(poNumber, actor);
      let closed: unknown = null;
      return {
        reference: { po: session.poNumber, sessionId: session.sessionId },
        actions: '!remove SERIAL or !close',
        scan: (raw) => receiving.scan(session.sessionId, raw, 'script', actor),
        action(name, _args, rest) {
          if (name === 'remove' && rest) return receiving.removeSerial(session.sessionId, rest, actor);
          if (name === 'close' && !rest) {
            const summary = receiving.close(session.sessionId, actor, context.services.station.receivingLocation());
            closed = summary;
            return {
              ok: true,
              code: 'OK',
              message: `Closed: ${summary.units} units, ${summary.serials} serials put in stock.`,
              expect: null,
            };
          }
          return null;
        },
        expect: () => (closed ? null : receiving.view(session.sessionId).expect),
        summary: () => {
          if (closed) return { closed: true, result: closed };
          const view = receiving.view(session.sessionId);
          return { closed: false, result: { totals: view.totals, expect: view.expect } };
        },
      };
    },
    lines,
    out,
    { po: poNumber },
  );
}

export function runShipScript(
  context: AppContext,
  orderNumber: string,
  actor: Actor,
  lines: AsyncIterable<string>,
  out: (line: string) => void,
): Promise<number> {
  const shipping = context.services.shipping;
  return runScript(
    () => {
      const session = shipping.start(orderNumber, actor);
      let shipped: unknown = null;
      const done = () => shipped !== null;
      return {
        reference: { order: session.orderNumber, sessionId: session.sessionId },
        actions: '!remove SERIAL, !override SUPERVISOR PIN REASON, !weigh GRAMS or !ship',
        scan(raw) {
          const verdict = shipping.scan(session.sessionId, raw, 'script', actor);
          if (verdict.shipped) shipped = verdict.shipped;
          return { ...verdict, expect: done() ? null : verdict.expect };
        },
        action(name, args, rest) {
          if (name === 'remove' && rest) return shipping.removeSerial(session.sessionId, rest, actor);
          if (name === 'override' && args.length >= 3) {
            const [supervisor, pin, ...reason] = args;
            return shipping.override(
              session.sessionId,
              { supervisor: supervisor!, pin: pin!, reason: reason.join(' ') },
              actor,
            );
          }
          if (name === 'weigh' && args.length === 1) {
            const grams = Number(args[0]);
            if (!Number.isFinite(grams) || grams <= 0)
              return {
                ok: false,
                code: 'BAD_REQUEST',
                message: `"${args[0]}" is not a weight in grams.`,
                expect: shipping.view(session.sessionId).expect,
              };
            return shipping.weigh(session.sessionId, grams, actor);
          }
          if (name === 'ship' && !rest) {
            const result = shipping.ship(session.sessionId, actor);
            shipped = result;
            return {
              ok: true,
              code: 'OK',
              message: `Order ${result.orderNumber} shipped: ${result.serials.length} serials recorded.`,
              expect: null,
            };
          }
          return null;
        },
        expect: () => (done() ? null : shipping.view(session.sessionId).expect),
        summary: () => {
          if (done()) return { shipped: true, result: shipped };
          const view = shipping.view(session.sessionId);
          return { shipped: false, result: { totals: view.totals, missing: view.missing, expect: view.expect } };
        },
      };
    },
    lines,
    out,
    { order: orderNumber },
  );
}

/**
 * Scripted returns: a line naming an order sets the order the next serial is checked
 * against; a serial is checked (match / shipped on another order / never shipped);
 * `!restock` or `!defective` records the disposition of the last checked serial.
 */
export function runReturnScript(
  context: AppContext,
  actor: Actor,
  lines: AsyncIterable<string>,
  out: (line: string) => void,
): Promise<number> {
  const returns = context.services.returns;
  const s = context.store.statements;
  let orderNumber: string | undefined;
  let last: ReturnVerdict | null = null;
  const checked: { serial: string; verdict: string; disposition: string | null }[] = [];
  const expect = (): Expect => ({
    step: 'item',
    prompt: last?.canDispose
      ? `Restock or mark ${last.serial} defective`
      : orderNumber
        ? `Scan the returned unit's serial (order ${orderNumber})`
        : "Scan the return's order number or the unit's serial",
    lineId: null,
    sku: null,
    productName: null,
    unit: null,
    units: null,
    slot: null,
    slots: null,
    slotLabel: null,
  });
  return runScript(
    () => ({
      reference: { kind: 'return' },
      actions: '!restock or !defective (after a serial)',
      scan(raw) {
        const text = raw.trim();
        const order = s
          .sql<[string], { order_number: string }>('SELECT order_number FROM orders WHERE order_number = ?')
          .get(text);
        if (order) {
          orderNumber = order.order_number;
          last = null;
          return { ok: true, code: 'OK', message: `Checking returns against order ${orderNumber}.`, expect: expect() };
        }
        last = returns.check(raw, orderNumber, actor);
        checked.push({ serial: last.serial, verdict: last.verdict, disposition: null });
        return { ok: last.ok, code: last.code, message: last.message, expect: expect() };
      },
      action(name, _args, rest) {
        if ((name !== 'restock' && name !== 'defective') || rest) return null;
        if (!last)
          return { ok: false, code: 'BAD_REQUEST', message: 'Scan the returned serial first.', expect: expect() };
        const result = returns.dispose(last.serial, orderNumber, name, undefined, actor);
        const entry = checked[checked.length - 1];
        if (entry) entry.disposition = name;
        last = null;
        orderNumber = undefined;
        return { ok: true, code: 'OK', message: result.message, expect: expect() };
      },
      expect,
      summary: () => ({ checked }),
    }),
    lines,
    out,
    { kind: 'return' },
  );
}

/**
 * Scripted transfers: each plain line is a scanned serial of a unit at the source;
 * `!remove SERIAL` takes one back out, `!confirm` moves them all.
 */
export function runTransferScript(
  context: AppContext,
  from: Place,
  to: Place,
  actor: Actor,
  lines: AsyncIterable<string>,
  out: (line: string) => void,
): Promise<number> {
  const transfers = context.services.transfers;
  const label = (p: Place) => (p.location ? `${p.warehouse}/${p.location}` : p.warehouse);
  return runScript(
    () => {
      const session = transfers.start(from, to, actor);
      let confirmed: TransferSummary | null = null;
      return {
        reference: { transfer: session.reference, sessionId: session.sessionId },
        actions: '!remove SERIAL or !confirm',
        scan: (raw) => transfers.scan(session.sessionId, raw, 'script', actor),
        action(name, _args, rest) {
          if (name === 'remove' && rest) return transfers.remove(session.sessionId, rest, actor);
          if (name === 'confirm' && !rest) {
            confirmed = transfers.confirm(session.sessionId, actor);
            return { ok: true, code: 'OK', message: confirmed.message, expect: null };
          }
          return null;
        },
        expect: () => (confirmed ? null : transfers.view(session.sessionId).expect),
        summary: () => {
          if (confirmed) return { confirmed: true, result: confirmed };
          const view = transfers.view(session.sessionId);
          return { confirmed: false, result: { count: view.count, products: view.products, expect: view.expect } };
        },
      };
    },
    lines,
    out,
    { from: label(from), to: label(to) },
  );
}
