import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { PonteOperation } from '../common/openapi/operation.decorator';
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

const ACCEPTED = 'Accepted by the platform for delivery (delivery itself is not confirmed).';

@ApiTags('messaging')
@ApiBearerAuth()
@Controller('v1')
export class MessagingController {
  constructor(@Inject(MessagingService) private readonly messaging: MessagingService) {}

  @Post('messages')
  @HttpCode(202)
  @PonteOperation('sendMessage', {
    summary: 'Send a chat message',
    description:
      '`type` text carries `text`; image, file and audio carry `media` (a URL; uploading the bytes is a planned extension). ' +
      '`to` names the recipient in exactly one way. Maxbot needs `channelToken` (GET /v1/channels) and checks the media extension ' +
      '(jpg, jpeg, png / pdf, doc, docx, xls, xlsx, ppt, pptx, pps / mp3). ChatGuru reaches `to.whatsapp` only, schedules text to the minute ' +
      '(`scheduleAt` → send_date in the connection timezone) and sends media as a URL with one caption. ' +
      'Fields the platform cannot carry (e.g. `scheduleAt` on Maxbot) answer 422 `unsupported_field`.',
    write: true,
  })
  @ApiAcceptedResponse({ type: MessageReceipt, description: ACCEPTED })
  sendMessage(@Call() ctx: CallContext, @Body() input: SendMessageInput) {
    return this.messaging.send(ctx, input);
  }

  @Post('messages/template')
  @HttpCode(202)
  @PonteOperation('sendTemplate', {
    summary: 'Send a template message',
    description:
      'A notice or authentication template (Maxbot send_notice: `to.contactId`, `templateId`, `channelToken`, optional `scheduleAt` and `otpCode`; ' +
      'Maxbot only sends notices to contacts who have exchanged messages on it) or a proactive WhatsApp conversation (CloudChat: `to.whatsapp`, `templateName`, ' +
      "`inboxId` (default: the connection's), `variables` (each sent as a key of its own: letters, digits and _, not one of CloudChat's field names), " +
      '`buttonParams` in button order, `headerAttachmentUrl` (https)).',
    write: true,
  })
  @ApiAcceptedResponse({ type: MessageReceipt, description: ACCEPTED })
  sendTemplate(@Call() ctx: CallContext, @Body() input: SendTemplateInput) {
    return this.messaging.sendTemplate(ctx, input);
  }

  @Post('messages/sms')
  @HttpCode(202)
  @PonteOperation('sendSms', {
    summary: 'Send an SMS',
    description:
      'Maxbot reaches a contact of the account by `to.phone`, `to.externalId` or `to.cpf`, and answers the message id (`SMS-123`).',
    write: true,
  })
  @ApiAcceptedResponse({ type: MessageReceipt, description: ACCEPTED })
  sendSms(@Call() ctx: CallContext, @Body() input: SendSmsInput) {
    return this.messaging.sendSms(ctx, input);
  }

  @Post('messages/email')
  @HttpCode(202)
  @PonteOperation('sendEmail', {
    summary: 'Send an e-mail',
    description: 'Up to 6 images and 3 files, by URL. Maxbot sends to a contact of the account and answers the message id (`EMAIL-123`).',
    write: true,
  })
  @ApiAcceptedResponse({ type: MessageReceipt, description: ACCEPTED })
  sendEmail(@Call() ctx: CallContext, @Body() input: SendEmailInput) {
    return this.messaging.sendEmail(ctx, input);
  }

  @Get('messages/:id')
  @PonteOperation('getMessage', {
    summary: 'Get the status of a sent message',
    description: 'By the id a receipt gave (ChatGuru message_status).',
  })
  @ApiOkResponse({ type: MessageStatus })
  getMessage(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string) {
    return this.messaging.get(ctx, id);
  }

  @Post('dialogs/:id/executions')
  @HttpCode(202)
  @PonteOperation('executeDialog', { summary: 'Start a chatbot dialog for a chat', description: 'ChatGuru dialog_execute.', write: true })
  @ApiAcceptedResponse({ type: DialogExecution, description: 'The platform started the dialog.' })
  executeDialog(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string, @Body() input: ExecuteDialogInput) {
    return this.messaging.executeDialog(ctx, id, input);
  }

  @Get('templates')
  @PonteOperation('listTemplates', {
    summary: 'List message templates',
    description: 'Maxbot returns every match at once; Ponte pages it with `limit` and `cursor`.',
  })
  @ApiOkResponse({ type: MessageTemplatePage })
  listTemplates(@Call() ctx: CallContext, @Query() args: ListTemplatesArgs) {
    return this.messaging.listTemplates(ctx, args);
  }

  @Get('template-categories')
  @PonteOperation('listTemplateCategories', { summary: 'List template categories' })
  @ApiOkResponse({ type: TemplateCategoryPage })
  listTemplateCategories(@Call() ctx: CallContext, @Query() args: ListTemplateCategoriesArgs) {
    return this.messaging.listTemplateCategories(ctx, args);
  }
}
