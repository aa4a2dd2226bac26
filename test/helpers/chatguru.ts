import { ChatguruSimulator, type ChatguruSimulatorOptions } from '../../src/sandbox/chatguru/chatguru.simulator';
import type { RecordedRequest } from '../../src/sandbox/simulator-server';
import { IDLE_CONNECTIONS, secret, startRig, type Rig, type RigOptions } from './rig';

export type ChatguruRig = Rig<ChatguruSimulator>;

/**
 * A ChatGuru simulator plus a gateway whose default connection `chatguru` points at it. The key
 * holds `+`, `/`, `=` and `&` on purpose: it must survive URL-encoding and still be redacted. A
 * `maxbot` and an `okeybot` connection (nothing listening) are configured too, so 501s can name
 * connections that can, and their 422s can be checked before anything is sent. Extra connections
 * may reuse the simulator with ${TEST_CHATGURU_URL} / ${TEST_CHATGURU_KEY}.
 */
export function startChatguruRig(options: RigOptions<ChatguruSimulatorOptions> = {}): Promise<ChatguruRig> {
  const sim = new ChatguruSimulator({ key: secret('cg+secret/', '=key&x'), accountId: 'abc', phoneId: 'def', ...options.sim });
  return startRig(sim, (sim) => ({
    connections: [
      {
        id: 'chatguru',
        provider: 'chatguru',
        baseUrl: sim.apiUrl,
        key: '${TEST_CHATGURU_KEY}',
        accountId: sim.accountId,
        phoneId: sim.phoneId,
        default: true,
        ...options.connection,
      },
      IDLE_CONNECTIONS.maxbot,
      IDLE_CONNECTIONS.okeybot,
      ...(options.extraConnections ?? []),
    ],
    env: { TEST_CHATGURU_KEY: sim.key, TEST_CHATGURU_URL: sim.apiUrl, ...options.env },
  }));
}

/** The raw query string split into its pairs, each decoded strictly (a `+` stays a `+`). */
export function queryPairs(rawQuery: string): Array<[string, string]> {
  if (rawQuery === '') return [];
  return rawQuery.split('&').map((pair) => {
    const at = pair.indexOf('=');
    const [k, v] = at === -1 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    return [decodeURIComponent(k), decodeURIComponent(v)];
  });
}

/**
 * Asserts one request the simulator received, the way chatguru.txt describes it: `POST /api/v1`,
 * no body, and everything in the query string — `key, account_id, phone_id, action`, then the
 * action's own parameters, compared pair by pair in order. Every reserved character is
 * percent-encoded (no raw `+`, space or non-ASCII byte that a server could read another way), and
 * the server-side decoding (`+` read as a space, as PHP and URLSearchParams do) gives the same values.
 */
export function expectChatguruCall(
  sim: ChatguruSimulator,
  req: RecordedRequest | undefined,
  action: string,
  params: Array<[string, string]>,
  credentials: { key?: string; accountId?: string; phoneId?: string } = {},
): void {
  expect(req).toBeDefined();
  expect({ method: req!.method, path: req!.path }).toEqual({ method: 'POST', path: '/api/v1' });
  const expected: Array<[string, string]> = [
    ['key', credentials.key ?? sim.key],
    ['account_id', credentials.accountId ?? sim.accountId],
    ['phone_id', credentials.phoneId ?? sim.phoneId],
    ['action', action],
    ...params,
  ];
  expect(queryPairs(req!.rawQuery)).toEqual(expected);
  expect(req!.rawQuery).toMatch(/^[A-Za-z0-9\-_.!~*'()%=&]*$/);
  expect(req!.query).toEqual(Object.fromEntries(expected));
  expect(req!.body.length).toBe(0);
  expect(req!.headers['content-type']).toBeUndefined();
  expect(req!.headers.authorization).toBeUndefined();
}
