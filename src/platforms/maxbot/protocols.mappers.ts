/**
 * Pure conversions between Maxbot protocol records (get_prot, annotations, sectors, attendants)
 * and Ponte models, and from Ponte inputs to the documented request bodies. No I/O here.
 */
import { recordsOf } from './maxbot.client';
import { PonteError } from '../../common/errors/ponte-error';
import { checkFileType } from '../../common/media/file-check';
import { FILE_TYPES } from '../../common/media/media-types';
import { instantToWire, wireDateTimeToIso, wireDateToIso } from '../../common/normalize/dates';
import { wirePhoneToE164 } from '../../common/normalize/phone';
import { blankToNull, flag, flagToWire, idString, text } from '../../common/normalize/values';
import type { ListProtocolsArgs } from '../../protocols/dto/protocol.args';
import type { OpenProtocolInput, TerminateProtocolInput } from '../../protocols/dto/protocol.input';
import type { Attendant } from '../../protocols/models/attendant.model';
import {
  MessageDirection,
  ProtocolMessageKind,
  ProtocolMessageType,
  ProtocolOrigin,
  ProtocolSituation,
  SectorAnswerMode,
} from '../../protocols/models/protocol.enums';
import type {
  ContactCard,
  MessageLocation,
  OpenedProtocol,
  Protocol,
  ProtocolAnnotation,
  ProtocolMessage,
  QuotedMessage,
  SentProtocolMessage,
} from '../../protocols/models/protocol.model';
import type { SectorDay, SectorShift, ServiceSector } from '../../protocols/models/service-sector.model';
import type { OutgoingFile } from '../../common/media/outgoing-file';
import type { OutgoingProtocolMessage } from '../../protocols/outgoing-message';
import type { MaxbotCommand, WireParams } from './maxbot.types';
import type {
  MaxbotAttendantRecord,
  MaxbotDialogRecord,
  MaxbotNoteRecord,
  MaxbotProtocolRecord,
  MaxbotServiceSectorRecord,
  SendChatReply,
  Weekday,
} from './protocols.types';

// ── coded values (undocumented except where noted; see README "Decisions") ─────────────────────

/** `origin: "2"` is a WhatsApp protocol in maxbot.txt; the rest follow the contact record's channel order. */
export const ORIGIN_FROM_WIRE: Record<string, ProtocolOrigin> = {
  '1': ProtocolOrigin.MAXBOT_CHAT,
  '2': ProtocolOrigin.WHATSAPP,
  '3': ProtocolOrigin.TELEGRAM,
  '4': ProtocolOrigin.MESSENGER,
  '5': ProtocolOrigin.INSTAGRAM,
};

/** `situation: "3"` is the concluded protocol of maxbot.txt; 1 and 2 read as the stages before. */
export const SITUATION_TO_WIRE: Record<ProtocolSituation, string> = {
  [ProtocolSituation.WAITING]: '1',
  [ProtocolSituation.IN_SERVICE]: '2',
  [ProtocolSituation.CONCLUDED]: '3',
};
const SITUATION_FROM_WIRE: Record<string, ProtocolSituation> = Object.fromEntries(
  Object.entries(SITUATION_TO_WIRE).map(([situation, code]) => [code, situation as ProtocolSituation]),
);

/**
 * Dialog `type` letters: only "T" (text) appears in maxbot.txt. The others are read from the
 * initials of what the message carries (Image, Audio/Sound, File, Video, Location, Contact); the
 * filled `msg_*` field decides first anyway.
 */
const TYPE_FROM_CODE: Record<string, ProtocolMessageType> = {
  T: ProtocolMessageType.TEXT,
  I: ProtocolMessageType.IMAGE,
  A: ProtocolMessageType.AUDIO,
  S: ProtocolMessageType.AUDIO,
  F: ProtocolMessageType.FILE,
  V: ProtocolMessageType.VIDEO,
  L: ProtocolMessageType.LOCATION,
  C: ProtocolMessageType.CONTACT_CARD,
};

