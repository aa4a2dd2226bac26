import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

const DEFAULT_COUNTRY: CountryCode = 'BR';

/** Brazilian numbers already in international digits (55 + area code + 8 or 9 digits): the common case. */
const BR_INTERNATIONAL = /^55[1-9][1-9]\d{8,9}$/;

/**
 * A Brazilian number written nationally: a real area code (DDD) + an 8-digit landline (2–5…) or a
 * 9-digit mobile (9…). maxbot.txt stores numbers this way too (`"phone": "3132324455"`). Such digits
 * are Brazilian even when their first two also spell a calling code (31 is the Netherlands', 41
 * Switzerland's), and a number of another country written without `+` never has this form when its
 * national part starts as these do not (US numbers: 1 + an area code whose middle digit is never 9).
 */
const BR_NATIONAL = /^(?:1[1-9]|2[12478]|3[1-578]|4[1-9]|5[1345]|6[1-9]|7[13-579]|8[1-9]|9[1-9])(?:[2-5]\d{7}|9\d{8})$/;

/** Parsed inputs, bounded: the same few numbers arrive again and again (filters, recipients). */
const parsed = new Map<string, string | null>();
const PARSED_MAX = 10_000;

function asCountry(country: string | null | undefined): CountryCode {
  return country && /^[A-Z]{2}$/.test(country) ? (country as CountryCode) : DEFAULT_COUNTRY;
}

/**
 * Parses a phone number written in any common form — `+55 (31) 91111-2222`, `5531911112222`,
 * `(31) 91111-2222` — into E.164 (`+5531911112222`). Returns null when it is not a valid number.
 * Digits without `+` are read as `digitsToE164` says, in the context of `country` (default BR).
 */
export function parsePhone(input: string, country?: string | null): string | null {
  const key = `${country ?? ''}|${input}`;
  const hit = parsed.get(key);
  if (hit !== undefined) return hit;
  const result = parsePhoneUncached(input, country);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(key, result);
  return result;
}

function parsePhoneUncached(input: string, country?: string | null): string | null {
  const trimmed = input.trim();
  if (!/^[+\d\s().-]+$/.test(trimmed)) return null;
  const region = asCountry(country);
  if (trimmed.startsWith('+')) {
    const parsed = parsePhoneNumberFromString(trimmed);
    return parsed?.isValid() ? parsed.number : null;
  }
  return digitsToE164(trimmed.replace(/\D/g, ''), region);
}

/**
 * Digits written without `+`, in `region`'s context (a record's country, BR by default):
 * 1. Brazilian: digits in the Brazilian national form (`BR_NATIONAL`) are Brazilian;
 * 2. another country: its national reading first (a Portuguese record's `912345678`);
 * 3. then international digits (WhatsApp ids are: `14155552671` is a US number, not a Brazilian one
 *    with an impossible subscriber part);
 * 4. then the national reading (a trunk prefix `031…`, toll-free `0800…`).
 */
function digitsToE164(digits: string, region: CountryCode): string | null {
  if (region === 'BR' && BR_NATIONAL.test(digits)) return `+55${digits}`;
  const national = parsePhoneNumberFromString(digits, region);
  if (region !== 'BR' && national?.isValid()) return national.number;
  const international = parsePhoneNumberFromString(`+${digits}`);
  if (international?.isValid()) return international.number;
  return national?.isValid() ? national.number : null;
}

/** E.164 → the digits-only form the platforms want on the wire (`5531911112222`). */
export function e164ToDigits(e164: string): string {
  return e164.replace(/\D/g, '');
}

/**
 * A phone as stored by a platform (`5531911112222`, or `3132324455` without country code) →
 * E.164. Empty → null. A number that cannot be made sense of is returned as `+digits` when it
 * has a plausible length, so data is never silently dropped.
 */
export function wirePhoneToE164(raw: string | number | null | undefined, country?: string | null): string | null {
  if (raw === null || raw === undefined) return null;
  const digits = String(raw).replace(/\D/g, '');
  if (digits.length === 0) return null;
  if (BR_INTERNATIONAL.test(digits)) return `+${digits}`;
  const key = `w|${country ?? ''}|${String(raw)}`;
  const hit = parsed.get(key);
  if (hit !== undefined) return hit;
  const result = wirePhoneUncached(String(raw), digits, country);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(key, result);
  return result;
}

function wirePhoneUncached(raw: string, digits: string, country?: string | null): string | null {
  return digitsToE164(digits, asCountry(country)) ?? (digits.length >= 8 && digits.length <= 15 ? `+${digits}` : raw);
}
