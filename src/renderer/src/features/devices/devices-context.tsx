import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type {
  DevicesConfig,
  DevicesView,
  DeviceStatusView,
  HotplugView,
  WeightView,
} from '../../../../shared/ipc/devices.contract';
import { useConnection, useStation } from '../../api/station-context';
import { ask } from '../settings/supervisor-access';

/** What this window knows of the station's scanner, scale and printer. */
export interface DevicesState {
  /** Null until the station has answered. */
  readonly statuses: readonly DeviceStatusView[] | null;
  readonly config: DevicesConfig | null;
  /** The scale's latest reading, live. */
  readonly weight: WeightView | null;
  /** Whether USB plug-in events reach the station; null when it does not say. */
  readonly hotplug: HotplugView | null;
  /** Why the station could not say, when it could not. */
  readonly problem: string | null;
}

export interface Devices extends DevicesState {
  /** Asks the station again (the configuration may have changed at another window). */
  refresh(): void;
  /** Takes the station's answer to a configuration change. */
  applyView(view: DevicesView): void;
}

const DevicesContext = createContext<Devices | null>(null);

const EMPTY: DevicesState = { statuses: null, config: null, weight: null, hotplug: null, problem: null };

/**
 * One subscription per window to device status and scale readings: the station frame, the
 * ship wizard and the Devices screen all read the same picture.
 */
export function DevicesProvider({ children }: { readonly children: ReactNode }) {
  const { api } = useStation();
  const connection = useConnection();
  const [state, setState] = useState<DevicesState>(EMPTY);
  const latest = useRef(0);

  const applyView = useCallback((view: DevicesView) => {
    setState((before) => ({
      statuses: view.statuses,
      config: view.config,
      // A live reading that arrived meanwhile is newer than the one in the answer; no scale, no reading.
      weight: view.config.scale ? (before.weight ?? view.weight) : null,
      hotplug: view.hotplug ?? null,
      problem: null,
    }));
  }, []);

  const refresh = useCallback(() => {
    const mine = ++latest.current;
    void ask(api, 'devices:get').then((envelope) => {
      if (mine !== latest.current) return;
      if (envelope.ok) applyView(envelope.value);
      else setState((before) => ({ ...before, problem: envelope.error.message }));
    });
  }, [api, applyView]);

  // Every (re)connection asks again: devices may have come and gone while the link was down.
  useEffect(() => {
    if (connection.status === 'open') refresh();
  }, [connection.status, refresh]);

  useEffect(() => {
    const offStatus = api.on('devices:status', (statuses) => setState((before) => ({ ...before, statuses })));
    const offWeight = api.on('devices:weight', (weight) => setState((before) => ({ ...before, weight })));
    return () => {
      offStatus();
      offWeight();
    };
  }, [api]);

  const value = useMemo<Devices>(() => ({ ...state, refresh, applyView }), [state, refresh, applyView]);
  return <DevicesContext.Provider value={value}>{children}</DevicesContext.Provider>;
}

/** The station's devices as this window knows them; null outside a DevicesProvider. */
export function useDevices(): Devices | null {
  return useContext(DevicesContext);
}

/** The status of one device class, if the station has reported it. */
export function statusOf(
  statuses: readonly DeviceStatusView[] | null,
  deviceClass: DeviceStatusView['deviceClass'],
): DeviceStatusView | null {
  return statuses?.find((s) => s.deviceClass === deviceClass) ?? null;
}
