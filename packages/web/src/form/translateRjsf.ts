import { englishStringTranslator, TranslatableString } from '@rjsf/utils';
import type { Translate } from '../app/i18n.js';
import type { MessageKey } from '../app/messages.js';

const MAP: Partial<Record<TranslatableString, MessageKey>> = {
  [TranslatableString.AddButton]: 'rjsf.add',
  [TranslatableString.AddItemButton]: 'rjsf.add',
  [TranslatableString.RemoveButton]: 'rjsf.remove',
  [TranslatableString.MoveUpButton]: 'rjsf.up',
  [TranslatableString.MoveDownButton]: 'rjsf.down',
  [TranslatableString.CopyButton]: 'rjsf.copy',
  [TranslatableString.EmptyArray]: 'rjsf.empty',
  [TranslatableString.ErrorsLabel]: 'rjsf.errors',
  [TranslatableString.ArrayItemTitle]: 'rjsf.item',
  [TranslatableString.YesLabel]: 'common.yes',
  [TranslatableString.NoLabel]: 'common.no',
  [TranslatableString.ClearLabel]: 'common.clear',
};

/** rjsf's own button and label strings in the user's language. */
export function translateRjsf(t: Translate) {
  return (key: TranslatableString, params?: string[]): string => {
    const ours = MAP[key];
    return ours ? t(ours) : englishStringTranslator(key, params);
  };
}
