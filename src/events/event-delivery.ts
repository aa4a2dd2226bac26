import { createHmac } from 'node:crypto';
import { Agent, request } from 'undici';
import type { SubscriptionConfig } from '../config/config.types';
import { retryAfterSeconds } from '../common/http/retry-after';
import type { Logger } from '../common/logging/logger';
import type { Metrics } from '../common/metrics/metrics';
import type { LogEntry } from './event-log';
import type { PonteEvent } from './models/event.model';

/** Events waiting per subscription; past this the oldest is dropped (and logged), so a dead receiver cannot exhaust memory. */
export const MAX_PENDING = 1_000;
/** A receiver's Retry-After is honoured up to this long. */
const MAX_RETRY_AFTER_MS = 60_000;
/** At shutdown, deliveries already on the wire get this long to be answered; then they are cut. */
export const SHUTDOWN_GRACE_MS = 5_000;

type Outcome = { kind: 'delivered' } | { kind: 'retry'; waitMs?: number; reason: string } | { kind: 'refused'; reason: string };

/** An event waiting for a subscriber, with its place in the feed (what the delivery progress records). */
type Pending = Pick<LogEntry, 'seq' | 'event'>;

/** Where each subscription stands, kept by the event store (EVENT_STORE_DIR) across restarts. */
export interface DeliveryProgress {
  /** Per subscription name, the last event settled for it (delivered, refused or given up). */
  settled: Record<string, number>;
  /** Called after each settled event, with `settled` updated. */
  save(settled: Record<string, number>): void;
}

interface Queue {
  sub: SubscriptionConfig;
  /** Oldest first; [0] is the one being delivered. */
  pending: Pending[];
  /** The pump working on `pending`, while there is one. */
  pumping?: Promise<void>;
}

/**
 * `Ponte-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the subscription secret>`.
 * The timestamp is signed too, so a receiver can refuse old replays.
 */
export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Pushes each recorded event to the configured subscriptions: a signed JSON POST per event, one
 * event at a time per subscription (so each receiver sees them in order), retried with exponential
 * backoff on network errors, timeouts, 408, 429 and 5xx (Retry-After honoured); any other answer
 * is the receiver refusing it, and is not retried. Delivery is at least once: a receiver may see
 * an event again (same `Ponte-Event-Id`) when its answer was lost.
 */
