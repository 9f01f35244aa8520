import { z } from 'zod';

/**
 * A request/response channel between the renderer and the main process.
 * Channel names follow `domain:verb-noun`.
 */
export interface Contract<C extends string = string, I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly channel: C;
  readonly input: I;
  readonly output: O;
  /** Only a signed-in supervisor may call it; enforced by the dispatcher in main. */
  readonly supervisorOnly?: boolean;
  /** Only a signed-in operator may call it (scans are recorded against someone). */
  readonly requiresOperator?: boolean;
}

/** A message pushed from main to the renderer. */
export interface EventContract<E extends string = string, P extends z.ZodType = z.ZodType> {
  readonly event: E;
  readonly payload: P;
}

export function defineContract<C extends string, I extends z.ZodType, O extends z.ZodType>(
  contract: Contract<C, I, O>,
): Contract<C, I, O> {
  return contract;
}

export function defineEvent<E extends string, P extends z.ZodType>(contract: EventContract<E, P>): EventContract<E, P> {
  return contract;
}

/** Inputs that carry nothing still go through validation: exactly `{}` or nothing. */
export const NoInput = z.object({}).strict().optional();
