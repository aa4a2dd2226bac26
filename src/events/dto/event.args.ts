import { ArgsType } from '@nestjs/graphql';
import { ConnectionArgs, ListArgs } from '../../common/models/list.args';
import { In } from '../../common/validation/fields';
import { EventType } from '../models/event.enums';
import '../models/event.graphql-enums';

const ofType = () =>
  In.enum(EventType, 'EventType', { description: 'Only events of this type.', optional: true, example: EventType.MESSAGE_RECEIVED });

const afterEvent = (description: string) =>
  In.string({
    description:
      `${description} An id the gateway no longer holds is refused, so a gap never goes unnoticed. ` +
      // No example: Swagger UI would fill it into "Try it out", and no made-up id is held.
      'Example: `evt_3f1c0d9e-2b7a-4c5e-9f60-1a2b3c4d5e6f`.',
    optional: true,
    maxLength: 64,
  });

@ArgsType()
export class ListEventsArgs extends ListArgs {
  @ofType()
  type?: EventType;

  @afterEvent('Only events received after this one (an event id): poll with the id of the last event you handled.')
  after?: string;
}

/** GET /v1/events/stream: the feed's filters, no pages. */
export class StreamEventsArgs extends ConnectionArgs {
  @ofType()
  type?: EventType;

  @afterEvent(
    'Replay the held events received after this one (an event id) before the live ones; without it the stream starts with ' +
      'the next event. A reconnecting EventSource sends `Last-Event-ID`, which wins over `after`.',
  )
  after?: string;
}

/** The `eventReceived` subscription: the feed's filters, no pages. */
@ArgsType()
export class SubscribeEventsArgs extends ConnectionArgs {
  @ofType()
  type?: EventType;

  @afterEvent(
    'Replay the held events received after this one (an event id) before the live ones; without it the subscription starts ' +
      'with the next event. Resubscribing after a dropped connection: give the id of the last event handled.',
  )
  after?: string;
}
