import type { RecordedRequest } from '../../src/sandbox/simulator-server';
import { CloudchatSimulator, type CloudchatSimulatorOptions } from '../../src/sandbox/cloudchat/cloudchat.simulator';
import { IDLE_CONNECTIONS, secret, startRig, type Rig, type RigOptions } from './rig';

export type CloudchatRig = Rig<CloudchatSimulator>;

/**
 * A CloudChat simulator plus a gateway whose default connection `cloudchat` points at it (account
 * `42`, default inbox `7`). A `maxbot` connection (nothing listening) is configured too, so 501s
 * can name a connection that can. Extra connections may reuse the simulator with
 * ${TEST_CLOUDCHAT_URL} / ${TEST_CLOUDCHAT_TOKEN}.
 */
export function startCloudchatRig(options: RigOptions<CloudchatSimulatorOptions> = {}): Promise<CloudchatRig> {
  return startRig(new CloudchatSimulator({ token: secret('cch-secret-'), ...options.sim }), (sim) => ({
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
      IDLE_CONNECTIONS.maxbot,
      ...(options.extraConnections ?? []),
    ],
    env: { TEST_CLOUDCHAT_TOKEN: sim.token, TEST_CLOUDCHAT_URL: sim.url, ...options.env },
  }));
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
