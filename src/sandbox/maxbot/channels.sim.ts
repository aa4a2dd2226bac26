import { ok, type MaxbotHandler, type MaxbotWorld } from './world';

export interface ChannelsState {
  instagramAccounts: Array<{ id: string; title: string }>;
  facebookPages: Array<{ id: string; title: string }>;
  gupshup: { balance: string; currency: string };
}

/** get_account_instagram, get_page_facebook and get_balance_gupshup examples in maxbot.txt. */
export function channelsState(world: MaxbotWorld): ChannelsState {
  return world.slice<ChannelsState>('channels', () => ({
    instagramAccounts: [
      { id: '12345678901234542', title: 'account_title_1' },
      { id: '09876543211234567', title: 'account_title_2' },
      { id: '45678901234567897', title: 'account_title_3' },
    ],
    facebookPages: [
      { id: '283905712023100', title: 'page_title_1' },
      { id: '567829013457896', title: 'page_title_2' },
      { id: '874651089034901', title: 'page_title_3' },
    ],
    gupshup: { balance: '99.00', currency: 'USD' },
  }));
}

/**
 * get_channel answers `info` as a JSON object: maxbot.txt prints it as `["whatsapp": "…"]`, which
 * is a PHP associative array, and PHP's json_encode makes an object of it.
 */
const getChannel: MaxbotHandler = (_body, world) =>
  ok({ data: world.channels.map((c) => ({ token: c.token, title: c.title, info: { ...c.info } })) });

const getAccountInstagram: MaxbotHandler = (_body, world) => ok({ data: channelsState(world).instagramAccounts });

const getPageFacebook: MaxbotHandler = (_body, world) => ok({ data: channelsState(world).facebookPages });

const getBalanceGupshup: MaxbotHandler = (_body, world) => {
  const { balance, currency } = channelsState(world).gupshup;
  return ok({ currency_balance: `${balance} ${currency}`, balance, currency });
};

export const channelsHandlers: Record<string, MaxbotHandler> = {
  get_channel: getChannel,
  get_account_instagram: getAccountInstagram,
  get_page_facebook: getPageFacebook,
  get_balance_gupshup: getBalanceGupshup,
};
