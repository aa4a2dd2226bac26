import { ArgsType } from '@nestjs/graphql';
import { ListArgs } from '../../common/models/list.args';
import { In } from '../../common/validation/fields';
import { SegmentationType } from '../models/contact.enums';
import '../models/contact.graphql-enums';

const filter = { optional: true } as const;

@ArgsType()
export class ListContactsArgs extends ListArgs {
  @In.phone({ description: 'Only the contact with this WhatsApp number.', example: '+55 11 99999-8888', ...filter })
  whatsapp?: string;

  @In.phone({ description: 'Only contacts with this mobile phone.', ...filter })
  mobilePhone?: string;

  @In.email({ description: 'Only contacts with this e-mail.', example: 'fulano@mail.com', ...filter })
  email?: string;

  @In.string({ description: "Only the contact with this id in the caller's system.", maxLength: 100, example: '1234', ...filter })
  externalId?: string;

  @In.dateOrDateTime({
    description: 'Created on or after: a date (YYYY-MM-DD) or a datetime with offset. Cannot be combined with the updated* filters.',
    example: '2020-08-01',
    ...filter,
  })
  createdFrom?: string;

  @In.dateOrDateTime({ description: 'Created on or before (a date includes the whole day).', example: '2020-08-31', ...filter })
  createdTo?: string;

  @In.dateOrDateTime({ description: 'Updated on or after. Cannot be combined with the created* filters.', ...filter })
  updatedFrom?: string;

  @In.dateOrDateTime({ description: 'Updated on or before (a date includes the whole day).', ...filter })
  updatedTo?: string;

  @In.string({
    description: 'Only contacts of this WhatsApp channel: its number in any phone form (as `channels.whatsapp` shows it).',
    maxLength: 100,
    ...filter,
  })
  whatsappChannel?: string;

  @In.string({ description: 'Only contacts of this Telegram channel.', maxLength: 100, ...filter })
  telegramChannel?: string;

  @In.string({ description: 'Only contacts of this Messenger channel.', maxLength: 100, ...filter })
  messengerChannel?: string;

  @In.string({ description: 'Only contacts of this Instagram channel.', maxLength: 100, ...filter })
  instagramChannel?: string;

  @In.boolean({ description: 'Only contacts whose WhatsApp Business session is (true) or is not (false) open.', ...filter })
  whatsappSession?: boolean;

  @In.boolean({ description: 'Only contacts whose Messenger session is (not) open.', ...filter })
  messengerSession?: boolean;

  @In.boolean({ description: 'Only contacts whose Instagram session is (not) open.', ...filter })
  instagramSession?: boolean;

  @In.boolean({ description: 'Only contacts whose WhatsApp number was (not) validated.', ...filter })
  validatedWhatsapp?: boolean;

  @In.string({
    // No example: Swagger UI fills examples into "Try it out", and this filter only works on OkeyBot.
    description: 'OkeyBot: name of the custom field to search by (with `value`), e.g. `firstName`.',
    maxLength: 100,
    ...filter,
  })
  customField?: string;

  @In.string({
    description: 'OkeyBot: value the custom field must have (booleans as true/false), e.g. `Muhammad Mahin`.',
    maxLength: 500,
    ...filter,
  })
  value?: string;
}

@ArgsType()
export class ListSegmentationsArgs extends ListArgs {
  @In.enum(SegmentationType, 'SegmentationType', { description: 'Only segmentations of this kind.', ...filter })
  type?: SegmentationType;
}
