import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DB_FILE_NAME } from '../../src/main/store/open';
import { LATEST_VERSION } from '../../src/main/store/migrations';
import { DEFAULT_PRODUCTS, DEFAULT_SEED, type SeedProgress, type SeedSummary, seedStore } from '../seed';

export interface StoreSize {
  readonly name: string;
  readonly units: number;
  readonly shippedSerials: number;
}

export const SIZES = {
  standard: { name: '100k-units-500k-shipped', units: 100_000, shippedSerials: 500_000 },
  full: { name: '1m-units-5m-shipped', units: 1_000_000, shippedSerials: 5_000_000 },
} as const satisfies Record<string, StoreSize>;

export interface SeededStore {
  readonly dataDir: string;
  readonly summary: SeedSummary;
  /** False when the store came from the cache; its summary is then from the run that seeded it. */
  readonly seededNow: boolean;
  readonly seededAt: string;
}

interface Manifest {
  readonly key: string;
  readonly seededAt: string;
  readonly summary: SeedSummary;
}

const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const DEFAULT_DATA_ROOT = path.join(BENCH_DIR, '.data');
const MANIFEST = 'seed.json';
const MIGRATIONS_DIR = path.join(BENCH_DIR, '..', 'src', 'main', 'store', 'migrations');
/** Runner helpers that do not change what gets seeded. */
const NOT_SEEDER: ReadonlySet<string> = new Set(['benchmark.ts', 'format.ts', 'seeded-store.ts']);

/**
 * What the cached store was built from: sizes, seed, schema version and the seeder's own
 * source text. Any change re-seeds, so a figure never comes from a stale store.
 */
function cacheKey(size: StoreSize, seed: number): string {
  const hash = crypto.createHash('sha256');
  hash.update(
    JSON.stringify({
      units: size.units,
      shipped: size.shippedSerials,
      products: DEFAULT_PRODUCTS,
      seed,
      schema: LATEST_VERSION,
    }),
  );
  const lib = path.join(BENCH_DIR, 'lib');
  const sources = [
    path.join(BENCH_DIR, 'seed.ts'),
    ...fs
      .readdirSync(lib)
      .filter((f) => !NOT_SEEDER.has(f))
      .map((f) => path.join(lib, f)),
    // Migrations can change without a new version while the schema is young.
    ...fs.readdirSync(MIGRATIONS_DIR).map((f) => path.join(MIGRATIONS_DIR, f)),
  ];
  for (const file of sources.filter((f) => f.endsWith('.ts')).sort()) hash.update(fs.readFileSync(file));
  return hash.digest('hex');
}

export async function seededStore(options: {
  readonly size: StoreSize;
  readonly root?: string;
  readonly seed?: number;
  readonly reseed?: boolean;
  readonly onProgress?: (progress: SeedProgress) => void;
}): Promise<SeededStore> {
  const seed = options.seed ?? DEFAULT_SEED;
  const dataDir = path.join(options.root ?? DEFAULT_DATA_ROOT, `${options.size.name}-seed${seed}`);
  const key = cacheKey(options.size, seed);
  const manifestFile = path.join(dataDir, MANIFEST);
  if (!options.reseed && fs.existsSync(manifestFile) && fs.existsSync(path.join(dataDir, DB_FILE_NAME))) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    if (manifest.key === key)
      return { dataDir, summary: manifest.summary, seededNow: false, seededAt: manifest.seededAt };
  }
  // Anything else in the folder is a stale or half-written store.
  fs.rmSync(dataDir, { recursive: true, force: true });
  const summary = await seedStore({
    dataDir,
    units: options.size.units,
    shippedSerials: options.size.shippedSerials,
    seed,
    onProgress: options.onProgress,
  });
  const seededAt = new Date().toISOString();
  fs.writeFileSync(manifestFile, JSON.stringify({ key, seededAt, summary } satisfies Manifest, null, 2));
  return { dataDir, summary, seededNow: true, seededAt };
}
