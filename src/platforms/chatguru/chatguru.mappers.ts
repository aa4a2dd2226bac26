import type { OutgoingFile } from '../../common/media/outgoing-file';
/**
 * Pure conversions between Ponte's inputs/models and ChatGuru's query-string actions. No I/O
 * here: the adapter calls these around its calls, and the unit tests call them directly.
 *
 * ChatGuru knows a contact as a chat, identified by its WhatsApp number (`chat_number`, digits
 * with country and area code: "5511999999999"). Ponte's contact id on ChatGuru is that number;
 * any common phone form is accepted where an id or a recipient is expected.
 */
import { PonteError, type FieldError } from '../../common/errors/ponte-error';
import { instantToWire, wireDateTimeToIso } from '../../common/normalize/dates';
import { e164ToDigits, parsePhone } from '../../common/normalize/phone';
import { blankToNull, idString } from '../../common/normalize/values';
import type { AddContactNoteInput, CreateContactInput, UpdateContactInput } from '../../contacts/dto/contact.input';
import type { ContactInputField } from '../../contacts/dto/contact-fields';
import { RegistrationStatus } from '../../contacts/models/contact.enums';
import type { ContactNote, ContactRegistration, ContactUpdateResult } from '../../contacts/models/contact.model';
import type { RecipientInput } from '../../messaging/dto/recipient.input';
import type { SendMessageInput } from '../../messaging/dto/message.input';
import { refuseUnsupported, refuseUpload, requireRecipient } from '../../messaging/messaging.rules';
import type { SentMessage } from '../../messaging/messaging.port';
import type { DialogExecution, MessageStatus } from '../../messaging/models/message.model';
import { MessageState, MessageType } from '../../messaging/models/messaging.enums';
import {
  CUSTOM_FIELD_PREFIX,
  SEND_DATE_LENGTH,
  type ChatguruAction,
  type ChatguruChatAddStatusReply,
  type ChatguruDialogExecuteReply,
  type ChatguruMessageSendReply,
  type ChatguruMessageStatusReply,
  type ChatguruParams,
} from './chatguru.types';

const PROVIDER = 'chatguru';

function unsupported(fields: string[], where: string, detail: string): PonteError {
  return new PonteError('unsupported_field', detail, {
    provider: PROVIDER,
    errors: fields.map((field) => ({ field, message: `is not supported by ${where}` })),
  });
}

/** Keys of an input that carry a value (`null` counts: it asks to clear a field). */
function presentKeys(input: object): string[] {
  return Object.entries(input)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}

// ── chat numbers ────────────────────────────────────────────────────────────────────────────────

/**
 * A contact id (the chat's WhatsApp number, any common form: `5511999999999`, `+55 11 99999-9999`,
 * `(11) 99999-9999`) → `chat_number` ("Número completo do WhatsApp, código do país, código de área
 * e número, ex. 5511999999999").
 */
export function chatNumberFromId(id: string, field = 'id'): string {
  const e164 = parsePhone(id);
  if (!e164) {
    throw PonteError.validation([
      { field, message: "must be the chat's WhatsApp number (ChatGuru identifies a chat by it), e.g. 5511999999999" },
    ]);
  }
  return e164ToDigits(e164);
}

/** `to.whatsapp` (already E.164) → `chat_number`; ChatGuru reaches a chat by nothing else (400 on `to`). */
export function chatNumberFromRecipient(to: RecipientInput, where: string): string {
  const { value } = requireRecipient(to, ['whatsapp'], where);
  return e164ToDigits(value);
}

// ── contacts: chat_add and chat_add_status ──────────────────────────────────────────────────────

/** Create fields chat_add has a parameter for. */
const CHAT_ADD_FIELDS = new Set<string>(['firstName', 'lastName', 'whatsapp', 'initialMessage', 'assignToUserId', 'dialogId']);

/**
 * A new contact → chat_add's `name, text, chat_number, user_id, dialog_id`, in the doc's order.
 * `name` is firstName and lastName joined by a space. name, text (`initialMessage`) and
 * chat_number (`whatsapp`) are required: the doc's request carries all three and a chat is created
 * by sending it its first message. `user_id` and `dialog_id` are sent only when given (an empty
 * value could read as "delegate to nobody"). Any other contact field is a 422.
 */
export function chatAddParams(input: CreateContactInput): ChatguruParams {
  const others = presentKeys(input)
    .filter((k) => !CHAT_ADD_FIELDS.has(k))
    .sort();
  if (others.length) {
    throw unsupported(
      others,
      'ChatGuru chat_add',
      `ChatGuru chat_add cannot carry ${others.join(', ')} (custom fields can be set with PATCH /v1/contacts/{id} once the chat exists)`,
    );
  }
  const name = [input.firstName, input.lastName].filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' ');
  const errors: FieldError[] = [];
  if (!input.whatsapp) errors.push({ field: 'whatsapp', message: 'is required on ChatGuru (the chat number)' });
  if (!name) errors.push({ field: 'firstName', message: 'is required on ChatGuru (the chat name is firstName and lastName)' });
  if (!input.initialMessage)
    errors.push({ field: 'initialMessage', message: 'is required on ChatGuru (chat_add sends it to the new chat)' });
  if (errors.length) throw PonteError.validation(errors);
  const params: ChatguruParams = [
    ['name', name],
    ['text', input.initialMessage!],
    ['chat_number', e164ToDigits(input.whatsapp!)],
  ];
  if (input.assignToUserId) params.push(['user_id', input.assignToUserId]);
  if (input.dialogId) params.push(['dialog_id', input.dialogId]);
  return params;
}