export class EventDelivery {
  private readonly queues: Queue[];
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connections: 4 });
  private readonly waits = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  /** Aborted when the shutdown grace runs out: cuts the attempts still waiting for an answer. */
  private readonly stopping = new AbortController();
  private closed = false;

  constructor(
    subscriptions: readonly SubscriptionConfig[],
    private readonly logger: Logger,
    /** Without it (no EVENT_STORE_DIR) what is waiting at shutdown is lost. */
    private readonly progress?: DeliveryProgress,
    private readonly metrics?: Metrics,
  ) {
    this.queues = subscriptions.map((sub) => ({ sub, pending: [] }));
  }

  /**
   * With a stored progress: queues, for each subscription, the held events after the last one
   * settled for it. A subscription the store has never seen starts with the next event; one whose
   * next event is no longer held is told, in the log, that events were missed.
   */
  resume(held: readonly Pending[], newestSeq: number): void {
    if (!this.progress) return;
    const oldest = held[0]?.seq ?? newestSeq + 1;
    const stored = this.progress.settled;
    // Only the configured subscriptions are kept: one removed from the connections file is forgotten.
    this.progress.settled = {};
    for (const q of this.queues) {
      const settled = stored[q.sub.name];
      this.progress.settled[q.sub.name] = settled ?? newestSeq;
      if (settled === undefined) continue;
      if (settled + 1 < oldest) {
        this.logger.error(
          { subscription: q.sub.name, missed: oldest - settled - 1 },
          'events were dropped from the store (EVENT_LOG_SIZE) before they were delivered to this subscription',
        );
      }
      for (const entry of held) if (entry.seq > settled) this.enqueue(q, entry);
    }
    this.progress.save(this.progress.settled);
  }

  /** Events waiting, by subscription name. */
  pending(): Array<[string, number]> {
    return this.queues.map((q) => [q.sub.name, q.pending.length]);
  }

  private tally(subscription: string, outcome: 'delivered' | 'refused' | 'given_up' | 'dropped' | 'retried'): void {
    this.metrics?.count(
      'ponte_event_deliveries_total',
      'Event pushes to the subscriptions, by subscription and outcome (retried: a failed attempt that will be retried).',
      { subscription, outcome },
    );
  }

  publish(entry: Pending): void {
    if (this.closed) return;
    for (const q of this.queues) this.enqueue(q, entry);
  }

  private enqueue(q: Queue, entry: Pending): void {
    const { event } = entry;
    if (q.sub.types && !q.sub.types.includes(event.type)) return;
    if (q.sub.connections && !q.sub.connections.includes(event.connectionId)) return;
    q.pending.push(entry);
    if (q.pending.length > MAX_PENDING) {
      const dropped = q.pending.splice(1, 1)[0]; // [0] may be in flight
      this.tally(q.sub.name, 'dropped');
      this.logger.error(
        { subscription: q.sub.name, event: dropped.event.id },
        `event dropped: more than ${MAX_PENDING} waiting for this subscription`,
      );
    }
    q.pumping ??= this.pump(q);
  }

  /**
   * Stops delivering. Nothing new is attempted and waits between retries are cut short; an attempt
   * already sent gets up to SHUTDOWN_GRACE_MS (within its own timeout) to be answered, so an event
   * the receiver is taking is not counted, or sent again, as lost. What is left is logged, per
   * subscription, as not delivered.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waits) {
      clearTimeout(w.timer);
      w.done();
    }
    const grace = setTimeout(() => this.stopping.abort(), SHUTDOWN_GRACE_MS);
    await Promise.all(this.queues.map((q) => q.pumping ?? Promise.resolve()));
    clearTimeout(grace);
    for (const q of this.queues) {
      if (!q.pending.length) continue;
      if (this.progress) {
        this.logger.info({ subscription: q.sub.name, events: q.pending.length }, 'shutting down: events left for after the restart');
      } else {
        this.logger.warn({ subscription: q.sub.name, events: q.pending.length }, 'shutting down with events not delivered');
      }
    }
    await this.agent.close();
  }

  private async pump(q: Queue): Promise<void> {
    while (q.pending.length && !this.closed) {
      const next = q.pending[0];
      if (!(await this.deliver(q.sub, next.event))) break;
      q.pending.shift();
      if (this.progress) this.settle(q.sub.name, next.seq);
    }
    q.pumping = undefined;
  }

  /** Whether the event is settled (delivered, refused or given up); false when shutdown interrupted it. */
  private async deliver(sub: SubscriptionConfig, event: PonteEvent): Promise<boolean> {
    const body = JSON.stringify(event);
    for (let attempt = 1; attempt <= sub.maxAttempts && !this.closed; attempt++) {
      const outcome = await this.attempt(sub, event, body, attempt);
      const log = { subscription: sub.name, event: event.id, type: event.type, attempt };
      if (outcome.kind === 'delivered') {
        this.tally(sub.name, 'delivered');
        this.logger.debug(log, 'event delivered');
        return true;
      }
      if (outcome.kind === 'refused') {
        this.tally(sub.name, 'refused');
        this.logger.warn({ ...log, reason: outcome.reason }, 'event refused by the subscriber: not retried');
        return true;
      }
      if (attempt === sub.maxAttempts) {
        this.tally(sub.name, 'given_up');
        this.logger.error({ ...log, reason: outcome.reason }, `event not delivered after ${attempt} attempts: given up`);
        return true;
      }
      if (this.closed) return false;
      this.tally(sub.name, 'retried');
      const backoff = sub.retryBaseMs * 2 ** (attempt - 1);
      this.logger.info({ ...log, reason: outcome.reason }, 'event delivery failed: will retry');
      await this.sleep(Math.max(backoff, Math.min(outcome.waitMs ?? 0, MAX_RETRY_AFTER_MS)));
    }
    return false;
  }

  private async attempt(sub: SubscriptionConfig, event: PonteEvent, body: string, attempt: number): Promise<Outcome> {
    try {
      const res = await request(sub.url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Ponte-Events/1',
          'ponte-event-id': event.id,
          'ponte-event-type': event.type,
          'ponte-delivery-attempt': String(attempt),
          'ponte-signature': signature(sub.secret, Math.floor(Date.now() / 1000), body),
        },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(sub.timeoutMs), this.stopping.signal]),
      });
      await res.body.dump();
      const status = res.statusCode;
      if (status >= 200 && status < 300) return { kind: 'delivered' };
      if (status === 408 || status === 429 || status >= 500) {
        const after = retryAfterSeconds(res.headers['retry-after']);
        return { kind: 'retry', reason: `HTTP ${status}`, ...(after ? { waitMs: after * 1000 } : {}) };
      }
      return { kind: 'refused', reason: `HTTP ${status}` };
    } catch (err) {
      // Only the error's kind: a message could carry the URL (and whatever is in its query).
      return { kind: 'retry', reason: (err as { code?: string }).code ?? (err as Error).name ?? 'error' };
    }
  }

  private settle(name: string, seq: number): void {
    this.progress!.settled[name] = seq;
    try {
      this.progress!.save(this.progress!.settled);
    } catch (err) {
      // The event is settled; after a restart it would be sent again (delivery is at least once anyway).
      this.logger.error({ err, subscription: name }, 'event store: could not write the delivery progress');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wait = {
        timer: setTimeout(() => {
          this.waits.delete(wait);
          resolve();
        }, ms),
        done: resolve,
      };
      this.waits.add(wait);
    });
  }
}
