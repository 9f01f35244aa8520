import fs from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { LEDGER_COLUMNS, writeLedger } from './ledger-rows';
import { type PlanOptions, buildPlan } from './plan';

/**
 * The ledger is the biggest and slowest table to seed (a random-order UNIQUE index on the
 * hash). It is built on a second thread, into a scratch file with the store's own table
 * and index definitions, while the main thread writes everything else; the main thread
 * then copies it in with one INSERT ... SELECT *, which SQLite turns into a page-order
 * copy of the table and of each index (the transfer optimization).
 */
export interface LedgerBuildRequest {
  readonly plan: PlanOptions;
  readonly file: string;
  readonly tableSql: string;
  readonly indexSql: readonly string[];
}

type Message =
  | { readonly kind: 'progress'; readonly phase: string; readonly done: number; readonly total: number }
  | { readonly kind: 'done'; readonly rows: number }
  | { readonly kind: 'failed'; readonly message: string };

const COMMIT_EVERY = 1_000_000;

function buildLedgerFile(request: LedgerBuildRequest, post: (message: Message) => void): number {
  const plan = buildPlan(request.plan);
  fs.rmSync(request.file, { force: true });
  const db = new BetterSqlite3(request.file);
  try {
    db.unsafeMode(true);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -524288');
    db.pragma('temp_store = MEMORY');
    db.exec(request.tableSql);
    const placeholders = LEDGER_COLUMNS.split(',')
      .map(() => '?')
      .join(', ');
    const insert = db.prepare(`INSERT INTO serial_events (${LEDGER_COLUMNS}) VALUES (${placeholders})`);
    const total = plan.eventCount;
    let written = 0;
    db.exec('BEGIN');
    writeLedger(
      plan,
      (row) => {
        insert.run(...row);
        written += 1;
        if (written % COMMIT_EVERY === 0) {
          db.exec('COMMIT');
          db.exec('BEGIN');
        }
      },
      (done) => post({ kind: 'progress', phase: 'ledger (second thread)', done, total }),
    );
    db.exec('COMMIT');
    request.indexSql.forEach((sql, i) => {
      post({ kind: 'progress', phase: 'ledger indexes (second thread)', done: i, total: request.indexSql.length });
      db.exec(sql);
    });
    return total;
  } finally {
    db.close();
  }
}

export interface LedgerBuild {
  /** Resolves with the row count once the file is complete; rejects if the build failed. */
  readonly done: Promise<number>;
  stop(): Promise<void>;
}

/** Starts building the ledger file on a worker thread. */
export function startLedgerBuild(
  request: LedgerBuildRequest,
  onProgress: (phase: string, done: number, total: number) => void,
): LedgerBuild {
  const worker = new Worker(new URL('./ledger-worker.mjs', import.meta.url), { workerData: { ledgerBuild: request } });
  const done = new Promise<number>((resolve, reject) => {
    worker.on('message', (message: Message) => {
      if (message.kind === 'progress') onProgress(message.phase, message.done, message.total);
      else if (message.kind === 'done') resolve(message.rows);
      else reject(new Error(message.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the ledger thread stopped (exit code ${code})`)));
  });
  // Settled or not, nobody else waits on it; a failure is handled where it is awaited.
  done.catch(() => undefined);
  return {
    done,
    async stop() {
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort && (workerData as { ledgerBuild?: LedgerBuildRequest } | null)?.ledgerBuild) {
  const port = parentPort;
  const request = (workerData as { ledgerBuild: LedgerBuildRequest }).ledgerBuild;
  try {
    const rows = buildLedgerFile(request, (message) => port.postMessage(message));
    port.postMessage({ kind: 'done', rows } satisfies Message);
  } catch (error) {
    port.postMessage({
      kind: 'failed',
      message: error instanceof Error ? error.message : String(error),
    } satisfies Message);
  }
}
