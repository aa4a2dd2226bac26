import { MaxbotSimulator } from '../../src/sandbox/maxbot/maxbot.simulator';
import { startPonte, type PonteProcess } from './ponte';

export const API_KEY = 'test-key-0123456789abcdef';

export interface MaxbotRig {
  sim: MaxbotSimulator;
  ponte: PonteProcess;
  /** Authorization header for the configured API key. */
  auth: { Authorization: string };
  stop(): Promise<void>;
}

/** A Maxbot simulator plus a gateway configured against it (one API key), both on loopback. */
export async function startMaxbotRig(
  options: {
    timeoutMs?: number;
    extraConnections?: Array<Record<string, unknown>>;
    apiKeys?: unknown[];
    env?: Record<string, string>;
  } = {},
): Promise<MaxbotRig> {
  const sim = new MaxbotSimulator({ token: `mxb-secret-${Math.random().toString(36).slice(2)}-token` });
  await sim.start();
  const ponte = await startPonte({
    config: {
      connections: [
        {
          id: 'maxbot',
          provider: 'maxbot',
          baseUrl: sim.endpoint,
          token: '${TEST_MAXBOT_TOKEN}',
          default: true,
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        },
        ...(options.extraConnections ?? []),
      ],
      apiKeys: options.apiKeys ?? [{ name: 'tests', key: API_KEY }],
    },
    env: { TEST_MAXBOT_TOKEN: sim.token, ...options.env },
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
