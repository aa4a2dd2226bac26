import { Inject, Injectable } from '@nestjs/common';
import type { CallContext } from '../common/context/call-context';
import { PlatformRegistry } from '../platforms/registry';
import type { ListChannelsArgs, ListFacebookPagesArgs, ListInstagramAccountsArgs } from './dto/channel.args';

/** Channels use cases: pick the connection able to do the operation, let its adapter do it. */
@Injectable()
export class ChannelsService {
  constructor(@Inject(PlatformRegistry) private readonly registry: PlatformRegistry) {}

  list(ctx: CallContext, args: ListChannelsArgs) {
    return this.registry.resolve('listChannels', ctx).adapter.listChannels(ctx, args);
  }

  listInstagramAccounts(ctx: CallContext, args: ListInstagramAccountsArgs) {
    return this.registry.resolve('listInstagramAccounts', ctx).adapter.listInstagramAccounts(ctx, args);
  }

  listFacebookPages(ctx: CallContext, args: ListFacebookPagesArgs) {
    return this.registry.resolve('listFacebookPages', ctx).adapter.listFacebookPages(ctx, args);
  }

  getGupshupBalance(ctx: CallContext) {
    return this.registry.resolve('getGupshupBalance', ctx).adapter.getGupshupBalance(ctx);
  }
}
