import type { CallContext } from '../common/context/call-context';
import type { Page } from '../common/pagination/page';
import type { ListChannelsArgs, ListFacebookPagesArgs, ListInstagramAccountsArgs } from './dto/channel.args';
import type { Channel, FacebookPage, GupshupBalance, InstagramAccount } from './models/channel.model';

/**
 * The platform account's channels and what is connected to them. Every method is optional: an
 * adapter implements the ones its platform supports. (The live status of a connection is
 * ConnectionsPort.getConnectionStatus, shown by GET /v1/connections.)
 */
export interface ChannelsPort {
  listChannels?(ctx: CallContext, args: ListChannelsArgs): Promise<Page<Channel>>;
  listInstagramAccounts?(ctx: CallContext, args: ListInstagramAccountsArgs): Promise<Page<InstagramAccount>>;
  listFacebookPages?(ctx: CallContext, args: ListFacebookPagesArgs): Promise<Page<FacebookPage>>;
  getGupshupBalance?(ctx: CallContext): Promise<GupshupBalance>;
}

export const CHANNELS_OPERATIONS = [
  'listChannels',
  'listInstagramAccounts',
  'listFacebookPages',
  'getGupshupBalance',
] as const satisfies readonly (keyof ChannelsPort)[];
