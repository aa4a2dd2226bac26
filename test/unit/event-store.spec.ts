/**
 * EventStore on a real directory: the group commit of EVENT_STORE_FSYNC, and the rewrite of the file
 * in the background while events go on being appended.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/common/logging/logger';
import type { LogEntry } from '../../src/events/event-log';
import { EventStore } from '../../src/events/event-store';
import type { PonteEvent } from '../../src/events/models/event.model';

const logger = createLogger('silent');
let dir: string;
let store: EventStore | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ponte-store-unit-'));
});
afterEach(async () => {
  await store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const entry = (seq: number): LogEntry => ({
  seq,
  event: { id: `evt_${seq}`, type: 'message.received', message: { text: `mensagem ${seq}` } } as unknown as PonteEvent,
  dedupeKey: `key-${seq}`,
  dedupeScope: null,
  against: 'held',
});
const lines = () => readFileSync(join(dir, 'events.jsonl'), 'utf8').split('\n').filter(Boolean).length;
const seqs = (entries: readonly LogEntry[]) => entries.map((e) => e.seq);

describe('EVENT_STORE_FSYNC', () => {
  it('an append resolves once its line is flushed; the appends of one burst share the flushes (group commit)', async () => {
    store = EventStore.open(dir, logger, { fsync: true }).store;
    const held: LogEntry[] = [];
    const appended = Array.from({ length: 50 }, (_, i) => {
      held.push(entry(i + 1));
      return store!.append(held[i], () => held);
    });
    // The first line's flush starts at once; the 49 written while it runs share the next one.
    await Promise.all(appended);
    expect(store.flushes).toBe(2);
    expect(lines()).toBe(50);
    // Nothing new written: nothing to wait for, no flush.
    await store.durable();
    expect(store.flushes).toBe(2);
  });

  it('off: an append resolves at once and nothing is flushed', async () => {
    store = EventStore.open(dir, logger, { fsync: false }).store;
    const held = [entry(1)];
    await store.append(held[0], () => held);
    await store.durable();
    expect(store.flushes).toBe(0);
    expect(lines()).toBe(1);
  });
});

describe('the rewrite of the file', () => {
  it.each([true, false])(
    'runs in the background (fsync %s): events appended meanwhile land in the new file, once, in order',
    async (fsync) => {
      store = EventStore.open(dir, logger, { fsync }).store;
      // A log holding its last 3,000 events: the 6,001st line starts a rewrite of 3 chunks.
      const log: LogEntry[] = [];
      const held = () => log.slice(-3000);
      const appends: Array<Promise<void>> = [];
      for (let seq = 1; seq <= 6001; seq++) {
        log.push(entry(seq));
        appends.push(store.append(log[seq - 1], held));
      }
      expect(store.rewriting).toBe(true);
      // The gateway goes on while the held events are written: ten more events, each on a turn of the event loop.
      let during = 0;
      for (let seq = 6002; seq <= 6011; seq++) {
        await new Promise((r) => setImmediate(r));
        if (store.rewriting) during++;
        log.push(entry(seq));
        appends.push(store.append(log[seq - 1], held));
      }
      expect(during).toBeGreaterThan(0);
      await store.rewritten();
      await Promise.all(appends);
      expect(existsSync(join(dir, 'events.jsonl.tmp'))).toBe(false);

      // What the rewrite kept (the 3,000 held when it started), then every event appended since, each once.
      await store.close();
      store = undefined;
      const reopened = EventStore.open(dir, logger, { fsync });
      store = reopened.store;
      expect(seqs(reopened.state.entries)).toEqual(seqs(log.slice(6001 - 3000)));
    },
  );

  it('close waits for a rewrite under way; the file is then whole', async () => {
    store = EventStore.open(dir, logger, { fsync: false }).store;
    const log: LogEntry[] = [];
    const held = () => log.slice(-2000);
    for (let seq = 1; seq <= 4001; seq++) {
      log.push(entry(seq));
      void store.append(log[seq - 1], held);
    }
    expect(store.rewriting).toBe(true);
    await store.close();
    store = undefined;
    // Closed mid-rewrite: the old file, with every line appended to it, stays; the half-made one is gone.
    const reopened = EventStore.open(dir, logger, { fsync: false });
    store = reopened.store;
    expect(seqs(reopened.state.entries)).toEqual(seqs(log));
    expect(existsSync(join(dir, 'events.jsonl.tmp'))).toBe(false);
  });
});
