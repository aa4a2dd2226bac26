import type { ServerResponse } from 'node:http';
import type { Logger } from '../common/logging/logger';
import type { ApiKeyIdentity } from '../common/auth/api-key.hook';
import type { EventLog } from './event-log';
import type { EventType } from './models/event.enums';
import type { PonteEvent } from './models/event.model';

/**
 * Bytes a stream may have written and its reader not yet taken before the stream stops taking
 * events from the log; it goes on when the reader has taken them ('drain'). So a slow reader costs
 * the gateway no memory beyond this: what it has not read yet stays in the log, which holds it anyway.
 */
export const HIGH_WATER_BYTES = 64 * 1024;
/** How long a stream ended for falling behind may take to deliver its last bytes before its socket is closed. */
const STALLED_MS = 30_000;
/** Events read from the log at a time. */
const BATCH = 100;
/** Sent first: how long EventSource waits before reconnecting, in ms. */
const RETRY_MS = 3_000;

/** Which events a stream takes. */
export interface StreamFilter {
  types?: readonly EventType[];
  /** Only events of these connections (undefined: all). */
  connections?: readonly string[];
  /** The API key the reader came with (none when auth is off): a reload that revokes it ends the reader. */
  apiKey?: ApiKeyIdentity;
}

/**
 * What an EventFollower yields, once and last, when the log let go of events it had not taken:
 * the reader fell behind, and must start again from what it has.
 */
export interface FellBehind {
  fellBehind: true;
  /** The id of the last event the reader was given, if any. */
  lastEventId: string | null;
}

/** What the streams read: the event log. */
export type StreamSource = Pick<EventLog, 'query' | 'oldestSeq' | 'newestSeq'>;

interface Stream {
  res: ServerResponse;
  filter: StreamFilter;
  requestId: string;
  /** The sequence number of the last event the stream has written (or looked past). */
  afterSeq: number;
  sent: number;
  openedAt: number;
}

/** Whether the log let go of events after a reader's position (`afterSeq`) that it was not given: a gap. */
function fellBehind(source: StreamSource, afterSeq: number): boolean {
  return afterSeq + 1 < source.oldestSeq();
}

/**
 * The next events after `afterSeq` that `filter` takes (up to BATCH), and the reader's position
 * after them: the batch's last event, or, when nothing else after it passes the filter, the newest
 * (no need to look at those events again).
 */
function nextBatch(
  source: StreamSource,
  filter: StreamFilter,
  afterSeq: number,
): { events: PonteEvent[]; afterSeq: number; more: boolean } {
  const { events, more } = source.query({ afterSeq, ...filter, limit: BATCH });
  return {
    events: events.map((e) => e.event),
    afterSeq: more ? events[events.length - 1].seq : source.newestSeq(),
    more,
  };
}

