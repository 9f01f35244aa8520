import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../shared/errors';
import { ImportKind, MAX_IMPORT_BYTES, type ImportPreview } from '../shared/ipc/imports.contract';
import { createAppContext, type AppContext } from './app-context';
import { resolveDataDir } from './paths';
import {
  readLines,
  runReceiveScript,
  runReturnScript,
  runShipScript,
  runTransferScript,
} from './scripting/session-runner';
import { Place } from '../shared/ipc/transfers.contract';
import { SHIPPED_SORT_COLUMNS, ShippedQuery, UnitStatus } from '../shared/ipc/serials.contract';
import { ExportRequest } from '../shared/ipc/exports.contract';
import type { Caller } from './dispatcher';
import { Role } from '../shared/ipc/auth.contract';
import { DEVICE_COMMANDS_USAGE, runDeviceCommand } from './devices/cli-devices';

/** Exit codes: 0 success, 1 validation errors reported, 2 usage or fatal error. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_FATAL = 2;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readonly env: NodeJS.ProcessEnv;
  /** Standard input, for scripted sessions without --input. */
  readonly stdin?: NodeJS.ReadableStream;
}

const USAGE = `Usage: packbench [--data-dir DIR] [--json] <command>

Commands:
  import products|orders|pos FILE [--dry-run]   validate a CSV and, if it has no errors, import it (all or nothing)
  demo-data                                     fill an empty store with clearly marked demo data
  check                                         SQLite integrity check and ledger chain verification
  status                                        what the store holds
  operators add --name NAME --role packer|receiver|supervisor --pin PIN
  operators list
  session receive --po N [--input FILE] [--operator NAME --pin PIN]
  session ship --order N [--input FILE] [--operator NAME --pin PIN]
  session return [--input FILE] [--operator NAME --pin PIN]
  session transfer --from WAREHOUSE[/LOCATION] --to WAREHOUSE[/LOCATION] [--input FILE] [--operator NAME --pin PIN]
  serials shipped [--serial S]... [--serials-file F] [--order O] [--sku S] [--name N] [--search Q]
                  [--sort COL[:asc|desc]] [--limit N]   COL: serial, order, product, shippedAt, createdAt, warranty
  serials history SERIAL                        a serial's whole story, with the ledger chain checked
  serials list --status in_stock|reserved|sold|returned|defective [--sku S] [--limit N]
  export shift-log --from DATE --to DATE [--station S] [--operator NAME] [--shift ID]
                   [--include-received] [--include-returned] --format csv|xlsx --out FILE
                   DATEs are local days of this machine (set TZ=America/Los_Angeles for another zone);
                   times are written with their offset, e.g. 2026-11-23T16:05:12-08:00
  export po-serials --po N --format csv|xlsx --out FILE
  export product-serials --sku S [--sku S]... --format csv|xlsx --out FILE
                                                scripted sessions: one scan or !action per line (DESIGN.md §8)
${DEVICE_COMMANDS_USAGE}

Options:
  --data-dir DIR   the store folder (default: PACKBENCH_DATA_DIR or the per-user app data folder)
  --json           machine-readable output (one JSON document)
Exit codes: 0 success, 1 validation errors reported, 2 usage or fatal error.`;

