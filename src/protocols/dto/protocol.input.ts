import { InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Equals, ValidateIf } from 'class-validator';
import { MAX_UPLOAD_BYTES } from '../../common/transport/upload-limits';
import { In } from '../../common/validation/fields';
import { ProtocolMessageKind } from '../models/protocol.enums';
import '../models/protocol.graphql-enums';

@InputType({ description: 'A follow-up protocol to open: a template is sent to the contact and a service protocol opens with it.' })
export class OpenProtocolInput {
  @In.string({
    description:
      "Token of the channel to send the template through (see GET /v1/channels). Default: the connection's `channelToken`; left out when neither is set (the PHP example of the platform omits it).",
    maxLength: 100,
    optional: true,
    example: '202304FE471FF7A477-5FA8BA-E72F90',
  })
  channelToken?: string;

  @In.numericId({ description: 'Contact to send the template to (an existing contact).', example: '1' })
  contactId: string;

  @In.numericId({ description: 'Template to send (a follow-up or authentication template, see GET /v1/templates).', example: '2' })
  templateId: string;

  @In.numericId({ description: 'Service sector the protocol opens in (see GET /v1/service-sectors).', example: '1' })
  serviceSectorId: string;

  @In.numericId({
    description: 'Attendant to assign (see GET /v1/attendants). Leave out to let the sector pick one.',
    optional: true,
    example: '1',
  })
  attendantId?: string;

  @In.dateTime({
    description:
      "Schedule the template for this instant (ISO 8601 with offset; sent in the account's wall-clock time). Leave out to send now.",
    optional: true,
    notPast: true,
    example: '2030-12-02T13:00:00-03:00',
  })
  scheduleAt?: string;

  @In.string({
    description: 'One-time code the template carries, for authentication templates (Maxbot `user_otp_code`).',
    optional: true,
    pattern: /^[A-Za-z0-9]{1,15}$/,
    patternMessage: 'must be 1 to 15 letters or digits',
    example: '12345678',
  })
  otpCode?: string;
}

@InputType({ description: 'How to terminate a protocol.' })
export class TerminateProtocolInput {
  @In.boolean({ description: "Send the account's closing message to the contact (Maxbot `ind_env_msg`).", example: true })
  sendClosingMessage: boolean;
}

@InputType({ description: 'An annotation (internal note) for a protocol.' })
export class AddProtocolAnnotationInput {
  @In.string({ description: 'Text of the annotation.', minLength: 1, maxLength: 5000, example: 'Cliente pediu retorno amanhã.' })
  text: string;
}

const MiB = MAX_UPLOAD_BYTES / (1024 * 1024);

@InputType({
  description:
    'A message for an open protocol chat. JSON (and GraphQL) carry a file as `fileBase64`; REST also takes multipart/form-data with the file in the `file` part.',
})
export class SendProtocolMessageInput {
  @In.enum(ProtocolMessageKind, 'ProtocolMessageKind', {
    description: 'TEXT (needs `text`), AUDIO (ogg or mp3) or ATTACHMENT (jpg, jpeg, png, pdf, doc, docx, xls, xlsx, ppt, pptx, pps).',
    example: ProtocolMessageKind.TEXT,
  })
  type: ProtocolMessageKind;

  @In.string({
    description: 'Text of a TEXT message.',
    minLength: 1,
    maxLength: 4096,
    optional: true,
    example: 'Olá! Seu pedido foi enviado.',
  })
  text?: string;

  @In.string({
    description: `JSON and GraphQL: the file, base64 (a \`data:<type>;base64,\` prefix is accepted). At most ${MiB} MiB decoded; GraphQL requests are limited to 1 MiB in all, so send larger files over REST.`,
    optional: true,
    minLength: 1,
    example: 'T2dnUwACAAAAAAAAAACjLWkxAAAAAGmzCm4BE09wdXNI',
  })
  fileBase64?: string;

  @In.string({
    description:
      'File name with its extension (required for attachments sent as base64; multipart uses the part file name unless this is given).',
    optional: true,
    maxLength: 255,
    pattern: /^[^\\/]+$/,
    patternMessage: 'must be a plain file name (no path)',
    example: 'nome-do-anexo.xls',
  })
  filename?: string;

  @In.string({
    description:
      'Declared content type of the file (multipart: the part Content-Type, which this must then agree with). Must agree with the file name and content.',
    optional: true,
    maxLength: 255,
    pattern: /^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/,
    patternMessage: 'must be a media type such as audio/ogg',
    example: 'application/vnd.ms-excel',
  })
  contentType?: string;

  @In.dateTime({
    description: "Time to record for the message (Maxbot `msg_date_sql`, in the account's wall-clock time). Default: now.",
    optional: true,
    example: '2024-12-18T23:39:43-03:00',
  })
  sentAt?: string;

  // Documents the multipart file part, which reaches the handler apart from the fields: in a JSON body
  // `file` is refused with a pointer to `fileBase64`; GraphQL has no such field.
  @ValidateIf((_o, value) => value !== undefined)
  @Equals(undefined, { message: 'is the multipart file part; in a JSON body send the file as fileBase64' })
  @ApiProperty({
    description: `multipart/form-data only: the file (at most ${MiB} MiB).`,
    type: 'string',
    format: 'binary',
    required: false,
  })
  file?: never;
}
