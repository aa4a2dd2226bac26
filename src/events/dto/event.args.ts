import { ArgsType } from '@nestjs/graphql';
import { ListArgs } from '../../common/models/list.args';
import { In } from '../../common/validation/fields';
import { EventType } from '../models/event.enums';
import '../models/event.graphql-enums';

@ArgsType()
export class ListEventsArgs extends ListArgs {
  @In.enum(EventType, 'EventType', { description: 'Only events of this type.', optional: true, example: EventType.MESSAGE_RECEIVED })
  type?: EventType;

  @In.string({
    description:
      'Only events received after this one (an event id): poll with the id of the last event you handled. ' +
      'An id the gateway no longer holds is refused, so a gap never goes unnoticed. ' +
      // No example: Swagger UI would fill it into "Try it out", and no made-up id is held.
      'Example: `evt_3f1c0d9e-2b7a-4c5e-9f60-1a2b3c4d5e6f`.',
    optional: true,
    maxLength: 64,
  })
  after?: string;
}
