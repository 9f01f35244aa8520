/** Output helpers shared by the seeder CLI and the bench runner. */

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export function formatSeconds(seconds: number): string {
  return seconds >= 100 ? `${seconds.toFixed(0)} s` : `${seconds.toFixed(1)} s`;
}

/** Accepts 250000, 250_000, 250k, 1M, 1.5M. */
export function parseCount(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.replace(/_/g, ''));
  const value = match ? Number(match[1]) * ({ k: 1e3, m: 1e6 }[match[2]!.toLowerCase()] ?? 1) : Number.NaN;
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${flag} must be a whole number such as 100000, 100k or 1M; got "${text}"`);
  }
  return value;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** Columns aligned by `align`, one letter per column ('l' or 'r'); by default text left, the rest right. */
export function table(rows: readonly (readonly string[])[], align?: string): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  const alignOf = (col: number): string => align?.[col] ?? (col === 0 ? 'l' : 'r');
  return rows
    .map((r) =>
      r
        .map((cell, col) => (alignOf(col) === 'l' ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