class UsageError extends Error {}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const deviceCommand = deviceGroup(argv);
  if (deviceCommand !== null) {
    // Device commands talk to hardware, not the store: they parse their own options.
    return runDeviceCommand(
      deviceCommand.group,
      deviceCommand.args,
      {
        out: io.out,
        err: io.err,
        ...(io.stdin === undefined ? {} : { stdin: io.stdin }),
      },
      { env: io.env, ...(deviceCommand.dataDir === undefined ? {} : { dataDir: deviceCommand.dataDir }) },
    );
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        po: { type: 'string' },
        order: { type: 'string' },
        input: { type: 'string' },
        operator: { type: 'string' },
        pin: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        serial: { type: 'string', multiple: true },
        'serials-file': { type: 'string' },
        sku: { type: 'string', multiple: true },
        search: { type: 'string' },
        sort: { type: 'string' },
        status: { type: 'string' },
        limit: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        station: { type: 'string' },
        shift: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        'include-received': { type: 'boolean', default: false },
        'include-returned': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT_FATAL;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? EXIT_OK : EXIT_FATAL;
  }
  const json = values.json;
  const print = (human: string, data: unknown) => io.out(json ? JSON.stringify(data, null, 2) : human);

  let context: AppContext | undefined;
  try {
    const open = () =>
      (context = createAppContext({
        dataDir: resolveDataDir(values['data-dir'], io.env),
        mode: 'cli',
        stationName: 'cli',
      }));
    switch (command) {
      case 'import': {
        const [kindArg, file] = rest;
        const kind = ImportKind.safeParse(kindArg);
        if (!kind.success || !file || rest.length !== 2)
          throw new UsageError('import needs a kind (products, orders or pos) and one FILE');
        const content = readCsvFile(file);
        const ctx = open();
        const preview = await ctx.services.imports.preview({ kind: kind.data, fileName: file, content });
        if (preview.errors.length > 0) {
          ctx.services.imports.discard(preview.importId);
          print(describeErrors(preview), { ok: false, preview: withoutSample(preview) });
          return EXIT_INVALID;
        }
        if (values['dry-run']) {
          ctx.services.imports.discard(preview.importId);
          print(
            `No errors in ${preview.records} ${kind.data} (${preview.rows} rows); nothing written (dry run).\n${countsLine(preview.counts)}`,
            {
              ok: true,
              dryRun: true,
              preview: withoutSample(preview),
            },
          );
          return EXIT_OK;
        }
        const result = await ctx.services.imports.commit(preview.importId);
        print(
          [`Imported ${preview.records} ${kind.data} from ${file}.`, countsLine(result.counts), ...result.notes].join(
            '\n',
          ),
          {
            ok: true,
            result,
          },
        );
        return EXIT_OK;
      }
      case 'demo-data': {
        if (rest.length) throw new UsageError('demo-data takes no arguments');
        const summary = await open().services.demo.load();
        print(
          `Demo data loaded: ${summary.products} products, ${summary.orders} orders, ${summary.purchaseOrders} purchase orders, ${summary.vendors} vendors.`,
          { ok: true, ...summary },
        );
        return EXIT_OK;
      }
      case 'check': {
        if (rest.length) throw new UsageError('check takes no arguments');
        const report = open().services.status.checkIntegrity();
        const lines = [
          `Database integrity: ${report.integrity.join('; ')}`,
          report.ledger.ok
            ? `Ledger: ${report.ledger.events} events, chain intact.`
            : `Ledger: BROKEN at event ${report.ledger.firstBrokenEventId}: ${report.ledger.reason}`,
        ];
        print(lines.join('\n'), report);
        return report.ok ? EXIT_OK : EXIT_INVALID;
      }
      case 'status': {
        if (rest.length) throw new UsageError('status takes no arguments');
        const status = open().services.status.status();
        const c = status.counts;
        print(
          `Store schema ${status.schemaVersion}: ${c.products} products, ${c.orders} orders, ${c.purchaseOrders} purchase orders, ${c.units} units, ${c.shippedSerials} shipped serials.`,
          status,
        );
        return EXIT_OK;
      }
      case 'operators': {
        const [sub] = rest;
        const ctx = open();
        if (sub === 'add' && rest.length === 1) {
          const role = Role.safeParse(values.role);
          if (!values.name || !role.success || !values.pin)
            throw new UsageError('operators add needs --name NAME --role packer|receiver|supervisor --pin PIN');
          const added = ctx.services.auth.add({ name: values.name, role: role.data, pin: values.pin }, 'cli');
          print(`Added ${added.role} ${added.name}.`, { ok: true, operator: added });
          return EXIT_OK;
        }
        if (sub === 'list' && rest.length === 1) {
          const operators = ctx.services.auth.list();
          print(
            operators.map((o) => `${o.name}\t${o.role}${o.active ? '' : '\t(inactive)'}`).join('\n') ||
              'No operators yet.',
            operators,
          );
          return EXIT_OK;
        }
        throw new UsageError('operators needs add or list');
      }
      case 'session': {
        const [kind] = rest;
        if (rest.length !== 1 || (kind !== 'receive' && kind !== 'ship' && kind !== 'return' && kind !== 'transfer'))
          throw new UsageError('session needs a kind: receive, ship, return or transfer');
        if (kind === 'receive' && !values.po) throw new UsageError('session receive needs --po N');
        const places =
          kind === 'transfer' ? { from: placeArg('--from', values.from), to: placeArg('--to', values.to) } : null;
        if (kind === 'ship' && !values.order) throw new UsageError('session ship needs --order N');
        if (Boolean(values.operator) !== Boolean(values.pin)) throw new UsageError('--operator and --pin go together');
        const input = values.input ? openInput(values.input) : io.stdin;
        if (!input) throw new UsageError(`session ${kind} reads standard input or --input FILE`);
        const ctx = open();
        const caller: Caller = { id: 'cli', trusted: true, operator: null };
        if (values.operator && values.pin) ctx.services.auth.signIn(caller, values.operator, values.pin);
        else if (ctx.services.auth.hasOperators())
          throw new AppError('UNAUTHORIZED', 'This station has operators: give --operator NAME --pin PIN.');
        const actor = ctx.services.station.actor(caller.operator);
        try {
          if (kind === 'receive') return await runReceiveScript(ctx, values.po!, actor, readLines(input), io.out);
          if (kind === 'ship') return await runShipScript(ctx, values.order!, actor, readLines(input), io.out);
          if (places) return await runTransferScript(ctx, places.from, places.to, actor, readLines(input), io.out);
          return await runReturnScript(ctx, actor, readLines(input), io.out);
        } finally {
          ctx.services.auth.signOut(caller, 'script finished');
        }
      }
      case 'serials': {
        const [sub, ...args] = rest;
        const ctx = open();
        const limit = values.limit ? Number(values.limit) : 100;
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
          throw new UsageError('--limit is a whole number from 1 to 1000');
        if (sub === 'shipped' && args.length === 0) {
          const pasted = [...(values.serial ?? [])];
          if (values['serials-file']) pasted.push(...fs.readFileSync(values['serials-file'], 'utf8').split(/\r?\n/));
          const [column = 'createdAt', direction = column === 'createdAt' ? 'desc' : 'asc'] = (values.sort ?? '')
            .split(':')
            .filter(Boolean);
          const query = ShippedQuery.safeParse({
            search: values.search,
            serials: pasted.length ? pasted : undefined,
            order: values.order,
            sku: values.sku?.[0],
            name: values.name,
            sort: { column, direction },
            limit,
          });
          if (!query.success)
            throw new UsageError(
              `--sort takes one of ${SHIPPED_SORT_COLUMNS.join(', ')}, optionally followed by :asc or :desc`,
            );
          const page = ctx.services.serials.listShipped(query.data);
          const lines = page.rows.map((r) =>
            [
              r.serial,
              r.slotLabel ?? '',
              r.orderNumber,
              r.sku,
              r.productName,
              r.shippedAt,
              r.warranty.status === 'none' ? '' : `${r.warranty.status} until ${r.warranty.expiresOn}`,
            ].join('\t'),
          );
          lines.push(`${page.total}${page.totalIsLowerBound ? '+' : ''} shipped serial row(s).`);
          if (page.notFound.length) lines.push(`NOT FOUND (${page.notFound.length}): ${page.notFound.join(', ')}`);
          print(lines.join('\n'), page);
          return page.notFound.length ? EXIT_INVALID : EXIT_OK;
        }
        if (sub === 'history' && args.length === 1) {
          const history = ctx.services.serials.history(args[0]!);
          const lines = history.units.map(
            (u) =>
              `Unit ${u.unitId}: ${u.sku} ${u.productName}, ${u.status}${u.location ? ` at ${u.location}` : ''}, codes ${u.codes.map((c) => c.serial).join(' / ')}`,
          );
          for (const e of history.events)
            lines.push(`${e.at}  ${e.type.padEnd(22)} ${e.reference ?? ''}  ${e.station ?? ''}  ${e.operator ?? ''}`);
          lines.push(
            history.ledger.ok
              ? 'Ledger: these events are intact.'
              : `Ledger: BROKEN at event ${history.ledger.firstBrokenEventId}: ${history.ledger.reason}`,
          );
          if (history.units.length === 0 && history.events.length === 0) lines.unshift(`No record of ${args[0]}.`);
          print(lines.join('\n'), history);
          return history.ledger.ok ? EXIT_OK : EXIT_INVALID;
        }
        if (sub === 'list' && args.length === 0) {
          const status = UnitStatus.safeParse(values.status);
          if (!status.success)
            throw new UsageError('serials list needs --status in_stock|reserved|sold|returned|defective');
          const page = ctx.services.serials.listInventory({
            status: status.data,
            sku: values.sku?.[0],
            offset: 0,
            limit,
          });
          const lines = page.rows.map((r) =>
            [r.codes.map((c) => c.serial).join(' / '), r.sku, r.productName, r.status, r.location ?? ''].join('\t'),
          );
          lines.push(`${page.total} unit(s) ${status.data.replace('_', ' ')}.`);
          print(lines.join('\n'), page);
          return EXIT_OK;
        }
        throw new UsageError('serials needs shipped, history SERIAL or list --status S');
      }
      case 'export': {
        const [kind] = rest;
        const format = values.format;
        if (rest.length !== 1 || (format !== 'csv' && format !== 'xlsx') || !values.out) {
          throw new UsageError(
            'export needs a kind (shift-log, po-serials, product-serials), --format csv|xlsx and --out FILE',
          );
        }
        let request: ExportRequest;
        if (kind === 'shift-log') {
          if (!values.from || !values.to)
            throw new UsageError('export shift-log needs --from DATE --to DATE (YYYY-MM-DD)');
          const shiftId = values.shift === undefined ? undefined : Number(values.shift);
          if (shiftId !== undefined && !Number.isInteger(shiftId)) throw new UsageError('--shift is a shift number');
          request = {
            kind,
            from: values.from,
            to: values.to,
            station: values.station,
            operator: values.operator,
            shiftId,
            includeReceived: values['include-received'],
            includeReturned: values['include-returned'],
          };
        } else if (kind === 'po-serials') {
          if (!values.po) throw new UsageError('export po-serials needs --po N');
          request = { kind, poNumber: values.po };
        } else if (kind === 'product-serials') {
          if (!values.sku?.length)
            throw new UsageError('export product-serials needs --sku S (repeat for more products)');
          request = { kind, skus: values.sku };
        } else {
          throw new UsageError(`unknown export "${kind}"`);
        }
        const checked = ExportRequest.safeParse(request);
        if (!checked.success)
          throw new UsageError(
            `bad export options: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          );
        const ctx = open();
        const controller = new AbortController();
        const onSigint = () => controller.abort();
        process.once('SIGINT', onSigint);
        try {
          let lastShown = 0;
          const outcome = await ctx.services.exports.toFile(checked.data, format, values.out, {
            signal: controller.signal,
            onProgress: (p) => {
              if (!json && Date.now() - lastShown > 1000) {
                lastShown = Date.now();
                io.err(`${p.rows} / ${p.total} rows…`);
              }
            },
          });
          print(`Wrote ${outcome.rows} rows to ${outcome.file} (${outcome.bytes} bytes).`, { ok: true, ...outcome });
          return EXIT_OK;
        } finally {
          process.off('SIGINT', onSigint);
        }
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`packbench: ${error.message}\n\n${USAGE}`);
      return EXIT_FATAL;
    }
    if (error instanceof AppError) {
      if (json) io.out(JSON.stringify({ ok: false, error: error.toInfo() }, null, 2));
      io.err(`packbench: ${error.message}`);
      return error.code === 'CONFLICT' || error.code === 'IMPORT_INVALID' ? EXIT_INVALID : EXIT_FATAL;
    }
    io.err(`packbench: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT_FATAL;
  } finally {
    await context?.close();
  }
}

/** `WAREHOUSE` or `WAREHOUSE/LOCATION`, as typed after --from or --to. */
function placeArg(flag: string, text: string | undefined): Place {
  if (!text?.trim()) throw new UsageError(`session transfer needs ${flag} WAREHOUSE[/LOCATION]`);
  const slash = text.indexOf('/');
  const parsed = Place.safeParse(
    slash < 0 ? { warehouse: text } : { warehouse: text.slice(0, slash), location: text.slice(slash + 1) },
  );
  if (!parsed.success) throw new UsageError(`${flag} ${text}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

function openInput(file: string): NodeJS.ReadableStream {
  if (!fs.existsSync(file)) throw new AppError('FILE_UNREADABLE', `Cannot read ${file}: no such file.`);
  return fs.createReadStream(file);
}

function readCsvFile(file: string): string {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('FILE_UNREADABLE', `Cannot read ${file}: no such file.`);
  }
  if (!stat.isFile()) throw new AppError('FILE_UNREADABLE', `${file} is not a file.`);
  if (stat.size > MAX_IMPORT_BYTES) {
    throw new AppError(
      'FILE_UNREADABLE',
      `${file} is ${Math.round(stat.size / 1048576)} MB; split it into files under ${MAX_IMPORT_BYTES / 1048576} MB.`,
    );
  }
  const bytes = fs.readFileSync(file);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return text;
}

function countsLine(c: ImportPreview['counts']): string {
  return `${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} left alone.`;
}

function describeErrors(preview: ImportPreview): string {
  const lines = [
    `${preview.fileName}: ${preview.errors.length}${preview.errorsTruncated ? '+' : ''} error(s); nothing was imported.`,
  ];
  for (const e of preview.errors) lines.push(`  line ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}`);
  return lines.join('\n');
}

function withoutSample(preview: ImportPreview): Omit<ImportPreview, 'sample'> {
  const { sample: _sample, ...rest } = preview;
  return rest;
}

/**
 * `devices ...` and `simulate ...`, possibly after the global options (`--json`, `--data-dir`):
 * the group and what follows it, with a leading --json passed on.
 */
function deviceGroup(
  argv: readonly string[],
): { group: 'devices' | 'simulate'; args: string[]; dataDir: string | undefined } | null {
  let json = false;
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--data-dir') dataDir = argv[++i];
    else if (arg.startsWith('--data-dir=')) dataDir = arg.slice('--data-dir='.length);
    else if (arg === 'devices' || arg === 'simulate') {
      // Simulators print where to connect, not a result: a global --json is for device commands only.
      const passJson = json && arg === 'devices';
      return { group: arg, args: [...argv.slice(i + 1), ...(passJson ? ['--json'] : [])], dataDir };
    } else return null;
  }
  return null;
}
