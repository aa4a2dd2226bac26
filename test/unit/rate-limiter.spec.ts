/** The client-side sliding-window limiter, driven by an injected clock (no real time involved). */
import { RateLimiter, RateLimitExceeded, type Clock, type Permit } from '../../src/common/http/rate-limiter';

class FakeClock implements Clock {
  constructor(public t = 0) {}
  now(): number {
    return this.t;
  }
  sleep(ms: number): Promise<void> {
    this.t += ms;
    return Promise.resolve();
  }
}

function setup(options: { maxWaitMs?: number } = {}) {
  const clock = new FakeClock();
  const limiter = new RateLimiter({ windowMs: 60_000, maxWaitMs: options.maxWaitMs ?? 2_000, clock });
  return { clock, limiter };
}

function grant(limiter: RateLimiter, key: string, limit: number, count = 1): Permit {
  const r = limiter.reserve(key, limit, count);
  if (!r.granted) throw new Error(`expected a grant, got retry in ${r.retryAfterMs} ms`);
  return r.permit;
}

/** `n` single calls made and finished at the current instant. */
function spend(limiter: RateLimiter, key: string, limit: number, n: number): void {
  for (let i = 0; i < n; i++) grant(limiter, key, limit).settle();
}

describe('RateLimiter', () => {
  it('grants up to the limit at once, then refuses with the time until a slot frees', () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 100; i++) {
      const permit = grant(limiter, 'c', 100);
      expect(permit.waitMs).toBe(0);
      permit.settle();
    }
    clock.t = 10_000;
    const refused = limiter.reserve('c', 100);
    expect(refused).toEqual({ granted: false, retryAfterMs: 50_001, impossible: false, held: false });
  });

  it('queues a call briefly when a slot frees within maxWaitMs', async () => {
    const { clock, limiter } = setup();
    spend(limiter, 'c', 100, 100);
    clock.t = 58_500;
    const permit = await limiter.acquire('c', 100);
    expect(permit.waitMs).toBe(1_501);
    expect(clock.t).toBe(60_001);
  });

  it('refuses at once (RateLimitExceeded) when the wait would be longer than maxWaitMs', async () => {
    const { clock, limiter } = setup();
    spend(limiter, 'c', 100, 100);
    clock.t = 57_000;
    const failure = await limiter.acquire('c', 100).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RateLimitExceeded);
    expect(failure).toMatchObject({ retryAfterMs: 3_001, impossible: false });
    expect(clock.t).toBe(57_000);
  });

  it('queued calls keep their arrival order', () => {
    const { clock, limiter } = setup();
    spend(limiter, 'c', 2, 2);
    clock.t = 59_000;
    const first = grant(limiter, 'c', 2);
    const second = grant(limiter, 'c', 2);
    expect(first.waitMs).toBe(1_001);
    expect(second.waitMs).toBe(1_001);
    expect(limiter.reserve('c', 2).granted).toBe(false);
  });

  it('an unfinished call keeps counting until it settles, then from its settle time', () => {
    const { clock, limiter } = setup();
    const slow = grant(limiter, 'c', 1);
    clock.t = 90_000;
    expect(limiter.reserve('c', 1)).toMatchObject({ granted: false, retryAfterMs: 60_001 });
    slow.settle();
    clock.t = 147_000;
    expect(limiter.reserve('c', 1)).toMatchObject({ granted: false, retryAfterMs: 3_001 });
    clock.t = 150_001;
    expect(grant(limiter, 'c', 1).waitMs).toBe(0);
  });

  it('reserves a batch all or nothing', () => {
    const { limiter } = setup();
    spend(limiter, 'c', 5, 4);
    expect(limiter.reserve('c', 5, 2).granted).toBe(false);
    // Nothing was taken by the refused batch: the one remaining slot is still free.
    expect(grant(limiter, 'c', 5, 1).count).toBe(1);
    expect(limiter.reserve('c', 5, 1).granted).toBe(false);
  });

  it('a batch larger than the limit can never fit', () => {
    const { limiter } = setup();
    expect(limiter.reserve('c', 3, 4)).toEqual({ granted: false, retryAfterMs: 60_000, impossible: true });
  });

  it('settle(used) gives back the slots of calls that were not sent', () => {
    const { limiter } = setup();
    const batch = grant(limiter, 'c', 5, 5);
    batch.settle(2);
    spend(limiter, 'c', 5, 3);
    expect(limiter.reserve('c', 5).granted).toBe(false);
  });

  it("the platform's own 429 holds new calls for its Retry-After", () => {
    const { clock, limiter } = setup({ maxWaitMs: 2_000 });
    limiter.block('c', 30_000);
    expect(limiter.reserve('c', 100)).toMatchObject({ granted: false, retryAfterMs: 30_000, held: true });
    clock.t = 29_000;
    expect(grant(limiter, 'c', 100).waitMs).toBe(1_000);
  });

  it('keeps connections apart', () => {
    const { limiter } = setup();
    spend(limiter, 'a', 1, 1);
    expect(limiter.reserve('a', 1).granted).toBe(false);
    expect(grant(limiter, 'b', 1).waitMs).toBe(0);
  });
});
