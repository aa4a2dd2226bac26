import { MaxbotSimulator } from '../../src/sandbox/maxbot/maxbot.simulator';
import { secret, startRig, type Rig } from './rig';

export { API_KEY } from './rig';

export type MaxbotRig = Rig<MaxbotSimulator>;

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
      {
        id: 'maxbot',
        provider: 'maxbot',
        baseUrl: sim.endpoint,
        token: '${TEST_MAXBOT_TOKEN}',
        default: true,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...options.connection,
      },
      ...(options.extraConnections ?? []),
    ],
    apiKeys: options.apiKeys,
    env: { TEST_MAXBOT_TOKEN: sim.token, ...options.env },
    extra: options.extra,
  }));
}
