import { registerEnumType } from '@nestjs/graphql';
import {
  MessageDirection,
  ProtocolMessageKind,
  ProtocolMessageType,
  ProtocolOrigin,
  ProtocolSituation,
  SectorAnswerMode,
} from './protocol.enums';

registerEnumType(ProtocolOrigin, {
  name: 'ProtocolOrigin',
  description:
    'Channel a protocol came from. Maxbot `origin` codes are undocumented except `2` (WhatsApp); the rest follow the channel order of its contact record: 1 Maxbot chat, 2 WhatsApp, 3 Telegram, 4 Messenger, 5 Instagram.',
});
registerEnumType(ProtocolSituation, {
  name: 'ProtocolSituation',
  description:
    'Where a protocol stands. Maxbot `situation` codes are undocumented except `3` on a concluded protocol: 1 waiting, 2 in service, 3 concluded.',
});
registerEnumType(ProtocolMessageType, {
  name: 'ProtocolMessageType',
  description: 'What a dialog message carries: text, image, audio, file, video, location or contact card(s).',
});
registerEnumType(MessageDirection, {
  name: 'MessageDirection',
  description: 'INBOUND: written by the contact (Maxbot flux `reply`); OUTBOUND: sent by the account (flux `sent`).',
});
registerEnumType(ProtocolMessageKind, {
  name: 'ProtocolMessageKind',
  description: 'What to send into an open protocol chat: TEXT, AUDIO (ogg or mp3) or ATTACHMENT (image or document).',
});
registerEnumType(SectorAnswerMode, {
  name: 'SectorAnswerMode',
  description: 'How a service sector answers on a weekday (Maxbot codes 0/1/2, read as): CLOSED, SHIFTS (within its shifts), ALL_DAY.',
});
