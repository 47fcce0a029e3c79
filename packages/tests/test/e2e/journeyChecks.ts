import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DESKTOP, PHONE } from './harness.js';

/** The four ways a team uses Veil: each language on a desktop and on a phone. */
export const COMBOS = [
  { lang: 'zh-CN', size: 'desktop', viewport: DESKTOP },
  { lang: 'en', size: 'desktop', viewport: DESKTOP },
  { lang: 'zh-CN', size: 'phone', viewport: PHONE },
  { lang: 'en', size: 'phone', viewport: PHONE },
] as const;
export type Combo = (typeof COMBOS)[number];

const SHOTS = join(tmpdir(), 'veil-journeys');
mkdirSync(SHOTS, { recursive: true });

/** Everything the journey did not provoke: console errors, page errors, failed requests. */
export function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  return problems;
}

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/**
 * Interface text of the other language on the screen. The demo data is written in the screen's
 * language (one world per language), so every text node counts; tokens with digits, `@` or
 * dots (codes, e-mails, amounts), `<code>` (ids and logins), the product's name and text marked with its own `lang` (the
 * language switcher names each language in itself) are not interface strings of the other language.
 */
async function otherLanguage(page: Page, lang: Combo['lang']): Promise<string[]> {
  const texts = await page.evaluate<string[]>(`(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, code, [hidden], body [lang]')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const text = n.textContent.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]'))
      out.push(el.getAttribute('placeholder'));
    for (const el of document.querySelectorAll('[aria-label]')) out.push(el.getAttribute('aria-label'));
    return out;
  })()`);
  if (lang === 'en') return texts.filter((t) => CJK.test(t));
  return texts.filter((t) => {
    if (CJK.test(t)) return false;
    const words = t
      .split(/[\s,;:()/·›→←+|]+/)
      // Lower-case hyphenated ids (`retail-membership`) are codes, not words.
      .filter((w) => /^[A-Za-z][A-Za-z'’-]{2,}$/.test(w) && !/^[a-z]+(-[a-z]+)+$/.test(w));
    return words.some((w) => w !== 'Veil');
  });
}

/** The checks of every journey step; a screenshot of the step is written to `SHOTS`. */
export async function checkScreen(page: Page, combo: Combo, name: string, problems: string[]): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    `!document.body.innerText.includes('…') || !document.querySelector('[aria-live]')?.textContent?.includes('…')`,
  );
  const file = `${name}-${combo.lang}-${combo.size}`;
  await page.screenshot({ path: join(SHOTS, `${file}.png`), fullPage: false });
  const banners = await page
    .locator('.error, [data-testid=query-refusal], .refusal, [role=alert]:not([data-testid=pii-warning])')
    .allTextContents();
  expect(banners, `${file}: error banners`).toEqual([]);
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow, `${file}: horizontal overflow`).toBeLessThanOrEqual(0);
  expect(await otherLanguage(page, combo.lang), `${file}: other-language strings`).toEqual([]);
  expect(problems, `${file}: console errors and failed requests`).toEqual([]);
}
