/** Pure OkeyBot mappers, checked against the records and requests of okeybot.txt. */
import { PonteError } from '../../src/common/errors/ponte-error';
import { encodeCursor, filterFingerprint } from '../../src/common/pagination/page';
import type { ListContactsArgs } from '../../src/contacts/dto/contact.args';
import { Gender } from '../../src/contacts/models/contact.enums';
import {
  contactFromWire,
  contactInputToWire,
  contactPath,
  createdContact,
  customFieldValueFromWire,
  epochSecondsToIso,
  filterValueToWire,
  listFiltersToWire,
  pageFromWire,
  pagePosition,
  tagChunks,
} from '../../src/platforms/okeybot/okeybot.mappers';
import type { OkeybotContactListReply } from '../../src/platforms/okeybot/okeybot.types';
import { seedOkeybotContacts } from '../../src/sandbox/okeybot/okeybot.simulator';

const TZ = 'America/Sao_Paulo';

function problem(fn: () => unknown): PonteError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PonteError) return err;
    throw err;
  }
  throw new Error('expected a PonteError');
}

const args = (a: Partial<ListContactsArgs>) => a as ListContactsArgs;

describe('contactFromWire', () => {
  it("normalizes the doc's example contact", () => {
    const [mahin] = seedOkeybotContacts();
    expect(contactFromWire(mahin, TZ)).toEqual({
      id: '1776025372480910',
      // "created_at": 1575618542 = 2019-12-06T07:49:02Z
      createdAt: '2019-12-06T04:49:02-03:00',
      updatedAt: null,
      firstName: 'Mahin',
      lastName: 'Dar',
      gender: Gender.MALE,
      genderInfo: null,
      birthDate: null,
      age: null,
      personType: null,
      cpf: null,
      cnpj: null,
      company: null,
      email: 'mahin.dar@example.com',
      whatsapp: null,
      mobilePhone: null,
      // "phone": "123123" is not a phone number: it stays in customFields only.
      phone: null,
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
      tags: ['Blog Updates', 'Platform Updates'],
      segmentations: [],
      tagInfo1: null,
      tagInfo2: null,
      tagInfo3: null,
      tagInfo4: null,
      tagInfo5: null,
      tagInfo6: null,
      customFields: [
        { name: 'firstName', value: 'Mahin' },
        { name: 'lastName', value: 'Dar' },
        { name: 'locale', value: 'en_GB' },
        { name: 'timezone', value: '5' },
        { name: 'gender', value: 'male' },
        { name: 'phone', value: '123123' },
        { name: 'email', value: 'mahin.dar@example.com' },
        { name: 'customerid', value: '1' },
      ],
      inAttendance: null,
      currentProtocol: null,
      currentAttendant: null,
    });
  });

  it('reads phones in any common form, booleans as TRUE/FALSE, and tolerates missing parts', () => {
    const c = contactFromWire(
      {
        id: 42,
        custom_fields: { phone: '+55 (31) 91111-2222', gender: 'Female', vip: true, score: 7, empty: '', gone: null },
        created_at: 0,
      },
      TZ,
    );
    expect(c).toMatchObject({ id: '42', phone: '+5531911112222', gender: Gender.FEMALE, createdAt: null, tags: [], firstName: null });
    expect(c.customFields).toEqual([
      { name: 'phone', value: '+55 (31) 91111-2222' },
      { name: 'gender', value: 'Female' },
      { name: 'vip', value: 'TRUE' },
      { name: 'score', value: '7' },
      { name: 'empty', value: '' },
      { name: 'gone', value: null },
    ]);
    expect(contactFromWire({ id: '1', custom_fields: null, tags: null }, TZ)).toMatchObject({ customFields: [], tags: [] });
  });

  it('value and time forms', () => {
    expect(customFieldValueFromWire(false)).toBe('FALSE');
    expect(customFieldValueFromWire({ a: 1 })).toBe('{"a":1}');
    expect(epochSecondsToIso('1575618542', 'UTC')).toBe('2019-12-06T07:49:02+00:00');
    expect(epochSecondsToIso(1575618542, 'Asia/Karachi')).toBe('2019-12-06T12:49:02+05:00');
    // Beyond what a Date holds (year 275760) it is garbage, not a date: null (it threw "Invalid time value", a 500).
    expect(epochSecondsToIso(1e308, 'UTC')).toBeNull();
    expect(epochSecondsToIso('9000000000000', 'UTC')).toBeNull();
    expect(epochSecondsToIso('soon', TZ)).toBeNull();
  });
});

