/**
 * Date conversions between the platforms' local wall-clock strings and ISO 8601.
 * Platforms store datetimes as `YYYY-MM-DD HH:MM:SS` in the account's timezone with no offset;
 * Ponte returns them with the connection's UTC offset (`2020-06-08T08:07:16-03:00`).
 * Maxbot writes "never" as `0000-00-00 00:00:00` and "unknown" as `""`: both become null.
 */

export const DEFAULT_TIMEZONE = 'America/Sao_Paulo';

const formatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of `tz` from UTC, in minutes, at the instant `utcMs`. */
function offsetAt(tz: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/** Per timezone: offset in minutes by local hour, keyed `((y * 100 + mo) * 100 + d) * 100 + h`. */
const offsetCache = new Map<string, Map<number, number>>();

/** Offset in minutes of a local wall-clock time in `tz` (cached per local hour). */
function offsetForLocal(tz: string, y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  let byHour = offsetCache.get(tz);
  if (!byHour) offsetCache.set(tz, (byHour = new Map<number, number>()));
  const key = ((y * 100 + mo) * 100 + d) * 100 + h;
  const cached = byHour.get(key);
  if (cached !== undefined) return cached;
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  let offset = offsetAt(tz, guess);
  const second = offsetAt(tz, guess - offset * 60000);
  if (second !== offset) offset = second;
  if (byHour.size > 50_000) byHour.clear();
  byHour.set(key, offset);
  return offset;
}

/** Two-digit fields (months, days, hours, minutes, seconds) from a table: no number formatting per date. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

const pad = (n: number) => TWO_DIGITS[n] ?? String(n).padStart(2, '0');
const padYear = (y: number) => (y >= 1000 && y <= 9999 ? String(y) : String(y).padStart(4, '0'));

const offsetTexts = new Map<number, string>();

/** `-180` → `-03:00`, each offset written once (a timezone has a handful). */
function formatOffset(minutes: number): string {
  let text = offsetTexts.get(minutes);
  if (text === undefined) {
    const abs = Math.abs(minutes);
    text = `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    offsetTexts.set(minutes, text);
  }
  return text;
}

function isZeroDate(s: string): boolean {
  return s.startsWith('0000-00-00');
}

/** Local wall-clock parts + timezone → ISO 8601 with offset. */
export function localPartsToIso(tz: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string {
  const offset = offsetForLocal(tz, y, mo, d, h, mi, s);
  return `${padYear(y)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${formatOffset(offset)}`;
}

const WIRE_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const WIRE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2020-06-08 08:07:16` (local to `tz`) → `2020-06-08T08:07:16-03:00`; blank/zero → null. */
export function wireDateTimeToIso(value: unknown, tz: string): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '' || isZeroDate(s)) return null;
  const m = WIRE_DATETIME.exec(s);
  if (m) return localPartsToIso(tz, +m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0);
  const date = WIRE_DATE.exec(s);
  if (date) return localPartsToIso(tz, +date[1], +date[2], +date[3]);
  return brDateTimeToIso(s, tz);
}

/** `1974-10-22` → `1974-10-22`; blank or `0000-00-00` → null. */
export function wireDateToIso(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '' || isZeroDate(s)) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s);
  return m ? m[1] : null;
}

const BR_DATETIME = /^(\d{2})\/(\d{2})\/(\d{2}|\d{4})(?:\s+(\d{2})[h:](\d{2}))?$/;

/**
 * Brazilian day-first forms seen in Maxbot replies: `16/10/21 09h50`, `16/10/2021 09:50`,
 * `16/10/2021`. Two-digit years are 20xx. Anything else → null.
 */
export function brDateTimeToIso(value: unknown, tz: string): string | null {
  if (typeof value !== 'string') return null;
  const m = BR_DATETIME.exec(value.trim());
  if (!m) return null;
  const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  if (m[4] === undefined) return `${year}-${m[2]}-${m[1]}`;
  return localPartsToIso(tz, year, +m[2], +m[1], +m[4], +m[5], 0);
}

/** An instant → `YYYY-MM-DD HH:MM:SS` wall-clock time in `tz` (the platforms' write form). */
export function instantToWire(instant: Date, tz: string): string {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(instant)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** ISO 8601 datetime with an explicit offset or `Z` (what Ponte accepts for instants). */
export const ISO_DATETIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * True for an ISO 8601 datetime with offset naming a real moment: a real calendar day, hours 00–23,
 * minutes and seconds 00–59, an offset within ±23:59. `Date.parse` alone rolls `2030-02-30` over to
 * March 2 and `T24:00` to the next day, so a scheduled send would go out on another day.
 */
export function isRealDateTime(value: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!m || !ISO_DATETIME_WITH_OFFSET.test(value) || !isRealDate(m[1])) return false;
  const [hours, minutes, seconds, offsetHours, offsetMinutes] = [m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  return hours <= 23 && minutes <= 59 && seconds <= 59 && offsetHours <= 23 && offsetMinutes <= 59 && !Number.isNaN(Date.parse(value));
}

/** True when `YYYY-MM-DD` names a real calendar day. */
export function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * An instant → ISO 8601 in `tz` with its offset at that instant (`2019-12-06T04:49:02-03:00`;
 * with `milliseconds`, `2019-12-06T04:49:02.153-03:00`, for the gateway's own timestamps).
 */
export function instantToIso(instant: Date, tz: string, milliseconds = false): string {
  const ms = instant.getTime();
  const offset = offsetAt(tz, ms);
  const local = new Date((milliseconds ? ms : Math.floor(ms / 1000) * 1000) + offset * 60000);
  return `${local.toISOString().slice(0, milliseconds ? 23 : 19)}${formatOffset(offset)}`;
}
