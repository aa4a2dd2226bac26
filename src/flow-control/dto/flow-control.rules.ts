/** Input rules shared by the DTOs and the platform mappers (plain values, no framework import). */

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
