import { type ReactNode, useState } from 'react';
import { LOCALES, useI18n } from '../app/i18n.js';
import type { MessageKey } from '../app/messages.js';
import { useRoute } from '../app/router.js';
import { useSession } from '../app/session.js';
import { Watermark } from './Watermark.js';

interface NavItem {
  id: string;
  label: MessageKey;
  roles: string[];
}

const NAV: NavItem[] = [
  { id: 'customers', label: 'nav.customers', roles: ['rep', 'manager', 'admin', 'partner'] },
  { id: 'due', label: 'nav.due', roles: ['rep', 'manager', 'admin'] },
  { id: 'audit', label: 'nav.audit', roles: ['compliance', 'admin'] },
  { id: 'templates', label: 'nav.templates', roles: ['compliance', 'admin'] },
  { id: 'policy', label: 'nav.policy', roles: ['admin'] },
  { id: 'users', label: 'nav.users', roles: ['admin'] },
  { id: 'builder', label: 'nav.builder', roles: ['admin'] },
];

export function Layout({ children, watermark }: { children: ReactNode; watermark: boolean }) {
  const { t, locale, setLocale } = useI18n();
  const { me, has, signOut } = useSession();
  const route = useRoute();
  const [open, setOpen] = useState(false);
  const current = route.segments[0] ?? 'customers';
  const items = NAV.filter((item) => item.roles.some(has));
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="#/">
          Veil
        </a>
        <button type="button" className="menu-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {t('nav.menu')}
        </button>
        <nav className={open ? 'nav open' : 'nav'} aria-label={t('nav.menu')}>
          {items.map((item) => (
            <a
              key={item.id}
              href={`#/${item.id}`}
              className={
                current === item.id || (current === 'records' && item.id === 'customers') ? 'active' : ''
              }
              onClick={() => setOpen(false)}
            >
              {t(item.label)}
            </a>
          ))}
        </nav>
        <div className="topbar-end">
          <select
            aria-label={t('lang.switch')}
            value={locale}
            onChange={(e) => setLocale(e.target.value as (typeof LOCALES)[number])}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {l === 'zh-CN' ? '中文' : 'English'}
              </option>
            ))}
          </select>
          <a className="who" href="#/account" title={t('account.title')}>
            {me.name}
          </a>
          <button type="button" className="link" onClick={() => void signOut()}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main className="content">{children}</main>
      {watermark && <Watermark name={`${me.name} (${me.id})`} />}
    </div>
  );
}
