/**
 * Pure conversions between Maxbot contact/segmentation records and Ponte models. No I/O here:
 * the adapter calls these around its `cmd` calls, and the unit tests call them directly.
 */
import type { ListContactsArgs } from '../../contacts/dto/contact.args';
import type { CreateContactInput, UpdateContactInput } from '../../contacts/dto/contact.input';
import type { ContactInputField } from '../../contacts/dto/contact-fields';
import { refuseChatRegistrationFields } from '../../contacts/contacts.rules';
import { Gender, PersonType, SegmentationType } from '../../contacts/models/contact.enums';
import type { Contact } from '../../contacts/models/contact.model';
import type { Segmentation } from '../../contacts/models/segmentation.model';
import { PonteError, type FieldError } from '../../common/errors/ponte-error';
import { instantToWire, isRealDate } from '../../common/normalize/dates';
import { wireDateTimeToIso, wireDateToIso } from '../../common/normalize/dates';
import { e164ToDigits, parsePhone, wirePhoneToE164 } from '../../common/normalize/phone';
import { blankToNull, flag, flagToWire, idString, intOrNull } from '../../common/normalize/values';
import type { MaxbotContactRecord, MaxbotSegmentationRecord, WireParams } from './maxbot.types';

const GENDER_FROM_WIRE: Record<string, Gender> = { M: Gender.MALE, F: Gender.FEMALE };
const GENDER_TO_WIRE: Record<Gender, string> = { [Gender.MALE]: 'M', [Gender.FEMALE]: 'F' };
const PERSON_FROM_WIRE: Record<string, PersonType> = { F: PersonType.INDIVIDUAL, J: PersonType.COMPANY };
const PERSON_TO_WIRE: Record<PersonType, string> = { [PersonType.INDIVIDUAL]: 'F', [PersonType.COMPANY]: 'J' };

/** Maxbot keeps exactly two tag slots: `tag` and `tag2`. */
export const MAXBOT_TAG_SLOTS = 2;

/** A channel value is the channel's phone number for WhatsApp, an opaque name otherwise. */
function channelValue(raw: unknown, country: string | null): string | null {
  const value = blankToNull(raw);
  if (value === null) return null;
  return /^\+?\d{10,15}$/.test(value) ? wirePhoneToE164(value, country) : value;
}

function segmentationTitles(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String).filter((s) => s.trim() !== '');
  const text = blankToNull(raw);
  return text === null
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

export function contactFromWire(r: MaxbotContactRecord, timezone: string): Contact {
  const country = blankToNull(r.country);
  return {
    id: idString(r.id) ?? '',
    createdAt: wireDateTimeToIso(r.created_at, timezone),
    updatedAt: wireDateTimeToIso(r.updated_at, timezone),
    firstName: blankToNull(r.name),
    lastName: blankToNull(r.surname),
    gender: GENDER_FROM_WIRE[String(r.gender ?? '').toUpperCase()] ?? null,
    genderInfo: blankToNull(r.gender_info),
    birthDate: wireDateToIso(r.birth),
    age: intOrNull(r.age),
    personType: PERSON_FROM_WIRE[String(r.br_person_type ?? '').toUpperCase()] ?? null,
    cpf: blankToNull(r.br_cpf),
    cnpj: blankToNull(r.br_cnpj),
    company: blankToNull(r.company),
    email: blankToNull(r.email),
    whatsapp: wirePhoneToE164(r.whatsapp, country),
    mobilePhone: wirePhoneToE164(r.mobile_phone, country),
    phone: wirePhoneToE164(r.phone, country),
    telegramId: blankToNull(r.telegram_id),
    messengerId: blankToNull(r.fbmessenger_id),
    instagramId: blankToNull(r.instagram_id),
    channels: {
      whatsapp: channelValue(r.channel_whatsapp, country),
      telegram: blankToNull(r.channel_telegram),
      messenger: blankToNull(r.channel_fbmessenger),
      instagram: blankToNull(r.channel_instagram),
    },
    sessions: {
      whatsapp: flag(r.waba_session),
      messenger: flag(r.messenger_session),
      instagram: flag(r.instagram_session),
    },
    // Only the contact webhooks carry these ("maxbot_username", "telegram_username", …).
    usernames: {
      platform: blankToNull(r.maxbot_username),
      telegram: blankToNull(r.telegram_username),
      messenger: blankToNull(r.fbmessenger_username),
      instagram: blankToNull(r.instagram_username),
    },
    country,
    state: blankToNull(r.state),
    city: blankToNull(r.city),
    profession: blankToNull(r.profession),
    externalId: blankToNull(r.external_id),
    isClient: flag(r.ind_client),
    clientCode: blankToNull(r.client_code),
    avatarUrl: blankToNull(r.avatar_url),
    notes: blankToNull(r.obs),
    tags: [r.tag, r.tag2].map(blankToNull).filter((t): t is string => t !== null),
    segmentations: segmentationTitles(r.segmentation),
    tagInfo1: blankToNull(r.tag_info1),
    tagInfo2: blankToNull(r.tag_info2),
    tagInfo3: blankToNull(r.tag_info3),
    tagInfo4: blankToNull(r.tag_info4),
    tagInfo5: blankToNull(r.tag_info5),
    tagInfo6: blankToNull(r.tag_info6),
    customFields: [],
    inAttendance: flag(r.in_attendance),
    currentProtocol: idString(r.current_protocol),
    currentAttendant: blankToNull(r.current_attendant),
  };
}

