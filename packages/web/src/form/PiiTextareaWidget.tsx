import { getDefaultRegistry } from '@rjsf/core';
import type { WidgetProps } from '@rjsf/utils';
import { type ComponentType, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../app/i18n.js';
import type { MessageKey } from '../app/messages.js';
import type { NoteScan, scanNote } from './scanNote.js';

const defaults = getDefaultRegistry().widgets;
const Textarea = defaults.TextareaWidget!;
const Text = defaults.TextWidget!;

// The detector registry (word lists included) is a chunk of its own, fetched as soon as this
// module loads: the form works before it arrives, and the warning is a hint (the server scans
// on save). Keeps it out of the JavaScript a rep must download before the form shows.
let loadedScanNote: typeof scanNote | undefined;
const scanNoteLoading = import('./scanNote.js').then((module) => {
  loadedScanNote = module.scanNote;
  return module.scanNote;
});
const NOTHING: NoteScan = { kinds: [], masked: '' };

/** The keyboard a phone shows for a format (`type="tel"` brings up the number pad). */
const INPUT_TYPES: Readonly<Record<string, string>> = {
  'cn-mobile': 'tel',
  'cn-landline': 'tel',
  email: 'email',
};

/** The server marks every field it scans on save (`ui:options.veilScan`), whatever its widget. */
function isScanned(props: WidgetProps): boolean {
  return props.options?.veilScan === true;
}

/** The live warning under a scanned field: what looks personal, and a button that masks it. */
function PiiWarning({ text, onMask }: { text: string; onMask: (masked: string) => void }) {
  const { t, locale } = useI18n();
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
  if (scan.kinds.length === 0) return null;
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
    <div className="pii-warning" role="alert" data-testid="pii-warning">
      <span>{t('pii.warning', { kinds: kinds.join(locale === 'zh-CN' ? '、' : ', ') })}</span>
      <button type="button" onClick={() => onMask(scan.masked)}>
        {t('pii.mask')}
      </button>
    </div>
  );
}

function withScan(Base: ComponentType<WidgetProps>, className: string) {
  return function ScannedWidget(props: WidgetProps) {
    const format = typeof props.schema.format === 'string' ? props.schema.format : undefined;
    const inputType = format ? INPUT_TYPES[format] : undefined;
    const shown = inputType ? { ...props, options: { ...props.options, inputType } } : props;
    if (!isScanned(props) || props.readonly || props.disabled) return <Base {...shown} />;
    const text = typeof props.value === 'string' ? props.value : '';
    return (
      <div className={className}>
        <Base {...shown} />
        <PiiWarning text={text} onMask={(masked) => props.onChange(masked)} />
      </div>
    );
  };
}

/** A textarea that warns as you type when a scanned note holds a phone number, ID number, bank card or e-mail. */
export const PiiTextareaWidget = withScan(Textarea, 'pii-textarea');

/** A one-line text input: the phone keyboard for phone formats, and the same live warning when scanned. */
export const PiiTextWidget = withScan(Text, 'pii-text');
