import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

const DEFAULT_COUNTRY: CountryCode = 'BR';

/** Brazilian numbers already in international digits (55 + area code + 8 or 9 digits): the common case. */
const BR_INTERNATIONAL = /^55[1-9][1-9]\d{8,9}$/;

/** Parsed inputs, bounded: the same few numbers arrive again and again (filters, recipients). */
const parsed = new Map<string, string | null>();
const PARSED_MAX = 10_000;

function asCountry(country: string | null | undefined): CountryCode {
  return country && /^[A-Z]{2}$/.test(country) ? (country as CountryCode) : DEFAULT_COUNTRY;
}

/**
 * Parses a phone number written in any common form — `+55 (31) 91111-2222`, `5531911112222`,
 * `(31) 91111-2222` — into E.164 (`+5531911112222`). Returns null when it is not a valid number.
 * Digits without `+` are read first as a national number of `country` (default BR), then as an
 * international number, since platforms store both forms.
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
  const national = parsePhoneNumberFromString(trimmed, region);
  if (national?.isValid()) return national.number;
  const international = parsePhoneNumberFromString(`+${trimmed.replace(/\D/g, '')}`);
  return international?.isValid() ? international.number : null;
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
  const international = parsePhoneNumberFromString(`+${digits}`);
  if (international?.isValid()) return international.number;
  const national = parsePhoneNumberFromString(digits, asCountry(country));
  if (national?.isValid()) return national.number;
  return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : raw;
}
