import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { withPlatforms } from '../common/openapi/operation.decorator';
import { IdPipe } from '../common/validation/id.pipe';
import { ListEventsArgs } from './dto/event.args';
import { EventsService } from './events.service';
import { EventPage, PonteEvent } from './models/event.model';

@Resolver()
export class EventsResolver {
  constructor(@Inject(EventsService) private readonly events: EventsService) {}

  @Query(() => EventPage, {
    name: 'events',
    description: withPlatforms(
      'receiveWebhook',
      'Events the platforms reported through their webhooks, normalized, oldest first. Poll with `after` = the last event id handled.',
    ),
  })
  listEvents(@Call() ctx: CallContext, @Args() args: ListEventsArgs) {
    return this.events.list(ctx, args);
  }

  @Query(() => PonteEvent, { name: 'event', description: withPlatforms('receiveWebhook', 'One received event.') })
  getEvent(@Call() ctx: CallContext, @Args('id', new IdPipe()) id: string) {
    return this.events.get(ctx, id);
  }
}
