/**
 * Pure conversions between OkeyBot contact records and Ponte models. No I/O here: the adapter
 * calls these around its REST calls, and the unit tests call them directly.
 *
 * OkeyBot keeps everything about a contact in free-form custom fields. Ponte returns all of them
 * in `customFields` (name/value, as the platform has them) and also reads the well-known ones of
 * the doc example onto the Contact fields: firstName, lastName, email, phone, gender. `locale`,
 * `timezone` and the rest have no Contact counterpart and stay in `customFields` only.
 */
import type { ListContactsArgs } from '../../contacts/dto/contact.args';
import type { CreateContactInput, UpdateContactInput } from '../../contacts/dto/contact.input';
import type { ContactInputField } from '../../contacts/dto/contact-fields';
import { refuseChatRegistrationFields } from '../../contacts/contacts.rules';
import { Gender } from '../../contacts/models/contact.enums';
import type { Contact, CustomField } from '../../contacts/models/contact.model';
import { PonteError, type FieldError } from '../../common/errors/ponte-error';
import { instantToIso } from '../../common/normalize/dates';
import { parsePhone } from '../../common/normalize/phone';
import { blankToNull, idString } from '../../common/normalize/values';
import { decodeCursor, encodeCursor, filterFingerprint, type Page } from '../../common/pagination/page';
import {
  OKEYBOT_MAX_FIELDS_PER_CALL,
  OKEYBOT_MAX_TAGS_PER_CALL,
  type OkeybotContactListReply,
  type OkeybotContactRecord,
  type OkeybotCustomFieldPair,
} from './okeybot.types';

const where = { provider: 'okeybot' } as const;

// ── ids ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * A contact id as OkeyBot wants it in a path. "En el caso del canal Viber ... la ID de contacto debe
 * proporcionarse en un formato codificado en Base64": Viber connections send standard Base64 of the
 * id (OkeyBot answers with the plain id, which is what Ponte callers use). The segment is then
 * percent-encoded, since Base64 and Viber ids may contain `/`, `+` and `=`.
 */
export function contactPath(id: string, viber: boolean, field = 'id'): string {
  const wire = viber ? Buffer.from(id, 'utf8').toString('base64') : id;
  const segment = encodeURIComponent(wire);
  // "." and ".." would be resolved as path steps by any URL parser and reach another endpoint.
  if (segment === '.' || segment === '..') throw PonteError.validation([{ field, message: 'is not a valid OkeyBot contact id' }]);
  return `/v1/contact/${segment}`;
}

// ── records → Contact ───────────────────────────────────────────────────────────────────────────

/** A custom field value as Ponte shows it: text as is, booleans as the TRUE/FALSE OkeyBot searches with. */
export function customFieldValueFromWire(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

const GENDER_FROM_WIRE: Record<string, Gender> = { male: Gender.MALE, female: Gender.FEMALE };
const GENDER_TO_WIRE: Record<Gender, string> = { [Gender.MALE]: 'male', [Gender.FEMALE]: 'female' };

/** `"created_at": 1575618542` (Unix seconds) → ISO 8601 with the connection's offset; 0 or blank → null. */
export function epochSecondsToIso(value: unknown, timezone: string): string | null {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  // Past year 275760 a Date is invalid (a garbled 1e308 threw "Invalid time value": a 500).
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 8.64e12) return null;
  return instantToIso(new Date(seconds * 1000), timezone);
}

export function contactFromWire(r: OkeybotContactRecord, timezone: string): Contact {
  const fields = r.custom_fields && typeof r.custom_fields === 'object' && !Array.isArray(r.custom_fields) ? r.custom_fields : {};
  const customFields: CustomField[] = Object.entries(fields).map(([name, value]) => ({ name, value: customFieldValueFromWire(value) }));
  const get = (name: string) => blankToNull(customFieldValueFromWire(fields[name]));
  const phone = get('phone');
  return {
    id: idString(r.id) ?? '',
    createdAt: epochSecondsToIso(r.created_at, timezone),
    updatedAt: null,
    firstName: get('firstName'),
    lastName: get('lastName'),
    gender: GENDER_FROM_WIRE[(get('gender') ?? '').toLowerCase()] ?? null,
    genderInfo: null,
    birthDate: null,
    age: null,
    personType: null,
    cpf: null,
    cnpj: null,
    company: null,
    email: get('email'),
    whatsapp: null,
    mobilePhone: null,
    // Only a number that parses (Brazilian national or international) becomes `phone`; the doc's
    // "123123" does not, and stays untouched in customFields.
    phone: phone === null ? null : parsePhone(phone),
    telegramId: null,
    messengerId: null,
    instagramId: null,
    channels: { whatsapp: null, telegram: null, messenger: null, instagram: null },
    sessions: { whatsapp: null, messenger: null, instagram: null },
    usernames: { platform: null, telegram: null, messenger: null, instagram: null },
    country: null,
    state: null,
    city: null,
    profession: null,
    externalId: null,
    isClient: null,
    clientCode: null,
    avatarUrl: null,
    notes: null,
    tags: (Array.isArray(r.tags) ? r.tags : []).map((t) => blankToNull(t)).filter((t): t is string => t !== null),
    segmentations: [],
    tagInfo1: null,
    tagInfo2: null,
    tagInfo3: null,
    tagInfo4: null,
    tagInfo5: null,
    tagInfo6: null,
    customFields,
    inAttendance: null,
    currentProtocol: null,
    currentAttendant: null,
  };
}

