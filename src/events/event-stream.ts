import type { ServerResponse } from 'node:http';
import type { Logger } from '../common/logging/logger';
import type { EventType } from './models/event.enums';
import type { PonteEvent } from './models/event.model';

/**
 * Bytes a stream may have written and not yet taken by its reader. Past this the reader is not
 * keeping up: its stream is ended (it reconnects with Last-Event-ID and is replayed from the log),
 * so one stalled tab cannot hold the gateway's memory.
 */
export const MAX_UNREAD_BYTES = 1024 * 1024;
/** Sent first: how long EventSource waits before reconnecting, in ms. */
const RETRY_MS = 3_000;

/** Which events a stream takes. */
export interface StreamFilter {
  types?: readonly EventType[];
  /** Only events of these connections (undefined: all). */
  connections?: readonly string[];
}

interface Stream {
  res: ServerResponse;
  filter: StreamFilter;
  requestId: string;
  sent: number;
  openedAt: number;
}

/** One event in the `text/event-stream` format: its id (for Last-Event-ID), its type and the event as JSON. */
export function eventFrame(event: PonteEvent): string {
  // JSON.stringify escapes line breaks inside strings, so the data is one line.
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

const takes = (filter: StreamFilter, event: PonteEvent) =>
  (!filter.types || filter.types.includes(event.type)) && (!filter.connections || filter.connections.includes(event.connectionId));

/**
 * The open `GET /v1/events/stream` answers: each recorded event is written, as it is recorded, to
 * every stream whose filter takes it. A comment line every `heartbeatMs` keeps proxies and load
 * balancers from closing an idle stream and lets a reader notice a dead one. At shutdown every
 * stream is ended first, so the server can close (an open stream would hold it forever).
 */
export class EventStreams {
  private readonly streams = new Set<Stream>();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(
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
    return !this.closed && this.streams.size < this.maxStreams;
  }

  get size(): number {
    return this.streams.size;
  }

  /**
   * Starts a stream on `res`, whose status and headers the caller has written: the replay (held
   * events after the reader's last one) goes first, then live events. Both happen in this one
   * synchronous call, so no event recorded in between can be missed or sent twice.
   */
  open(res: ServerResponse, requestId: string, filter: StreamFilter, replay: readonly PonteEvent[]): void {
    const stream: Stream = { res, filter, requestId, sent: 0, openedAt: Date.now() };
    this.streams.add(stream);
    res.once('close', () => this.drop(stream, 'the reader closed it'));
    this.logger.info({ requestId, types: filter.types, connections: filter.connections, replayed: replay.length }, 'event stream opened');
    this.write(stream, `retry: ${RETRY_MS}\n\n`);
    for (const event of replay) this.send(stream, event);
  }

  publish(event: PonteEvent): void {
    for (const stream of this.streams) if (takes(stream.filter, event)) this.send(stream, event);
  }

  /** Ends every stream and takes no more. */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const stream of this.streams) {
      this.drop(stream, 'the gateway is shutting down');
      stream.res.end();
    }
  }

  private send(stream: Stream, event: PonteEvent): void {
    stream.sent++;
    this.write(stream, eventFrame(event));
  }

  private beat(): void {
    for (const stream of this.streams) this.write(stream, ':\n\n');
  }

  private write(stream: Stream, text: string): void {
    if (!this.streams.has(stream)) return;
    stream.res.write(text);
    if (stream.res.writableLength > MAX_UNREAD_BYTES) {
      // Cut, not ended: ending would wait for the reader to take the backlog. The reader reconnects
      // with the id of the last event it handled and is replayed from there.
      this.drop(stream, `the reader left more than ${MAX_UNREAD_BYTES} bytes unread`, 'warn');
      stream.res.destroy();
    }
  }

  private drop(stream: Stream, why: string, level: 'info' | 'warn' = 'info'): void {
    if (!this.streams.delete(stream)) return;
    const { requestId, sent, openedAt } = stream;
    this.logger[level]({ requestId, events: sent, openForMs: Date.now() - openedAt, why }, 'event stream ended');
  }
}
