import { ObjectType } from '@nestjs/graphql';
import { Charge } from '../../charges/models/charge.model';
import { Contact } from '../../contacts/models/contact.model';
import { PageOf } from '../../common/models/page.model';
import { Out } from '../../common/validation/fields';
import { PLATFORMS, type Platform } from '../../config/config.types';
import { ProtocolMessageType, ProtocolOrigin } from '../../protocols/models/protocol.enums';
import { ContactCard } from '../../protocols/models/protocol.model';
import '../../protocols/models/protocol.graphql-enums';
import { EventType } from './event.enums';
import './event.graphql-enums';

@ObjectType({ description: 'An image, audio, file or video that came with a message, as the platform describes it.' })
export class InboundMedia {
  @Out.string({ description: 'File name (Maxbot `*_filename`).', nullable: true, example: 'foto.jpg' })
  filename: string | null;

  @Out.string({
    description: 'Name the platform stored the file under (Maxbot `*_local_filename`).',
    nullable: true,
    example: '8ca7a22e5fe3c6bb72d8d1d14e8784fe.jpg',
  })
  storedFilename: string | null;

  @Out.string({ description: 'Extension, lower case, without the dot (Maxbot `*_extension`).', nullable: true, example: 'jpg' })
  extension: string | null;

  @Out.string({
    description: 'Size as the platform gives it (Maxbot `*_size`; the unit is undocumented).',
    nullable: true,
    example: '48213',
  })
  size: string | null;

  @Out.string({ description: 'Description or caption the platform sent with it (Maxbot `*_info`).', nullable: true, example: null })
  info: string | null;
}

@ObjectType({ description: 'A shared location.' })
export class InboundLocation {
  @Out.float({ description: 'Latitude, decimal degrees.', example: -19.9191 })
  latitude: number;

  @Out.float({ description: 'Longitude, decimal degrees.', example: -43.9386 })
  longitude: number;

  @Out.url({ description: 'Map preview image URL (Maxbot `map_img`).', nullable: true, example: null })
  previewUrl: string | null;

  @Out.url({ description: 'Link to the place on a map (Maxbot `map_location_url`).', nullable: true, example: null })
  mapUrl: string | null;
}

/** What a received message, or the message it quotes, carries. */
@ObjectType({ isAbstract: true })
abstract class InboundContent {
  @Out.string({ description: 'Channel message id (e.g. the WhatsApp id).', nullable: true, example: '3EB04714F09C9DE532E2' })
  messageId: string | null;

  @Out.enum(ProtocolMessageType, 'ProtocolMessageType', { description: 'What the message carries.', example: ProtocolMessageType.TEXT })
  type: ProtocolMessageType;

  @Out.string({ description: "The platform's type code (Maxbot `type`, `quoted_type`; e.g. `T`).", nullable: true, example: 'T' })
  typeCode: string | null;

  @Out.string({ description: 'Text (or caption).', nullable: true, example: 'Teste webhook 2' })
  text: string | null;

  @Out.object(() => InboundMedia, { description: 'Media, on IMAGE, AUDIO, FILE and VIDEO messages.', nullable: true })
  media: InboundMedia | null;

  @Out.object(() => InboundLocation, { description: 'Location, on LOCATION messages.', nullable: true })
  location: InboundLocation | null;

  @Out.list(() => ContactCard, { description: 'Contact cards, on CONTACT_CARD messages.', example: [] })
  contacts: ContactCard[];
}

@ObjectType({ description: 'The message a received message replies to.' })
export class InboundQuotedMessage extends InboundContent {}

@ObjectType({ description: 'A message a contact sent to the account.' })
export class InboundMessage extends InboundContent {
  @Out.dateTime({
    description: 'When it was sent, with the connection UTC offset (Maxbot `msg_timestamp`, else `msg_date`).',
    nullable: true,
    example: '2022-01-25T13:52:13-03:00',
  })
  sentAt: string | null;