/** Start or end of a period bound: a date, or an instant converted to the account's wall clock. */
function periodBound(value: string, edge: 'start' | 'end', asDateTime: boolean, timezone: string): string {
  if (isRealDate(value)) return asDateTime ? `${value} ${edge === 'start' ? '00:00:00' : '23:59:59'}` : value;
  return instantToWire(new Date(value), timezone);
}

/**
 * `get_contact` filters. Maxbot filters by one period at a time, chosen by a focus flag that we
 * read as `0` = creation date, `1` = last update (maxbot.txt shows the flags, not their meaning).
 * Plain dates go to `date_start`/`date_stop` with `focus_period`; as soon as one bound carries a
 * time, both go to `datetime_start`/`datetime_stop` with `datetime_focus`. An open end is filled
 * with 1970-01-01 or today, since the examples always send both bounds.
 */
export function contactFiltersToWire(args: ListContactsArgs, timezone: string, now: Date): WireParams {
  const params: WireParams = {};
  if (args.customField !== undefined || args.value !== undefined) {
    throw new PonteError('unsupported_field', 'Maxbot cannot search contacts by custom field (customField/value)', {
      provider: 'maxbot',
      errors: [{ field: 'customField', message: 'is not supported by Maxbot' }],
    });
  }
  const created = args.createdFrom !== undefined || args.createdTo !== undefined;
  const updated = args.updatedFrom !== undefined || args.updatedTo !== undefined;
  if (created && updated) {
    throw PonteError.validation(
      [
        { field: 'createdFrom', message: 'cannot be combined with updatedFrom/updatedTo' },
        { field: 'updatedFrom', message: 'cannot be combined with createdFrom/createdTo' },
      ],
      'Maxbot filters by one period at a time: use either the created* or the updated* filters',
    );
  }
  if (created || updated) {
    const from = created ? args.createdFrom : args.updatedFrom;
    const to = created ? args.createdTo : args.updatedTo;
    const focus = created ? '0' : '1';
    const asDateTime = [from, to].some((v) => v !== undefined && !isRealDate(v));
    const start = from !== undefined ? periodBound(from, 'start', asDateTime, timezone) : asDateTime ? '1970-01-01 00:00:00' : '1970-01-01';
    const stop =
      to !== undefined
        ? periodBound(to, 'end', asDateTime, timezone)
        : asDateTime
          ? instantToWire(now, timezone)
          : instantToWire(now, timezone).slice(0, 10);
    if (start > stop) {
      throw PonteError.validation([{ field: created ? 'createdTo' : 'updatedTo', message: 'must not be before the start of the period' }]);
    }
    if (asDateTime) Object.assign(params, { datetime_focus: focus, datetime_start: start, datetime_stop: stop });
    else Object.assign(params, { focus_period: focus, date_start: start, date_stop: stop });
  }
  if (args.whatsapp !== undefined) params.whatsapp = e164ToDigits(args.whatsapp);
  if (args.mobilePhone !== undefined) params.mobile_phone = e164ToDigits(args.mobilePhone);
  if (args.email !== undefined) params.email = args.email;
  if (args.externalId !== undefined) params.external_id = args.externalId;
  // The record holds the channel's number in digits ("channel_whatsapp": "5531911111444"), which
  // Ponte returns as E.164: any phone form of it is sent as those digits.
  if (args.whatsappChannel !== undefined) params.channel_whatsapp = channelNumberToWire(args.whatsappChannel);
  if (args.telegramChannel !== undefined) params.channel_telegram = args.telegramChannel;
  if (args.messengerChannel !== undefined) params.channel_messenger = args.messengerChannel;
  if (args.instagramChannel !== undefined) params.channel_instagram = args.instagramChannel;
  if (args.whatsappSession !== undefined) params.waba_session = flagToWire(args.whatsappSession);
  if (args.messengerSession !== undefined) params.messenger_session = flagToWire(args.messengerSession);
  if (args.instagramSession !== undefined) params.instagram_session = flagToWire(args.instagramSession);
  if (args.validatedWhatsapp !== undefined) params.validated_whatsapp = flagToWire(args.validatedWhatsapp);
  return params;
}

