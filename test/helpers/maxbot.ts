import { MaxbotSimulator } from '../../src/sandbox/maxbot/maxbot.simulator';
import { secret, startRig, type Rig } from './rig';

export { API_KEY } from './rig';

export type MaxbotRig = Rig<MaxbotSimulator>;

/** The default `maxbot` connection to `sim`, its token from TEST_MAXBOT_TOKEN (= `sim.token`). */
export function maxbotConnection(sim: MaxbotSimulator, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'maxbot', provider: 'maxbot', baseUrl: sim.endpoint, token: '${TEST_MAXBOT_TOKEN}', default: true, ...overrides };
}

/** A Maxbot simulator plus a gateway configured against it (one API key), both on loopback. */
export function startMaxbotRig(
  options: {
    timeoutMs?: number;
    extraConnections?: Array<Record<string, unknown>>;
    apiKeys?: unknown[];
    env?: Record<string, string>;
    /** Overrides of the maxbot connection's fields. */
    connection?: Record<string, unknown>;
    /** More top-level fields of the connections file. */
    extra?: Record<string, unknown>;
  } = {},
): Promise<MaxbotRig> {
  return startRig(new MaxbotSimulator({ token: secret('mxb-secret-') }), (sim) => ({
    connections: [
      maxbotConnection(sim, { ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...options.connection }),
      ...(options.extraConnections ?? []),
    ],
    apiKeys: options.apiKeys,
    env: { TEST_MAXBOT_TOKEN: sim.token, ...options.env },
    extra: options.extra,
  }));
}
