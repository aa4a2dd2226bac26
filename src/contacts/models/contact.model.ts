import { createUnionType, ObjectType } from '@nestjs/graphql';
import { Out } from '../../common/validation/fields';
import { PageOf } from '../../common/models/page.model';
import { Gender, PersonType, RegistrationStatus } from './contact.enums';
import './contact.graphql-enums';

@ObjectType({ description: 'A name/value pair from a platform with free-form contact fields (OkeyBot, ChatGuru).' })
export class CustomField {
  @Out.string({ description: 'Field name as configured on the platform.', example: 'customerid' })
  name: string;

  @Out.string({ description: 'Field value (platform booleans become "TRUE"/"FALSE").', nullable: true, example: '1' })
  value: string | null;
}

@ObjectType({ description: 'Channels of the account the contact talks through.' })
export class ContactChannels {
  @Out.string({ description: 'WhatsApp channel (its number, E.164 when it is one).', nullable: true, example: '+5531911111444' })
  whatsapp: string | null;

  @Out.string({ description: 'Telegram channel.', nullable: true, example: null })
  telegram: string | null;

  @Out.string({ description: 'Facebook Messenger channel.', nullable: true, example: null })
  messenger: string | null;

  @Out.string({ description: 'Instagram channel.', nullable: true, example: null })
  instagram: string | null;
}

@ObjectType({ description: 'Whether a conversation session window is open on each channel.' })
export class ContactSessions {
  @Out.boolean({ description: 'WhatsApp Business (WABA) session open.', nullable: true, example: null })
  whatsapp: boolean | null;

  @Out.boolean({ description: 'Messenger session open.', nullable: true, example: null })
  messenger: boolean | null;

  @Out.boolean({ description: 'Instagram session open.', nullable: true, example: null })
  instagram: boolean | null;
}

@ObjectType({ description: "The contact's user names on the platform and its channels (Maxbot's contact webhooks carry them)." })
export class ContactUsernames {
  @Out.string({ description: 'User name on the platform itself (Maxbot maxbot_username).', nullable: true, example: null })
  platform: string | null;

  @Out.string({ description: 'Telegram user name.', nullable: true, example: 'fulano' })
  telegram: string | null;

  @Out.string({ description: 'Facebook Messenger user name.', nullable: true, example: null })
  messenger: string | null;

  @Out.string({ description: 'Instagram user name.', nullable: true, example: null })
  instagram: string | null;
}

@ObjectType({ description: 'A contact (Maxbot "ficha de contato", OkeyBot contact, ChatGuru chat).' })
export class Contact {
  @Out.id({ description: 'Platform id of the contact.', example: '1' })
  id: string;

  @Out.dateTime({
    description: 'When the contact was created, with the connection UTC offset.',
    nullable: true,
    example: '2020-06-08T08:07:16-03:00',
  })
  createdAt: string | null;

  @Out.dateTime({ description: 'Last update, with the connection UTC offset.', nullable: true, example: '2020-06-08T08:07:16-03:00' })
  updatedAt: string | null;

  @Out.string({ description: 'First name.', nullable: true, example: 'Rodrigo' })
  firstName: string | null;

  @Out.string({ description: 'Surname.', nullable: true, example: 'Fundação Ther' })
  lastName: string | null;

  @Out.enum(Gender, 'Gender', { description: 'Gender.', nullable: true, example: Gender.MALE })
  gender: Gender | null;

  @Out.string({ description: 'Free-form gender information.', nullable: true, example: null })
  genderInfo: string | null;

  @Out.date({ description: 'Birth date.', nullable: true, example: '1974-10-22' })
  birthDate: string | null;

  @Out.int({ description: 'Age in years, as computed by the platform.', nullable: true, example: 46 })
  age: number | null;

  @Out.enum(PersonType, 'PersonType', { description: 'Individual or company.', nullable: true, example: PersonType.COMPANY })
  personType: PersonType | null;

  @Out.string({ description: 'CPF, 11 digits.', nullable: true, example: '11122233344' })
  cpf: string | null;

