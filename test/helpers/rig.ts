import { startPonte, type PonteProcess } from './ponte';

export const API_KEY = 'test-key-0123456789abcdef';

/** A platform simulator plus a gateway configured against it, both on loopback. */
export interface Rig<S> {
  sim: S;
  ponte: PonteProcess;
  /** Authorization header for the configured API key. */
  auth: { Authorization: string };
  stop(): Promise<void>;
}

/** Connections pointing at ports where nothing listens: for 501s that name a connection that can, and 422s checked before any send. */
export const IDLE_CONNECTIONS = {
  maxbot: { id: 'maxbot', provider: 'maxbot', baseUrl: 'http://127.0.0.1:9/api/v1.php', token: 'maxbot-token-unused' },
  okeybot: { id: 'okeybot', provider: 'okeybot', baseUrl: 'http://127.0.0.1:9/api', channelToken: 'okeybot-token-unused' },
} as const;

/** A random secret with a recognisable prefix, so a test can tell it leaked. */
export function secret(prefix: string, suffix = '-token'): string {
  return `${prefix}${Math.random().toString(36).slice(2)}${suffix}`;
}

/**
 * Starts `sim`, then a gateway with `connections` (secrets passed as `${ENV}` references filled
 * from `env`) and one API key; stopping the rig stops both, gateway first.
 */
export async function startRig<S extends { start(): Promise<unknown>; stop(): Promise<unknown> }>(
  sim: S,
  build: (sim: S) => {
    connections: Array<Record<string, unknown>>;
    apiKeys?: unknown[];
    env: Record<string, string>;
    /** More top-level fields of the connections file (e.g. subscriptions). */
    extra?: Record<string, unknown>;
  },
): Promise<Rig<S>> {
  await sim.start();
  const { connections, apiKeys, env, extra } = build(sim);
  const ponte = await startPonte({
    config: { connections, apiKeys: apiKeys ?? [{ name: 'tests', key: API_KEY }], ...extra },
    env,
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

/** What every platform rig accepts: overrides of its default connection and simulator, more connections, more env. */
export interface RigOptions<SimOptions> {
  connection?: Record<string, unknown>;
  sim?: SimOptions;
  extraConnections?: Array<Record<string, unknown>>;
  env?: Record<string, string>;
}

/** A JSON object read from a response, indexed freely by the test. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON shapes
export type JsonObject = Record<string, any>;