/** Words of `chat_add_status` that mean the chat will not be added (chatguru.txt shows only "pending" and "done"). */
const REGISTRATION_FAILED = new Set([
  'error',
  'erro',
  'failed',
  'fail',
  'falha',
  'invalid',
  'invalido',
  'inválido',
  'canceled',
  'cancelled',
  'cancelado',
  'rejected',
]);

/**
 * `chat_add_status` → RegistrationStatus: "done" → DONE, "pending" → PENDING, a failure word
 * ("error", "failed", …) → FAILED. Any other word is read as PENDING: only "done" says the chat
 * exists and only a failure word says it never will; `platformStatus` keeps the word as sent.
 */
export function registrationStatusFromWire(word: unknown): RegistrationStatus {
  const w = typeof word === 'string' ? word.trim().toLowerCase() : '';
  if (w === 'done') return RegistrationStatus.DONE;
  if (REGISTRATION_FAILED.has(w)) return RegistrationStatus.FAILED;
  return RegistrationStatus.PENDING;
}

/**
 * A chat_add or chat_add_status reply → ContactRegistration. chat_add describes the request
 * ("Chat cadastrado para inclusão com sucesso!"), chat_add_status the outcome
 * (`chat_add_status_description`). `contactId` stays null: neither reply names the chat (its id
 * on ChatGuru is the number the caller sent).
 */
export function registrationFromWire(reply: ChatguruChatAddStatusReply, id: string): ContactRegistration {
  return {
    id,
    status: registrationStatusFromWire(reply.chat_add_status),
    platformStatus: blankToNull(reply.chat_add_status),
    description: blankToNull(reply.chat_add_status_description) ?? blankToNull(reply.description),
    contactId: null,
  };
}

// ── contacts: chat_update_custom_fields and note_add ────────────────────────────────────────────

/**
 * A contact update → chat_update_custom_fields' `field__NAME=value` parameters, one per custom
 * field, in the order given ("field__NOME_DO_CAMPO: Valor do campo personalizado"). `null` is sent
 * as an empty value, the only way the doc offers to clear one. ChatGuru updates nothing else about
 * a chat: any other field is a 422.
 */
export function customFieldsParams(input: UpdateContactInput): { params: ChatguruParams; fields: ContactInputField[] } {
  const others = presentKeys(input)
    .filter((k) => k !== 'customFields')
    .sort();
  if (others.length) {
    throw unsupported(
      others,
      'ChatGuru chat_update_custom_fields',
      `ChatGuru updates only a chat's custom fields; it cannot carry ${others.join(', ')}`,
    );
  }
  const list = input.customFields;
  if (!list || list.length === 0) {
    throw PonteError.validation([
      { field: 'customFields', message: 'must list at least one field to set (ChatGuru updates only custom fields)' },
    ]);
  }
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((f, i) => {
    if (seen.has(f.name)) errors.push({ field: `customFields[${i}].name`, message: `"${f.name}" is given twice` });
    seen.add(f.name);
  });
  if (errors.length) throw PonteError.validation(errors);
  return { params: list.map((f) => [`${CUSTOM_FIELD_PREFIX}${f.name}`, f.value ?? '']), fields: ['customFields'] };
}

export function updateResult(id: string, fields: ContactInputField[]): ContactUpdateResult {
  return { id, updatedFields: fields };
}

/** note_add: `note_text` ("Texto de sua anotação") for the chat. */
export function noteParams(input: AddContactNoteInput, chatNumber: string): ChatguruParams {
  return [
    ['note_text', input.text],
    ['chat_number', chatNumber],
  ];
}

export function noteFromWire(noteId: unknown, chatNumber: string, input: AddContactNoteInput): ContactNote {
  return { id: idString(noteId) ?? '', contactId: chatNumber, text: input.text };
}

// ── messaging: message_send, message_file_send, message_status, dialog_execute ──────────────────

/**
 * An instant → send_date, "YYYY-MM-DD HH:MM" in the connection's timezone. ChatGuru schedules to
 * the minute: seconds are cut, and the receipt's `scheduledAt` says the minute it will send at.
 */
export function sendDateToWire(instant: string, timezone: string): string {
  return instantToWire(new Date(instant), timezone).slice(0, SEND_DATE_LENGTH);
}