type Writable = CreateContactInput | UpdateContactInput;
type ScalarField = Exclude<ContactInputField, 'tags' | 'segmentations' | 'customFields'>;

/** Ponte input field → Maxbot `put_contact`/`set_contact` key, with the value form it wants. */
const WIRE_KEYS: Record<ScalarField, [string, (v: never) => string]> = {
  firstName: ['name', String],
  lastName: ['surname', String],
  gender: ['gender', (v: Gender) => GENDER_TO_WIRE[v]],
  genderInfo: ['gender_info', String],
  birthDate: ['birth', String],
  personType: ['br_person_type', (v: PersonType) => PERSON_TO_WIRE[v]],
  cpf: ['br_cpf', String],
  cnpj: ['br_cnpj', String],
  company: ['company', String],
  email: ['email', String],
  whatsapp: ['whatsapp', e164ToDigits],
  mobilePhone: ['mobile_phone', e164ToDigits],
  phone: ['phone', e164ToDigits],
  telegramId: ['telegram_id', String],
  messengerId: ['fbmessenger_id', String],
  instagramId: ['instagram_id', String],
  whatsappChannelToken: ['whatsapp_channel', String],
  telegramChannelToken: ['telegram_channel', String],
  messengerChannelToken: ['fbmessenger_channel', String],
  messengerPageId: ['fbmessenger_origem_page_id', String],
  instagramChannelToken: ['instagram_channel', String],
  instagramBusinessAccountId: ['instagram_origem_business_account_id', String],
  country: ['country', String],
  state: ['state', String],
  city: ['city', String],
  profession: ['profession', String],
  externalId: ['external_id', String],
  isClient: ['ind_client', flagToWire],
  clientCode: ['client_code', String],
  avatarUrl: ['avatar_url', String],
  notes: ['obs', String],
  tagInfo1: ['tag_info1', String],
  tagInfo2: ['tag_info2', String],
  tagInfo3: ['tag_info3', String],
  tagInfo4: ['tag_info4', String],
  tagInfo5: ['tag_info5', String],
  tagInfo6: ['tag_info6', String],
};

/**
 * A contact input → `put_contact` / `set_contact` fields. Only fields present in the input are
 * sent; null becomes `""` (Maxbot's empty value), which clears the field on update.
 * Returns the wire fields and the Ponte names that were sent.
 */
export function contactInputToWire(input: Writable): { params: WireParams; fields: ContactInputField[] } {
  if (input.customFields !== undefined) {
    throw new PonteError('unsupported_field', 'Maxbot contacts have no free-form custom fields (use tagInfo1..tagInfo6)', {
      provider: 'maxbot',
      errors: [{ field: 'customFields', message: 'is not supported by Maxbot' }],
    });
  }
  const params: WireParams = {};
  const fields: ContactInputField[] = [];
  for (const [name, [key, convert]] of Object.entries(WIRE_KEYS) as [ScalarField, [string, (v: unknown) => string]][]) {
    const value = input[name];
    if (value === undefined) continue;
    params[key] = value === null ? '' : convert(value);
    fields.push(name);
  }
  if (input.tags !== undefined) {
    const tags = input.tags ?? [];
    if (tags.length > MAXBOT_TAG_SLOTS) {
      throw new PonteError('unsupported_field', `Maxbot keeps at most ${MAXBOT_TAG_SLOTS} tags per contact (tag, tag2)`, {
        provider: 'maxbot',
        errors: [{ field: 'tags', message: `must have at most ${MAXBOT_TAG_SLOTS} items on Maxbot` }],
      });
    }
    params.tag = tags[0] ?? '';
    params.tag2 = tags[1] ?? '';
    fields.push('tags');
  }
  if (input.segmentations !== undefined) {
    // maxbot.txt sends titles as one comma-separated string: "Negociação, Proposta Enviada".
    params.segmentation = (input.segmentations ?? []).join(', ');
    fields.push('segmentations');
  }
  return { params, fields };
}

/** Fields that let Maxbot reach a contact; a new contact without any of them is refused. */
const REACHABLE_BY: ContactInputField[] = [
  'whatsapp',
  'mobilePhone',
  'email',
  'telegramId',
  'messengerId',
  'instagramId',
  'externalId',
  'cpf',
  'cnpj',
];

