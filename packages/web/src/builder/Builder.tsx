import { useI18n } from '../app/i18n.js';

/** Placeholder: the template builder lands here (loaded lazily, admins only). */
export function Builder() {
  const { t } = useI18n();
  return <p className="muted">{t('builder.placeholder')}</p>;
}
