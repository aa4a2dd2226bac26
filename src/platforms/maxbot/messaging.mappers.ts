/**
 * Pure conversions between Ponte's messaging inputs/models and Maxbot's send_* / send_notice /
 * get_template* wire forms. No I/O here: the adapter calls these around its `cmd` calls, and the
 * unit tests call them directly.
 *
 * Maxbot's send commands are sent the way the maxbot.txt examples (JSON and PHP) send them: every
 * documented key present, `""` for the ones not used (the recipient keys, the e-mail's empty image
 * and file slots, send_notice's date_time when not scheduled), every value a JSON string.
 */
import { PonteError } from '../../common/errors/ponte-error';
import type { OutgoingFile } from '../../common/media/outgoing-file';
import { instantToWire, wireDateTimeToIso } from '../../common/normalize/dates';
import { e164ToDigits } from '../../common/normalize/phone';
import { blankToNull, flag, idString, text } from '../../common/normalize/values';
import type { SendEmailInput } from '../../messaging/dto/email.input';
import type { MessageMediaInput, SendMessageInput } from '../../messaging/dto/message.input';
import type { RecipientInput } from '../../messaging/dto/recipient.input';
import type { SendSmsInput } from '../../messaging/dto/sms.input';
import type { ListTemplatesArgs } from '../../messaging/dto/template.args';
import type { SendTemplateInput } from '../../messaging/dto/template.input';
import { refuseUnsupported, refuseUpload, requireRecipient } from '../../messaging/messaging.rules';
import type { SentMessage } from '../../messaging/messaging.port';
import { MessageState, MessageType, TemplateType } from '../../messaging/models/messaging.enums';
import type { MessageTemplate, TemplateCategory } from '../../messaging/models/template.model';
import { requireNumericIds } from './contacts.mappers';
import type { MaxbotCommand, WireParams } from './maxbot.types';
import type { MaxbotTemplateCategoryRecord, MaxbotTemplateRecord } from './messaging.types';

const PROVIDER = 'maxbot';

/** maxbot.txt send_image: "enviar uma imagem (jpg, jpeg ou png)". */
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png'] as const;
/** maxbot.txt send_file: "enviar um documento (pdf, doc, docx, xls, xlsx, ppt, pptx ou pps)". */
export const FILE_EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pps'] as const;
/** maxbot.txt send_sound: "enviar um arquivo de áudio MP3". */
export const SOUND_EXTENSIONS = ['mp3'] as const;

export const SEND_COMMANDS: Record<MessageType, MaxbotCommand> = {
  [MessageType.TEXT]: 'send_text',
  [MessageType.IMAGE]: 'send_image',
  [MessageType.FILE]: 'send_file',
  [MessageType.AUDIO]: 'send_sound',
};

/** The recipient keys every send_text/image/file/sound example carries. */
const CHAT_RECIPIENT_KINDS = ['whatsapp', 'telegramId', 'messenger', 'instagram', 'externalId', 'cpf'] as const;

/**
 * `to` → the eight recipient keys of send_text/image/file/sound, the one used filled, the others
 * `""` as in the examples (`"ct_whatsapp": "554111113333", "ct_telegram_id": "", ...`).
 */
export function recipientToWire(to: RecipientInput, where: string): WireParams {
  const { kind } = requireRecipient(to, CHAT_RECIPIENT_KINDS, where);
  const params: WireParams = {
    ct_whatsapp: '',
    ct_telegram_id: '',
    ct_messenger: '',
    messenger_page_id: '',
    ct_instagram: '',
    instagram_account_id: '',
    ct_external_id: '',
    ct_br_cpf: '',
  };
  switch (kind) {
    case 'whatsapp':
      params.ct_whatsapp = e164ToDigits(to.whatsapp!);
      break;
    case 'telegramId':
      params.ct_telegram_id = to.telegramId!;
      break;
    case 'messenger':
      params.ct_messenger = to.messenger!.id;
      params.messenger_page_id = to.messenger!.pageId;
      break;
    case 'instagram':
      params.ct_instagram = to.instagram!.id;
      params.instagram_account_id = to.instagram!.accountId;
      break;
    case 'externalId':
      params.ct_external_id = to.externalId!;
      break;
    case 'cpf':
      params.ct_br_cpf = to.cpf!;
      break;
  }
  return params;
}

/** Every Maxbot send names the channel it goes out through; the examples always carry it. */
function requireChannelToken(channelToken: string | undefined, where: string): string {
  if (channelToken === undefined || channelToken === null) {
    throw PonteError.validation([
      {
        field: 'channelToken',
        message: `is required by ${where}: the token of the sending channel (see GET /v1/channels), unless the connection sets a default channelToken`,
      },
    ]);
  }
  return channelToken;
}

/** `https://x/a/foto.PNG?v=1` → `png`; no extension → null. */
function extensionOf(name: string): string | null {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1].toLowerCase() : null;
}

