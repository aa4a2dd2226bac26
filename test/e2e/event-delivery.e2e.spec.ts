/**
 * Push delivery of events to the configured subscriptions, end to end: Maxbot webhooks posted to
 * the gateway, the gateway posting signed events to a receiver on loopback that answers as told.
 */
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { CHARGE_STATUS, MESSAGE_RECEIVED, NEW_CONTACT } from '../../src/platforms/maxbot/webhooks.examples';
import { startMaxbotRig, type MaxbotRig } from '../helpers/maxbot';
import { Receiver } from '../helpers/receiver';
import { secret, type JsonObject } from '../helpers/rig';

const WEBHOOK_SECRET = secret('whsec-', '-0123456789');
const SIGNING_SECRET = secret('sign-', '-0123456789abcdef');
const receiver = new Receiver();
let rig: MaxbotRig;

beforeAll(async () => {
  await receiver.start();
  const sub = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    url: `${receiver.url}/${name}`,
    secret: '${TEST_SIGNING_SECRET}',
    retryBaseMs: 20,
    ...extra,
  });
  rig = await startMaxbotRig({
    connection: { webhookSecret: '${TEST_WEBHOOK_SECRET}' },
    env: { TEST_WEBHOOK_SECRET: WEBHOOK_SECRET, TEST_SIGNING_SECRET: SIGNING_SECRET },
    extra: {
      subscriptions: [
        sub('all'),
        sub('charges', { types: ['charge.updated'] }),
        sub('flaky', { types: ['contact.created'], maxAttempts: 3 }),
        sub('gone', { types: ['contact.created'] }),
        sub('down', { types: ['contact.created'], maxAttempts: 2 }),
      ],
    },
  });
  receiver.script['/flaky'] = [503, 502];
  receiver.script['/gone'] = [410];
  receiver.script['/down'] = [500, 500];
});
afterAll(async () => {
  await rig?.stop();
  await receiver.stop();
});

const hook = (payload: object) =>
  request(rig.ponte.url).post('/v1/webhooks/maxbot').query({ secret: WEBHOOK_SECRET }).send(payload).expect(200);

