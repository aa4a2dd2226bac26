import { Inject, Injectable } from '@nestjs/common';
import type { CallContext } from '../common/context/call-context';
import { fileFromUpload, type UploadedPart } from '../common/media/outgoing-file';
import { PlatformRegistry } from '../platforms/registry';
import type { ExecuteDialogInput } from './dto/dialog.input';
import type { SendEmailInput } from './dto/email.input';
import type { SendMessageInput } from './dto/message.input';
import type { SendSmsInput } from './dto/sms.input';
import type { ListTemplateCategoriesArgs, ListTemplatesArgs } from './dto/template.args';
import type { SendTemplateInput } from './dto/template.input';
import { checkSendMessage, checkSendTemplate, recipientKind } from './messaging.rules';
import type { SentMessage } from './messaging.port';
import type { MessageReceipt } from './models/message.model';

/**
 * Messaging use cases: check the platform-neutral rules, pick the connection able to do the
 * operation, let its adapter do it; receipts get the connection that sent them.
 */
@Injectable()
export class MessagingService {
  constructor(@Inject(PlatformRegistry) private readonly registry: PlatformRegistry) {}

  /** `upload` is the multipart file part (REST); GraphQL and JSON give media by URL. */
  async send(ctx: CallContext, input: SendMessageInput, upload?: UploadedPart): Promise<MessageReceipt> {
    const file = upload ? fileFromUpload(upload) : null;
    checkSendMessage(input, file);
    const { connection, adapter } = this.registry.resolve('sendMessage', ctx);
    return receipt(await adapter.sendMessage(ctx, input, file), connection);
  }

  async sendTemplate(ctx: CallContext, input: SendTemplateInput): Promise<MessageReceipt> {
    checkSendTemplate(input);
    const { connection, adapter } = this.registry.resolve('sendTemplate', ctx);
    return receipt(await adapter.sendTemplate(ctx, input), connection);
  }

  async sendSms(ctx: CallContext, input: SendSmsInput): Promise<MessageReceipt> {
    recipientKind(input.to);
    const { connection, adapter } = this.registry.resolve('sendSms', ctx);
    return receipt(await adapter.sendSms(ctx, input), connection);
  }

  async sendEmail(ctx: CallContext, input: SendEmailInput): Promise<MessageReceipt> {
    const { connection, adapter } = this.registry.resolve('sendEmail', ctx);
    return receipt(await adapter.sendEmail(ctx, input), connection);
  }

  get(ctx: CallContext, id: string) {
    return this.registry.resolve('getMessage', ctx).adapter.getMessage(ctx, id);
  }

  executeDialog(ctx: CallContext, dialogId: string, input: ExecuteDialogInput) {
    recipientKind(input.to);
    return this.registry.resolve('executeDialog', ctx).adapter.executeDialog(ctx, dialogId, input);
  }

  listTemplates(ctx: CallContext, args: ListTemplatesArgs) {
    return this.registry.resolve('listTemplates', ctx).adapter.listTemplates(ctx, args);
  }

  listTemplateCategories(ctx: CallContext, args: ListTemplateCategoriesArgs) {
    return this.registry.resolve('listTemplateCategories', ctx).adapter.listTemplateCategories(ctx, args);
  }
}

function receipt(sent: SentMessage, connection: { id: string; provider: string }): MessageReceipt {
  return { ...sent, connection: connection.id, platform: connection.provider };
}
