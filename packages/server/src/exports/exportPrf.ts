import { createHmac } from 'node:crypto';
import type { FingerprintPrf } from '@veil/policy';

/** The keyed function of one export's fingerprint: HMAC-SHA-256 under the export's own key. */
export function exportPrf(fingerprintKey: string): FingerprintPrf {
  const key = Buffer.from(fingerprintKey, 'hex');
  return (message) => createHmac('sha256', key).update(message).digest('hex');
}