const ANSWER_FROM_WIRE: Record<string, SectorAnswerMode> = {
  '0': SectorAnswerMode.CLOSED,
  '1': SectorAnswerMode.SHIFTS,
  '2': SectorAnswerMode.ALL_DAY,
};

// ── get_prot ────────────────────────────────────────────────────────────────────────────────────

/**
 * get_prot filters. maxbot.txt: `"date_focus": "1", "date_start": "2022-06-22", "date_stop": "2022-06-22",
 * "sector_id": "", "attendant_id": "", "contact_id": "", "situation": "2", "br_cpf": "", "br_cnpj": "",
 * "company_name": "", "segmentation_contact": "", "segmentation_protocol": ""` — all strings. `date_focus`
 * is read as 1 = conclusion day (the command lists concluded protocols "in a period"), 0 = opening day.
 * Only the filters given are sent (the PHP example sends just the period); an open end of the period
 * is filled with 1970-01-01 or today, since Maxbot wants both bounds.
 */
export function protocolFiltersToWire(args: ListProtocolsArgs, timezone: string, now: Date): WireParams {
  const concluded = args.concludedFrom !== undefined || args.concludedTo !== undefined;
  const created = args.createdFrom !== undefined || args.createdTo !== undefined;
  if (concluded && created) {
    throw PonteError.validation(
      [
        { field: 'concludedFrom', message: 'cannot be combined with createdFrom/createdTo' },
        { field: 'createdFrom', message: 'cannot be combined with concludedFrom/concludedTo' },
      ],
      'Maxbot filters protocols by one period at a time: use either the concluded* or the created* filters',
    );
  }
  if (!concluded && !created) {
    throw PonteError.validation(
      [{ field: 'concludedFrom', message: 'a period is required: concludedFrom/concludedTo or createdFrom/createdTo' }],
      'Maxbot lists the protocols of a period: give concludedFrom/concludedTo or createdFrom/createdTo',
    );
  }
  const start = (concluded ? args.concludedFrom : args.createdFrom) ?? '1970-01-01';
  const stop = (concluded ? args.concludedTo : args.createdTo) ?? instantToWire(now, timezone).slice(0, 10);
  if (start > stop) {
    throw PonteError.validation([
      { field: concluded ? 'concludedTo' : 'createdTo', message: 'must not be before the start of the period' },
    ]);
  }
  const params: WireParams = { date_focus: concluded ? '1' : '0', date_start: start, date_stop: stop };
  if (args.serviceSectorId !== undefined) params.sector_id = args.serviceSectorId;
  if (args.attendantId !== undefined) params.attendant_id = args.attendantId;
  if (args.contactId !== undefined) params.contact_id = args.contactId;
  if (args.situation !== undefined) params.situation = SITUATION_TO_WIRE[args.situation];
  if (args.cpf !== undefined) params.br_cpf = args.cpf;
  if (args.cnpj !== undefined) params.br_cnpj = args.cnpj;
  if (args.companyName !== undefined) params.company_name = args.companyName;
  // Segmentations by id (what GET /v1/segmentations lists); the doc shows only empty values.
  if (args.contactSegmentationId !== undefined) params.segmentation_contact = args.contactSegmentationId;
  if (args.protocolSegmentationId !== undefined) params.segmentation_protocol = args.protocolSegmentationId;
  return params;
}

function number(value: unknown): number | null {
  const s = blankToNull(value);
  if (s === null) return null;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

function location(lat: unknown, lng: unknown, preview: unknown): MessageLocation | null {
  const latitude = number(lat);
  const longitude = number(lng);
  return latitude === null || longitude === null ? null : { latitude, longitude, previewUrl: blankToNull(preview) };
}

function phonesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((p) => wirePhoneToE164(blankToNull(p))).filter((p): p is string => p !== null);
}

