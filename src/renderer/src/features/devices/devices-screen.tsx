import { useEffect, useState, type ReactNode } from 'react';
import type { Input } from '../../../../shared/ipc';
import type { DevicesConfig, DeviceStatusView, HotplugView } from '../../../../shared/ipc/devices.contract';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';
import {
  ApprovalOffered,
  ask,
  refusalText,
  SupervisorOnlyNote,
  useSupervisorAccess,
} from '../settings/supervisor-access';
import { SupervisorApproval } from '../settings/supervisor-approval';
import {
  printerConfig,
  printerDraft,
  scaleConfig,
  scaleDraft,
  scannerConfig,
  scannerDraft,
  type Checked,
  type PrinterDraft,
  type ScaleDraft,
  type ScannerDraft,
} from './device-drafts';
import { PrinterForm, ScaleForm, ScannerForm, type SaveAnswer } from './device-forms';
import { ToneIcon } from './device-status';
import { LiveWeight, PrintCommandLabels, TestPrint, TestScan } from './device-tests';
import { configSummary, DEVICE_LABELS, stateTone, STATE_WORDS, type DeviceClass } from './device-words';
import { statusOf, useDevices } from './devices-context';
import { DiscoverPanel, type Discovery, type UseFound } from './discover-panel';
import { CommandSheet } from '../ship/command-barcodes';

type Configure = NonNullable<Input<'devices:configure'>>;

interface Drafts {
  readonly scanner: ScannerDraft;
  readonly scale: ScaleDraft;
  readonly printer: PrinterDraft;
}

function draftsOf(config: DevicesConfig): Drafts {
  return {
    scanner: scannerDraft(config.scanner),
    scale: scaleDraft(config.scale),
    printer: printerDraft(config.printer),
  };
}

const SAVED_WORDS: Readonly<Record<DeviceClass, string>> = {
  scanner: 'Saved. The scanner is being opened; its state shows above.',
  scale: 'Saved. The scale is being opened; its state and weight show above.',
  printer: 'Saved. The printer is being checked; its state shows above. Try a test print.',
};

/** How long to wait before asking again whether plug-in detection has started. */
const HOTPLUG_RECHECK_MS = 2000;

const APPROVAL_WHAT = 'choose this station’s scanner, scale and label printer';

/**
 * This station's scanner, scale and label printer: how each is doing, which one is used,
 * and a way to try each. Anyone may look and test; only a supervisor changes the choice,
 * by signing in or approving here with their PIN.
 */
