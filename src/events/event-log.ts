import type { DedupeAgainst } from './events.port';
import type { EventType } from './models/event.enums';
import type { PonteEvent } from './models/event.model';

/** One recorded event with what its dedupe needs: what the event store writes and reads back. */
export interface LogEntry {
  seq: number;
  event: PonteEvent;
  dedupeKey: string | null;
  dedupeScope: string | null;
  against: DedupeAgainst;
}
type Entry = LogEntry;

export interface EventQuery {
  /** Only events after the one with this sequence number. */
  afterSeq: number;
  types?: readonly EventType[];
  /** Only events of these connections (undefined: all). */
  connections?: readonly string[];
  limit: number;
}

/**
 * The last `capacity` events, in arrival order, in memory. Each event gets a sequence number, so
 * a reader can continue after the last event it saw; the oldest events fall off when the log is
 * full. Redeliveries (same dedupe key while the first is still held) are answered with the first
 * event instead of being recorded twice. The latest held event of each scope (e.g. one contact's
 * updates) is remembered; a key matched `against: 'latest'` is compared with that event only, so
 * the same content again is a redelivery and a return to an earlier content is not.
 */
export class EventLog {
  private readonly entries: Entry[] = [];
  private readonly bySeq = new Map<string, number>();
  private readonly byKey = new Map<string, Entry>();
  private readonly latestOfScope = new Map<string, Entry>();
  private nextSeq = 1;

  constructor(readonly capacity: number) {}

  append(
    event: PonteEvent,
    dedupeKey: string | null,
    dedupeScope: string | null = null,
    against: DedupeAgainst = 'held',
  ): { event: PonteEvent; duplicate: false; entry: LogEntry } | { event: PonteEvent; duplicate: true } {
    if (dedupeKey !== null) {
      const seen = against === 'latest' && dedupeScope !== null ? this.latestOfScope.get(dedupeScope) : this.byKey.get(dedupeKey);
      if (seen?.dedupeKey === dedupeKey) return { event: seen.event, duplicate: true };
    }
    const entry: Entry = { seq: this.nextSeq, event, dedupeKey, dedupeScope, against };
    this.add(entry);
    return { event, duplicate: false, entry };
  }

  /**
   * Entries recorded before (the event store's, oldest first), taken as they were: their sequence
   * numbers, and their dedupe keys, so a redelivery after a restart is still recognized.
   */
  restore(entries: readonly LogEntry[]): void {
    for (const entry of entries) {
      if (entry.seq < this.nextSeq) continue;
      // Reading on after a sequence number needs them dense: what came before a gap is let go.
      if (entry.seq !== this.nextSeq) while (this.entries.length) this.evict();
      this.add(entry);
    }
  }

  /** The held entries, oldest first. */
  held(): readonly LogEntry[] {
    return this.entries;
  }

  /** Sequence number of the newest held event (0 when none was ever recorded). */
  newestSeq(): number {
    return this.nextSeq - 1;
  }

  private add(entry: Entry): void {
    this.nextSeq = entry.seq + 1;
    this.entries.push(entry);
    this.bySeq.set(entry.event.id, entry.seq);
    if (entry.dedupeScope !== null) this.latestOfScope.set(entry.dedupeScope, entry);
    const latest = entry.against === 'latest' && entry.dedupeScope !== null;
    if (entry.dedupeKey !== null && !latest) this.byKey.set(entry.dedupeKey, entry);
    while (this.entries.length > this.capacity) this.evict();
  }

  /** Sequence number of a held event; undefined when it was never recorded or has fallen off. */
  seqOf(id: string): number | undefined {
    return this.bySeq.get(id);
  }

  get(id: string): PonteEvent | undefined {
    const seq = this.bySeq.get(id);
    return seq === undefined ? undefined : this.entries[this.indexAfter(seq - 1)]?.event;
  }

  /** Sequence number of the oldest held event (the next one to be recorded when empty). */
  oldestSeq(): number {
    return this.entries[0]?.seq ?? this.nextSeq;
  }

  /** Up to `limit` matching events after `afterSeq`, and whether more match beyond them. */
  query(q: EventQuery): { events: Array<{ seq: number; event: PonteEvent }>; more: boolean } {
    const events: Array<{ seq: number; event: PonteEvent }> = [];
    for (let i = this.indexAfter(q.afterSeq); i < this.entries.length; i++) {
      const { seq, event } = this.entries[i];
      if (q.types && !q.types.includes(event.type)) continue;
      if (q.connections && !q.connections.includes(event.connectionId)) continue;
      if (events.length === q.limit) return { events, more: true };
      events.push({ seq, event });
    }
    return { events, more: false };
  }

  /** Index of the first entry with a sequence number above `seq` (sequence numbers are dense). */
  private indexAfter(seq: number): number {
    const first = this.entries[0]?.seq ?? this.nextSeq;
    return Math.max(0, seq + 1 - first);
  }

  private evict(): void {
    const gone = this.entries.shift();
    if (!gone) return;
    this.bySeq.delete(gone.event.id);
    if (gone.dedupeKey !== null && this.byKey.get(gone.dedupeKey) === gone) this.byKey.delete(gone.dedupeKey);
    if (gone.dedupeScope !== null && this.latestOfScope.get(gone.dedupeScope) === gone) this.latestOfScope.delete(gone.dedupeScope);
  }
}
