import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { EventPayload } from '../../../shared/ipc';
import { useStation } from '../api/station-context';
import { playReject } from '../audio/feedback';
import { IconError } from '../components/icons';

/** A scan read by a scanner the station drives itself (HID POS or serial), as the station sent it. */
export type DeviceScanEvent = EventPayload<'devices:scan'>;

/** Where such a scan came from, in the terms the scan channels record. */
export type DeviceScanSource = 'hid' | 'serial';

export function deviceScanSource(event: Pick<DeviceScanEvent, 'source'>): DeviceScanSource {
  // The scanner simulator speaks the serial protocol, so its scans count as serial ones.
  return event.source === 'hid' ? 'hid' : 'serial';
}

interface Target {
  enabled: boolean;
  readonly take: (event: DeviceScanEvent) => void;
}

/**
 * Hands each scan to the scan field that would get a keyboard scan: the one mounted last and
 * not paused. A scan with nowhere to go is said out loud rather than dropped without a word.
 */
export class DeviceScanRouter {
  readonly #targets: Target[] = [];

  register(target: Target): () => void {
    this.#targets.push(target);
    return () => {
      const at = this.#targets.indexOf(target);
      if (at >= 0) this.#targets.splice(at, 1);
    };
  }

  route(event: DeviceScanEvent): 'taken' | 'paused' | 'nowhere' {
    for (let i = this.#targets.length - 1; i >= 0; i--) {
      const target = this.#targets[i]!;
      if (target.enabled) {
        target.take(event);
        return 'taken';
      }
    }
    return this.#targets.length > 0 ? 'paused' : 'nowhere';
  }
}

const RouterContext = createContext<DeviceScanRouter | null>(null);

interface Unused {
  readonly text: string;
  readonly why: 'paused' | 'nowhere';
  readonly source: DeviceScanSource;
  readonly seq: number;
}

const UNUSED_SHOWN_MS = 8000;

/** Listens for the station's scanner scans once, for the whole window. */
export function DeviceScanProvider({ children }: { readonly children: ReactNode }) {
  const { api } = useStation();
  const router = useMemo(() => new DeviceScanRouter(), []);
  const [unused, setUnused] = useState<Unused | null>(null);

  useEffect(() => {
    let seq = 0;
    return api.on('devices:scan', (event) => {
      const outcome = router.route(event);
      if (outcome === 'taken') return;
      playReject();
      seq += 1;
      setUnused({ text: event.text, why: outcome, source: deviceScanSource(event), seq });
    });
  }, [api, router]);

  useEffect(() => {
    if (!unused) return;
    const timer = setTimeout(() => setUnused(null), UNUSED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [unused]);

  return (
    <RouterContext.Provider value={router}>
      {children}
      {unused ? <UnusedScan unused={unused} /> : null}
    </RouterContext.Provider>
  );
}

function UnusedScan({ unused }: { readonly unused: Unused }) {
  const scanner = unused.source === 'hid' ? 'USB scanner' : 'serial scanner';
  return (
    <div className="device-scan-unused" role="alert" data-testid="device-scan-unused" key={unused.seq}>
      <IconError />
      <p>
        <strong>
          A scan from the {scanner} was not used: <span className="code">{unused.text}</span>
        </strong>{' '}
        {unused.why === 'paused'
          ? 'A form is open. Finish it or close it with Esc, then scan again.'
          : 'Scans go to Ship, Receive and Returns. Open one of them, then scan again.'}
      </p>
    </div>
  );
}

/**
 * Takes scans from the station's HID and serial scanners while `enabled`, as a keyboard
 * scanner's scans reach the focused field. Outside a DeviceScanProvider it does nothing.
 */
export function useDeviceScans(onScan: (event: DeviceScanEvent) => void, enabled = true): void {
  const router = useContext(RouterContext);
  const onScanRef = useRef(onScan);
  const target = useRef<Target | null>(null);

  useEffect(() => {
    onScanRef.current = onScan;
  });

  useEffect(() => {
    if (!router) return;
    const mine: Target = { enabled, take: (event) => onScanRef.current(event) };
    target.current = mine;
    const unregister = router.register(mine);
    return () => {
      unregister();
      target.current = null;
    };
    // Registered once per mount, so the mount order (the newest field wins) is kept; `enabled` is updated below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [router]);

  useEffect(() => {
    if (target.current) target.current.enabled = enabled;
  }, [enabled]);
}
