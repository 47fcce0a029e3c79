import { sliceGraphemes } from '../graphemes.js';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED, STAR, textOf } from '../maskText.js';
import { splitNameWords } from '../nameWords.js';

// Middle dots separate the parts of transliterated and minority names (阿卜杜·热合曼).
const NAME_SEPARATORS: ReadonlySet<string> = new Set(['·', '・', '•', '‧']);

/**
 * Chinese names keep the surname and show one `*` per remaining character (`张三丰` →
 * `张**`, `欧阳娜娜` → `欧阳**`); other words keep their first letter and a fixed `***`
 * (`John Doe` → `J*** D***`). Words are masked one by one, so `张三 John` → `张* J***`.
 */
export const nameMask: MaskStyle<'name'> = {
  style: 'name',
  fits: (kind) => kind === 'string',
  apply(value) {
    const text = textOf(value);
    if (text === undefined) return REDACTED;
    const masked: string[] = [];
    for (const word of splitNameWords(text)) {
      let out = sliceGraphemes(word.graphemes, 0, word.head);
      if (word.han) {
        for (let i = word.head; i < word.graphemes.length; i++) {
          const g = word.graphemes[i] ?? '';
          out += NAME_SEPARATORS.has(g) ? g : STAR;
        }
      } else {
        out += REDACTED;
      }
      masked.push(out);
    }
    return masked.join(' ');
  },
};
