import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConsumes, ApiOkResponse, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { LOCATION_CONNECTION_QUERY, setLocation } from '../common/http/location';
import { PonteOperation, RequestExamples } from '../common/openapi/operation.decorator';
import { ProblemDto } from '../common/openapi/problem.dto';
import { TakesBody } from '../common/transport/body-limits';
import { MAX_UPLOAD_BYTES } from '../common/transport/upload-limits';
import { IdPipe } from '../common/validation/id.pipe';
import { ExecuteDialogInput } from './dto/dialog.input';
import { SendEmailInput } from './dto/email.input';
import { SendMessageInput } from './dto/message.input';
import { SendSmsInput } from './dto/sms.input';
import { ListTemplateCategoriesArgs, ListTemplatesArgs } from './dto/template.args';
import { SendTemplateInput } from './dto/template.input';
import { platformsSupporting } from '../platforms/registry';
import { MessagingService } from './messaging.service';
import { DialogExecution, MessageReceipt, MessageStatus } from './models/message.model';
import { JsonFormFields } from '../common/transport/json-form-fields.interceptor';
import { MessageTemplatePage, TemplateCategoryPage } from './models/template.model';

const ACCEPTED =
  'Accepted by the platform for delivery (delivery itself is not confirmed). Where the platform reports a message status ' +
  '(ChatGuru), the `Location` header is its status: `GET /v1/messages/{id}`, the connection named.';
const ACCEPTED_HEADERS = {
  Location: { description: "The message's status, on its connection (platforms that report one).", schema: { type: 'string' } },
};

/** Platforms whose messages have a status to read: a receipt from one points at it (`Location`). */
const REPORTS_STATUS = new Set<string>(platformsSupporting('getMessage'));

function pointAtStatus(reply: FastifyReply, receipt: MessageReceipt): MessageReceipt {
  if (receipt.id !== null && REPORTS_STATUS.has(receipt.platform)) {
    setLocation(reply, `/v1/messages/${encodeURIComponent(receipt.id)}`);
  }
  return receipt;
}

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    type: ProblemDto,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
  });

@ApiTags('messaging')
@ApiBearerAuth()
@Controller('v1')
export class MessagingController {
  constructor(@Inject(MessagingService) private readonly messaging: MessagingService) {}

