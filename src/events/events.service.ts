import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_EVENT_LOG_SIZE, DEFAULT_EVENT_STREAM_HEARTBEAT_SECONDS, DEFAULT_EVENT_STREAMS_MAX } from '../config/config.loader';
import { PLATFORM_NAMES, webhookSecretOf, type PonteConfig } from '../config/config.types';
import type { CallContext } from '../common/context/call-context';
import { PonteError } from '../common/errors/ponte-error';
import { instantToIso } from '../common/normalize/dates';
import type { Logger } from '../common/logging/logger';
import { Metrics } from '../common/metrics/metrics';
import { ApiKeyRing, type ApiKeyIdentity } from '../common/auth/api-key.hook';
import { decodeCursor, DEFAULT_LIMIT, encodeCursor, filterFingerprint, type Page } from '../common/pagination/page';
import { LOGGER, PONTE_CONFIG } from '../core/tokens';
import { PlatformRegistry } from '../platforms/registry';
import type { ListEventsArgs, StreamEventsArgs, SubscribeEventsArgs } from './dto/event.args';
import { EventDelivery, type DeliveryProgress } from './event-delivery';
import { EventLog } from './event-log';
import { EventStore } from './event-store';
import { EventStreams, type EventFollower, type StreamFilter } from './event-stream';
import type { PonteEvent, WebhookReceipt } from './models/event.model';

/** Where a stream starts: its filter and the sequence number of the reader's last event. */
export interface PreparedStream {
  filter: StreamFilter;
  afterSeq: number;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Inbound webhooks and the event feed. A platform's webhook call is checked against the
 * connection's webhook secret, normalized by the connection's adapter into one event shape,
 * recorded in an in-memory log that GET /v1/events (and the `events` query) read, oldest first,
 * written to the open event streams and pushed to the configured subscriptions.
 */
@Injectable()
export class EventsService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: EventLog;
  private readonly delivery: EventDelivery;
  private readonly streams: EventStreams;
  /** EVENT_STORE_DIR: the feed and the delivery progress on disk. */
  private readonly store?: EventStore;

  constructor(
    @Inject(PlatformRegistry) private readonly registry: PlatformRegistry,
    @Inject(PONTE_CONFIG) config: PonteConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(HttpAdapterHost) private readonly http: HttpAdapterHost,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(ApiKeyRing) private readonly keys: ApiKeyRing,
  ) {
    this.log = new EventLog(config.eventLogSize ?? DEFAULT_EVENT_LOG_SIZE);
    let progress: DeliveryProgress | undefined;
    if (config.eventStoreDir) {
      const { store, state } = EventStore.open(config.eventStoreDir, logger, { fsync: config.eventStoreFsync ?? true });
      this.store = store;
      this.log.restore(state.entries);
      progress = { settled: state.progress, save: (settled) => store.saveProgress(settled) };
      logger.info({ dir: config.eventStoreDir, events: this.log.held().length }, 'event store opened: events restored');
    }
    this.delivery = new EventDelivery(config.subscriptions ?? [], logger, progress, metrics);
    this.streams = new EventStreams(
      this.log,
      logger,
      (config.eventStreamHeartbeatSeconds ?? DEFAULT_EVENT_STREAM_HEARTBEAT_SECONDS) * 1000,
      config.eventStreamsMax ?? DEFAULT_EVENT_STREAMS_MAX,
    );
    metrics.collect('ponte_events_held', 'Received events the feed holds (at most EVENT_LOG_SIZE).', 'gauge', () => [
      { value: this.log.held().length },
    ]);
    metrics.collect(
      'ponte_event_readers_open',
      'Live readers of the feed: event streams and eventReceived subscriptions (at most EVENT_STREAMS_MAX).',
      'gauge',
      () => [{ value: this.streams.size }],
    );
    metrics.collect('ponte_event_deliveries_pending', 'Events waiting to be pushed, by subscription.', 'gauge', () =>
      this.delivery.pending().map(([subscription, value]) => ({ labels: { subscription }, value })),
    );
  }

  /**
   * The streams end as the server starts closing (Fastify's preClose), whoever closes it: an open
   * stream never finishes by itself, so the close would wait for it (Apollo's drain, which closes
   * the server when the GraphQL module stops, waits 10 s before cutting the connections).
   */
  onModuleInit(): void {
    this.http.httpAdapter.getInstance<FastifyInstance>().addHook('preClose', (done) => {
      this.streams.close();
      done();
    });
  }

