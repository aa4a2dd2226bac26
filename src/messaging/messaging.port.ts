import type { CallContext } from '../common/context/call-context';
import type { OutgoingFile } from '../common/media/outgoing-file';
import type { Page } from '../common/pagination/page';
import type { ExecuteDialogInput } from './dto/dialog.input';
import type { SendEmailInput } from './dto/email.input';
import type { SendMessageInput } from './dto/message.input';
import type { SendSmsInput } from './dto/sms.input';
import type { ListTemplateCategoriesArgs, ListTemplatesArgs } from './dto/template.args';
import type { SendTemplateInput } from './dto/template.input';
import type { DialogExecution, MessageReceipt, MessageStatus } from './models/message.model';
import type { MessageTemplate, TemplateCategory } from './models/template.model';

/** A receipt as an adapter reports it; the service adds the connection and platform. */
export type SentMessage = Omit<MessageReceipt, 'connection' | 'platform'>;

/**
 * What a platform can do with messages. Every method is optional: an adapter implements the ones
 * its platform supports, and the registry derives capabilities (501s, /v1/connections, the
 * `x-ponte-platforms` docs) from which methods exist.
 *
 * Inputs reach the adapter validated field by field and checked by messaging.rules.ts (exactly one
 * recipient kind in `to`; text xor media by type, the media given by `media.url` or, over REST, as
 * an uploaded file; templateId xor templateName). The adapter then:
 * takes the recipient kind its platform understands (`requireRecipient`, else 400 on `to`);
 * refuses fields its platform cannot carry (`refuseUnsupported`, 422 `unsupported_field`), never
 * dropping one; makes its call(s); and reports what the platform said in a {@link SentMessage}
 * (`id` null when the platform gives none; `SCHEDULED` + `scheduledAt` for scheduled sends).
 */
export interface MessagingPort {
  /**
   * A chat message: text, image, file or audio (`input.type`). `upload` is the file uploaded in
   * place of `media.url` (null otherwise): an adapter whose platform takes media by URL only refuses
   * it with `refuseUpload` (422), never ignores it.
   */
  sendMessage?(ctx: CallContext, input: SendMessageInput, upload: OutgoingFile | null): Promise<SentMessage>;
  /** A template message (notice, authentication code, proactive conversation). */
  sendTemplate?(ctx: CallContext, input: SendTemplateInput): Promise<SentMessage>;
  sendSms?(ctx: CallContext, input: SendSmsInput): Promise<SentMessage>;
  sendEmail?(ctx: CallContext, input: SendEmailInput): Promise<SentMessage>;
  /** Status of a message by the id a receipt gave. */
  getMessage?(ctx: CallContext, id: string): Promise<MessageStatus>;
  /** Starts a chatbot dialog for an existing chat. */
  executeDialog?(ctx: CallContext, dialogId: string, input: ExecuteDialogInput): Promise<DialogExecution>;
  listTemplates?(ctx: CallContext, args: ListTemplatesArgs): Promise<Page<MessageTemplate>>;
  listTemplateCategories?(ctx: CallContext, args: ListTemplateCategoriesArgs): Promise<Page<TemplateCategory>>;
}

export const MESSAGING_OPERATIONS = [
  'sendMessage',
  'sendTemplate',
  'sendSms',
  'sendEmail',
  'getMessage',
  'executeDialog',
  'listTemplates',
  'listTemplateCategories',
] as const satisfies readonly (keyof MessagingPort)[];
