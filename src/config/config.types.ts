import type { AllowList } from '../common/http/ip-policy';
import type { CorsPolicy } from '../common/transport/cors';

export const PLATFORMS = ['maxbot', 'cleverchat', 'cloudchat', 'okeybot', 'chatguru'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Display names, for messages and docs. */
export const PLATFORM_NAMES: Record<Platform, string> = {
  maxbot: 'Maxbot',
  cleverchat: 'CleverChat',
  cloudchat: 'CloudChat',
  okeybot: 'OkeyBot',
  chatguru: 'ChatGuru',
};

interface ConnectionBase {
  id: string;
  baseUrl: string;
  /** IANA zone the platform account keeps its wall-clock times in. */
  timezone: string;
  default: boolean;
  /** Per-request upstream timeout (connect, headers and body), milliseconds. */
  timeoutMs: number;
  /** Keep-alive pool size toward this platform. */
  maxSockets: number;
}

export interface MaxbotConnection extends ConnectionBase {
  provider: 'maxbot';
  token: string;
  /** Channel that sends when a message names none (a token from GET /v1/channels). */
  channelToken?: string;
  /**
   * Shared secret of the inbound webhook URL (`/v1/webhooks/{id}?secret=…`). Maxbot does not sign
   * its webhooks, so the secret in the URL is what tells its calls from anyone else's. Without
   * it the connection accepts no webhooks.
   */
  webhookSecret?: string;
}
export interface CleverchatConnection extends ConnectionBase {
  provider: 'cleverchat';
  token: string;
  /** Queue used when a message opens a ticket and the request names none. */
  queueId?: string;
}
export interface CloudchatConnection extends ConnectionBase {
  provider: 'cloudchat';
  accountId: string;
  apiAccessToken: string;
  /** Inbox used when a request names none. */
  inboxId?: string;
}
export interface OkeybotConnection extends ConnectionBase {
  provider: 'okeybot';
  channelToken: string;
  /** Viber channels want contact ids Base64-encoded; Ponte does it transparently. */
  viber: boolean;
  /** OkeyBot allows 100 calls per minute per channel token. */
  rateLimitPerMinute: number;
}
export interface ChatguruConnection extends ConnectionBase {
  provider: 'chatguru';
  key: string;
  accountId: string;
  phoneId: string;
}

export type ConnectionConfig = MaxbotConnection | CleverchatConnection | CloudchatConnection | OkeybotConnection | ChatguruConnection;

export interface ApiKeyConfig {
  name: string;
  /** Lower-case hex SHA-256 of the key; the key itself is never kept. */
  sha256: string;
  /** When set, the key may only use these connections. */
  connections?: string[];
  /** When set, how many live readers (event streams and eventReceived subscriptions) the key may hold at once. */
  maxStreams?: number;
}

/** Where Ponte pushes the events it receives (besides keeping them for GET /v1/events). */
export interface SubscriptionConfig {
  name: string;
  url: string;
  /** Signs each delivery (HMAC-SHA256 in the Ponte-Signature header); never sent itself. */
  secret: string;
  /** Only these event types (all when absent). */
  types?: string[];
  /** Only events of these connections (all when absent). */
  connections?: string[];
  /** Attempts per event, the first included. */
  maxAttempts: number;
  /** Delay before the first retry, doubled for each next one. */
  retryBaseMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
}

export interface PonteConfig {
  connections: ConnectionConfig[];
  apiKeys: ApiKeyConfig[];
  /** Event subscriptions (push delivery); none when absent. */
  subscriptions?: SubscriptionConfig[];
  authDisabled: boolean;
  /** True when the connections point at the embedded simulators. */
  sandbox: boolean;
  /** Where the configuration came from, for logs. */
  source: string;
  /** MEDIA_FETCH_ALLOW_HOSTS: internal hosts media URLs may point at (none when absent). */
  mediaFetchAllowList?: AllowList;
  /** EVENT_LOG_SIZE: received webhook events kept for GET /v1/events (default 1000). */
  eventLogSize?: number;
  /** EVENT_STORE_DIR: where the event feed and the delivery progress are kept across restarts (memory only when absent). */
  eventStoreDir?: string;
  /** EVENT_STORE_FSYNC: each recorded event flushed to the disk before its webhook is answered (default true). */
  eventStoreFsync?: boolean;
  /** EVENT_STREAM_HEARTBEAT_SECONDS: how often an idle event stream gets a comment line (default 15). */
  eventStreamHeartbeatSeconds?: number;
  /** EVENT_STREAMS_MAX: event streams open at once (default 1000). */
  eventStreamsMax?: number;
  /** CORS_ORIGINS: browser origins allowed to call the gateway; no CORS headers when absent. */
  cors?: CorsPolicy;
}

/** The credential values of a connection: what must never leave the gateway. */
export function connectionSecrets(c: ConnectionConfig): string[] {
  switch (c.provider) {
    case 'maxbot':
      return c.webhookSecret ? [c.token, c.webhookSecret] : [c.token];
    case 'cleverchat':
      return [c.token];
    case 'cloudchat':
      return [c.apiAccessToken];
    case 'okeybot':
      return [c.channelToken];
    case 'chatguru':
      return [c.key];
  }
}

/** The secret a connection's inbound webhooks must present; undefined when it accepts none. */
export function webhookSecretOf(c: ConnectionConfig): string | undefined {
  return c.provider === 'maxbot' ? c.webhookSecret : undefined;
}
