/** Plain enums (no framework import) so pure mappers can use them; GraphQL registration is in messaging.graphql-enums.ts. */

/** What a message carries. Lower-case values: the REST contract writes `"type": "text"`. */
export enum MessageType {
  TEXT = 'text',
  IMAGE = 'image',
  FILE = 'file',
  AUDIO = 'audio',
}

/** Where a sent message stands, as far as the platform tells. */
export enum MessageState {
  /** The platform took the message for delivery and said nothing more (Maxbot `status: 1`). */
  ACCEPTED = 'ACCEPTED',
  /** The platform will send it at `scheduledAt`. */
  SCHEDULED = 'SCHEDULED',
  /** The platform reports it sent. */
  SENT = 'SENT',
  /** The platform reports it failed. */
  FAILED = 'FAILED',
  /** A status word Ponte cannot classify; see `platformStatus`. */
  UNKNOWN = 'UNKNOWN',
}

/**
 * Maxbot template types `C`, `F`, `A` (maxbot.txt shows the letters, not their meaning). Read from
 * the examples and the commands that use templates: `A` is "Aviso" (the example is "Aviso de
 * Postado nos Correios"; send_notice sends "template de aviso"), `F` is follow-up (open_followup
 * sends "template de follow up"; the example is "Abertura de Protocolo"), `C` is a plain message
 * template (text with up to 6 images and 3 files).
 */
export enum TemplateType {
  MESSAGE = 'MESSAGE',
  FOLLOW_UP = 'FOLLOW_UP',
  NOTICE = 'NOTICE',
}