  /** With a store: what the subscriptions had not settled before the restart is sent now. */
  onApplicationBootstrap(): void {
    this.delivery.resume(this.log.held(), this.log.newestSeq());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.delivery.close();
    await this.store?.close();
  }

  /**
   * One webhook call. The checks run in an order that tells an outsider nothing it did not
   * already know: the payload is looked at only once the secret matched.
   */
  async receive(requestId: string, connectionId: string, presentedSecret: string | undefined, payload: unknown): Promise<WebhookReceipt> {
    const adapter = this.registry.adapterOf(connectionId);
    // Anyone may call this route: a connection that does not exist, whose platform has no webhooks,
    // or that has no webhookSecret all get the same answer, so the route tells no one which ids
    // exist or what they are. The log says which it was, for the operator.
    const noEndpoint = (why: string) => {
      this.logger.warn({ requestId, connection: connectionId, why }, 'webhook call to a URL that takes none');
      return new PonteError('not_found', 'No webhook endpoint at this URL');
    };
    if (!adapter) throw noEndpoint('no such connection');
    const { connection } = adapter;
    if (!this.registry.operationsOf(connection.id).includes('receiveWebhook')) {
      throw noEndpoint(`${PLATFORM_NAMES[connection.provider]} documents no webhooks`);
    }
    const secret = webhookSecretOf(connection);
    if (!secret) throw noEndpoint('the connection has no webhookSecret configured');
    if (presentedSecret === undefined || !timingSafeEqual(digest(presentedSecret), digest(secret))) {
      throw new PonteError(
        'webhook_unauthorized',
        presentedSecret === undefined
          ? 'Put the webhook secret in the URL configured on the platform (?secret=…) or send it as X-Webhook-Secret'
          : 'The webhook secret is not valid',
      );
    }
    const inbound = adapter.receiveWebhook!(payload);
    const event: PonteEvent = {
      id: `evt_${randomUUID()}`,
      type: inbound.type,
      connectionId: connection.id,
      platform: connection.provider,
      // In the connection's offset, as every datetime the API answers.
      receivedAt: instantToIso(new Date(), connection.timezone, true),
      occurredAt: inbound.occurredAt,
      message: inbound.message,
      contact: inbound.contact,
      charge: inbound.charge,
    };
    // Keys name platform ids (a contact id, a charge id), which two accounts share: each connection dedupes its own.
    const own = (key: string | null | undefined) => (key == null ? null : `${connection.id}\n${key}`);
    const recorded = this.log.append(event, own(inbound.dedupeKey), own(inbound.dedupeScope), inbound.dedupeAgainst);
    let stored: Promise<void> | undefined;
    if (!recorded.duplicate) {
      stored = this.store?.append(recorded.entry, () => this.log.held());
      this.streams.recorded();
      this.delivery.publish(recorded.entry);
    } else {
      // Its first copy may still be on its way to the disk: the platform is told "received" once it is there.
      stored = this.store?.durable();
    }
    // On disk (flushed, with EVENT_STORE_FSYNC) before the platform is answered: an acknowledged event
    // survives a restart, and a power cut. Readers of the feed have it already.
    await stored;
    this.metrics.count('ponte_webhook_events_total', 'Webhook events received, by connection, type and whether a redelivery.', {
      connection: connection.id,
      type: event.type,
      duplicate: String(recorded.duplicate),
    });
    this.logger.info(
      { requestId, connection: connection.id, event: recorded.event.id, type: event.type, duplicate: recorded.duplicate },
      'webhook received',
    );
    return { received: true, eventId: recorded.event.id, type: recorded.event.type, duplicate: recorded.duplicate };
  }

  /** Events the caller may see, oldest first, after `after` (an event id) or the cursor. */
  list(ctx: CallContext, args: ListEventsArgs): Page<PonteEvent> {
    const connections = this.visibleConnections(ctx);
    const filters = { type: args.type, connection: ctx.connectionId };
    const fingerprint = filterFingerprint({ ...filters, scope: connections?.join(',') });
    let afterSeq: number;
    if (args.cursor) {
      const state = decodeCursor(args.cursor, fingerprint);
      if (typeof state.s !== 'number' || !Number.isInteger(state.s) || state.s < 0) {
        throw PonteError.validation([{ field: 'cursor', message: 'is not a cursor issued by this API' }]);
      }
      afterSeq = state.s;
      this.checkNoGap(afterSeq, 'cursor');
    } else if (args.after !== undefined) {
      afterSeq = this.heldSeq(args.after, 'after');
    } else {
      afterSeq = this.log.oldestSeq() - 1;
    }
    const limit = args.limit ?? DEFAULT_LIMIT;
    const { events, more } = this.log.query({ afterSeq, types: args.type ? [args.type] : undefined, connections, limit });
    const last = events.at(-1)?.seq ?? afterSeq;
    return {
      data: events.map((e) => e.event),
      pageInfo: { nextCursor: more ? encodeCursor({ s: last }, fingerprint) : null, hasNextPage: more, totalCount: null },
    };
  }

