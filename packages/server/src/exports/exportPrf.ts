import { createHmac } from 'node:crypto';
import type { FingerprintPrf } from '@veil/policy';

/** Distinct cell texts whose digest one export remembers (columns repeat values a lot). */
const MEMO_LIMIT = 50_000;

/**
 * The keyed function of one export's fingerprint: HMAC-SHA-256 under the export's own key,
 * remembered per distinct text for the length of one build (the memo is dropped when full).
 */
export function exportPrf(fingerprintKey: string): FingerprintPrf {
  const key = Buffer.from(fingerprintKey, 'hex');
  const memo = new Map<string, string>();
  return (message) => {
    let digest = memo.get(message);
    if (digest === undefined) {
      digest = createHmac('sha256', key).update(message).digest('hex');
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(message, digest);
    }
    return digest;
  };
}