/** A vCard's FN and TEL lines (`TEL;type=CELL;waid=5531911116666:+55 31 91111-6666`). */
function cardFromVcard(vcard: string): ContactCard {
  const lines = vcard.split(/\r?\n/);
  const name = lines.find((l) => /^FN[:;]/i.test(l))?.replace(/^FN[^:]*:/i, '') ?? null;
  const phones = lines.filter((l) => /^(item\d+\.)?TEL[:;]/i.test(l)).map((l) => l.slice(l.lastIndexOf(':') + 1));
  return { name: blankToNull(name), phones: phonesOf(phones), vcard };
}

/**
 * Contact cards: `msg_contact` is `[]` and `quoted_msg_contact` is `""` in every example, so the
 * item shape is unknown. Read: vCard strings, JSON text, or objects with name/phone(s)/vcard.
 */
export function contactCardsFromWire(raw: unknown): ContactCard[] {
  let items: unknown[] = [];
  if (Array.isArray(raw)) items = raw;
  else if (typeof raw === 'string' && raw.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(raw);
      items = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      items = [raw];
    }
  } else if (raw && typeof raw === 'object') items = [raw];
  return items.flatMap((item): ContactCard[] => {
    if (typeof item === 'string') return item.trim() ? [cardFromVcard(item)] : [];
    if (!item || typeof item !== 'object') return [];
    const o = item as Record<string, unknown>;
    const vcard = blankToNull(o.vcard);
    const fromVcard = vcard ? cardFromVcard(vcard) : null;
    const name = blankToNull(o.name ?? o.display_name ?? o.displayName ?? o.fn) ?? fromVcard?.name ?? null;
    const phones = phonesOf(o.phones ?? o.phone ?? o.whatsapp ?? o.number);
    return [{ name, phones: phones.length ? phones : (fromVcard?.phones ?? []), vcard }];
  });
}

interface MessageParts {
  code: string | null;
  text: unknown;
  sound: unknown;
  image: unknown;
  file: unknown;
  video: unknown;
  location: MessageLocation | null;
  contacts: ContactCard[];
}

/** The type a message carries: its filled field first (that is data), then its type letter. */
function typeOf(p: MessageParts): { type: ProtocolMessageType; mediaUrl: string | null } {
  const media: Array<[ProtocolMessageType, unknown]> = [
    [ProtocolMessageType.IMAGE, p.image],
    [ProtocolMessageType.AUDIO, p.sound],
    [ProtocolMessageType.VIDEO, p.video],
    [ProtocolMessageType.FILE, p.file],
  ];
  const filled = media.find(([, url]) => blankToNull(url) !== null);
  const type = messageType(p.code, { location: p.location !== null, contacts: p.contacts.length > 0, media: filled?.[0] ?? null });
  return { type, mediaUrl: filled && type === filled[0] ? blankToNull(filled[1]) : null };
}

/**
 * The type of a message (dialog entry or webhook): what it carries decides first — a location, then
 * contact cards, then the media slot filled (that is data) — and the type letter only when nothing is.
 */
export function messageType(
  code: string | null,
  carries: { location: boolean; contacts: boolean; media: ProtocolMessageType | null },
): ProtocolMessageType {
  if (carries.location) return ProtocolMessageType.LOCATION;
  if (carries.contacts) return ProtocolMessageType.CONTACT_CARD;
  if (carries.media) return carries.media;
  return (code && TYPE_FROM_CODE[code.toUpperCase()]) || ProtocolMessageType.TEXT;
}

function quotedFromWire(r: MaxbotDialogRecord): QuotedMessage | null {
  const parts: MessageParts = {
    code: null,
    text: r.quoted_msg_text,
    sound: r.quoted_msg_sound,
    image: r.quoted_msg_image,
    file: r.quoted_msg_file,
    video: r.quoted_msg_video,
    location: location(r.quoted_msg_location_lat, r.quoted_msg_location_lng, r.quoted_msg_location_preview),
    contacts: contactCardsFromWire(r.quoted_msg_contact),
  };
  const messageId = blankToNull(r.quoted_msg_id);
  const { type, mediaUrl } = typeOf(parts);
  const textValue = blankToNull(parts.text);
  if (messageId === null && textValue === null && mediaUrl === null && parts.location === null && parts.contacts.length === 0) return null;
  return { messageId, type, text: textValue, mediaUrl, location: parts.location, contacts: parts.contacts };
}

