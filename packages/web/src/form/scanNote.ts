import { detectPii, maskText, type PiiType } from '@veil/policy';

/** What a note holds that looks personal, and the note with those spans masked. */
export interface NoteScan {
  kinds: PiiType[];
  masked: string;
}

/** Scans a note as the user types: a hint for the writer, never enforcement (the server scans too). */
export function scanNote(text: string, today: string = new Date().toISOString().slice(0, 10)): NoteScan {
  if (text.length === 0) return { kinds: [], masked: text };
  const spans = detectPii(text, { today });
  return {
    kinds: [...new Set(spans.map((s) => s.type))],
    masked: spans.length ? maskText(text, spans) : text,
  };
}
