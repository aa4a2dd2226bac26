import request from 'supertest';
import { startMaxbotRig, type MaxbotRig } from './maxbot';
import { API_KEY, IDLE_CONNECTIONS, secret, type JsonObject } from './rig';

/** An API key limited to the `quiet` connection, which takes no webhooks: it sees none of maxbot's events. */
export const QUIET_KEY = 'quiet-key-0123456789abcdef';
/** An API key with `maxStreams: 2`: at most two event streams and subscriptions of its own at once. */
export const CAPPED_KEY = 'capped-key-0123456789abcdef';

export interface FeedRig extends MaxbotRig {
  /** Posts a webhook payload to the gateway as Maxbot would (with the secret) and answers the receipt. */
  hook(payload: object): Promise<JsonObject>;
}

/** A Maxbot rig whose connection takes webhooks, a second connection `quiet`, a key limited to it (QUIET_KEY) and a key with maxStreams 2 (CAPPED_KEY). */
export async function startFeedRig(env: Record<string, string>): Promise<FeedRig> {
  const webhookSecret = secret('whsec-', '-0123456789');
  const rig = await startMaxbotRig({
    connection: { webhookSecret: '${TEST_WEBHOOK_SECRET}' },
    extraConnections: [{ ...IDLE_CONNECTIONS.maxbot, id: 'quiet' }],
    apiKeys: [
      { name: 'tests', key: API_KEY },
      { name: 'quiet-only', key: QUIET_KEY, connections: ['quiet'] },
      { name: 'capped', key: CAPPED_KEY, maxStreams: 2 },
    ],
    env: { TEST_WEBHOOK_SECRET: webhookSecret, ...env },
  });
  const hook = async (payload: object): Promise<JsonObject> => {
    const res = await request(rig.ponte.url).post('/v1/webhooks/maxbot').query({ secret: webhookSecret }).send(payload);
    expect(res.status).toBe(200);
    return res.body as JsonObject;
  };
  return { ...rig, hook };
}
