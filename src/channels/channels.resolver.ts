import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { CallContext } from '../common/context/call-context';
import { Call, ConnectionArg } from '../common/context/call.decorator';
import { withPlatforms } from '../common/openapi/operation.decorator';
import { ChannelsService } from './channels.service';
import { ListChannelsArgs, ListFacebookPagesArgs, ListInstagramAccountsArgs } from './dto/channel.args';
import { ChannelPage, FacebookPagePage, GupshupBalance, InstagramAccountPage } from './models/channel.model';

@Resolver()
export class ChannelsResolver {
  constructor(@Inject(ChannelsService) private readonly channels: ChannelsService) {}

  @Query(() => ChannelPage, {
    name: 'channels',
    description: withPlatforms('listChannels', 'Channels of the platform account (their token is the channelToken of a send), paged.'),
  })
  listChannels(@Call() ctx: CallContext, @Args() args: ListChannelsArgs) {
    return this.channels.list(ctx, args);
  }

  @Query(() => InstagramAccountPage, {
    name: 'instagramAccounts',
    description: withPlatforms('listInstagramAccounts', 'Instagram business accounts, paged.'),
  })
  listInstagramAccounts(@Call() ctx: CallContext, @Args() args: ListInstagramAccountsArgs) {
    return this.channels.listInstagramAccounts(ctx, args);
  }

  @Query(() => FacebookPagePage, { name: 'facebookPages', description: withPlatforms('listFacebookPages', 'Facebook pages, paged.') })
  listFacebookPages(@Call() ctx: CallContext, @Args() args: ListFacebookPagesArgs) {
    return this.channels.listFacebookPages(ctx, args);
  }

  @Query(() => GupshupBalance, {
    name: 'gupshupBalance',
    description: withPlatforms('getGupshupBalance', 'Credit left on the Gupshup account.'),
  })
  getGupshupBalance(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined) {
    return this.channels.getGupshupBalance(ctx);
  }
}