  /**
   * Checks a stream request and settles where it starts, before any answer is written: its filter,
   * and the reader's last event (`Last-Event-ID`, which a reconnecting EventSource sends, wins over
   * `after`; without either, the newest: only what comes next). Refused when the gateway holds as
   * many streams as it takes (EVENT_STREAMS_MAX, 503), or the caller's API key as many as its
   * `maxStreams` allows (429): one integration that leaks streams cannot take every place.
   */
  prepareStream(ctx: CallContext, args: StreamEventsArgs | SubscribeEventsArgs, lastEventId: string | undefined): PreparedStream {
    const filter: StreamFilter = {
      types: args.type ? [args.type] : undefined,
      connections: this.visibleConnections(ctx),
      apiKey: ctx.apiKey,
    };
    const [field, after] = lastEventId !== undefined ? ['Last-Event-ID', lastEventId] : ['after', args.after];
    const afterSeq = after === undefined ? this.log.newestSeq() : this.heldSeq(after, field);
    if (!this.streams.hasRoom()) {
      throw new PonteError(
        'stream_limit_reached',
        `The gateway has ${this.streams.size} event streams open, as many as it takes (EVENT_STREAMS_MAX); retry later`,
        { retryAfter: 30 },
      );
    }
    const key = ctx.apiKey?.name;
    const quota = key === undefined ? undefined : this.keys.streamQuota(key);
    if (key !== undefined && quota !== undefined && this.streams.openedWith(key) >= quota) {
      throw new PonteError(
        'stream_quota_reached',
        `API key "${key}" has ${quota} event streams and subscriptions open, as many as it may (its maxStreams); ` +
          'close one, or retry later',
        { retryAfter: 30 },
      );
    }
    return { filter, afterSeq };
  }

  /**
   * The `eventReceived` subscription: the same checks and starting point as a stream (without
   * Last-Event-ID: a subscriber resumes with `after`), read by pulling.
   */
  follow(ctx: CallContext, args: SubscribeEventsArgs): EventFollower {
    const { filter, afterSeq } = this.prepareStream(ctx, args, undefined);
    return this.streams.follow(ctx.requestId, filter, afterSeq);
  }

  /** Ends the live readers whose API key a configuration reload revoked; answers how many. */
  revokeReaders(stillValid: (apiKey: ApiKeyIdentity) => boolean): number {
    return this.streams.revoke(stillValid);
  }

  /** Starts a prepared stream on a response whose status and headers are written. */
  openStream(res: ServerResponse, requestId: string, prepared: PreparedStream): void {
    this.streams.open(res, requestId, prepared.filter, prepared.afterSeq);
  }

  get(ctx: CallContext, id: string): PonteEvent {
    const event = this.log.get(id);
    const allowed = ctx.apiKey?.connections;
    if (!event || (allowed && !allowed.includes(event.connectionId))) {
      throw new PonteError('not_found', `No event "${id}" (the gateway keeps the last ${this.log.capacity} events)`);
    }
    return event;
  }

  /** The named connection (checked like any other call) or every connection the API key may use. */
  private visibleConnections(ctx: CallContext): string[] | undefined {
    if (ctx.connectionId !== undefined) return [this.registry.resolve('receiveWebhook', ctx).connection.id];
    return ctx.apiKey?.connections;
  }

  /** The sequence number of a held event named by the caller; refused when it is not held (a gap). */
  private heldSeq(id: string, field: string): number {
    const seq = this.log.seqOf(id);
    if (seq === undefined) {
      throw PonteError.validation([
        {
          field,
          message:
            `is not an event this gateway holds (it keeps the last ${this.log.capacity}); ` +
            `events after it may have been dropped: start again without "${field}"`,
        },
      ]);
    }
    return seq;
  }

  private checkNoGap(afterSeq: number, field: string): void {
    if (afterSeq + 1 < this.log.oldestSeq()) {
      throw PonteError.validation([
        {
          field,
          message: `points before the oldest event still held (the gateway keeps the last ${this.log.capacity}): start again without it`,
        },
      ]);
    }
  }
}
