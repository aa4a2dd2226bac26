/**
 * EventStreams on a real loopback HTTP server: what the e2e suite cannot easily arrange — a reader
 * that stops reading, and the limit on open streams.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/common/logging/logger';
import { EventStreams, MAX_UNREAD_BYTES } from '../../src/events/event-stream';
import { EventType } from '../../src/events/models/event.enums';
import type { PonteEvent } from '../../src/events/models/event.model';
import { openEventStream } from '../helpers/sse';

let streams: EventStreams;
let server: http.Server;
let url: string;
/** The server's side of each stream, in the order they arrived. */
let responses: http.ServerResponse[];

beforeEach(async () => {
  streams = new EventStreams(createLogger('silent'), 60_000, 3);
  responses = [];
  server = http.createServer((req, res) => {
    responses.push(res);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    streams.open(res, 'req', {}, []);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterEach(async () => {
  streams.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let n = 0;
const event = (text = 'Oi!'): PonteEvent =>
  ({ id: `evt_${++n}`, type: EventType.MESSAGE_RECEIVED, connectionId: 'maxbot', message: { text } }) as unknown as PonteEvent;

async function untilOpen(count: number): Promise<void> {
  for (let i = 0; i < 100 && streams.size !== count; i++) await new Promise((r) => setTimeout(r, 10));
  expect(streams.size).toBe(count);
}

it('cuts a reader that leaves more than MAX_UNREAD_BYTES unread; a reader that keeps up gets every event', async () => {
  const reading = await openEventStream(url);
  const stalled = await new Promise<http.IncomingMessage>((resolve) => http.get(url, resolve));
  stalled.pause();
  await untilOpen(2);
  // A paused client does not read the end of its socket either: the cut is seen on the server's side.
  const stalledRes = responses[1];
  const cut = () => stalledRes.destroyed;
  // ~1 KB each, until the stalled reader is cut: past what its socket's buffers take (a few MB on
  // loopback), the rest waits in the gateway's memory. Bounded: at most 64 MB published.
  const text = 'x'.repeat(1000);
  let total = 0;
  while (!cut() && total < 64 * 1024) {
    for (let i = 0; i < 100; i++, total++) streams.publish(event(text));
    // Let the reading client take what was written, as a live feed would.
    await new Promise((r) => setTimeout(r, 1));
  }
  expect(cut()).toBe(true);
  expect(responses[0].destroyed).toBe(false);
  expect(streams.size).toBe(1);
  expect(total).toBeGreaterThan(MAX_UNREAD_BYTES / 1000);
  let received = 0;
  while (received < total) {
    const frame = await reading.nextEvent();
    expect(JSON.parse(frame.data).message.text).toBe(text);
    received++;
  }
  reading.close();
  stalled.destroy();
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
  streams.publish(event('linha 1\nlinha 2\r\n\ndata: forged'));
  expect(await reader.nextFrame()).toEqual({ retry: '3000' });
  const frame = await reader.nextFrame();
  expect(frame.id).toBe(`evt_${n}`);
  expect(JSON.parse(frame.data!).message.text).toBe('linha 1\nlinha 2\r\n\ndata: forged');
  reader.close();
});
