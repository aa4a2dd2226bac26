import { registerEnumType } from '@nestjs/graphql';
import { ChannelKind } from './channel.enums';

registerEnumType(ChannelKind, {
  name: 'ChannelKind',
  description:
    'Kind of an account channel, read from what the platform tells about it: WHATSAPP, TELEGRAM, FACEBOOK (Messenger), INSTAGRAM or OTHER.',
});
