import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { PonteOperation } from '../common/openapi/operation.decorator';
import { ChannelsService } from './channels.service';
import { ListChannelsArgs, ListFacebookPagesArgs, ListInstagramAccountsArgs } from './dto/channel.args';
import { ChannelPage, FacebookPagePage, GupshupBalance, InstagramAccountPage } from './models/channel.model';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('v1')
export class ChannelsController {
  constructor(@Inject(ChannelsService) private readonly channels: ChannelsService) {}

  @Get('channels')
  @PonteOperation('listChannels', {
    summary: 'List channels',
    description:
      'The channels of the platform account with what they are (WhatsApp number, Telegram user, Facebook pages). ' +
      'A channel `token` is the `channelToken` of a Maxbot send. The live status of the connection itself is in GET /v1/connections.',
  })
  @ApiOkResponse({ type: ChannelPage })
  listChannels(@Call() ctx: CallContext, @Query() args: ListChannelsArgs) {
    return this.channels.list(ctx, args);
  }

  @Get('channels/instagram-accounts')
  @PonteOperation('listInstagramAccounts', { summary: 'List Instagram accounts' })
  @ApiOkResponse({ type: InstagramAccountPage })
  listInstagramAccounts(@Call() ctx: CallContext, @Query() args: ListInstagramAccountsArgs) {
    return this.channels.listInstagramAccounts(ctx, args);
  }

  @Get('channels/facebook-pages')
  @PonteOperation('listFacebookPages', { summary: 'List Facebook pages' })
  @ApiOkResponse({ type: FacebookPagePage })
  listFacebookPages(@Call() ctx: CallContext, @Query() args: ListFacebookPagesArgs) {
    return this.channels.listFacebookPages(ctx, args);
  }

  @Get('channels/gupshup-balance')
  @PonteOperation('getGupshupBalance', {
    summary: 'Get the Gupshup balance',
    description: 'Credit left on the Gupshup account behind WhatsApp Business channels.',
  })
  @ApiOkResponse({ type: GupshupBalance })
  getGupshupBalance(@Call() ctx: CallContext) {
    return this.channels.getGupshupBalance(ctx);
  }
}
