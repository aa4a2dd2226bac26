import { retryAfterSeconds } from '../../src/common/http/retry-after';

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-11-21T23:53:12Z');

  it('reads delta-seconds', () => {
    expect(retryAfterSeconds('17', now)).toBe(17);
    expect(retryAfterSeconds([' 120 ', '5'], now)).toBe(120);
  });

  it('reads an HTTP-date (RFC 9110 allows both forms): seconds from now, rounded up', () => {
    // The delivery retried after ~100 ms against "Retry-After: Sat, 21 Nov 2026 23:53:29 GMT".
    expect(retryAfterSeconds('Sat, 21 Nov 2026 23:53:29 GMT', now)).toBe(17);
    expect(retryAfterSeconds('Sat, 21 Nov 2026 23:53:29 GMT', now + 500)).toBe(17);
    expect(retryAfterSeconds('Saturday, 21-Nov-26 23:53:29 GMT', now)).toBe(17); // RFC 850, obsolete but allowed
  });

  it('caps the wait at an hour: one answer must not hold a connection for days (a huge value held it until restart)', () => {
    expect(retryAfterSeconds('1000000000000000000000000', now)).toBe(3600);
    expect(retryAfterSeconds('Fri, 21 Nov 2036 23:53:29 GMT', now)).toBe(3600);
  });

  it.each([undefined, '', '0', '-5', '1.5', 'soon', 'Sat, 21 Nov 2026 23:53:00 GMT', '2026-11-21T23:59:00Z'])('ignores %p', (value) => {
    expect(retryAfterSeconds(value, now)).toBeUndefined();
  });
});