function urlFileName(url: string): string {
  const segment = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The extension Maxbot must be told, checked against its list: `extension` when given, else the
 * URL path's, else (files) the file name's. The problem names the field the extension came from.
 */
export function mediaExtension(
  media: { url: string; extension?: string; fileName?: string },
  allowed: readonly string[],
  field: string,
  what: string,
): string {
  let ext: string | null;
  let source: string;
  if (media.extension !== undefined && media.extension !== null) {
    ext = media.extension.replace(/^\./, '').toLowerCase();
    source = `${field}.extension`;
  } else {
    ext = extensionOf(urlFileName(media.url));
    source = `${field}.url`;
    if (ext === null && media.fileName) {
      ext = extensionOf(media.fileName);
      source = `${field}.fileName`;
    }
  }
  if (ext === null) {
    throw PonteError.validation([
      {
        field: `${field}.extension`,
        message: `is needed: ${field}.url does not end in a file extension (Maxbot takes ${allowed.join(', ')})`,
      },
    ]);
  }
  if (!allowed.includes(ext)) {
    throw PonteError.validation([{ field: source, message: `must be ${what} of type ${allowed.join(', ')} on Maxbot (got ${ext})` }]);
  }
  return ext;
}

/** send_file's file_name: the given one, else the URL's last path segment, with the extension. */
function fileNameFor(media: MessageMediaInput & { url: string }, ext: string): string {
  if (media.fileName) return media.fileName;
  const base = urlFileName(media.url) || 'arquivo';
  return extensionOf(base) === ext ? base : `${base}.${ext}`;
}

/** Media fields each send command has a key for; the others are refused. */
const MEDIA_FIELDS_CARRIED: Record<MessageType, ReadonlyArray<keyof MessageMediaInput>> = {
  [MessageType.TEXT]: [],
  [MessageType.IMAGE]: ['url', 'extension'],
  [MessageType.FILE]: ['url', 'extension', 'fileName'],
  [MessageType.AUDIO]: ['url', 'extension'],
};
const MEDIA_FIELDS: ReadonlyArray<keyof MessageMediaInput> = ['url', 'extension', 'fileName', 'caption'];

/** A chat message → its send_* command and body. Maxbot fetches media itself: an upload is refused. */
export function messageToWire(input: SendMessageInput, upload: OutgoingFile | null = null): { cmd: MaxbotCommand; params: WireParams } {
  const cmd = SEND_COMMANDS[input.type];
  const where = `Maxbot ${cmd}`;
  refuseUpload(upload, where, PROVIDER);
  refuseUnsupported(input, ['scheduleAt', 'openTicket', 'queueId'], where, PROVIDER);
  if (input.media) {
    const carried = MEDIA_FIELDS_CARRIED[input.type];
    refuseUnsupported(
      input.media,
      MEDIA_FIELDS.filter((f) => !carried.includes(f)),
      where,
      PROVIDER,
      'media.',
    );
  }
  const params: WireParams = { channel_token: requireChannelToken(input.channelToken, where), ...recipientToWire(input.to, where) };
  // checkSendMessage made media.url present for media types when nothing was uploaded.
  const media = { ...input.media!, url: input.media?.url as string };
  switch (input.type) {
    case MessageType.TEXT:
      params.msg = input.text!;
      break;
    case MessageType.IMAGE:
      params.image_url = media.url;
      params.image_extension = mediaExtension(media, IMAGE_EXTENSIONS, 'media', 'an image');
      break;
    case MessageType.FILE: {
      const ext = mediaExtension(media, FILE_EXTENSIONS, 'media', 'a document');
      params.file_url = media.url;
      params.file_extension = ext;
      params.file_name = fileNameFor(media, ext);
      break;
    }
    case MessageType.AUDIO:
      params.sound_url = media.url;
      params.sound_extension = mediaExtension(media, SOUND_EXTENSIONS, 'media', 'an audio');
      break;
  }
  return { cmd, params };
}

/** What Maxbot tells of an accepted send: `{"status": 1, "msg": "Success"}` and, for SMS/e-mail, `msg_id`. */
export function sentReceipt(messageId?: unknown): SentMessage {
  return { id: idString(messageId), status: MessageState.ACCEPTED, scheduledAt: null };
}

/**
 * A template message → send_notice: `channel_token`, `contact_id`, `template_id`, `scheduled`
 * ("1"/"0"), `date_time` ("2020-12-01 13:00:00", the account's wall-clock time; "" when not
 * scheduled), `user_otp_code` ("" when none).
 */
export function noticeToWire(input: SendTemplateInput, timezone: string): WireParams {
  const where = 'Maxbot send_notice';
  refuseUnsupported(input, ['templateName', 'variables', 'buttonParams', 'headerAttachmentUrl', 'inboxId'], where, PROVIDER);
  requireRecipient(input.to, ['contactId'], where);
  requireNumericIds([input.to.contactId!], 'to.contactId');
  requireNumericIds([input.templateId!], 'templateId');
  return {
    channel_token: requireChannelToken(input.channelToken, where),
    contact_id: input.to.contactId!,
    template_id: input.templateId!,
    scheduled: input.scheduleAt ? '1' : '0',
    date_time: input.scheduleAt ? instantToWire(new Date(input.scheduleAt), timezone) : '',
    user_otp_code: input.otpCode ?? '',
  };
}

/** The receipt of a send_notice: scheduled at the wall-clock time sent, with the connection's offset. */
export function noticeReceipt(params: WireParams, timezone: string): SentMessage {
  const scheduledAt = params.scheduled === '1' ? wireDateTimeToIso(params.date_time, timezone) : null;
  return { id: null, status: scheduledAt ? MessageState.SCHEDULED : MessageState.ACCEPTED, scheduledAt };
}

/** An SMS → send_sms: `cell_phone` ("5531991234567"), `ct_external_id`, `ct_br_cpf`, `msg`. */
export function smsToWire(input: SendSmsInput): WireParams {
  const { kind } = requireRecipient(input.to, ['phone', 'externalId', 'cpf'], 'Maxbot send_sms');
  return {
    cell_phone: kind === 'phone' ? e164ToDigits(input.to.phone!) : '',
    ct_external_id: kind === 'externalId' ? input.to.externalId! : '',
    ct_br_cpf: kind === 'cpf' ? input.to.cpf! : '',
    msg: input.text,
  };
}

/** Maxbot's e-mail slots: img_url_1..6 / img_extension_1..6 and file_url_1..3 / file_extension_1..3. */
export const EMAIL_IMAGE_SLOTS = 6;
export const EMAIL_FILE_SLOTS = 3;

/**
 * An e-mail → send_email. Every slot is sent, the unused ones as `""`, as the example does. The
 * e-mail extension lists are not documented; those of send_image and send_file are applied.
 */
export function emailToWire(input: SendEmailInput): WireParams {
  const params: WireParams = {
    from_email: input.from.email,
    from_name: input.from.name ?? '',
    subject: input.subject,
    body: input.body,
    footer: input.footer ?? '',
    to_name: input.to.name ?? '',
    to_email: input.to.email,
  };
  const images = input.images ?? [];
  for (let i = 0; i < EMAIL_IMAGE_SLOTS; i++) {
    const image = images[i];
    params[`img_url_${i + 1}`] = image?.url ?? '';
    params[`img_extension_${i + 1}`] = image ? mediaExtension(image, IMAGE_EXTENSIONS, `images[${i}]`, 'an image') : '';
  }
  const files = input.files ?? [];
  for (let i = 0; i < EMAIL_FILE_SLOTS; i++) {
    const file = files[i];
    params[`file_url_${i + 1}`] = file?.url ?? '';
    params[`file_extension_${i + 1}`] = file ? mediaExtension(file, FILE_EXTENSIONS, `files[${i}]`, 'a document') : '';
  }
  return params;
}

const TEMPLATE_TYPE_FROM_WIRE: Record<string, TemplateType> = {
  C: TemplateType.MESSAGE,
  F: TemplateType.FOLLOW_UP,
  A: TemplateType.NOTICE,
};
export const TEMPLATE_TYPE_TO_WIRE: Record<TemplateType, string> = {
  [TemplateType.MESSAGE]: 'C',
  [TemplateType.FOLLOW_UP]: 'F',
  [TemplateType.NOTICE]: 'A',
};

/** get_template filters, both always sent as the example does (`"type": "", "category_id": ""` = all). */
export function templateFiltersToWire(args: ListTemplatesArgs): WireParams {
  return {
    type: args.type !== undefined ? TEMPLATE_TYPE_TO_WIRE[args.type] : '',
    category_id: args.categoryId ?? '',
  };
}

const present = (values: unknown[]): string[] => values.map(blankToNull).filter((v): v is string => v !== null);

export function templateFromWire(r: MaxbotTemplateRecord): MessageTemplate {
  return {
    id: idString(r.id) ?? '',
    type: TEMPLATE_TYPE_FROM_WIRE[text(r.type).trim().toUpperCase()] ?? null,
    categoryId: idString(r.category_id),
    categoryTitle: blankToNull(r.category_title),
    title: blankToNull(r.title),
    text: blankToNull(r.msg),
    imageUrls: present([r.img1, r.img2, r.img3, r.img4, r.img5, r.img6]),
    fileUrls: present([r.arq1, r.arq2, r.arq3]),
    whatsappCategory: blankToNull(r.waba_category),
    whatsappLanguage: blankToNull(r.waba_language),
    whatsappStatus: blankToNull(r.waba_status),
    usable: flag(r.for_use),
  };
}

export function templateCategoryFromWire(r: MaxbotTemplateCategoryRecord): TemplateCategory {
  return { id: idString(r.category_id) ?? '', title: text(r.category_title) };
}
