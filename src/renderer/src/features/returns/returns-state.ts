import type { ErrorCode, ErrorInfo } from '../../../../shared/errors';
import type { ReturnVerdict } from '../../../../shared/ipc/returns.contract';

/** The sound that goes with what the clerk just saw; the screen plays it, the state only says which. */
export type Sound = 'accept' | 'reject' | 'attention';

export type Disposition = 'restock' | 'defective';

export interface Disposed {
  readonly status: 'in_stock' | 'defective';
  readonly message: string;
}

/** What stays on screen until the next return is under way. */
export type Shown =
  | { readonly kind: 'verdict'; readonly verdict: ReturnVerdict; readonly orderNumber: string | null }
  | {
      readonly kind: 'disposed';
      readonly verdict: ReturnVerdict;
      readonly orderNumber: string | null;
      readonly result: Disposed;
    };

/** A refused step (unknown order, a unit changed meanwhile, a scan while a decision is due). */
export interface Problem {
  readonly code: ErrorCode;
  readonly message: string;
}

export interface RecentReturn {
  readonly serial: string;
  readonly verdict: ReturnVerdict['verdict'];
  readonly orderNumber: string | null;
  readonly outcome: 'in_stock' | 'defective' | 'undecided';
}

/**
 * order: the paperwork's order number is expected (Esc when there is none);
 * serial: the returned unit's serial; decide: restock or defective for the unit on screen.
 */
export interface ReturnsState {
  readonly step: 'order' | 'serial' | 'decide';
  readonly orderNumber: string | null;
  readonly shown: Shown | null;
  readonly problem: Problem | null;
  /** A call to the station is under way: scans and keys wait. */
  readonly busy: Disposition | 'check' | null;
  readonly sound: Sound | null;
  /** Counts up with every answer, so the same sound twice still plays twice. */
  readonly seq: number;
  /** This visit's returns, newest first. */
  readonly recent: readonly RecentReturn[];
}

export type ReturnsAction =
  | { readonly type: 'scan'; readonly raw: string }
  | { readonly type: 'skip-order' }
  | { readonly type: 'change-order' }
  | { readonly type: 'checking' }
  | { readonly type: 'checked'; readonly verdict: ReturnVerdict }
  | { readonly type: 'check-failed'; readonly error: ErrorInfo }
  | { readonly type: 'disposing'; readonly disposition: Disposition }
  | { readonly type: 'disposed'; readonly verdict: ReturnVerdict; readonly result: Disposed }
  | { readonly type: 'dispose-failed'; readonly error: ErrorInfo }
  | { readonly type: 'leave-undecided' };

const RECENT_KEPT = 12;

export function initialReturnsState(): ReturnsState {
  return { step: 'order', orderNumber: null, shown: null, problem: null, busy: null, sound: null, seq: 0, recent: [] };
}

function remember(recent: readonly RecentReturn[], entry: RecentReturn): readonly RecentReturn[] {
  return [entry, ...recent].slice(0, RECENT_KEPT);
}

/** Failures that mean the order on the paperwork is wrong: start over from the order. */
const ORDER_PROBLEMS: readonly ErrorCode[] = ['UNKNOWN_ORDER', 'ORDER_NOT_OPEN'];
/** Failures that mean the unit is no longer what the screen showed: the decision is off. */
const STALE_PROBLEMS: readonly ErrorCode[] = ['CONFLICT', 'NOT_SHIPPED', 'NOT_FOUND'];

