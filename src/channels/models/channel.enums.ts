/** Plain enum (no framework import) so pure mappers can use it; GraphQL registration is in channel.graphql-enums.ts. */

/**
 * What kind of channel an account channel is. Maxbot does not say it; Ponte reads it from the keys
 * of the channel's `info` (`whatsapp` → WhatsApp, `user` → Telegram, `pages` → Facebook) and, for
 * other keys, from the channel title.
 */
export enum ChannelKind {
  WHATSAPP = 'WHATSAPP',
  TELEGRAM = 'TELEGRAM',
  FACEBOOK = 'FACEBOOK',
  INSTAGRAM = 'INSTAGRAM',
  OTHER = 'OTHER',
}