  @Out.string({ description: 'CNPJ, 14 characters.', nullable: true, example: '11222333000144' })
  cnpj: string | null;

  @Out.string({ description: 'Company name.', nullable: true, example: 'Ther Sistemas Ltda' })
  company: string | null;

  @Out.string({ description: 'E-mail address.', nullable: true, example: 'rodrigo@maxbot.com.br' })
  email: string | null;

  @Out.phone({ description: 'WhatsApp number, E.164.', nullable: true, example: '+5531911112222' })
  whatsapp: string | null;

  @Out.phone({ description: 'Mobile phone, E.164.', nullable: true, example: '+5531922223333' })
  mobilePhone: string | null;

  @Out.phone({ description: 'Landline, E.164.', nullable: true, example: '+553132324455' })
  phone: string | null;

  @Out.string({ description: 'Telegram user id.', nullable: true, example: null })
  telegramId: string | null;

  @Out.string({ description: 'Facebook Messenger user id.', nullable: true, example: null })
  messengerId: string | null;

  @Out.string({ description: 'Instagram user id.', nullable: true, example: null })
  instagramId: string | null;

  @Out.object(() => ContactChannels, { description: 'Account channels the contact is reached through.' })
  channels: ContactChannels;

  @Out.object(() => ContactSessions, { description: 'Open session windows per channel.' })
  sessions: ContactSessions;

  @Out.object(() => ContactUsernames, {
    description: 'User names per channel. Maxbot sends them only in its contact webhooks (events), not in get_contact: null there.',
  })
  usernames: ContactUsernames;

  @Out.string({ description: 'Country, ISO 3166-1 alpha-2.', nullable: true, example: 'BR' })
  country: string | null;

  @Out.string({ description: 'State (UF).', nullable: true, example: 'MG' })
  state: string | null;

  @Out.string({ description: 'City.', nullable: true, example: 'Viçosa' })
  city: string | null;

  @Out.string({ description: 'Profession.', nullable: true, example: null })
  profession: string | null;

  @Out.string({ description: "Id of the contact in the caller's own system.", nullable: true, example: '5678' })
  externalId: string | null;

  @Out.boolean({ description: 'Whether the contact is a client.', nullable: true, example: false })
  isClient: boolean | null;

  @Out.string({ description: 'Client code.', nullable: true, example: null })
  clientCode: string | null;

  @Out.url({ description: 'Avatar image URL.', nullable: true, example: null })
  avatarUrl: string | null;

  @Out.string({ description: 'Free-form notes ("obs").', nullable: true, example: 'Cliente VIP' })
  notes: string | null;

  @Out.stringList({ description: 'Tags (Maxbot has two tag slots, `tag` and `tag2`).', example: ['THER', 'THER2'] })
  tags: string[];

  @Out.stringList({ description: 'Titles of the segmentations the contact belongs to.', example: ['Negociação', 'Proposta Enviada'] })
  segmentations: string[];

  @Out.string({ description: 'Extra information slot 1 (Maxbot `tag_info1`).', nullable: true, example: null })
  tagInfo1: string | null;

  @Out.string({ description: 'Extra information slot 2.', nullable: true, example: null })
  tagInfo2: string | null;

  @Out.string({ description: 'Extra information slot 3.', nullable: true, example: null })
  tagInfo3: string | null;

  @Out.string({ description: 'Extra information slot 4.', nullable: true, example: null })
  tagInfo4: string | null;

  @Out.string({ description: 'Extra information slot 5.', nullable: true, example: null })
  tagInfo5: string | null;

  @Out.string({ description: 'Extra information slot 6.', nullable: true, example: null })
  tagInfo6: string | null;

  @Out.list(() => CustomField, { description: 'Free-form fields (OkeyBot, ChatGuru); empty on Maxbot.', example: [] })
  customFields: CustomField[];

  @Out.boolean({ description: 'Whether the contact is being served right now.', nullable: true, example: true })
  inAttendance: boolean | null;

  @Out.string({ description: 'Protocol of the ongoing service, if any.', nullable: true, example: '2345' })
  currentProtocol: string | null;

