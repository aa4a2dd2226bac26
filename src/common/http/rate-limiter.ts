/**
 * Client-side rate limiting toward a platform that caps calls per minute (OkeyBot: 100 per channel
 * token). A sliding window per key: a call may start only when fewer than `limit` calls started in
 * the last `windowMs`. A call that would have to wait is queued briefly (up to `maxWaitMs`), longer
 * than that it is refused at once with the time after which it would fit, so the gateway answers
 * `429` + `Retry-After` instead of sending a call the platform would refuse.
 *
 * A call counts in the window from the moment it is reserved until it is settled, and from its
 * settle time after that: the platform sees the request somewhere between the two, so counting
 * from the later instant never lets a 101st call reach the platform inside its minute.
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface RateLimiterOptions {
  /** Length of the sliding window (default one minute). */
  windowMs?: number;
  /** Longest a call is queued before it is refused (default 2 s). */
  maxWaitMs?: number;
  clock?: Clock;
}

/** Calls granted together: they may start after `waitMs`; `settle` once they are done. */
export interface Permit {
  readonly count: number;
  readonly waitMs: number;
  /** Marks the first `used` calls as finished now and gives back the rest (default: all used). */
  settle(used?: number): void;
}

export type Reservation =
  | { granted: true; permit: Permit }
  /** `held`: the wait is the platform's own "too many requests" pause (`block`), not the quota. */
  | { granted: false; retryAfterMs: number; impossible: boolean; held?: boolean };

interface Slot {
  /** When the call may start, or when it finished once settled. */
  at: number;
  inFlight: boolean;
}

interface KeyState {
  slots: Slot[];
  /** The platform itself said "too many requests": nothing starts before this. */
  blockedUntil: number;
}

/** Thrown by {@link RateLimiter.acquire} when the calls cannot start within `maxWaitMs`. */
export class RateLimitExceeded extends Error {
  constructor(
    readonly retryAfterMs: number,
    /** More calls were asked at once than the window ever allows. */
    readonly impossible: boolean,
    /** The platform's own "too many requests" pause is what holds the call. */
    readonly held = false,
  ) {
    super(impossible ? 'more calls than the rate limit allows in one window' : `rate limit reached; retry in ${retryAfterMs} ms`);
    this.name = 'RateLimitExceeded';
  }
}

export class RateLimiter {
  readonly windowMs: number;
  readonly maxWaitMs: number;
  private readonly clock: Clock;
  private readonly keys = new Map<string, KeyState>();

  constructor(options: RateLimiterOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.maxWaitMs = options.maxWaitMs ?? 2_000;
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  /**
   * Reserves `count` calls for `key` all at once (a chunked operation gets every slot it needs, or
   * none). Synchronous, so concurrent callers are queued in arrival order.
   */
  reserve(key: string, limit: number, count = 1): Reservation {
    const now = this.clock.now();
    if (count > limit) return { granted: false, retryAfterMs: this.windowMs, impossible: true };
    const state = this.state(key);
    // The window is closed at both ends: a call exactly `windowMs` ago still counts.
    state.slots = state.slots.filter((s) => s.inFlight || s.at + this.windowMs >= now);
    // An unfinished call counts as happening now until it settles.
    const times = state.slots.map((s) => (s.inFlight ? Math.max(s.at, now) : s.at)).sort((a, b) => a - b);
    // Queued calls keep their order: a new one never starts before those already waiting.
    let start = Math.max(now, state.blockedUntil, times.at(-1) ?? now);
    // The window ending at `start` may hold at most `limit - count` earlier calls.
    const excess = times.length + count - limit;
    if (excess > 0) start = Math.max(start, times[excess - 1] + this.windowMs + 1);
    const waitMs = start - now;
    if (waitMs > this.maxWaitMs) return { granted: false, retryAfterMs: waitMs, impossible: false, held: state.blockedUntil >= start };
    const slots: Slot[] = Array.from({ length: count }, () => ({ at: start, inFlight: true }));
    state.slots.push(...slots);
    let settled = false;
    const permit: Permit = {
      count,
      waitMs,
      settle: (used = count) => {
        if (settled) return;
        settled = true;
        const at = this.clock.now();
        slots.forEach((slot, i) => {
          slot.inFlight = false;
          slot.at = i < used ? at : -Infinity;
        });
      },
    };
    return { granted: true, permit };
  }

  /** {@link reserve}, then waits until the calls may start; throws {@link RateLimitExceeded}. */
  async acquire(key: string, limit: number, count = 1): Promise<Permit> {
    const reservation = this.reserve(key, limit, count);
    if (!reservation.granted) throw new RateLimitExceeded(reservation.retryAfterMs, reservation.impossible, reservation.held);
    if (reservation.permit.waitMs > 0) await this.clock.sleep(reservation.permit.waitMs);
    return reservation.permit;
  }

  /** The platform answered "too many requests": hold every new call for `ms`. */
  block(key: string, ms: number): void {
    const state = this.state(key);
    state.blockedUntil = Math.max(state.blockedUntil, this.clock.now() + ms);
  }

  private state(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) {
      state = { slots: [], blockedUntil: 0 };
      this.keys.set(key, state);
    }
    return state;
  }
}
