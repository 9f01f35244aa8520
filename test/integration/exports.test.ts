import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../src/main/event-bus';
import { ExportService } from '../../src/main/exports/export.service';
import {
  productSerialsSource,
  shiftLogSource,
  shippedViewSource,
  type ExportSource,
} from '../../src/main/exports/export-queries';
import { runExport } from '../../src/main/exports/export-runner';
import { CsvSink, XlsxSink, neutralize } from '../../src/main/exports/sinks';
import { ReceivingService } from '../../src/main/services/receiving.service';
import { SerialsService } from '../../src/main/services/serials.service';
import { ExportRequest } from '../../src/shared/ipc/exports.contract';
import { ShippedQuery } from '../../src/shared/ipc/serials.contract';
import { DEFAULT_RULES } from '../../src/shared/settings';
import { UPC } from '../support/catalog-fixture';
import { addOrder, shipHarness, stockUnits } from '../support/ship-fixture';
import { tempDir, tempStore } from '../support/temp-store';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
const TRICKY = ['00012345', '1234567890123456789', '1E5', '=HYPERLINK("x")', '+1-2', '@SUM(A1)', '-3'];
const LA = 'America/Los_Angeles';

/** A day on this process's clock, as the station reads a date range without a named zone. */
function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

function world() {
  const { store } = tempStore();
  const h = shipHarness(store, { requireShippedSerialInStock: true });
  // A product without a serial pattern, so spreadsheet-looking serials can be stocked and shipped.
  store.db.prepare("UPDATE products SET serial_pattern = NULL WHERE sku = 'LT-300'").run();
  stockUnits(
    store,
    h.fixture.products.laptop,
    TRICKY.map((s) => [s]),
  );
  addOrder(store, 'SO-EXP', [{ productId: h.fixture.products.laptop, qty: TRICKY.length + 1 }]);
  const session = h.shipping.start('SO-EXP', h.actor);
  for (const serial of TRICKY) {
    h.shipping.scan(session.sessionId, UPC.laptop, 'wedge', h.actor);
    const verdict = h.shipping.scan(session.sessionId, serial, 'wedge', h.actor);
    if (!verdict.ok) throw new Error(`${serial}: ${verdict.message}`);
  }
  h.shipping.scan(session.sessionId, UPC.laptop, 'wedge', h.actor);
  h.shipping.scan(session.sessionId, 'NEVERRECVD', 'wedge', h.actor);
  h.shipping.override(session.sessionId, { supervisor: 'Sam', pin: '4812', reason: 'label damaged' }, h.actor);
  h.shipping.ship(session.sessionId, h.actor);
  const bus = new EventBus();
  const dir = tempDir();
  const exportsService = new ExportService(store, bus, new SerialsService(store, () => DEFAULT_RULES), () => dir);
  const today = localDay(new Date());
  return { h, store, bus, dir, exportsService, today };
}

/**
 * A station that shipped one laptop serial at each of `instants` (its clock set to each in
 * turn), and a way to read an export of it back as rows.
 */
function shippedAt(instants: readonly string[]) {
  const { store } = tempStore();
  const h = shipHarness(store);
  store.db.prepare("UPDATE products SET serial_pattern = NULL WHERE sku = 'LT-300'").run();
  const serials = instants.map((_, i) => `AT-${String(i + 1).padStart(4, '0')}`);
  stockUnits(
    store,
    h.fixture.products.laptop,
    serials.map((s) => [s]),
  );
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    instants.forEach((at, i) => {
      vi.setSystemTime(new Date(at));
      addOrder(store, `SO-AT-${i + 1}`, [{ productId: h.fixture.products.laptop, qty: 1 }]);
      const session = h.shipping.start(`SO-AT-${i + 1}`, h.actor);
      h.shipping.scan(session.sessionId, UPC.laptop, 'wedge', h.actor);
      const verdict = h.shipping.scan(session.sessionId, serials[i]!, 'wedge', h.actor);
      if (!verdict.ok) throw new Error(`${serials[i]}: ${verdict.message}`);
      h.shipping.ship(session.sessionId, h.actor);
    });
  } finally {
    vi.useRealTimers();
  }
  const dir = tempDir();
  const service = new ExportService(store, new EventBus(), new SerialsService(store, () => DEFAULT_RULES), () => dir);
  let files = 0;
  const rows = async (request: ExportRequest) => {
    files += 1;
    const file = path.join(dir, `export-${files}.csv`);
    await service.toFile(request, 'csv', file);
    return parse(fs.readFileSync(file, 'utf8').slice(1), { columns: true }) as Record<string, string>[];
  };
  return { store, h, serials, service, dir, rows };
}

