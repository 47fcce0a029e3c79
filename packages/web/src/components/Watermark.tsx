import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../app/i18n.js';

/**
 * A faint, repeated, diagonal "who and when" over pages showing customer data, so a
 * screenshot says who took it. Drawn as an SVG background; pointer-events none.
 */
export function Watermark({ name }: { name: string }) {
  const { t, locale } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const label = t('watermark.label', {
    name,
    time: now.toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' }),
  });
  const background = useMemo(() => {
    const escaped = label.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><text x="20" y="120" transform="rotate(-25 160 100)" font-family="sans-serif" font-size="15" fill="rgba(40,40,60,0.09)">${escaped}</text></svg>`;
    return `url("data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}")`;
  }, [label]);
  return (
    <div
      className="watermark"
      aria-hidden="true"
      data-watermark={label}
      style={{ backgroundImage: background }}
    />
  );
}
