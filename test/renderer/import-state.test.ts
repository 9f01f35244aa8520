import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src/shared/ipc/imports.contract';
import {
  importTransition,
  initialImportState,
  type ImportState,
} from '../../src/renderer/src/features/import/import-state';

const clean: ImportPreview = {
  importId: 'a',
  kind: 'pos',
  fileName: 'po.csv',
  rows: 2,
  records: 1,
  errors: [],
  errorsTruncated: false,
  counts: { created: 1, updated: 0, unchanged: 0, skipped: 0 },
  notes: [],
  sample: [],
};

function previewing(preview: ImportPreview): ImportState {
  const checking = importTransition(initialImportState('pos'), { type: 'file-chosen', fileName: preview.fileName });
  return importTransition(checking, { type: 'previewed', preview });
}

describe('import steps', () => {
  it('will not start a commit while the preview has row errors', () => {
    const broken = previewing({ ...clean, errors: [{ row: 2, column: 'qty', message: 'Bad quantity.' }] });
    expect(importTransition(broken, { type: 'commit-started' })).toBe(broken);
    expect(importTransition(previewing(clean), { type: 'commit-started' }).step).toBe('committing');
  });

  it('takes progress only from the import being written', () => {
    const committing = importTransition(previewing(clean), { type: 'commit-started' });
    const other = importTransition(committing, {
      type: 'progress',
      progress: { importId: 'b', phase: 'write', done: 1, total: 2 },
    });
    expect(other).toBe(committing);
    const mine = importTransition(committing, {
      type: 'progress',
      progress: { importId: 'a', phase: 'write', done: 1, total: 2 },
    });
    expect(mine).toMatchObject({ step: 'committing', progress: { done: 1, total: 2 } });
  });

  it('returns to the preview with the reason when a commit fails, so it can be retried', () => {
    const committing = importTransition(previewing(clean), { type: 'commit-started' });
    const failed = importTransition(committing, {
      type: 'commit-failed',
      error: { code: 'IMPORT_EXPIRED', message: 'Too old.' },
    });
    expect(failed).toMatchObject({ step: 'preview', commitError: { code: 'IMPORT_EXPIRED' } });
  });

  it('ignores a preview that arrives after the screen moved on', () => {
    const chosenAgain = importTransition(initialImportState('pos'), { type: 'kind-chosen', kind: 'orders' });
    expect(importTransition(chosenAgain, { type: 'previewed', preview: clean })).toBe(chosenAgain);
  });
});
