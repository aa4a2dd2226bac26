/**
 * Maxbot's five outgoing webhooks (maxbot.txt, "Webhooks"), recognized and normalized into Ponte
 * events. Pure: no I/O. Maxbot posts every one of them as JSON to the one URL configured in
 * "Configuração/API Maxbot e Webhooks" (the charge one in the smart-billing module), without a
 * field naming the kind, so the kind is read off the fields each documented example carries:
 *
 * - "Mensagem Recebida": `origin`, a `contact` object, `msg_id`, `msg_timestamp`, `msg`, `type`, …
 * - "Mensagem Recebida em Atendimento": `origin`, `whatsapp`, `prot_id`, `contact_id`, `chat_id`, `msg_id`, …
 * - "Novo Contato" / "Contato Atualizado": a contact record with `"type_event": "insert"` / `"update"`
 * - charge status: `charge_id`, `client_*` and the seven `msg_*` notification tracks
 */
import { createHash } from 'node:crypto';
import { PonteError } from '../../common/errors/ponte-error';
import { instantToIso, wireDateTimeToIso } from '../../common/normalize/dates';
import { wirePhoneToE164 } from '../../common/normalize/phone';
import { blankToNull, idString, text } from '../../common/normalize/values';
import type { InboundLocation, InboundMedia, InboundMessage, InboundQuotedMessage } from '../../events/models/event.model';
import { EventType } from '../../events/models/event.enums';
import type { InboundEvent } from '../../events/events.port';
import { ProtocolMessageType } from '../../protocols/models/protocol.enums';
import type { ContactCard } from '../../protocols/models/protocol.model';
import { chargeFromWire } from './charges.mappers';
import { CHARGE_MESSAGE_TRACKS, type MaxbotChargeRecord } from './charges.types';
import { contactFromWire } from './contacts.mappers';
import type { MaxbotContactRecord } from './maxbot.types';
import { contactCardsFromWire, messageType, ORIGIN_FROM_WIRE } from './protocols.mappers';

type Payload = Record<string, unknown>;

/** The media slots of a webhook message, by the prefix of their five fields (`img_info`, `img_size`, …). */
const MEDIA_SLOTS: Array<[ProtocolMessageType, string]> = [
  [ProtocolMessageType.IMAGE, 'img'],
  [ProtocolMessageType.AUDIO, 'audio'],
  [ProtocolMessageType.FILE, 'arq'],
  [ProtocolMessageType.VIDEO, 'vid'],
];

const KINDS = 'message received, message received in attendance, new contact, contact updated or charge status';

function invalid(message: string, field = 'body'): PonteError {
  return PonteError.validation([{ field, message }], `Not a Maxbot webhook payload: ${field} ${message}`);
}

