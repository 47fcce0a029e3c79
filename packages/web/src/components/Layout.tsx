import type { WorkspaceCapability } from '@veil/schema';
import { type ReactNode, useState } from 'react';
import { LOCALES, useI18n } from '../app/i18n.js';
import type { MessageKey } from '../app/messages.js';
import { useRoute } from '../app/router.js';
import { useSession } from '../app/session.js';
import { Watermark } from './Watermark.js';

interface NavItem {
  id: string;
  label: MessageKey;
  /** Shown to users holding one of these capabilities. */
  capabilities: WorkspaceCapability[];
}

const NAV: NavItem[] = [
  { id: 'customers', label: 'nav.customers', capabilities: ['records.create'] },
  { id: 'due', label: 'nav.due', capabilities: ['records.create'] },
  { id: 'exports', label: 'nav.exports', capabilities: ['records.create'] },
  { id: 'audit', label: 'nav.audit', capabilities: ['audit.read'] },
  { id: 'templates', label: 'nav.templates', capabilities: ['audit.read', 'templates.publish'] },
  { id: 'policy', label: 'nav.policy', capabilities: ['workspace.manage'] },
  { id: 'users', label: 'nav.users', capabilities: ['users.manage'] },
  { id: 'builder', label: 'nav.builder', capabilities: ['templates.publish'] },
];

export function Layout({ children, watermark }: { children: ReactNode; watermark: boolean }) {
  const { t, locale, setLocale } = useI18n();
  const { me, can, signOut } = useSession();
  const route = useRoute();
  const [open, setOpen] = useState(false);
  const current = route.segments[0] ?? 'customers';
  const items = NAV.filter((item) => item.capabilities.some((capability) => can(capability)));
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
