/** Plain enums (no framework import) so pure mappers can use them; GraphQL registration is in protocol.graphql-enums.ts. */

/**
 * Where a protocol came from. maxbot.txt shows only `origin: "2"` (get_prot and the webhooks, on
 * WhatsApp contacts); the other codes follow the order of the channel fields in Maxbot's contact
 * record (maxbot_username, whatsapp, telegram, messenger, instagram). `originCode` keeps the raw value.
 */
export enum ProtocolOrigin {
  MAXBOT_CHAT = 'MAXBOT_CHAT',
  WHATSAPP = 'WHATSAPP',
  TELEGRAM = 'TELEGRAM',
  MESSENGER = 'MESSENGER',
  INSTAGRAM = 'INSTAGRAM',
}

/**
 * Where a protocol stands. maxbot.txt shows `situation: "3"` on a concluded protocol; 1 and 2 are
 * read as the earlier stages. `situationCode` keeps the raw value.
 */
export enum ProtocolSituation {
  WAITING = 'WAITING',
  IN_SERVICE = 'IN_SERVICE',
  CONCLUDED = 'CONCLUDED',
}

/** What a dialog message carries (Maxbot `type` plus which `msg_*` field is filled). */
export enum ProtocolMessageType {
  TEXT = 'TEXT',
  IMAGE = 'IMAGE',
  AUDIO = 'AUDIO',
  FILE = 'FILE',
  VIDEO = 'VIDEO',
  LOCATION = 'LOCATION',
  CONTACT_CARD = 'CONTACT_CARD',
}

/** Maxbot `flux`: `reply` is the contact writing in, `sent` the account writing out. */
export enum MessageDirection {
  INBOUND = 'INBOUND',
  OUTBOUND = 'OUTBOUND',
}

/** What to send into an open protocol's chat. */
export enum ProtocolMessageKind {
  TEXT = 'TEXT',
  AUDIO = 'AUDIO',
  ATTACHMENT = 'ATTACHMENT',
}

/**
 * How a service sector answers on a weekday (Maxbot `operation_<day>_answer`, codes undocumented):
 * 0 closed, 1 within the shifts, 2 around the clock. The doc's "Manutenção" sector answers 2 on
 * weekdays and 0 on Sunday, which fits a 24-hour maintenance desk closed on Sundays.
 */
export enum SectorAnswerMode {
  CLOSED = 'CLOSED',
  SHIFTS = 'SHIFTS',
  ALL_DAY = 'ALL_DAY',
}