/**
 * One dialog entry. maxbot.txt: `"date": "2020-08-31"` (a day, no time), `"flux": "reply"` on the
 * contact's messages and `"sent"` on the attendant's, `"internal_communication": "0"`, `"type": "T"`.
 */
export function dialogMessageFromWire(r: MaxbotDialogRecord, timezone: string): ProtocolMessage {
  const parts: MessageParts = {
    code: blankToNull(r.type),
    text: r.msg_text,
    sound: r.msg_sound,
    image: r.msg_image,
    file: r.msg_file,
    video: r.msg_video,
    location: location(r.msg_location_lat, r.msg_location_lng, r.msg_location_preview),
    contacts: contactCardsFromWire(r.msg_contact),
  };
  const { type, mediaUrl } = typeOf(parts);
  const rawDate = blankToNull(r.date);
  return {
    id: idString(r.id) ?? '',
    date: wireDateToIso(rawDate),
    sentAt: rawDate !== null && /\d{2}:\d{2}/.test(rawDate) ? wireDateTimeToIso(rawDate, timezone) : null,
    type,
    typeCode: parts.code,
    direction: text(r.flux).trim().toLowerCase() === 'reply' ? MessageDirection.INBOUND : MessageDirection.OUTBOUND,
    internal: flag(r.internal_communication) ?? false,
    sentBy: blankToNull(r.sent_by),
    receivedBy: blankToNull(r.received_by),
    messageId: blankToNull(r.msg_id),
    text: blankToNull(parts.text),
    mediaUrl,
    location: parts.location,
    contacts: parts.contacts,
    quoted: quotedFromWire(r),
  };
}

/** An annotation: get_prot's `notes` call the text `note`, get_protocol_annotation calls it `text`. */
export function annotationFromWire(r: MaxbotNoteRecord, protocolId: string, timezone: string): ProtocolAnnotation {
  return {
    id: idString(r.id) ?? '',
    protocolId,
    createdAt: wireDateTimeToIso(r.date, timezone),
    attendantName: blankToNull(r.attendant_name),
    text: text(r.text ?? r.note),
  };
}

export function protocolFromWire(r: MaxbotProtocolRecord, timezone: string): Protocol {
  const id = idString(r.id) ?? '';
  const originCode = blankToNull(r.origin);
  const situationCode = blankToNull(r.situation);
  return {
    id,
    number: idString(r.protocol_number) ?? id,
    origin: originCode === null ? null : (ORIGIN_FROM_WIRE[originCode] ?? null),
    originCode,
    situation: situationCode === null ? null : (SITUATION_FROM_WIRE[situationCode] ?? null),
    situationCode,
    segmentations: (Array.isArray(r.segmentation) ? r.segmentation : []).map((s) => ({ id: idString(s.id) ?? '', title: text(s.title) })),
    serviceSectorName: blankToNull(r.service_sector),
    attendantName: blankToNull(r.attendant_name),
    contact: {
      name: blankToNull(r.contact_name),
      identifier: blankToNull(r.contact_info),
      whatsapp: wirePhoneToE164(blankToNull(r.contact_whatsapp)),
      email: blankToNull(r.contact_email),
      cpf: blankToNull(r.contact_cpf),
      cnpj: blankToNull(r.contact_cnpj),
      companyName: blankToNull(r.contact_company_name),
    },
    createdOn: wireDateToIso(r.created_date),
    startedAt: wireDateTimeToIso(r.started_date, timezone),
    concludedAt: wireDateTimeToIso(r.concluded_date, timezone),
    duration: blankToNull(r.duration),
    observation: blankToNull(r.obs),
    notes: recordsOf(r.notes, 'get_prot notes').map((n) => annotationFromWire(n, id, timezone)),
    dialog: recordsOf(r.dialog, 'get_prot dialog').map((m) => dialogMessageFromWire(m, timezone)),
  };
}

