import { IconCheck, IconWarning } from '../../components/icons';

export interface LineProgressRow {
  readonly id: number;
  readonly sku: string;
  readonly name: string;
  readonly unitsDone: number;
  readonly unitsTotal: number;
  /** Null when the line takes no serials (not tracked, or the vendor's units skip them). */
  readonly serials: { readonly done: number; readonly total: number } | null;
}

type LineState = 'now' | 'done' | 'over' | 'todo';

function lineState(row: LineProgressRow, current: boolean): LineState {
  if (row.unitsDone > row.unitsTotal) return 'over';
  const serialsDone = row.serials === null || row.serials.done >= row.serials.total;
  if (row.unitsDone >= row.unitsTotal && serialsDone) return 'done';
  return current ? 'now' : 'todo';
}

const STATE_WORDS: Readonly<Record<LineState, string>> = { now: 'Now', done: 'Done', over: 'Over', todo: 'To do' };

/** Every line with its units and serials so far; the line being scanned is marked "Now". */
export function LineProgress({
  rows,
  currentId,
  unitsHeader = 'Units',
  caption,
}: {
  readonly rows: readonly LineProgressRow[];
  readonly currentId: number | null;
  readonly unitsHeader?: string;
  readonly caption?: string;
}) {
  return (
    <div className="table-wrap line-progress" data-testid="line-progress">
      <table className="table table-compact">
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Product</th>
            <th scope="col" className="num">
              {unitsHeader}
            </th>
            <th scope="col" className="num">
              Serials
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const state = lineState(row, row.id === currentId);
            return (
              <tr
                key={row.id}
                className={`line-${state}`}
                aria-current={row.id === currentId ? 'step' : undefined}
                data-testid={`line-${row.sku}`}
              >
                <td className="line-state">
                  <LineStateMark state={state} />
                </td>
                <td>
                  <span className="line-name">{row.name}</span> <span className="code muted">{row.sku}</span>
                </td>
                <td className="num">
                  {row.unitsDone.toLocaleString()} / {row.unitsTotal.toLocaleString()}
                </td>
                <td className="num">
                  {row.serials === null ? (
                    <span className="muted">none needed</span>
                  ) : (
                    `${row.serials.done.toLocaleString()} / ${row.serials.total.toLocaleString()}`
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function LineStateMark({ state }: { readonly state: LineState }) {
  const icon =
    state === 'done' ? (
      <IconCheck />
    ) : state === 'over' ? (
      <IconWarning />
    ) : state === 'now' ? (
      <span aria-hidden="true">▶</span>
    ) : null;
  return (
    <span className={`line-mark line-mark-${state}`}>
      {icon}
      {STATE_WORDS[state]}
    </span>
  );
}
