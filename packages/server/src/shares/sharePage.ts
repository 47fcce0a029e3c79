import type { RecipientView } from './recipientView.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = `body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1d2433;background:#f6f7f9}
main{max-width:40rem;margin:0 auto;padding:1rem;position:relative;z-index:1}
section{background:#fff;border-radius:8px;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px #0002}
dl{display:grid;grid-template-columns:minmax(6rem,auto) 1fr;gap:.25rem 1rem;margin:0}
dt{color:#5b6475}dd{margin:0;word-break:break-word}
.mark{position:fixed;inset:0;overflow:hidden;pointer-events:none;user-select:none;z-index:2;display:flex;flex-wrap:wrap;gap:4rem 3rem;padding:2rem;transform:rotate(-20deg) scale(1.4);opacity:.12;font-size:1.1rem;color:#000}
footer{font-size:.85rem;color:#5b6475}`;

/** The share page: the recipient's view, their label as an on-screen watermark, no script. */
export function sharePageHtml(options: {
  view: RecipientView;
  label: string;
  expiresAt: string;
  locale: 'zh-CN' | 'en';
}): string {
  const en = options.locale === 'en';
  const label = escapeHtml(options.label);
  const marks = Array.from({ length: 60 }, () => `<span>${label}</span>`).join('');
  const sections = options.view.records
    .map(
      (record) =>
        `<section><dl>${record.fields
          .map((f) => `<dt>${escapeHtml(f.title)}</dt><dd>${escapeHtml(f.text) || '—'}</dd>`)
          .join('')}</dl></section>`,
    )
    .join('');
  const footer = en
    ? `Shared with ${label} through Veil; expires ${escapeHtml(options.expiresAt)}. Do not forward.`
    : `经 Veil 分享给 ${label}，${escapeHtml(options.expiresAt)} 失效，请勿转发。`;
  return `<!doctype html><html lang="${en ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>${en ? 'Shared record' : '分享的记录'}</title><style>${STYLE}</style></head><body><div class="mark" aria-hidden="true">${marks}</div><main><h1>${en ? 'Shared record' : '分享的记录'}</h1>${sections}<footer>${footer}</footer></main></body></html>`;
}

/** The page for a link that no longer opens. */
export function shareGonePageHtml(
  state: 'revoked' | 'expired' | 'used' | 'unknown',
  locale: 'zh-CN' | 'en',
): string {
  const messages = {
    en: {
      revoked: 'This link was revoked by the person who shared it.',
      expired: 'This link has expired.',
      used: 'This link could be opened once and has been opened already.',
      unknown: 'This link does not exist.',
    },
    'zh-CN': {
      revoked: '分享人已撤销此链接。',
      expired: '此链接已过期。',
      used: '此链接只能打开一次，已被打开过。',
      unknown: '此链接不存在。',
    },
  } as const;
  const text = messages[locale][state];
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>Veil</title><style>${STYLE}</style></head><body><main><section><p>${escapeHtml(text)}</p></section></main></body></html>`;
}
