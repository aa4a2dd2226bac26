import { In, type InputDoc } from '../../common/validation/fields';
import { CustomFieldInput } from './custom-field.input';
import { Gender, PersonType } from '../models/contact.enums';
import '../models/contact.graphql-enums';

type Mode = 'create' | 'update';

/** On create a field may be left out; on update it may also be null, which clears it. */
const opt = (mode: Mode): Pick<InputDoc, 'optional' | 'nullable'> =>
  mode === 'create' ? { optional: true } : { optional: true, nullable: true };

const text = (description: string, maxLength: number, example?: unknown) => (mode: Mode) =>
  In.string({ description, maxLength, example, ...opt(mode) });

/**
 * The writable contact fields, described once and applied to both the create and the update input
 * (REST bodies and GraphQL inputs alike).
 */
export const CONTACT_INPUT_FIELDS = {
  firstName: text('First name.', 100, 'Jose'),
  lastName: text('Surname.', 100, 'Silva'),
  gender: (m: Mode) => In.enum(Gender, 'Gender', { description: 'Gender.', example: Gender.MALE, ...opt(m) }),
  genderInfo: text('Free-form gender information.', 100),
  birthDate: (m: Mode) => In.date({ description: 'Birth date, YYYY-MM-DD.', example: '1974-06-15', ...opt(m) }),
  personType: (m: Mode) =>
    In.enum(PersonType, 'PersonType', { description: 'Individual or company.', example: PersonType.COMPANY, ...opt(m) }),
  cpf: (m: Mode) => In.cpf({ description: 'CPF; punctuation optional, check digits verified.', example: '873.487.695-27', ...opt(m) }),
  cnpj: (m: Mode) =>
    In.cnpj({ description: 'CNPJ; punctuation optional, check digits verified.', example: '64.420.582/0001-48', ...opt(m) }),
  company: text('Company name.', 150, 'Empresa Minha Ltda'),
  email: (m: Mode) => In.email({ description: 'E-mail address.', example: 'jose@email.com', ...opt(m) }),
  whatsapp: (m: Mode) => In.phone({ description: 'WhatsApp number.', example: '+55 (31) 91111-1122', ...opt(m) }),
  mobilePhone: (m: Mode) => In.phone({ description: 'Mobile phone.', example: '+55 31 91111-1122', ...opt(m) }),
  phone: (m: Mode) => In.phone({ description: 'Landline.', example: '+55 31 5555-1122', ...opt(m) }),
  telegramId: text('Telegram user id.', 100),
  messengerId: text('Facebook Messenger user id.', 100),
  instagramId: text('Instagram user id.', 100),
  whatsappChannelToken: text(
    'Token of the WhatsApp channel the contact belongs to (see GET /v1/channels).',
    100,
    'AAAAAAAAAAAAAAAAA-BBBBBB-CCCCCC',
  ),
  telegramChannelToken: text('Token of the Telegram channel.', 100),
  messengerChannelToken: text('Token of the Messenger channel.', 100),
  messengerPageId: text('Facebook page the Messenger contact came from (see GET /v1/channels/facebook-pages).', 100),
  instagramChannelToken: text('Token of the Instagram channel.', 100),
  instagramBusinessAccountId: text('Instagram business account the contact came from (see GET /v1/channels/instagram-accounts).', 100),
  country: (m: Mode) =>
    In.string({
      description: 'Country, ISO 3166-1 alpha-2.',
      example: 'BR',
      pattern: /^[A-Z]{2}$/,
      patternMessage: 'must be a two-letter country code such as BR',
      ...opt(m),
    }),
  state: text('State (UF).', 50, 'MG'),
  city: text('City.', 100, 'Belo Horizonte'),
  profession: text('Profession.', 100, 'ESPORTE'),
  externalId: text("Id of the contact in the caller's own system.", 100, '667811'),
  isClient: (m: Mode) => In.boolean({ description: 'Whether the contact is a client.', example: false, ...opt(m) }),
  clientCode: text('Client code.', 100),
  avatarUrl: (m: Mode) => In.url({ description: 'Avatar image URL.', example: 'https://www.meusite.com.br/foto.jpg', ...opt(m) }),
  notes: text('Free-form notes ("obs").', 2000, 'Enviar proposta comercial na segunda'),
  tags: (m: Mode) =>
    In.stringList({
      description: 'Tags. Maxbot keeps two (`tag`, `tag2`); on update the list replaces both.',
      maxItems: 10,
      itemMaxLength: 100,
      example: ['VIP', 'VIP2'],
      ...opt(m),
    }),
  segmentations: (m: Mode) =>
    In.stringList({
      description: 'Segmentation titles to put the contact in (Maxbot sends them comma-separated, so titles cannot contain commas).',
      maxItems: 50,
      itemMaxLength: 100,
      itemPattern: /^[^,]+$/,
      itemMessage: 'items must not contain commas',
      example: ['Negociação', 'Proposta Enviada'],
      ...opt(m),
    }),
  tagInfo1: text('Extra information slot 1 (Maxbot `tag_info1`).', 500),
  tagInfo2: text('Extra information slot 2.', 500),
  tagInfo3: text('Extra information slot 3.', 500),
  tagInfo4: text('Extra information slot 4.', 500),
  tagInfo5: text('Extra information slot 5.', 500),
  tagInfo6: text('Extra information slot 6.', 500),
  customFields: (m: Mode) =>
    In.list(() => CustomFieldInput, {
      description: 'Free-form fields by name (OkeyBot custom fields, ChatGuru field__NAME). Not supported on Maxbot.',
      maxItems: 100,
      example: [{ name: 'customerid', value: '1' }],
      ...opt(m),
    }),
} as const;

export type ContactInputField = keyof typeof CONTACT_INPUT_FIELDS;

export function applyContactFields(target: { prototype: object }, mode: Mode): void {
  for (const [name, decorate] of Object.entries(CONTACT_INPUT_FIELDS)) decorate(mode)(target.prototype, name);
}
