import { useState, type KeyboardEvent } from 'react';
import { ApprovalOffered, useSupervisorAccess } from '../settings/supervisor-access';
import { SupervisorApproval } from '../settings/supervisor-approval';
import { DashboardView } from './dashboard-view';
import { ExportForms } from './export-forms';

type Tab = 'today' | 'exports';

const TABS: readonly { readonly id: Tab; readonly label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: 'exports', label: 'Exports' },
];

/** Reports: how the day is going, and the serial logs the office wants at the end of a shift. */
export function ReportsScreen({ initialTab = 'today' }: { readonly initialTab?: Tab }) {
  const supervisor = useSupervisorAccess();
  const [tab, setTab] = useState<Tab>(initialTab);

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>): void {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const index = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next.id);
    document.getElementById(`reports-tab-${next.id}`)?.focus();
  }

  return (
    <ApprovalOffered.Provider value={true}>
      <section className="screen sv-screen" data-testid="reports-screen">
        <div className="screen-head">
          <h1 tabIndex={-1}>Reports</h1>
          <div className="sv-tabs" role="tablist" aria-label="Reports">
            {TABS.map((t) => (
              <button
                key={t.id}
                id={`reports-tab-${t.id}`}
                type="button"
                role="tab"
                className="sv-tab"
                aria-selected={tab === t.id}
                aria-controls={`reports-panel-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => setTab(t.id)}
                onKeyDown={onTabKey}
              >
                {t.label}
              </button>
            ))}
          </div>
        </div>
        <SupervisorApproval supervisor={supervisor} what="see the day’s figures and export serial records" />
        <div id={`reports-panel-${tab}`} role="tabpanel" aria-labelledby={`reports-tab-${tab}`}>
          {tab === 'today' ? <DashboardView supervisor={supervisor} /> : <ExportForms supervisor={supervisor} />}
        </div>
      </section>
    </ApprovalOffered.Provider>
  );
}