function isObject(value: unknown): value is Payload {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function mediaOf(r: Payload, prefix: string): { type: ProtocolMessageType; media: InboundMedia } | null {
  for (const [type, slot] of MEDIA_SLOTS) {
    const field = (name: string) => blankToNull(r[`${prefix}${slot}_${name}`]);
    const media: InboundMedia = {
      filename: field('filename'),
      storedFilename: field('local_filename'),
      extension: field('extension')?.replace(/^\./, '').toLowerCase() ?? null,
      size: field('size'),
      info: field('info'),
    };
    if (Object.values(media).some((v) => v !== null)) return { type, media };
  }
  return null;
}

function coordinate(value: unknown): number | null {
  const s = blankToNull(value);
  const n = s === null ? NaN : Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

function locationOf(r: Payload, prefix: string): InboundLocation | null {
  const latitude = coordinate(r[`${prefix}map_lat`]);
  const longitude = coordinate(r[`${prefix}map_lng`]);
  if (latitude === null || longitude === null) return null;
  return { latitude, longitude, previewUrl: blankToNull(r[`${prefix}map_img`]), mapUrl: blankToNull(r[`${prefix}map_location_url`]) };
}

interface Content {
  type: ProtocolMessageType;
  typeCode: string | null;
  text: string | null;
  media: InboundMedia | null;
  location: InboundLocation | null;
  contacts: ContactCard[];
}

/**
 * What a message (or its quoted message, `prefix` "quoted_") carries. As in the protocol dialog,
 * the filled fields decide the type first (that is data); the `type` letter — only "T" is
 * documented — when nothing else is filled.
 */
function contentOf(r: Payload, prefix: string, textField: string, typeField: string): Content {
  const found = mediaOf(r, prefix);
  const location = locationOf(r, prefix);
  const contacts = contactCardsFromWire(r[`${prefix}vcard`]);
  const typeCode = blankToNull(r[typeField]);
  const type = messageType(typeCode, { location: location !== null, contacts: contacts.length > 0, media: found?.type ?? null });
  return { type, typeCode, text: blankToNull(r[textField]), media: found?.media ?? null, location, contacts };
}

/**
 * The quoted message. maxbot.txt spells its id field `"quoted_id "` — with a trailing space — in
 * both message examples; both spellings are read.
 */
function quotedOf(r: Payload): InboundQuotedMessage | null {
  const messageId = blankToNull(r.quoted_id ?? r['quoted_id ']);
  const content = contentOf(r, 'quoted_', 'quoted_msg', 'quoted_type');
  const empty = content.text === null && content.media === null && content.location === null && content.contacts.length === 0;
  if (messageId === null && empty) return null;
  return { messageId, ...content };
}

/** `"msg_timestamp": "1643129533"` (Unix seconds) is exact; `"msg_date": "2022-01-25 13:52:15"` is the fallback. */
function sentAtOf(r: Payload, timezone: string): string | null {
  const stamp = blankToNull(r.msg_timestamp);
  if (stamp !== null && /^\d{9,11}$/.test(stamp.trim())) return instantToIso(new Date(Number(stamp) * 1000), timezone);
  return wireDateTimeToIso(r.msg_date, timezone);
}

function messageEvent(r: Payload, timezone: string): InboundEvent {
  const inAttendance = r.prot_id !== undefined;
  const wireContact = isObject(r.contact) ? (r.contact as unknown as MaxbotContactRecord) : null;
  if (!inAttendance && !wireContact)
    throw invalid(
      'is required: the "Mensagem Recebida" webhook carries the sender\'s contact record (or prot_id in attendance)',
      'contact',
    );
  const contact = wireContact && idString(wireContact.id) !== null ? contactFromWire(wireContact, timezone) : null;
  const originCode = blankToNull(r.origin);
  const messageId = blankToNull(r.msg_id);
  const protocolId = idString(r.prot_id);
  const message: InboundMessage = {
    messageId,
    sentAt: sentAtOf(r, timezone),
    ...contentOf(r, '', 'msg', 'type'),
    referral: blankToNull(r.referral),
    quoted: quotedOf(r),
    channel: originCode === null ? null : (ORIGIN_FROM_WIRE[originCode] ?? null),
    channelCode: originCode,
    from: wireContact ? wirePhoneToE164(wireContact.whatsapp, blankToNull(wireContact.country)) : wirePhoneToE164(text(r.whatsapp)),
    contactId: wireContact ? idString(wireContact.id) : idString(r.contact_id),
    inAttendance,
    protocolId,
    chatId: idString(r.chat_id),
    avatarUrl: blankToNull(wireContact ? wireContact.avatar_url : r.avatar_url),
  };
  return {
    type: EventType.MESSAGE_RECEIVED,
    occurredAt: message.sentAt,
    message,
    contact,
    charge: null,
    // The same message may come through both webhooks (inbox and attendance): each is its own event.
    dedupeKey: messageId === null ? null : `message:${inAttendance ? `protocol:${protocolId ?? ''}` : 'inbox'}:${messageId}`,
  };
}

function contactEvent(r: Payload, timezone: string): InboundEvent {
  const kind = text(r.type_event).trim().toLowerCase();
  if (kind !== 'insert' && kind !== 'update') {
    throw invalid(`"${text(r.type_event).slice(0, 40)}" is not a contact event Maxbot documents (insert, update)`, 'type_event');
  }
  const id = idString(r.id);
  if (id === null) throw invalid('is required on a contact event', 'id');
  const contact = contactFromWire(r as unknown as MaxbotContactRecord, timezone);
  const updatedAt = blankToNull(r.updated_at);
  const event = {
    type: kind === 'insert' ? EventType.CONTACT_CREATED : EventType.CONTACT_UPDATED,
    occurredAt: kind === 'insert' ? contact.createdAt : (contact.updatedAt ?? null),
    message: null,
    contact,
    charge: null,
  };
  // A contact is created once.
  if (kind === 'insert') return { ...event, dedupeKey: `contact:insert:${id}` };
  const dedupeScope = `contact:update:${id}`;
  const content = stateHash(inNameOrder(r));
  // An update Maxbot stamps with its time is that update with that content: `updated_at` has whole
  // seconds, and two changes within one second are two updates.
  if (updatedAt !== null) return { ...event, dedupeKey: `contact:update:${id}:${updatedAt}:${content}`, dedupeScope };
  // maxbot.txt's own "Contato Atualizado" example has `"updated_at": ""`: then only the content tells
  // a redelivery, and only from the contact's latest update (timed or not) — the same record again
  // says nothing new, while a return to an earlier record (a tag added, then removed) is a change.
  return { ...event, dedupeKey: `contact:update:${id}:~${content}`, dedupeScope, dedupeAgainst: 'latest' };
}

/** A payload's fields in name order: as sent, they may come in any order. */
function inNameOrder(r: Payload): Array<[string, unknown]> {
  return Object.keys(r)
    .sort()
    .map((k) => [k, r[k]]);
}

/** A short digest of a value's JSON, for dedupe keys. */
function stateHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);
}

/**
 * The charge-status webhook: the charge record as get_charge_list gives it, except the client's
 * name, which comes as `"client_customer": "Carlos Lana"` (read as the full name).
 */
function chargeEvent(r: Payload): InboundEvent {
  const id = idString(r.charge_id);
  if (id === null) throw invalid('is required on a charge status event', 'charge_id');
  const record = { ...r, client_client_name: r.client_client_name ?? r.client_customer } as unknown as MaxbotChargeRecord;
  const charge = chargeFromWire(record);
  // The same record delivered twice says nothing new; any change — a notification sent, the amount or
  // due date edited — is a new event. The payload has no time of its own to tell two changes apart.
  const state = stateHash(inNameOrder(r));
  return { type: EventType.CHARGE_UPDATED, occurredAt: null, message: null, contact: null, charge, dedupeKey: `charge:${id}:${state}` };
}

/** One Maxbot webhook payload → one event; anything else is a `validation_failed` naming what is missing. */
export function eventFromWebhook(payload: unknown, timezone: string): InboundEvent {
  if (!isObject(payload)) throw invalid('must be a JSON object');
  if (payload.charge_id !== undefined || CHARGE_MESSAGE_TRACKS.some((t) => payload[t] !== undefined)) return chargeEvent(payload);
  if (payload.type_event !== undefined) return contactEvent(payload, timezone);
  if (payload.msg_id !== undefined || payload.msg_timestamp !== undefined || payload.msg !== undefined) {
    return messageEvent(payload, timezone);
  }
  throw invalid(`is none of the Maxbot webhooks (${KINDS}): it has no charge_id, type_event or msg_id`);
}
