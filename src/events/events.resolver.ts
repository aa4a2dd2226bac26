import { Inject } from '@nestjs/common';
import { Args, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { withPlatforms } from '../common/openapi/operation.decorator';
import { IdPipe } from '../common/validation/id.pipe';
import { PonteError } from '../common/errors/ponte-error';
import { graphqlErrorOf } from '../common/errors/problem.filter';
import { ListEventsArgs, SubscribeEventsArgs } from './dto/event.args';
import type { FellBehind } from './event-stream';
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

  @Subscription(() => PonteEvent, {
    name: 'eventReceived',
    description: withPlatforms(
      'receiveWebhook',
      'Each event as the gateway records it (over the WebSocket at /graphql, protocol graphql-transport-ws: see the README). ' +
        'Filters and key scope as in `events`; without `after` it starts with the next event. A subscriber so slow that the ' +
        'gateway let go of events it had not been given (EVENT_LOG_SIZE) gets one error, `events_dropped`, and the end: ' +
        'read the `events` query to catch up. Refused with `stream_limit_reached` when the gateway holds EVENT_STREAMS_MAX ' +
        'readers, and with `stream_quota_reached` when the API key holds its `maxStreams` (streams and subscriptions together).',
    ),
    resolve: (payload: PonteEvent | FellBehind) => {
      if (!('fellBehind' in payload)) return payload;
      const last = payload.lastEventId ? `after ${payload.lastEventId}` : 'since the subscription started';
      throw graphqlErrorOf(
        new PonteError(
          'events_dropped',
          `The gateway let go of events ${last} before this subscriber took them (it keeps the last EVENT_LOG_SIZE): ` +
            'the subscription ends; read the `events` query to see what is still held, and subscribe again',
        ),
      );
    },
  })
  eventReceived(@Call() ctx: CallContext, @Args() args: SubscribeEventsArgs) {
    return this.events.follow(ctx, args);
  }

  @Query(() => PonteEvent, { name: 'event', description: withPlatforms('receiveWebhook', 'One received event.') })
  getEvent(@Call() ctx: CallContext, @Args('id', new IdPipe()) id: string) {
    return this.events.get(ctx, id);
  }
}
