import type { ErrorInfo } from '../../../../shared/errors';
import type { Output } from '../../../../shared/ipc';
import type { ShipResult, ShipSessionView, ShipVerdict } from '../../../../shared/ipc/shipping.contract';
import type { VerdictCode } from '../../../../shared/session';

export type ShipMissing = ShipSessionView['missing'][number];

/** The sound that goes with what the packer just saw; the screen plays it, the state only says which. */
export type Sound = 'accept' | 'reject' | 'attention';

/** What the packer did that the verdict answers; an accepted removal is headed differently from a scan. */
export type VerdictOrigin = 'scan' | 'remove' | 'override' | 'weigh';

const OK_TITLES: Readonly<Record<VerdictOrigin, string>> = {
  scan: 'Accepted',
  remove: 'Removed',
  override: 'Approved by supervisor',
  weigh: 'Weight recorded',
};

/** The answer to the last thing the packer did, as the banner shows it. */
export interface Feedback {
  readonly ok: boolean;
  readonly code: VerdictCode;
  /** A headline of the screen's own; otherwise the code's usual one. */
  readonly title: string | null;
  readonly message: string;
  /** What still blocks shipping, when the answer is SHIP_INCOMPLETE. */
  readonly missing: readonly ShipMissing[];
  readonly sound: Sound | null;
  /** Counts up with every answer, so the same message twice still flashes and sounds twice. */
  readonly seq: number;
}

export type PrintLabelsResult = Output<'shipping:print-labels'>;

/** The last labels this order sent to the printer: how it went, and the labels as printed. */
export interface LabelsShown {
  readonly ok: boolean;
  readonly message: string;
  readonly previews: PrintLabelsResult['previews'];
  /** When they did not print: the printer's own short reason ("Paper out"), if it gave one. */
  readonly problem?: string | null;
}

/** What the printer said of itself: its state and, in warehouse words, why. */
export interface PrinterReport {
  readonly state: 'connected' | 'reconnecting' | 'error' | 'disconnected' | 'not-configured';
  readonly detail: string;
}

/** The printer's own short reason for not printing ("Paper out"), or null when it gave none. */
export function printerProblem(printer: PrinterReport | null | undefined): string | null {
  if (!printer) return null;
  if (printer.state === 'disconnected') return 'printer not reachable';
  const detail = printer.detail.trim().replace(/\.$/, '');
  // A short reason is the printer's own ("Paper out", "Head open; Ribbon out"); a long one is a sentence for the message.
  return printer.state === 'error' && detail !== '' && detail.length <= 40 ? detail : null;
}

/** The headline of a refused print: the printer's own reason when it gave one. */
export function printRefusedTitle(printer: PrinterReport | null | undefined): string {
  const problem = printerProblem(printer);
  return problem ? `Label not printed — ${problem}` : 'Label not printed';
}

/** A device stage under way: scans wait behind it, the screen shows what the device is doing. */
export type StageActivity = 'weighing' | 'printing';

/** Supervisor moments and the weight entry open in place, never as a browser dialog. */
export type ShipPanel =
  | { readonly kind: 'override' | 'void' | 'weigh'; readonly busy: boolean; readonly error: string | null }
  | { readonly kind: 'switch'; readonly orderNumber: string; readonly busy: boolean; readonly error: string | null };

/** Every step counts the answers shown so far (`answers`), so each new one gets a new `seq`. */
export type ShipState =
  | { readonly step: 'start'; readonly busy: boolean; readonly feedback: Feedback | null; readonly answers: number }
  | {
      readonly step: 'packing';
      readonly view: ShipSessionView;
      readonly feedback: Feedback | null;
      readonly panel: ShipPanel | null;
      /** The next scan removes that serial instead of packing it. */
      readonly removeMode: boolean;
      readonly busy: boolean;
      readonly answers: number;
      readonly activity: StageActivity | null;
      readonly labels: LabelsShown | null;
    }
  | {
      readonly step: 'shipped';
      readonly result: ShipResult;
      readonly busy: boolean;
      readonly feedback: Feedback | null;
      readonly answers: number;
    };

