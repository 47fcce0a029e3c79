import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTRPCClient,
  type HTTPLinkOptions,
  httpLink,
  type TRPCClient,
  TRPCClientError,
} from '@trpc/client';
import type { AppRouter, RunningServer, StartServerOptions } from '@veil/server';
import { DEMO_PASSWORD, startServer } from '@veil/server';

export interface Harness {
  server: RunningServer;
  logs: string[];
  /** The server's data folder. */
  dataDir: string;
  /** A client with its own cookie jar (one browser). */
  client(): ApiClient;
  /** A client signed in as a demo user. */
  as(login: string): Promise<ApiClient>;
  close(): Promise<void>;
}

type FetchEsque = NonNullable<HTTPLinkOptions<AppRouter['_def']['_config']['$types']>['fetch']>;

export type ApiClient = TRPCClient<AppRouter>;

const jars = new WeakMap<object, { cookie: string; seen: string[] }>();

/** Every response body and header block a client received. */
export function seenBy(client: ApiClient): string[] {
  return jars.get(client)?.seen ?? [];
}

/** The session cookie a client holds (`name=value`), '' when none. */
export function cookieOf(client: ApiClient): string {
  return jars.get(client)?.cookie ?? '';
}

/** Every response the tests saw: bodies and headers (for the canary sweep). */
const seenResponses: { url: string; status: number; headers: string; body: string }[] = [];

function makeClient(url: string, options: { csrf?: boolean } = {}): ApiClient {
  const jar = { cookie: '', seen: [] as string[] };
  const fetchWithCookie = async (
    input: string | URL | Request,
    init?: Parameters<FetchEsque>[1],
  ): Promise<Response> => {
    const headers = new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]);
    if (options.csrf !== false) headers.set('x-veil-csrf', '1');
    if (jar.cookie) headers.set('cookie', jar.cookie);
    const response = await fetch(input, { ...(init as RequestInit), headers });
    const set = response.headers.getSetCookie();
    for (const line of set) {
      const pair = line.split(';')[0] ?? '';
      jar.cookie = pair.endsWith('=') ? '' : pair;
    }
    const body = await response.text();
    jar.seen.push(JSON.stringify([...response.headers]), body);
    seenResponses.push({
      url: String(input),
      status: response.status,
      headers: JSON.stringify([...response.headers]),
      body,
    });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  const trpc = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, fetch: fetchWithCookie })],
  });
  jars.set(trpc, jar);
  return trpc;
}

export async function startHarness(options: Partial<StartServerOptions> = {}): Promise<Harness> {
  const root = await mkdtemp(join(tmpdir(), 'veil-api-'));
  const logs: string[] = [];
  const server = await startServer({
    port: 0,
    dataDir: join(root, 'data'),
    keysDir: join(root, 'keys'),
    seed: { customers: 24 },
    logSink: (line) => logs.push(line),
    config: { loginDelayMs: () => 0 },
    ...options,
  });
  return {
    server,
    logs,
    dataDir: join(root, 'data'),
    client: () => makeClient(server.url),
    async as(login) {
      const client = makeClient(server.url);
      await client.auth.login.mutate({ username: login, password: DEMO_PASSWORD });
      return client;
    },
    async close() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** The tRPC error code and Veil code of a failed call. */
export async function failure(
  call: Promise<unknown>,
): Promise<{ code: string; veilCode: string; message: string; issues: { path: string; code: string }[] }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as
        | { code?: string; veilCode?: string; issues?: { path: string; code: string }[] }
        | undefined;
      return {
        code: data?.code ?? 'UNKNOWN',
        veilCode: data?.veilCode ?? '',
        message: error.message,
        issues: data?.issues ?? [],
      };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

export { makeClient };
