import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { DemoSummary } from '../../../../shared/ipc/app.contract';
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

  async function loadDemo(): Promise<void> {
    setLoading(true);
    setError(null);
    const envelope = await api.invoke('app:load-demo-data', {});
    setLoading(false);
    if (envelope.ok) onDemoLoaded(envelope.value);
    else setError(envelope.error);
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
