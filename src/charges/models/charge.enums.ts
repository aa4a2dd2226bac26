/** Plain enums (no framework import) so pure mappers can use them; GraphQL registration is in charge.graphql-enums.ts. */

/** Where a charge came from. maxbot.txt shows "Manual", "M" (get_charge) and "API" (the charge webhook). */
export enum ChargeOrigin {
  MANUAL = 'MANUAL',
  API = 'API',
}

/** Maxbot `ind_pg`: `0` open, `1` paid, `2` cancelled (the documented payment and cancellation updates send 1 and 2). */
export enum ChargeStatus {
  OPEN = 'OPEN',
  PAID = 'PAID',
  CANCELLED = 'CANCELLED',
}

/** The seven notification tracks of a Maxbot charge (`msg_charge_1` … `msg_nf`). */
export enum ChargeMessageTrack {
  FIRST_CHARGE = 'FIRST_CHARGE',
  SECOND_CHARGE = 'SECOND_CHARGE',
  FIRST_ALERT = 'FIRST_ALERT',
  SECOND_ALERT = 'SECOND_ALERT',
  PAYMENT_CONFIRMATION = 'PAYMENT_CONFIRMATION',
  CANCELLATION_NOTICE = 'CANCELLATION_NOTICE',
  INVOICE_DELIVERY = 'INVOICE_DELIVERY',
}

/**
 * Status of one notification. maxbot.txt shows only the codes `1`, `2`, `3`, `5` and never names
 * them; the names are Ponte's reading of the examples (see charge.graphql-enums.ts). Any other code
 * is UNKNOWN, and the raw code is always returned alongside.
 */
export enum ChargeMessageStatus {
  SCHEDULED = 'SCHEDULED',
  WAITING = 'WAITING',
  SENT = 'SENT',
  LATE = 'LATE',
  UNKNOWN = 'UNKNOWN',
}
