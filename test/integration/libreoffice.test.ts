import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvSink, XlsxSink } from '../../src/main/exports/sinks';
import { runExport } from '../../src/main/exports/export-runner';
import type { ExportSource } from '../../src/main/exports/export-queries';
import { tempDir } from '../support/temp-store';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
const SERIALS = ['00012345', '1234567890123456789', '1E5', '=HYPERLINK("x")', '+1-2'];
/** Log times as exports write them: local time with its UTC offset, across a DST change. */
const TIMES = [
  '2026-11-01T01:30:00-07:00',
  '2026-11-01T01:15:00-08:00',
  '2026-11-22T23:30:00-08:00',
  '2026-11-23T13:00:00+05:30',
  '2026-11-23T07:30:00+00:00',
];

function source(): ExportSource {
  return {
    sheetName: 'Serials',
    header: ['Serial', 'Order', 'Time'],
    count: () => SERIALS.length,
    rows: () => SERIALS.map((s, i) => [s, `SO-${i}`, TIMES[i]!]),
  };
}

/** Opens `file` in LibreOffice headless and converts it back to CSV (UTF-8); returns its rows. */
function roundTrip(file: string, infilter?: string): string[][] {
  const out = tempDir();
  const profile = tempDir();
  execFileSync(
    SOFFICE!,
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      ...(infilter ? [`--infilter=${infilter}`] : []),
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1',
      '--outdir',
      out,
      file,
    ],
    { timeout: 120_000, stdio: 'ignore' },
  );
  const text = fs
    .readFileSync(path.join(out, `${path.basename(file, path.extname(file))}.csv`), 'utf8')
    .replace(/^\ufeff/, '');
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) =>
      [...line.matchAll(/"((?:[^"]|"")*)"|([^,]+)|(?<=,|^)(?=,|$)/g)].map((m) =>
        m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''),
      ),
    );
}

describe.skipIf(!SOFFICE)('exports opened in LibreOffice', () => {
  if (!SOFFICE)
    console.log('LibreOffice (libreoffice-calc) is not installed: the independent spreadsheet check is skipped.');

  it('keeps XLSX serials exactly and evaluates nothing', async () => {
    const file = path.join(tempDir(), 'serials.xlsx');
    await runExport(source(), 'xlsx', file, { createSink: (temp, s) => new XlsxSink(temp, s.header, s.sheetName) });
    const rows = roundTrip(file);
    expect(rows.slice(1).map((r) => r[0])).toEqual(SERIALS);
    // The offset stays with the time: no conversion to the spreadsheet's own clock.
    expect(rows.slice(1).map((r) => r[2])).toEqual(TIMES);
  });

  it('keeps CSV serials when the serial column is opened as text, and never runs a formula', async () => {
    const file = path.join(tempDir(), 'serials.csv');
    await runExport(source(), 'csv', file, {
      createSink: (temp, s) => new CsvSink(temp, s.header, { neutralize: true }),
    });
    // Column 1 as text (format 2), UTF-8 (76): how the office is told to open serial logs.
    const asText = roundTrip(file, 'CSV:44,34,76,1,1/2/2/2');
    expect(asText.slice(1).map((r) => r[0])).toEqual([
      '00012345',
      '1234567890123456789',
      '1E5',
      `'=HYPERLINK("x")`,
      "'+1-2",
    ]);
    expect(asText.slice(1).map((r) => r[2])).toEqual(TIMES);
    // Opened with no options at all, formula-looking cells still stay text, never results.
    const plain = roundTrip(file);
    expect(plain.slice(1).map((r) => r[2])).toEqual(TIMES);
    expect(plain[4]?.[0]).toBe(`'=HYPERLINK("x")`);
    expect(plain[5]?.[0]).toBe("'+1-2");
  });
});