export function returnsTransition(state: ReturnsState, action: ReturnsAction): ReturnsState {
  const seq = state.seq + 1;
  switch (action.type) {
    case 'scan': {
      if (state.busy) return state;
      const raw = action.raw.trim();
      if (state.step === 'order') {
        if (raw === '') return state;
        return { ...state, step: 'serial', orderNumber: raw, shown: null, problem: null, sound: null };
      }
      if (state.step === 'decide') {
        return {
          ...state,
          problem: {
            code: 'CONFLICT',
            message:
              'First decide what happens to the unit on screen: press R to restock it or D to mark it defective (Esc leaves it undecided). Then scan the next return.',
          },
          sound: 'reject',
          seq,
        };
      }
      return state;
    }
    case 'skip-order':
      if (state.step !== 'order' || state.busy) return state;
      return { ...state, step: 'serial', orderNumber: null, shown: null, problem: null, sound: null };
    case 'change-order':
      if (state.step !== 'serial' || state.busy) return state;
      return { ...state, step: 'order', orderNumber: null, problem: null, sound: null };
    case 'checking':
      return { ...state, busy: 'check', problem: null };
    case 'checked': {
      const { verdict } = action;
      const sound: Sound = verdict.ok ? (verdict.canDispose ? 'accept' : 'attention') : 'reject';
      const shown: Shown = { kind: 'verdict', verdict, orderNumber: state.orderNumber };
      if (verdict.canDispose) {
        return { ...state, step: 'decide', shown, problem: null, busy: null, sound, seq };
      }
      return {
        ...state,
        step: 'order',
        orderNumber: null,
        shown,
        problem: null,
        busy: null,
        sound,
        seq,
        recent: remember(state.recent, {
          serial: verdict.serial,
          verdict: verdict.verdict,
          orderNumber: state.orderNumber,
          outcome: 'undecided',
        }),
      };
    }
    case 'check-failed': {
      const problem: Problem = { code: action.error.code, message: action.error.message };
      if (ORDER_PROBLEMS.includes(action.error.code)) {
        return { ...state, step: 'order', orderNumber: null, problem, busy: null, sound: 'reject', seq };
      }
      return { ...state, problem, busy: null, sound: 'reject', seq };
    }
    case 'disposing':
      if (state.step !== 'decide' || state.busy) return state;
      return { ...state, busy: action.disposition, problem: null };
    case 'disposed':
      return {
        ...state,
        step: 'order',
        orderNumber: null,
        shown: { kind: 'disposed', verdict: action.verdict, orderNumber: state.orderNumber, result: action.result },
        problem: null,
        busy: null,
        sound: 'accept',
        seq,
        recent: remember(state.recent, {
          serial: action.verdict.serial,
          verdict: action.verdict.verdict,
          orderNumber: state.orderNumber,
          outcome: action.result.status,
        }),
      };
    case 'dispose-failed': {
      const problem: Problem = { code: action.error.code, message: action.error.message };
      if (STALE_PROBLEMS.includes(action.error.code)) {
        return { ...state, step: 'order', orderNumber: null, problem, busy: null, sound: 'reject', seq };
      }
      return { ...state, problem, busy: null, sound: 'reject', seq };
    }
    case 'leave-undecided': {
      if (state.step !== 'decide' || state.busy || !state.shown) return state;
      const { verdict } = state.shown;
      return {
        ...state,
        step: 'order',
        orderNumber: null,
        problem: null,
        sound: null,
        recent: remember(state.recent, {
          serial: verdict.serial,
          verdict: verdict.verdict,
          orderNumber: state.orderNumber,
          outcome: 'undecided',
        }),
      };
    }
  }
}

/** The one next step, as the big prompt says it. */
export function returnsPrompt(state: ReturnsState): string {
  if (state.busy === 'check') return 'Checking the serial…';
  if (state.busy) return 'Recording the return…';
  switch (state.step) {
    case 'order':
      return state.shown
        ? 'Next return: scan the order number from its paperwork'
        : 'Scan the order number from the return paperwork';
    case 'serial':
      return state.orderNumber
        ? `Scan the serial of the unit returned on order ${state.orderNumber}`
        : 'Scan the serial of the returned unit';
    case 'decide':
      return state.shown && !state.shown.verdict.ok
        ? 'Set it aside (Esc) or decide: R / D'
        : 'Restock it (R) or mark it defective (D)';
  }
}
