import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { DemoSummary, SimulatedDevicesSummary } from '../../../../shared/ipc/app.contract';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';

interface FirstRunScreenProps {
  readonly onDemoLoaded: (summary: DemoSummary) => void;
  readonly onImport: () => void;
}

/** Shown while the store is empty: try the station with demo data, or bring your own. */
export function FirstRunScreen({ onDemoLoaded, onImport }: FirstRunScreenProps) {
  const { api } = useStation();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [simulated, setSimulated] = useState(true);
  const [devicesOutcome, setDevicesOutcome] = useState<DemoSummary | null>(null);

  async function loadDemo(): Promise<void> {
    setLoading(true);
    setError(null);
    const envelope = await api.invoke('app:load-demo-data', { simulatedDevices: simulated });
    setLoading(false);
    if (!envelope.ok) setError(envelope.error);
    // Something the newcomer should know about the devices (e.g. no simulated scale) is said before moving on.
    else if ((envelope.value.simulatedDevices?.notes.length ?? 0) > 0) setDevicesOutcome(envelope.value);
    else onDemoLoaded(envelope.value);
  }

  if (devicesOutcome?.simulatedDevices) {
    return (
      <SimulatedDevicesOutcome
        outcome={devicesOutcome.simulatedDevices}
        onContinue={() => onDemoLoaded(devicesOutcome)}
      />
    );
  }

  return (
    <section className="screen welcome" data-testid="first-run">
      <h1 tabIndex={-1}>Welcome to Packbench</h1>
      <p className="lead">
        This station has no products, orders or purchase orders yet. Try it with demo data first, or bring in your own.
      </p>
      {error ? (
        <Notice tone="error" title="The demo data could not be loaded">
          <p>{error.message}</p>
        </Notice>
      ) : null}
      <div className="choices">
        <div className="choice choice-primary">
          <h2>
            Try it with demo data <span className="badge badge-demo">Demo</span>
          </h2>
          <p>
            Loads sample products (some with serial numbers, one phone with two IMEIs), customer orders and purchase
            orders from sample vendors, so you can try a full receive → ship → look-up cycle.
          </p>
          <p className="muted">Everything it adds is marked as demo data. It only loads into an empty station.</p>
          <label className="sv-switch">
            <input
              type="checkbox"
              role="switch"
              checked={simulated}
              onChange={(event) => setSimulated(event.target.checked)}
              data-testid="demo-simulated-devices"
            />
            <span>
              <strong>Also use a simulated scale and label printer</strong>{' '}
              <span className="sv-switch-state">{simulated ? 'On' : 'Off'}</span>
              <span className="sv-hint">
                So you can weigh and print in Ship without hardware. They show as “Simulated … (demo)” and only take the
                place of devices not set up yet.
              </span>
            </span>
          </label>
          <button
            type="button"
            className="button button-primary button-big"
            onClick={() => void loadDemo()}
            disabled={loading}
            autoFocus
          >
            {loading ? 'Loading demo data…' : 'Load demo data'}
          </button>
        </div>
        <div className="choice">
          <h2>Use my own data</h2>
          <p>
            Import products, orders and purchase orders from CSV files exported from a spreadsheet or shop system. You
            see every problem before anything is saved.
          </p>
          <button type="button" className="button button-big" onClick={onImport}>
            Import my own data
          </button>
        </div>
      </div>
    </section>
  );
}

/** The demo data is in; what became of the simulated devices, when there is something to tell. */
function SimulatedDevicesOutcome({
  outcome,
  onContinue,
}: {
  readonly outcome: SimulatedDevicesSummary;
  readonly onContinue: () => void;
}) {
  return (
    <section className="screen welcome" data-testid="demo-devices-outcome">
      <h1 tabIndex={-1}>Demo data loaded</h1>
      {outcome.devices.length > 0 ? (
        <Notice tone="success" title="Simulated devices are set up">
          <ul>
            {outcome.devices.map((device) => (
              <li key={device.deviceClass}>
                <strong>{device.name}</strong> — {device.detail}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <Notice tone="warning" title="Not every simulated device could be set up">
        <ul>
          {outcome.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </Notice>
      <button type="button" className="button button-primary button-big" onClick={onContinue} autoFocus>
        Continue to the demo products
      </button>
    </section>
  );
}
