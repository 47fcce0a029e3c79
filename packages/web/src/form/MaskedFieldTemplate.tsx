import { getDefaultRegistry } from '@rjsf/core';
import type { FieldTemplateProps } from '@rjsf/utils';
import { useI18n } from '../app/i18n.js';
import { Lock } from '../components/Lock.js';
import { useMaskState } from './maskContext.js';

const Default = getDefaultRegistry().templates.FieldTemplate;

/** rjsf's field row, plus a lock on masked values and "reveal" where the policy allows it. */
export function MaskedFieldTemplate(props: FieldTemplateProps) {
  const { t } = useI18n();
  const mask = useMaskState();
  const pointer = mask?.pointerOf(props.fieldPathId.path);
  if (!mask || pointer === undefined) return <Default {...props} />;
  const masked = mask.masked.has(pointer);
  const revealed = mask.revealed.has(pointer);
  if (!masked && !revealed) return <Default {...props} />;
  const extra = masked ? (
    <div className="masked-row" data-masked-pointer={pointer}>
      <Lock />
      <span className="muted small">{t('mask.masked')}</span>
      {mask.revealable.has(pointer) && (
        <button type="button" className="link" data-reveal={pointer} onClick={() => mask.reveal(pointer)}>
          {t('reveal.button')}
        </button>
      )}
    </div>
  ) : (
    <div className="masked-row" data-revealed={pointer}>
      <span className="revealed small">{t('reveal.done')}</span>
    </div>
  );
  return (
    <Default {...props} classNames={`${props.classNames ?? ''} ${masked ? 'masked-field' : ''}`}>
      <div>
        {props.children}
        {extra}
      </div>
    </Default>
  );
}