  @Out.string({ description: 'Ad or post the conversation started from (Maxbot `referral`), as sent.', nullable: true, example: null })
  referral: string | null;

  @Out.object(() => InboundQuotedMessage, { description: 'The message this one replies to, if any.', nullable: true })
  quoted: InboundQuotedMessage | null;

  @Out.enum(ProtocolOrigin, 'ProtocolOrigin', { description: 'Channel it came through.', nullable: true, example: ProtocolOrigin.WHATSAPP })
  channel: ProtocolOrigin | null;

  @Out.string({ description: "The platform's channel code (Maxbot `origin`).", nullable: true, example: '2' })
  channelCode: string | null;

  @Out.phone({ description: "Sender's WhatsApp number, E.164.", nullable: true, example: '+5531911112222' })
  from: string | null;

  @Out.string({ description: 'Platform id of the contact who wrote.', nullable: true, example: '1' })
  contactId: string | null;

  @Out.boolean({
    description: 'True when it arrived in an attendance (Maxbot "Mensagem Recebida em Atendimento"); `protocolId` then names it.',
    example: false,
  })
  inAttendance: boolean;

  @Out.string({ description: 'Protocol (ticket) in attendance the message belongs to.', nullable: true, example: null })
  protocolId: string | null;

  @Out.string({ description: 'Chat id of the attendance (Maxbot `chat_id`).', nullable: true, example: null })
  chatId: string | null;

  @Out.url({ description: "Contact's avatar URL.", nullable: true, example: null })
  avatarUrl: string | null;
}

@ObjectType({ description: 'Something a platform reported through its webhook, received, verified and normalized by Ponte.' })
export class PonteEvent {
  @Out.id({ description: 'Event id (Ponte); the `after` of the next poll.', example: 'evt_3f1c0d9e-2b7a-4c5e-9f60-1a2b3c4d5e6f' })
  id: string;

  @Out.enum(EventType, 'EventType', { description: 'What happened.', example: EventType.MESSAGE_RECEIVED })
  type: EventType;

  @Out.string({ description: 'Connection whose webhook delivered it.', example: 'maxbot' })
  connectionId: string;

  @Out.string({ description: `Platform of that connection (${PLATFORMS.join(', ')}).`, example: 'maxbot' })
  platform: Platform;

  @Out.dateTime({ description: "When Ponte received it, in the connection's offset.", example: '2022-01-25T13:52:15.120-03:00' })
  receivedAt: string;

  @Out.dateTime({
    description: 'When it happened, as the platform tells (message time, contact update time); null when it does not.',
    nullable: true,
    example: '2022-01-25T13:52:13-03:00',
  })
  occurredAt: string | null;

  @Out.object(() => InboundMessage, { description: 'On `message.received`: the message.', nullable: true })
  message: InboundMessage | null;

  @Out.object(() => Contact, {
    description: 'On `contact.*`: the contact as it now is. On `message.received`: the sender, when the platform sends the record.',
    nullable: true,
  })
  contact: Contact | null;

  @Out.object(() => Charge, { description: 'On `charge.updated`: the charge with its notification timeline.', nullable: true })
  charge: Charge | null;
}

@ObjectType({ description: 'A page of events, oldest first.' })
export class EventPage extends PageOf(PonteEvent) {}

@ObjectType({ description: "Ponte's answer to a platform's webhook call." })
export class WebhookReceipt {
  @Out.boolean({ description: 'Always true: the payload was verified, normalized and recorded.', example: true })
  received: boolean;

  @Out.string({ description: 'Id of the recorded event.', example: 'evt_3f1c0d9e-2b7a-4c5e-9f60-1a2b3c4d5e6f' })
  eventId: string;

  @Out.enum(EventType, 'EventType', { description: 'Its type.', example: EventType.MESSAGE_RECEIVED })
  type: EventType;

  @Out.boolean({
    description: 'True when the platform had already delivered this message (same message id): the first event is kept, no new one.',
    example: false,
  })
  duplicate: boolean;
}
