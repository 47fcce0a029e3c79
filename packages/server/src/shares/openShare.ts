import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../services/services.js';
import { renderRecipientView } from './recipientView.js';
import { type StoredShare, saveShare, shareAuditDetails, shareIdOf, shareState } from './shareDocs.js';
import { shareGonePageHtml, sharePageHtml } from './sharePage.js';

/** The browser or app family of a user agent, for the audit entry (never the full string). */
function userAgentFamily(ua: string | undefined): string {
  const text = ua ?? '';
  const device = /Mobile|Android|iPhone|iPad/i.test(text) ? 'mobile' : 'desktop';
  const family = /MicroMessenger/i.test(text)
    ? 'wechat'
    : /DingTalk/i.test(text)
      ? 'dingtalk'
      : /bot|spider|crawl|preview/i.test(text)
        ? 'bot'
        : /Edg\//.test(text)
          ? 'edge'
          : /Firefox\//.test(text)
            ? 'firefox'
            : /Chrome\//.test(text)
              ? 'chrome'
              : /Safari\//.test(text)
                ? 'safari'
                : 'other';
  return `${family}/${device}`;
}

// A one-time link being opened right now counts as used, so two parallel opens cannot both show it.
const opening = new Set<string>();

function send(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Robots-Tag', 'noindex');
  res.end(html);
}

/**
 * `GET /s/<token>`: the share page, no login. Every opening is audited with its time and user
 * agent family; the opener's address is kept beside the entry as an erasable note, not in it.
 * A revoked, expired or used one-time link answers 410 and is audited as refused.
 */
export async function openShare(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
  locale: 'zh-CN' | 'en',
): Promise<void> {
  const id = shareIdOf(token);
  const doc = (await services.store.getDoc('shareLinks', id)) as StoredShare | undefined;
  if (!doc?.meta) {
    send(res, 404, shareGonePageHtml('unknown', locale));
    return;
  }
  const now = services.now().toISOString();
  const state = doc.meta.oneTime && opening.has(id) ? 'used' : shareState(doc, now);
  // Claimed before the next await, so a parallel open of a one-time link sees it used.
  const claimed = state === 'live' && doc.meta.oneTime;
  if (claimed) opening.add(id);
  try {
    await answerOpen(services, req, res, doc, { id, now, locale, state });
  } finally {
    if (claimed) opening.delete(id);
  }
}

async function answerOpen(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
  doc: StoredShare,
  at: { id: string; now: string; locale: 'zh-CN' | 'en'; state: ReturnType<typeof shareState> },
): Promise<void> {
  const { id, now, locale, state } = at;
  const uaFamily = userAgentFamily(req.headers['user-agent']);
  const addressNote = await services.store.putNote(req.socket.remoteAddress ?? 'unknown');
  if (state !== 'live') {
    await services.store.appendAudit({
      actor: `share:${id}`,
      action: 'share.open-refused',
      target: id,
      details: shareAuditDetails(doc, { state, uaFamily, addressNoteId: addressNote }),
    });
    send(res, 410, shareGonePageHtml(state, locale));
    return;
  }
  let html: string;
  try {
    const view = await renderRecipientView(services, {
      templateId: doc.templateId,
      recordIds: doc.recordIds,
      fields: doc.columns,
      shareId: id,
      label: doc.meta.recipientLabel,
      purpose: doc.meta.purpose,
      maskPii: doc.meta.maskPii,
      locale,
    });
    html = sharePageHtml({ view, label: doc.meta.recipientLabel, expiresAt: doc.expiresAt, locale });
  } catch {
    // The policy changed since: what was shared is no longer shareable.
    send(res, 410, shareGonePageHtml('revoked', locale));
    return;
  }
  const next: StoredShare = {
    ...doc,
    meta: { ...doc.meta, opens: doc.meta.opens + 1, ...(doc.meta.oneTime ? { usedAt: now } : {}) },
  };
  await saveShare(services.store, next, {
    actor: `share:${id}`,
    action: 'share.open',
    target: id,
    details: shareAuditDetails(next, { uaFamily, addressNoteId: addressNote, opens: next.meta.opens }),
  });
  send(res, 200, html);
}
