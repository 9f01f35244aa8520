import readline from 'node:readline';
import { AppError } from '../../shared/errors';
import type { Expect } from '../../shared/session';
import type { AppContext } from '../app-context';
import { parseScriptLine } from './scan-script';

export interface ScriptResult {
  readonly line: number;
  readonly input: string;
  readonly ok: boolean;
  readonly code: string;
  readonly message: string;
  readonly expect: Expect | null;
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

/**
 * Drives a receiving session from a script through the same service the wizard uses.
 * Prints one JSON line per input line and a summary; exit code 1 when any line was refused.
 */
export async function runReceiveScript(context: AppContext, poNumber: string, lines: AsyncIterable<string>, out: (line: string) => void): Promise<number> {
  const receiving = context.services.receiving;
  const actor = context.services.station.actor(null);
  let session;
  try {
    session = receiving.start(poNumber, actor);
  } catch (error) {
    const { code, message } = refusal(error);
    out(JSON.stringify({ summary: true, ok: false, code, message, po: poNumber }));
    return 1;
  }
  const sessionId = session.sessionId;
  let accepted = 0;
  let rejected = 0;
  let closed: unknown = null;
  let n = 0;
  for await (const text of lines) {
    n += 1;
    const parsed = parseScriptLine(text);
    let result: Omit<ScriptResult, 'line' | 'input'>;
    try {
      if (parsed.kind === 'scan') {
        const verdict = receiving.scan(sessionId, parsed.raw, 'script', actor);
        result = { ok: verdict.ok, code: verdict.code, message: verdict.message, expect: verdict.expect };
      } else if (parsed.action === 'remove' && parsed.rest) {
        const verdict = receiving.removeSerial(sessionId, parsed.rest, actor);
        result = { ok: verdict.ok, code: verdict.code, message: verdict.message, expect: verdict.expect };
      } else if (parsed.action === 'close' && !parsed.rest) {
        const summary = receiving.close(sessionId, actor, context.services.station.receivingLocation());
        closed = summary;
        result = { ok: true, code: 'OK', message: `Closed: ${summary.units} units, ${summary.serials} serials put in stock.`, expect: null };
      } else {
        result = {
          ok: false,
          code: 'BAD_REQUEST',
          message: `"${text}" is not a receiving action. Use !remove SERIAL or !close.`,
          expect: closed ? null : receiving.view(sessionId).expect,
        };
      }
    } catch (error) {
      result = { ...refusal(error), ok: false, expect: closed ? null : safeExpect(() => receiving.view(sessionId).expect) };
    }
    if (result.ok) accepted += 1;
    else rejected += 1;
    out(JSON.stringify({ line: n, input: text, ...result }));
  }
  const view = closed ? null : receiving.view(sessionId);
  out(
    JSON.stringify({
      summary: true,
      ok: rejected === 0,
      po: session.poNumber,
      sessionId,
      lines: n,
      accepted,
      rejected,
      closed: closed !== null,
      result: closed ?? { totals: view!.totals, expect: view!.expect },
    }),
  );
  return rejected === 0 ? 0 : 1;
}

function safeExpect(read: () => Expect): Expect | null {
  try {
    return read();
  } catch {
    return null;
  }
}
