import type { PonteConfig } from '../config/config.types';
import { DEFAULT_TIMEZONE } from '../common/normalize/dates';
import { ChatguruSimulator } from './chatguru/chatguru.simulator';
import { CloudchatSimulator } from './cloudchat/cloudchat.simulator';
import { CleverchatSimulator } from './cleverchat/cleverchat.simulator';
import { MaxbotSimulator } from './maxbot/maxbot.simulator';
import { OkeybotSimulator } from './okeybot/okeybot.simulator';
import type { SimulatorServer } from './simulator-server';

/**
 * The sandbox Maxbot connection's webhook secret. Fixed and documented (README) so the webhook URL
 * can be tried by hand; it guards nothing real: the sandbox listens on loopback and its data is made up.
 */
export const SANDBOX_WEBHOOK_SECRET = 'sandbox-webhook-secret';

export interface Sandbox {
  config: PonteConfig;
  simulators: Record<string, SimulatorServer>;
  /** Points the simulated Maxbot's webhooks at the gateway, once it listens at `gatewayUrl`. */
  connectWebhooks(gatewayUrl: string): void;
  stop(): Promise<void>;
}

/**
 * Sandbox mode: starts every platform simulator on loopback and returns a configuration whose
 * connections point at them, with fresh random credentials. No API keys: auth is off.
 */
export async function startSandbox(): Promise<Sandbox> {
  const maxbot = new MaxbotSimulator({ maxRecorded: 1000 });
  const okeybot = new OkeybotSimulator({ maxRecorded: 1000 });
  const cloudchat = new CloudchatSimulator({ maxRecorded: 1000 });
  const chatguru = new ChatguruSimulator({ maxRecorded: 1000 });
  const cleverchat = new CleverchatSimulator({ maxRecorded: 20 });
  await Promise.all([maxbot.start(), okeybot.start(), cloudchat.start(), chatguru.start(), cleverchat.start()]);
  const common = { timezone: DEFAULT_TIMEZONE, timeoutMs: 10_000, maxSockets: 64 };
  const config: PonteConfig = {
    connections: [
      {
        id: 'maxbot',
        provider: 'maxbot',
        baseUrl: maxbot.endpoint,
        token: maxbot.token,
        webhookSecret: SANDBOX_WEBHOOK_SECRET,
        default: true,
        ...common,
      },
      {
        id: 'okeybot',
        provider: 'okeybot',
        baseUrl: okeybot.apiUrl,
        channelToken: okeybot.token,
        viber: false,
        rateLimitPerMinute: 100,
        default: false,
        ...common,
      },
      {
        id: 'cloudchat',
        provider: 'cloudchat',
        baseUrl: cloudchat.url,
        accountId: cloudchat.accountId,
        apiAccessToken: cloudchat.token,
        inboxId: cloudchat.inboxIds[0],
        default: false,
        ...common,
      },
      {
        id: 'chatguru',
        provider: 'chatguru',
        baseUrl: chatguru.apiUrl,
        key: chatguru.key,
        accountId: chatguru.accountId,
        phoneId: chatguru.phoneId,
        default: false,
        ...common,
      },
      { id: 'cleverchat', provider: 'cleverchat', baseUrl: cleverchat.url, token: cleverchat.token, default: false, ...common },
    ],
    apiKeys: [],
    authDisabled: true,
    sandbox: true,
    source: 'sandbox',
  };
  const simulators: Record<string, SimulatorServer> = { maxbot, okeybot, cloudchat, chatguru, cleverchat };
  return {
    config,
    simulators,
    connectWebhooks: (gatewayUrl) => {
      maxbot.webhookUrl = `${gatewayUrl}/v1/webhooks/maxbot?secret=${SANDBOX_WEBHOOK_SECRET}`;
    },
    stop: async () => {
      await Promise.all(Object.values(simulators).map((s) => s.stop()));
    },
  };
}