/** One event in the `text/event-stream` format: its id (for Last-Event-ID), its type and the event as JSON. */
export function eventFrame(event: PonteEvent): string {
  // JSON.stringify escapes line breaks inside strings, so the data is one line.
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The open `GET /v1/events/stream` answers, each a reader's position in the event log: a stream
 * writes the log's events after its position that its filter takes, as long as its reader keeps
 * up (HIGH_WATER_BYTES), and goes on when the reader has taken them or a new event is recorded.
 * A reader so slow that the log lets go of events it has not been sent is told so the only way
 * that cannot be missed: its stream is ended, and reconnecting after its last event is a 400
 * (a gap), as polling would be. A comment line every `heartbeatMs` keeps proxies and load balancers
 * from closing an idle stream and lets a reader notice a dead one. At shutdown every stream is
 * ended first, so the server can close (an open stream would hold it forever).
 */
export class EventStreams {
  private readonly streams = new Set<Stream>();
  private readonly followers = new Set<EventFollower>();
  private readonly heartbeat: NodeJS.Timeout;
  /** Each event's frame, made once for however many streams send it. */
  private readonly frames = new WeakMap<PonteEvent, string>();
  private closed = false;

  constructor(
    private readonly source: StreamSource,
    private readonly logger: Logger,
    heartbeatMs: number,
    /** Streams open at once; one more is answered 503 with Retry-After. */
    private readonly maxStreams: number,
  ) {
    this.heartbeat = setInterval(() => this.beat(), heartbeatMs);
    this.heartbeat.unref();
  }

  /** Whether one more stream may open (false: at the limit, or shutting down). */
  hasRoom(): boolean {
    return !this.closed && this.size < this.maxStreams;
  }

  /** Open streams and followers: one budget (maxStreams). */
  get size(): number {
    return this.streams.size + this.followers.size;
  }

  /** Open streams and followers opened with the named API key. */
  openedWith(apiKeyName: string): number {
    let count = 0;
    for (const stream of this.streams) if (stream.filter.apiKey?.name === apiKeyName) count++;
    for (const follower of this.followers) if (follower.filter.apiKey?.name === apiKeyName) count++;
    return count;
  }

  /**
   * Starts a stream on `res`, whose status and headers the caller has written, at the log's events
   * after `afterSeq` (the reader's last one; the newest for a reader that wants only what comes next).
   */
  open(res: ServerResponse, requestId: string, filter: StreamFilter, afterSeq: number): void {
    const stream: Stream = { res, filter, requestId, afterSeq, sent: 0, openedAt: Date.now() };
    this.streams.add(stream);
    res.once('close', () => this.drop(stream, 'the reader closed it'));
    res.on('drain', () => this.pump(stream));
    this.logger.info({ requestId, types: filter.types, connections: filter.connections, afterSeq }, 'event stream opened');
    res.write(`retry: ${RETRY_MS}\n\n`);
    this.pump(stream);
  }

  /**
   * A reader that pulls (a GraphQL subscription): the log's events after `afterSeq` that `filter`
   * takes, one per `next()`, as fast as the reader asks for them. Counted with the streams.
   */
  follow(requestId: string, filter: StreamFilter, afterSeq: number): EventFollower {
    const follower = new EventFollower(this.source, filter, afterSeq, (why, level) => {
      if (!this.followers.delete(follower)) return;
      this.logger[level]({ requestId, events: follower.sent, openForMs: Date.now() - openedAt, why }, 'event subscription ended');
    });
    const openedAt = Date.now();
    this.followers.add(follower);
    this.logger.info({ requestId, types: filter.types, connections: filter.connections, afterSeq }, 'event subscription started');
    return follower;
  }

  /** A new event is in the log: every stream that is keeping up takes it, every waiting follower is given it. */
  recorded(): void {
    for (const stream of this.streams) this.pump(stream);
    for (const follower of this.followers) follower.wake();
  }

  /** Ends the streams and followers opened with an API key that no longer stands (a configuration reload). */
  revoke(stillValid: (apiKey: ApiKeyIdentity) => boolean): number {
    const why = 'its API key was revoked';
    let ended = 0;
    for (const stream of this.streams) {
      if (stream.filter.apiKey && !stillValid(stream.filter.apiKey)) {
        this.end(stream, why, 'warn');
        ended++;
      }
    }
    for (const follower of this.followers) {
      if (follower.filter.apiKey && !stillValid(follower.filter.apiKey)) {
        follower.stop(why);
        ended++;
      }
    }
    return ended;
  }

  /** Ends every stream and follower, and takes no more. */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const stream of this.streams) this.end(stream, 'the gateway is shutting down');
    for (const follower of this.followers) follower.stop('the gateway is shutting down');
  }

  /** Writes the stream's next events while its reader keeps up. */
  private pump(stream: Stream): void {
    const { res, filter } = stream;
    while (this.streams.has(stream)) {
      // Checked even while the reader is not keeping up: it is how a stalled reader learns it fell behind.
      if (fellBehind(this.source, stream.afterSeq)) {
        this.end(stream, 'the reader fell behind the events the gateway holds', 'warn');
        // A reader that has stopped reading would never take the end: its socket goes after a while.
        setTimeout(() => res.destroy(), STALLED_MS).unref();
        return;
      }
      if (res.writableLength >= HIGH_WATER_BYTES) return;
      const batch = nextBatch(this.source, filter, stream.afterSeq);
      for (const event of batch.events) {
        let frame = this.frames.get(event);
        if (frame === undefined) this.frames.set(event, (frame = eventFrame(event)));
        res.write(frame);
        stream.sent++;
      }
      stream.afterSeq = batch.afterSeq;
      if (!batch.more) return;
    }
  }

  private beat(): void {
    // A stream with bytes still waiting for its reader is not idle.
    for (const stream of this.streams) if (stream.res.writableLength === 0) stream.res.write(':\n\n');
  }

  private end(stream: Stream, why: string, level: 'info' | 'warn' = 'info'): void {
    this.drop(stream, why, level);
    stream.res.end();
  }

  private drop(stream: Stream, why: string, level: 'info' | 'warn' = 'info'): void {
    if (!this.streams.delete(stream)) return;
    const { requestId, sent, openedAt } = stream;
    this.logger[level]({ requestId, events: sent, openForMs: Date.now() - openedAt, why }, 'event stream ended');
  }
}

