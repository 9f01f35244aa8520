import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Envelope } from '../../../../shared/errors';
import type { Channel, Input, Output } from '../../../../shared/ipc';
import type { ShipSessionView } from '../../../../shared/ipc/shipping.contract';
import {
  COMMAND_INFO,
  COMMAND_SCREEN_WORDS,
  STATION_COMMANDS,
  stationCommand,
  type StationCommand,
} from '../../../../shared/scan/station-commands';
import { useStation } from '../../api/station-context';
import { playAccept, playAttention, playReject } from '../../audio/feedback';
import { OpenSessions, type OpenSession } from './open-sessions';
import { ShipDone } from './ship-done';
import { OrderHeader, PackingForm, PackingResponse, PackingSide, packingPrompt, ResumedNotice } from './ship-packing';
import { ShipScanField } from './ship-scan-field';
import { canOverride, scanSuspended, type PrinterReport } from './ship-state';
import { ShipFeedback } from './ship-feedback';
import type { Approval } from './supervisor-panel';
import { useShipMachine } from './use-ship-machine';
import { useAuth } from '../auth/auth-context';
import { statusOf, useDevices } from '../devices/devices-context';
import { isProblem } from '../devices/device-words';
import type { ScaleLink } from './weigh-panel';
import { ScanPrompt } from '../wizard';
import type { EntrySource } from '../../scan/use-scan-input';
import { canPrint, StageProgress } from './ship-stages';

/**
 * How long the wizard waits for the scale to settle. Longer than the station's usual wait: the
 * packer may still be putting the parcel down when the key is pressed.
 */
const SCALE_WAIT_MS = 15_000;

/** The order being packed in this window, so leaving the screen or reloading comes back to it. */
const CURRENT_ORDER_KEY = 'packbench.ship.order';

const SOUNDS = { accept: playAccept, reject: playReject, attention: playAttention } as const;

/**
 * The commands that are a key on this screen. SHIP is Enter, and a scan the station answers;
 * CLOSE belongs to the receiving and transfer screens.
 */
type KeyCommand = Exclude<StationCommand, 'SHIP' | 'CLOSE'>;

const isKeyCommand = (c: StationCommand): c is KeyCommand => c !== 'SHIP' && c !== 'CLOSE';

/** Each command's key, from the one table the command sheet prints. */
const KEY_COMMANDS: Readonly<Record<string, KeyCommand>> = Object.fromEntries(
  STATION_COMMANDS.filter(isKeyCommand).map((c) => [COMMAND_INFO[c].keys.ship, c]),
);

/**
 * Scan & ship: scan the order, then each item and each unit's serials, weigh when the station
 * weighs, and ship. Every scan is answered in words, colour, icon and sound.
 */
