import { isValidEmail } from '@veil/schema';
import type { PiiCandidate, PiiDetector } from '../piiTypes.js';

const LOCAL_CHAR = /[A-Z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Z0-9.-]/;
// A label typed straight against the address (`手机138…email a@b.com` without a space): at the
// start of the local part or right after a digit run, which then is another value.
const GLUED_LABEL = /(?:^|(?<=\d))(?:E-?MAIL|MAIL)(?=[A-Z0-9])/g;

/** Where the address starts inside an expanded local part: after the last glued label, if any. */
function skipGluedLabel(local: string): number {
  let skip = 0;
  for (const match of local.matchAll(GLUED_LABEL)) skip = match.index + match[0].length;
  return skip;
}

/** Expands around each `@` (no regular expression, so no backtracking on long runs). */
function findEmails(view: string): PiiCandidate[] {
  const found: PiiCandidate[] = [];
  let previousEnd = 0;
  for (let at = view.indexOf('@'); at !== -1; at = view.indexOf('@', at + 1)) {
    let start = at;
    while (start > previousEnd && at - start < 64 && LOCAL_CHAR.test(view[start - 1] ?? '')) start--;
    while (start < at && view[start] === '.') start++;
    start += skipGluedLabel(view.slice(start, at));
    let end = at + 1;
    while (end < view.length && end - at < 254 && DOMAIN_CHAR.test(view[end] ?? '')) end++;
    while (end > at + 1 && /[.-]/.test(view[end - 1] ?? '')) end--;
    if (start < at && end > at + 1) {
      found.push({ start, end, value: view.slice(start, end) });
      previousEnd = end;
    }
  }
  return found;
}

/** E-mail addresses of the practical `local@domain.tld` shape. */
export const emailDetector: PiiDetector = {
  type: 'email',
  find: findEmails,
  validate: (candidate) => (isValidEmail(candidate.value) ? 0.99 : 0),
};
