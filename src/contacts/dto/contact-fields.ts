import { In, presence, textField, type InputMode } from '../../common/validation/fields';
import { CustomFieldInput } from './custom-field.input';
import { Gender, PersonType } from '../models/contact.enums';
import '../models/contact.graphql-enums';

/**
 * The writable contact fields, described once and applied to both the create and the update input
 * (REST bodies and GraphQL inputs alike).
 */
export const CONTACT_INPUT_FIELDS = {
  firstName: textField('First name.', 100, 'Jose'),
  lastName: textField('Surname.', 100, 'Silva'),
  gender: (m: InputMode) => In.enum(Gender, 'Gender', { description: 'Gender.', example: Gender.MALE, ...presence(m) }),
  genderInfo: textField('Free-form gender information.', 100),
  birthDate: (m: InputMode) => In.date({ description: 'Birth date, YYYY-MM-DD.', example: '1974-06-15', ...presence(m) }),
  personType: (m: InputMode) =>
    In.enum(PersonType, 'PersonType', { description: 'Individual or company.', example: PersonType.COMPANY, ...presence(m) }),
  cpf: (m: InputMode) =>
    In.cpf({ description: 'CPF; punctuation optional, check digits verified.', example: '873.487.695-27', ...presence(m) }),
  cnpj: (m: InputMode) =>
    In.cnpj({ description: 'CNPJ; punctuation optional, check digits verified.', example: '64.420.582/0001-48', ...presence(m) }),
  company: textField('Company name.', 150, 'Empresa Minha Ltda'),
  email: (m: InputMode) => In.email({ description: 'E-mail address.', example: 'jose@email.com', ...presence(m) }),
  whatsapp: (m: InputMode) => In.phone({ description: 'WhatsApp number.', example: '+55 (31) 91111-1122', ...presence(m) }),
  mobilePhone: (m: InputMode) => In.phone({ description: 'Mobile phone.', example: '+55 31 91111-1122', ...presence(m) }),
  phone: (m: InputMode) => In.phone({ description: 'Landline.', example: '+55 31 5555-1122', ...presence(m) }),
  telegramId: textField('Telegram user id.', 100),
  messengerId: textField('Facebook Messenger user id.', 100),
  instagramId: textField('Instagram user id.', 100),
  whatsappChannelToken: textField(
    'Token of the WhatsApp channel the contact belongs to (see GET /v1/channels).',
    100,
    'AAAAAAAAAAAAAAAAA-BBBBBB-CCCCCC',
  ),
  telegramChannelToken: textField('Token of the Telegram channel.', 100),
  messengerChannelToken: textField('Token of the Messenger channel.', 100),
  messengerPageId: textField('Facebook page the Messenger contact came from (see GET /v1/channels/facebook-pages).', 100),
  instagramChannelToken: textField('Token of the Instagram channel.', 100),
  instagramBusinessAccountId: textField('Instagram business account the contact came from (see GET /v1/channels/instagram-accounts).', 100),
  country: (m: InputMode) =>
    In.string({
      description: 'Country, ISO 3166-1 alpha-2.',
      example: 'BR',
      pattern: /^[A-Z]{2}$/,
      patternMessage: 'must be a two-letter country code such as BR',
      ...presence(m),
    }),
  state: textField('State (UF).', 50, 'MG'),
  city: textField('City.', 100, 'Belo Horizonte'),
  profession: textField('Profession.', 100, 'ESPORTE'),
  externalId: textField("Id of the contact in the caller's own system.", 100, '667811'),
  isClient: (m: InputMode) => In.boolean({ description: 'Whether the contact is a client.', example: false, ...presence(m) }),
  clientCode: textField('Client code.', 100),
  avatarUrl: (m: InputMode) => In.url({ description: 'Avatar image URL.', example: 'https://www.meusite.com.br/foto.jpg', ...presence(m) }),
  notes: textField('Free-form notes ("obs").', 2000, 'Enviar proposta comercial na segunda'),
  tags: (m: InputMode) =>
    In.stringList({
      description: 'Tags. Maxbot keeps two (`tag`, `tag2`); on update the list replaces both.',
      maxItems: 10,
      itemMaxLength: 100,
      example: ['VIP', 'VIP2'],
      ...presence(m),
    }),
  segmentations: (m: InputMode) =>
    In.stringList({
      description: 'Segmentation titles to put the contact in (Maxbot sends them comma-separated, so titles cannot contain commas).',
      maxItems: 50,
      itemMaxLength: 100,
      itemPattern: /^[^,]+$/,
      itemMessage: 'items must not contain commas',
      example: ['Negociação', 'Proposta Enviada'],
      ...presence(m),
    }),
  tagInfo1: textField('Extra information slot 1 (Maxbot `tag_info1`).', 500),
  tagInfo2: textField('Extra information slot 2.', 500),
  tagInfo3: textField('Extra information slot 3.', 500),
  tagInfo4: textField('Extra information slot 4.', 500),
  tagInfo5: textField('Extra information slot 5.', 500),
  tagInfo6: textField('Extra information slot 6.', 500),
  customFields: (m: InputMode) =>
    In.list(() => CustomFieldInput, {
      description: 'Free-form fields by name (OkeyBot custom fields, ChatGuru field__NAME). Not supported on Maxbot.',
      maxItems: 100,
      example: [{ name: 'customerid', value: '1' }],
      ...presence(m),
    }),
} as const;

export type ContactInputField = keyof typeof CONTACT_INPUT_FIELDS;

export function applyContactFields(target: { prototype: object }, mode: InputMode): void {
  for (const [name, decorate] of Object.entries(CONTACT_INPUT_FIELDS)) decorate(mode)(target.prototype, name);
}
