import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CallContext } from '../common/context/call-context';
import { Call, ConnectionArg } from '../common/context/call.decorator';
import { withPlatforms } from '../common/openapi/operation.decorator';
import { IdPipe } from '../common/validation/id.pipe';
import { ExecuteDialogInput } from './dto/dialog.input';
import { SendEmailInput } from './dto/email.input';
import { SendMessageInput } from './dto/message.input';
import { SendSmsInput } from './dto/sms.input';
import { ListTemplateCategoriesArgs, ListTemplatesArgs } from './dto/template.args';
import { SendTemplateInput } from './dto/template.input';
import { MessagingService } from './messaging.service';
import { DialogExecution, MessageReceipt, MessageStatus } from './models/message.model';
import { MessageTemplatePage, TemplateCategoryPage } from './models/template.model';

@Resolver()
export class MessagingResolver {
  constructor(@Inject(MessagingService) private readonly messaging: MessagingService) {}

  @Mutation(() => MessageReceipt, {
    description: withPlatforms(
      'sendMessage',
      'Send a chat message (text, image, file or audio) to one recipient. Fields the platform cannot carry are refused (unsupported_field).',
    ),
  })
  sendMessage(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('input') input: SendMessageInput) {
    return this.messaging.send(ctx, input);
  }

  @Mutation(() => MessageReceipt, {
    description: withPlatforms('sendTemplate', 'Send a template message (notice, authentication code, proactive conversation).'),
  })
  sendTemplate(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('input') input: SendTemplateInput) {
    return this.messaging.sendTemplate(ctx, input);
  }

  @Mutation(() => MessageReceipt, { description: withPlatforms('sendSms', 'Send an SMS.') })
  sendSms(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('input') input: SendSmsInput) {
    return this.messaging.sendSms(ctx, input);
  }

  @Mutation(() => MessageReceipt, { description: withPlatforms('sendEmail', 'Send an e-mail with up to 6 images and 3 files.') })
  sendEmail(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('input') input: SendEmailInput) {
    return this.messaging.sendEmail(ctx, input);
  }

  @Query(() => MessageStatus, { name: 'message', description: withPlatforms('getMessage', 'Status of a sent message by its id.') })
  getMessage(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('id', new IdPipe()) id: string) {
    return this.messaging.get(ctx, id);
  }

  @Mutation(() => DialogExecution, { description: withPlatforms('executeDialog', 'Start a chatbot dialog for an existing chat.') })
  executeDialog(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('dialogId', new IdPipe('dialogId')) dialogId: string,
    @Args('input') input: ExecuteDialogInput,
  ) {
    return this.messaging.executeDialog(ctx, dialogId, input);
  }

  @Query(() => MessageTemplatePage, { name: 'templates', description: withPlatforms('listTemplates', 'Message templates, paged.') })
  listTemplates(@Call() ctx: CallContext, @Args() args: ListTemplatesArgs) {
    return this.messaging.listTemplates(ctx, args);
  }

  @Query(() => TemplateCategoryPage, {
    name: 'templateCategories',
    description: withPlatforms('listTemplateCategories', 'Template categories, paged.'),
  })
  listTemplateCategories(@Call() ctx: CallContext, @Args() args: ListTemplateCategoriesArgs) {
    return this.messaging.listTemplateCategories(ctx, args);
  }
}
