import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from '../log/logger.js';
import { normalizeAddress, resolveClientAddress } from './clientAddress.js';
import type { HttpLimits } from './httpLimits.js';

/** Node's own options for the limits it enforces itself. */
export function serverTimeoutOptions(limits: HttpLimits) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node checks the two timeouts above: a fraction of the shorter one.
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

/**
 * Caps connections (in all and per direct peer) and closes connections that send nothing
 * before their first request. Returns the gate each request passes first: it stops the idle
 * timer and, behind a trusted proxy, caps requests in progress per client address.
 */
export function guardConnections(
  server: Server,
  limits: HttpLimits,
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  server.maxConnections = limits.maxConnections;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const peer = normalizeAddress(socket.remoteAddress);
    if (limits.trustedProxies.includes(peer)) {
      socket.setTimeout(limits.idleTimeoutMs);
      return;
    }
    const count = (open.get(peer) ?? 0) + 1;
    if (count > limits.maxConnectionsPerAddress) {
      logger.log({
        level: 'warn',
        event: 'http',
        status: 'connection-refused',
        note: 'too many connections',
      });
      socket.destroy();
      return;
    }
    open.set(peer, count);
    socket.once('close', () => {
      const left = (open.get(peer) ?? 1) - 1;
      if (left <= 0) open.delete(peer);
      else open.set(peer, left);
    });
    // Node's own timeouts start with the first byte of a request; this one covers silence.
    socket.setTimeout(limits.idleTimeoutMs);
  });
  const inProgress = new Map<string, number>();
  return (req, res) => {
    // The request is here: its handling may take long (Node's keep-alive timer takes over after).
    req.socket.setTimeout(0);
    const client = resolveClientAddress(req, limits.trustedProxies);
    if (!limits.trustedProxies.includes(normalizeAddress(req.socket.remoteAddress))) return true;
    const count = (inProgress.get(client) ?? 0) + 1;
    if (count > limits.maxConnectionsPerAddress) return false;
    inProgress.set(client, count);
    res.once('close', () => {
      const left = (inProgress.get(client) ?? 1) - 1;
      if (left <= 0) inProgress.delete(client);
      else inProgress.set(client, left);
    });
    return true;
  };
}
