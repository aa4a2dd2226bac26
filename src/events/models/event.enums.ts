/**
 * Normalized event types: one shape whatever the platform. REST carries the dotted value
 * (`message.received`); GraphQL the enum name (`MESSAGE_RECEIVED`).
 */
export enum EventType {
  MESSAGE_RECEIVED = 'message.received',
  CONTACT_CREATED = 'contact.created',
  CONTACT_UPDATED = 'contact.updated',
  CHARGE_UPDATED = 'charge.updated',
}
