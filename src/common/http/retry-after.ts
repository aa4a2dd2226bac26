/** An HTTP-date (RFC 9110 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`, and the obsolete forms Date.parse reads). */
const HTTP_DATE = /^[A-Za-z]{3,9},? /;

/** The longest wait a `Retry-After` can impose: one answer of the platform must not hold a connection for days. */
export const MAX_RETRY_AFTER_SECONDS = 3600;

/**
 * A `Retry-After` header in whole seconds from `now`: the delta-seconds form platforms mostly send
 * (`120`), or an HTTP-date (RFC 9110 allows both), rounded up, at most `MAX_RETRY_AFTER_SECONDS`.
 * Undefined when absent, unusable or not in the future.
 */
export function retryAfterSeconds(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined || value === '') return undefined;
  let seconds: number;
  if (/^\d+$/.test(value)) {
    seconds = Number(value);
  } else {
    const at = HTTP_DATE.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(at)) return undefined;
    seconds = Math.ceil((at - now) / 1000);
  }
  return seconds > 0 ? Math.min(seconds, MAX_RETRY_AFTER_SECONDS) : undefined;
}