type Ended = (why: string, level: 'info' | 'warn') => void;
const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * A pulling reader of the event log (EventStreams.follow): `next()` answers the next event after the
 * reader's position that its filter takes, at once when the log has one, else when one is recorded.
 * Nothing is queued for a reader that does not ask: the events wait in the log, which holds them
 * anyway, and at most one batch (BATCH) is taken from it ahead. A reader so slow that the log let
 * go of events it had not taken gets `FellBehind`, then the end. `return()` (the reader stops) and
 * `stop()` (the gateway does) end it; a `next()` waiting then gets the end.
 */
export class EventFollower implements AsyncIterableIterator<PonteEvent | FellBehind> {
  sent = 0;
  private batch: PonteEvent[] = [];
  private taken = 0;
  private lastEventId: string | null = null;
  private waiting?: (result: IteratorResult<PonteEvent | FellBehind, undefined>) => void;
  private ended = false;

  constructor(
    private readonly source: StreamSource,
    readonly filter: StreamFilter,
    /** The sequence number of the last event taken from the log (or looked past). */
    private afterSeq: number,
    private readonly onEnd: Ended,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<PonteEvent | FellBehind, undefined>> {
    if (this.ended) return Promise.resolve(DONE);
    if (this.waiting) return Promise.reject(new Error('EventFollower: next() called while one is pending'));
    const ready = this.take();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorReturnResult<undefined>> {
    this.finish('the reader ended it', 'info');
    return Promise.resolve(DONE);
  }

  throw(): Promise<IteratorReturnResult<undefined>> {
    return this.return();
  }

  /** New events may be in the log: a waiting `next()` gets the first its filter takes. */
  wake(): void {
    const resolve = this.waiting;
    if (!resolve) return;
    // Taken off first: taking may end the follower (it fell behind), which must not answer it twice.
    this.waiting = undefined;
    const ready = this.take();
    if (ready) resolve(ready);
    else this.waiting = resolve;
  }

  /** The gateway ends it. */
  stop(why: string): void {
    this.finish(why, 'info');
  }

  private take(): IteratorResult<PonteEvent | FellBehind, undefined> | undefined {
    if (this.taken === this.batch.length) {
      if (fellBehind(this.source, this.afterSeq)) {
        const value: FellBehind = { fellBehind: true, lastEventId: this.lastEventId };
        this.finish('the reader fell behind the events the gateway holds', 'warn');
        return { done: false, value };
      }
      const batch = nextBatch(this.source, this.filter, this.afterSeq);
      this.afterSeq = batch.afterSeq;
      this.batch = batch.events;
      this.taken = 0;
      if (this.batch.length === 0) return undefined;
    }
    const event = this.batch[this.taken++];
    this.lastEventId = event.id;
    this.sent++;
    return { done: false, value: event };
  }

  private finish(why: string, level: 'info' | 'warn'): void {
    if (this.ended) return;
    this.ended = true;
    this.batch = [];
    this.taken = 0;
    this.onEnd(why, level);
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.(DONE);
  }
}
