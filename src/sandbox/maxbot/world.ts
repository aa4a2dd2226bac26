import { instantToWire } from '../../common/normalize/dates';
import { text } from '../../common/normalize/values';

/** Field values as Maxbot stores them: strings ("" for empty), some numbers, some arrays. */
export type WireRecord = Record<string, unknown>;

/** A command handler: the request body (token already checked) and the world; returns the reply. */
export type MaxbotHandler = (body: WireRecord, world: MaxbotWorld) => WireRecord;

export const ok = (extra: WireRecord = {}): WireRecord => ({ status: 1, msg: 'Success', ...extra });
export const fail = (msg: string): WireRecord => ({ status: 0, msg });

/** Reads a body field as Maxbot would: trimmed string, "" when absent. */
export function str(body: WireRecord, key: string): string {
  return text(body[key]).trim();
}

/**
 * The simulated Maxbot account: one mutable object shared by all command handlers. Each module's
 * simulator file owns its slice and seeds it from the maxbot.txt examples.
 */
export class MaxbotWorld {
  /** Channels of the account, as get_channel shows them (token → info). */
  channels: Array<{ token: string; title: string; info: Record<string, string> }> = [
    { token: '202304B53BF66DB8C0-364F9B-15CBAD', title: 'WhatsApp Web', info: { whatsapp: '553182096315' } },
    { token: '2023047C66A1138D57-D7096D-DC39B4', title: 'Telegram', info: { user: 'usuario01_maxbot' } },
    { token: '202304FE471FF7A477-5FA8BA-E72F90', title: 'Facebook', info: { pages: 'page1, page2, page3' } },
  ];
  contacts: WireRecord[] = [];
  segmentations: Array<{ id: number; type: string; title: string }> = [];
  /** Per-module extension point: other slices live here under their module name. */
  readonly slices = new Map<string, unknown>();
  private nextIds = new Map<string, number>();

  constructor(readonly timezone: string) {}

  /** Account wall-clock time, Maxbot's `YYYY-MM-DD HH:MM:SS`. */
  now(): string {
    return instantToWire(new Date(), this.timezone);
  }

  /** Next id of a kind, starting at `first` (doc examples use ids like 1234). */
  nextId(kind: string, first: number): number {
    const id = this.nextIds.get(kind) ?? first;
    this.nextIds.set(kind, id + 1);
    return id;
  }

  /**
   * Webhook payloads the last `cmd` caused (a contact created or updated, a charge's notification
   * state changed); the simulator delivers them once the cmd is answered.
   */
  readonly outbox: WireRecord[] = [];

  emit(payload: WireRecord): void {
    this.outbox.push(payload);
  }

  slice<T>(name: string, seed: () => T): T {
    if (!this.slices.has(name)) this.slices.set(name, seed());
    return this.slices.get(name) as T;
  }
}