export function ShipScreen() {
  const { api } = useStation();
  const auth = useAuth();
  const { signedOutByStation } = auth;
  const { state, dispatch, current } = useShipMachine();
  const devices = useDevices();
  // The printer reports its state with each job, just before the job's answer arrives; it is kept
  // here as it comes (not on the next render) so the answer can be headed with the printer's reason.
  const printerNow = useRef<PrinterReport | null>(null);
  const knownStatuses = devices?.statuses ?? null;
  useEffect(() => {
    printerNow.current = statusOf(knownStatuses, 'printer');
  }, [knownStatuses]);
  // The scale as the weigh step sees it: none chosen, or chosen but away (unplugged, faulty), means
  // the weight is typed. While the station has not said, the scale is asked.
  const scaleStatus = statusOf(devices?.statuses ?? null, 'scale');
  const scale: ScaleLink | null = devices?.config
    ? {
        configured: devices.config.scale !== null,
        weight: devices.weight,
        away: devices.config.scale !== null && scaleStatus !== null && isProblem(scaleStatus),
      }
    : null;
  const typeWeight = scale !== null && (!scale.configured || scale.away === true);
  const noScale = useRef(false);
  noScale.current = typeWeight;
  useEffect(
    () =>
      api.on('devices:status', (statuses) => {
        printerNow.current = statusOf(statuses, 'printer');
      }),
    [api],
  );
  const [openSessions, setOpenSessions] = useState<readonly OpenSession[]>([]);
  const supervisors = useMemo(
    () => (auth.status?.operators ?? []).filter((o) => o.role === 'supervisor').map((o) => o.name),
    [auth.status],
  );
  // Scans, key presses and button presses are handled strictly one at a time, in order.
  const queue = useRef<Promise<void>>(Promise.resolve());

  const enqueue = useCallback((work: () => Promise<void>) => {
    queue.current = queue.current.then(work, work);
  }, []);

  // The station ends a shift on its own (idle time, another sign-in): the gate then asks for sign-in.
  const call = useCallback(
    async <C extends Channel>(channel: C, input: Input<C>): Promise<Envelope<Output<C>>> => {
      const envelope = await api.invoke(channel, input);
      if (!envelope.ok && envelope.error.code === 'UNAUTHORIZED') signedOutByStation();
      return envelope;
    },
    [api, signedOutByStation],
  );

  const refreshOpen = useCallback(async () => {
    const envelope = await call('shipping:list-open', {});
    if (envelope.ok) setOpenSessions(envelope.value);
  }, [call]);

  const remember = useCallback((view: ShipSessionView | null) => {
    try {
      if (view) sessionStorage.setItem(CURRENT_ORDER_KEY, view.orderNumber);
      else sessionStorage.removeItem(CURRENT_ORDER_KEY);
    } catch {
      // Without storage a reload shows the start screen; the session itself is safe in the store.
    }
  }, []);

  const startOrder = useCallback(
    async (orderNumber: string, quiet = false) => {
      const trimmed = orderNumber.trim();
      if (trimmed === '') return;
      dispatch({ type: 'busy' });
      const envelope = await call('shipping:start', { orderNumber: trimmed });
      if (envelope.ok) {
        remember(envelope.value);
        dispatch({ type: 'started', view: envelope.value });
      } else if (quiet) {
        // The remembered order has shipped or gone meanwhile: just show the start screen.
        remember(null);
        dispatch({ type: 'feedback-cleared' });
      } else {
        dispatch({ type: 'start-failed', error: envelope.error });
      }
    },
    [call, dispatch, remember],
  );

  const handleScan = useCallback(
    (raw: string, source: EntrySource) =>
      enqueue(async () => {
        const s = current();
        const command = stationCommand(raw);
        if (s.step !== 'packing') {
          if (command === null) return startOrder(raw);
          return dispatch({
            type: 'command-refused',
            title: 'No order open',
            message: `${command} works on an open order: scan the order number first.`,
          });
        }
        if (scanSuspended(s)) return;
        // SHIP goes to the station like any scan: it ships, or says what is missing.
        if (command !== null && isKeyCommand(command)) {
          runCommandRef.current(command, 'scan');
          return;
        }
        if (command === 'CLOSE') {
          return dispatch({
            type: 'command-refused',
            title: 'Not a ship command',
            message: `CLOSE works on ${COMMAND_SCREEN_WORDS.wizard}. Here, scan SHIP when everything is packed.`,
          });
        }
        const sessionId = s.view.sessionId;
        const envelope = s.removeMode
          ? await call('shipping:remove-serial', { sessionId, serial: raw.trim() })
          : await call('shipping:scan', { sessionId, raw, source });
        if (!envelope.ok) return dispatch({ type: 'call-failed', error: envelope.error });
        dispatch({ type: 'verdict', verdict: envelope.value, origin: s.removeMode ? 'remove' : 'scan' });
        if (envelope.value.shipped) remember(null);
      }),
    [call, current, dispatch, enqueue, remember, startOrder],
  );
  // Set once the commands' own callbacks exist (below); scans only arrive after the first render.
  const runCommandRef = useRef<(command: KeyCommand, from: 'key' | 'scan') => boolean>(() => false);

  const ship = useCallback(
    () =>
      enqueue(async () => {
        const s = current();
        if (s.step !== 'packing' || s.panel) return;
        const envelope = await call('shipping:ship', { sessionId: s.view.sessionId });
        if (!envelope.ok) return dispatch({ type: 'call-failed', error: envelope.error });
        remember(null);
        dispatch({ type: 'shipped', result: envelope.value });
      }),
    [call, current, dispatch, enqueue, remember],
  );

  const removeSerial = useCallback(
    (serial: string) =>
      enqueue(async () => {
        const s = current();
        if (s.step !== 'packing') return;
        const envelope = await call('shipping:remove-serial', { sessionId: s.view.sessionId, serial });
        if (envelope.ok) dispatch({ type: 'verdict', verdict: envelope.value, origin: 'remove' });
        else dispatch({ type: 'call-failed', error: envelope.error });
      }),
    [call, current, dispatch, enqueue],
  );

  const park = useCallback(
    (next: string | null) =>
      enqueue(async () => {
        const s = current();
        if (s.step !== 'packing') return;
        if (s.panel) dispatch({ type: 'panel-busy' });
        const envelope = await call('shipping:park', { sessionId: s.view.sessionId });
        if (!envelope.ok) {
          if (s.panel) dispatch({ type: 'panel-failed', error: envelope.error });
          else dispatch({ type: 'call-failed', error: envelope.error });
          return;
        }
        remember(null);
        dispatch({ type: 'parked', orderNumber: s.view.orderNumber, next });
        if (next) await startOrder(next);
        else await refreshOpen();
      }),
    [call, current, dispatch, enqueue, refreshOpen, remember, startOrder],
  );

  const override = useCallback(
    (approval: Approval) =>
      enqueue(async () => {
        const s = current();
        if (s.step !== 'packing') return;
        dispatch({ type: 'panel-busy' });
        const envelope = await call('shipping:override', { sessionId: s.view.sessionId, ...approval });
        if (envelope.ok) dispatch({ type: 'verdict', verdict: envelope.value, origin: 'override' });
        else dispatch({ type: 'panel-failed', error: envelope.error });
      }),
    [call, current, dispatch, enqueue],
  );

  const voidOrder = useCallback(
    (approval: Approval) =>
      enqueue(async () => {
        const s = current();
        if (s.step !== 'packing') return;
        dispatch({ type: 'panel-busy' });
        const envelope = await call('shipping:void', { sessionId: s.view.sessionId, ...approval });
        if (!envelope.ok) return dispatch({ type: 'panel-failed', error: envelope.error });
        remember(null);
        dispatch({ type: 'voided', orderNumber: s.view.orderNumber });
        await refreshOpen();
      }),
    [call, current, dispatch, enqueue, refreshOpen, remember],
  );

  const weigh = useCallback(
    (grams: number) =>
      enqueue(async () => {
        const s = current();
        if (s.step !== 'packing') return;
        dispatch({ type: 'panel-busy' });
        const envelope = await call('shipping:weigh', { sessionId: s.view.sessionId, grams });
        if (envelope.ok) dispatch({ type: 'verdict', verdict: envelope.value, origin: 'weigh' });
        else dispatch({ type: 'panel-failed', error: envelope.error });
      }),
    [call, current, dispatch, enqueue],
  );

  // The device stages wait in the same queue as scans, so a scan never races a weight or a label.
  const weighOnScale = useCallback(
    () =>
      enqueue(async () => {
        const s = current();
        if (s.step !== 'packing' || !s.view.stages.weigh || scanSuspended(s)) return;
        dispatch({ type: 'stage-started', activity: 'weighing' });
        const envelope = await call('shipping:weigh-from-scale', {
          sessionId: s.view.sessionId,
          timeoutMs: SCALE_WAIT_MS,
        });
        if (envelope.ok) dispatch({ type: 'verdict', verdict: envelope.value, origin: 'weigh' });
        else dispatch({ type: 'stage-failed', activity: 'weighing', error: envelope.error });
      }),
    [call, current, dispatch, enqueue],
  );

  const printLabels = useCallback(
    () =>
      enqueue(async () => {
        const s = current();
        if (s.step !== 'packing' || !canPrint(s.view) || scanSuspended(s)) return;
        dispatch({ type: 'stage-started', activity: 'printing' });
        const envelope = await call('shipping:print-labels', { sessionId: s.view.sessionId });
        if (envelope.ok) dispatch({ type: 'labels', result: envelope.value, printer: printerNow.current });
        else dispatch({ type: 'stage-failed', activity: 'printing', error: envelope.error });
      }),
    [call, current, dispatch, enqueue],
  );

  // Coming back to the screen (or reloading) picks the order up where it was left.
  useEffect(() => {
    let order: string | null = null;
    try {
      order = sessionStorage.getItem(CURRENT_ORDER_KEY);
    } catch {
      order = null;
    }
    if (order) enqueue(() => startOrder(order, true));
    // Only on arrival: later starts are the packer's own scans.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (state.step !== 'packing') void refreshOpen();
  }, [state.step, refreshOpen]);

  const seq = state.feedback?.seq ?? 0;
  const sound = state.feedback?.sound ?? null;
  useEffect(() => {
    if (seq > 0 && sound) SOUNDS[sound]();
  }, [seq, sound]);

  /**
   * What a station key, or its command barcode, does while an order is open. False when a panel
   * with its own inputs has the keyboard: the key is then the panel's. A scanned command that
   * cannot work now is answered like a refused scan; a key just does nothing.
   */
  const runCommand = useCallback(
    (command: KeyCommand, from: 'key' | 'scan'): boolean => {
      const s = current();
      if (s.step !== 'packing') return false;
      const panel = s.panel;
      if (panel && panel.kind !== 'switch') return false;
      const refuse = (title: string, message: string) => {
        if (from === 'scan') dispatch({ type: 'command-refused', title, message });
      };
      switch (command) {
        case 'PARK':
          park(panel?.kind === 'switch' ? panel.orderNumber : null);
          return true;
        case 'VOID':
          dispatch({ type: 'panel-opened', kind: 'void' });
          return true;
        case 'REMOVE':
          dispatch({ type: 'remove-mode', on: !s.removeMode });
          return true;
        case 'WEIGH':
          if (!s.view.stages.weigh) {
            refuse('Weighing is off', 'This station does not weigh parcels: weighing is off in the station settings.');
          } else if (s.activity === null) {
            // Without a working scale the weight is typed: the same command opens the weight entry.
            if (noScale.current) dispatch({ type: 'panel-opened', kind: 'weigh' });
            else weighOnScale();
          }
          return true;
        case 'REPRINT':
          if (!s.view.stages.print) {
            refuse('Printing is off', 'This station does not print labels: printing is off in the station settings.');
          } else if (!canPrint(s.view)) {
            refuse('Nothing to print yet', 'Labels are printed once everything is packed.');
          } else if (s.activity === null) {
            printLabels();
          }
          return true;
      }
    },
    [current, dispatch, park, weighOnScale, printLabels],
  );
  runCommandRef.current = runCommand;

  // Station keys: function keys, because a scanner never sends them.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const s = current();
      if (s.step !== 'packing' || event.altKey || event.ctrlKey || event.metaKey) return;
      const panel = s.panel;
      const keyCommand = KEY_COMMANDS[event.key];
      const handled = (() => {
        if (keyCommand) return runCommand(keyCommand, 'key');
        switch (event.key) {
          case 'Escape':
            if (panel) dispatch({ type: 'panel-closed' });
            else if (s.removeMode) dispatch({ type: 'remove-mode', on: false });
            else return false;
            return true;
          case 'F9':
            if (panel && panel.kind !== 'switch') return false;
            if (canOverride(s)) dispatch({ type: 'panel-opened', kind: 'override' });
            return true;
          case 'F3':
            if (panel && panel.kind !== 'switch') return false;
            if (s.view.stages.weigh) dispatch({ type: 'panel-opened', kind: 'weigh' });
            return true;
          default:
            return false;
        }
      })();
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, dispatch, runCommand]);

  const packing = state.step === 'packing' ? state : null;
  const shipped = state.step === 'shipped' ? state.result : null;
  const prompt = packing
    ? packingPrompt(packing, typeWeight)
    : { prompt: shipped ? 'Scan the next order' : 'Scan the order number' };

  // One layout for every step, so the scan field below keeps its place in the tree and is never
  // remounted: a scanner burst that arrives while an order ships goes on into the same field.
  return (
    <section className="screen ship-screen" data-testid="ship-screen" data-step={state.step}>
      {packing ? (
        <OrderHeader view={packing.view} />
      ) : (
        <h1 tabIndex={-1} className={shipped ? 'visually-hidden' : undefined}>
          Ship
        </h1>
      )}
      {packing ? <ResumedNotice key={packing.view.sessionId} view={packing.view} /> : null}
      <div className={packing ? 'ship-grid' : 'ship-start'}>
        <div className="ship-main">
          {packing ? (
            <PackingForm
              state={packing}
              supervisors={supervisors}
              onOverride={override}
              onVoid={voidOrder}
              onWeigh={weigh}
              dispatch={dispatch}
            />
          ) : null}
          {shipped ? <ShipDone result={shipped} /> : null}
          <ScanPrompt {...prompt} />
          <ShipScanField
            label={packing ? (packing.removeMode ? 'Serial to remove' : 'Scan') : 'Order number'}
            onScan={handleScan}
            onEmptyEnter={packing ? ship : undefined}
            enabled={!scanSuspended(state)}
            removeMode={packing?.removeMode ?? false}
          />
          {packing?.activity ? <StageProgress activity={packing.activity} weight={devices?.weight ?? null} /> : null}
          {packing ? (
            <PackingResponse state={packing} onPark={park} dispatch={dispatch} />
          ) : (
            <>
              {state.feedback && !(shipped && state.feedback.ok) ? <ShipFeedback feedback={state.feedback} /> : null}
              <OpenSessions
                sessions={openSessions}
                onResume={(order) => enqueue(() => startOrder(order))}
                disabled={state.busy}
              />
            </>
          )}
        </div>
        {packing ? (
          <PackingSide
            state={packing}
            onShip={ship}
            onPark={park}
            onRemoveSerial={removeSerial}
            onWeighOnScale={weighOnScale}
            onPrint={printLabels}
            scale={scale}
            dispatch={dispatch}
          />
        ) : null}
      </div>
    </section>
  );
}
