/**
 * Contacts on Maxbot, end to end: real HTTP to the built gateway, which talks real HTTP to the
 * Maxbot simulator. Each test checks the normalized answer and the exact `{token, cmd, ...}` body
 * the simulator received, field names and value forms as maxbot.txt documents them.
 */
import request from 'supertest';
import { gql } from '../helpers/graphql';
import { expectMaxbotCall } from '../helpers/maxbot-coverage';
import { startMaxbotRig, type MaxbotRig } from '../helpers/maxbot';

let rig: MaxbotRig;

beforeAll(async () => {
  rig = await startMaxbotRig();
});
afterAll(async () => {
  await rig?.stop();
});
beforeEach(() => rig.sim.clearRequests());

const api = () => request(rig.ponte.url);

describe('GET /v1/contacts (get_contact)', () => {
  it('normalizes the doc example records', async () => {
    const res = await api().get('/v1/contacts').set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_contact', {});
    expect(res.body.pageInfo).toEqual({ nextCursor: null, hasNextPage: false, totalCount: expect.any(Number) });
    const rodrigo = res.body.data.find((c: { id: string }) => c.id === '1');
    // maxbot.txt: "created_at": "2020-06-08 08:07:16", "gender": "M", "br_person_type": "J", "phone": "3132324455"
    expect(rodrigo).toMatchObject({
      id: '1',
      createdAt: '2020-06-08T08:07:16-03:00',
      firstName: 'Rodrigo',
      lastName: 'Fundação Ther',
      gender: 'MALE',
      genderInfo: null,
      birthDate: '1974-10-22',
      age: 46,
      personType: 'COMPANY',
      cpf: '11122233344',
      whatsapp: '+5531911112222',
      mobilePhone: '+5531922223333',
      phone: '+553132324455',
      channels: { whatsapp: '+5531911111444', telegram: null, messenger: null, instagram: null },
      isClient: false,
      inAttendance: false,
      tags: ['THER', 'THER2'],
      segmentations: [],
      customFields: [],
    });
    const dilson = res.body.data.find((c: { id: string }) => c.id === '2');
    // "in_attendance": "1", "current_protocol": "2345", "birth": ""
    expect(dilson).toMatchObject({
      inAttendance: true,
      currentProtocol: '2345',
      currentAttendant: 'Keli Marchi',
      birthDate: null,
      age: null,
      notes: 'Cliente VIP',
    });
  });

  it('sends every documented filter in its wire form', async () => {
    await api()
      .get('/v1/contacts')
      .query({
        whatsapp: '+55 (11) 99999-8888',
        mobilePhone: '11 99999-8888',
        email: 'fulano@mail.com',
        externalId: '1234',
        createdFrom: '2020-08-01',
        createdTo: '2020-08-01',
        whatsappChannel: 'wa-chan',
        telegramChannel: 'tg-chan',
        messengerChannel: 'fb-chan',
        instagramChannel: 'ig-chan',
        whatsappSession: 'true',
        messengerSession: 'false',
        instagramSession: '1',
        validatedWhatsapp: 'true',
      })
      .set(rig.auth)
      .expect(200);
    // maxbot.txt get_contact: "focus_period", "date_start", "date_stop", "whatsapp": "5511999998888", ...
    expectMaxbotCall(rig.sim, 'get_contact', {
      focus_period: '0',
      date_start: '2020-08-01',
      date_stop: '2020-08-01',
      whatsapp: '5511999998888',
      mobile_phone: '5511999998888',
      email: 'fulano@mail.com',
      external_id: '1234',
      channel_whatsapp: 'wa-chan',
      channel_telegram: 'tg-chan',
      channel_messenger: 'fb-chan',
      channel_instagram: 'ig-chan',
      waba_session: '1',
      messenger_session: '0',
      instagram_session: '1',
      validated_whatsapp: '1',
    });
  });

  it('finds contacts by the WhatsApp channel number Ponte returns (E.164), sent as the record holds it', async () => {
    // maxbot.txt get_contact record: "channel_whatsapp": "5531911111444"; Ponte shows it as +5531911111444.
    const first = await api().get('/v1/contacts').query({ limit: 1 }).set(rig.auth).expect(200);
    const channel = first.body.data[0].channels.whatsapp as string;
    expect(channel).toBe('+5531911111444');
    for (const form of [channel, '+55 (31) 91111-1444', '5531911111444']) {
      const res = await api().get('/v1/contacts').query({ whatsappChannel: form }).set(rig.auth).expect(200);
      expect(res.body.data.map((c: { id: string }) => c.id)).toContain(first.body.data[0].id);
      expectMaxbotCall(rig.sim, 'get_contact', { channel_whatsapp: '5531911111444' });
    }
  });

  it('filters by update datetime with datetime_focus in the account timezone', async () => {
    await api().get('/v1/contacts').query({ updatedFrom: '2020-06-08T11:00:00Z', updatedTo: '2020-06-08' }).set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_contact', {
      datetime_focus: '1',
      datetime_start: '2020-06-08 08:00:00',
      datetime_stop: '2020-06-08 23:59:59',
    });
  });

  it('finds a contact by WhatsApp given in any common form', async () => {
    const res = await api().get('/v1/contacts').query({ whatsapp: '+55 (31) 91111-6666' }).set(rig.auth).expect(200);
    expect(res.body.data.map((c: { id: string }) => c.id)).toEqual(['3']);
    expect(res.body.data[0].segmentations).toEqual(['Negociação', 'Proposta Enviada']);
  });

  it('pages with limit and an opaque cursor bound to the filters', async () => {
    const first = await api().get('/v1/contacts').query({ limit: 2 }).set(rig.auth).expect(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.pageInfo.hasNextPage).toBe(true);
    const second = await api().get('/v1/contacts').query({ limit: 2, cursor: first.body.pageInfo.nextCursor }).set(rig.auth).expect(200);
    const ids = [...first.body.data, ...second.body.data].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const misuse = await api()
      .get('/v1/contacts')
      .query({ limit: 2, cursor: first.body.pageInfo.nextCursor, email: 'x@y.com' })
      .set(rig.auth)
      .expect(400);
    expect(misuse.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'cursor' }] });
  });

  it('refuses mixing created and updated periods, sending nothing', async () => {
    const res = await api().get('/v1/contacts').query({ createdFrom: '2020-01-01', updatedTo: '2020-02-01' }).set(rig.auth).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(rig.sim.calls()).toHaveLength(0);
  });
});