  @Post('messages')
  @HttpCode(202)
  @TakesBody({ multipart: true })
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 } }),
    new JsonFormFields(['to', 'media']),
  )
  @ApiConsumes('application/json', 'multipart/form-data')
  // One valid body per platform for Swagger UI (the sandbox's Maxbot knows this number and channel).
  @RequestExamples({
    maxbotText: {
      summary: 'Maxbot (the default connection): text to a WhatsApp number, on a channel from GET /v1/channels',
      value: {
        type: 'text',
        to: { whatsapp: '+55 31 91111-2222' },
        text: 'Olá! Seu pedido saiu para entrega.',
        channelToken: '202304B53BF66DB8C0-364F9B-15CBAD',
      },
    },
    maxbotImage: {
      summary: 'Maxbot: an image by URL',
      value: {
        type: 'image',
        to: { whatsapp: '+55 31 91111-2222' },
        media: { url: 'https://www.meusite.com.br/foto.png' },
        channelToken: '202304B53BF66DB8C0-364F9B-15CBAD',
      },
    },
    chatguruScheduled: {
      summary: 'ChatGuru (X-Connection: chatguru): text scheduled for later',
      value: {
        type: 'text',
        to: { whatsapp: '+55 11 99999-9999' },
        text: 'Lembrete: sua consulta é amanhã às 14h.',
        scheduleAt: '2030-12-02T13:00:00-03:00',
      },
    },
    cleverchatTicket: {
      summary: 'CleverChat (X-Connection: cleverchat): text that also opens a service ticket',
      value: { type: 'text', to: { whatsapp: '+55 11 99323-1592' }, text: 'Olá! Em que podemos ajudar?', openTicket: true, queueId: '3' },
    },
  })
  @PonteOperation('sendMessage', {
    summary: 'Send a chat message',
    description:
      '`type` text carries `text`; image, file and audio carry `media`: a URL (`media.url`), or over REST the file itself as `multipart/form-data` ' +
      '(part `file`, the other fields as form fields, nested ones in brackets — `to[whatsapp]`, `media[caption]` — or as JSON text, `to={"whatsapp": "…"}`). ' +
      '`to` names the recipient in exactly one way. Maxbot needs `channelToken` (GET /v1/channels), takes media by URL only and checks its extension ' +
      '(jpg, jpeg, png / pdf, doc, docx, xls, xlsx, ppt, pptx, pps / mp3). CleverChat takes uploads only: the gateway fetches `media.url` itself ' +
      '(https, public addresses only, no redirect elsewhere; 400 otherwise, 502 `media_unavailable` when the media host fails) and sends the file ' +
      `(images jpg, jpeg, png; files pdf, doc, docx, xls, xlsx, ppt, pptx, pps; audio ogg, mp3; at most ${MAX_UPLOAD_BYTES / (1024 * 1024)} MiB, 413 beyond; ` +
      'name, declared type and content must agree, 415 otherwise). ' +
      'ChatGuru reaches `to.whatsapp` only, schedules text to the minute (`scheduleAt` → send_date in the connection timezone) and sends media as a URL with one caption. ' +
      'Fields the platform cannot carry (e.g. `scheduleAt` on Maxbot and CleverChat) answer 422 `unsupported_field`.',
    write: true,
    problems: {
      502: 'The platform failed: unreachable, 5xx or garbage (`provider_unavailable`, `provider_auth_failed`); or the media host did, for a `media.url` the gateway fetches (`media_unavailable`).',
    },
  })
  @ApiAcceptedResponse({ type: MessageReceipt, description: ACCEPTED, headers: ACCEPTED_HEADERS })
  @problem(413, 'The file is larger than the upload limit (`payload_too_large`).')
  @problem(415, 'The file type is not accepted, or its name, declared type and content disagree (`unsupported_media_type`).')
  async sendMessage(
    @Call() ctx: CallContext,
    @Body() input: SendMessageInput,
    @UploadedFile() file: UploadedMultipartFile | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return pointAtStatus(reply, await this.messaging.send(ctx, input, file));
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
  @ApiAcceptedResponse({ type: MessageReceipt, description: ACCEPTED, headers: ACCEPTED_HEADERS })
  async sendTemplate(@Call() ctx: CallContext, @Body() input: SendTemplateInput, @Res({ passthrough: true }) reply: FastifyReply) {
    return pointAtStatus(reply, await this.messaging.sendTemplate(ctx, input));
  }

  @Post('messages/sms')
  @HttpCode(202)
  @PonteOperation('sendSms', {
    summary: 'Send an SMS',
    description:
      'Maxbot reaches a contact of the account by `to.phone`, `to.externalId` or `to.cpf`, and answers the message id (`SMS-123`).',
    write: true,
  })
  @ApiAcceptedResponse({ type: MessageReceipt, description: ACCEPTED, headers: ACCEPTED_HEADERS })
  async sendSms(@Call() ctx: CallContext, @Body() input: SendSmsInput, @Res({ passthrough: true }) reply: FastifyReply) {
    return pointAtStatus(reply, await this.messaging.sendSms(ctx, input));
  }

  @Post('messages/email')
  @HttpCode(202)
  @PonteOperation('sendEmail', {
    summary: 'Send an e-mail',
    description: 'Up to 6 images and 3 files, by URL. Maxbot sends to a contact of the account and answers the message id (`EMAIL-123`).',
    write: true,
  })
  @ApiAcceptedResponse({ type: MessageReceipt, description: ACCEPTED, headers: ACCEPTED_HEADERS })
  async sendEmail(@Call() ctx: CallContext, @Body() input: SendEmailInput, @Res({ passthrough: true }) reply: FastifyReply) {
    return pointAtStatus(reply, await this.messaging.sendEmail(ctx, input));
  }

  @Get('messages/:id')
  @PonteOperation('getMessage', {
    summary: 'Get the status of a sent message',
    description: 'By the id a receipt gave (ChatGuru message_status).',
  })
  @ApiOkResponse({ type: MessageStatus })
  @ApiQuery(LOCATION_CONNECTION_QUERY)
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
