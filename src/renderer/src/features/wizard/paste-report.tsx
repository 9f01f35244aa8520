import type { ErrorCode } from '../../../../shared/errors';
import { IconCheck, IconError } from '../../components/icons';
import { verdictTitle } from './verdict-titles';

/** One pasted line and what the station said to it, as if it had been scanned. */
export interface PasteRow {
  readonly line: number;
  readonly input: string;
  readonly ok: boolean;
  readonly code: ErrorCode | 'OK';
  readonly message: string;
}

export interface PasteReport {
  readonly results: readonly PasteRow[];
  readonly accepted: number;
  readonly rejected: number;
}

/** The verdict line over a pasted list; `noun` is what one accepted line adds ("serial", "unit"). */
export function pasteSummary(accepted: number, rejected: number, noun: string): string {
  const added = `${accepted.toLocaleString()} ${noun}${accepted === 1 ? '' : 's'} added`;
  if (rejected === 0) return `${added}.`;
  return `${added}, ${rejected.toLocaleString()} line${rejected === 1 ? '' : 's'} refused — see the list below.`;
}

interface PasteReportViewProps {
  readonly report: PasteReport;
  readonly onDismiss: () => void;
  /** Headlines for a refused line where the screen words a code its own way. */
  readonly titles?: Partial<Record<ErrorCode | 'OK', string>>;
}

/** Every pasted line with its result, so the refused ones can be found and dealt with. */
export function PasteReportView({ report, onDismiss, titles }: PasteReportViewProps) {
  return (
    <section className="paste-report" data-testid="paste-report">
      <div className="paste-report-head">
        <h2>
          Pasted list: {report.accepted.toLocaleString()} added, {report.rejected.toLocaleString()} refused
        </h2>
        <button type="button" className="button button-quiet" onClick={onDismiss}>
          Hide this list
        </button>
      </div>
      <div className="table-wrap paste-report-table">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Pasted</th>
              <th scope="col">Result</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {report.results.map((row) => (
              <tr key={row.line} className={row.ok ? 'paste-ok' : 'paste-refused'}>
                <td className="num">{row.line}</td>
                <td>
                  <span className="code">{row.input}</span>
                </td>
                <td>
                  {row.ok ? (
                    <span className="result result-ok">
                      <IconCheck /> Added
                    </span>
                  ) : (
                    <span className="result result-refused">
                      <IconError /> {verdictTitle(row.code, titles)}
                    </span>
                  )}
                </td>
                <td>{row.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
