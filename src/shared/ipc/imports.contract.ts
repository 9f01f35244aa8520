import { z } from 'zod';
import { defineContract, defineEvent } from './contract';

export const ImportKind = z.enum(['products', 'orders', 'pos']);
export type ImportKind = z.infer<typeof ImportKind>;

/** Largest CSV accepted in one import; bigger files should be split. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export const RowError = z.object({
  /** 1-based line of the file the record starts on (the header is line 1). */
  row: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
});
export type RowError = z.infer<typeof RowError>;

export const ImportCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Records left alone on purpose (e.g. an order that has already shipped). */
  skipped: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportPreview = z.object({
  importId: z.string(),
  kind: ImportKind,
  fileName: z.string(),
  /** Data rows read (not counting the header). */
  rows: z.number().int(),
  /** Products, orders or purchase orders the rows describe. */
  records: z.number().int(),
  errors: z.array(RowError),
  /** True when more errors exist than were listed. */
  errorsTruncated: z.boolean(),
  counts: ImportCounts,
  notes: z.array(z.string()),
  sample: z.array(z.record(z.string(), z.string())),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** Parses and validates a CSV without writing anything; keeps it staged for commit. */
export const previewImport = defineContract({
  channel: 'imports:preview',
  input: z.object({
    kind: ImportKind,
    fileName: z.string().min(1).max(260),
    content: z.string().max(MAX_IMPORT_BYTES),
  }),
  output: ImportPreview,
});

export const ImportResult = z.object({
  kind: ImportKind,
  counts: ImportCounts,
  notes: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** Writes a staged import in one transaction: all rows or none. */
export const commitImport = defineContract({
  channel: 'imports:commit',
  input: z.object({ importId: z.string().min(1) }),
  output: ImportResult,
});

/** Drops a staged import. */
export const discardImport = defineContract({
  channel: 'imports:discard',
  input: z.object({ importId: z.string().min(1) }),
  output: z.object({ discarded: z.boolean() }),
});

/** Progress of a running preview or commit. */
export const importProgress = defineEvent({
  event: 'imports:progress',
  payload: z.object({
    importId: z.string(),
    phase: z.enum(['parse', 'validate', 'write']),
    done: z.number().int(),
    total: z.number().int(),
  }),
});
