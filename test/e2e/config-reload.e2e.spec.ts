/**
 * SIGHUP reloads the connections file: a real gateway process, two Maxbot simulators, the file
 * rewritten between signals; requests, event streams and GraphQL WebSockets over real HTTP.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { MaxbotSimulator } from '../../src/sandbox/maxbot/maxbot.simulator';
import { openGraphqlSocket } from '../helpers/graphql-ws';
import { startPonte, type PonteProcess } from '../helpers/ponte';
import { secret } from '../helpers/rig';
import { openEventStream } from '../helpers/sse';

const OLD_KEY = 'old-key-0123456789abcdef';
const KEPT_KEY = 'kept-key-0123456789abcdef';
const NEW_KEY = 'new-key-0123456789abcdef';
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

const simA = new MaxbotSimulator({ token: secret('mxb-a-') });
const simB = new MaxbotSimulator({ token: secret('mxb-b-') });
let ponte: PonteProcess;

const connection = (sim: MaxbotSimulator, token: string) => ({ id: 'maxbot', provider: 'maxbot', baseUrl: sim.endpoint, token });
const FIRST = () => ({
  connections: [connection(simA, '${TOKEN_A}')],
  apiKeys: [
    { name: 'old', key: OLD_KEY },
    { name: 'kept', key: KEPT_KEY },
  ],
});

beforeAll(async () => {
  await simA.start();
  await simB.start();
  ponte = await startPonte({ config: FIRST(), env: { TOKEN_A: simA.token, TOKEN_B: simB.token } });
});
afterAll(async () => {
  await ponte?.stop();
  await simA.stop();
  await simB.stop();
});

/** Rewrites the gateway's connections file, sends SIGHUP and waits for the outcome's log line (the n-th of its kind). */
async function reload(config: unknown, expected: string, nth: number): Promise<string> {
  writeFileSync(ponte.configFile!, typeof config === 'string' ? config : JSON.stringify(config));
  ponte.signal('SIGHUP');
  for (let i = 0; ponte.output().split(expected).length - 1 < nth; i++) {
    if (i > 100) throw new Error(`"${expected}" not logged ${nth} time(s):\n${ponte.output()}`);
    await new Promise((done) => setTimeout(done, 50));
  }
  const lines = ponte
    .output()
    .split('\n')
    .filter((l) => l.includes(expected));
  return lines[nth - 1];
}

const contacts = (key: string) => request(ponte.url).get('/v1/contacts?whatsapp=%2B5531911112222').set(bearer(key));