// ── open_followup / terminate_prot ──────────────────────────────────────────────────────────────

/** Ids as JSON integers, as open_followup's JSON example sends them; refused when not a safe integer. */
function wireInt(id: string, field: string): number {
  const n = Number(id);
  if (!Number.isSafeInteger(n)) throw PonteError.validation([{ field, message: 'is too large for a Maxbot id' }]);
  return n;
}

/**
 * open_followup. maxbot.txt's JSON example: `"channel_token": "202304FE…", "contact_id": 1234,
 * "template_id": 1234, "sector_id": 1234, "attendant_id": 0, "scheduled": 1, "scheduled": 1,
 * "date_time": "2020-12-01 13:00:00", "user_otp_code": "12345678"`. Followed as written: ids and
 * `scheduled` as integers (the PHP example's strings are its "$var" interpolation), `scheduled` once
 * (the repeated key is a typo), `attendant_id: 0` for "let the sector pick", `date_time` only when
 * scheduled, in the account's wall-clock time; `channel_token` and `user_otp_code` only when given
 * (the PHP example has no channel_token).
 */
export function openFollowupToWire(input: OpenProtocolInput, timezone: string): WireParams {
  const params: WireParams = {};
  if (input.channelToken != null) params.channel_token = input.channelToken;
  params.contact_id = wireInt(input.contactId, 'contactId');
  params.template_id = wireInt(input.templateId, 'templateId');
  params.sector_id = wireInt(input.serviceSectorId, 'serviceSectorId');
  params.attendant_id = input.attendantId !== undefined ? wireInt(input.attendantId, 'attendantId') : 0;
  params.scheduled = input.scheduleAt !== undefined ? 1 : 0;
  if (input.scheduleAt !== undefined) params.date_time = instantToWire(new Date(input.scheduleAt), timezone);
  if (input.otpCode !== undefined) params.user_otp_code = input.otpCode;
  return params;
}

export function openedProtocol(
  reply: { prot_id: unknown; protocol?: unknown },
  input: OpenProtocolInput,
  timezone: string,
): OpenedProtocol {
  const id = idString(reply.prot_id);
  if (id === null) throw new PonteError('provider_unavailable', 'Maxbot answered open_followup without a prot_id', { provider: 'maxbot' });
  const scheduledAt =
    input.scheduleAt !== undefined ? wireDateTimeToIso(instantToWire(new Date(input.scheduleAt), timezone), timezone) : null;
  return {
    id,
    number: idString(reply.protocol) ?? id,
    contactId: input.contactId,
    templateId: input.templateId,
    serviceSectorId: input.serviceSectorId,
    attendantId: input.attendantId !== undefined && Number(input.attendantId) !== 0 ? input.attendantId : null,
    scheduled: scheduledAt !== null,
    scheduledAt,
  };
}

/** terminate_prot. maxbot.txt: `"ind_env_msg": "1", "prot_id": "1234"` (strings). */
export function terminateToWire(protocolId: string, input: TerminateProtocolInput): WireParams {
  return { ind_env_msg: flagToWire(input.sendClosingMessage), prot_id: protocolId };
}

// ── send_chat_msg / send_chat_audio / send_chat_annex ───────────────────────────────────────────

