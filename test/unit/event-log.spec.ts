/** The in-memory event log behind GET /v1/events: order, eviction, dedupe, filters. */
import { EventLog } from '../../src/events/event-log';
import { EventType } from '../../src/events/models/event.enums';
import type { PonteEvent } from '../../src/events/models/event.model';

function event(id: string, type = EventType.CONTACT_UPDATED, connectionId = 'maxbot'): PonteEvent {
  return {
    id,
    type,
    connectionId,
    platform: 'maxbot',
    receivedAt: '2026-01-01T00:00:00.000Z',
    occurredAt: null,
    message: null,
    contact: null,
    charge: null,
  };
}

const ids = (r: { events: Array<{ event: PonteEvent }> }) => r.events.map((e) => e.event.id);

describe('EventLog', () => {
  it('keeps events in arrival order and reads on after a sequence number', () => {
    const log = new EventLog(10);
    for (const id of ['a', 'b', 'c', 'd']) log.append(event(id), null);
    expect(ids(log.query({ afterSeq: 0, limit: 10 }))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(log.query({ afterSeq: log.seqOf('b')!, limit: 10 }))).toEqual(['c', 'd']);
    expect(log.query({ afterSeq: 0, limit: 2 })).toMatchObject({ more: true });
    expect(log.query({ afterSeq: 2, limit: 2 })).toMatchObject({ more: false });
    expect(log.get('c')?.id).toBe('c');
  });

  it('drops the oldest events past its capacity, and forgets their ids', () => {
    const log = new EventLog(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) log.append(event(id), `k-${id}`);
    expect(ids(log.query({ afterSeq: 0, limit: 10 }))).toEqual(['c', 'd', 'e']);
    expect(log.seqOf('a')).toBeUndefined();
    expect(log.get('b')).toBeUndefined();
    expect(log.oldestSeq()).toBe(3);
    // The dedupe key of a dropped event no longer matches: a late redelivery is recorded anew.
    expect(log.append(event('a2'), 'k-a').duplicate).toBe(false);
  });

  it('answers a redelivery (same key) with the first event', () => {
    const log = new EventLog(10);
    const first = log.append(event('a'), 'message:inbox:1');
    const again = log.append(event('b'), 'message:inbox:1');
    expect(first).toEqual({ event: expect.objectContaining({ id: 'a' }), duplicate: false, entry: expect.objectContaining({ seq: 1 }) });
    expect(again).toEqual({ event: expect.objectContaining({ id: 'a' }), duplicate: true });
    expect(log.append(event('c'), null).duplicate).toBe(false);
    expect(log.append(event('d'), null).duplicate).toBe(false);
    expect(ids(log.query({ afterSeq: 0, limit: 10 }))).toEqual(['a', 'c', 'd']);
  });

  it("compares a key matched against 'latest' with the latest event of its scope only", () => {
    const log = new EventLog(10);
    const first = log.append(event('a'), 'state-A', 'contact:1', 'latest');
    expect(log.append(event('a-again'), 'state-A', 'contact:1', 'latest')).toEqual({ event: first.event, duplicate: true });
    // Another scope, and an unscoped key, never match it.
    expect(log.append(event('other-contact'), 'state-A', 'contact:2', 'latest').duplicate).toBe(false);
    expect(log.append(event('unscoped'), 'state-A').duplicate).toBe(false);
    expect(log.append(event('b'), 'state-B', 'contact:1', 'latest').duplicate).toBe(false);
    // Back to A after B: a change, recorded; then A again is the latest, so a redelivery.
    expect(log.append(event('a-back'), 'state-A', 'contact:1', 'latest').duplicate).toBe(false);
    expect(log.append(event('a-back-again'), 'state-A', 'contact:1', 'latest')).toEqual({
      event: expect.objectContaining({ id: 'a-back' }),
      duplicate: true,
    });
    expect(ids(log.query({ afterSeq: 0, limit: 10 }))).toEqual(['a', 'other-contact', 'unscoped', 'b', 'a-back']);
  });

  it('counts an event matched against held keys as the latest of its scope too', () => {
    const log = new EventLog(10);
    log.append(event('a'), 'state-A', 'contact:1', 'latest');
    // A timed update: matched against every held key, and now the contact's latest.
    expect(log.append(event('t'), 'time-1', 'contact:1').duplicate).toBe(false);
    expect(log.append(event('t-again'), 'time-1', 'contact:1')).toEqual({ event: expect.objectContaining({ id: 't' }), duplicate: true });
    // Back to A after the timed update: a change.
    expect(log.append(event('a-back'), 'state-A', 'contact:1', 'latest').duplicate).toBe(false);
    // The timed key is still held: a late redelivery of it is still a duplicate.
    expect(log.append(event('t-late'), 'time-1', 'contact:1').duplicate).toBe(true);
    expect(ids(log.query({ afterSeq: 0, limit: 10 }))).toEqual(['a', 't', 'a-back']);
  });

  it('forgets the latest event of a scope when it falls off', () => {
    const log = new EventLog(2);
    log.append(event('a'), 'state-A', 'contact:1', 'latest');
    log.append(event('x'), null);
    log.append(event('y'), null);
    expect(log.append(event('a2'), 'state-A', 'contact:1', 'latest').duplicate).toBe(false);
  });

  it('filters by type and connection, and counts `limit` on matches only', () => {
    const log = new EventLog(10);
    log.append(event('a', EventType.MESSAGE_RECEIVED), null);
    log.append(event('b', EventType.CONTACT_CREATED, 'other'), null);
    log.append(event('c', EventType.MESSAGE_RECEIVED, 'other'), null);
    log.append(event('d', EventType.MESSAGE_RECEIVED), null);
    expect(ids(log.query({ afterSeq: 0, limit: 10, types: [EventType.MESSAGE_RECEIVED] }))).toEqual(['a', 'c', 'd']);
    expect(ids(log.query({ afterSeq: 0, limit: 10, connections: ['other'] }))).toEqual(['b', 'c']);
    expect(log.query({ afterSeq: 0, limit: 1, connections: ['other'], types: [EventType.MESSAGE_RECEIVED] })).toMatchObject({
      more: false,
    });
  });

  it('restores stored entries as they were: sequence numbers, order and both kinds of dedupe', () => {
    const original = new EventLog(10);
    original.append(event('a'), 'msg-1');
    original.append(event('b'), 'state-A', 'contact:1', 'latest');
    original.append(event('c'), null);
    const restored = new EventLog(10);
    restored.restore(JSON.parse(JSON.stringify(original.held())));
    expect(ids(restored.query({ afterSeq: 0, limit: 10 }))).toEqual(['a', 'b', 'c']);
    expect(restored.seqOf('c')).toBe(original.seqOf('c'));
    expect(restored.newestSeq()).toBe(3);
    expect(restored.append(event('a-again'), 'msg-1')).toMatchObject({ duplicate: true, event: { id: 'a' } });
    expect(restored.append(event('b-again'), 'state-A', 'contact:1', 'latest').duplicate).toBe(true);
    expect(restored.append(event('d'), null)).toMatchObject({ duplicate: false, entry: { seq: 4 } });
  });

  it('restores at most its capacity, and lets go of what comes before a gap in the sequence numbers', () => {
    const source = new EventLog(10);
    for (const id of ['a', 'b', 'c', 'd', 'e']) source.append(event(id), null);
    const entries = source.held();
    const small = new EventLog(2);
    small.restore(entries);
    expect(ids(small.query({ afterSeq: 0, limit: 10 }))).toEqual(['d', 'e']);
    const gapped = new EventLog(10);
    gapped.restore([entries[0], entries[1], entries[3], entries[4], entries[2]]);
    // c (seq 3) is missing between b and d: a reader after b could not tell; c arriving late is older than d.
    expect(ids(gapped.query({ afterSeq: 0, limit: 10 }))).toEqual(['d', 'e']);
    expect(gapped.seqOf('b')).toBeUndefined();
    expect(gapped.oldestSeq()).toBe(4);
  });
});
