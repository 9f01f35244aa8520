import type { Benchmark, BenchFigure } from './lib/benchmark';
import { formatBytes, formatCount, formatSeconds } from './lib/format';

/** How fast the seeder fills a store: the cost of every other benchmark's fixture. */
const seedThroughput: Benchmark = {
  name: 'seed',
  title: 'Seeding throughput',
  run(context) {
    const seeded = context.seeded();
    const s = seeded.summary;
    const when = seeded.seededNow
      ? 'seeded in this run'
      : `cached store, figures from when it was seeded (${seeded.seededAt}); --reseed measures again`;
    const figures: BenchFigure[] = [
      {
        label: 'store',
        value: `${formatCount(s.options.units)} units, ${formatCount(s.options.shippedSerials)} shipped serials`,
        note: when,
      },
      {
        label: 'rows written',
        value: formatCount(s.totalRows),
        note: `${formatCount(s.rows['serial_events'] ?? 0)} of them ledger events`,
      },
      { label: 'wall time', value: formatSeconds(s.seconds), note: 'plan + inserts + index builds + ANALYZE' },
      { label: 'throughput', value: `${formatCount(s.rowsPerSecond)} rows/s`, note: 'all tables together' },
      { label: 'file size', value: formatBytes(s.fileBytes) },
    ];
    figures.push({
      label: 'ledger built on',
      value: s.ledger,
      note: s.ledgerFallback ? `second thread unavailable: ${s.ledgerFallback}` : undefined,
    });
    for (const phase of s.phases) figures.push({ label: `  ${phase.phase}`, value: formatSeconds(phase.seconds) });
    return figures;
  },
};

export default seedThroughput;
