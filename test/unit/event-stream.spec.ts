/**
 * EventStreams on a real loopback HTTP server: what the e2e suite cannot easily arrange — a reader
 * that stops reading, and the limit on open streams.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/common/logging/logger';
import { EventLog } from '../../src/events/event-log';
import { EventStreams, HIGH_WATER_BYTES } from '../../src/events/event-stream';
import { EventType } from '../../src/events/models/event.enums';
import type { PonteEvent } from '../../src/events/models/event.model';
import { openEventStream, SseFrames } from '../helpers/sse';

let log: EventLog;
let streams: EventStreams;
let server: http.Server;
let url: string;
/** The server's side of each stream, in the order they arrived. */
let responses: http.ServerResponse[];

async function setUp(capacity: number): Promise<void> {
  log = new EventLog(capacity);
  streams = new EventStreams(log, createLogger('silent'), 60_000, 3);
  responses = [];
  server = http.createServer((req, res) => {
    responses.push(res);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    streams.open(res, 'req', {}, log.newestSeq());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

beforeEach(() => setUp(10_000));
afterEach(async () => {
  streams.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let n = 0;
const event = (text = 'Oi!'): PonteEvent =>
  ({ id: `evt_${++n}`, type: EventType.MESSAGE_RECEIVED, connectionId: 'maxbot', message: { text } }) as unknown as PonteEvent;

/** Records `count` events of ~1 KB, letting the readers run between batches, as a live feed would. */
async function record(count: number): Promise<string[]> {
  const ids: string[] = [];
  const text = 'x'.repeat(1000);
  for (let i = 0; i < count; i++) {
    const e = event(text);
    log.append(e, null);
    streams.recorded();
    ids.push(e.id);
    if (i % 20 === 19) await new Promise((r) => setTimeout(r, 1));
  }
  return ids;
}

async function untilOpen(count: number): Promise<void> {
  for (let i = 0; i < 100 && streams.size !== count; i++) await new Promise((r) => setTimeout(r, 10));
  expect(streams.size).toBe(count);
}

/** A client that reads nothing until told: its stream's unread bytes pile up on the server's side. */
async function stalledReader(): Promise<http.IncomingMessage> {
  const res = await new Promise<http.IncomingMessage>((resolve) => http.get(url, resolve));
  res.pause();
  return res;
}

it('a reader that stops reading holds no more than HIGH_WATER_BYTES (and a batch) unsent; when it reads again it gets everything, in order', async () => {
  const reading = await openEventStream(url);
  const stalled = await stalledReader();
  await untilOpen(2);
  // ~8 MB: more than the stalled reader's socket buffers take, so the rest waits in the log.
  const ids = await record(8_000);
  const waiting = responses[1].writableLength;
  expect(waiting).toBeGreaterThan(0);
  expect(waiting).toBeLessThan(HIGH_WATER_BYTES + 100 * 1200);
  expect(streams.size).toBe(2);
  for (const id of ids) expect((await reading.nextEvent()).id).toBe(id);
  reading.close();

  // Read again: the stream picks up where the reader stopped, from the log.
  const frames = new SseFrames(stalled);
  for (const id of ids) expect((await frames.nextEvent()).id).toBe(id);
  stalled.destroy();
});

/** Starts over with a log of `capacity` events. */
async function restart(capacity: number): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  streams.close();
  await setUp(capacity);
}

it('a reader that falls behind the events the log holds gets its stream ended, not events skipped', async () => {
  await restart(50);
  const reading = await openEventStream(url);
  const stalled = await stalledReader();
  await untilOpen(2);
  const ids = await record(5_000);
  expect(streams.size).toBe(1);
  expect(responses[1].writableEnded).toBe(true);
  for (const id of ids) expect((await reading.nextEvent()).id).toBe(id);
  reading.close();
  // What it had been sent, then the end: the last id it got is no longer held, which a reconnect learns as a 400.
  const frames = new SseFrames(stalled);
  const got: string[] = [];
  for (;;) {
    const frame = await frames.nextEvent().catch(() => undefined);
    if (!frame) break;
    got.push(frame.id!);
  }
  expect(got).toEqual(ids.slice(0, got.length));
  expect(log.seqOf(got.at(-1)!)).toBeUndefined();
});

it('holds at most the streams it was given; close ends each of them and takes no more', async () => {
  const readers = [await openEventStream(url), await openEventStream(url), await openEventStream(url)];
  await untilOpen(3);
  expect(streams.hasRoom()).toBe(false);
  readers[0].close();
  await untilOpen(2);
  expect(streams.hasRoom()).toBe(true);
  streams.close();
  expect(streams.hasRoom()).toBe(false);
  for (const reader of readers.slice(1)) {
    await reader.ended();
    expect(reader.complete()).toBe(true);
  }
  expect(streams.size).toBe(0);
});

it('a frame is one line of JSON per event, whatever line breaks the event holds', async () => {
  const reader = await openEventStream(url);
  await untilOpen(1);
  log.append(event('linha 1\nlinha 2\r\n\ndata: forged'), null);
  streams.recorded();
  expect(await reader.nextFrame()).toEqual({ retry: '3000' });
  const frame = await reader.nextFrame();
  expect(frame.id).toBe(`evt_${n}`);
  expect(JSON.parse(frame.data!).message.text).toBe('linha 1\nlinha 2\r\n\ndata: forged');
  reader.close();
});

describe('EventStreams.follow (a GraphQL subscription: the reader pulls)', () => {
  const appendAll = (count: number, type = EventType.MESSAGE_RECEIVED): string[] =>
    Array.from({ length: count }, () => {
      const e = { ...event(), type };
      log.append(e, null);
      streams.recorded();
      return e.id;
    });
  const ids = (values: Array<IteratorResult<unknown>>) => values.map((v) => (v.value as PonteEvent).id);

  it('answers the events after its position that its filter takes, in order, then waits for the next one recorded', async () => {
    const all = streams.follow('req', {}, log.newestSeq());
    const contacts = streams.follow('req', { types: [EventType.CONTACT_CREATED] }, log.newestSeq());
    const first = appendAll(150);
    const [contact] = appendAll(1, EventType.CONTACT_CREATED);
    const got = [];
    for (let i = 0; i < 151; i++) got.push(await all.next());
    expect(ids(got)).toEqual([...first, contact]);
    expect(ids([await contacts.next()])).toEqual([contact]);

    // Nothing more: next() waits, and the next event recorded answers it.
    const waiting = all.next();
    const [later] = appendAll(1);
    expect(ids([await waiting])).toEqual([later]);
    expect(streams.size).toBe(2);
    expect(await all.return()).toEqual({ done: true, value: undefined });
    expect(await all.next()).toEqual({ done: true, value: undefined });
    expect(streams.size).toBe(1);
    await contacts.return();
  });

  it('counts against the same limit as the streams', async () => {
    const followers = [0, 1, 2].map(() => streams.follow('req', {}, log.newestSeq()));
    expect(streams.hasRoom()).toBe(false);
    await followers[0].return();
    expect(streams.hasRoom()).toBe(true);
  });

  it('a follower whose next() waits ends with the gateway: close answers it done', async () => {
    const follower = streams.follow('req', {}, log.newestSeq());
    const waiting = follower.next();
    streams.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(streams.size).toBe(0);
  });

  it('one that fell behind the log gets FellBehind with the last event it was given, then the end', async () => {
    await restart(50);
    const follower = streams.follow('req', {}, log.newestSeq());
    const recorded = appendAll(10);
    const taken = [await follower.next(), await follower.next()];
    expect(ids(taken)).toEqual(recorded.slice(0, 2));
    // It took one batch ahead (the 10 held then); those are still given, then the gap shows.
    appendAll(200);
    for (const id of recorded.slice(2)) expect(ids([await follower.next()])).toEqual([id]);
    expect(await follower.next()).toEqual({ done: false, value: { fellBehind: true, lastEventId: recorded[9] } });
    expect(await follower.next()).toEqual({ done: true, value: undefined });
    expect(streams.size).toBe(0);

    // Nothing given at all before it fell behind: no last event.
    const late = streams.follow('req', {}, log.newestSeq());
    appendAll(60);
    expect(await late.next()).toEqual({ done: false, value: { fellBehind: true, lastEventId: null } });
  });
});
