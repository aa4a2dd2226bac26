/**
 * A GraphQL-over-WebSocket client for the tests: graphql-ws's own client (what applications use)
 * on the `ws` package, with every wait bounded.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { PonteProcess } from './ponte';

/** A `next` message's payload, as JSON carries it. */
export interface WsResult {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary GraphQL shapes
  data?: Record<string, any> | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary GraphQL shapes
  errors?: Array<{ message: string; extensions: Record<string, any> }>;
}

export interface SocketClose {
  code: number;
  reason: string;
}

export interface GraphqlSocket {
  client: Client;
  /** The X-Request-Id sent with the handshake: the gateway's log lines for this socket carry it. */
  requestId: string;
  /** Resolves when the socket closes, with the close code and reason. */
  closed: Promise<SocketClose>;
  /** Resolves when the server acknowledged `connection_init`. */
  connected: Promise<void>;
  subscribe(query: string, variables?: Record<string, unknown>): SubscriptionReader;
  dispose(): Promise<void>;
}

/**
 * Opens a socket to `<gateway>/graphql` and sends `connection_init` with `connectionParams`;
 * `headers` go on the handshake (Authorization, X-Connection: what servers can send).
 */
export function openGraphqlSocket(
  gatewayUrl: string,
  options: { connectionParams?: Record<string, unknown>; headers?: Record<string, string> } = {},
): GraphqlSocket {
  const requestId = randomUUID();
  const headers = { 'X-Request-Id': requestId, ...options.headers };
  let onClosed!: (close: SocketClose) => void;
  let onConnected!: () => void;
  const closed = new Promise<SocketClose>((resolve) => (onClosed = resolve));
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  class HeaderSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client = createClient({
    url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: HeaderSocket,
    connectionParams: options.connectionParams,
    lazy: false,
    retryAttempts: 0,
    on: {
      connected: () => onConnected(),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
    // The client would otherwise report a failed connection by throwing where no test can catch it.
    onNonLazyError: () => undefined,
  });
  return {
    client,
    requestId,
    closed,
    connected,
    subscribe: (query, variables) => new SubscriptionReader(client, query, variables),
    dispose: () => Promise.resolve(client.dispose()),
  };
}

/** One subscription's messages, read one at a time with a bounded wait. */
export class SubscriptionReader {
  private readonly results: WsResult[] = [];
  private ended?: { error?: unknown };
  private wake?: () => void;
  readonly unsubscribe: () => void;

  constructor(client: Client, query: string, variables?: Record<string, unknown>) {
    this.unsubscribe = client.subscribe(
      { query, variables },
      {
        next: (result) => this.push(() => this.results.push(result as unknown as WsResult)),
        error: (error) => this.push(() => (this.ended = { error })),
        complete: () => this.push(() => (this.ended ??= {})),
      },
    );
  }

  /** The next result; rejects when the subscription ends first or after `timeoutMs`. */
  async next(timeoutMs = 5_000): Promise<WsResult> {
    await this.until(() => this.results.length > 0 || this.ended !== undefined, timeoutMs, 'a result');
    if (this.results.length === 0) throw new Error(`the subscription ended instead: ${JSON.stringify(this.ended)}`);
    return this.results.shift()!;
  }

  /** How the subscription ended (`error`: an `error` message or the socket closing); rejects after `timeoutMs`. */
  async end(timeoutMs = 5_000): Promise<{ error?: unknown }> {
    await this.until(() => this.ended !== undefined, timeoutMs, 'the end of the subscription');
    return this.ended!;
  }

  /** Results received and not read yet. */
  pending(): number {
    return this.results.length;
  }

  private push(change: () => unknown): void {
    change();
    this.wake?.();
  }

  private async until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

/**
 * Resolves once the gateway logged `count` subscriptions started on the socket `requestId`: events
 * recorded from then on reach them (one recorded before would be before their starting point).
 */
export async function subscriptionsStarted(ponte: PonteProcess, requestId: string, count = 1, timeoutMs = 5_000): Promise<void> {
  const line = `"requestId":"${requestId}",`;
  const started = () =>
    ponte
      .output()
      .split('\n')
      .filter((l) => l.includes(line) && l.includes('"msg":"event subscription started"')).length;
  for (const deadline = Date.now() + timeoutMs; started() < count;) {
    if (Date.now() > deadline)
      throw new Error(`${count} subscription(s) on ${requestId} not started within ${timeoutMs} ms:\n${ponte.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A WebSocket handshake the gateway refuses: its HTTP status, headers and body. */
export function refusedHandshake(
  gatewayUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${gatewayUrl}${path}`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from(randomUUID().slice(0, 16)).toString('base64'),
        ...headers,
      },
      timeout: 5_000,
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      reject(new Error('the handshake was accepted'));
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
    req.end();
  });
}