describe('contacts writes', () => {
  it('POST /v1/contacts → put_contact with the documented field names and forms', async () => {
    const res = await api()
      .post('/v1/contacts')
      .set(rig.auth)
      .send({
        firstName: 'Jose',
        lastName: 'Silva',
        gender: 'MALE',
        birthDate: '1974-06-15',
        personType: 'COMPANY',
        cpf: '873.487.695-27',
        cnpj: '64.420.582/0001-48',
        company: 'Empresa Minha Ltda',
        email: 'jose@email.com',
        whatsappChannelToken: 'AAAAAAAAAAAAAAAAA-BBBBBB-CCCCCC',
        whatsapp: '+55 (31) 91111-1122',
        mobilePhone: '31 91111-1122',
        phone: '+55 31 5555-1122',
        country: 'BR',
        state: 'MG',
        city: 'Belo Horizonte',
        profession: 'ESPORTE',
        externalId: '667811',
        isClient: false,
        avatarUrl: 'https://www.meusite.com.br/foto.jpg',
        notes: 'Enviar proposta comercial na segunda',
        tags: ['VIP', 'VIP2'],
        segmentations: ['Negociação', 'Proposta Enviada'],
        messengerPageId: 'page-1',
        instagramBusinessAccountId: 'ig-1',
      })
      .expect(201);
    // maxbot.txt put_contact example, field by field.
    expectMaxbotCall(rig.sim, 'put_contact', {
      segmentation: 'Negociação, Proposta Enviada',
      tag: 'VIP',
      tag2: 'VIP2',
      name: 'Jose',
      surname: 'Silva',
      gender: 'M',
      birth: '1974-06-15',
      br_person_type: 'J',
      br_cpf: '87348769527',
      br_cnpj: '64420582000148',
      company: 'Empresa Minha Ltda',
      email: 'jose@email.com',
      whatsapp_channel: 'AAAAAAAAAAAAAAAAA-BBBBBB-CCCCCC',
      whatsapp: '5531911111122',
      mobile_phone: '5531911111122',
      phone: '553155551122',
      country: 'BR',
      state: 'MG',
      city: 'Belo Horizonte',
      profession: 'ESPORTE',
      external_id: '667811',
      ind_client: '0',
      avatar_url: 'https://www.meusite.com.br/foto.jpg',
      obs: 'Enviar proposta comercial na segunda',
      fbmessenger_origem_page_id: 'page-1',
      instagram_origem_business_account_id: 'ig-1',
    });
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      firstName: 'Jose',
      whatsapp: '+5531911111122',
      cpf: '87348769527',
      createdAt: null,
    });
    // The new contact's URL names its connection; Maxbot cannot read one contact, but a PATCH there reaches it.
    expect(res.headers.location).toBe(`/v1/contacts/${res.body.id}?connection=maxbot`);
    await api().patch(res.headers.location).set(rig.auth).send({ city: 'Contagem' }).expect(200);
    expectMaxbotCall(rig.sim, 'set_contact', { for_contact_id: res.body.id, city: 'Contagem' });
    // A GET there is the 501 of a platform without the command, saying how to find the contact on Maxbot.
    const read = await api().get(res.headers.location).set(rig.auth);
    expect([read.status, read.body.code]).toEqual([501, 'unsupported_operation']);
    expect(read.body.detail).toBe(
      'Maxbot (connection "maxbot") cannot do getContact; no configured connection can. ' +
        'To find a Maxbot contact, filter the list by whatsapp, email or externalId (GET /v1/contacts?whatsapp=…; GraphQL contacts(whatsapp: …))',
    );
    const listed = await api().get('/v1/contacts').query({ whatsapp: '+5531911111122' }).set(rig.auth).expect(200);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).toMatchObject({
      id: res.body.id,
      firstName: 'Jose',
      tags: ['VIP', 'VIP2'],
      segmentations: ['Negociação', 'Proposta Enviada'],
    });
  });

  it('PATCH /v1/contacts/:id → set_contact with for_contact_id, only the fields given, null clears', async () => {
    const res = await api()
      .patch('/v1/contacts/2')
      .set(rig.auth)
      .send({ email: 'dilson@lana.com', notes: null, isClient: true, tags: ['Atd Romulo'] })
      .expect(200);
    expect(res.body).toEqual({ id: '2', updatedFields: ['email', 'isClient', 'notes', 'tags'] });
    expectMaxbotCall(rig.sim, 'set_contact', {
      for_contact_id: '2',
      email: 'dilson@lana.com',
      ind_client: '1',
      obs: '',
      tag: 'Atd Romulo',
      tag2: '',
    });
    const listed = await api().get('/v1/contacts').query({ email: 'dilson@lana.com' }).set(rig.auth).expect(200);
    expect(listed.body.data[0]).toMatchObject({ id: '2', notes: null, isClient: true, tags: ['Atd Romulo'] });
  });

  it('PATCH an unknown contact → 422 provider_rejected with Maxbot msg', async () => {
    const res = await api().patch('/v1/contacts/999999').set(rig.auth).send({ email: 'a@b.com' }).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'provider_rejected',
      provider: 'maxbot',
      connection: 'maxbot',
      providerMessage: 'Contato não encontrado: 999999',
    });
  });

  it('PATCH with a non-numeric Maxbot id is refused before any call', async () => {
    const res = await api().patch('/v1/contacts/abc').set(rig.auth).send({ email: 'a@b.com' }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'id', message: 'must be a numeric Maxbot id' }]);
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('an empty PATCH is a 400 naming the body, nothing sent (a bare set_contact would stamp the contact updated)', async () => {
    const res = await api().patch('/v1/contacts/1').set(rig.auth).send({}).expect(400);
    expect(res.body.errors).toEqual([{ field: 'body', message: 'must contain at least one field to change' }]);
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('ids beyond 2^53 - 1 are refused before delete_contact, which takes JSON integers (Number would round them)', async () => {
    // 9007199254740993 as a JS number is 9007199254740992: another contact's id.
    const one = await api().delete('/v1/contacts/9007199254740993').set(rig.auth).expect(400);
    expect(one.body.errors).toEqual([{ field: 'ids[0]', message: 'is too large for a Maxbot id' }]);
    const batch = await api()
      .post('/v1/contacts:batchDelete')
      .set(rig.auth)
      .send({ ids: ['1', '123456789012345678'] })
      .expect(400);
    expect(batch.body.errors).toEqual([{ field: 'ids[1]', message: 'is too large for a Maxbot id' }]);
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('more than two tags is a 422 on Maxbot, nothing sent', async () => {
    const res = await api()
      .patch('/v1/contacts/2')
      .set(rig.auth)
      .send({ tags: ['a', 'b', 'c'] })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'unsupported_field', errors: [{ field: 'tags' }] });
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('POST /v1/contacts/:id/segmentations → add_contact_segmentation', async () => {
    const res = await api()
      .post('/v1/contacts/1/segmentations')
      .set(rig.auth)
      .send({ segmentationIds: ['113', '211'] })
      .expect(200);
    expect(res.body).toEqual({ contactId: '1', segmentationIds: ['113', '211'] });
    // maxbot.txt: "segmentation_ids": "113, 211", "contact_id": "1155"
    expectMaxbotCall(rig.sim, 'add_contact_segmentation', { segmentation_ids: '113, 211', contact_id: '1' });
    const listed = await api().get('/v1/contacts').query({ externalId: '5678' }).set(rig.auth).expect(200);
    expect(listed.body.data[0].segmentations).toEqual(['Clientes Ativos', 'Campanha Black Friday']);
  });

  it('DELETE /v1/contacts/:id and POST /v1/contacts:batchDelete → delete_contact with integer ids', async () => {
    const created = await Promise.all(
      ['+5531900000001', '+5531900000002', '+5531900000003'].map((whatsapp) =>
        api().post('/v1/contacts').set(rig.auth).send({ whatsapp }).expect(201),
      ),
    );
    const [a, b, c] = created.map((r) => r.body.id as string);
    await api().delete(`/v1/contacts/${a}`).set(rig.auth).expect(204);
    expectMaxbotCall(rig.sim, 'delete_contact', { contact_id: [Number(a)] });
    const batch = await api()
      .post('/v1/contacts:batchDelete')
      .set(rig.auth)
      .send({ ids: [b, c] })
      .expect(200);
    expect(batch.body).toEqual({ deletedIds: [b, c] });
    // maxbot.txt: "contact_id": [123,134,532,874]
    expectMaxbotCall(rig.sim, 'delete_contact', { contact_id: [Number(b), Number(c)] });
    const gone = await api().get('/v1/contacts').query({ whatsapp: '+5531900000002' }).set(rig.auth).expect(200);
    expect(gone.body.data).toEqual([]);
    const again = await api().delete(`/v1/contacts/${a}`).set(rig.auth).expect(422);
    expect(again.body.code).toBe('provider_rejected');
  });
});

describe('segmentations', () => {
  it('GET /v1/segmentations?type=CONTACT → get_segmentation type "0"', async () => {
    const res = await api().get('/v1/segmentations').query({ type: 'CONTACT' }).set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_segmentation', { type: '0' });
    expect(res.body.data).toEqual(
      expect.arrayContaining([
        { id: '1452', title: 'Negociação', type: 'CONTACT' },
        { id: '2267', title: 'Proposta Enviada', type: 'CONTACT' },
      ]),
    );
    expect(res.body.data.every((s: { type: string }) => s.type === 'CONTACT')).toBe(true);
  });

  it('POST /v1/segmentations → add_segmentation, then listed', async () => {
    const res = await api().post('/v1/segmentations').set(rig.auth).send({ title: 'Leads Outubro' }).expect(201);
    expectMaxbotCall(rig.sim, 'add_segmentation', { segmentation_name: 'Leads Outubro', type: '0' });
    expect(res.body).toEqual({ id: expect.stringMatching(/^\d+$/), title: 'Leads Outubro', type: 'CONTACT' });
    const list = await api().get('/v1/segmentations').set(rig.auth).expect(200);
    expect(list.body.data).toContainEqual(res.body);
  });

  it('refuses a title with a comma (Maxbot would split it)', async () => {
    const res = await api().post('/v1/segmentations').set(rig.auth).send({ title: 'a, b' }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'title', message: 'must not contain commas' }]);
    expect(rig.sim.calls()).toHaveLength(0);
  });
});

