/**
 * The `eventReceived` subscription, end to end: graphql-ws's client on a real WebSocket to the
 * gateway, Maxbot's documented webhook payloads (maxbot.txt) posted to the gateway as Maxbot would.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { CHARGE_STATUS, MESSAGE_RECEIVED, NEW_CONTACT } from '../../src/platforms/maxbot/webhooks.examples';
import { gql } from '../helpers/graphql';
import { openGraphqlSocket, refusedHandshake, subscriptionsStarted, type GraphqlSocket, type WsResult } from '../helpers/graphql-ws';
import { CAPPED_KEY, QUIET_KEY, startFeedRig, type FeedRig } from '../helpers/event-feed';
import { API_KEY, type JsonObject } from '../helpers/rig';
import { openEventStream } from '../helpers/sse';

const MAX = 6;
const LOG_SIZE = 10;

let rig: FeedRig;
const sockets: GraphqlSocket[] = [];

beforeAll(async () => {
  rig = await startFeedRig({
    EVENT_STREAM_HEARTBEAT_SECONDS: '1',
    EVENT_STREAMS_MAX: String(MAX),
    EVENT_LOG_SIZE: String(LOG_SIZE),
    CORS_ORIGINS: 'https://crm.example.com',
  });
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.dispose()));
});
afterAll(() => rig?.stop());

let messages = 0;
const newMessage = () => ({ ...MESSAGE_RECEIVED, msg_id: `WSTEST${++messages}` });
const hook = (payload: object) => rig.hook(payload);

const byKey = { Authorization: `Bearer ${API_KEY}` };
function socket(options: Parameters<typeof openGraphqlSocket>[1] = { connectionParams: byKey }): GraphqlSocket {
  const s = openGraphqlSocket(rig.ponte.url, options);
  sockets.push(s);
  return s;
}

const FIELDS = `id type connectionId platform receivedAt occurredAt
  message { text from channel contactId inAttendance sentAt }
  contact { id firstName lastName whatsapp }
  charge { id amount timeline { track status date } }`;
const SUBSCRIBE = `subscription($type: EventType, $after: String, $connection: String) {
  eventReceived(type: $type, after: $after, connection: $connection) { ${FIELDS} }
}`;

describe('subscription eventReceived', () => {
  it('sends each event as it is recorded, as the event query answers it', async () => {
    const s = socket();
    const sub = s.subscribe(SUBSCRIBE);
    await subscriptionsStarted(rig.ponte, s.requestId);
    const sent = [await hook(newMessage()), await hook(NEW_CONTACT), await hook(CHARGE_STATUS)];
    for (const receipt of sent) {
      const result = await sub.next();
      expect(result.errors).toBeUndefined();
      const stored = await gql(rig.ponte.url, `query($id: String!) { event(id: $id) { ${FIELDS} } }`, { id: receipt.eventId }, rig.auth);
      expect(result.data).toEqual({ eventReceived: stored.data!.event });
    }
    expect(sent.map((r) => r.type)).toEqual(['message.received', 'contact.created', 'charge.updated']);
  });

  it('a redelivery is acknowledged but not sent again', async () => {
    const s = socket();
    const sub = s.subscribe('subscription { eventReceived { id } }');
    await subscriptionsStarted(rig.ponte, s.requestId);
    const message = newMessage();
    const first = await hook(message);
    expect((await hook(message)).duplicate).toBe(true);
    const next = await hook(newMessage());
    expect((await sub.next()).data).toEqual({ eventReceived: { id: first.eventId } });
    expect((await sub.next()).data).toEqual({ eventReceived: { id: next.eventId } });
  });

  it('replays the held events after `after`, then the live ones, nothing missed or sent twice', async () => {
    const before = [await hook(newMessage()), await hook(newMessage()), await hook(newMessage())];
    const s = socket();
    const sub = s.subscribe(SUBSCRIBE, { after: before[0].eventId });
    await subscriptionsStarted(rig.ponte, s.requestId);
    const live = await hook(newMessage());
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(((await sub.next()).data!.eventReceived as JsonObject).id);
    expect(ids).toEqual([before[1].eventId, before[2].eventId, live.eventId]);
  });

  it('takes the feed filters: type, connection (argument or X-Connection), and the connections the key may use', async () => {
    const all = socket();
    const everything = all.subscribe('subscription { eventReceived { id } }');
    const contactsOnly = all.subscribe('subscription { eventReceived(type: CONTACT_CREATED) { id type } }');
    const named = all.subscribe('subscription { eventReceived(connection: "maxbot") { id connectionId } }');
    const viaParams = socket({ connectionParams: { ...byKey, 'X-Connection': 'maxbot' } });
    const headerNamed = viaParams.subscribe('subscription { eventReceived { id connectionId } }');
    const quietSocket = socket({ connectionParams: { Authorization: `Bearer ${QUIET_KEY}` } });
    const quiet = quietSocket.subscribe('subscription { eventReceived { id } }');
    await subscriptionsStarted(rig.ponte, all.requestId, 3);
    await subscriptionsStarted(rig.ponte, viaParams.requestId);
    await subscriptionsStarted(rig.ponte, quietSocket.requestId);

    const message = await hook(newMessage());
    const contact = await hook({ ...NEW_CONTACT, id: '88' });
    expect((await everything.next()).data).toEqual({ eventReceived: { id: message.eventId } });
    expect((await everything.next()).data).toEqual({ eventReceived: { id: contact.eventId } });
    expect((await contactsOnly.next()).data).toEqual({ eventReceived: { id: contact.eventId, type: 'CONTACT_CREATED' } });
    expect((await named.next()).data).toEqual({ eventReceived: { id: message.eventId, connectionId: 'maxbot' } });
    expect((await headerNamed.next()).data).toEqual({ eventReceived: { id: message.eventId, connectionId: 'maxbot' } });
    // The quiet key sees none of maxbot's events. Given time to arrive, nothing has.
    await new Promise((r) => setTimeout(r, 300));
    expect(contactsOnly.pending()).toBe(0);
    expect(quiet.pending()).toBe(0);
  });

  it('refuses what the events query refuses, with the same codes, before the subscription starts', async () => {
    const s = socket();
    const unknown = 'evt_00000000-0000-4000-8000-000000000000';
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      [SUBSCRIBE, { after: unknown }, 'validation_failed', /^after: is not an event this gateway holds .*start again without "after"$/],
      [SUBSCRIBE, { type: 'MESSAGE_SENT' }, 'validation_failed', /^Variable "\$type" got invalid value "MESSAGE_SENT"/],
      [SUBSCRIBE, { after: 5 }, 'validation_failed', /^Variable "\$after" got invalid value 5/],
      ['subscription { eventReceived(limit: 5) { id } }', {}, 'validation_failed', /^Unknown argument "limit"/],
      [SUBSCRIBE, { connection: 'nope' }, 'validation_failed', /^Unknown connection "nope"/],
    ];
    for (const [query, variables, code, message] of cases) {
      const sub = s.subscribe(query, variables);
      const first = await sub.next().catch(async () => ({ errors: (await sub.end()).error }));
      const errors = first.errors as WsResult['errors'] & object;
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(message);
      expect(errors[0].extensions.code).toBe(code);
    }
    const quiet = socket({ connectionParams: { Authorization: `Bearer ${QUIET_KEY}` } });
    const foreign = await quiet.subscribe(SUBSCRIBE, { connection: 'maxbot' }).next();
    expect(foreign.errors![0].extensions).toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('runs subscriptions only: a query on the socket is an error pointing to POST /graphql, and a subscription over HTTP one pointing here', async () => {
    const s = socket();
    const { error } = await s.subscribe('{ events { data { id } } }').end();
    expect(error).toEqual([
      expect.objectContaining({
        message: 'Only subscriptions go over the WebSocket: send queries and mutations to POST /graphql',
        extensions: expect.objectContaining({ code: 'validation_failed' }),
      }),
    ]);
    const http = await gql(rig.ponte.url, 'subscription { eventReceived { id } }', {}, rig.auth);
    expect(http.status).toBe(400);
    expect(http.errors?.[0].message).toBe(
      'Subscriptions run over the WebSocket at /graphql (protocol graphql-transport-ws), not over HTTP',
    );
  });
});

describe('the API key', () => {
  it('comes in connection_init (any spelling of Authorization, as GraphiQL sends its headers) or on the handshake', async () => {
    for (const options of [{ connectionParams: { authorization: `Bearer ${API_KEY}` } }, { headers: byKey }]) {
      const s = socket(options);
      const sub = s.subscribe('subscription { eventReceived { id } }');
      await subscriptionsStarted(rig.ponte, s.requestId);
      const receipt = await hook(newMessage());
      expect((await sub.next()).data).toEqual({ eventReceived: { id: receipt.eventId } });
    }
  });

  it('missing or wrong closes the socket with 4401 and the reason; a wrong one on the handshake is a 401 problem', async () => {
    const missing = socket({ connectionParams: {} });
    expect(await missing.closed).toEqual({ code: 4401, reason: 'Send an API key: connectionParams {"Authorization": "Bearer <key>"}' });
    const wrong = socket({ connectionParams: { Authorization: 'Bearer not-a-key-0123456789' } });
    expect(await wrong.closed).toEqual({ code: 4401, reason: 'The API key is not valid' });

    const refused = await refusedHandshake(rig.ponte.url, '/graphql', {
      'Sec-WebSocket-Protocol': 'graphql-transport-ws',
      Authorization: 'Bearer not-a-key-0123456789',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="ponte"');
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'unauthorized', detail: 'The API key is not valid', instance: '/graphql' });
    expect(rig.ponte.output()).not.toContain('not-a-key-0123456789');
  });
});

describe('the handshake', () => {
  const protocol = { 'Sec-WebSocket-Protocol': 'graphql-transport-ws' };

  it('is refused with a problem document: another path, no graphql-transport-ws, a browser origin not allowed', async () => {
    const cases: Array<[string, Record<string, string>, number, string, RegExp]> = [
      ['/v1/events', protocol, 404, 'not_found', /^No WebSocket endpoint at \/v1\/events: GraphQL subscriptions are at \/graphql$/],
      [
        '/graphql',
        { 'Sec-WebSocket-Protocol': 'graphql-ws' },
        400,
        'validation_failed',
        /Sec-WebSocket-Protocol: must offer "graphql-transport-ws"/,
      ],
      ['/graphql', {}, 400, 'validation_failed', /Sec-WebSocket-Protocol: must offer/],
      ['/graphql', { ...protocol, Origin: 'https://evil.example.net' }, 403, 'origin_not_allowed', /origin https:\/\/evil\.example\.net/],
      ['/graphql', { ...protocol, 'Sec-WebSocket-Version': '99' }, 400, 'validation_failed', /^WebSocket handshake: /],
    ];
    for (const [path, headers, status, code, detail] of cases) {
      const refused = await refusedHandshake(rig.ponte.url, path, headers);
      expect([path, headers, refused.status]).toEqual([path, headers, status]);
      expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.parse(refused.body)).toMatchObject({ code, status, detail: expect.stringMatching(detail) });
    }
  });

  it('takes browser pages of the gateway itself (as /graphiql) and of CORS_ORIGINS', async () => {
    for (const origin of [rig.ponte.url, 'https://crm.example.com']) {
      const s = socket({ connectionParams: byKey, headers: { Origin: origin } });
      await s.connected;
    }
  });

  it('logs one access line per socket when it closes: status 101, how long it was open, the key and the close code', async () => {
    const s = socket();
    await s.connected;
    await s.dispose();
    await s.closed;
    const line = (await rig.ponte.waitForOutput(`"requestId":"${s.requestId}","method":"GET"`))
      .split('\n')
      .find((l) => l.includes(`"requestId":"${s.requestId}","method":"GET"`))!;
    expect(JSON.parse(line)).toMatchObject({
      route: '/graphql',
      status: 101,
      ms: expect.any(Number),
      apiKey: 'tests',
      closeCode: 1000,
      msg: 'request',
    });
  });
});

/** The 101's headers of each raw socket. */
const upgradeHeaders = new WeakMap<WebSocket, IncomingHttpHeaders>();