// ── list filters and pages ──────────────────────────────────────────────────────────────────────

/** Arguments that are not filters: paging and the connection choice. */
const NOT_FILTERS = new Set(['limit', 'cursor', 'connection']);

/**
 * "Si desea recuperar una lista de contactos por campo personalizado de tipo booleano, asegúrese de
 * utilizar TRUE o FALSE como valor": true/false in any case become TRUE/FALSE. Ponte cannot know a
 * field's type, so a text field holding the word "true" is searched as "TRUE" too.
 */
export function filterValueToWire(value: string): string {
  const lower = value.toLowerCase();
  return lower === 'true' ? 'TRUE' : lower === 'false' ? 'FALSE' : value;
}

/** OkeyBot lists contacts only by one custom field: `customField` + `value` are required, nothing else is carried. */
export function listFiltersToWire(args: ListContactsArgs): { name: string; value: string } {
  const unsupported = Object.entries(args)
    .filter(([key, v]) => v !== undefined && !NOT_FILTERS.has(key) && key !== 'customField' && key !== 'value')
    .map(([key]) => key);
  if (unsupported.length) {
    throw new PonteError(
      'unsupported_field',
      `OkeyBot lists contacts only by custom field; it cannot filter by ${unsupported.join(', ')} (a custom field such as email can be searched with customField=email&value=…)`,
      { ...where, errors: unsupported.map((field) => ({ field, message: 'is not supported by OkeyBot' })) },
    );
  }
  const errors: FieldError[] = [];
  if (args.customField === undefined || args.customField.trim() === '') {
    errors.push({ field: 'customField', message: 'is required on OkeyBot (it lists contacts by one custom field)' });
  }
  if (args.value === undefined) errors.push({ field: 'value', message: 'is required on OkeyBot, with customField' });
  if (errors.length) throw PonteError.validation(errors);
  return { name: args.customField!, value: filterValueToWire(args.value!) };
}

/** Where a Ponte page starts: an OkeyBot page number and an offset inside it. */
export interface PagePosition {
  page: number;
  offset: number;
  fingerprint: string;
}

export function pagePosition(args: ListContactsArgs): PagePosition {
  const fingerprint = filterFingerprint(args);
  if (!args.cursor) return { page: 1, offset: 0, fingerprint };
  const state = decodeCursor(args.cursor, fingerprint);
  const { p, o } = state;
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || typeof o !== 'number' || !Number.isInteger(o) || o < 0) {
    throw PonteError.validation([{ field: 'cursor', message: 'is not a cursor issued by this API' }]);
  }
  return { page: p, offset: o, fingerprint };
}

/**
 * One OkeyBot page → one Ponte page. OkeyBot pages have a fixed size (`per_page`: 10 in the doc,
 * with no parameter to change it); Ponte makes one OkeyBot call per Ponte page, so a page holds at
 * most min(limit, per_page) contacts. A `limit` below per_page pages inside an OkeyBot page: the
 * cursor keeps the OkeyBot page and the offset in it. `totalCount` is `meta.total`.
 */
export function pageFromWire(reply: OkeybotContactListReply, position: PagePosition, limit: number, timezone: string): Page<Contact> {
  const records = Array.isArray(reply.data) ? reply.data : [];
  const data = records.slice(position.offset, position.offset + limit).map((r) => contactFromWire(r, timezone));
  const meta = reply.meta ?? {};
  const current = typeof meta.current_page === 'number' ? meta.current_page : position.page;
  const morePages = typeof meta.last_page === 'number' ? current < meta.last_page : Boolean(reply.links?.next);
  const consumed = position.offset + data.length;
  let next: Record<string, number> | null = null;
  if (consumed < records.length) next = { p: current, o: consumed };
  else if (morePages && records.length > 0) next = { p: current + 1, o: 0 };
  return {
    data,
    pageInfo: {
      nextCursor: next ? encodeCursor(next, position.fingerprint) : null,
      hasNextPage: next !== null,
      totalCount: typeof meta.total === 'number' ? meta.total : null,
    },
  };
}

