/** Small total functions for the value forms platforms use on the wire. */

/** A wire scalar as text: strings as they are, numbers and booleans printed, anything else "". */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return '';
}

/** `""`, `null`, `undefined` → null; a number or string → its string form. */
export function blankToNull(value: unknown): string | null {
  const s = text(value);
  return s.trim() === '' ? null : s;
}

/** Ids arrive as numbers or strings; Ponte ids are always strings. */
export function idString(value: unknown): string | null {
  return blankToNull(value);
}

/** `"1"`/`1`/`true` → true, `"0"`/`0`/`false` → false, anything blank → null. */
export function flag(value: unknown): boolean | null {
  if (value === null || value === undefined || value === '') return null;
  if (value === true || value === 1 || value === '1') return true;
  if (value === false || value === 0 || value === '0') return false;
  return null;
}

/** boolean → the `"1"`/`"0"` form. */
export function flagToWire(value: boolean): '1' | '0' {
  return value ? '1' : '0';
}

/** Integer in a string (`"46"`) → number; blank or not an integer → null. */
export function intOrNull(value: unknown): number | null {
  const s = blankToNull(value);
  if (s === null || !/^-?\d+$/.test(s.trim())) return null;
  return Number(s);
}