export function DevicesScreen() {
  const { api } = useStation();
  const devices = useDevices();
  const supervisor = useSupervisorAccess();
  const { access, allowed, recheck } = supervisor;
  const config = devices?.config ?? null;
  const [drafts, setDrafts] = useState<Drafts | null>(null);
  const [saving, setSaving] = useState<DeviceClass | null>(null);
  const [answers, setAnswers] = useState<Readonly<Record<DeviceClass, SaveAnswer>>>({
    scanner: null,
    scale: null,
    printer: null,
  });
  const [discovery, setDiscovery] = useState<Discovery | null>(null);
  const [finding, setFinding] = useState(false);
  const [findProblem, setFindProblem] = useState<string | null>(null);

  // The configuration may have been changed at another window since this one last asked.
  const refresh = devices?.refresh;
  useEffect(() => refresh?.(), [refresh]);

  // The forms start from the saved configuration, once it is known.
  useEffect(() => {
    if (config && drafts === null) setDrafts(draftsOf(config));
  }, [config, drafts]);

  const answer = (deviceClass: DeviceClass, value: SaveAnswer) =>
    setAnswers((before) => ({ ...before, [deviceClass]: value }));

  const save = async (deviceClass: DeviceClass) => {
    if (!drafts) return;
    const checked: Checked<Configure[DeviceClass]> =
      deviceClass === 'scanner'
        ? scannerConfig(drafts.scanner)
        : deviceClass === 'scale'
          ? scaleConfig(drafts.scale)
          : printerConfig(drafts.printer);
    if (!checked.ok) return answer(deviceClass, { ok: false, text: checked.problem });
    setSaving(deviceClass);
    answer(deviceClass, null);
    const envelope = await ask(api, 'devices:configure', { [deviceClass]: checked.value });
    setSaving(null);
    if (!envelope.ok) {
      if (envelope.error.code === 'FORBIDDEN' || envelope.error.code === 'UNAUTHORIZED') recheck();
      return answer(deviceClass, { ok: false, text: refusalText(envelope.error) });
    }
    devices?.applyView(envelope.value);
    setDrafts((before) => {
      const saved = draftsOf(envelope.value.config);
      return before ? { ...before, [deviceClass]: saved[deviceClass] } : saved;
    });
    answer(deviceClass, { ok: true, text: SAVED_WORDS[deviceClass] });
  };

  const find = async () => {
    setFinding(true);
    setFindProblem(null);
    const envelope = await ask(api, 'devices:discover');
    setFinding(false);
    if (envelope.ok) setDiscovery(envelope.value);
    else setFindProblem(envelope.error.message);
  };

  const use = (found: UseFound) => {
    setDrafts((before) => {
      if (!before) return before;
      if (found.deviceClass === 'printer')
        return { ...before, printer: { ...before.printer, enabled: true, address: found.address } };
      if (found.deviceClass === 'scanner')
        return { ...before, scanner: { ...before.scanner, kind: found.kind, path: found.path } };
      return { ...before, scale: { ...before.scale, kind: found.kind, path: found.path } };
    });
    answer(found.deviceClass, {
      ok: true,
      text: `Filled in from what was found. Check the rest, then save the ${DEVICE_LABELS[found.deviceClass].toLowerCase()}.`,
    });
    // Focus moves to the card that was filled in, which also brings it into view.
    document.getElementById(`device-${found.deviceClass}-title`)?.focus();
  };

  const shell = (deviceClass: DeviceClass) => ({
    locked: !allowed,
    busy: saving === deviceClass,
    answer: answers[deviceClass],
    onSave: () => void save(deviceClass),
    discovery,
  });

  const statuses = devices?.statuses ?? null;
  return (
    <ApprovalOffered.Provider value={true}>
      <section className="screen devices-screen" data-testid="devices-screen">
        <div className="screen-head">
          <h1 tabIndex={-1}>Devices</h1>
        </div>
        <SupervisorApproval supervisor={supervisor} what={APPROVAL_WHAT} />
        <p className="lead">
          This station’s scanner, scale and label printer. Anyone can look and try them; only a supervisor changes which
          ones are used. Changes take effect at once.
        </p>
        <HotplugLine hotplug={devices?.hotplug ?? null} onStarting={refresh} />
        <SupervisorOnlyNote access={access} what="change the devices" id="devices-locked" />
        {devices?.problem ? (
          <Notice tone="error" title="The station did not say how its devices are">
            <p>{devices.problem}</p>
          </Notice>
        ) : null}
        {drafts === null ? (
          <p className="loading">Asking the station about its devices…</p>
        ) : (
          <div className="devices-grid">
            <DeviceCard deviceClass="scanner" status={statusOf(statuses, 'scanner')} config={config}>
              <ScannerForm
                draft={drafts.scanner}
                onChange={(scanner) => setDrafts({ ...drafts, scanner })}
                shell={shell('scanner')}
              />
              <TestScan wedge={!config?.scanner || config.scanner.kind === 'wedge'} />
            </DeviceCard>
            <DeviceCard deviceClass="scale" status={statusOf(statuses, 'scale')} config={config}>
              <LiveWeight weight={devices?.weight ?? null} hasScale={Boolean(config?.scale)} />
              <ScaleForm
                draft={drafts.scale}
                onChange={(scale) => setDrafts({ ...drafts, scale })}
                shell={shell('scale')}
              />
            </DeviceCard>
            <DeviceCard deviceClass="printer" status={statusOf(statuses, 'printer')} config={config}>
              <PrinterForm
                draft={drafts.printer}
                onChange={(printer) => setDrafts({ ...drafts, printer })}
                shell={shell('printer')}
              />
              <TestPrint hasPrinter={Boolean(config?.printer)} />
            </DeviceCard>
          </div>
        )}
        <DiscoverPanel
          discovery={discovery}
          busy={finding}
          problem={findProblem}
          locked={!allowed || drafts === null}
          onFind={() => void find()}
          onUse={use}
        />
        <CommandSheet>
          <PrintCommandLabels hasPrinter={Boolean(config?.printer)} />
        </CommandSheet>
      </section>
    </ApprovalOffered.Provider>
  );
}

