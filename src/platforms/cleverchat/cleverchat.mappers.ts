/**
 * Pure conversions between Ponte's sendMessage input and CleverChat's send: the JSON body of a
 * text, the form parts of a media message. No I/O: the adapter fetches or takes the file, then
 * calls these; the unit tests call them directly.
 */
import { PonteError } from '../../common/errors/ponte-error';
import type { FormFile, FormPart } from '../../common/http/multipart';
import { checkFileType } from '../../common/media/file-check';
import { extensionOf, FILE_TYPES } from '../../common/media/media-types';
import type { OutgoingFile } from '../../common/media/outgoing-file';
import { e164ToDigits } from '../../common/normalize/phone';
import type { MessageMediaInput, SendMessageInput } from '../../messaging/dto/message.input';
import { refuseUnsupported, requireRecipient } from '../../messaging/messaging.rules';
import type { SentMessage } from '../../messaging/messaging.port';
import { MessageState, MessageType } from '../../messaging/models/messaging.enums';
import { CLEVERCHAT_FORM, type CleverchatFlag, type CleverchatTextBody } from './cleverchat.types';

const PROVIDER = 'cleverchat';
const WHERE = 'CleverChat';

type MediaType = Exclude<MessageType, MessageType.TEXT>;

/**
 * The doc names no file types ("medias: arquivo"). Ponte sends the types it can verify (name,
 * declared type and first bytes, see media-types.ts) that WhatsApp shows as such: images, the
 * office documents and PDF, and audio.
 */
export const CLEVERCHAT_EXTENSIONS: Record<MediaType, readonly string[]> = {
  [MessageType.IMAGE]: ['jpg', 'jpeg', 'png'],
  [MessageType.FILE]: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pps'],
  [MessageType.AUDIO]: ['ogg', 'mp3'],
};

const WHAT: Record<MediaType, string> = {
  [MessageType.IMAGE]: 'CleverChat images',
  [MessageType.FILE]: 'CleverChat files',
  [MessageType.AUDIO]: 'CleverChat audio',
};

/** What every CleverChat send carries, whatever its kind. */
export interface CleverchatEnvelope {
  number: string;
  openTicket: CleverchatFlag;
  queueId: string;
}

/**
 * Checks what CleverChat cannot carry and builds the common fields: the WhatsApp number as digits
 * (country code, DDD, number: "sem mascara ou caracteres especiais"), and the ticket flags.
 * Opening a ticket needs a queue: the request's `queueId`, else the connection's default; without
 * a ticket, `queueId` is "0" as in both examples of the doc.
 */
export function envelopeToWire(input: SendMessageInput, connection: { id: string; queueId?: string }): CleverchatEnvelope {
  refuseUnsupported(input, ['scheduleAt', 'channelToken'], WHERE, PROVIDER);
  if (input.media) refuseUnsupported(input.media, ['extension'], WHERE, PROVIDER, 'media.');
  const { value: whatsapp } = requireRecipient(input.to, ['whatsapp'], WHERE);
  if (input.openTicket !== true) return { number: e164ToDigits(whatsapp), openTicket: '0', queueId: '0' };
  const queueId = input.queueId ?? connection.queueId;
  if (queueId === undefined || queueId === null || queueId === '') {
    throw PonteError.validation([
      {
        field: 'queueId',
        message: `is required with openTicket: true (CleverChat opens the ticket in a queue; connection "${connection.id}" has no default queueId)`,
      },
    ]);
  }
  return { number: e164ToDigits(whatsapp), openTicket: '1', queueId };
}

/** Type text → the JSON body, in the example's key order. */
export function textToWire(envelope: CleverchatEnvelope, text: string): CleverchatTextBody {
  return { number: envelope.number, openTicket: envelope.openTicket, queueId: envelope.queueId, body: text };
}

/** `foto` + `png` → `foto.png`; a name that already ends in the extension stays. */
function withExtension(name: string | null, extension: string): string {
  const base = name ?? 'arquivo';
  return extensionOf(base) === extension ? base : `${base}.${extension}`;
}

/**
 * The file, checked for the message type (415 otherwise), as the `medias` part: named as the
 * caller said (`media.fileName`, else the upload's or the URL's name), with the extension its
 * content has, sent with that type's standard media type. `field` is where the file came from.
 */
export function mediaPart(type: MediaType, file: OutgoingFile, media: MessageMediaInput | undefined, field: string): FormFile {
  const named: OutgoingFile = { ...file, filename: media?.fileName ?? file.filename };
  const extension = checkFileType(named, CLEVERCHAT_EXTENSIONS[type], {
    field,
    what: WHAT[type],
    provider: PROVIDER,
    subject: field === 'file' ? 'The uploaded file' : `The file at ${field}`,
  });
  return {
    name: CLEVERCHAT_FORM.medias,
    filename: withExtension(named.filename, extension),
    contentType: FILE_TYPES[extension].mediaTypes[0],
    data: file.data,
  };
}

/**
 * A media message → its form: `number`, `openTicket`, `queueId` (the doc lists them for media too),
 * `body` with the caption only when there is one (the FormData example has no body), then the file.
 */
export function mediaToWire(envelope: CleverchatEnvelope, caption: string | undefined, medias: FormFile): FormPart[] {
  return [
    { name: CLEVERCHAT_FORM.number, value: envelope.number },
    { name: CLEVERCHAT_FORM.openTicket, value: envelope.openTicket },
    { name: CLEVERCHAT_FORM.queueId, value: envelope.queueId },
    ...(caption !== undefined && caption !== null && caption !== '' ? [{ name: CLEVERCHAT_FORM.body, value: caption }] : []),
    medias,
  ];
}

/** CleverChat gives no message id: a receipt that it took the message. */
export function sentReceipt(): SentMessage {
  return { id: null, status: MessageState.ACCEPTED, scheduledAt: null };
}
