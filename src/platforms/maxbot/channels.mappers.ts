import { moneyFromWire } from '../../common/normalize/money';
/**
 * Pure conversions of Maxbot's channel replies (get_channel, get_account_instagram,
 * get_page_facebook, get_balance_gupshup) into Ponte models.
 */
import { ChannelKind } from '../../channels/models/channel.enums';
import type { Channel, FacebookPage, GupshupBalance, InstagramAccount } from '../../channels/models/channel.model';
import { wirePhoneToE164 } from '../../common/normalize/phone';
import { blankToNull, idString, text } from '../../common/normalize/values';
import type { GetBalanceGupshupReply, MaxbotChannelRecord, MaxbotNamedRecord } from './channels.types';

/**
 * A channel's `info` as name/value pairs. maxbot.txt shows `"info": ["whatsapp": "553182096315"]`
 * (not JSON): read as an object, or a list of objects, and anything else as no information.
 */
export function channelInfoEntries(info: unknown): Array<[string, string]> {
  if (Array.isArray(info)) return info.flatMap(channelInfoEntries);
  if (!info || typeof info !== 'object') return [];
  return Object.entries(info as Record<string, unknown>)
    .filter(([, v]) => v === null || typeof v !== 'object')
    .map(([k, v]): [string, string] => [k, text(v)]);
}

/** Info keys of the channel kinds the example shows: WhatsApp number, Telegram user, Facebook pages. */
const KNOWN_INFO = { whatsapp: ChannelKind.WHATSAPP, user: ChannelKind.TELEGRAM, pages: ChannelKind.FACEBOOK } as const;

/** For info Ponte does not know, the title may still say what the channel is ("Instagram Loja"). */
function kindFromTitle(title: string): ChannelKind {
  const t = title.toLowerCase();
  if (t.includes('whatsapp')) return ChannelKind.WHATSAPP;
  if (t.includes('telegram')) return ChannelKind.TELEGRAM;
  if (t.includes('instagram')) return ChannelKind.INSTAGRAM;
  if (t.includes('facebook') || t.includes('messenger')) return ChannelKind.FACEBOOK;
  return ChannelKind.OTHER;
}

export function channelFromWire(r: MaxbotChannelRecord): Channel {
  const entries = channelInfoEntries(r.info);
  const value = (key: keyof typeof KNOWN_INFO) => blankToNull(entries.find(([k]) => k.toLowerCase() === key)?.[1]);
  const whatsapp = value('whatsapp');
  const user = value('user');
  const pages = value('pages');
  const title = blankToNull(r.title);
  const kind = whatsapp ? ChannelKind.WHATSAPP : user ? ChannelKind.TELEGRAM : pages ? ChannelKind.FACEBOOK : kindFromTitle(title ?? '');
  return {
    token: text(r.token),
    title,
    kind,
    whatsappNumber: wirePhoneToE164(whatsapp),
    telegramUser: user,
    // "pages": "page1, page2, page3"
    facebookPages: (pages ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    otherInfo: entries.filter(([k]) => !(k.toLowerCase() in KNOWN_INFO)).map(([name, v]) => ({ name, value: v })),
  };
}

export function namedFromWire(r: MaxbotNamedRecord): InstagramAccount & FacebookPage {
  return { id: idString(r.id) ?? '', title: blankToNull(r.title) };
}

/**
 * `{"currency_balance": "99.00 USD", "balance": "99.00", "currency": "USD"}`; when `balance` or
 * `currency` is missing, `currency_balance` ("99.00 USD") is read instead.
 */
export function gupshupBalanceFromWire(r: GetBalanceGupshupReply): GupshupBalance {
  const [amount, currency] = text(r.currency_balance).trim().split(/\s+/);
  return {
    balance: moneyFromWire(r.balance) ?? moneyFromWire(amount),
    currency: (blankToNull(r.currency) ?? blankToNull(currency))?.toUpperCase() ?? null,
  };
}
