import { registerEnumType } from '@nestjs/graphql';
import { EventType } from './event.enums';

registerEnumType(EventType, {
  name: 'EventType',
  description:
    'What a platform reported: MESSAGE_RECEIVED (`message.received`: a contact wrote, in or out of an attendance), ' +
    'CONTACT_CREATED (`contact.created`), CONTACT_UPDATED (`contact.updated`), CHARGE_UPDATED (`charge.updated`: ' +
    'the sending status of a charge notification changed). REST shows the dotted value.',
});
