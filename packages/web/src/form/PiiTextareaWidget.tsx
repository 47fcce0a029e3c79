import { getDefaultRegistry } from '@rjsf/core';
import type { WidgetProps } from '@rjsf/utils';
import { useMemo } from 'react';
import { useI18n } from '../app/i18n.js';
import type { MessageKey } from '../app/messages.js';
import { scanNote } from './scanNote.js';

const Textarea = getDefaultRegistry().widgets.TextareaWidget!;

/** A textarea that warns as you type when the note holds a phone number, ID number, bank card or e-mail. */
export function PiiTextareaWidget(props: WidgetProps) {
  const { t } = useI18n();
  const text = typeof props.value === 'string' ? props.value : '';
  const scan = useMemo(() => scanNote(text), [text]);
  const kinds = [
    ...new Set(
      scan.kinds.map((k) => {
        const key = `pii.kind.${k}` as MessageKey;
        const label = t(key);
        return label === key ? t('pii.kind.other') : label;
      }),
    ),
  ];
  return (
    <div className="pii-textarea">
      <Textarea {...props} />
      {!props.readonly && scan.kinds.length > 0 && (
        <div className="pii-warning" role="alert" data-testid="pii-warning">
          <span>{t('pii.warning', { kinds: kinds.join(', ') })}</span>
          <button type="button" onClick={() => props.onChange(scan.masked)}>
            {t('pii.mask')}
          </button>
        </div>
      )}
    </div>
  );
}
