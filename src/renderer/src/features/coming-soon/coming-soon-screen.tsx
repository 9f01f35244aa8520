import { IconInfo } from '../../components/icons';

export type PlannedScreen = 'ship' | 'receive' | 'returns' | 'serials' | 'reports' | 'settings';

interface Plan {
  readonly title: string;
  readonly feature: string;
  readonly summary: string;
  readonly steps: readonly string[];
}

const PLANS: Readonly<Record<PlannedScreen, Plan>> = {
  ship: {
    title: 'Ship',
    feature: 'scan and ship',
    summary: 'Pack an order by scanning it, item by item, with every serial number captured before it can ship.',
    steps: [
      'Scan the order number to open its lines.',
      'Scan each item; a wrong item or one too many is refused out loud.',
      'Scan each unit’s serial numbers (for example IMEI 1 and IMEI 2).',
      'Weigh the box, print the label, and ship.',
    ],
  },
  receive: {
    title: 'Receive',
    feature: 'receiving',
    summary: 'Receive a purchase order at the desk, recording each unit’s serial numbers as it comes in.',
    steps: [
      'Scan or pick the purchase order.',
      'Scan each item, then each unit’s serial numbers.',
      'Units go into stock with the PO’s cost, lot and location.',
    ],
  },
  returns: {
    title: 'Returns',
    feature: 'returns',
    summary: 'Check that a returned unit is the one that was shipped, and decide where it goes.',
    steps: [
      'Scan the returned unit’s serial number (and the order, if there is one).',
      'See at once whether it matches what was shipped on that order.',
      'Restock it or mark it defective.',
    ],
  },
  serials: {
    title: 'Serials',
    feature: 'serial look-up',
    summary: 'Answer warranty, recall and return questions from the shipped serial records.',
    steps: [
      'Search shipped serials by serial, order, SKU or product, or paste a list.',
      'Open a serial’s full history: received, shipped, returned, restocked.',
      'See warranty status from the ship date.',
    ],
  },
  reports: {
    title: 'Reports',
    feature: 'supervisor exports',
    summary: 'Export what was shipped and received, with serial numbers kept exactly as scanned.',
    steps: [
      'Shift serial log by shift, station, operator and dates, as CSV or XLSX.',
      'Purchase order arrivals with one row per serial.',
      'Serial export per product.',
    ],
  },
  settings: {
    title: 'Settings',
    feature: 'settings and devices',
    summary: 'Set the warehouse’s serial rules and this station’s scanner, scale and printer.',
    steps: [
      'Serial rules: capture on receive and ship, uniqueness, patterns, overrides.',
      'Pick and test the scanner, scale and label printer.',
      'Operators and supervisor PINs.',
    ],
  },
};

/** An honest placeholder: says what the screen will do, offers no controls that do nothing. */
export function ComingSoonScreen({ screen }: { readonly screen: PlannedScreen }) {
  const plan = PLANS[screen];
  return (
    <section className="screen" data-testid={`coming-${screen}`}>
      <h1 tabIndex={-1}>{plan.title}</h1>
      <div className="panel panel-planned">
        <IconInfo className="panel-icon" />
        <div>
          <p className="panel-title">Coming with the {plan.feature} feature</p>
          <p>{plan.summary}</p>
          <p className="muted">When it arrives, this screen will let you:</p>
          <ul className="plan-steps">
            {plan.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
          <p className="muted">Nothing on this screen works yet, so nothing here can change your data.</p>
        </div>
      </div>
    </section>
  );
}
