/** Input rules shared by the DTOs and the platform mappers (plain values, no framework import). */

/** Money in: a non-negative decimal string with up to two decimals ("407", "407.5", "407.00"). */
export const MONEY_PATTERN = /^\d{1,13}(\.\d{1,2})?$/;
export const MONEY_MESSAGE = 'must be a decimal amount with a dot and up to two decimals, e.g. "120.00"';

/**
 * Process fields `null` may clear on update (sent as Maxbot's empty value ""). The others identify
 * or place the process (type, stage, title, contact, responsible, opening date, flags) and cannot
 * be blanked.
 */
export const CLEARABLE_PROCESS_FIELDS = [
  'protocolNumber',
  'externalId1',
  'externalId2',
  'value',
  'description',
  'deliveryDate',
  'closingDate',
  'observation',
  'archivedDate',
] as const;
