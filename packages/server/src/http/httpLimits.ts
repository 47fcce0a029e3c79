/** Connection and request limits of the HTTP listener; figures in `docs/operations.md`. */
export interface HttpLimits {
  /** All request headers must arrive within this time (slow-header attacks). */
  headersTimeoutMs: number;
  /** The whole request, headers and body, must arrive within this time (slow-body attacks). */
  requestTimeoutMs: number;
  /** A connection that sends nothing for this long before its first request is closed. */
  idleTimeoutMs: number;
  /** A kept-alive connection idle this long after a response is closed. */
  keepAliveTimeoutMs: number;
  /**
   * Open connections per peer address (a direct client), and requests in progress per client
   * address behind a trusted proxy. Over it, a connection is closed at once and a proxied
   * request gets 429.
   */
  maxConnectionsPerAddress: number;
  /** Open connections in all. */
  maxConnections: number;
  /**
   * Peer addresses (exact IPs, e.g. the load balancer's) whose `X-Forwarded-For` is believed.
   * The client address is then the right-most address in it that is not a trusted proxy.
   * Empty (default): the header is ignored and the peer is the client.
   */
  trustedProxies: readonly string[];
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnectionsPerAddress: 64,
  maxConnections: 4_096,
  trustedProxies: [],
};
