import { InputType } from '@nestjs/graphql';
import type { Gender, PersonType } from '../models/contact.enums';
import { applyContactFields } from './contact-fields';
import type { CustomFieldInput } from './custom-field.input';
import { In } from '../../common/validation/fields';

/** Fields shared by create and update; each is optional (on update, null clears it). */
class ContactFieldsBase {
  firstName?: string | null;
  lastName?: string | null;
  gender?: Gender | null;
  genderInfo?: string | null;
  birthDate?: string | null;
  personType?: PersonType | null;
  cpf?: string | null;
  cnpj?: string | null;
  company?: string | null;
  email?: string | null;
  whatsapp?: string | null;
  mobilePhone?: string | null;
  phone?: string | null;
  telegramId?: string | null;
  messengerId?: string | null;
  instagramId?: string | null;
  whatsappChannelToken?: string | null;
  telegramChannelToken?: string | null;
  messengerChannelToken?: string | null;
  messengerPageId?: string | null;
  instagramChannelToken?: string | null;
  instagramBusinessAccountId?: string | null;
  country?: string | null;
  state?: string | null;
  city?: string | null;
  profession?: string | null;
  externalId?: string | null;
  isClient?: boolean | null;
  clientCode?: string | null;
  avatarUrl?: string | null;
  notes?: string | null;
  tags?: string[] | null;
  segmentations?: string[] | null;
  tagInfo1?: string | null;
  tagInfo2?: string | null;
  tagInfo3?: string | null;
  tagInfo4?: string | null;
  tagInfo5?: string | null;
  tagInfo6?: string | null;
  customFields?: CustomFieldInput[] | null;
}

@InputType({ description: 'A new contact. Every field is optional, but the platform needs a way to reach the contact.' })
export class CreateContactInput extends ContactFieldsBase {
  // ChatGuru's chat_add creates a chat by sending it a first message, and can hand the chat to a
  // user and start a dialog; no other platform has these (they refuse them with 422).
  @In.string({
    description:
      'ChatGuru only (chat_add `text`, required there): the first message sent to the new chat. Other platforms refuse it (422 unsupported_field).',
    optional: true,
    minLength: 1,
    maxLength: 4096,
    pattern: /\S/,
    patternMessage: 'must not be blank',
    example: 'Olá! Recebemos o seu cadastro.',
  })
  initialMessage?: string;

  @In.string({
    description:
      'ChatGuru only (chat_add `user_id`): the ChatGuru user the new chat is delegated to. Other platforms refuse it (422 unsupported_field).',
    optional: true,
    minLength: 1,
    maxLength: 100,
    pattern: /^[\x21-\x7e]+$/,
    patternMessage: 'must be an id without spaces',
    example: '5dd69c2300078e1be17fffd5',
  })
  assignToUserId?: string;

  @In.string({
    description:
      'ChatGuru only (chat_add `dialog_id`): the chatbot dialog to run once the chat is added. Other platforms refuse it (422 unsupported_field).',
    optional: true,
    minLength: 1,
    maxLength: 100,
    pattern: /^[\x21-\x7e]+$/,
    patternMessage: 'must be an id without spaces',
    example: '5f3e2a1b9c8d7e6f5a4b3c2d',
  })
  dialogId?: string;
}
applyContactFields(CreateContactInput, 'create');

@InputType({ description: 'Changes to a contact: only the fields present are sent; null clears a field.' })
export class UpdateContactInput extends ContactFieldsBase {}
applyContactFields(UpdateContactInput, 'update');

@InputType({ description: 'Tags to add to or remove from a contact.' })
export class ContactTagsInput {
  @In.stringList({
    description: 'Tags (split into calls of the platform maximum, e.g. 10 on OkeyBot).',
    minItems: 1,
    maxItems: 500,
    itemMaxLength: 100,
    example: ['Blog Updates', 'Platform Updates'],
  })
  tags: string[];
}

@InputType({ description: 'A note for a contact.' })
export class AddContactNoteInput {
  @In.string({ description: 'Text of the note.', minLength: 1, maxLength: 5000, example: 'Cliente pediu retorno amanhã.' })
  text: string;
}

@InputType({ description: 'Contacts to delete.' })
export class DeleteContactsInput {
  @In.stringList({
    description: 'Ids of the contacts to delete.',
    minItems: 1,
    maxItems: 500,
    itemMaxLength: 64,
    example: ['123', '134', '532', '874'],
  })
  ids: string[];
}

@InputType({ description: 'Segmentations to add to a contact.' })
export class AddContactSegmentationsInput {
  @In.stringList({
    description: 'Segmentation ids (see GET /v1/segmentations).',
    minItems: 1,
    maxItems: 100,
    itemPattern: /^\d{1,18}$/,
    itemMessage: 'items must be numeric segmentation ids',
    example: ['113', '211'],
  })
  segmentationIds: string[];
}