/** Audio the chat takes: the ogg of send_chat_audio's example and the MP3 of send_sound. */
export const CHAT_AUDIO_EXTENSIONS = ['ogg', 'mp3'] as const;
/** Attachments: the images of send_image (jpg, jpeg, png) and the documents of send_file. */
export const CHAT_ANNEX_EXTENSIONS = ['jpg', 'jpeg', 'png', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pps'] as const;
const IMAGE_EXTENSIONS: readonly string[] = ['jpg', 'jpeg', 'png'];

/**
 * `annex_type`: maxbot.txt shows only "F" (for an .xls). Images are sent as "I" — the platform
 * keeps images and documents apart (send_image vs send_file) and its type letters are initials.
 */
export const ANNEX_TYPE = { image: 'I', file: 'F' } as const;

/**
 * Which allowed file type an upload is, checked before anything is sent (see checkFileType): the
 * name, the declared type and the content must agree and be on the list.
 */
export function checkChatFile(kind: ProtocolMessageKind.AUDIO | ProtocolMessageKind.ATTACHMENT, file: OutgoingFile): string {
  const audio = kind === ProtocolMessageKind.AUDIO;
  return checkFileType(file, audio ? CHAT_AUDIO_EXTENSIONS : CHAT_ANNEX_EXTENSIONS, {
    field: 'file',
    what: `Maxbot chat ${audio ? 'audio' : 'attachments'}`,
    provider: 'maxbot',
  });
}

/** The data URI form both examples use, with the type's standard media type. */
function dataUri(extension: string, data: Buffer): string {
  return `data:${FILE_TYPES[extension].mediaTypes[0]};base64,${data.toString('base64')}`;
}

export interface ChatCall {
  cmd: MaxbotCommand;
  params: WireParams;
  type: ProtocolMessageType;
  msgDateSql: string;
}

/**
 * One outgoing chat message → its command and body. maxbot.txt:
 *   send_chat_msg   `"prot_id": "1234", "msg": "…", "msg_date_sql": "2024-12-18 23:39:43"`
 *   send_chat_audio `"audio_base64": "data:audio/ogg;base64,T2dnUw…", "audio_ext": "ogg"`
 *   send_chat_annex `"annex_name": "nome-do-anexo.xls", "annex_base64": "data:@file/msexcel;base64,0M8R4K…",
 *                   "annex_ext": "xls", "annex_type": "F"`
 * The annex example's `data:@file/msexcel` prefix is read as an artifact of the tool that wrote the
 * example; Ponte sends the standard `data:<media type>;base64,` form the audio example uses.
 * `msg_date_sql` is the caller's `sentAt`, else now, in the account's wall-clock time.
 */
export function chatMessageToWire(protocolId: string, message: OutgoingProtocolMessage, timezone: string, now: Date): ChatCall {
  const msgDateSql = instantToWire(message.sentAt !== null ? new Date(message.sentAt) : now, timezone);
  if (message.kind === ProtocolMessageKind.TEXT) {
    return {
      cmd: 'send_chat_msg',
      params: { prot_id: protocolId, msg: message.text ?? '', msg_date_sql: msgDateSql },
      type: ProtocolMessageType.TEXT,
      msgDateSql,
    };
  }
  if (message.text !== null) {
    throw new PonteError('unsupported_field', 'Maxbot sends chat audio and attachments without a caption (text)', {
      provider: 'maxbot',
      errors: [{ field: 'text', message: `is not supported with ${message.kind} messages on Maxbot` }],
    });
  }
  const file = message.file;
  if (file === null) throw PonteError.validation([{ field: 'file', message: `is required for ${message.kind} messages` }]);
  const extension = checkChatFile(message.kind, file);
  if (message.kind === ProtocolMessageKind.AUDIO) {
    return {
      cmd: 'send_chat_audio',
      params: { prot_id: protocolId, audio_base64: dataUri(extension, file.data), audio_ext: extension, msg_date_sql: msgDateSql },
      type: ProtocolMessageType.AUDIO,
      msgDateSql,
    };
  }
  if (file.filename === null) {
    throw PonteError.validation([{ field: 'filename', message: 'is required for attachments (it is the name the contact sees)' }]);
  }
  const image = IMAGE_EXTENSIONS.includes(extension);
  return {
    cmd: 'send_chat_annex',
    params: {
      prot_id: protocolId,
      annex_name: file.filename,
      annex_base64: dataUri(extension, file.data),
      annex_ext: extension,
      annex_type: image ? ANNEX_TYPE.image : ANNEX_TYPE.file,
      msg_date_sql: msgDateSql,
    },
    type: image ? ProtocolMessageType.IMAGE : ProtocolMessageType.FILE,
    msgDateSql,
  };
}

export function sentMessageFromWire(
  protocolId: string,
  call: ChatCall,
  message: OutgoingProtocolMessage,
  reply: SendChatReply,
  timezone: string,
): SentProtocolMessage {
  const file = message.kind === ProtocolMessageKind.TEXT ? null : message.file;
  return {
    protocolId,
    type: call.type,
    chatId: idString(reply.chat_id),
    messageId: blankToNull(reply.msg_id),
    sentAt: wireDateTimeToIso(call.msgDateSql, timezone) ?? call.msgDateSql,
    fileName: file ? (blankToNull(reply.annex_name ?? reply.audio_name) ?? file.filename) : null,
    fileSize: file ? file.data.length : null,
    fileUrl: file ? blankToNull(reply.annex_url ?? reply.audio_url) : null,
  };
}

// ── get_service_sector / get_attendant ─────────────────────────────────────────────────────────

/** `"08:00-12:00"` → `{start: "08:00", end: "12:00"}`; blank or another form → none. */
function shiftFromWire(raw: unknown): SectorShift | null {
  const match = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text(raw).trim());
  if (!match) return null;
  return { start: `${match[1].padStart(2, '0')}:${match[2]}`, end: `${match[3].padStart(2, '0')}:${match[4]}` };
}

