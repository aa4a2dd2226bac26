/** Plain enums (no framework import) so pure mappers can use them; GraphQL registration is in flow-control.graphql-enums.ts. */

/**
 * Which date of a process a period filter applies to (Maxbot `focus_of_period`). maxbot.txt only
 * shows `"focus_of_period": "1"`; Ponte reads `1` = opening date, `2` = delivery date,
 * `3` = closing date, the three dates a process carries.
 */
export enum FlowControlDateField {
  OPENING = 'OPENING',
  DELIVERY = 'DELIVERY',
  CLOSING = 'CLOSING',
}

/** Whether an activity was executed: Maxbot shows its execution date, or `"Pendente"`. */
export enum FlowControlActivityStatus {
  DONE = 'DONE',
  PENDING = 'PENDING',
}