describe('ids in paths', () => {
  it('puts the id in the path, percent-encoded', () => {
    expect(contactPath('1776025372480910', false)).toBe('/v1/contact/1776025372480910');
    expect(contactPath('a b/c', false)).toBe('/v1/contact/a%20b%2Fc');
  });

  it('Viber: "la ID de contacto debe proporcionarse en un formato codificado en Base64"', () => {
    // base64("u/+7Xb2Qm9c1ZkR0aL8sTw==") = "dS8rN1hiMlFtOWMxWmtSMGFMOHNUdz09"
    expect(contactPath('u/+7Xb2Qm9c1ZkR0aL8sTw==', true)).toBe('/v1/contact/dS8rN1hiMlFtOWMxWmtSMGFMOHNUdz09');
    expect(contactPath('1776025372480910', true)).toBe('/v1/contact/MTc3NjAyNTM3MjQ4MDkxMA%3D%3D');
  });

  it('refuses ids a URL parser would read as path steps', () => {
    expect(problem(() => contactPath('..', false, 'contactId')).extras.errors).toEqual([
      { field: 'contactId', message: 'is not a valid OkeyBot contact id' },
    ]);
    expect(contactPath('..', true)).toBe('/v1/contact/Li4%3D');
  });
});

describe('list filters', () => {
  it('by_custom_field takes name and value; booleans as TRUE/FALSE', () => {
    expect(listFiltersToWire(args({ customField: 'firstName', value: 'Muhammad Mahin', limit: 5 }))).toEqual({
      name: 'firstName',
      value: 'Muhammad Mahin',
    });
    expect(listFiltersToWire(args({ customField: 'subscribed', value: 'true' })).value).toBe('TRUE');
    expect(filterValueToWire('False')).toBe('FALSE');
    expect(filterValueToWire('truthy')).toBe('truthy');
  });

  it('requires customField and value', () => {
    const e = problem(() => listFiltersToWire(args({})));
    expect(e.code).toBe('validation_failed');
    expect(e.extras.errors!.map((x) => x.field)).toEqual(['customField', 'value']);
  });

  it('other filters are a 422 naming each', () => {
    const e = problem(() => listFiltersToWire(args({ customField: 'a', value: 'b', email: 'x@y.com', whatsappSession: false })));
    expect(e.code).toBe('unsupported_field');
    expect(e.extras.errors).toEqual([
      { field: 'email', message: 'is not supported by OkeyBot' },
      { field: 'whatsappSession', message: 'is not supported by OkeyBot' },
    ]);
  });
});

describe('pages', () => {
  const record = (i: number) => ({ id: String(i), custom_fields: { plan: 'gold' }, tags: [], created_at: 1575618542 });
  const reply = (page: number, lastPage: number, total: number, count = 10): OkeybotContactListReply => ({
    data: Array.from({ length: count }, (_, i) => record((page - 1) * 10 + i + 1)),
    links: { next: page < lastPage ? `http://x/api/v1/contact/by_custom_field?page=${page + 1}` : null },
    meta: { current_page: page, last_page: lastPage, per_page: 10, total },
  });
  const filters = args({ customField: 'plan', value: 'gold' });

  it("the doc's single page: no next cursor, totalCount from meta.total", () => {
    const page = pageFromWire(
      { data: [seedOkeybotContacts()[0]], meta: { current_page: 1, last_page: 1, per_page: 10, total: 1 }, links: { next: null } },
      pagePosition(filters),
      50,
      TZ,
    );
    expect(page.data.map((c) => c.id)).toEqual(['1776025372480910']);
    expect(page.pageInfo).toEqual({ nextCursor: null, hasNextPage: false, totalCount: 1 });
  });

  it('one OkeyBot page per Ponte page; the cursor carries the next OkeyBot page', () => {
    const first = pageFromWire(reply(1, 3, 23), pagePosition(filters), 50, TZ);
    expect(first.data).toHaveLength(10);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, totalCount: 23 });
    expect(pagePosition({ ...filters, cursor: first.pageInfo.nextCursor! })).toMatchObject({ page: 2, offset: 0 });
    const last = pageFromWire(reply(3, 3, 23, 3), pagePosition(filters), 50, TZ);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });

  it('a limit below the page size pages inside an OkeyBot page', () => {
    const a = pageFromWire(reply(1, 2, 13), pagePosition({ ...filters, limit: 4 }), 4, TZ);
    expect(a.data.map((c) => c.id)).toEqual(['1', '2', '3', '4']);
    const posB = pagePosition({ ...filters, limit: 4, cursor: a.pageInfo.nextCursor! });
    expect(posB).toMatchObject({ page: 1, offset: 4 });
    const c = pageFromWire(reply(1, 2, 13), { ...posB, offset: 8 }, 4, TZ);
    expect(c.data.map((x) => x.id)).toEqual(['9', '10']);
    expect(pagePosition({ ...filters, cursor: c.pageInfo.nextCursor! })).toMatchObject({ page: 2, offset: 0 });
  });

  it('falls back on links.next without meta, and stops on an empty page', () => {
    const { meta: _meta, ...noMeta } = reply(1, 2, 13);
    expect(pageFromWire(noMeta, pagePosition(filters), 50, TZ).pageInfo).toMatchObject({ hasNextPage: true, totalCount: null });
    const empty = pageFromWire({ data: [], meta: { current_page: 4, last_page: 9 } }, { page: 4, offset: 0, fingerprint: 'f' }, 50, TZ);
    expect(empty.pageInfo.hasNextPage).toBe(false);
  });

  it('a cursor is bound to its filters and must be well formed', () => {
    const first = pageFromWire(reply(1, 3, 23), pagePosition(filters), 50, TZ);
    expect(problem(() => pagePosition({ ...filters, value: 'silver', cursor: first.pageInfo.nextCursor! })).extras.errors![0].field).toBe(
      'cursor',
    );
    const forged = encodeCursor({ p: 0, o: -1 }, filterFingerprint(filters));
    expect(problem(() => pagePosition({ ...filters, cursor: forged })).code).toBe('validation_failed');
  });
});

