import { ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../common/models/page.model';
import { Out } from '../../common/validation/fields';
import { MessageDirection, ProtocolMessageType, ProtocolOrigin, ProtocolSituation } from './protocol.enums';
import './protocol.graphql-enums';

@ObjectType({ description: 'A protocol segmentation (label).' })
export class ProtocolSegmentation {
  @Out.id({ description: 'Segmentation id (see GET /v1/segmentations).', example: '60' })
  id: string;

  @Out.string({ description: 'Title.', example: 'SAC' })
  title: string;
}

@ObjectType({ description: 'The contact served in a protocol, as the protocol records it.' })
export class ProtocolContact {
  @Out.string({ description: 'Name.', nullable: true, example: 'Roberto Fulano' })
  name: string | null;

  @Out.string({
    description: "How the contact is identified on the protocol's channel (Maxbot `contact_info`: the WhatsApp number in the docs).",
    nullable: true,
    example: '553195551111',
  })
  identifier: string | null;

  @Out.phone({ description: 'WhatsApp number, E.164.', nullable: true, example: '+553195551111' })
  whatsapp: string | null;

  @Out.string({ description: 'E-mail address.', nullable: true, example: null })
  email: string | null;

  @Out.string({ description: 'CPF, 11 digits.', nullable: true, example: null })
  cpf: string | null;

  @Out.string({ description: 'CNPJ, 14 characters.', nullable: true, example: null })
  cnpj: string | null;

  @Out.string({ description: 'Company name.', nullable: true, example: null })
  companyName: string | null;
}

@ObjectType({ description: 'An annotation (internal note) on a protocol.' })
export class ProtocolAnnotation {
  @Out.id({ description: 'Annotation id.', example: '11' })
  id: string;

  @Out.id({ description: 'Protocol the annotation belongs to.', example: '143' })
  protocolId: string;

  @Out.dateTime({
    description: 'When it was written, with the connection UTC offset; null on an annotation just created (not read back yet).',
    nullable: true,
    example: '2020-08-31T14:36:47-03:00',
  })
  createdAt: string | null;

  @Out.string({ description: 'Attendant who wrote it; null on an annotation just created.', nullable: true, example: 'Rodrigo Gomide' })
  attendantName: string | null;

  @Out.string({ description: 'Text.', example: 'Cliente pede urgência, pois precisa da internet para realizar uma live.' })
  text: string;
}

@ObjectType({ description: 'A shared location.' })
export class MessageLocation {
  @Out.float({ description: 'Latitude, decimal degrees.', example: -19.9191 })
  latitude: number;

  @Out.float({ description: 'Longitude, decimal degrees.', example: -43.9386 })
  longitude: number;

  @Out.url({ description: 'Map preview image URL.', nullable: true, example: null })
  previewUrl: string | null;
}

@ObjectType({ description: 'A shared contact card.' })
export class ContactCard {
  @Out.string({ description: 'Name on the card.', nullable: true, example: 'Keli Marchi' })
  name: string | null;

  @Out.stringList({ description: 'Phone numbers on the card (E.164 when they parse as phones).', example: ['+5531911116666'] })
  phones: string[];

  @Out.string({ description: 'The card as a vCard, when the platform sends one.', nullable: true, example: null })
  vcard: string | null;
}

@ObjectType({ description: 'The message a dialog message replies to (quotes).' })
export class QuotedMessage {
  @Out.string({ description: 'Channel message id of the quoted message.', nullable: true, example: '3EB03C160CBC1BC9B9D9' })
  messageId: string | null;

  @Out.enum(ProtocolMessageType, 'ProtocolMessageType', {
    description: 'What the quoted message carries.',
    example: ProtocolMessageType.TEXT,
  })
  type: ProtocolMessageType;

  @Out.string({ description: 'Text (or caption).', nullable: true, example: 'Preciso de suporte técnico.' })
  text: string | null;

  @Out.url({ description: 'URL of the image, audio, file or video.', nullable: true, example: null })
  mediaUrl: string | null;

  @Out.object(() => MessageLocation, { description: 'Location, when one was quoted.', nullable: true })
  location: MessageLocation | null;

  @Out.list(() => ContactCard, { description: 'Contact cards, when quoted.', example: [] })
  contacts: ContactCard[];
}

@ObjectType({ description: 'One message of a protocol dialog.' })
export class ProtocolMessage {
  @Out.id({ description: 'Dialog entry id.', example: '769' })
  id: string;

  @Out.date({ description: 'Day of the message (Maxbot gives the dialog date without a time).', nullable: true, example: '2020-08-31' })
  date: string | null;

  @Out.dateTime({ description: 'Exact time, when the platform gives one; null otherwise.', nullable: true, example: null })
  sentAt: string | null;

  @Out.enum(ProtocolMessageType, 'ProtocolMessageType', { description: 'What the message carries.', example: ProtocolMessageType.TEXT })
  type: ProtocolMessageType;

  @Out.string({ description: "The platform's own type code (Maxbot `type`, e.g. `T`).", nullable: true, example: 'T' })
  typeCode: string | null;

  @Out.enum(MessageDirection, 'MessageDirection', {
    description: 'INBOUND from the contact (Maxbot flux `reply`), OUTBOUND from the account (flux `sent`).',
    example: MessageDirection.INBOUND,
  })
  direction: MessageDirection;

  @Out.boolean({ description: 'An internal message between attendants, not seen by the contact.', example: false })
  internal: boolean;

  @Out.string({ description: 'Who sent it.', nullable: true, example: 'Roberto Fulano' })
  sentBy: string | null;

  @Out.string({ description: 'Who received it.', nullable: true, example: 'Rodrigo Gomide' })
  receivedBy: string | null;

  @Out.string({
    description: 'Channel message id (e.g. the WhatsApp id); null for messages without one.',
    nullable: true,
    example: '3EB03C160CBC1BC9B9D9',
  })
  messageId: string | null;

  @Out.string({
    description: 'Text (or caption).',
    nullable: true,
    example: 'Olá, estou sem acesso à internet. Preciso de suporte técnico.',
  })
  text: string | null;

  @Out.url({ description: 'URL of the image, audio, file or video.', nullable: true, example: null })
  mediaUrl: string | null;

  @Out.object(() => MessageLocation, { description: 'Location, on LOCATION messages.', nullable: true })
  location: MessageLocation | null;

  @Out.list(() => ContactCard, { description: 'Contact cards, on CONTACT_CARD messages.', example: [] })
  contacts: ContactCard[];

  @Out.object(() => QuotedMessage, { description: 'The message this one replies to, if any.', nullable: true })
  quoted: QuotedMessage | null;
}

@ObjectType({ description: 'A service protocol (ticket): who was served, by whom, when, its notes and its whole dialog.' })
export class Protocol {
  @Out.id({ description: 'Protocol id.', example: '143' })
  id: string;

  @Out.string({ description: 'Protocol number shown to the contact.', example: '143' })
  number: string;

  @Out.enum(ProtocolOrigin, 'ProtocolOrigin', {
    description: 'Channel it came from; null for an unknown code.',
    nullable: true,
    example: ProtocolOrigin.WHATSAPP,
  })
  origin: ProtocolOrigin | null;

  @Out.string({ description: "The platform's own origin code (Maxbot `origin`).", nullable: true, example: '2' })
  originCode: string | null;

  @Out.enum(ProtocolSituation, 'ProtocolSituation', {
    description: 'Where it stands; null for an unknown code.',
    nullable: true,
    example: ProtocolSituation.CONCLUDED,
  })
  situation: ProtocolSituation | null;

  @Out.string({ description: "The platform's own situation code (Maxbot `situation`).", nullable: true, example: '3' })
  situationCode: string | null;

  @Out.list(() => ProtocolSegmentation, { description: 'Protocol segmentations.', example: [{ id: '60', title: 'SAC' }] })
  segmentations: ProtocolSegmentation[];

  @Out.string({ description: 'Service sector name.', nullable: true, example: 'Suporte Técnico' })
  serviceSectorName: string | null;

  @Out.string({ description: 'Attendant name.', nullable: true, example: 'Rodrigo Gomide' })
  attendantName: string | null;

  @Out.object(() => ProtocolContact, { description: 'The contact served.' })
  contact: ProtocolContact;

  @Out.date({ description: 'Day the protocol was opened.', nullable: true, example: '2020-08-31' })
  createdOn: string | null;

  @Out.dateTime({
    description: 'When service started, with the connection UTC offset.',
    nullable: true,
    example: '2020-08-31T14:33:39-03:00',
  })
  startedAt: string | null;

  @Out.dateTime({ description: 'When it was concluded.', nullable: true, example: '2020-08-31T14:37:52-03:00' })
  concludedAt: string | null;

  @Out.string({ description: 'Service duration as the platform reports it (HH:MM:SS).', nullable: true, example: '00:00:04' })
  duration: string | null;

  @Out.string({ description: 'Closing remark (Maxbot `obs`).', nullable: true, example: 'Atendimento encerrado pelo atendente.' })
  observation: string | null;

  // GraphQL resolves these two as fields (ProtocolsResolver), with arguments; REST always includes them.
  @ApiProperty({ description: 'Annotations, newest first as the platform lists them.', type: [ProtocolAnnotation], required: true })
  notes: ProtocolAnnotation[];

  @ApiProperty({ description: 'The whole dialog, oldest first.', type: [ProtocolMessage], required: true })
  dialog: ProtocolMessage[];
}

@ObjectType({ description: 'A page of protocols.' })
export class ProtocolPage extends PageOf(Protocol) {}

@ObjectType({ description: 'A page of protocol annotations.' })
export class ProtocolAnnotationPage extends PageOf(ProtocolAnnotation) {}

@ObjectType({ description: 'A follow-up protocol just opened (or scheduled) from a template.' })
export class OpenedProtocol {
  @Out.id({ description: 'Protocol id.', example: '1234' })
  id: string;

  @Out.string({ description: 'Protocol number.', example: '1234' })
  number: string;

  @Out.id({ description: 'Contact the template went to.', example: '1' })
  contactId: string;

  @Out.id({ description: 'Template sent.', example: '2' })
  templateId: string;

  @Out.id({ description: 'Service sector of the protocol.', example: '1' })
  serviceSectorId: string;

  @Out.id({ description: 'Attendant assigned; null when the sector picks one.', nullable: true, example: null })
  attendantId: string | null;

  @Out.boolean({ description: 'Whether the template is scheduled rather than sent now.', example: false })
  scheduled: boolean;

  @Out.dateTime({ description: 'When the scheduled template goes out; null when sent now.', nullable: true, example: null })
  scheduledAt: string | null;
}

@ObjectType({ description: 'A protocol just terminated.' })
export class TerminatedProtocol {
  @Out.id({ description: 'Protocol id.', example: '1234' })
  id: string;

  @Out.boolean({ description: 'Whether the closing message was sent to the contact.', example: true })
  closingMessageSent: boolean;
}

@ObjectType({ description: 'A message just sent into an open protocol chat.' })
export class SentProtocolMessage {
  @Out.id({ description: 'Protocol id.', example: '1234' })
  protocolId: string;

  @Out.enum(ProtocolMessageType, 'ProtocolMessageType', {
    description: 'What was sent (TEXT, AUDIO, IMAGE or FILE).',
    example: ProtocolMessageType.TEXT,
  })
  type: ProtocolMessageType;

  @Out.string({ description: 'Chat id on the platform (Maxbot `chat_id`).', nullable: true, example: '1234' })
  chatId: string | null;

  @Out.string({ description: 'Channel message id (Maxbot `msg_id`).', nullable: true, example: '3EB0737BBEAA8506A326' })
  messageId: string | null;

  @Out.dateTime({ description: 'Time recorded for the message, with the connection UTC offset.', example: '2024-12-18T23:39:43-03:00' })
  sentAt: string;

  @Out.string({ description: 'File name, for audio and attachments.', nullable: true, example: null })
  fileName: string | null;

  @Out.int({ description: 'Size of the file sent, in bytes.', nullable: true, example: null })
  fileSize: number | null;

  @Out.url({ description: 'Where the platform stored the file.', nullable: true, example: null })
  fileUrl: string | null;
}