describe('event subscriptions', () => {
  let ids: string[] = [];

  beforeAll(async () => {
    ids = [];
    for (const payload of [MESSAGE_RECEIVED, NEW_CONTACT, CHARGE_STATUS]) ids.push((await hook(payload)).body.eventId);
  });

  it('posts every event, in order, as GET /v1/events/{id} shows it, with a verifiable signature', async () => {
    const got = await receiver.waitFor('/all', 3);
    expect(got.map((r) => r.headers['ponte-event-id'])).toEqual(ids);
    expect(got.map((r) => r.headers['ponte-event-type'])).toEqual(['message.received', 'contact.created', 'charge.updated']);
    for (const [i, r] of got.entries()) {
      expect(r.headers['content-type']).toBe('application/json');
      const shown = await request(rig.ponte.url).get(`/v1/events/${ids[i]}`).set(rig.auth).expect(200);
      expect(JSON.parse(r.body) as JsonObject).toEqual(shown.body);
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['ponte-signature']))!;
      expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(60);
      expect(v1).toBe(createHmac('sha256', SIGNING_SECRET).update(`${t}.${r.body}`).digest('hex'));
      expect(v1).not.toBe(createHmac('sha256', 'another-secret-0123456789').update(`${t}.${r.body}`).digest('hex'));
    }
    expect(JSON.stringify(got)).not.toContain(SIGNING_SECRET);
  });

  it('sends a subscription only the event types it asked for', async () => {
    await receiver.waitFor('/all', 3);
    expect((await receiver.waitFor('/charges', 1)).map((r) => r.headers['ponte-event-type'])).toEqual(['charge.updated']);
  });

  it('retries 5xx answers with backoff, same event id, counting attempts', async () => {
    const got = await receiver.waitFor('/flaky', 3);
    expect(got.map((r) => r.headers['ponte-event-id'])).toEqual([ids[1], ids[1], ids[1]]);
    expect(got.map((r) => r.headers['ponte-delivery-attempt'])).toEqual(['1', '2', '3']);
  });

  it('does not retry a refusal (4xx), gives up after maxAttempts, and logs both without secrets', async () => {
    await receiver.waitFor('/down', 2);
    await rig.ponte.waitForOutput('given up');
    expect(receiver.at('/gone')).toHaveLength(1);
    expect(receiver.at('/down')).toHaveLength(2);
    const lines = rig.ponte
      .output()
      .split('\n')
      .filter((l) => l.includes('"subscription"'));
    expect(lines.find((l) => l.includes('"subscription":"gone"') && l.includes('not retried'))).toContain('HTTP 410');
    expect(lines.find((l) => l.includes('"subscription":"down"') && l.includes('given up'))).toContain('HTTP 500');
    expect(rig.ponte.output()).not.toContain(SIGNING_SECRET);
    expect(rig.ponte.output()).not.toContain(WEBHOOK_SECRET);
  });

  it('counts each outcome per subscription in GET /metrics: delivered, retried, refused, given up', async () => {
    let text = '';
    const count = (subscription: string, outcome: string) =>
      Number(
        new RegExp(`^ponte_event_deliveries_total\\{subscription="${subscription}",outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text)?.[1] ??
          0,
      );
    // Settled once the last of them (flaky's third attempt, down's second) has its answer: polled, bounded.
    for (let i = 0; count('flaky', 'delivered') + count('down', 'given_up') + count('all', 'delivered') < 5; i++) {
      if (i > 100) throw new Error(`deliveries not settled:\n${text}`);
      await new Promise((done) => setTimeout(done, 50));
      text = (await request(rig.ponte.url).get('/metrics').set(rig.auth).expect(200)).text;
    }
    expect(count('all', 'delivered')).toBe(3);
    expect(count('charges', 'delivered')).toBe(1);
    // flaky: 503, 502, then 200; gone: 410 once; down: 500 twice, maxAttempts 2.
    expect([count('flaky', 'retried'), count('flaky', 'delivered')]).toEqual([2, 1]);
    expect(count('gone', 'refused')).toBe(1);
    expect([count('down', 'retried'), count('down', 'given_up')]).toEqual([1, 1]);
    expect(text).toMatch(/^ponte_event_deliveries_pending\{subscription="all"\} 0$/m);
    expect(text).not.toContain(SIGNING_SECRET);
    expect(text).not.toContain(receiver.url);
  });

  it('does not post a redelivered webhook again', async () => {
    await receiver.waitFor('/all', 3);
    await hook(MESSAGE_RECEIVED);
    await hook({ ...NEW_CONTACT, id: '99' });
    const got = await receiver.waitFor('/all', 4);
    expect(got.map((r) => r.headers['ponte-event-type'])).toEqual([
      'message.received',
      'contact.created',
      'charge.updated',
      'contact.created',
    ]);
  });
});

describe('event subscriptions at shutdown', () => {
  it('lets a delivery already sent be answered, and logs only the events still waiting as not delivered', async () => {
    const slow = new Receiver();
    await slow.start();
    slow.delayMs['/slow'] = 800;
    const gateway = await startMaxbotRig({
      connection: { webhookSecret: '${TEST_WEBHOOK_SECRET}' },
      env: { TEST_WEBHOOK_SECRET: WEBHOOK_SECRET, TEST_SIGNING_SECRET: SIGNING_SECRET },
      extra: { subscriptions: [{ name: 'slow', url: `${slow.url}/slow`, secret: '${TEST_SIGNING_SECRET}' }] },
    });
    try {
      for (const payload of [MESSAGE_RECEIVED, NEW_CONTACT, CHARGE_STATUS]) {
        await request(gateway.ponte.url).post('/v1/webhooks/maxbot').query({ secret: WEBHOOK_SECRET }).send(payload).expect(200);
      }
      await slow.waitFor('/slow', 1); // the first event is on the wire, held 800 ms; two wait behind it
      expect(await gateway.ponte.stop()).toBe(0);
      // The gateway waited for the answer before leaving, and sent nothing more.
      expect(slow.answered).toBe(1);
      expect(slow.at('/slow')).toHaveLength(1);
      const line = gateway.ponte
        .output()
        .split('\n')
        .find((l) => l.includes('shutting down with events not delivered'));
      expect(JSON.parse(line!)).toMatchObject({ subscription: 'slow', events: 2 });
    } finally {
      await gateway.stop();
      await slow.stop();
    }
  });
});