describe('GraphQL', () => {
  it('contacts query with filters and the same normalization as REST', async () => {
    const { data, errors } = await gql(
      rig.ponte.url,
      `query($w: String) { contacts(whatsapp: $w, limit: 5) { data { id firstName gender personType whatsapp createdAt segmentations } pageInfo { hasNextPage totalCount } } }`,
      { w: '5531911116666' },
      rig.auth,
    );
    expect(errors).toBeUndefined();
    expect(data!.contacts).toEqual({
      data: [
        {
          id: '3',
          firstName: 'Keli',
          gender: 'FEMALE',
          personType: 'INDIVIDUAL',
          whatsapp: '+5531911116666',
          createdAt: '2020-06-08T08:07:16-03:00',
          segmentations: ['Negociação', 'Proposta Enviada'],
        },
      ],
      pageInfo: { hasNextPage: false, totalCount: 1 },
    });
    expectMaxbotCall(rig.sim, 'get_contact', { whatsapp: '5531911116666' });
  });

  it('mutations: create, update, add segmentations, delete; and segmentations', async () => {
    const created = await gql(
      rig.ponte.url,
      `mutation($in: CreateContactInput!) { createContact(input: $in) { __typename ... on Contact { id firstName whatsapp personType } } }`,
      { in: { firstName: 'Maria', whatsapp: '+55 21 98888-0000', personType: 'INDIVIDUAL' } },
      rig.auth,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createContact).toMatchObject({
      __typename: 'Contact',
      firstName: 'Maria',
      whatsapp: '+5521988880000',
      personType: 'INDIVIDUAL',
    });
    const id = created.data!.createContact.id as string;
    expectMaxbotCall(rig.sim, 'put_contact', { name: 'Maria', whatsapp: '5521988880000', br_person_type: 'F' });

    const updated = await gql(
      rig.ponte.url,
      `mutation($id: String!) { updateContact(id: $id, input: { city: "Niterói", gender: FEMALE }) { id updatedFields } }`,
      { id },
      rig.auth,
    );
    expect(updated.data!.updateContact).toEqual({ id, updatedFields: ['gender', 'city'] });
    expectMaxbotCall(rig.sim, 'set_contact', { for_contact_id: id, gender: 'F', city: 'Niterói' });

    const seg = await gql(
      rig.ponte.url,
      `mutation($id: String!) { addContactSegmentations(contactId: $id, input: { segmentationIds: ["1452"] }) { contactId segmentationIds } }`,
      { id },
      rig.auth,
    );
    expect(seg.data!.addContactSegmentations).toEqual({ contactId: id, segmentationIds: ['1452'] });

    const segs = await gql(
      rig.ponte.url,
      `{ segmentations(type: CONTACT, limit: 2) { data { id title type } pageInfo { hasNextPage } } }`,
      {},
      rig.auth,
    );
    expect(segs.data!.segmentations.data).toHaveLength(2);
    const newSeg = await gql(
      rig.ponte.url,
      `mutation { createSegmentation(input: { title: "VIP", type: PROTOCOL }) { id title type } }`,
      {},
      rig.auth,
    );
    expect(newSeg.data!.createSegmentation).toMatchObject({ title: 'VIP', type: 'PROTOCOL' });
    expect(rig.sim.lastCall('add_segmentation')!.body).toMatchObject({ segmentation_name: 'VIP', type: '1' });

    const deleted = await gql(
      rig.ponte.url,
      `mutation($id: String!) { deleteContacts(input: { ids: [$id] }) { deletedIds } }`,
      { id },
      rig.auth,
    );
    expect(deleted.data!.deleteContacts).toEqual({ deletedIds: [id] });
    expectMaxbotCall(rig.sim, 'delete_contact', { contact_id: [Number(id)] });
  });

  it('errors carry the same code in extensions', async () => {
    const invalid = await gql(
      rig.ponte.url,
      `mutation { createContact(input: { whatsapp: "12" }) { ... on Contact { id } } }`,
      {},
      rig.auth,
    );
    expect(invalid.errors![0].extensions).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'whatsapp', message: expect.stringContaining('phone') }],
    });
    const badId = await gql(
      rig.ponte.url,
      `mutation { addContactSegmentations(contactId: "x1", input: { segmentationIds: ["113"] }) { contactId } }`,
      {},
      rig.auth,
    );
    // The argument the caller sent, not REST's path parameter `id`.
    expect(badId.errors![0].extensions).toMatchObject({ errors: [{ field: 'contactId', message: 'must be a numeric Maxbot id' }] });
    const rejected = await gql(rig.ponte.url, `mutation { updateContact(id: "424242", input: { city: "X" }) { id } }`, {}, rig.auth);
    expect(rejected.errors![0].extensions).toMatchObject({ code: 'provider_rejected', providerMessage: 'Contato não encontrado: 424242' });
    const unknownField = await gql(rig.ponte.url, `{ contacts(nope: 1) { data { id } } }`, {}, rig.auth);
    expect(unknownField.status).toBe(400);
    expect(unknownField.errors![0].extensions).toMatchObject({ code: 'validation_failed' });
  });

  it('a dry run over GraphQL (Prefer: dry-run) answers the planned request as a dry_run error, sending nothing', async () => {
    rig.sim.clearRequests();
    const res = await gql(
      rig.ponte.url,
      `mutation { createContact(input: { firstName: "Ana", whatsapp: "+55 31 99999-1111" }) { ... on Contact { id } } }`,
      {},
      { ...rig.auth, Prefer: 'dry-run' },
    );
    expect(res.data).toBeNull();
    expect(res.errors![0].extensions).toEqual({
      code: 'dry_run',
      status: 200,
      dryRun: true,
      connection: 'maxbot',
      provider: 'maxbot',
      requests: [
        {
          method: 'POST',
          url: rig.sim.endpoint,
          headers: { 'content-type': 'application/json' },
          body: { token: '[REDACTED]', cmd: 'put_contact', name: 'Ana', whatsapp: '5531999991111' },
        },
      ],
    });
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('a dry run can also be asked in the GraphQL request itself: "extensions": {"dryRun": true}', async () => {
    rig.sim.clearRequests();
    const res = await request(rig.ponte.url)
      .post('/graphql')
      .set(rig.auth)
      .send({
        query: 'mutation($id: String!) { updateContact(id: $id, input: { city: "Niterói" }) { id } }',
        variables: { id: '2' },
        extensions: { dryRun: true },
      });
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'dry_run',
      requests: [{ method: 'POST', body: { token: '[REDACTED]', cmd: 'set_contact', for_contact_id: '2', city: 'Niterói' } }],
    });
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('variables the schema refuses are a 400 validation_failed, nothing sent', async () => {
    rig.sim.clearRequests();
    const res = await gql(rig.ponte.url, 'query($l: Int) { contacts(limit: $l) { data { id } } }', { l: 'many' }, rig.auth);
    expect(res.status).toBe(400);
    expect(res.data).toBeNull();
    expect(res.errors![0].extensions).toMatchObject({ code: 'validation_failed' });
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('one compiled query serves later requests with other variables', async () => {
    const query = 'query($w: String) { contacts(whatsapp: $w) { data { id firstName } } }';
    const first = await gql(rig.ponte.url, query, { w: '+5531911116666' }, rig.auth);
    const second = await gql(rig.ponte.url, query, { w: '+5531911112222' }, rig.auth);
    expect(first.data!.contacts.data).toEqual([{ id: '3', firstName: 'Keli' }]);
    expect(second.data!.contacts.data).toEqual([{ id: '1', firstName: 'Rodrigo' }]);
  });

  it('the connection argument wins over the X-Connection header in GraphQL', async () => {
    const res = await gql(
      rig.ponte.url,
      '{ contacts(connection: "maxbot", limit: 1) { data { id } } }',
      {},
      { ...rig.auth, 'X-Connection': 'nope' },
    );
    expect(res.errors).toBeUndefined();
  });
});

describe('operations Maxbot does not have', () => {
  it.each([
    ['GET', '/v1/contacts/1', undefined, 'getContact'],
    ['GET', '/v1/contacts/registrations/abc', undefined, 'getContactRegistration'],
    ['POST', '/v1/contacts/1/tags', { tags: ['a'] }, 'addContactTags'],
    ['DELETE', '/v1/contacts/1/tags', { tags: ['a'] }, 'removeContactTags'],
    ['POST', '/v1/contacts/1/notes', { text: 'hi' }, 'addContactNote'],
  ])('%s %s → 501 unsupported_operation', async (method, path, body, operation) => {
    const req = request(rig.ponte.url)[method.toLowerCase() as 'get' | 'post' | 'delete'](path).set(rig.auth);
    const res = await (body ? req.send(body) : req);
    expect(res.status).toBe(501);
    expect(res.body).toMatchObject({ code: 'unsupported_operation', operation, connections: [] });
  });

  it('custom fields are a 422 on Maxbot, nothing sent', async () => {
    rig.sim.clearRequests();
    const res = await request(rig.ponte.url)
      .patch('/v1/contacts/1')
      .set(rig.auth)
      .send({ customFields: [{ name: 'customerid', value: '1' }] })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'unsupported_field', errors: [{ field: 'customFields' }] });
    expect(rig.sim.calls()).toHaveLength(0);
  });
});