describe('contactInputToWire', () => {
  it("the doc's update example: firstName and lastName as custom_fields", () => {
    expect(contactInputToWire({ firstName: 'Muhammad Mahin', lastName: 'Dar' })).toEqual({
      customFields: [
        { name: 'firstName', value: 'Muhammad Mahin' },
        { name: 'lastName', value: 'Dar' },
      ],
      fields: ['firstName', 'lastName'],
    });
  });

  it("the doc's create order (phone, firstName, lastName), then e-mail, gender and free fields; null clears", () => {
    expect(
      contactInputToWire({
        customFields: [{ name: 'customerid', value: '1' }],
        gender: Gender.FEMALE,
        email: null,
        lastName: 'Dar',
        firstName: 'Muhammad Mahin',
        phone: '+923244077087',
      }),
    ).toEqual({
      customFields: [
        { name: 'phone', value: '+923244077087' },
        { name: 'firstName', value: 'Muhammad Mahin' },
        { name: 'lastName', value: 'Dar' },
        { name: 'email', value: null },
        { name: 'gender', value: 'female' },
        { name: 'customerid', value: '1' },
      ],
      fields: ['phone', 'firstName', 'lastName', 'email', 'gender', 'customFields'],
    });
  });

  it('fields OkeyBot has no place for are a 422 naming each (tags point to their route)', () => {
    const e = problem(() => contactInputToWire({ firstName: 'A', cpf: '87348769527', tags: ['x'], city: null }));
    expect(e.code).toBe('unsupported_field');
    expect(e.extras.errors!.map((x) => x.field)).toEqual(['city', 'cpf', 'tags']);
    expect(e.detail).toContain('POST /v1/contacts/{id}/tags');
  });

  it('at most 30 fields per request: 30 pass, 31 are a 422', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `f${i}`, value: String(i) }));
    expect(contactInputToWire({ customFields: many(30) }).customFields).toHaveLength(30);
    const e = problem(() => contactInputToWire({ firstName: 'A', customFields: many(30) }));
    expect(e.code).toBe('unsupported_field');
    expect(e.detail).toContain('at most 30 fields per request; this one has 31');
    expect(e.extras.errors).toEqual([{ field: 'customFields', message: 'must bring the request to at most 30 fields on OkeyBot' }]);
  });

  it('a name given twice, or nothing to send, is a 400', () => {
    const twice = problem(() =>
      contactInputToWire({
        firstName: 'A',
        customFields: [
          { name: 'firstName', value: 'B' },
          { name: 'x', value: '1' },
          { name: 'x', value: '2' },
        ],
      }),
    );
    expect(twice.extras.errors).toEqual([
      { field: 'customFields[0].name', message: '"firstName" is also given as the firstName field' },
      { field: 'customFields[2].name', message: '"x" is given twice' },
    ]);
    expect(problem(() => contactInputToWire({ customFields: [] })).extras.errors![0].field).toBe('body');
  });

  it('the created contact reads like the platform would return it', () => {
    const { customFields } = contactInputToWire({ firstName: 'Ana', phone: '+5531988887777' });
    expect(createdContact('cus_112233344555', customFields, TZ)).toMatchObject({
      id: 'cus_112233344555',
      firstName: 'Ana',
      phone: '+5531988887777',
      createdAt: null,
      tags: [],
      customFields: [
        { name: 'phone', value: '+5531988887777' },
        { name: 'firstName', value: 'Ana' },
      ],
    });
  });
});

describe('tagChunks', () => {
  it('"Máximo 10 etiquetas ... por solicitud": 11 tags → 10 + 1, repeats removed', () => {
    const tags = Array.from({ length: 11 }, (_, i) => `t${i + 1}`);
    expect(tagChunks([...tags, 't1'])).toEqual([tags.slice(0, 10), ['t11']]);
    expect(tagChunks(['a'])).toEqual([['a']]);
  });
});
