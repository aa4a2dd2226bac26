/**
 * Maxbot wire types of the channel commands (get_channel, get_account_instagram,
 * get_page_facebook, get_balance_gupshup), written from the examples in maxbot.txt.
 */
import type { MaxbotReply } from './maxbot.types';

/**
 * A channel as get_channel returns it. maxbot.txt prints `info` as `["whatsapp": "553182096315"]`,
 * which is not JSON (a PHP associative array shown with brackets); it is read as the object that
 * PHP's json_encode makes of it, and a list of such objects is accepted too.
 */
export interface MaxbotChannelRecord {
  token: string;
  title?: string;
  info?: unknown;
}

export interface GetChannelReply extends MaxbotReply {
  data?: MaxbotChannelRecord[];
}

/** An Instagram account (get_account_instagram) or a Facebook page (get_page_facebook). */
export interface MaxbotNamedRecord {
  id: string | number;
  title?: string;
}

export interface GetNamedListReply extends MaxbotReply {
  data?: MaxbotNamedRecord[];
}

/** `"currency_balance": "99.00 USD", "balance": "99.00", "currency": "USD"`. */
export interface GetBalanceGupshupReply extends MaxbotReply {
  currency_balance?: string;
  balance?: string | number;
  currency?: string;
}
