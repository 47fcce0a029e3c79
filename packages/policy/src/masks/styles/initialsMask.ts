import { sliceGraphemes } from '../graphemes.js';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED, textOf } from '../maskText.js';
import { splitNameWords } from '../nameWords.js';

/**
 * Initials with a dot after each word: `John Ronald Tolkien` → `J.R.T.`. A Chinese name's
 * initial is its surname (`张三丰` → `张.`, `欧阳娜娜` → `欧阳.`): romanising the given
 * name would need a pinyin table and guesses for polyphonic characters.
 */
export const initialsMask: MaskStyle<'initials'> = {
  style: 'initials',
  fits: (kind) => kind === 'string',
  apply(value) {
    const text = textOf(value);
    if (text === undefined) return REDACTED;
    let out = '';
    for (const word of splitNameWords(text)) {
      const head = sliceGraphemes(word.graphemes, 0, word.head);
      out += `${word.han ? head : head.toUpperCase()}.`;
    }
    return out;
  },
};
