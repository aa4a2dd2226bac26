import { ObjectType } from '@nestjs/graphql';
import { Out } from '../../common/validation/fields';
import { PageOf } from '../../common/models/page.model';
import { ChannelKind } from './channel.enums';
import './channel.graphql-enums';

@ObjectType({ description: 'A piece of channel information Ponte does not type (yet), as the platform names it.' })
export class ChannelInfoEntry {
  @Out.string({ description: 'Name, as the platform writes it.', example: 'account' })
  name: string;

  @Out.string({ description: 'Value.', example: 'minha_loja' })
  value: string;
}

@ObjectType({ description: 'A channel of the platform account: a WhatsApp number, a Telegram bot, Facebook pages…' })
export class Channel {
  @Out.id({
    description: 'Channel token: name it as channelToken when sending (Maxbot channel_token).',
    example: '202304B53BF66DB8C0-364F9B-15CBAD',
  })
  token: string;

  @Out.string({ description: 'Title given to the channel on the platform.', nullable: true, example: 'WhatsApp Web' })
  title: string | null;

  @Out.enum(ChannelKind, 'ChannelKind', { description: 'Kind of channel.', example: ChannelKind.WHATSAPP })
  kind: ChannelKind;

  @Out.phone({ description: 'WhatsApp channels: the number, E.164.', nullable: true, example: '+553182096315' })
  whatsappNumber: string | null;

  @Out.string({ description: 'Telegram channels: the bot user.', nullable: true, example: null })
  telegramUser: string | null;

  @Out.stringList({ description: 'Facebook channels: the pages, as the platform names them (empty otherwise).', example: [] })
  facebookPages: string[];

  @Out.list(() => ChannelInfoEntry, { description: 'Other information the platform gives about the channel.', example: [] })
  otherInfo: ChannelInfoEntry[];
}

@ObjectType({ description: 'A page of channels.' })
export class ChannelPage extends PageOf(Channel) {}

@ObjectType({ description: 'An Instagram business account connected to the platform account.' })
export class InstagramAccount {
  @Out.id({ description: 'Account id (use it as to.instagram.accountId).', example: '12345678901234542' })
  id: string;

  @Out.string({ description: 'Title.', nullable: true, example: 'account_title_1' })
  title: string | null;
}

@ObjectType({ description: 'A page of Instagram accounts.' })
export class InstagramAccountPage extends PageOf(InstagramAccount) {}

@ObjectType({ description: 'A Facebook page connected to the platform account.' })
export class FacebookPage {
  @Out.id({ description: 'Page id (use it as to.messenger.pageId).', example: '283905712023100' })
  id: string;

  @Out.string({ description: 'Title.', nullable: true, example: 'page_title_1' })
  title: string | null;
}

@ObjectType({ description: 'A page of Facebook pages.' })
export class FacebookPagePage extends PageOf(FacebookPage) {}

@ObjectType({ description: 'Credit left on the Gupshup (WhatsApp Business provider) account.' })
export class GupshupBalance {
  @Out.money({ description: 'Balance, a decimal string.', nullable: true, example: '99.00' })
  balance: string | null;

  @Out.string({ description: 'Currency, ISO 4217.', nullable: true, example: 'USD' })
  currency: string | null;
}
