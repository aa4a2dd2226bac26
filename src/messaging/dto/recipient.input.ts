import { InputType } from '@nestjs/graphql';
import { In } from '../../common/validation/fields';

const id = (description: string, example?: string) => In.string({ description, minLength: 1, maxLength: 100, example });

@InputType({ description: 'A Facebook Messenger user, as seen by one Facebook page.' })
export class MessengerRecipientInput {
  @id('Messenger user id (page-scoped).', '4321098765432109')
  id: string;

  @id('Facebook page the user talks to (see GET /v1/channels/facebook-pages).', '283905712023100')
  pageId: string;
}

@InputType({ description: 'An Instagram user, as seen by one Instagram business account.' })
export class InstagramRecipientInput {
  @id('Instagram user id (account-scoped).', '17841400000000000')
  id: string;

  @id('Instagram business account the user talks to (see GET /v1/channels/instagram-accounts).', '12345678901234542')
  accountId: string;
}

/**
 * Who a message goes to, whatever the platform: exactly ONE way of reaching the recipient. Each
 * platform adapter takes the way its platform understands and refuses the request
 * (`validation_failed` on `to`) when the one given is not among them.
 */
@InputType({
  description:
    'The recipient: exactly one way of reaching them. Platforms understand different ways (Maxbot chat messages: whatsapp, telegramId, ' +
    'messenger, instagram, externalId, cpf; Maxbot templates: contactId; Maxbot SMS: phone, externalId, cpf; ChatGuru and CleverChat: whatsapp); another one is refused with 400.',
})
export class RecipientInput {
  @In.phone({ description: 'WhatsApp number.', optional: true, example: '+55 31 91111-2222' })
  whatsapp?: string;

  @In.string({ description: 'Telegram user id.', optional: true, minLength: 1, maxLength: 100, example: '123456789' })
  telegramId?: string;

  @In.object(() => MessengerRecipientInput, { description: 'Facebook Messenger user and the page they talk to.', optional: true })
  messenger?: MessengerRecipientInput;

  @In.object(() => InstagramRecipientInput, { description: 'Instagram user and the business account they talk to.', optional: true })
  instagram?: InstagramRecipientInput;

  @In.string({
    description: "The contact's id in the caller's own system (as stored on the contact).",
    optional: true,
    minLength: 1,
    maxLength: 100,
    example: '1234',
  })
  externalId?: string;

  @In.cpf({ description: "The contact's CPF; punctuation optional, check digits verified.", optional: true, example: '873.487.695-27' })
  cpf?: string;

  @In.string({
    description: "The contact's platform id (see GET /v1/contacts).",
    optional: true,
    minLength: 1,
    maxLength: 64,
    example: '1234',
  })
  contactId?: string;

  @In.phone({ description: 'Mobile phone number, for SMS.', optional: true, example: '+55 31 99123-4567' })
  phone?: string;
}