// ── Ponte input → custom_fields ─────────────────────────────────────────────────────────────────

type Writable = CreateContactInput | UpdateContactInput;
type WellKnown = 'phone' | 'firstName' | 'lastName' | 'email' | 'gender';

/** Contact fields OkeyBot carries as custom fields of the same name, in the doc's order (phone, firstName, lastName). */
const WELL_KNOWN: Record<WellKnown, (value: never) => string> = {
  phone: String,
  firstName: String,
  lastName: String,
  email: String,
  gender: (v: Gender) => GENDER_TO_WIRE[v],
};

/**
 * A contact input → the `custom_fields` list of POST /v1/contact and PUT /v1/contact/{id}. Only the
 * fields present are sent; null is sent as a JSON null (the doc shows no other way to clear).
 * A field OkeyBot has no place for is a 422 rather than being dropped, and so is a request over the
 * documented 30 fields: Ponte does not split one contact write into several calls that could
 * half-apply. Returns the list and the Ponte names sent.
 */
export function contactInputToWire(input: Writable): { customFields: OkeybotCustomFieldPair[]; fields: ContactInputField[] } {
  refuseChatRegistrationFields(input, 'OkeyBot', 'okeybot');
  const unsupported = (Object.keys(input) as ContactInputField[])
    .filter((k) => input[k] !== undefined && !(k in WELL_KNOWN) && k !== 'customFields')
    .sort();
  if (unsupported.length) {
    const hint = unsupported.includes('tags') ? ' (tags have their own route: POST /v1/contacts/{id}/tags)' : '';
    throw new PonteError(
      'unsupported_field',
      `OkeyBot contacts have no ${unsupported.join(', ')}; send them as customFields if the channel has such fields${hint}`,
      { ...where, errors: unsupported.map((field) => ({ field, message: 'is not supported by OkeyBot' })) },
    );
  }
  const customFields: OkeybotCustomFieldPair[] = [];
  const fields: ContactInputField[] = [];
  for (const [name, convert] of Object.entries(WELL_KNOWN) as [WellKnown, (v: unknown) => string][]) {
    const value = input[name];
    if (value === undefined) continue;
    customFields.push({ name, value: value === null ? null : convert(value) });
    fields.push(name);
  }
  if (input.customFields !== undefined && input.customFields !== null) {
    const errors: FieldError[] = [];
    const seen = new Set(customFields.map((f) => f.name));
    input.customFields.forEach((f, i) => {
      if (seen.has(f.name)) {
        errors.push({
          field: `customFields[${i}].name`,
          message: f.name in WELL_KNOWN ? `"${f.name}" is also given as the ${f.name} field` : `"${f.name}" is given twice`,
        });
      }
      seen.add(f.name);
      customFields.push({ name: f.name, value: f.value });
    });
    if (errors.length) throw PonteError.validation(errors);
    if (input.customFields.length) fields.push('customFields');
  }
  if (customFields.length === 0) {
    throw PonteError.validation([
      { field: 'body', message: 'give at least one field OkeyBot can store (firstName, lastName, email, phone, gender or customFields)' },
    ]);
  }
  if (customFields.length > OKEYBOT_MAX_FIELDS_PER_CALL) {
    throw new PonteError(
      'unsupported_field',
      `OkeyBot takes at most ${OKEYBOT_MAX_FIELDS_PER_CALL} fields per request; this one has ${customFields.length}. Split it into several updates`,
      {
        ...where,
        errors: [{ field: 'customFields', message: `must bring the request to at most ${OKEYBOT_MAX_FIELDS_PER_CALL} fields on OkeyBot` }],
      },
    );
  }
  return { customFields, fields };
}

/** The contact a POST /v1/contact created, as far as the gateway knows it: what was sent plus its id. */
export function createdContact(id: string, customFields: OkeybotCustomFieldPair[], timezone: string): Contact {
  const record: OkeybotContactRecord = { id, custom_fields: Object.fromEntries(customFields.map((f) => [f.name, f.value])), tags: [] };
  return contactFromWire(record, timezone);
}

// ── tags ────────────────────────────────────────────────────────────────────────────────────────

/** Tags in calls of at most 10 ("Máximo 10 etiquetas agregadas por solicitud"), repeats removed. */
export function tagChunks(tags: string[]): string[][] {
  const unique = [...new Set(tags)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += OKEYBOT_MAX_TAGS_PER_CALL) chunks.push(unique.slice(i, i + OKEYBOT_MAX_TAGS_PER_CALL));
  return chunks;
}
