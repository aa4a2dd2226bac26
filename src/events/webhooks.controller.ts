import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { givenText } from '../common/http/request-values';
import { WebhookOperation } from '../common/openapi/operation.decorator';
import { IdPipe } from '../common/validation/id.pipe';
import { webhookExamples } from '../platforms/registry';
import { EventsService } from './events.service';
import { WebhookReceipt } from './models/event.model';

@ApiTags('webhooks')
@Controller('v1')
export class WebhooksController {
  constructor(@Inject(EventsService) private readonly events: EventsService) {}

  @Post('webhooks/:connectionId')
  @HttpCode(200)
  @WebhookOperation({
    summary: 'Receive a platform webhook',
    description:
      'The URL to configure on the platform (Maxbot: Configuração/API Maxbot e Webhooks, and the smart-billing module for ' +
      'charge status): `https://<gateway>/v1/webhooks/<connectionId>?secret=<webhookSecret>`. No API key: the platform ' +
      "cannot send one; the connection's `webhookSecret` in the URL (or the `X-Webhook-Secret` header) authenticates the call, " +
      'compared in constant time, before the body is looked at. The payload is recognized (Maxbot sends five kinds to the same ' +
      'URL, none naming itself), normalized into one event and recorded for GET /v1/events. A redelivery — the same message ' +
      'id, contact insert, charge record, or contact update (`updated_at` and content; without `updated_at`, the same record as the ' +
      "contact's latest update) on the same connection — is acknowledged with the first event (`duplicate: true`), not recorded twice.",
  })
  @ApiQuery({ name: 'secret', required: false, description: "The connection's webhookSecret (or send X-Webhook-Secret)." })
  @ApiHeader({ name: 'X-Webhook-Secret', required: false, description: "The connection's webhookSecret (instead of ?secret=)." })
  @ApiBody({
    description: "The platform's payload, as it sends it (examples: the five Maxbot webhooks, as maxbot.txt documents them).",
    schema: { type: 'object', additionalProperties: true },
    examples: webhookExamples(),
  })
  @ApiOkResponse({ type: WebhookReceipt })
  receive(
    @Req() req: FastifyRequest,
    @Param('connectionId', new IdPipe('connectionId')) connectionId: string,
    @Query('secret') secret: unknown,
    @Headers('x-webhook-secret') headerSecret: unknown,
    @Body() payload: unknown,
  ): Promise<WebhookReceipt> {
    return this.events.receive(req.id, connectionId, givenText(headerSecret) ?? givenText(secret), payload);
  }
}
