/**
 * GET /v1/events/stream, end to end over real HTTP: Maxbot's documented webhook payloads (maxbot.txt)
 * posted to the gateway as Maxbot would, read back live as Server-Sent Events.
 */
import request from 'supertest';
import { CHARGE_STATUS, MESSAGE_RECEIVED, NEW_CONTACT } from '../../src/platforms/maxbot/webhooks.examples';
import { CAPPED_KEY, QUIET_KEY, startFeedRig, type FeedRig } from '../helpers/event-feed';
import type { JsonObject } from '../helpers/rig';
import { openEventStream, type EventStreamReader } from '../helpers/sse';

let rig: FeedRig;
const open: EventStreamReader[] = [];

beforeAll(async () => {
  rig = await startFeedRig({ EVENT_STREAM_HEARTBEAT_SECONDS: '1', EVENT_STREAMS_MAX: '6' });
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
afterAll(() => rig?.stop());

const api = () => request(rig.ponte.url);
let messages = 0;
/** Maxbot's "mensagem recebida" example, with a message id of its own (the same id again is a redelivery). */
const newMessage = () => ({ ...MESSAGE_RECEIVED, msg_id: `STREAMTEST${++messages}` });
const hook = (payload: object) => rig.hook(payload);

async function stream(query = '', headers: Record<string, string> = rig.auth): Promise<EventStreamReader> {
  const reader = await openEventStream(`${rig.ponte.url}/v1/events/stream${query}`, headers);
  open.push(reader);
  return reader;
}

/** A stream that is open and registered: its first frame (`retry`) has arrived. */
async function live(query = '', headers: Record<string, string> = rig.auth): Promise<EventStreamReader> {
  const reader = await stream(query, headers);
  expect(reader.status).toBe(200);
  expect(await reader.nextFrame()).toEqual({ retry: '3000' });
  return reader;
}

describe('GET /v1/events/stream', () => {
  it('writes each event as it is recorded: id, type and the event exactly as GET /v1/events/{id} shows it', async () => {
    const reader = await live();
    expect(reader.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(reader.headers['cache-control']).toBe('no-store');
    expect(reader.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const sent = [await hook(newMessage()), await hook(NEW_CONTACT), await hook(CHARGE_STATUS)];
    for (const receipt of sent) {
      const frame = await reader.nextEvent();
      expect(frame.id).toBe(receipt.eventId);
      expect(frame.event).toBe(receipt.type);
      const stored = await api().get(`/v1/events/${receipt.eventId}`).set(rig.auth);
      expect(JSON.parse(frame.data)).toEqual(stored.body);
    }
    expect(sent.map((r) => r.type)).toEqual(['message.received', 'contact.created', 'charge.updated']);
  });

  it('a redelivery is acknowledged but not streamed again', async () => {
    const reader = await live();
    const message = newMessage();
    const first = await hook(message);
    expect((await hook(message)).duplicate).toBe(true);
    const next = await hook(newMessage());
    expect((await reader.nextEvent()).id).toBe(first.eventId);
    expect((await reader.nextEvent()).id).toBe(next.eventId);
  });

  it('takes the feed filters: type, and the connections the API key may use', async () => {
    const contactsOnly = await live('?type=contact.created');
    const quiet = await live('', { Authorization: `Bearer ${QUIET_KEY}` });
    const everything = await live();
    await hook(newMessage());
    const contact = await hook({ ...NEW_CONTACT, id: '77' });
    // The unfiltered stream saw both; by then the filtered ones have been written whatever they take.
    await everything.nextEvent();
    expect((await everything.nextEvent()).id).toBe(contact.eventId);
    const frame = await contactsOnly.nextEvent();
    expect(frame).toMatchObject({ id: contact.eventId, event: 'contact.created' });
    expect(contactsOnly.pending()).toBe(0);
    // The key limited to `quiet` gets heartbeats only: maxbot's events are not its to see.
    expect(await quiet.nextFrame(3_000)).toEqual({ comment: '' });
    expect(quiet.pending()).toBe(0);
  });

  it('a reader hanging up ends its stream: the access log has the 200 it was sent and how long it was open, not a 499', async () => {
    const reader = await live();
    const id = reader.headers['x-request-id'] as string;
    reader.close();
    const output = await rig.ponte.waitForOutput(`"requestId":"${id}","method":"GET"`);
    const line = output.split('\n').find((l) => l.includes(`"requestId":"${id}","method":"GET"`))!;
    expect(JSON.parse(line)).toMatchObject({ route: '/v1/events/stream', status: 200, ms: expect.any(Number), msg: 'request' });
  });

  it('narrows to one connection with X-Connection, which names it in the answer', async () => {
    const reader = await live('', { ...rig.auth, 'X-Connection': 'maxbot' });
    expect(reader.headers['x-connection']).toBe('maxbot');
    const receipt = await hook(newMessage());
    expect((await reader.nextEvent()).id).toBe(receipt.eventId);
  });

  it('HEAD gets the head of the stream and ends (it would otherwise stay open with no body)', async () => {
    const res = await api().head('/v1/events/stream').set(rig.auth).timeout(3_000);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
  });

  it('sends a heartbeat comment while idle (EVENT_STREAM_HEARTBEAT_SECONDS)', async () => {
    const reader = await live();
    expect(await reader.nextFrame(3_000)).toEqual({ comment: '' });
    expect(await reader.nextFrame(3_000)).toEqual({ comment: '' });
  });

  it('replays the held events after `after`, then goes on live; Last-Event-ID (a reconnecting EventSource) wins', async () => {
    const a = await hook(newMessage());
    const b = await hook(newMessage());
    const c = await hook(newMessage());

    const fromA = await live(`?after=${a.eventId}`);
    expect((await fromA.nextEvent()).id).toBe(b.eventId);
    expect((await fromA.nextEvent()).id).toBe(c.eventId);
    const d = await hook(newMessage());
    expect((await fromA.nextEvent()).id).toBe(d.eventId);

    const reconnect = await live(`?after=${a.eventId}`, { ...rig.auth, 'Last-Event-ID': c.eventId });
    expect((await reconnect.nextEvent()).id).toBe(d.eventId);
    expect(reconnect.pending()).toBe(0);
  });

  it('refuses, as a problem and before any stream starts, what GET /v1/events refuses', async () => {
    const unknown = 'evt_00000000-0000-4000-8000-000000000000';
    const cases: Array<[string, Record<string, string>, number, JsonObject[]]> = [
      [
        `?after=${unknown}`,
        rig.auth,
        400,
        [{ field: 'after', message: expect.stringMatching(/^is not an event this gateway holds .*start again without "after"$/) }],
      ],
      [
        '',
        { ...rig.auth, 'Last-Event-ID': unknown },
        400,
        [{ field: 'Last-Event-ID', message: expect.stringMatching(/^is not an event this gateway holds/) }],
      ],
      ['?type=message.sent', rig.auth, 400, [{ field: 'type', message: expect.stringContaining('must be one of') }]],
      ['?limit=10', rig.auth, 400, [{ field: 'limit', message: 'is not a known field' }]],
    ];
    for (const [query, headers, status, errors] of cases) {
      const reader = await stream(query, headers);
      expect(reader.status).toBe(status);
      expect(reader.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(await reader.body()).errors).toEqual(errors);
    }
    const noKey = await stream('', {});
    expect(noKey.status).toBe(401);
    const foreign = await stream('', { Authorization: `Bearer ${QUIET_KEY}`, 'X-Connection': 'maxbot' });
    expect(foreign.status).toBe(403);
  });
});

describe('EVENT_STREAMS_MAX (6 here)', () => {
  it('one stream more is a 503 problem with Retry-After; a closed stream frees its place', async () => {
    // Streams of earlier tests may still be closing on the server's side: count up to the refusal.
    const opened: EventStreamReader[] = [];
    let refused: EventStreamReader | undefined;
    for (let i = 0; i < 8 && !refused; i++) {
      const reader = await stream();
      if (reader.status === 200) opened.push(reader);
      else refused = reader;
    }
    expect(refused?.status).toBe(503);
    expect(opened.length).toBeLessThanOrEqual(6);
    expect(refused!.headers['retry-after']).toBe('30');
    expect(JSON.parse(await refused!.body())).toMatchObject({
      code: 'stream_limit_reached',
      detail: expect.stringMatching(/^The gateway has 6 event streams open, as many as it takes \(EVENT_STREAMS_MAX\); retry later$/),
    });
    opened[0].close();
    let again: EventStreamReader | undefined;
    for (let i = 0; i < 50 && again?.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 20));
      again = await stream();
    }
    expect(again?.status).toBe(200);
  });
});

describe("an API key's maxStreams (2 for the `capped` key here)", () => {
  it('one stream more for that key is a 429 problem with Retry-After; other keys are not held to it; a closed stream frees its place', async () => {
    const capped = { authorization: `Bearer ${CAPPED_KEY}` };
    const first = await live('', capped);
    await live('', capped);
    const refused = await stream('', capped);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('30');
    expect(JSON.parse(await refused.body())).toMatchObject({
      type: 'urn:ponte:problem:stream_quota_reached',
      title: 'This API key has as many event streams open as it may',
      status: 429,
      code: 'stream_quota_reached',
      detail: 'API key "capped" has 2 event streams and subscriptions open, as many as it may (its maxStreams); close one, or retry later',
    });
    // The key without a cap of its own is held only to EVENT_STREAMS_MAX.
    await live();
    first.close();
    let again: EventStreamReader | undefined;
    for (let i = 0; i < 50 && again?.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 20));
      again = await stream('', capped);
    }
    expect(again?.status).toBe(200);
    expect(rig.ponte.output()).not.toContain(CAPPED_KEY);
  });
});

describe('shutdown', () => {
  it('ends every open stream cleanly (the answer finishes) and the gateway exits without waiting on them', async () => {
    const reader = await live();
    const exit = rig.ponte.stop();
    await reader.ended();
    // Ended by the gateway (the last chunk sent), not cut: Apollo's drain cuts the connections still
    // open after 10 s, and the test's stop() kills a gateway still running after 5 s (exit code null).
    expect(reader.complete()).toBe(true);
    expect(await exit).toBe(0);
    expect(rig.ponte.output()).toContain('"why":"the gateway is shutting down","msg":"event stream ended"');
  });
});