describe('SIGHUP: reloading the connections file', () => {
  it('applies new keys and connections at once, revokes removed keys, and ends what was opened with them', async () => {
    await contacts(OLD_KEY).expect(200);
    expect(simA.requests).toHaveLength(1);
    const oldStream = await openEventStream(`${ponte.url}/v1/events/stream`, bearer(OLD_KEY));
    const keptStream = await openEventStream(`${ponte.url}/v1/events/stream`, bearer(KEPT_KEY));
    expect(await oldStream.nextFrame()).toEqual({ retry: '3000' });
    expect(await keptStream.nextFrame()).toEqual({ retry: '3000' });
    const oldSocket = openGraphqlSocket(ponte.url, { connectionParams: bearer(OLD_KEY) });
    await oldSocket.connected;

    const line = await reload(
      {
        connections: [connection(simB, '${TOKEN_B}')],
        apiKeys: [
          { name: 'kept', key: KEPT_KEY },
          { name: 'new', key: NEW_KEY },
        ],
      },
      '"msg":"configuration reloaded"',
      1,
    );
    expect(JSON.parse(line)).toMatchObject({
      connections: { added: [], removed: [], changed: ['maxbot'] },
      apiKeys: 2,
      revokedKeys: ['old'],
      readersEnded: 2,
    });

    const refused = await contacts(OLD_KEY).expect(401);
    expect(refused.body).toMatchObject({ code: 'unauthorized', detail: 'The API key is not valid' });
    await contacts(NEW_KEY).expect(200);
    await contacts(KEPT_KEY).expect(200);
    // The changed connection: calls go to simulator B, with B's token, and no more to A.
    expect(simA.requests).toHaveLength(1);
    expect(simB.requests).toHaveLength(2);
    expect((simB.requests[0].json as { token: string }).token).toBe(simB.token);

    await oldStream.ended();
    expect(keptStream.complete()).toBe(false);
    expect(await oldSocket.closed).toEqual({ code: 4401, reason: 'The API key was revoked' });
    expect(ponte.output()).toContain('"why":"its API key was revoked","msg":"event stream ended"');
    keptStream.close();
    // (The reload line names keys, never their values or the platform tokens.)
    for (const value of [OLD_KEY, KEPT_KEY, NEW_KEY, simA.token, simB.token]) expect(ponte.output()).not.toContain(value);
  });

  it('a file with a problem changes nothing: the problems are logged and the running configuration stays', async () => {
    const line = await reload(
      { connections: [{ id: 'maxbot', provider: 'maxbot', baseUrl: simA.endpoint, token: '${NOT_SET_ANYWHERE}' }], apiKeys: [] },
      'configuration reload refused',
      1,
    );
    expect(JSON.parse(line)).toMatchObject({
      problems: [
        'connections[0] (maxbot).token: environment variable NOT_SET_ANYWHERE is not set',
        'apiKeys: no API keys configured; add apiKeys, or set "auth: { disabled: true }" to run without authentication',
      ],
      msg: 'configuration reload refused: the file has 2 problem(s); the running configuration stays',
    });
    await reload('connections: [unclosed', 'configuration reload refused', 2);
    await contacts(NEW_KEY).expect(200);
    expect(simB.requests).toHaveLength(3);
  });

  it('refuses, as a whole, a file that changes what only a restart changes (subscriptions, auth)', async () => {
    const line = await reload(
      {
        connections: [connection(simB, '${TOKEN_B}')],
        apiKeys: [{ name: 'new', key: NEW_KEY }],
        subscriptions: [{ name: 'crm', url: 'http://127.0.0.1:9/hooks', secret: 'sub-secret-0123456789' }],
      },
      'configuration reload refused',
      3,
    );
    expect(JSON.parse(line)).toMatchObject({
      changed: ['subscriptions'],
      msg: 'configuration reload refused: subscriptions change only with a restart; the running configuration stays',
    });
    // The kept key still works: nothing of that file was applied.
    await contacts(KEPT_KEY).expect(200);
    const ready = await request(ponte.url).get('/health/ready').expect(200);
    expect(ready.body.connections).toBe(1);
  });

  it('picks up a platform token rotated in its secret file (${file:/path})', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ponte-secret-'));
    try {
      const tokenFile = join(dir, 'maxbot_token');
      writeFileSync(tokenFile, 'a-token-the-platform-no-longer-takes\n');
      const rotated = (n: number) =>
        reload(
          { connections: [connection(simB, `\${file:${tokenFile}}`)], apiKeys: [{ name: 'kept', key: KEPT_KEY }] },
          '"msg":"configuration reloaded"',
          n,
        );
      await rotated(2);
      // Maxbot answers a wrong token with `status: 0` and a message, as any refusal (DECISIONS.md): 422.
      const refused = await contacts(KEPT_KEY).expect(422);
      expect(refused.body.code).toBe('provider_rejected');
      writeFileSync(tokenFile, `${simB.token}\n`);
      expect(JSON.parse(await rotated(3))).toMatchObject({ connections: { changed: ['maxbot'] }, revokedKeys: [] });
      await contacts(KEPT_KEY).expect(200);
      expect(ponte.output()).not.toContain(simB.token);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("applies a key's new maxStreams to the readers opened after it, revoking nothing", async () => {
    const withCap = (maxStreams: number) => ({
      connections: [connection(simB, '${TOKEN_B}')],
      apiKeys: [{ name: 'kept', key: KEPT_KEY, maxStreams }],
    });
    const stream = () => openEventStream(`${ponte.url}/v1/events/stream`, bearer(KEPT_KEY));
    expect(JSON.parse(await reload(withCap(1), '"msg":"configuration reloaded"', 4))).toMatchObject({ revokedKeys: [] });
    const first = await stream();
    const second = await stream();
    try {
      expect([first.status, second.status]).toEqual([200, 429]);
      expect(JSON.parse(await second.body())).toMatchObject({ code: 'stream_quota_reached' });
      expect(JSON.parse(await reload(withCap(2), '"msg":"configuration reloaded"', 5))).toMatchObject({ revokedKeys: [], readersEnded: 0 });
      const third = await stream();
      expect(third.status).toBe(200);
      // The stream opened before the reload is still open, and still counts.
      expect(first.complete()).toBe(false);
      const fourth = await stream();
      expect(fourth.status).toBe(429);
      third.close();
      fourth.close();
    } finally {
      first.close();
      second.close();
    }
  });
});
