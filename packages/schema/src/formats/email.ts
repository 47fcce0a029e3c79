import { toHalfWidth } from './normalizeIdentifier.js';

const LOCAL = /^[A-Za-z0-9._%+-]{1,64}$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^[A-Za-z]{2,63}$/;

/** Trimmed, half-width, lower-cased e-mail address. */
export function normalizeEmail(value: string): string {
  return toHalfWidth(value).trim().toLowerCase();
}

/** Practical `local@domain.tld` shape (not full RFC 5322): ASCII local part, dotted domain, letter TLD. */
export function isValidEmail(value: string): boolean {
  const email = normalizeEmail(value);
  if (email.length > 254) return false;
  const at = email.indexOf('@');
  if (at <= 0 || at !== email.lastIndexOf('@')) return false;
  const local = email.slice(0, at);
  if (!LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return false;
  const labels = email.slice(at + 1).split('.');
  const tld = labels.pop();
  return (
    labels.length > 0 && tld !== undefined && TLD.test(tld) && labels.every((label) => LABEL.test(label))
  );
}
