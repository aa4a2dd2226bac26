/** An HTTP-date (RFC 9110 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`, and the obsolete forms Date.parse reads). */
const HTTP_DATE = /^[A-Za-z]{3,9},? /;

/**
 * A `Retry-After` header in whole seconds from `now`: the delta-seconds form platforms mostly send
 * (`120`), or an HTTP-date (RFC 9110 allows both), rounded up. Undefined when absent, unusable or
 * not in the future.
 */
export function retryAfterSeconds(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) > 0 ? Number(value) : undefined;
  if (!HTTP_DATE.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at) || at <= now) return undefined;
  return Math.ceil((at - now) / 1000);
}
