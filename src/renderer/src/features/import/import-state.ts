import type { ErrorInfo } from '../../../../shared/errors';
import type { EventPayload } from '../../../../shared/ipc';
import type { ImportKind, ImportPreview, ImportResult } from '../../../../shared/ipc/imports.contract';

export type ImportProgress = EventPayload<'imports:progress'>;

/** The import screen, one step at a time: pick a file, read the preview, commit, see the result. */
export type ImportState =
  | { readonly step: 'choose'; readonly kind: ImportKind; readonly problem: string | null }
  | {
      readonly step: 'checking';
      readonly kind: ImportKind;
      readonly fileName: string;
      readonly progress: ImportProgress | null;
    }
  | {
      readonly step: 'preview';
      readonly kind: ImportKind;
      readonly preview: ImportPreview;
      readonly commitError: ErrorInfo | null;
    }
  | {
      readonly step: 'committing';
      readonly kind: ImportKind;
      readonly preview: ImportPreview;
      readonly progress: ImportProgress | null;
    }
  | {
      readonly step: 'done';
      readonly kind: ImportKind;
      readonly preview: ImportPreview;
      readonly result: ImportResult;
    };

export type ImportAction =
  | { readonly type: 'kind-chosen'; readonly kind: ImportKind }
  | { readonly type: 'file-chosen'; readonly fileName: string }
  | { readonly type: 'file-refused'; readonly problem: string }
  | { readonly type: 'previewed'; readonly preview: ImportPreview }
  | { readonly type: 'progress'; readonly progress: ImportProgress }
  | { readonly type: 'commit-started' }
  | { readonly type: 'committed'; readonly result: ImportResult }
  | { readonly type: 'commit-failed'; readonly error: ErrorInfo }
  | { readonly type: 'start-over' };

export function initialImportState(kind: ImportKind = 'products'): ImportState {
  return { step: 'choose', kind, problem: null };
}

export function importTransition(state: ImportState, action: ImportAction): ImportState {
  switch (action.type) {
    case 'kind-chosen':
      // The kind is fixed once a file is being checked or written; the buttons are disabled then.
      if (state.step === 'checking' || state.step === 'committing') return state;
      return initialImportState(action.kind);
    case 'file-chosen':
      if (state.step === 'checking' || state.step === 'committing') return state;
      return { step: 'checking', kind: state.kind, fileName: action.fileName, progress: null };
    case 'file-refused':
      return { step: 'choose', kind: state.kind, problem: action.problem };
    case 'previewed':
      if (state.step !== 'checking') return state;
      return { step: 'preview', kind: state.kind, preview: action.preview, commitError: null };
    case 'progress':
      // While checking, the import has no id yet, so any check's progress is this one's.
      if (state.step === 'checking' && action.progress.phase !== 'write')
        return { ...state, progress: action.progress };
      if (state.step === 'committing' && action.progress.importId === state.preview.importId) {
        return { ...state, progress: action.progress };
      }
      return state;
    case 'commit-started':
      if (state.step !== 'preview' || !canCommit(state.preview)) return state;
      return { step: 'committing', kind: state.kind, preview: state.preview, progress: null };
    case 'committed':
      if (state.step !== 'committing') return state;
      return { step: 'done', kind: state.kind, preview: state.preview, result: action.result };
    case 'commit-failed':
      if (state.step !== 'committing') return state;
      return { step: 'preview', kind: state.kind, preview: state.preview, commitError: action.error };
    case 'start-over':
      return initialImportState(state.kind);
  }
}

/** Imports are all-or-nothing, so one bad row blocks the whole file. */
export function canCommit(preview: ImportPreview): boolean {
  return preview.errors.length === 0 && preview.records > 0;
}