export function checkCreatable(input: CreateContactInput): void {
  refuseChatRegistrationFields(input, 'Maxbot', 'maxbot');
  if (!REACHABLE_BY.some((f) => input[f] !== undefined && input[f] !== null)) {
    throw PonteError.validation(
      [{ field: 'whatsapp', message: `a new contact needs at least one of ${REACHABLE_BY.join(', ')}` }],
      `A new contact needs at least one of ${REACHABLE_BY.join(', ')}`,
    );
  }
}

const idField = (ids: string[], field: string, i: number) => (ids.length > 1 || field.endsWith('s') ? `${field}[${i}]` : field);

function channelNumberToWire(value: string): string {
  const phone = parsePhone(value);
  return phone ? e164ToDigits(phone) : value;
}

/** Maxbot record ids are integers; anything else is refused before a call is made. */
export function requireNumericIds(ids: string[], field: string): void {
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    if (!/^\d{1,18}$/.test(id)) errors.push({ field: idField(ids, field, i), message: 'must be a numeric Maxbot id' });
  });
  if (errors.length) throw PonteError.validation(errors);
}

/**
 * Ids for the commands that take them as a JSON array of integers (`"contact_id": [123,134,532,874]`,
 * delete_contact and delete_charge): checked as `requireNumericIds`, and refused beyond 2^53 - 1,
 * where `Number` would round an id to another record's.
 */
export function wireIntegerIds(ids: string[], field: string): number[] {
  requireNumericIds(ids, field);
  const errors: FieldError[] = [];
  const numbers = ids.map((id, i) => {
    const n = Number(id);
    if (!Number.isSafeInteger(n)) errors.push({ field: idField(ids, field, i), message: 'is too large for a Maxbot id' });
    return n;
  });
  if (errors.length) throw PonteError.validation(errors);
  return numbers;
}

/** The contact a `put_contact` created, as far as the gateway knows it: the input plus the new id. */
export function createdContact(id: string, input: CreateContactInput): Contact {
  const v = <T>(x: T | null | undefined): T | null => (x === undefined ? null : x);
  return {
    id,
    createdAt: null,
    updatedAt: null,
    firstName: v(input.firstName),
    lastName: v(input.lastName),
    gender: v(input.gender),
    genderInfo: v(input.genderInfo),
    birthDate: v(input.birthDate),
    age: null,
    personType: v(input.personType),
    cpf: v(input.cpf),
    cnpj: v(input.cnpj),
    company: v(input.company),
    email: v(input.email),
    whatsapp: v(input.whatsapp),
    mobilePhone: v(input.mobilePhone),
    phone: v(input.phone),
    telegramId: v(input.telegramId),
    messengerId: v(input.messengerId),
    instagramId: v(input.instagramId),
    channels: { whatsapp: null, telegram: null, messenger: null, instagram: null },
    sessions: { whatsapp: null, messenger: null, instagram: null },
    usernames: { platform: null, telegram: null, messenger: null, instagram: null },
    country: v(input.country),
    state: v(input.state),
    city: v(input.city),
    profession: v(input.profession),
    externalId: v(input.externalId),
    isClient: v(input.isClient),
    clientCode: v(input.clientCode),
    avatarUrl: v(input.avatarUrl),
    notes: v(input.notes),
    tags: input.tags ?? [],
    segmentations: input.segmentations ?? [],
    tagInfo1: v(input.tagInfo1),
    tagInfo2: v(input.tagInfo2),
    tagInfo3: v(input.tagInfo3),
    tagInfo4: v(input.tagInfo4),
    tagInfo5: v(input.tagInfo5),
    tagInfo6: v(input.tagInfo6),
    customFields: [],
    inAttendance: null,
    currentProtocol: null,
    currentAttendant: null,
  };
}

const SEGMENTATION_TYPE_FROM_WIRE: Record<string, SegmentationType> = { '0': SegmentationType.CONTACT, '1': SegmentationType.PROTOCOL };
export const SEGMENTATION_TYPE_TO_WIRE: Record<SegmentationType, string> = {
  [SegmentationType.CONTACT]: '0',
  [SegmentationType.PROTOCOL]: '1',
};

export function segmentationFromWire(r: MaxbotSegmentationRecord): Segmentation {
  return {
    id: idString(r.id) ?? '',
    title: String(r.title ?? ''),
    type: SEGMENTATION_TYPE_FROM_WIRE[String(r.type ?? '')] ?? null,
  };
}