/** A chat message → the action and its parameters, plus the send_date sent (for the receipt). */
export interface MessageCall {
  action: Extract<ChatguruAction, 'message_send' | 'message_file_send'>;
  params: ChatguruParams;
  sendDate: string | null;
}

/**
 * type text → message_send (`send_date` when scheduled, `text`, `chat_number`, the doc's order);
 * image, file and audio → message_file_send (`file_url`, `caption`, `chat_number`). ChatGuru sends
 * through the connection's phone (no channelToken), opens no tickets (openTicket, queueId), takes
 * the file type from the URL (media.extension) and has no send_date on files: all refused (422).
 * The doc describes `caption` as "Nome do seu arquivo": it carries media.caption or media.fileName,
 * whichever is given; both at once → 422 on media.fileName.
 */
export function messageToWire(input: SendMessageInput, timezone: string, upload: OutgoingFile | null = null): MessageCall {
  if (input.type === MessageType.TEXT) {
    const where = 'ChatGuru message_send';
    refuseUnsupported(input, ['channelToken', 'openTicket', 'queueId'], where, PROVIDER);
    const chatNumber = chatNumberFromRecipient(input.to, where);
    const sendDate = input.scheduleAt ? sendDateToWire(input.scheduleAt, timezone) : null;
    const params: ChatguruParams = [];
    if (sendDate) params.push(['send_date', sendDate]);
    params.push(['text', input.text!], ['chat_number', chatNumber]);
    return { action: 'message_send', params, sendDate };
  }
  const where = 'ChatGuru message_file_send';
  // message_file_send takes a file_url: an uploaded file has nowhere to go.
  refuseUpload(upload, where, PROVIDER);
  refuseUnsupported(input, ['channelToken', 'scheduleAt', 'openTicket', 'queueId'], where, PROVIDER);
  const media = input.media!;
  refuseUnsupported(media, ['extension'], where, PROVIDER, 'media.');
  if (media.caption !== undefined && media.fileName !== undefined) {
    throw unsupported(
      ['media.fileName'],
      where,
      'ChatGuru message_file_send carries one caption (the doc calls it the name of the file): give media.caption or media.fileName, not both',
    );
  }
  const chatNumber = chatNumberFromRecipient(input.to, where);
  const caption = media.caption ?? media.fileName;
  if (media.url === undefined) throw PonteError.validation([{ field: 'media.url', message: 'is required: ChatGuru takes files by URL' }]);
  const params: ChatguruParams = [['file_url', media.url]];
  if (caption !== undefined) params.push(['caption', caption]);
  params.push(['chat_number', chatNumber]);
  return { action: 'message_file_send', params, sendDate: null };
}

/**
 * `message_status` → MessageState. chatguru.txt shows "scheduled" and "sent"; the others are read
 * by their plain meaning: queued/pending words → ACCEPTED (taken, not yet sent), delivered/read →
 * SENT, failure words → FAILED, anything else → UNKNOWN (with `platformStatus`).
 */
export function messageStateFromWire(word: unknown): MessageState {
  const w = typeof word === 'string' ? word.trim().toLowerCase() : '';
  switch (w) {
    case 'scheduled':
      return MessageState.SCHEDULED;
    case 'sent':
    case 'delivered':
    case 'read':
      return MessageState.SENT;
    case 'queued':
    case 'pending':
    case 'processing':
    case 'sending':
      return MessageState.ACCEPTED;
    case 'error':
    case 'failed':
    case 'fail':
    case 'canceled':
    case 'cancelled':
      return MessageState.FAILED;
    default:
      return MessageState.UNKNOWN;
  }
}

/**
 * A message_send / message_file_send reply → the receipt. `result: "success"` means ChatGuru took
 * the message, so a status word Ponte cannot classify is ACCEPTED here. `scheduledAt` is the
 * send_date that was sent, as ISO 8601 with the connection's offset, when ChatGuru says "scheduled".
 */
export function receiptFromWire(reply: ChatguruMessageSendReply, sendDate: string | null, timezone: string): SentMessage {
  const state = messageStateFromWire(reply.message_status);
  const status = state === MessageState.UNKNOWN ? MessageState.ACCEPTED : state;
  return {
    id: idString(reply.message_id),
    status,
    scheduledAt: status === MessageState.SCHEDULED && sendDate ? wireDateTimeToIso(sendDate, timezone) : null,
  };
}

export function messageStatusFromWire(id: string, reply: ChatguruMessageStatusReply): MessageStatus {
  return { id, status: messageStateFromWire(reply.message_status), platformStatus: blankToNull(reply.message_status) };
}

/** dialog_execute: `dialog_id` and the chat. */
export function dialogParams(dialogId: string, chatNumber: string): ChatguruParams {
  return [
    ['dialog_id', dialogId],
    ['chat_number', chatNumber],
  ];
}

export function dialogExecutionFromWire(dialogId: string, reply: ChatguruDialogExecuteReply): DialogExecution {
  return { dialogId, description: blankToNull(reply.dialog_execution_return) ?? blankToNull(reply.description) };
}