/**
 * One quiet line on whether plugging a device in is noticed at once. Without it, devices still
 * come back: their drivers keep trying.
 */
function HotplugLine({
  hotplug,
  onStarting,
}: {
  readonly hotplug: HotplugView | null;
  readonly onStarting: (() => void) | undefined;
}) {
  const starting = hotplug?.state === 'starting';
  // Starting takes a moment after the station opens; the answer is asked for again shortly.
  useEffect(() => {
    if (!starting || !onStarting) return;
    const timer = setTimeout(onStarting, HOTPLUG_RECHECK_MS);
    return () => clearTimeout(timer);
  }, [starting, onStarting]);
  if (hotplug === null) return null;
  return (
    <p className="muted devices-hotplug" data-testid="devices-hotplug">
      {hotplug.state === 'on'
        ? 'Plug-in detection: on'
        : hotplug.state === 'starting'
          ? 'Plug-in detection: starting…'
          : `Plug-in detection: off — ${hotplug.reason ?? 'not available at this station'}; devices are re-checked every few seconds`}
    </p>
  );
}

function DeviceCard({
  deviceClass,
  status,
  config,
  children,
}: {
  readonly deviceClass: DeviceClass;
  readonly status: DeviceStatusView | null;
  readonly config: DevicesConfig | null;
  readonly children: ReactNode;
}) {
  const tone = status ? stateTone(status.state) : 'unset';
  const titleId = `device-${deviceClass}-title`;
  return (
    <section className="device-card" aria-labelledby={titleId} data-testid={`device-card-${deviceClass}`}>
      <div className="device-card-head">
        <h2 id={titleId} tabIndex={-1}>
          {DEVICE_LABELS[deviceClass]}
        </h2>
        <span className={`pill pill-${tone}`} data-testid={`device-card-${deviceClass}-state`}>
          <ToneIcon tone={tone} />
          {cardStateWords(deviceClass, status)}
        </span>
      </div>
      <dl className="device-facts">
        <div>
          <dt>Set up</dt>
          <dd data-testid={`device-card-${deviceClass}-config`}>{configSummary(config, deviceClass)}</dd>
        </div>
        {/* Nothing chosen: "now" would only repeat what "set up" says. */}
        {status && status.state !== 'not-configured' ? (
          <div>
            <dt>Now</dt>
            <dd data-testid={`device-card-${deviceClass}-detail`}>
              {status.name ? <strong>{status.name}: </strong> : null}
              {status.detail || STATE_WORDS[status.state]}{' '}
              <span className="muted">(since {sinceWords(status.since)})</span>
            </dd>
          </div>
        ) : null}
      </dl>
      {children}
    </section>
  );
}

/** The state on a card's badge; without a chosen scanner, scans still come from a keyboard scanner. */
function cardStateWords(deviceClass: DeviceClass, status: DeviceStatusView | null): string {
  if (!status) return 'Checking…';
  if (deviceClass === 'scanner' && status.state === 'not-configured') return 'Keyboard scanner';
  return STATE_WORDS[status.state];
}

function sinceWords(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'just now';
  return at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
