import { parseArgs } from 'node:util';
import type { Benchmark, BenchContext } from './lib/benchmark';
import { formatCount, parseCount, table } from './lib/format';
import { DEFAULT_DATA_ROOT, SIZES, type SeededStore, seededStore } from './lib/seeded-store';
import { progressPrinter } from './seed';

/** Every benchmark, in the order they run. Adding one is one line here. */
const BENCHMARKS: readonly (() => Promise<{ default: Benchmark }>)[] = [
  () => import('./seed-throughput.bench'),
  () => import('./serial-lookup.bench'),
  () => import('./serial-lookup-list.bench'),
  () => import('./recall-export.bench'),
  () => import('./scan-paths.bench'),
  () => import('./queries-exports.bench'),
];

const USAGE = `Usage: npm run bench -- [--full] [--reseed] [--only NAME,...] [--seed N] [--data-root DIR] [--list]
  --full       1,000,000 units and 5,000,000 shipped serials (default 100,000 and 500,000)
  --reseed     seed the store again even if bench/.data holds one built the same way
  --only       run only these benchmarks (see --list)`;

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      full: { type: 'boolean' },
      reseed: { type: 'boolean' },
      only: { type: 'string' },
      seed: { type: 'string' },
      'data-root': { type: 'string' },
      list: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const benchmarks = await Promise.all(BENCHMARKS.map(async (load) => (await load()).default));
  if (values.list) {
    for (const b of benchmarks) console.log(`${b.name.padEnd(16)} ${b.title}`);
    return;
  }
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((name) => !benchmarks.some((b) => b.name === name)) ?? [];
  if (unknown.length > 0) {
    throw new Error(`No benchmark named ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`);
  }

  const size = values.full ? SIZES.full : SIZES.standard;
  const seed = parseCount(values.seed, '--seed');
  const selected = benchmarks.filter((b) => !only || only.includes(b.name));
  // Every benchmark so far works on the seeded store, so it is ready before the first runs.
  const store: SeededStore = await seededStore({
    size,
    root: values['data-root'] ?? DEFAULT_DATA_ROOT,
    seed,
    reseed: values.reseed ?? false,
    onProgress: progressPrinter(),
  });
  const context: BenchContext = {
    size,
    seeded: () => store,
    log: (line) => process.stderr.write(`${line}\n`),
  };

  console.log(
    `Packbench benchmarks: store of ${formatCount(size.units)} units and ${formatCount(size.shippedSerials)} shipped serials`,
  );
  console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);
  for (const benchmark of selected) {
    const figures = await benchmark.run(context);
    console.log(`== ${benchmark.title} (${benchmark.name})`);
    console.log(
      table(
        figures.map((f) => [f.label, f.value, f.note ?? '']),
        'lrl',
      ),
    );
    console.log('');
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
