import type { SeededStore, StoreSize } from './seeded-store';

/** One printed figure: what was measured, its value, and how to read it. */
export interface BenchFigure {
  readonly label: string;
  readonly value: string;
  readonly note?: string;
}

export interface BenchContext {
  readonly size: StoreSize;
  /** The seeded store for this size (seeded, or reused from bench/.data, before any benchmark runs). */
  seeded(): SeededStore;
  /** Progress lines (stderr), kept apart from the figures. */
  log(line: string): void;
}

/** A bench/<name>.bench.ts module default-exports one of these. */
export interface Benchmark {
  readonly name: string;
  readonly title: string;
  run(context: BenchContext): readonly BenchFigure[] | Promise<readonly BenchFigure[]>;
}
