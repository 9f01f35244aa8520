import { z } from 'zod';
import { defineContract, NoInput } from './contract';

export const Role = z.enum(['packer', 'receiver', 'supervisor']);
export type Role = z.infer<typeof Role>;

export const Operator = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  shiftId: z.number().int().nullable(),
});
export type Operator = z.infer<typeof Operator>;

const Pin = z.string().min(1).max(32);
const Name = z.string().trim().min(1).max(100);

/** A supervisor's approval running at this window: supervisor tools are open until `until`. */
export const ApprovalView = z.object({
  /** The supervisor who approved. */
  name: z.string(),
  /** When it lapses (ISO); each supervisor action moves it on, within a fixed limit. */
  until: z.string(),
});
export type ApprovalView = z.infer<typeof ApprovalView>;

export const AuthStatus = z.object({
  operator: Operator.nullable(),
  /** No operator exists yet: the station asks for the first supervisor. */
  needsFirstSupervisor: z.boolean(),
  /** Names to pick from at sign-in. */
  operators: z.array(z.object({ name: z.string(), role: Role })),
  shiftStartedAt: z.string().nullable(),
  idleTimeoutMinutes: z.number().int(),
  /** A supervisor's approval for the operator here, if one is running. */
  approval: ApprovalView.nullable().optional(),
});
export type AuthStatus = z.infer<typeof AuthStatus>;

/** Who is signed in at this window, and whether the station still needs its first supervisor. */
export const getAuthStatus = defineContract({ channel: 'auth:get-status', input: NoInput, output: AuthStatus });

/** Signs in with name and PIN and starts a shift at this station. */
export const signIn = defineContract({
  channel: 'auth:sign-in',
  input: z.object({ name: Name, pin: Pin }),
  output: Operator,
});

/** Ends the shift and signs out. */
export const signOut = defineContract({
  channel: 'auth:sign-out',
  input: z.object({ reason: z.enum(['signed out', 'idle timeout']).default('signed out') }).optional(),
  output: z.object({ signedOut: z.boolean() }),
});

/**
 * A supervisor approves in place, with their PIN, at the window of the operator signed in
 * here: supervisor tools open for a few minutes without ending that operator's shift.
 */
export const approveSupervisor = defineContract({
  channel: 'auth:approve-supervisor',
  input: z.object({ name: Name, pin: Pin }),
  output: ApprovalView,
  requiresOperator: true,
});

/** Ends the supervisor's approval at this window now. */
export const endApproval = defineContract({
  channel: 'auth:end-approval',
  input: NoInput,
  output: z.object({ ended: z.boolean() }),
  requiresOperator: true,
});

/** On a station with no operators: creates the first supervisor and signs them in. */
export const createFirstSupervisor = defineContract({
  channel: 'auth:create-first-supervisor',
  input: z.object({ name: Name, pin: Pin }),
  output: Operator,
});

export const OperatorSummary = z.object({ id: z.number().int(), name: z.string(), role: Role, active: z.boolean() });

/** Adds an operator (supervisor only). */
export const addOperator = defineContract({
  channel: 'operators:add',
  input: z.object({ name: Name, role: Role, pin: Pin }),
  output: OperatorSummary,
  supervisorOnly: true,
});

/** Every operator with role (supervisor only). */
export const listOperators = defineContract({
  channel: 'operators:list',
  input: NoInput,
  output: z.array(OperatorSummary),
  supervisorOnly: true,
});
