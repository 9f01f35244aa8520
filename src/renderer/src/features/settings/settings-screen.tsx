import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { SettingsView } from '../../../../shared/ipc/admin.contract';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';
import { BackupSection } from './backup-section';
import { OperatorsSection } from './operators-section';
import { RulesSection } from './rules-section';
import { ShiftExportSection } from './shift-export-section';
import { StationSection } from './station-section';
import { ApprovalOffered, ask, useSupervisorAccess } from './supervisor-access';
import { SupervisorApproval } from './supervisor-approval';

type Loaded =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: ErrorInfo }
  | { readonly state: 'ready'; readonly view: SettingsView };

const SECTIONS = [
  ['settings-rules', 'Rules'],
  ['settings-station', 'Station'],
  ['settings-shift-log', 'Shift log'],
  ['settings-backups', 'Backups'],
  ['settings-operators', 'Operators'],
] as const;

/** Settings: the organization's rules, this station, backups and operators. Anyone may read them. */
export function SettingsScreen({ onOpenDevices }: { readonly onOpenDevices?: () => void } = {}) {
  const { api } = useStation();
  const supervisor = useSupervisorAccess();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  const load = useCallback(async () => {
    const envelope = await ask(api, 'settings:get', {});
    setLoaded(envelope.ok ? { state: 'ready', view: envelope.value } : { state: 'failed', error: envelope.error });
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const saved = (view: SettingsView) => setLoaded({ state: 'ready', view });
  return (
    <ApprovalOffered.Provider value={true}>
      <section className="screen sv-screen" data-testid="settings-screen">
        <div className="screen-head">
          <h1 tabIndex={-1}>Settings</h1>
          {/* Buttons, not #anchors: the address hash names the screen, and a reload must come back here. */}
          <nav className="sv-jump" aria-label="Settings sections">
            {SECTIONS.map(([target, label]) => (
              <button
                key={target}
                type="button"
                className="button button-quiet"
                onClick={() => document.getElementById(target)?.scrollIntoView({ block: 'start' })}
              >
                {label}
              </button>
            ))}
          </nav>
        </div>
        <SupervisorApproval supervisor={supervisor} what="change the rules, this station, backups and operators" />
        {loaded.state === 'loading' ? <p className="loading">Loading settings…</p> : null}
        {loaded.state === 'failed' ? (
          <Notice tone="error" title="The settings could not be loaded">
            <p>{loaded.error.message}</p>
            <button type="button" className="button" onClick={() => void load()}>
              Try again
            </button>
          </Notice>
        ) : null}
        {loaded.state === 'ready' ? (
          <div className="sv-settings">
            <div id="settings-rules" className="sv-anchor">
              <RulesSection view={loaded.view} supervisor={supervisor} onSaved={saved} />
            </div>
            <div className="sv-settings-side">
              <div id="settings-station" className="sv-anchor">
                <StationSection
                  view={loaded.view}
                  supervisor={supervisor}
                  onSaved={saved}
                  {...(onOpenDevices ? { onOpenDevices } : {})}
                />
              </div>
              <div id="settings-shift-log" className="sv-anchor">
                <ShiftExportSection view={loaded.view} supervisor={supervisor} onSaved={saved} />
              </div>
              <div id="settings-backups" className="sv-anchor">
                <BackupSection
                  view={loaded.view}
                  supervisor={supervisor}

                  onSaved={saved}
                  onBackedUp={() => void load()}
                />
              </div>
              <div id="settings-operators" className="sv-anchor">
                <OperatorsSection supervisor={supervisor} />
              </div>
            </div>
          </div>
        ) : null}
      </section>
    </ApprovalOffered.Provider>
  );
}