  @Out.string({ description: 'Attendant of the ongoing service, if any.', nullable: true, example: 'Keli Marchi' })
  currentAttendant: string | null;
}

@ObjectType({
  description:
    'A contact creation the platform performs asynchronously (ChatGuru chat_add): poll GET /v1/contacts/registrations/{id} until it is DONE or FAILED.',
})
export class ContactRegistration {
  @Out.id({ description: 'Registration id (ChatGuru chat_add_id).', example: '5dd69c2300078e1be17fffd4' })
  id: string;

  @Out.enum(RegistrationStatus, 'RegistrationStatus', { description: 'Where the creation stands.', example: RegistrationStatus.PENDING })
  status: RegistrationStatus;

  @Out.string({ description: "The platform's own status word (e.g. ChatGuru `pending`, `done`).", nullable: true, example: 'pending' })
  platformStatus: string | null;

  @Out.string({
    description: "The platform's description of the status.",
    nullable: true,
    example: 'Chat cadastrado para inclusão com sucesso!',
  })
  description: string | null;

  @Out.string({ description: 'Id of the contact once created, when the platform tells it.', nullable: true, example: null })
  contactId: string | null;
}

export const CreateContactResult = createUnionType({
  name: 'CreateContactResult',
  description: 'The created contact, or — on platforms that create contacts asynchronously — a registration to poll.',
  types: () => [Contact, ContactRegistration] as const,
  resolveType: (value: Contact | ContactRegistration) => ('status' in value ? ContactRegistration : Contact),
});

@ObjectType({ description: 'A tag batch the platform refused.' })
export class TagChunkFailure {
  @Out.stringList({ description: 'Tags of the refused call.', example: ['Promo 11'] })
  tags: string[];

  @Out.string({ description: 'Problem code of the failure.', example: 'rate_limited' })
  code: string;

  @Out.string({ description: 'What went wrong.', example: 'OkeyBot answered 429 Too many requests' })
  detail: string;
}

@ObjectType({
  description:
    'Result of adding or removing tags. Platforms cap tags per call (OkeyBot: 10), so Ponte may make several calls; `complete` is false when some failed.',
})
export class ContactTagsResult {
  @Out.id({ description: 'Contact id.', example: '1776025372480910' })
  contactId: string;

  @Out.stringList({ description: 'Tags the platform accepted.', example: ['Blog Updates', 'Platform Updates'] })
  applied: string[];

  @Out.list(() => TagChunkFailure, {
    description: 'Calls the platform refused, with their tags (nothing is dropped silently).',
    example: [],
  })
  failed: TagChunkFailure[];

  @Out.boolean({ description: 'Whether every tag was applied.', example: true })
  complete: boolean;
}

@ObjectType({ description: 'A note (annotation) added to a contact.' })
export class ContactNote {
  @Out.id({ description: 'Note id.', example: '5ebbc4ded8d8eaf9919970a9' })
  id: string;

  @Out.id({ description: 'Contact id (ChatGuru: the chat number).', example: '5511999999999' })
  contactId: string;

  @Out.string({ description: 'Text of the note.', example: 'Cliente pediu retorno amanhã.' })
  text: string;
}

@ObjectType({ description: 'A page of contacts.' })
export class ContactPage extends PageOf(Contact) {}

@ObjectType({ description: 'Result of a contact update.' })
export class ContactUpdateResult {
  @Out.id({ description: 'Id of the updated contact.', example: '1234' })
  id: string;

  @Out.stringList({ description: 'Ponte names of the fields that were sent to the platform.', example: ['email', 'tags'] })
  updatedFields: string[];
}

@ObjectType({ description: 'Result of deleting contacts.' })
export class DeleteContactsResult {
  @Out.stringList({ description: 'Ids the platform deleted.', example: ['123', '134'] })
  deletedIds: string[];
}

@ObjectType({ description: 'Segmentations added to a contact.' })
export class ContactSegmentationsResult {
  @Out.id({ description: 'Contact id.', example: '1155' })
  contactId: string;

  @Out.stringList({ description: 'Segmentation ids that were added.', example: ['113', '211'] })
  segmentationIds: string[];
}
