import type { CloudchatConnection } from '../../config/config.types';
import type { CallContext } from '../../common/context/call-context';
import type { SendTemplateInput } from '../../messaging/dto/template.input';
import type { SentMessage } from '../../messaging/messaging.port';
import type { AdapterDeps, PlatformAdapter } from '../adapter';
import { CloudchatClient } from './cloudchat.client';
import { proactiveConversationPath, proactiveConversationToWire, receiptFromWire } from './cloudchat.mappers';

/**
 * CloudChat (CloudHumans): the one documented call of cloudchat.txt, a proactive WhatsApp
 * conversation opened from a template. Every other operation is absent on purpose, so the registry
 * answers 501 for it and names the connections that can.
 */
export class CloudchatAdapter implements PlatformAdapter {
  static readonly platform = 'cloudchat' as const;
  private readonly client: CloudchatClient;

  constructor(
    readonly connection: CloudchatConnection,
    deps: AdapterDeps,
  ) {
    this.client = new CloudchatClient(connection, deps.http);
  }

  // ── messaging ───────────────────────────────────────────────────────────────────────────────

  async sendTemplate(ctx: CallContext, input: SendTemplateInput): Promise<SentMessage> {
    const body = proactiveConversationToWire(input, this.connection);
    const reply = await this.client.post(
      ctx,
      proactiveConversationPath(this.connection.accountId),
      body,
      'create_proactive_whatsapp_conversation',
    );
    return receiptFromWire(reply);
  }
}
