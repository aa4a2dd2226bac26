import { InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Equals, ValidateIf } from 'class-validator';
import { MAX_UPLOAD_BYTES } from '../../common/transport/upload-limits';
import { In } from '../../common/validation/fields';
import { MessageType } from '../models/messaging.enums';
import '../models/messaging.graphql-enums';
import { RecipientInput } from './recipient.input';

/** Shared by every send that names the account channel it goes out through. */
export const CHANNEL_TOKEN_DOC = {
  description:
    'Maxbot: token of the account channel that sends (see GET /v1/channels); required there unless the connection sets a default `channelToken`. Other platforms send through the connection and refuse it.',
  optional: true,
  minLength: 1,
  maxLength: 100,
  pattern: /^[\x21-\x7e]+$/,
  patternMessage: 'must be a channel token without spaces (see GET /v1/channels)',
  example: '202304B53BF66DB8C0-364F9B-15CBAD',
} as const;

@InputType({
  description:
    'The media of an image, file or audio message, given by URL: the platform fetches it (Maxbot), or the gateway does and uploads it (CleverChat: https only, ' +
    'public addresses only). Over REST the file can be uploaded instead (multipart/form-data, part `file`); `media` then only carries `caption` or `fileName`.',
})
export class MessageMediaInput {
  @In.url({
    description:
      'Where the media can be fetched (http or https; CleverChat: https, fetched by the gateway). Required unless the file is uploaded in the multipart part `file`.',
    optional: true,
    example: 'https://www.meusite.com.br/foto.png',
  })
  url?: string;

  @In.string({
    description:
      'File extension (e.g. "png", "pdf", "mp3"); by default read from the URL path (then from fileName). Give it when the URL does not end in one. ' +
      'Maxbot accepts jpg, jpeg, png for images; pdf, doc, docx, xls, xlsx, ppt, pptx, pps for files; mp3 for audio. ' +
      'Not on ChatGuru, which reads the type from the URL (422).',
    optional: true,
    minLength: 1,
    maxLength: 11,
    pattern: /^\.?[A-Za-z0-9]{1,10}$/,
    patternMessage: 'must be a file extension such as png or pdf',
    example: 'png',
  })
  extension?: string;

  @In.string({
    description:
      "File name shown to the recipient (files). Default: the last segment of the URL path (Maxbot, CleverChat) or the uploaded part's file name. ChatGuru: sent as the caption (give caption or fileName, not both).",
    optional: true,
    minLength: 1,
    maxLength: 255,
    pattern: /^[^/\\]+$/,
    patternMessage: 'must be a file name without slashes',
    example: 'contrato.pdf',
  })
  fileName?: string;

  @In.string({
    description: 'Text shown with the media, where the platform can carry one (CleverChat `body`; not on Maxbot).',
    optional: true,
    maxLength: 1024,
    example: 'Segue o contrato',
  })
  caption?: string;
}

@InputType({
  description:
    'A chat message to one recipient: `text` for type text, `media` for image, file and audio. Fields a platform cannot carry are refused with 422 unsupported_field, never dropped.',
})
export class SendMessageInput {
  @In.enum(MessageType, 'MessageType', { description: 'What the message carries.', example: MessageType.TEXT })
  type: MessageType;

  @In.object(() => RecipientInput, { description: 'Who receives it: exactly one way of reaching them.' })
  to: RecipientInput;

  @In.string(CHANNEL_TOKEN_DOC)
  channelToken?: string;

  @In.string({
    description: 'The text (type text only; for media use media.caption).',
    optional: true,
    minLength: 1,
    maxLength: 4096,
    pattern: /\S/,
    patternMessage: 'must not be blank',
    example: 'Olá',
  })
  text?: string;

  @In.object(() => MessageMediaInput, { description: 'The media (types image, file and audio).', optional: true })
  media?: MessageMediaInput;

  @In.dateTime({
    description: 'Send later, at this instant (ISO 8601 with offset), where the platform can schedule (ChatGuru). Not on Maxbot.',
    optional: true,
    notPast: true,
    example: '2030-12-02T13:00:00-03:00',
  })
  scheduleAt?: string;

  @In.boolean({ description: 'CleverChat: also open a service ticket for the conversation.', optional: true, example: false })
  openTicket?: boolean;

  @In.string({
    description: "CleverChat: queue of the ticket opened with openTicket (default: the connection's queueId).",
    optional: true,
    minLength: 1,
    maxLength: 64,
    pattern: /^[\x21-\x7e]+$/,
    patternMessage: 'must be an id without spaces',
    example: '3',
  })
  queueId?: string;

  // Documents the multipart file part, which reaches the handler apart from the fields: in a JSON body
  // `file` is refused with a pointer to `media.url`; GraphQL has no such field.
  @ValidateIf((_o, value) => value !== undefined)
  @Equals(undefined, { message: 'is the multipart file part; in a JSON body give media.url' })
  @ApiProperty({
    description:
      `multipart/form-data only: the file of an image, file or audio message (at most ${MAX_UPLOAD_BYTES / (1024 * 1024)} MiB), instead of media.url. ` +
      'The other fields go as form fields, nested ones in brackets (`to[whatsapp]`, `media[caption]`). Platforms that only take URLs (Maxbot) refuse it (422).',
    type: 'string',
    format: 'binary',
    required: false,
  })
  file?: never;
}
