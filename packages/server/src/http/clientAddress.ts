import type { IncomingMessage } from 'node:http';

const known = new WeakMap<IncomingMessage, string>();

/** `::ffff:10.0.0.1` → `10.0.0.1`, so an address is written one way. */
export function normalizeAddress(address: string | undefined): string {
  if (address === undefined || address === '') return 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * The client's address: the peer, unless the peer is a trusted proxy — then the right-most
 * `X-Forwarded-For` entry that is not itself a trusted proxy (entries left of it could be
 * written by anyone). Remembered per request for the log.
 */
export function resolveClientAddress(req: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = normalizeAddress(req.socket.remoteAddress);
  let client = peer;
  if (trustedProxies.includes(peer)) {
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((hop) => normalizeAddress(hop.trim()))
      .filter((hop) => hop !== 'unknown');
    for (let i = hops.length - 1; i >= 0; i--) {
      client = hops[i] as string;
      if (!trustedProxies.includes(client)) break;
    }
  }
  known.set(req, client);
  return client;
}

/** The address `resolveClientAddress` found for this request (else its peer). */
export function clientAddressOf(req: IncomingMessage): string {
  return known.get(req) ?? normalizeAddress(req.socket.remoteAddress);
}