export type ShipAction =
  | { readonly type: 'busy' }
  | { readonly type: 'started'; readonly view: ShipSessionView }
  | { readonly type: 'start-failed'; readonly error: ErrorInfo }
  | { readonly type: 'verdict'; readonly verdict: ShipVerdict; readonly origin?: VerdictOrigin }
  | { readonly type: 'call-failed'; readonly error: ErrorInfo }
  | { readonly type: 'shipped'; readonly result: ShipResult }
  | { readonly type: 'parked'; readonly orderNumber: string; readonly next: string | null }
  | { readonly type: 'voided'; readonly orderNumber: string }
  | { readonly type: 'panel-opened'; readonly kind: 'override' | 'void' | 'weigh' }
  | { readonly type: 'panel-closed' }
  | { readonly type: 'panel-busy' }
  | { readonly type: 'panel-failed'; readonly error: ErrorInfo }
  | { readonly type: 'remove-mode'; readonly on: boolean }
  | { readonly type: 'feedback-cleared' }
  | { readonly type: 'stage-started'; readonly activity: StageActivity }
  | {
      readonly type: 'labels';
      readonly result: PrintLabelsResult;
      /** The printer's state as last reported (it reports it with each job), to head a refusal with its cause. */
      readonly printer?: PrinterReport | null;
    }
  | { readonly type: 'stage-failed'; readonly activity: StageActivity; readonly error: ErrorInfo }
  /** A command barcode that cannot do its work now: answered like a refused scan. */
  | { readonly type: 'command-refused'; readonly title: string; readonly message: string };

export function initialShipState(): ShipState {
  return { step: 'start', busy: false, feedback: null, answers: 0 };
}

export function shipTransition(state: ShipState, action: ShipAction): ShipState {
  const seq = state.answers + 1;
  switch (action.type) {
    case 'busy':
      return { ...state, busy: true };
    case 'started':
      return {
        step: 'packing',
        view: action.view,
        feedback: null,
        panel: null,
        removeMode: false,
        busy: false,
        answers: state.answers,
        activity: null,
        labels: null,
      };
    case 'start-failed':
      return { ...state, busy: false, feedback: failure(action.error, seq), answers: seq };
    case 'command-refused': {
      const feedback: Feedback = {
        ok: false,
        code: 'BAD_REQUEST',
        title: action.title,
        message: action.message,
        missing: [],
        sound: 'reject',
        seq,
      };
      return { ...state, feedback, answers: seq };
    }
    case 'verdict': {
      const { verdict } = action;
      if (verdict.shipped) return shippedState(verdict.shipped, seq);
      if (state.step !== 'packing') return state;
      const switching = verdict.switchOrder !== null;
      // The scan that completes the order sounds the two-tone "ready to ship" instead of a plain beep.
      const readyNow = verdict.view.canShip && !state.view.canShip;
      const feedback: Feedback = {
        ok: verdict.ok,
        code: verdict.code,
        title: switching ? 'Another order' : verdict.ok ? OK_TITLES[action.origin ?? 'scan'] : null,
        message: verdict.message,
        missing: verdict.code === 'SHIP_INCOMPLETE' ? verdict.view.missing : [],
        sound: switching || (verdict.ok && readyNow) ? 'attention' : verdict.ok ? 'accept' : 'reject',
        seq,
      };
      // An answer closes the panel it came from, unless it offers a new choice.
      const panel: ShipPanel | null = switching
        ? { kind: 'switch', orderNumber: verdict.switchOrder!, busy: false, error: null }
        : null;
      return {
        ...state,
        view: verdict.view,
        feedback,
        panel,
        removeMode: false,
        busy: false,
        answers: seq,
        activity: null,
      };
    }
    case 'call-failed': {
      const feedback = failure(action.error, seq);
      if (state.step !== 'packing') return { ...state, busy: false, feedback, answers: seq };
      return { ...state, feedback, removeMode: false, busy: false, answers: seq, activity: null };
    }
    case 'stage-started':
      if (state.step !== 'packing') return state;
      return { ...state, activity: action.activity, removeMode: false };
    case 'labels': {
      if (state.step !== 'packing') return state;
      const { result } = action;
      const count = result.previews.length;
      const readyNow = result.view.canShip && !state.view.canShip;
      return {
        ...state,
        view: result.view,
        activity: null,
        labels: {
          ok: result.ok,
          message: result.message,
          previews: result.previews,
          problem: result.ok ? null : printerProblem(action.printer),
        },
        answers: seq,
        feedback: {
          ok: result.ok,
          // A printer that is out of paper or unplugged is a device in the wrong state for the job.
          code: result.ok ? 'OK' : 'CONFLICT',
          title: result.ok
            ? count > 1
              ? `${count} labels printed`
              : 'Label printed'
            : printRefusedTitle(action.printer),
          message: result.message,
          missing: [],
          sound: result.ok ? (readyNow ? 'attention' : 'accept') : 'reject',
          seq,
        },
      };
    }
    case 'stage-failed': {
      if (state.step !== 'packing') return state;
      const base = failure(action.error, seq);
      const feedback: Feedback = { ...base, title: STAGE_FAILED_TITLES[action.activity](action.error) };
      const labels =
        action.activity === 'printing' ? { ok: false, message: action.error.message, previews: [] } : state.labels;
      return { ...state, feedback, labels, activity: null, answers: seq };
    }
    case 'shipped':
      return shippedState(action.result, seq);
    case 'parked':
      return {
        step: 'start',
        busy: action.next !== null,
        answers: seq,
        feedback: {
          ok: true,
          code: 'OK',
          title: action.next === null ? 'Order parked' : 'Switching orders',
          message:
            action.next === null
              ? `${action.orderNumber} is parked. Scan it again to carry on where you left off.`
              : `${action.orderNumber} is parked. Opening ${action.next}…`,
          missing: [],
          sound: null,
          seq,
        },
      };
    case 'voided':
      return {
        step: 'start',
        busy: false,
        answers: seq,
        feedback: {
          ok: true,
          code: 'OK',
          title: 'Order voided',
          message: `Packing of ${action.orderNumber} was voided: nothing shipped, and the order is open again.`,
          missing: [],
          sound: null,
          seq,
        },
      };
    case 'panel-opened':
      if (state.step !== 'packing') return state;
      if (action.kind === 'override' && !state.view.lastRejection?.overridable) return state;
      return { ...state, panel: { kind: action.kind, busy: false, error: null }, removeMode: false };
    case 'panel-closed':
      if (state.step !== 'packing') return state;
      return { ...state, panel: null };
    case 'panel-busy':
      if (state.step !== 'packing' || !state.panel) return state;
      return { ...state, panel: { ...state.panel, busy: true, error: null } };
    case 'panel-failed':
      if (state.step !== 'packing' || !state.panel) return state;
      return {
        ...state,
        panel: { ...state.panel, busy: false, error: action.error.message },
        feedback: failure(action.error, seq),
        answers: seq,
      };
    case 'feedback-cleared':
      return { ...state, busy: false, feedback: null };
    case 'remove-mode':
      if (state.step !== 'packing') return state;
      return { ...state, removeMode: action.on, panel: action.on ? null : state.panel };
  }
}

