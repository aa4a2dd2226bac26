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

it('a reader that falls behind the events the log holds gets its stream ended, not events skipped', async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  streams.close();
  await setUp(50);
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
