import type { RecordedRequest } from '../../src/sandbox/simulator-server';
import { OkeybotSimulator, type OkeybotSimulatorOptions } from '../../src/sandbox/okeybot/okeybot.simulator';
import { API_KEY } from './maxbot';
import { startPonte, type PonteProcess } from './ponte';

export interface OkeybotRig {
  sim: OkeybotSimulator;
  ponte: PonteProcess;
  /** Authorization header for the configured API key. */
  auth: { Authorization: string };
  stop(): Promise<void>;
}

/**
 * An OkeyBot simulator plus a gateway whose default connection `okeybot` points at it. A `maxbot`
 * connection (nothing listening) is configured too, so 501s can name a connection that can.
 */
export async function startOkeybotRig(
  options: {
    connection?: Record<string, unknown>;
    sim?: OkeybotSimulatorOptions;
    extraConnections?: Array<Record<string, unknown>>;
    env?: Record<string, string>;
  } = {},
): Promise<OkeybotRig> {
  const sim = new OkeybotSimulator({ token: `okb-secret-${Math.random().toString(36).slice(2)}-token`, ...options.sim });
  await sim.start();
  const ponte = await startPonte({
    config: {
      connections: [
        {
          id: 'okeybot',
          provider: 'okeybot',
          baseUrl: sim.apiUrl,
          channelToken: '${TEST_OKEYBOT_TOKEN}',
          default: true,
          ...options.connection,
        },
        { id: 'maxbot', provider: 'maxbot', baseUrl: 'http://127.0.0.1:9/api/v1.php', token: 'maxbot-token-unused' },
        ...(options.extraConnections ?? []),
      ],
      apiKeys: [{ name: 'tests', key: API_KEY }],
    },
    // Extra connections may point at the same simulator with ${TEST_OKEYBOT_URL} / ${TEST_OKEYBOT_TOKEN}.
    env: { TEST_OKEYBOT_TOKEN: sim.token, TEST_OKEYBOT_URL: sim.apiUrl, ...options.env },
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
