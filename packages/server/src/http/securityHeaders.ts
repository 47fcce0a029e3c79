import type { ServerResponse } from 'node:http';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Headers on every response; HSTS only when served over TLS. */
export function setSecurityHeaders(res: ServerResponse, options: { tls: boolean; api: boolean }): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (options.tls) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  // API answers depend on the principal: never cached anywhere.
  if (options.api) res.setHeader('Cache-Control', 'no-store');
}
