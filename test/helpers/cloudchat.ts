import type { RecordedRequest } from '../../src/sandbox/simulator-server';
import { CloudchatSimulator, type CloudchatSimulatorOptions } from '../../src/sandbox/cloudchat/cloudchat.simulator';
import { API_KEY } from './maxbot';
import { startPonte, type PonteProcess } from './ponte';

export interface CloudchatRig {
  sim: CloudchatSimulator;
  ponte: PonteProcess;
  /** Authorization header for the configured API key. */
  auth: { Authorization: string };
  stop(): Promise<void>;
}

/**
 * A CloudChat simulator plus a gateway whose default connection `cloudchat` points at it (account
 * `42`, default inbox `7`). A `maxbot` connection (nothing listening) is configured too, so 501s
 * can name a connection that can.
 */
export async function startCloudchatRig(
  options: {
    connection?: Record<string, unknown>;
    sim?: CloudchatSimulatorOptions;
    extraConnections?: Array<Record<string, unknown>>;
    env?: Record<string, string>;
  } = {},
): Promise<CloudchatRig> {
  const sim = new CloudchatSimulator({ token: `cch-secret-${Math.random().toString(36).slice(2)}-token`, ...options.sim });
  await sim.start();
  const ponte = await startPonte({
    config: {
      connections: [
        {
          id: 'cloudchat',
          provider: 'cloudchat',
          baseUrl: sim.url,
          accountId: sim.accountId,
          apiAccessToken: '${TEST_CLOUDCHAT_TOKEN}',
          inboxId: '7',
          default: true,
          ...options.connection,
        },
        { id: 'maxbot', provider: 'maxbot', baseUrl: 'http://127.0.0.1:9/api/v1.php', token: 'maxbot-token-unused' },
        ...(options.extraConnections ?? []),
      ],
      apiKeys: [{ name: 'tests', key: API_KEY }],
    },
    // Extra connections may point at the same simulator with ${TEST_CLOUDCHAT_URL} / ${TEST_CLOUDCHAT_TOKEN}.
    env: { TEST_CLOUDCHAT_TOKEN: sim.token, TEST_CLOUDCHAT_URL: sim.url, ...options.env },
  });
  return {
    sim,
    ponte,
    auth: { Authorization: `Bearer ${API_KEY}` },
    stop: async () => {
      await ponte.stop();
      await sim.stop();
    },
  };
}

export const PROACTIVE_PATH = (accountId: string) => `/api/v1/accounts/${accountId}/conversations/create_proactive_whatsapp_conversation`;

/**
 * Asserts one request the simulator received, as cloudchat.txt's curl example sends it: `POST`,
 * the documented path for the account (no query string), the headers `content-type:
 * application/json` and `api_access_token` (and no other credential), and the exact JSON body.
 */
export function expectCloudchatCall(
  sim: CloudchatSimulator,
  req: RecordedRequest | undefined,
  expected: { accountId?: string; token?: string; body: Record<string, string> },
): void {
  expect(req).toBeDefined();
  expect({ method: req!.method, path: req!.path, rawQuery: req!.rawQuery }).toEqual({
    method: 'POST',
    path: PROACTIVE_PATH(expected.accountId ?? sim.accountId),
    rawQuery: '',
  });
  expect(req!.headers['content-type']).toBe('application/json');
  expect(req!.headers.api_access_token).toBe(expected.token ?? sim.token);
  expect(req!.headers.authorization).toBeUndefined();
  expect(req!.json).toEqual(expected.body);
}
