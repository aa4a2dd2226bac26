import type { RecordedRequest } from '../../src/sandbox/simulator-server';
import { OkeybotSimulator, type OkeybotSimulatorOptions } from '../../src/sandbox/okeybot/okeybot.simulator';
import { IDLE_CONNECTIONS, secret, startRig, type Rig, type RigOptions } from './rig';

export type OkeybotRig = Rig<OkeybotSimulator>;

/**
 * An OkeyBot simulator plus a gateway whose default connection `okeybot` points at it. A `maxbot`
 * connection (nothing listening) is configured too, so 501s can name a connection that can.
 * Extra connections may reuse the simulator with ${TEST_OKEYBOT_URL} / ${TEST_OKEYBOT_TOKEN}.
 */
export function startOkeybotRig(options: RigOptions<OkeybotSimulatorOptions> = {}): Promise<OkeybotRig> {
  return startRig(new OkeybotSimulator({ token: secret('okb-secret-'), ...options.sim }), (sim) => ({
    connections: [
      {
        id: 'okeybot',
        provider: 'okeybot',
        baseUrl: sim.apiUrl,
        channelToken: '${TEST_OKEYBOT_TOKEN}',
        default: true,
        ...options.connection,
      },
      IDLE_CONNECTIONS.maxbot,
      ...(options.extraConnections ?? []),
    ],
    env: { TEST_OKEYBOT_TOKEN: sim.token, TEST_OKEYBOT_URL: sim.apiUrl, ...options.env },
  }));
}

export interface ExpectedOkeybotCall {
  method: string;
  /** Path as received, under /api (e.g. `/api/v1/contact/1776025372480910`). */
  path: string;
  /** The raw query string, exactly as sent (`name=firstName&value=Muhammad%20Mahin`). */
  rawQuery?: string;
  /** The JSON body; absent means no body at all. */
  body?: unknown;
}

/**
 * Asserts one request the simulator received, as okeybot.txt's curl examples send it: method,
 * path, exact query string, `Authorization: Bearer {channel_token}`, `Content-Type:
 * application/json`, and the exact JSON body (or none).
 */
export function expectOkeybotCall(sim: OkeybotSimulator, req: RecordedRequest | undefined, expected: ExpectedOkeybotCall): void {
  expect(req).toBeDefined();
  expect({ method: req!.method, path: req!.path, rawQuery: req!.rawQuery }).toEqual({
    method: expected.method,
    path: expected.path,
    rawQuery: expected.rawQuery ?? '',
  });
  expect(req!.headers.authorization).toBe(`Bearer ${sim.token}`);
  expect(req!.headers['content-type']).toBe('application/json');
  if (expected.body === undefined) expect(req!.body.length).toBe(0);
  else expect(req!.json).toEqual(expected.body);
}
