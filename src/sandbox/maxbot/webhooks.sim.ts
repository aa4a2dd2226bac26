import { randomBytes } from 'node:crypto';
import { MESSAGE_RECEIVED } from '../../platforms/maxbot/webhooks.examples';
import type { WireRecord } from './world';

/** The keys of the documented "Mensagem Recebida" contact object (a subset of the contact record). */
const MESSAGE_CONTACT_KEYS = Object.keys(MESSAGE_RECEIVED.contact);

/**
 * A "Mensagem Recebida" webhook for a text from `contact`: the documented example's fields (media,
 * location and quoted ones blank), with this contact, a fresh WhatsApp-style id and the time now.
 */
export function messageWebhook(contact: WireRecord, text: string, now: string): WireRecord {
  return {
    ...MESSAGE_RECEIVED,
    contact: Object.fromEntries(MESSAGE_CONTACT_KEYS.map((k) => [k, contact[k] ?? ''])),
    msg_id: `3EB0${randomBytes(8).toString('hex').toUpperCase()}`,
    msg_timestamp: String(Math.floor(Date.now() / 1000)),
    msg_date: now,
    msg: text,
    type: 'T',
  };
}
