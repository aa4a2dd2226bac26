import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { PonteOperation } from '../common/openapi/operation.decorator';
import { IdPipe } from '../common/validation/id.pipe';
import { ListEventsArgs } from './dto/event.args';
import { EventsService } from './events.service';
import { EventPage, PonteEvent } from './models/event.model';

@ApiTags('events')
@ApiBearerAuth()
@Controller('v1')
export class EventsController {
  constructor(@Inject(EventsService) private readonly events: EventsService) {}

  @Get('events')
  @PonteOperation('receiveWebhook', {
    summary: 'List received events',
    description:
      'What the platforms reported through their webhooks (POST /v1/webhooks/{connectionId}), normalized: ' +
      '`message.received`, `contact.created`, `contact.updated`, `charge.updated`. Oldest first. To follow the feed, ' +
      'poll with `after` = the id of the last event you handled. The gateway keeps the last EVENT_LOG_SIZE events ' +
      '(default 1000) in memory, per instance: an `after` it no longer holds is refused rather than skipped silently. ' +
      '`X-Connection` (or `connection`) narrows the feed to one connection; an API key limited to some connections sees only theirs.',
  })
  @ApiOkResponse({ type: EventPage })
  listEvents(@Call() ctx: CallContext, @Query() args: ListEventsArgs) {
    return this.events.list(ctx, args);
  }

  @Get('events/:id')
  @PonteOperation('receiveWebhook', { summary: 'Get one received event' })
  @ApiOkResponse({ type: PonteEvent })
  getEvent(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string) {
    return this.events.get(ctx, id);
  }
}