/** A device stage refused before the device was asked, or the device did not answer. */
const STAGE_FAILED_TITLES: Readonly<Record<StageActivity, (error: ErrorInfo) => string | null>> = {
  weighing: (error) =>
    error.code === 'NOT_FOUND' ? 'No scale set up' : error.code === 'UNAUTHORIZED' ? null : 'No weight from the scale',
  printing: (error) =>
    error.code === 'NOT_FOUND' ? 'No label printer set up' : error.code === 'UNAUTHORIZED' ? null : 'Label not printed',
};

function shippedState(result: ShipResult, seq: number): ShipState {
  return {
    step: 'shipped',
    result,
    busy: false,
    answers: seq,
    feedback: {
      ok: true,
      code: 'OK',
      title: 'Shipped',
      message: `Order ${result.orderNumber} shipped.`,
      missing: [],
      sound: 'accept',
      seq,
    },
  };
}

function failure(error: ErrorInfo, seq: number): Feedback {
  return {
    ok: false,
    code: error.code,
    title: null,
    message: error.message,
    missing: error.code === 'SHIP_INCOMPLETE' ? missingFrom(error.details) : [],
    sound: 'reject',
    seq,
  };
}

/** SHIP_INCOMPLETE carries `{ missing }` in its details; anything else there is ignored. */
function missingFrom(details: unknown): readonly ShipMissing[] {
  if (typeof details !== 'object' || details === null || !('missing' in details)) return [];
  const missing = (details as { missing: unknown }).missing;
  return Array.isArray(missing) ? (missing as ShipMissing[]) : [];
}

/** The verdict codes a supervisor may waive; the screen only offers override when the view says so. */
export function canOverride(state: ShipState): boolean {
  return state.step === 'packing' && state.view.lastRejection?.overridable === true;
}

/** Whether a panel with its own inputs is open, so the scan field must leave the keyboard alone. */
export function scanSuspended(state: ShipState): boolean {
  return state.step === 'packing' && state.panel !== null && state.panel.kind !== 'switch';
}