/**
 * A sector: the 21 flat `operation_<day>_answer|shift1|shift2` fields become one object per weekday.
 * Answer codes 0/1/2 are undocumented: read as closed, within the shifts, around the clock.
 */
export function serviceSectorFromWire(r: MaxbotServiceSectorRecord): ServiceSector {
  const day = (d: Weekday): SectorDay => {
    const code = blankToNull(r[`operation_${d}_answer`]);
    return {
      answerMode: code === null ? null : (ANSWER_FROM_WIRE[code] ?? null),
      shifts: [r[`operation_${d}_shift1`], r[`operation_${d}_shift2`]].map(shiftFromWire).filter((s): s is SectorShift => s !== null),
    };
  };
  return {
    id: idString(r.id) ?? '',
    code: blankToNull(r.code),
    name: text(r.name),
    responsible: {
      name: blankToNull(r.responsible_name),
      email: blankToNull(r.responsible_email),
      whatsapp: wirePhoneToE164(blankToNull(r.responsible_whatsapp)),
      mobilePhone: wirePhoneToE164(blankToNull(r.responsible_mobile_phone)),
      phoneExtension: blankToNull(r.responsible_phone_extension),
    },
    schedule: {
      monday: day('monday'),
      tuesday: day('tuesday'),
      wednesday: day('wednesday'),
      thursday: day('thursday'),
      friday: day('friday'),
      saturday: day('saturday'),
      sunday: day('sunday'),
    },
    allowServiceWithUnavailableAttendants: flag(r.allow_service_with_unavailable_attendants),
  };
}

/** maxbot.txt: `"service_sector_id": [1,3,8,29]` (integers), `"status": 1`. */
export function attendantFromWire(r: MaxbotAttendantRecord): Attendant {
  const sectors = Array.isArray(r.service_sector_id)
    ? r.service_sector_id
    : text(r.service_sector_id)
        .split(',')
        .map((s) => s.trim());
  return {
    id: idString(r.id) ?? '',
    name: text(r.name),
    serviceSectorIds: sectors.map((s) => idString(s)).filter((s): s is string => s !== null),
    collaboratorId: idString(r.collaborator_id),
    available: flag(r.status),
  };
}