/** A raw WebSocket handshake: the open socket, or the status it was refused with. */
function handshake(
  headers: Record<string, string> = {},
): Promise<{ socket?: WebSocket; status: number; headers?: JsonObject; body?: Promise<string> }> {
  const raw = new WebSocket(`${rig.ponte.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { headers });
  raw.once('upgrade', (res: IncomingMessage) => upgradeHeaders.set(raw, res.headers));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no handshake answer within 5 s')), 5_000);
    raw.once('open', () => {
      clearTimeout(timer);
      resolve({ socket: raw, status: 101 });
    });
    raw.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      const body = new Promise<string>((done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done(text));
      });
      resolve({ status: res.statusCode!, headers: res.headers, body });
    });
    raw.once('error', () => undefined);
  });
}

/** A handshake that may meet sockets of earlier tests still closing on the server's side: retried a bounded number of times. */
async function openRaw(headers: Record<string, string> = {}): Promise<WebSocket> {
  for (let i = 0; i < 50; i++) {
    const attempt = await handshake(headers);
    if (attempt.socket) return attempt.socket;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no socket after 50 handshakes');
}

describe("an API key's maxStreams (2 for the `capped` key here)", () => {
  it('its subscriptions and SSE streams count together; one more subscription gets stream_quota_reached', async () => {
    const capped = { Authorization: `Bearer ${CAPPED_KEY}` };
    const s = socket({ connectionParams: capped });
    const sub = s.subscribe('subscription { eventReceived { id } }');
    await subscriptionsStarted(rig.ponte, s.requestId, 1);
    const sse = await openEventStream(`${rig.ponte.url}/v1/events/stream`, capped);
    try {
      expect(sse.status).toBe(200);
      const refused = await s.subscribe('subscription { eventReceived { id } }').next();
      expect(refused.errors![0]).toMatchObject({
        message:
          'API key "capped" has 2 event streams and subscriptions open, as many as it may (its maxStreams); close one, or retry later',
        extensions: { code: 'stream_quota_reached', status: 429, retryAfter: 30 },
      });
      // Another key is not held to it.
      const o = socket();
      const other = o.subscribe('subscription { eventReceived { id } }');
      await subscriptionsStarted(rig.ponte, o.requestId, 1);
      await hook(newMessage());
      expect((await other.next()).data).toMatchObject({ eventReceived: { id: expect.stringMatching(/^evt_/) } });
      other.unsubscribe();
    } finally {
      sse.close();
      sub.unsubscribe();
    }
  });
});

describe(`EVENT_STREAMS_MAX (${MAX} here)`, () => {
  it('subscriptions and SSE streams share it; past it a subscription gets stream_limit_reached, a socket a 503', async () => {
    const s = socket();
    const subs = Array.from({ length: MAX - 2 }, () => s.subscribe('subscription { eventReceived { id } }'));
    await subscriptionsStarted(rig.ponte, s.requestId, MAX - 2);
    const streams = [
      await openEventStream(`${rig.ponte.url}/v1/events/stream`, rig.auth),
      await openEventStream(`${rig.ponte.url}/v1/events/stream`, rig.auth),
    ];
    try {
      expect(streams.map((r) => r.status)).toEqual([200, 200]);
      const refused = await s.subscribe('subscription { eventReceived { id } }').next();
      expect(refused.errors![0]).toMatchObject({
        message: `The gateway has ${MAX} event streams open, as many as it takes (EVENT_STREAMS_MAX); retry later`,
        extensions: { code: 'stream_limit_reached', status: 503, retryAfter: 30 },
      });
      const sseRefused = await openEventStream(`${rig.ponte.url}/v1/events/stream`, rig.auth);
      expect(sseRefused.status).toBe(503);
      sseRefused.close();
    } finally {
      for (const r of streams) r.close();
    }
    subs.forEach((sub) => sub.unsubscribe());

    // Sockets: counted up to the refusal (sockets of earlier tests may still be closing on the server's side).
    const raw: WebSocket[] = [];
    let refused: Awaited<ReturnType<typeof handshake>> | undefined;
    try {
      for (let i = 0; i < MAX + 3 && !refused; i++) {
        const attempt = await handshake();
        if (attempt.socket) raw.push(attempt.socket);
        else refused = attempt;
      }
      expect(refused?.status).toBe(503);
      expect(raw.length).toBeLessThan(MAX);
      expect(refused!.headers!['retry-after']).toBe('30');
      expect(JSON.parse(await refused!.body!)).toMatchObject({
        code: 'stream_limit_reached',
        detail: `The gateway has ${MAX} GraphQL WebSockets open, as many as it takes (EVENT_STREAMS_MAX); retry later`,
      });
    } finally {
      for (const r of raw) r.terminate();
    }
  });
});

describe('a subscriber that does not keep up', () => {
  it('is given events as fast as it reads; one so slow that the gateway let go of events it had not been given gets events_dropped, then the end', async () => {
    const requestId = `slow-${Date.now()}`;
    const raw = await openRaw({ 'X-Request-Id': requestId });
    expect(upgradeHeaders.get(raw)?.['x-request-id']).toBe(requestId);
    const messages: JsonObject[] = [];
    raw.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString())));
    const until = async (done: () => boolean, what: string) => {
      for (const deadline = Date.now() + 10_000; !done(); await new Promise((r) => setTimeout(r, 20))) {
        if (Date.now() > deadline) throw new Error(`no ${what} within 10 s: ${JSON.stringify(messages.map((m) => m.type))}`);
      }
    };
    try {
      raw.send(JSON.stringify({ type: 'connection_init', payload: byKey }));
      await until(() => messages.some((m) => m.type === 'connection_ack'), 'connection_ack');
      raw.send(
        JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { eventReceived { id message { text } } }' } }),
      );
      await subscriptionsStarted(rig.ponte, requestId);
      // The subscriber stops reading: ~24 MB of events, far more than the sockets' buffers, and LOG_SIZE × 6 events.
      raw.pause();
      const text = 'x'.repeat(400_000);
      const sent: string[] = [];
      for (let i = 0; i < LOG_SIZE * 6; i++) sent.push((await hook({ ...newMessage(), msg: text })).eventId);
      raw.resume();
      await until(() => messages.some((m) => m.type === 'complete'), 'complete');

      const nexts = messages.filter((m) => m.type === 'next');
      const events = nexts.slice(0, -1).map((m) => m.payload.data.eventReceived.id);
      // What it was given is the start of what was recorded, in order, nothing skipped; then the error.
      expect(events.length).toBeGreaterThan(0);
      expect(events.length).toBeLessThan(sent.length - LOG_SIZE);
      expect(events).toEqual(sent.slice(0, events.length));
      const last = nexts.at(-1)!.payload;
      expect(last.data).toBeNull();
      expect(last.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(
            new RegExp(`^The gateway let go of events after ${events.at(-1)} before this subscriber took them`),
          ),
          extensions: expect.objectContaining({ code: 'events_dropped', status: 410 }),
        }),
      ]);
      expect(messages.at(-1)).toEqual({ id: '1', type: 'complete' });
      await rig.ponte.waitForOutput('"why":"the reader fell behind the events the gateway holds","msg":"event subscription ended"');
    } finally {
      raw.terminate();
    }
  });
});

describe('keep-alive and shutdown', () => {
  it('cuts a socket whose pong has not come by the next ping', async () => {
    const raw = new WebSocket(`${rig.ponte.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { autoPong: false });
    raw.on('error', () => undefined);
    try {
      // Pinged at 1 s, cut at 2 s: the socket ends without a close frame (1006).
      const code = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('not cut within 4 s')), 4_000);
        raw.once('close', (closeCode: number) => {
          clearTimeout(timer);
          resolve(closeCode);
        });
      });
      expect(code).toBe(1006);
      await rig.ponte.waitForOutput('"msg":"GraphQL WebSocket cut: no pong since the last ping"');
    } finally {
      raw.terminate();
    }
  });

  it('pings every EVENT_STREAM_HEARTBEAT_SECONDS', async () => {
    const raw = await openRaw();
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no ping within 3 s')), 3_000);
        raw.once('ping', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    } finally {
      raw.terminate();
    }
  });

  it('at shutdown the subscriptions complete, the socket closes with 1001 and the gateway exits without waiting on it', async () => {
    const s = socket();
    const sub = s.subscribe('subscription { eventReceived { id } }');
    await subscriptionsStarted(rig.ponte, s.requestId);
    const exit = rig.ponte.stop();
    expect(await s.closed).toEqual({ code: 1001, reason: 'The gateway is shutting down' });
    await sub.end();
    // The test's stop() kills a gateway still running after 5 s (exit code null).
    expect(await exit).toBe(0);
    expect(rig.ponte.output()).toContain('"why":"the gateway is shutting down","msg":"event subscription ended"');
  });
});
