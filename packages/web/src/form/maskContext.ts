import { createContext, useContext } from 'react';

/** What the form's field template needs to draw locks and reveal buttons. */
export interface MaskState {
  /** Value pointers the server masked. */
  masked: ReadonlySet<string>;
  /** Masked value pointers the viewer may reveal with a reason. */
  revealable: ReadonlySet<string>;
  /** Values revealed in this page (shown beside the field, never written back). */
  revealed: ReadonlyMap<string, unknown>;
  /** Maps an rjsf path (array indices) to a value pointer (array items by `_id`). */
  pointerOf: (path: readonly (string | number)[]) => string;
  reveal: (pointer: string) => void;
}

export const MaskContext = createContext<MaskState | null>(null);

export function useMaskState(): MaskState | null {
  return useContext(MaskContext);
}
