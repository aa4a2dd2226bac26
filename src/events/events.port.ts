import type { EventType } from './models/event.enums';
import type { PonteEvent } from './models/event.model';

/** What an adapter makes of one webhook payload: the event without what the gateway stamps on it. */
export interface InboundEvent extends Omit<PonteEvent, 'id' | 'connectionId' | 'platform' | 'receivedAt'> {
  type: EventType;
  /**
   * Identifies a redelivery of the same thing (e.g. `message:<msg_id>`): a second payload with the
   * same key is acknowledged without recording a second event. Absent when nothing identifies it.
   */
  dedupeKey: string | null;
  /** The series the event belongs to (e.g. one contact's updates): the log remembers the latest of each. */
  dedupeScope?: string;
  /**
   * `latest`: `dedupeKey` is compared only with the latest event of `dedupeScope`, not with every
   * held event — for payloads only their content identifies, where a return to an earlier content
   * is a new event. Default `held`.
   */
  dedupeAgainst?: DedupeAgainst;
}

export type DedupeAgainst = 'held' | 'latest';

/**
 * Inbound webhooks. Optional like every port method: only platforms whose documentation describes
 * outgoing webhooks implement it (Maxbot). The method is pure: it validates and normalizes one
 * payload and throws a `validation_failed` PonteError for anything it does not recognize.
 */
export interface EventsPort {
  receiveWebhook?(payload: unknown): InboundEvent;
}

export const EVENTS_OPERATIONS = ['receiveWebhook'] as const satisfies readonly (keyof EventsPort)[];
