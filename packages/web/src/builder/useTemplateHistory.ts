import type { Template } from '@veil/schema';
import { applyPatches, enablePatches, type Patch, produceWithPatches } from 'immer';
import { useCallback, useEffect, useReducer, useRef } from 'react';

enablePatches();

/** One edit: the patches that made it and the inverse patches that undo it. */
interface Step {
  patches: Patch[];
  inverse: Patch[];
  /** Consecutive edits of the same group (typing into one box) undo as one step. */
  group?: string;
  /** When the step was last extended (`performance.now()`). */
  at?: number;
}

export interface History {
  template: Template;
  past: Step[];
  future: Step[];
}

export type HistoryAction =
  | { type: 'edit'; recipe: (draft: Template) => void; group?: string; at?: number }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; template: Template };

const LIMIT = 500;
/** Keystrokes further apart than this start a new undo step even in the same box. */
const GROUP_WINDOW_MS = 1500;

/** The builder's state machine: the template changes only through immer patches, so every edit undoes. */
export function historyReducer(state: History, action: HistoryAction): History {
  switch (action.type) {
    case 'edit': {
      const [template, patches, inverse] = produceWithPatches(state.template, action.recipe);
      if (patches.length === 0) return state;
      const last = state.past.at(-1);
      const at = action.at ?? 0;
      if (
        action.group !== undefined &&
        last?.group === action.group &&
        at - (last.at ?? 0) < GROUP_WINDOW_MS
      ) {
        const merged: Step = {
          patches: [...last.patches, ...patches],
          inverse: [...inverse, ...last.inverse],
          group: action.group,
          at,
        };
        return { template, past: [...state.past.slice(0, -1), merged], future: [] };
      }
      const step: Step =
        action.group === undefined ? { patches, inverse } : { patches, inverse, group: action.group };
      return { template, past: [...state.past.slice(-LIMIT + 1), step], future: [] };
    }
    case 'undo': {
      const step = state.past.at(-1);
      if (!step) return state;
      return {
        template: applyPatches(state.template, step.inverse),
        past: state.past.slice(0, -1),
        future: [step, ...state.future],
      };
    }
    case 'redo': {
      const step = state.future[0];
      if (!step) return state;
      return {
        template: applyPatches(state.template, step.patches),
        past: [...state.past, step],
        future: state.future.slice(1),
      };
    }
    case 'reset':
      return { template: action.template, past: [], future: [] };
  }
}

export interface TemplateHistory {
  template: Template;
  /** Applies an edit; edits passing the same `group` one after another undo together. */
  edit: (recipe: (draft: Template) => void, group?: string) => void;
  undo: () => void;
  redo: () => void;
  reset: (template: Template) => void;
  canUndo: boolean;
  canRedo: boolean;
  /** `performance.now()` when the latest edit, undo or redo was dispatched (0 before any). */
  changedAt: number;
}

/** The template under edit with undo / redo (buttons and Ctrl+Z / Ctrl+Shift+Z, also Ctrl+Y). */
export function useTemplateHistory(initial: Template): TemplateHistory {
  const [state, dispatchNow] = useReducer(historyReducer, { template: initial, past: [], future: [] });
  // When the action was dispatched: the preview measures its latency from here.
  const changedAt = useRef(0);
  const dispatch = useCallback((action: HistoryAction) => {
    changedAt.current = performance.now();
    dispatchNow(action);
  }, []);
  const edit = useCallback(
    (recipe: (draft: Template) => void, group?: string) =>
      dispatch(
        group === undefined
          ? { type: 'edit', recipe }
          : { type: 'edit', recipe, group, at: performance.now() },
      ),
    [dispatch],
  );
  const undo = useCallback(() => dispatch({ type: 'undo' }), [dispatch]);
  const redo = useCallback(() => dispatch({ type: 'redo' }), [dispatch]);
  const reset = useCallback((template: Template) => dispatch({ type: 'reset', template }), [dispatch]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      // Inside a text box the browser's own undo edits the text; ours would fight it.
      const target = event.target as HTMLElement | null;
      if (target?.closest('input[type=text], input:not([type]), textarea')) return;
      if (key === 'z' && !event.shiftKey) dispatch({ type: 'undo' });
      else if ((key === 'z' && event.shiftKey) || key === 'y') dispatch({ type: 'redo' });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);
  return {
    template: state.template,
    edit,
    undo,
    redo,
    reset,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
    // Read while rendering the state that dispatch produced (a ref: setting it must not re-render).
    changedAt: changedAt.current,
  };
}
