/**
 * Money is a decimal string with two decimals ("120.00"), never a float.
 * Input: a dot and at most two decimals ("120", "120.5", "120.00"); a comma is refused rather than
 * guessed at (in Brazil it is the decimal separator, elsewhere the thousands separator).
 */
export const MONEY_INPUT = /^\d{1,13}(\.\d{1,2})?$/;
export const MONEY_INPUT_MESSAGE = 'must be a decimal string with a dot and at most two decimals, e.g. "120.00"';

/** A validated input amount ("120", "0120.5") → two decimals ("120.00", "120.50"). */
export function normalizeMoney(value: string): string {
  const [units, cents = ''] = value.trim().split('.');
  return `${units.replace(/^0+(?=\d)/, '')}.${cents.padEnd(2, '0')}`;
}

/**
 * Platform money → "120.00". Accepts "120.00", "120", 120, and the Brazilian "1.234,56"/"120,00"
 * forms a value typed into a platform panel may carry. Blank or not a number → null.
 */
export function moneyFromWire(value: unknown): string | null {
  const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (raw === '') return null;
  let s = raw;
  // The Brazilian form needs its decimal comma: "1.500" alone is read in the documented dot form.
  if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(s) || /^-?\d+,\d+$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const [, sign, units, cents = ''] = m;
  if (cents.length > 2) return Number(s).toFixed(2);
  return `${sign}${units.replace(/^0+(?=\d)/, '')}.${cents.padEnd(2, '0')}`;
}
