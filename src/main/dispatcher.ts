import { z } from 'zod';
import { AppError, type Envelope, type ErrorInfo } from '../shared/errors';
import { contracts, isChannel, type Channel, type Output, type ParsedInput } from '../shared/ipc';
import type { Contract } from '../shared/ipc/contract';

export interface SignedInOperator {
  readonly id: number;
  readonly name: string;
  readonly role: 'packer' | 'receiver' | 'supervisor';
  readonly shiftId: number | null;
}

/**
 * Who is calling: one per Electron window or browser socket. The transport decides
 * whether the sender is trusted; the dispatcher refuses untrusted ones before anything else.
 */
export interface Caller {
  readonly id: string;
  readonly trusted: boolean;
  operator: SignedInOperator | null;
  /** When this caller last made a call (ms since epoch); drives the idle sign-out. */
  lastCallAt?: number;
}

export type Handler<C extends Channel> = (input: ParsedInput<C>, caller: Caller) => Output<C> | Promise<Output<C>>;
export type Handlers = { readonly [C in Channel]: Handler<C> };

export interface DispatcherOptions {
  readonly logError?: (channel: string, error: unknown) => void;
  /** Runs before each trusted call (e.g. to end an idle operator's shift). */
  readonly beforeCall?: (caller: Caller) => void;
}

/**
 * The one entry point for every contract call, whatever the transport: checks the sender,
 * the channel and the input, runs the handler, and answers with an envelope, never a throw.
 */
export class Dispatcher {
  readonly #handlers: Handlers;
  readonly #logError: (channel: string, error: unknown) => void;
  readonly #beforeCall: (caller: Caller) => void;
  #inFlight = 0;
  #idleWaiters: (() => void)[] = [];
  #closed = false;

  constructor(handlers: Handlers, options: DispatcherOptions = {}) {
    this.#handlers = handlers;
    this.#logError = options.logError ?? ((channel, error) => console.error(`[${channel}]`, error));
    this.#beforeCall = options.beforeCall ?? (() => {});
  }

  async dispatch(channel: unknown, payload: unknown, caller: Caller): Promise<Envelope<unknown>> {
    if (!caller.trusted) return fail('UNTRUSTED_SENDER', 'This request did not come from the station window.');
    if (!isChannel(channel)) return fail('UNKNOWN_CHANNEL', `There is no channel named ${describe(channel)}.`);
    if (this.#closed) return fail('INTERNAL', 'The station is shutting down.');
    const contract: Contract = contracts[channel];
    this.#beforeCall(caller);
    if (contract.requiresOperator && !caller.operator)
      return fail('UNAUTHORIZED', 'Sign in first: scans are recorded against the operator who made them.');
    if (contract.supervisorOnly) {
      if (!caller.operator) return fail('UNAUTHORIZED', 'Sign in first.');
      if (caller.operator.role !== 'supervisor') return fail('FORBIDDEN', 'Only a supervisor can do this.');
    }
    const input = contract.input.safeParse(payload);
    if (!input.success) {
      return fail('BAD_REQUEST', `The request to ${channel} was malformed.`, z.treeifyError(input.error));
    }
    this.#inFlight += 1;
    try {
      const handler = this.#handlers[channel] as Handler<Channel>;
      const value = await handler(input.data as never, caller);
      const output = contract.output.safeParse(value);
      if (!output.success) {
        this.#logError(channel, output.error);
        return fail('INTERNAL', `The station produced an invalid answer for ${channel}.`);
      }
      return { ok: true, value: output.data };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toInfo() };
      this.#logError(channel, error);
      return fail('INTERNAL', 'Something went wrong in the station. Nothing was changed by this request.');
    } finally {
      this.#inFlight -= 1;
      if (this.#inFlight === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
    }
  }

  /** Refuses new calls and resolves once the calls already running have finished. */
  async drain(): Promise<void> {
    this.#closed = true;
    if (this.#inFlight === 0) return;
    await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }
}

function fail(code: ErrorInfo['code'], message: string, details?: unknown): Envelope<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : `of type ${typeof value}`;
}
