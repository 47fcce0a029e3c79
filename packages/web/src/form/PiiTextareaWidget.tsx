import { getDefaultRegistry } from '@rjsf/core';
import type { WidgetProps } from '@rjsf/utils';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../app/i18n.js';
import type { MessageKey } from '../app/messages.js';
import type { NoteScan, scanNote } from './scanNote.js';

const Textarea = getDefaultRegistry().widgets.TextareaWidget!;

// The detector registry (word lists included) is a chunk of its own, fetched as soon as this
// module loads: the form works before it arrives, and the warning is a hint (the server scans
// on save). Keeps it out of the JavaScript a rep must download before the form shows.
let loadedScanNote: typeof scanNote | undefined;
const scanNoteLoading = import('./scanNote.js').then((module) => {
  loadedScanNote = module.scanNote;
  return module.scanNote;
});
const NOTHING: NoteScan = { kinds: [], masked: '' };

/** A textarea that warns as you type when the note holds a phone number, ID number, bank card or e-mail. */
export function PiiTextareaWidget(props: WidgetProps) {
  const { t } = useI18n();
  const text = typeof props.value === 'string' ? props.value : '';
  const [scanner, setScanner] = useState(() => loadedScanNote);
  useEffect(() => {
    if (scanner) return;
    let live = true;
    void scanNoteLoading.then((loaded) => live && setScanner(() => loaded));
    return () => {
      live = false;
    };
  }, [scanner]);
  const scan = useMemo(() => (scanner ? scanner(text) : { ...NOTHING, masked: text }), [scanner, text]);
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