describe('exports', () => {
  it('neutralizes cells a spreadsheet would run as formulas', () => {
    expect(TRICKY.map(neutralize)).toEqual([
      '00012345',
      '1234567890123456789',
      '1E5',
      `'=HYPERLINK("x")`,
      "'+1-2",
      "'@SUM(A1)",
      "'-3",
    ]);
    expect(neutralize('\tcmd')).toBe("'\tcmd");
  });

  it('writes the shift log as UTF-8 CSV with BOM, RFC 4180 quoting, serials kept as text', async () => {
    const { exportsService, dir, today } = world();
    const file = path.join(dir, 'shift.csv');
    const outcome = await exportsService.toFile({ kind: 'shift-log', from: today, to: today }, 'csv', file);
    expect(outcome.rows).toBe(TRICKY.length + 1);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\ufeffTime,Event,Station')).toBe(true);
    expect(text).toContain('\r\n');
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Serial)).toEqual([...TRICKY.map(neutralize), 'NEVERRECVD']);
    expect(rows[0]).toMatchObject({
      Event: 'shipped',
      Station: 'PACK-1',
      Operator: 'Pat',
      'Order or PO': 'SO-EXP',
      SKU: 'LT-300',
      Slot: 'Serial',
      Override: '',
    });
    expect(rows.at(-1)).toMatchObject({ Override: 'yes', 'Override reason': 'label damaged', 'Approved by': 'Sam' });
    expect(fs.readdirSync(dir)).toEqual(['shift.csv']);
  });

  it('exports every serial of the chosen products with status and place, and names an unknown SKU', async () => {
    const { exportsService, dir, store, h } = world();
    stockUnits(store, h.fixture.products.laptop, [['LT-SPARE-1']]);
    const file = path.join(dir, 'product.csv');
    const outcome = await exportsService.toFile({ kind: 'product-serials', skus: ['LT-300'] }, 'csv', file);
    const rows = parse(fs.readFileSync(file, 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(outcome.rows).toBe(rows.length);
    const bySerial = new Map(rows.map((r) => [r.Serial, r]));
    for (const serial of TRICKY)
      expect(bySerial.get(neutralize(serial))).toMatchObject({ SKU: 'LT-300', Status: 'sold' });
    expect(bySerial.get('NEVERRECVD')).toMatchObject({ Status: 'sold' });
    expect(bySerial.get('LT-SPARE-1')).toMatchObject({ Status: 'in_stock', SKU: 'LT-300' });
    expect(rows.every((r) => r.SKU === 'LT-300')).toBe(true);

    await expect(
      exportsService.toFile({ kind: 'product-serials', skus: ['NO-SUCH'] }, 'csv', path.join(dir, 'none.csv')),
    ).rejects.toThrow(/no product with SKU NO-SUCH/);
    expect(fs.existsSync(path.join(dir, 'none.csv'))).toBe(false);
  });

  it('writes XLSX with every value exactly, as text cells', async () => {
    const { exportsService, dir, today } = world();
    const file = path.join(dir, 'shift.xlsx');
    await exportsService.toFile({ kind: 'shift-log', from: today, to: today }, 'xlsx', file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    const serialColumn = (sheet.getRow(1).values as string[]).indexOf('Serial');
    const serials: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) serials.push(row.getCell(serialColumn).value);
    });
    expect(serials).toEqual([...TRICKY, 'NEVERRECVD']);
  });

  it('streams a large XLSX in many compressed pieces that read back complete and in order', async () => {
    const file = path.join(tempDir(), 'large.xlsx');
    const n = 40_000;
    const source: ExportSource = {
      sheetName: 'Rows',
      header: ['Serial', 'N', 'Note'],
      count: () => n,
      rows: () =>
        Array.from({ length: n }, (_, i) => [String(i).padStart(11, '0'), i, `row ${i} ${'x'.repeat(i % 50)}`]),
    };
    await runExport(source, 'xlsx', file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(n + 1);
    let ordered = true;
    sheet.eachRow((row, r) => {
      if (r === 1) return;
      const i = r - 2;
      if (row.getCell(1).value !== String(i).padStart(11, '0') || row.getCell(2).value !== i) ordered = false;
    });
    expect(ordered).toBe(true);
  });

  it('continues on another sheet past the row limit', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.xlsx');
    const source: ExportSource = {
      sheetName: 'Rows',
      header: ['N'],
      count: () => 25,
      rows: () => Array.from({ length: 25 }, (_, i) => [String(i)]),
    };
    await runExport(source, 'xlsx', file, { createSink: (temp, s) => new XlsxSink(temp, s.header, s.sheetName, 10) });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => [w.name, w.rowCount])).toEqual([
      ['Rows', 10],
      ['Rows (2)', 10],
      ['Rows (3)', 8],
    ]);
  });

  it('keeps awkward text exact in XLSX: edge spaces, markup, line breaks, emoji, numbers and blanks', async () => {
    const awkward = ['  padded  ', 'A & <B> "C" \'D\'', 'line 1\nline 2', 'Ünïcode 序列 📦', '0000', ']]>'];
    const file = path.join(tempDir(), 'awkward.xlsx');
    const source: ExportSource = {
      sheetName: 'PO 12/34: [rush]',
      header: ['Serial', 'Weight (g)', 'Note'],
      count: () => awkward.length,
      rows: () => awkward.map((text, i) => [text, i === 0 ? 1250.5 : null, i === 1 ? '' : 'ok']),
    };
    await runExport(source, 'xlsx', file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('PO 12-34- -rush-');
    const read: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) read.push([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value]);
    });
    expect(read.map((r) => r[0])).toEqual(awkward);
    expect(read[0]![1]).toBe(1250.5);
    expect(read[1]!.slice(1)).toEqual([null, null]);
  });

  it.skipIf(!SOFFICE)(
    'keeps GS1 separators and escape look-alikes in XLSX serials, as a spreadsheet reads them',
    async () => {
      const serials = ['010123\x1d21SN42', '_x0041_', 'A_x_1', '\x01start'];
      const dir = tempDir();
      const file = path.join(dir, 'gs1.xlsx');
      const source: ExportSource = {
        sheetName: 'Serials',
        header: ['Serial'],
        count: () => serials.length,
        rows: () => serials.map((s) => [s]),
      };
      await runExport(source, 'xlsx', file);
      const out = tempDir();
      execFileSync(
        SOFFICE!,
        [
          `-env:UserInstallation=file://${tempDir()}`,
          '--headless',
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1',
          '--outdir',
          out,
          file,
        ],
        { timeout: 120_000, stdio: 'ignore' },
      );
      const rows = parse(fs.readFileSync(path.join(out, 'gs1.csv'), 'utf8')) as string[][];
      expect(rows.slice(1).map((r) => r[0])).toEqual(serials);
    },
    130_000,
  );

  it('quotes CSV fields per RFC 4180 and neutralizes formula starts, so every cell parses back', async () => {
    const awkward = ['a,b', 'say "hi"', 'two\nlines', 'cr\rinside', '\tTabbed', '-5', '@cmd', 'plain'];
    const dir = tempDir();
    const file = path.join(dir, 'awkward.csv');
    const source: ExportSource = {
      sheetName: 'Rows',
      header: ['Serial', 'Weight (g)', 'Note'],
      count: () => awkward.length,
      rows: () => awkward.map((text, i) => [text, i, null]),
    };
    await runExport(source, 'csv', file);
    const rows = parse(fs.readFileSync(file, 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Serial)).toEqual(awkward.map(neutralize));
    expect(rows.map((r) => r['Weight (g)'])).toEqual(awkward.map((_, i) => String(i)));
    expect(rows.every((r) => r.Note === '')).toBe(true);
  });

  it('counts exactly the rows it exports under each filter, so progress reaches its total', async () => {
    const { store, today } = world();
    for (const filter of [{}, { station: 'PACK-1' }, { station: 'NOWHERE' }, { operator: 'Pat' }] as const) {
      const source = shiftLogSource(store.db, { from: today, to: today, ...filter });
      expect(source.count()).toBe([...source.rows()].length);
    }
    expect(shiftLogSource(store.db, { from: today, to: today, station: 'PACK-1' }).count()).toBe(TRICKY.length + 1);
  });

  it('filters the shift log by station, operator and date, and adds received and returned rows when asked', async () => {
    const { exportsService, dir, today, store } = world();
    const none = await exportsService.toFile(
      { kind: 'shift-log', from: today, to: today, operator: 'Sam' },
      'csv',
      path.join(dir, 'sam.csv'),
    );
    expect(none.rows).toBe(0);
    const yesterday = localDay(new Date(Date.now() - 86_400_000));
    expect(
      (
        await exportsService.toFile(
          { kind: 'shift-log', from: yesterday, to: yesterday },
          'csv',
          path.join(dir, 'y.csv'),
        )
      ).rows,
    ).toBe(0);
    const source = shiftLogSource(store.db, { from: today, to: today, includeReceived: true, includeReturned: true });
    expect(source.count()).toBe(TRICKY.length + 1);
    expect(() => shiftLogSource(store.db, { from: today, to: '2020-01-01' })).toThrow(/before the start/);
  });

  it('reports a missing folder and an unwritable place, leaving nothing behind', async () => {
    const { exportsService, dir, today } = world();
    await expect(
      exportsService.toFile({ kind: 'shift-log', from: today, to: today }, 'csv', path.join(dir, 'nope', 'x.csv')),
    ).rejects.toMatchObject({
      code: 'EXPORT_FAILED',
      message: expect.stringContaining('does not exist'),
    });
    await expect(
      exportsService.toFile({ kind: 'shift-log', from: today, to: today }, 'csv', '/proc/packbench.csv'),
    ).rejects.toMatchObject({ code: 'EXPORT_FAILED' });
  });

  it('stops on a full disk with a clear message and removes the partial file', async () => {
    const dir = tempDir();
    const source: ExportSource = {
      sheetName: 'Rows',
      header: ['N'],
      count: () => 200_000,
      rows: () => Array.from({ length: 200_000 }, (_, i) => [`row ${i} ${'x'.repeat(40)}`]),
    };
    await expect(
      runExport(source, 'csv', path.join(dir, 'full.csv'), {
        createSink: (_temp, s) => new CsvSink('/dev/full', s.header, { neutralize: true, flags: 'w' }),
      }),
    ).rejects.toMatchObject({ code: 'EXPORT_FAILED', message: expect.stringContaining('disk is full') });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('cancels half way without leaving a file, and reports progress', async () => {
    const dir = tempDir();
    const source: ExportSource = {
      sheetName: 'Rows',
      header: ['N'],
      count: () => 50_000,
      rows: () => Array.from({ length: 50_000 }, (_, i) => [String(i)]),
    };
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      runExport(source, 'csv', path.join(dir, 'c.csv'), {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.rows);
          if (p.rows >= 10_000) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen[0]).toBe(0);
    expect(Math.max(...seen)).toBeGreaterThanOrEqual(10_000);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('runs in the background with progress events and a finished file to download', async () => {
    const { exportsService, bus } = world();
    const events: { state: string; rows: number }[] = [];
    const done = new Promise<void>((resolve) =>
      bus.subscribe((event, payload) => {
        if (event !== 'exports:progress') return;
        const status = payload as { state: string; rows: number };
        events.push(status);
        if (status.state !== 'running') resolve();
      }),
    );
    const { exportId, fileName } = exportsService.start({ kind: 'po-serials', poNumber: 'PO-1' } as never, 'csv');
    await done;
    expect(fileName).toMatch(/^po-serials_PO-1_.*\.csv$/);
    expect(events.at(-1)).toMatchObject({ state: 'done' });
    expect(exportsService.finishedFile(exportId)?.fileName).toBe(fileName);
  });
  describe('days and times on the warehouse clock', () => {
    afterEach(() => vi.useRealTimers());

    it("puts a serial shipped at 23:30 in Los Angeles into that day's log, not the next UTC day's", async () => {
      // 07:30Z on the 23rd is 23:30 on the 22nd in Los Angeles; 08:05Z is 00:05 on the 23rd.
      const { rows, serials } = shippedAt(['2026-11-23T07:30:00.000Z', '2026-11-23T08:05:12.000Z']);
      const day = (d: string, timeZone?: string) =>
        rows({ kind: 'shift-log', from: d, to: d, ...(timeZone ? { timeZone } : {}) });

      const the22nd = await day('2026-11-22', LA);
      expect(the22nd.map((r) => [r.Serial, r.Time])).toEqual([[serials[0], '2026-11-22T23:30:00-08:00']]);
      const the23rd = await day('2026-11-23', LA);
      expect(the23rd.map((r) => [r.Serial, r.Time])).toEqual([[serials[1], '2026-11-23T00:05:12-08:00']]);
      // The same records on a UTC clock: both on the 23rd, written with +00:00.
      expect((await day('2026-11-22', 'UTC')).length).toBe(0);
      expect((await day('2026-11-23', 'UTC')).map((r) => r.Time)).toEqual([
        '2026-11-23T07:30:00+00:00',
        '2026-11-23T08:05:12+00:00',
      ]);
    });

    it('covers a whole 25-hour and a whole 23-hour day when the clocks change', async () => {
      const { rows, serials } = shippedAt([
        '2026-03-08T07:59:00.000Z', // 23:59 PST, the 7th
        '2026-03-08T08:00:00.000Z', // 00:00 PST, the 8th (spring forward at 02:00)
        '2026-03-09T06:59:00.000Z', // 23:59 PDT, the 8th
        '2026-03-09T07:00:00.000Z', // 00:00 PDT, the 9th
        '2026-11-01T06:59:00.000Z', // 23:59 PDT, 31 October
        '2026-11-01T07:00:00.000Z', // 00:00 PDT, 1 November (fall back at 02:00)
        '2026-11-01T08:30:00.000Z', // 01:30 PDT
        '2026-11-01T09:15:00.000Z', // 01:15 PST: the hour again, a later moment
        '2026-11-02T07:59:00.000Z', // 23:59 PST, the 1st
        '2026-11-02T08:00:00.000Z', // 00:00 PST, the 2nd
      ]);
      const spring = await rows({ kind: 'shift-log', from: '2026-03-08', to: '2026-03-08', timeZone: LA });
      expect(spring.map((r) => [r.Serial, r.Time])).toEqual([
        [serials[1], '2026-03-08T00:00:00-08:00'],
        [serials[2], '2026-03-08T23:59:00-07:00'],
      ]);
      const fall = await rows({ kind: 'shift-log', from: '2026-11-01', to: '2026-11-01', timeZone: LA });
      // In the order they happened, though 01:15 reads earlier than 01:30: the offsets tell them apart.
      expect(fall.map((r) => [r.Serial, r.Time])).toEqual([
        [serials[5], '2026-11-01T00:00:00-07:00'],
        [serials[6], '2026-11-01T01:30:00-07:00'],
        [serials[7], '2026-11-01T01:15:00-08:00'],
        [serials[8], '2026-11-01T23:59:00-08:00'],
      ]);
      // A range across both changes holds every serial of its days once.
      const season = await rows({ kind: 'shift-log', from: '2026-03-08', to: '2026-11-01', timeZone: LA });
      expect(season.map((r) => r.Serial)).toEqual(serials.slice(1, 9));
      for (const row of season) expect(Date.parse(row.Time!)).not.toBeNaN();
    });

    it('writes when each PO serial was received with the offset of the screen that asked', async () => {
      const { store, h, service, dir } = shippedAt([]);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-11-23T07:30:00.000Z'));
      const receiving = new ReceivingService(store, () => DEFAULT_RULES);
      const session = receiving.start('PO-1', h.actor);
      receiving.scan(session.sessionId, UPC.laptop, 'wedge', h.actor);
      receiving.scan(session.sessionId, 'RCV0000001', 'wedge', h.actor);
      receiving.close(session.sessionId, h.actor, { warehouse: 'MAIN', location: 'DOCK-1' });
      vi.useRealTimers();
      const read = async (timeZone: string) => {
        const file = path.join(dir, `po-${timeZone.replace('/', '-')}.csv`);
        await service.toFile({ kind: 'po-serials', poNumber: 'PO-1', timeZone }, 'csv', file);
        return parse(fs.readFileSync(file, 'utf8').slice(1), { columns: true }) as Record<string, string>[];
      };
      expect((await read(LA)).map((r) => [r.Serial, r['Received at']])).toEqual([
        ['RCV0000001', '2026-11-22T23:30:00-08:00'],
      ]);
      expect((await read('Asia/Kolkata')).map((r) => r['Received at'])).toEqual(['2026-11-23T13:00:00+05:30']);
    });

    it('writes shipped, created and received times in the list exports with the offset of the screen that asked', async () => {
      const { store, h, rows, serials } = shippedAt(['2026-11-23T07:30:00.000Z']);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-11-23T07:30:00.000Z'));
      stockUnits(store, h.fixture.products.laptop, [['SPARE-0001']]);
      vi.useRealTimers();

      const shipped = await rows({ kind: 'shipped-serials', query: { sku: 'LT-300' }, timeZone: LA });
      expect(shipped.map((r) => [r.Serial, r['Shipped at'], r['Created at']])).toEqual([
        [serials[0], '2026-11-22T23:30:00-08:00', '2026-11-22T23:30:00-08:00'],
      ]);
      // Warranty until stays the calendar date the list shows, whatever the clock.
      const shown = [...new SerialsService(store, () => DEFAULT_RULES).allShipped(ShippedQuery.parse({})).rows()];
      expect(shown[0]!.warranty.expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(shipped[0]!['Warranty until']).toBe(shown[0]!.warranty.expiresOn);
      // Without a zone: the station's own offset, still the same instant.
      const onStation = await rows({ kind: 'shipped-serials', query: { sku: 'LT-300' } });
      expect(onStation[0]!['Shipped at']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      expect(Date.parse(onStation[0]!['Shipped at']!)).toBe(Date.parse('2026-11-23T07:30:00.000Z'));
      expect(onStation[0]!['Warranty until']).toBe(shown[0]!.warranty.expiresOn);

      const received = async (timeZone: string) =>
        new Map(
          (await rows({ kind: 'product-serials', skus: ['LT-300'], timeZone })).map((r) => [
            r.Serial,
            r['Received at'],
          ]),
        );
      expect((await received(LA)).get('SPARE-0001')).toBe('2026-11-22T23:30:00-08:00');
      expect((await received('Asia/Kolkata')).get('SPARE-0001')).toBe('2026-11-23T13:00:00+05:30');
      for (const at of (await received(LA)).values()) expect(at).toMatch(/-0[78]:00$/);
      const onStationReceived = await rows({ kind: 'product-serials', skus: ['LT-300'] });
      const spare = onStationReceived.find((r) => r.Serial === 'SPARE-0001')!;
      expect(spare['Received at']).toMatch(/[+-]\d{2}:\d{2}$/);
      expect(Date.parse(spare['Received at']!)).toBe(Date.parse('2026-11-23T07:30:00.000Z'));
    });

    it('refuses a time zone it does not know, in words a supervisor can act on', () => {
      const { store } = tempStore();
      expect(() =>
        shiftLogSource(store.db, { from: '2026-11-23', to: '2026-11-23', timeZone: 'Mars/Olympus' }),
      ).toThrow(/"Mars\/Olympus" is not a time zone this station knows; use a name such as America\/Los_Angeles/);
      const checked = ExportRequest.safeParse({
        kind: 'shift-log',
        from: '2026-11-23',
        to: '2026-11-23',
        timeZone: 'Pacific Time',
      });
      expect(checked.success).toBe(false);
      expect(checked.error?.issues[0]).toMatchObject({
        path: ['timeZone'],
        message: expect.stringContaining('time zone'),
      });
      for (const request of [
        { kind: 'product-serials', skus: ['LT-300'], timeZone: 'Pacific Time' },
        { kind: 'shipped-serials', query: { sku: 'LT-300' }, timeZone: 'Pacific Time' },
      ]) {
        const refused = ExportRequest.safeParse(request);
        expect(refused.success, request.kind).toBe(false);
        expect(refused.error?.issues[0]).toMatchObject({
          path: ['timeZone'],
          message: expect.stringContaining('time zone'),
        });
      }
      const unknownZone = /"Mars\/Olympus" is not a time zone this station knows/;
      expect(() => productSerialsSource(store.db, ['LT-300'], 'Mars/Olympus')).toThrow(unknownZone);
      expect(() => shippedViewSource({ total: 0, rows: () => [] }, 'Mars/Olympus')).toThrow(unknownZone);
      expect(() => shiftLogSource(store.db, { from: '2026-02-30', to: '2026-03-01', timeZone: LA })).toThrow(
        /"2026-02-30" is not a date/,
      );
    });
  });
});
