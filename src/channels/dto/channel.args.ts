import { ArgsType } from '@nestjs/graphql';
import { ListArgs } from '../../common/models/list.args';
import { In } from '../../common/validation/fields';
import { ChannelKind } from '../models/channel.enums';
import '../models/channel.graphql-enums';

@ArgsType()
export class ListChannelsArgs extends ListArgs {
  @In.enum(ChannelKind, 'ChannelKind', { description: 'Only channels of this kind.', optional: true, example: ChannelKind.WHATSAPP })
  kind?: ChannelKind;
}

@ArgsType()
export class ListInstagramAccountsArgs extends ListArgs {}

@ArgsType()
export class ListFacebookPagesArgs extends ListArgs {}
