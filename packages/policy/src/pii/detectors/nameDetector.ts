import type { PiiDetector } from '../piiTypes.js';
import { findChineseNames } from './chineseNames.js';
import { findEnglishNames } from './englishNames.js';

/**
 * Personal names: Chinese names (surname list with compound surnames, given-name characters, a
 * cue word before or a title/verb after) and English names after cues such as `Contact:`.
 * A name with cues on both sides is surer than one with a cue on one side.
 */
export const nameDetector: PiiDetector = {
  type: 'name',
  find(view, { text }) {
    const chinese = findChineseNames(view).map(({ start, end, value, cueBefore, cueAfter }) => ({
      start,
      end,
      value,
      confidence: cueBefore && cueAfter ? 0.9 : 0.8,
    }));
    return [...chinese, ...findEnglishNames(view, text).map((found) => ({ ...found, confidence: 0.85 }))];
  },
  validate: (candidate) => candidate.confidence ?? 0.8,
};
