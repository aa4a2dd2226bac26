/**
 * EVENT_STORE_DIR, end to end: Maxbot's documented webhooks (maxbot.txt) posted to a gateway that
 * is then stopped, killed or restarted on the same directory; the feed, its dedupe and the
 * subscriptions' deliveries carry on where they were.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { MESSAGE_RECEIVED, NEW_CONTACT } from '../../src/platforms/maxbot/webhooks.examples';
import { MaxbotSimulator } from '../../src/sandbox/maxbot/maxbot.simulator';
import { maxbotConnection } from '../helpers/maxbot';
import { runPonteExpectingExit, startPonte, type PonteProcess } from '../helpers/ponte';
import { Receiver } from '../helpers/receiver';
import { API_KEY, secret, type JsonObject } from '../helpers/rig';

const WEBHOOK_SECRET = secret('whsec-', '-0123456789');
const SIGNING_SECRET = secret('sign-', '-0123456789abcdef');
const auth = { Authorization: `Bearer ${API_KEY}` };
const sim = new MaxbotSimulator({ token: secret('mxb-secret-') });
const receiver = new Receiver();
const dirs: string[] = [];
const running: PonteProcess[] = [];

beforeAll(async () => {
  await sim.start();
  await receiver.start();
});
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop();
});
afterAll(async () => {
  await sim.stop();
  await receiver.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function storeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-store-'));
  dirs.push(dir);
  return join(dir, 'events');
}

/** A gateway on `dir`, with one subscription `name` (when given) at the receiver. */
async function gateway(dir: string, options: { subscription?: string; env?: Record<string, string> } = {}): Promise<PonteProcess> {
  const ponte = await startPonte({
    config: {
      connections: [maxbotConnection(sim, { webhookSecret: '${TEST_WEBHOOK_SECRET}' })],
      apiKeys: [{ name: 'tests', key: API_KEY }],
      ...(options.subscription
        ? {
            subscriptions: [
              {
                name: options.subscription,
                url: `${receiver.url}/${options.subscription}`,
                secret: '${TEST_SIGNING_SECRET}',
                retryBaseMs: 20,
              },
            ],
          }
        : {}),
    },
    env: {
      TEST_MAXBOT_TOKEN: sim.token,
      TEST_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TEST_SIGNING_SECRET: SIGNING_SECRET,
      EVENT_STORE_DIR: dir,
      ...options.env,
    },
  });
  running.push(ponte);
  return ponte;
}

let messages = 0;
const newMessage = () => ({ ...MESSAGE_RECEIVED, msg_id: `STORETEST${++messages}` });

async function hook(ponte: PonteProcess, payload: object): Promise<JsonObject> {
  const res = await request(ponte.url).post('/v1/webhooks/maxbot').query({ secret: WEBHOOK_SECRET }).send(payload);
  expect(res.status).toBe(200);
  return res.body;
}

async function feed(ponte: PonteProcess, query: Record<string, string> = {}): Promise<string[]> {
  const res = await request(ponte.url)
    .get('/v1/events')
    .query({ limit: '500', ...query })
    .set(auth);
  expect(res.status).toBe(200);
  return res.body.data.map((e: JsonObject) => e.id);
}

async function stop(ponte: PonteProcess): Promise<void> {
  running.splice(running.indexOf(ponte), 1);
  expect(await ponte.stop()).toBe(0);
}

