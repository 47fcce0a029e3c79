/** The compiler's strict-mode notes of the compile in progress (compiling is synchronous). */
let notes: string[] | null = null;

/** Receives one note from the parser's Ajv; ignored outside {@link withStrictNotes}. */
export function collectStrictNote(note: string): void {
  notes?.push(note);
}

/** Runs `compile` and returns its result with the notes Ajv logged meanwhile. */
export function withStrictNotes<T>(compile: () => T): { result: T; notes: string[] } {
  const outer = notes;
  const mine: string[] = [];
  notes = mine;
  try {
    return { result: compile(), notes: mine };
  } finally {
    notes = outer;
  }
}
