import type { DeviceStatusView } from '../../../../shared/ipc/devices.contract';
import { IconCheck, IconError, IconUnset, IconWarning } from '../../components/icons';
import { statusOf, useDevices } from './devices-context';
import {
  DEVICE_CLASSES,
  DEVICE_LABELS,
  devicesUsedOn,
  isProblem,
  keptWords,
  MEANWHILE,
  pillWords,
  stateTone,
  STATE_WORDS,
  type DeviceClass,
  type Tone,
} from './device-words';

const TONE_ICONS = { ok: IconCheck, warn: IconWarning, bad: IconError, unset: IconUnset } as const;

export function ToneIcon({ tone }: { readonly tone: Tone }) {
  const Icon = TONE_ICONS[tone];
  return <Icon />;
}

/**
 * Scanner, scale and printer in the station frame: icon, name and state in words (the reason,
 * when something is wrong). The Devices screen has the rest.
 */
export function DevicePills() {
  const devices = useDevices();
  const statuses = devices?.statuses ?? null;
  return (
    <ul className="devices" aria-label="Devices">
      {DEVICE_CLASSES.map((deviceClass) => (
        <DevicePill
          key={deviceClass}
          deviceClass={deviceClass}
          status={statusOf(statuses, deviceClass)}
          unknown={devices?.problem != null}
        />
      ))}
    </ul>
  );
}

function DevicePill({
  deviceClass,
  status,
  unknown,
}: {
  readonly deviceClass: DeviceClass;
  readonly status: DeviceStatusView | null;
  readonly unknown: boolean;
}) {
  const tone: Tone = status ? stateTone(status.state) : 'unset';
  return (
    <li
      className={`pill pill-${tone} device-pill`}
      data-testid={`device-${deviceClass}`}
      data-state={status?.state ?? 'unknown'}
      title={status ? `${status.name}: ${status.detail}` : undefined}
    >
      <ToneIcon tone={tone} />
      <span className="device-pill-words">
        <strong>{DEVICE_LABELS[deviceClass]}</strong> {pillWords(status, deviceClass, unknown)}
      </span>
    </li>
  );
}

/**
 * On a wizard, a device it depends on that stopped working: what happened, that the session
 * is safe, and what to do meanwhile. Nothing when all is well.
 */
export function DeviceProblemBanner({ screen }: { readonly screen: string }) {
  const devices = useDevices();
  const used = devicesUsedOn(screen);
  const problems = (devices?.statuses ?? []).filter((s) => used.includes(s.deviceClass) && isProblem(s));
  if (problems.length === 0) return null;
  const worst: Tone = problems.some((p) => stateTone(p.state) === 'bad') ? 'bad' : 'warn';
  return (
    <div
      className={`banner banner-device banner-device-${worst}`}
      role={worst === 'bad' ? 'alert' : 'status'}
      data-testid="device-banner"
    >
      <ToneIcon tone={worst} />
      <p>
        {problems.map((p) => (
          <span key={p.deviceClass} className="banner-device-problem">
            <strong>
              {DEVICE_LABELS[p.deviceClass]}: {p.detail.trim().replace(/\.$/, '') || STATE_WORDS[p.state]}.
            </strong>{' '}
            {MEANWHILE[p.deviceClass]}{' '}
          </span>
        ))}
        <strong className="banner-device-kept">{keptWords(screen)}</strong>
      </p>
    </div>
  );
}