describe('EVENT_STORE_DIR', () => {
  it('keeps the feed across a restart: the same events, ids and order, `after` still works, a redelivery is still one', async () => {
    const dir = storeDir();
    const first = await gateway(dir);
    const message = newMessage();
    const ids = [(await hook(first, message)).eventId, (await hook(first, NEW_CONTACT)).eventId, (await hook(first, newMessage())).eventId];
    const before = await request(first.url).get(`/v1/events/${ids[1]}`).set(auth);
    await stop(first);

    const second = await gateway(dir);
    expect(second.output()).toContain('"events":3,"msg":"event store opened: events restored"');
    expect(await feed(second)).toEqual(ids);
    expect(await feed(second, { after: ids[0] })).toEqual(ids.slice(1));
    expect((await request(second.url).get(`/v1/events/${ids[1]}`).set(auth)).body).toEqual(before.body);
    // Maxbot redelivering the first message after the restart: acknowledged with the event it already has.
    expect(await hook(second, message)).toMatchObject({ eventId: ids[0], duplicate: true });
    const next = await hook(second, newMessage());
    expect(next.duplicate).toBe(false);
    expect(await feed(second)).toEqual([...ids, next.eventId]);
    // Personal data: the directory and files are the gateway user's only.
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'events.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('an acknowledged event survives the gateway being killed (SIGKILL), and a line cut short is skipped', async () => {
    const dir = storeDir();
    const first = await gateway(dir);
    const id = (await hook(first, newMessage())).eventId;
    first.signal('SIGKILL');
    await first.stop();
    running.splice(running.indexOf(first), 1);
    // What a process stopped mid-write would leave.
    appendFileSync(join(dir, 'events.jsonl'), '{"seq":2,"event":{"id":"evt_cut');

    const second = await gateway(dir);
    expect(await feed(second)).toEqual([id]);
    expect(second.output()).toContain('event store: a line that is not an event, skipped');
    const next = (await hook(second, newMessage())).eventId;
    expect(await feed(second)).toEqual([id, next]);
  });

  it.each(['1', '0'])(
    'keeps the file at most twice EVENT_LOG_SIZE lines, and restores the last EVENT_LOG_SIZE events (EVENT_STORE_FSYNC=%s)',
    async (fsync) => {
      const dir = storeDir();
      const first = await gateway(dir, { env: { EVENT_LOG_SIZE: '3', EVENT_STORE_FSYNC: fsync } });
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await hook(first, newMessage())).eventId);
      const lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n');
      expect(lines.length).toBeLessThanOrEqual(6);
      expect(JSON.parse(lines.at(-1)!).event.id).toBe(ids[9]);
      await stop(first);
      // Each webhook was answered after its event was flushed to the disk (one by one here: they came one at a time), or none was.
      const closed = JSON.parse(
        first
          .output()
          .split('\n')
          .find((l) => l.includes('"msg":"event store closed"'))!,
      );
      expect(closed.flushes).toBe(fsync === '1' ? 10 : 0);

      const second = await gateway(dir, { env: { EVENT_LOG_SIZE: '3' } });
      expect(await feed(second)).toEqual(ids.slice(7));
    },
  );

  it('sends a subscription what it had not settled before the restart, once, in order', async () => {
    const dir = storeDir();
    const path = '/resumed';
    const first = await gateway(dir, { subscription: 'resumed' });
    const delivered = (await hook(first, newMessage())).eventId;
    expect((await receiver.waitFor(path, 1)).map((r) => r.headers['ponte-event-id'])).toEqual([delivered]);
    // The receiver is down (503, retried with backoff) when two more arrive, and the gateway stops.
    receiver.script[path] = Array(1000).fill(503);
    const waiting = [(await hook(first, newMessage())).eventId, (await hook(first, newMessage())).eventId];
    await receiver.waitFor(path, 2);
    await stop(first);
    expect(first.output()).toContain('"subscription":"resumed","events":2,"msg":"shutting down: events left for after the restart"');

    receiver.script[path] = [];
    const sent = receiver.at(path).length;
    const second = await gateway(dir, { subscription: 'resumed' });
    const after = (await receiver.waitFor(path, sent + 2)).slice(sent);
    expect(after.map((r) => r.headers['ponte-event-id'])).toEqual(waiting);
    // The one delivered before the restart is not sent again; nothing more comes.
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.at(path).length).toBe(sent + 2);
    const progress = JSON.parse(readFileSync(join(dir, 'deliveries.json'), 'utf8'));
    expect(progress).toEqual({ subscriptions: { resumed: expect.any(Number) } });
    await stop(second);
  });

  it('a subscription added while events were held starts with the next event', async () => {
    const dir = storeDir();
    const first = await gateway(dir);
    await hook(first, newMessage());
    await stop(first);
    const second = await gateway(dir, { subscription: 'newcomer' });
    const next = (await hook(second, newMessage())).eventId;
    expect((await receiver.waitFor('/newcomer', 1)).map((r) => r.headers['ponte-event-id'])).toEqual([next]);
  });

  it('one gateway per directory: a second is refused while the first runs, and takes it once the first has stopped', async () => {
    const dir = storeDir();
    const first = await gateway(dir);
    const second = await runPonteExpectingExit({ env: { EVENT_STORE_DIR: dir } });
    expect(second.code).toBe(1);
    expect(second.output).toMatch(
      new RegExp(
        `EVENT_STORE_DIR: ${dir} is in use by another gateway \\(pid \\d+ on host [^,]+, alive \\d+ s ago\\): one gateway per directory`,
      ),
    );
    expect(JSON.parse(readFileSync(join(dir, 'ponte.lock'), 'utf8')).pid).toBeGreaterThan(0);
    await stop(first);
    // Stopped cleanly: the lock is gone with it.
    expect(() => statSync(join(dir, 'ponte.lock'))).toThrow(/ENOENT/);
    const third = await gateway(dir);
    await stop(third);
  });

  it('a directory it cannot write stops startup, naming the setting', async () => {
    const { code, output } = await runPonteExpectingExit({ env: { EVENT_STORE_DIR: '/dev/null/events' } });
    expect(code).toBe(1);
    expect(output).toContain('EVENT_STORE_DIR: cannot use /dev/null/events (ENOTDIR)');
  });
});
