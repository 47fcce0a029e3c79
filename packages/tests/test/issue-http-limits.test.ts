import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, type StartServerOptions, startServer } from '@veil/server';
import { afterAll, describe, expect, it } from 'vitest';

const root = await mkdtemp(join(tmpdir(), 'veil-http-'));
const servers: RunningServer[] = [];
const sockets: Socket[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  for (const server of servers) await server.close();
  await rm(root, { recursive: true, force: true });
});

let n = 0;
async function start(
  http: Record<string, unknown>,
  logs: string[] = [],
): Promise<{ host: string; port: number }> {
  n += 1;
  const server = await startServer({
    port: 0,
    dataDir: join(root, `data-${n}`),
    keysDir: join(root, `keys-${n}`),
    seed: { customers: 1 },
    logSink: (line) => logs.push(line),
    config: { loginDelayMs: () => 0 },
    http,
  } as StartServerOptions);
  servers.push(server);
  const url = new URL(server.url);
  return { host: url.hostname, port: Number(url.port) };
}

function open(at: { host: string; port: number }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(at.port, at.host, () => resolve(socket));
    socket.on('error', reject);
    sockets.push(socket);
  });
}

/** Whether the server closed the socket within `ms` (a bound for the test, not a timing assertion). */
function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  if (socket.destroyed || socket.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function received(socket: Socket): () => string {
  let text = '';
  socket.on('data', (chunk) => {
    text += chunk.toString();
  });
  return () => text;
}

const loginHead = (length: number, extra = '') =>
  `POST /trpc/auth.login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nx-veil-csrf: 1\r\n${extra}Content-Length: ${length}\r\n\r\n`;

describe('HTTP limits', () => {
  it('a body sent one byte at a time is cut off with 408 long before it ends', async () => {
    const at = await start({ headersTimeoutMs: 500, requestTimeoutMs: 1_000, idleTimeoutMs: 500 });
    const socket = await open(at);
    const answer = received(socket);
    socket.write(loginHead(200));
    let sent = 0;
    let closed = false;
    socket.once('close', () => {
      closed = true;
    });
    // 60 of the 200 bytes, one every 100 ms: bounded, and far longer than the 1 s request timeout.
    while (!closed && sent < 60) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (!closed) socket.write('a');
      sent += 1;
    }
    expect(closed || (await closedWithin(socket, 2_000))).toBe(true);
    expect(sent).toBeLessThan(60);
    expect(answer()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('idle connections that never send a request are closed', async () => {
    const at = await start({ idleTimeoutMs: 300 });
    const idle = await Promise.all(Array.from({ length: 30 }, () => open(at)));
    const closed = await Promise.all(idle.map((socket) => closedWithin(socket, 5_000)));
    expect(closed.filter(Boolean).length).toBe(30);
  });

  it('caps open connections per address; the server keeps answering', async () => {
    const at = await start({ idleTimeoutMs: 60_000, maxConnectionsPerAddress: 10 });
    const many = await Promise.all(Array.from({ length: 14 }, () => open(at)));
    const closed = await Promise.all(many.map((socket) => closedWithin(socket, 2_000)));
    expect(closed.filter(Boolean).length).toBe(4);
    for (const socket of many) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const response = await fetch(`http://${at.host}:${at.port}/trpc/auth.me`, {
      headers: { 'x-veil-csrf': '1' },
    });
    expect(response.status).toBe(401);
  });

  it('behind a trusted proxy, X-Forwarded-For names the client for the cap and the log', async () => {
    const logs: string[] = [];
    const at = await start(
      {
        trustedProxies: ['127.0.0.1'],
        maxConnectionsPerAddress: 2,
        idleTimeoutMs: 60_000,
        requestTimeoutMs: 60_000,
      },
      logs,
    );
    // Two requests of one client stay in progress (their bodies never come) …
    const held = await Promise.all([open(at), open(at)]);
    for (const socket of held) socket.write(loginHead(50, 'X-Forwarded-For: 203.0.113.9\r\n'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // … so the third of that client is refused, while another client behind the proxy is served.
    const third = await open(at);
    const answer = received(third);
    third.write(loginHead(50, 'X-Forwarded-For: 198.51.100.1, 203.0.113.9\r\n'));
    await closedWithin(third, 2_000);
    expect(answer()).toMatch(/^HTTP\/1\.1 429/);
    const other = await fetch(`http://${at.host}:${at.port}/trpc/auth.me`, {
      headers: { 'x-veil-csrf': '1', 'x-forwarded-for': '198.51.100.4' },
    });
    expect(other.status).toBe(401);
    const lines = logs.map((line) => JSON.parse(line) as { client?: string; procedure?: string });
    expect(lines.some((l) => l.procedure === 'auth.me' && l.client === '198.51.100.4')).toBe(true);
  });

  it('without a trusted proxy, X-Forwarded-For is ignored', async () => {
    const logs: string[] = [];
    const at = await start({}, logs);
    await fetch(`http://${at.host}:${at.port}/trpc/auth.me`, {
      headers: { 'x-veil-csrf': '1', 'x-forwarded-for': '198.51.100.4' },
    });
    const lines = logs.map((line) => JSON.parse(line) as { client?: string; procedure?: string });
    const me = lines.find((l) => l.procedure === 'auth.me');
    expect(me?.client).toBe('127.0.0.1');
  });
});
