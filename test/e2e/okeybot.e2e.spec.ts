/**
 * Contacts on OkeyBot, end to end: real HTTP to the built gateway, which talks real HTTP to the
 * OkeyBot simulator. Each test checks the normalized answer and the exact request the simulator
 * received (method, path, query string, Bearer token, Content-Type, JSON body), as okeybot.txt's
 * curl examples send them; then the limits (10 tags, 30 fields, 100 calls per minute) and every
 * way the platform can fail.
 */
import request from 'supertest';
import { OkeybotSimulator } from '../../src/sandbox/okeybot/okeybot.simulator';
import type { RecordedRequest } from '../../src/sandbox/simulator-server';
import { gql } from '../helpers/graphql';
import { expectOkeybotCall, startOkeybotRig, type OkeybotRig } from '../helpers/okeybot';

const MAHIN = '1776025372480910';
const VIBER_ID = 'u/+7Xb2Qm9c1ZkR0aL8sTw==';
/** base64("u/+7Xb2Qm9c1ZkR0aL8sTw==") */
const VIBER_WIRE_ID = 'dS8rN1hiMlFtOWMxWmtSMGFMOHNUdz09';
/** okeybot.txt, "General (Estado HTTP → 403)". */
const ERROR_403 = { status: 403, json: { status: 'error', message: 'Message String', data: [] } };

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `urn:ponte:problem:${code}`, status, code, detail: expect.any(String) });
}

const isTagsCall = (req: RecordedRequest) => req.path.endsWith('/tags');
const tagList = (n: number, prefix = 'Promo') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

describe('OkeyBot contacts', () => {
  let rig: OkeybotRig;
  let viberSim: OkeybotSimulator;
  const api = () => request(rig.ponte.url);

  beforeAll(async () => {
    viberSim = new OkeybotSimulator({ viber: true, token: `okb-viber-secret-${Math.random().toString(36).slice(2)}` });
    await viberSim.start();
    rig = await startOkeybotRig({
      extraConnections: [
        { id: 'viber', provider: 'okeybot', baseUrl: viberSim.apiUrl, channelToken: '${TEST_VIBER_TOKEN}', viber: true },
        { id: 'wrong-token', provider: 'okeybot', baseUrl: '${TEST_OKEYBOT_URL}', channelToken: 'okb-not-the-channel-token' },
        { id: 'throttled', provider: 'okeybot', baseUrl: '${TEST_OKEYBOT_URL}', channelToken: '${TEST_OKEYBOT_TOKEN}' },
        { id: 'slow', provider: 'okeybot', baseUrl: '${TEST_OKEYBOT_URL}', channelToken: '${TEST_OKEYBOT_TOKEN}', timeoutMs: 700 },
        { id: 'dead', provider: 'okeybot', baseUrl: 'http://127.0.0.1:9/api', channelToken: 'okb-dead-token-1234' },
      ],
      // Every upstream call on the log: the tokens must still never appear in it.
      env: { TEST_VIBER_TOKEN: viberSim.token, LOG_LEVEL: 'debug' },
    });
  });
  afterAll(async () => {
    await rig?.stop();
    await viberSim?.stop();
  });
  beforeEach(() => {
    rig.sim.clearRequests();
    rig.sim.clearFaults();
    rig.sim.clearScripts();
    viberSim.clearRequests();
  });

  describe('GET /v1/contacts → GET /v1/contact/by_custom_field', () => {
    it("sends the doc's request and normalizes its records", async () => {
      const muhammad = rig.sim.addContact({
        custom_fields: { firstName: 'Muhammad Mahin', lastName: 'Dar', phone: '+55 31 98888-7777', gender: 'male' },
        tags: ['Blog Updates'],
        created_at: 1575618542,
      });
      const res = await api().get('/v1/contacts').query({ customField: 'firstName', value: 'Muhammad Mahin' }).set(rig.auth).expect(200);
      // okeybot.txt: 'https://app.okeybot.com/api/v1/contact/by_custom_field?name=firstName&value=Muhammad%20Mahin'
      expectOkeybotCall(rig.sim, rig.sim.calls()[0], {
        method: 'GET',
        path: '/api/v1/contact/by_custom_field',
        rawQuery: 'name=firstName&value=Muhammad%20Mahin',
      });
      expect(rig.sim.calls()).toHaveLength(1);
      expect(res.body.pageInfo).toEqual({ nextCursor: null, hasNextPage: false, totalCount: 1 });
      expect(res.body.data).toHaveLength(1);
      expect(res.body.data[0]).toMatchObject({
        id: muhammad.id,
        createdAt: '2019-12-06T04:49:02-03:00',
        firstName: 'Muhammad Mahin',
        lastName: 'Dar',
        gender: 'MALE',
        phone: '+5531988887777',
        whatsapp: null,
        tags: ['Blog Updates'],
        customFields: [
          { name: 'firstName', value: 'Muhammad Mahin' },
          { name: 'lastName', value: 'Dar' },
          { name: 'phone', value: '+55 31 98888-7777' },
          { name: 'gender', value: 'male' },
        ],
      });
    });

    it('boolean values are searched as TRUE/FALSE ("asegúrese de utilizar TRUE o FALSE")', async () => {
      const subscriber = rig.sim.addContact({ custom_fields: { firstName: 'Bia', newsletter: true } });
      const res = await api().get('/v1/contacts').query({ customField: 'newsletter', value: 'true' }).set(rig.auth).expect(200);
      expectOkeybotCall(rig.sim, rig.sim.calls()[0], {
        method: 'GET',
        path: '/api/v1/contact/by_custom_field',
        rawQuery: 'name=newsletter&value=TRUE',
      });
      expect(res.body.data.map((c: { id: string }) => c.id)).toEqual([subscriber.id]);
      expect(res.body.data[0].customFields).toContainEqual({ name: 'newsletter', value: 'TRUE' });
    });

    it("maps OkeyBot's pages (10 per page) to Ponte's cursor, bound to the filters", async () => {
      const gold = Array.from({ length: 23 }, (_, i) => rig.sim.addContact({ custom_fields: { plan: 'gold', n: String(i) } }).id);
      const seen: string[] = [];
      let cursor: string | undefined;
      const totals: number[] = [];
      for (let page = 1; page <= 3; page++) {
        const res = await api()
          .get('/v1/contacts')
          .query({ customField: 'plan', value: 'gold', ...(cursor ? { cursor } : {}) })
          .set(rig.auth)
          .expect(200);
        seen.push(...res.body.data.map((c: { id: string }) => c.id));
        totals.push(res.body.pageInfo.totalCount);
        cursor = res.body.pageInfo.nextCursor ?? undefined;
        expect(res.body.pageInfo.hasNextPage).toBe(page < 3);
      }
      expect(seen).toEqual(gold);
      expect(totals).toEqual([23, 23, 23]);
      // One OkeyBot call per Ponte page; the first without `page`, then ?page=N as its links do.
      expect(rig.sim.calls().map((r) => r.rawQuery)).toEqual([
        'name=plan&value=gold',
        'name=plan&value=gold&page=2',
        'name=plan&value=gold&page=3',
      ]);

      rig.sim.clearRequests();
      const small = await api().get('/v1/contacts').query({ customField: 'plan', value: 'gold', limit: 4 }).set(rig.auth).expect(200);
      expect(small.body.data.map((c: { id: string }) => c.id)).toEqual(gold.slice(0, 4));
      const next = await api()
        .get('/v1/contacts')
        .query({ customField: 'plan', value: 'gold', limit: 4, cursor: small.body.pageInfo.nextCursor })
        .set(rig.auth)
        .expect(200);
      expect(next.body.data.map((c: { id: string }) => c.id)).toEqual(gold.slice(4, 8));
      expect(rig.sim.calls().map((r) => r.rawQuery)).toEqual(['name=plan&value=gold', 'name=plan&value=gold']);

      rig.sim.clearRequests();
      const misuse = await api()
        .get('/v1/contacts')
        .query({ customField: 'plan', value: 'silver', cursor: small.body.pageInfo.nextCursor })
        .set(rig.auth);
      expectProblem(misuse, 400, 'validation_failed');
      expect(misuse.body.errors).toEqual([{ field: 'cursor', message: expect.stringContaining('different filters') }]);
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('without customField and value → 400 naming them; other filters → 422 unsupported_field; nothing sent', async () => {
      const missing = await api().get('/v1/contacts').set(rig.auth);
      expectProblem(missing, 400, 'validation_failed');
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['customField', 'value']);
      const other = await api().get('/v1/contacts').query({ customField: 'firstName', value: 'x', email: 'a@b.com' }).set(rig.auth);
      expectProblem(other, 422, 'unsupported_field');
      expect(other.body).toMatchObject({ provider: 'okeybot', errors: [{ field: 'email', message: 'is not supported by OkeyBot' }] });
      expect(rig.sim.calls()).toHaveLength(0);
    });
  });

  describe('GET /v1/contacts/{id} → GET /v1/contact/{contact_id}', () => {
    it("normalizes the doc's example contact", async () => {
      const res = await api().get(`/v1/contacts/${MAHIN}`).set(rig.auth).expect(200);
      // okeybot.txt: curl -X GET https://app.okeybot.com/api/v1/contact/1776025372480910
      expectOkeybotCall(rig.sim, rig.sim.calls()[0], { method: 'GET', path: `/api/v1/contact/${MAHIN}` });
      expect(res.body).toMatchObject({
        id: MAHIN,
        // "created_at": 1575618542
        createdAt: '2019-12-06T04:49:02-03:00',
        lastName: 'Dar',
        gender: 'MALE',
        email: 'mahin.dar@example.com',
        // "phone": "123123" is no phone number: null here, untouched in customFields.
        phone: null,
        tags: expect.arrayContaining(['Blog Updates', 'Platform Updates']),
      });
      expect(res.body.customFields).toEqual(
        expect.arrayContaining([
          { name: 'locale', value: 'en_GB' },
          { name: 'timezone', value: '5' },
          { name: 'phone', value: '123123' },
          { name: 'customerid', value: '1' },
        ]),
      );
    });

    it('an unknown contact → 404 not_found with the platform message', async () => {
      const res = await api().get('/v1/contacts/999').set(rig.auth);
      expectProblem(res, 404, 'not_found');
      expect(res.body).toMatchObject({ provider: 'okeybot', connection: 'okeybot', providerMessage: 'Contact not found.' });
    });
  });

  describe('writes', () => {
    it("POST /v1/contacts → POST /v1/contact with the doc's custom_fields body", async () => {
      const res = await api()
        .post('/v1/contacts')
        .set(rig.auth)
        .send({
          customFields: [
            { name: 'phone', value: '03244077087' },
            { name: 'firstName', value: 'Muhammad Mahin' },
            { name: 'lastName', value: 'Dar' },
          ],
        })
        .expect(201);
      // okeybot.txt "Crear contacto", field by field.
      expectOkeybotCall(rig.sim, rig.sim.calls()[0], {
        method: 'POST',
        path: '/api/v1/contact',
        body: {
          custom_fields: [
            { name: 'phone', value: '03244077087' },
            { name: 'firstName', value: 'Muhammad Mahin' },
            { name: 'lastName', value: 'Dar' },
          ],
        },
      });
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^\d+$/),
        firstName: 'Muhammad Mahin',
        lastName: 'Dar',
        createdAt: null,
        tags: [],
      });
      expect(res.headers.location).toBe(`/v1/contacts/${res.body.id}?connection=okeybot`);
      const stored = await api().get(res.headers.location).set(rig.auth).expect(200);
      // No X-Connection was sent: the answers say that the default, okeybot, served them.
      expect([res.headers['x-connection'], stored.headers['x-connection']]).toEqual(['okeybot', 'okeybot']);
      expect(stored.body).toMatchObject({ id: res.body.id, firstName: 'Muhammad Mahin', createdAt: expect.stringMatching(/-03:00$/) });
    });

    it('Ponte contact fields become the well-known custom fields (phone in E.164, gender male/female)', async () => {
      const res = await api()
        .post('/v1/contacts')
        .set(rig.auth)
        .send({ firstName: 'Ana', lastName: 'Souza', phone: '(31) 98888-7777', gender: 'FEMALE', email: 'ana@example.com' })
        .expect(201);
      expectOkeybotCall(rig.sim, rig.sim.calls()[0], {
        method: 'POST',
        path: '/api/v1/contact',
        body: {
          custom_fields: [
            { name: 'phone', value: '+5531988887777' },
            { name: 'firstName', value: 'Ana' },
            { name: 'lastName', value: 'Souza' },
            { name: 'email', value: 'ana@example.com' },
            { name: 'gender', value: 'female' },
          ],
        },
      });
      expect(res.body).toMatchObject({ firstName: 'Ana', phone: '+5531988887777', gender: 'FEMALE', email: 'ana@example.com' });
    });

    it("PATCH /v1/contacts/{id} → PUT /v1/contact/{contact_id} with the doc's body; null is sent as null", async () => {
      const res = await api()
        .patch(`/v1/contacts/${MAHIN}`)
        .set(rig.auth)
        .send({ firstName: 'Muhammad Mahin', lastName: 'Dar' })
        .expect(200);
      // okeybot.txt "Actualizar contacto por ID"
      expectOkeybotCall(rig.sim, rig.sim.calls()[0], {
        method: 'PUT',
        path: `/api/v1/contact/${MAHIN}`,
        body: {
          custom_fields: [
            { name: 'firstName', value: 'Muhammad Mahin' },
            { name: 'lastName', value: 'Dar' },
          ],
        },
      });
      expect(res.body).toEqual({ id: MAHIN, updatedFields: ['firstName', 'lastName'] });

      const cleared = await api()
        .patch(`/v1/contacts/${MAHIN}`)
        .set(rig.auth)
        .send({ email: null, customFields: [{ name: 'customerid', value: '2' }] })
        .expect(200);
      expect(cleared.body.updatedFields).toEqual(['email', 'customFields']);
      expectOkeybotCall(rig.sim, rig.sim.calls()[1], {
        method: 'PUT',
        path: `/api/v1/contact/${MAHIN}`,
        body: {
          custom_fields: [
            { name: 'email', value: null },
            { name: 'customerid', value: '2' },
          ],
        },
      });
      const after = await api().get(`/v1/contacts/${MAHIN}`).set(rig.auth).expect(200);
      expect(after.body).toMatchObject({ firstName: 'Muhammad Mahin', email: null });
      expect(after.body.customFields).toContainEqual({ name: 'customerid', value: '2' });
    });

    it('fields OkeyBot cannot carry, or more than 30 fields, are a 422 before anything is sent', async () => {
      const cpf = await api().post('/v1/contacts').set(rig.auth).send({ firstName: 'A', cpf: '873.487.695-27' });
      expectProblem(cpf, 422, 'unsupported_field');
      expect(cpf.body.errors).toEqual([{ field: 'cpf', message: 'is not supported by OkeyBot' }]);
      const tooMany = await api()
        .patch(`/v1/contacts/${MAHIN}`)
        .set(rig.auth)
        .send({ firstName: 'A', customFields: Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'x' })) });
      expectProblem(tooMany, 422, 'unsupported_field');
      expect(tooMany.body.detail).toContain('at most 30 fields per request; this one has 31');
      const empty = await api().patch(`/v1/contacts/${MAHIN}`).set(rig.auth).send({});
      expectProblem(empty, 400, 'validation_failed');
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('a custom field left without its value is "is required" (null clears it), before anything is sent', async () => {
      const missing = await api()
        .patch(`/v1/contacts/${MAHIN}`)
        .set(rig.auth)
        .send({ customFields: [{ name: 'phone' }] });
      expectProblem(missing, 400, 'validation_failed');
      expect(missing.body.errors).toEqual([{ field: 'customFields[0].value', message: 'is required' }]);
      const wrongType = await api()
        .patch(`/v1/contacts/${MAHIN}`)
        .set(rig.auth)
        .send({ customFields: [{ name: 'phone', value: 7 }] });
      expect(wrongType.body.errors).toEqual([{ field: 'customFields[0].value', message: 'must be a string' }]);
      expect(rig.sim.calls()).toHaveLength(0);
      await api()
        .patch(`/v1/contacts/${MAHIN}`)
        .set(rig.auth)
        .send({ customFields: [{ name: 'phone', value: null }] })
        .expect(200);
    });
  });

  describe('tags', () => {
    it("POST and DELETE /v1/contacts/{id}/tags → the doc's tag calls", async () => {
      const added = await api()
        .post(`/v1/contacts/${MAHIN}/tags`)
        .set(rig.auth)
        .send({ tags: ['Blog Updates', 'Platform Updates'] })
        .expect(200);
      expect(added.body).toEqual({ contactId: MAHIN, applied: ['Blog Updates', 'Platform Updates'], failed: [], complete: true });
      // okeybot.txt "Agregar etiqueta por ID"
      expectOkeybotCall(rig.sim, rig.sim.calls()[0], {
        method: 'POST',
        path: `/api/v1/contact/${MAHIN}/tags`,
        body: { tags: ['Blog Updates', 'Platform Updates'] },
      });
      const removed = await api()
        .delete(`/v1/contacts/${MAHIN}/tags`)
        .set(rig.auth)
        .send({ tags: ['Blog Updates', 'Platform Updates'] })
        .expect(200);
      expect(removed.body.complete).toBe(true);
      // okeybot.txt "Eliminar etiqueta por ID": a DELETE with a JSON body.
      expectOkeybotCall(rig.sim, rig.sim.calls()[1], {
        method: 'DELETE',
        path: `/api/v1/contact/${MAHIN}/tags`,
        body: { tags: ['Blog Updates', 'Platform Updates'] },
      });
      expect(rig.sim.contacts.get(MAHIN)!.tags).toEqual([]);
    });

    it('11 tags → 2 calls (10 + 1), all applied', async () => {
      const tags = tagList(11);
      const res = await api().post(`/v1/contacts/${MAHIN}/tags`).set(rig.auth).send({ tags }).expect(200);
      expect(res.body).toEqual({ contactId: MAHIN, applied: tags, failed: [], complete: true });
      const calls = rig.sim.calls();
      expect(calls).toHaveLength(2);
      expectOkeybotCall(rig.sim, calls[0], { method: 'POST', path: `/api/v1/contact/${MAHIN}/tags`, body: { tags: tags.slice(0, 10) } });
      expectOkeybotCall(rig.sim, calls[1], { method: 'POST', path: `/api/v1/contact/${MAHIN}/tags`, body: { tags: ['Promo 11'] } });
      expect(rig.sim.contacts.get(MAHIN)!.tags).toEqual(expect.arrayContaining(tags));
      await api().delete(`/v1/contacts/${MAHIN}/tags`).set(rig.auth).send({ tags }).expect(200);
      expect(
        rig.sim
          .calls()
          .slice(2)
          .map((r) => (r.json as { tags: string[] }).tags.length),
      ).toEqual([10, 1]);
    });

    it('a refused chunk → 207 listing it with its tags and reason; the others applied', async () => {
      const tags = tagList(11, 'Partial');
      rig.sim.script((req) => isTagsCall(req) && (req.json as { tags: string[] }).tags.length === 1, ERROR_403);
      const res = await api().post(`/v1/contacts/${MAHIN}/tags`).set(rig.auth).send({ tags }).expect(207);
      expect(res.body).toEqual({
        contactId: MAHIN,
        applied: tags.slice(0, 10),
        failed: [{ tags: ['Partial 11'], code: 'provider_rejected', detail: expect.stringContaining('Message String') }],
        complete: false,
      });
      expect(rig.sim.calls()).toHaveLength(2);
      expect(rig.sim.contacts.get(MAHIN)!.tags).not.toContain('Partial 11');
    });

    it('a platform failure mid-way: the chunks after it are reported as not sent', async () => {
      const tags = tagList(25, 'Mid');
      rig.sim.script((req) => isTagsCall(req) && (req.json as { tags: string[] }).tags[0] === 'Mid 11', {
        status: 500,
        body: 'Internal Server Error',
      });
      const res = await api().post(`/v1/contacts/${MAHIN}/tags`).set(rig.auth).send({ tags }).expect(207);
      expect(res.body.applied).toEqual(tags.slice(0, 10));
      expect(res.body.failed).toEqual([
        { tags: tags.slice(10, 20), code: 'provider_unavailable', detail: expect.stringContaining('HTTP 500') },
        { tags: tags.slice(20), code: 'provider_unavailable', detail: expect.stringMatching(/^Not sent: an earlier call failed/) },
      ]);
      expect(rig.sim.calls()).toHaveLength(2);
    });

    it('when nothing at all was applied, the answer is the problem itself', async () => {
      rig.sim.script(isTagsCall, ERROR_403);
      const res = await api()
        .post(`/v1/contacts/${MAHIN}/tags`)
        .set(rig.auth)
        .send({ tags: ['Solo'] });
      expectProblem(res, 422, 'provider_rejected');
      expect(res.body).toMatchObject({ provider: 'okeybot', providerStatus: 403, providerMessage: 'Message String' });
    });

    it('a dry run of a chunked call shows both requests, token redacted, and sends nothing', async () => {
      const tags = tagList(11, 'Dry');
      const res = await api().post(`/v1/contacts/${MAHIN}/tags`).set(rig.auth).set('Prefer', 'dry-run').send({ tags }).expect(200);
      expect(res.headers['preference-applied']).toBe('dry-run');
      const request = (chunk: string[]) => ({
        method: 'POST',
        url: `${rig.sim.apiUrl}/v1/contact/${MAHIN}/tags`,
        headers: { authorization: 'Bearer [REDACTED]', 'content-type': 'application/json' },
        body: { tags: chunk },
      });
      expect(res.body).toEqual({
        dryRun: true,
        connection: 'okeybot',
        provider: 'okeybot',
        requests: [request(tags.slice(0, 10)), request(['Dry 11'])],
      });
      expect(JSON.stringify(res.body)).not.toContain(rig.sim.token);
      expect(rig.sim.calls()).toHaveLength(0);
    });
  });

  describe('GraphQL', () => {
    it('contacts and contact', async () => {
      const list = await gql(
        rig.ponte.url,
        `query($f: String, $v: String) { contacts(customField: $f, value: $v, limit: 5) { data { id firstName tags customFields { name value } } pageInfo { hasNextPage totalCount } } }`,
        { f: 'locale', v: 'en_GB' },
        rig.auth,
      );
      expect(list.errors).toBeUndefined();
      expect(list.data!.contacts.pageInfo).toEqual({ hasNextPage: false, totalCount: 1 });
      expect(list.data!.contacts.data[0].id).toBe(MAHIN);
      expectOkeybotCall(rig.sim, rig.sim.calls()[0], {
        method: 'GET',
        path: '/api/v1/contact/by_custom_field',
        rawQuery: 'name=locale&value=en_GB',
      });
      const one = await gql(
        rig.ponte.url,
        `query($id: String!) { contact(id: $id, connection: "okeybot") { id createdAt lastName } }`,
        { id: MAHIN },
        rig.auth,
      );
      expect(one.data!.contact).toEqual({ id: MAHIN, createdAt: '2019-12-06T04:49:02-03:00', lastName: 'Dar' });
      expectOkeybotCall(rig.sim, rig.sim.calls()[1], { method: 'GET', path: `/api/v1/contact/${MAHIN}` });
    });

    it('createContact, updateContact, addContactTags, removeContactTags', async () => {
      const created = await gql(
        rig.ponte.url,
        `mutation($in: CreateContactInput!) { createContact(input: $in) { __typename ... on Contact { id firstName customFields { name value } } } }`,
        { in: { firstName: 'Gui', customFields: [{ name: 'customerid', value: '77' }] } },
        rig.auth,
      );
      expect(created.errors).toBeUndefined();
      const id = created.data!.createContact.id as string;
      expect(created.data!.createContact).toEqual({
        __typename: 'Contact',
        id,
        firstName: 'Gui',
        customFields: [
          { name: 'firstName', value: 'Gui' },
          { name: 'customerid', value: '77' },
        ],
      });
      expectOkeybotCall(rig.sim, rig.sim.calls()[0], {
        method: 'POST',
        path: '/api/v1/contact',
        body: {
          custom_fields: [
            { name: 'firstName', value: 'Gui' },
            { name: 'customerid', value: '77' },
          ],
        },
      });

      const updated = await gql(
        rig.ponte.url,
        `mutation($id: String!) { updateContact(id: $id, input: { lastName: "Lima", gender: MALE }) { id updatedFields } }`,
        { id },
        rig.auth,
      );
      expect(updated.data!.updateContact).toEqual({ id, updatedFields: ['lastName', 'gender'] });
      expectOkeybotCall(rig.sim, rig.sim.calls()[1], {
        method: 'PUT',
        path: `/api/v1/contact/${id}`,
        body: {
          custom_fields: [
            { name: 'lastName', value: 'Lima' },
            { name: 'gender', value: 'male' },
          ],
        },
      });

      const tags = tagList(12, 'GQL');
      const added = await gql(
        rig.ponte.url,
        `mutation($id: String!, $tags: [String!]!) { addContactTags(contactId: $id, input: { tags: $tags }) { contactId applied complete failed { tags } } }`,
        { id, tags },
        rig.auth,
      );
      expect(added.data!.addContactTags).toEqual({ contactId: id, applied: tags, complete: true, failed: [] });
      expectOkeybotCall(rig.sim, rig.sim.calls()[2], {
        method: 'POST',
        path: `/api/v1/contact/${id}/tags`,
        body: { tags: tags.slice(0, 10) },
      });
      expectOkeybotCall(rig.sim, rig.sim.calls()[3], {
        method: 'POST',
        path: `/api/v1/contact/${id}/tags`,
        body: { tags: tags.slice(10) },
      });

      const removed = await gql(
        rig.ponte.url,
        `mutation($id: String!) { removeContactTags(contactId: $id, input: { tags: ["GQL 1"] }) { applied complete } }`,
        { id },
        rig.auth,
      );
      expect(removed.data!.removeContactTags).toEqual({ applied: ['GQL 1'], complete: true });
      expectOkeybotCall(rig.sim, rig.sim.calls()[4], { method: 'DELETE', path: `/api/v1/contact/${id}/tags`, body: { tags: ['GQL 1'] } });
      expect(rig.sim.contacts.get(id)!.tags).toEqual(tags.slice(1));
    });

    it('a partial tag failure is complete: false with the failed chunk; problems carry their code', async () => {
      rig.sim.script((req) => isTagsCall(req) && (req.json as { tags: string[] }).tags.length === 2, ERROR_403);
      const partial = await gql(
        rig.ponte.url,
        `mutation($tags: [String!]!) { addContactTags(contactId: "${MAHIN}", input: { tags: $tags }) { applied complete failed { tags code detail } } }`,
        { tags: tagList(12, 'Half') },
        rig.auth,
      );
      expect(partial.data!.addContactTags).toEqual({
        applied: tagList(10, 'Half'),
        complete: false,
        failed: [{ tags: ['Half 11', 'Half 12'], code: 'provider_rejected', detail: expect.stringContaining('Message String') }],
      });
      const authFailure = await gql(rig.ponte.url, `{ contact(id: "${MAHIN}", connection: "wrong-token") { id } }`, {}, rig.auth);
      expect(authFailure.errors![0].extensions).toMatchObject({ code: 'provider_auth_failed', status: 502, connection: 'wrong-token' });
      const unsupported = await gql(
        rig.ponte.url,
        `mutation { deleteContacts(connection: "okeybot", input: { ids: ["1"] }) { deletedIds } }`,
        {},
        rig.auth,
      );
      expect(unsupported.errors![0].extensions).toMatchObject({ code: 'unsupported_operation', connections: ['maxbot'] });
    });

    it('a dry run over GraphQL shows every chunk', async () => {
      const res = await gql(
        rig.ponte.url,
        `mutation { removeContactTags(contactId: "${MAHIN}", input: { tags: [${tagList(11, 'G')
          .map((t) => JSON.stringify(t))
          .join(', ')}] }) { complete } }`,
        {},
        { ...rig.auth, Prefer: 'dry-run' },
      );
      expect(res.errors![0].extensions).toMatchObject({ code: 'dry_run', dryRun: true, connection: 'okeybot' });
      const requests = res.errors![0].extensions!.requests as Array<{
        method: string;
        headers: Record<string, string>;
        body: { tags: string[] };
      }>;
      expect(requests.map((r) => [r.method, r.headers.authorization, r.body.tags.length])).toEqual([
        ['DELETE', 'Bearer [REDACTED]', 10],
        ['DELETE', 'Bearer [REDACTED]', 1],
      ]);
      expect(rig.sim.calls()).toHaveLength(0);
    });
  });

  describe('Viber connections: contact ids go Base64-encoded, transparently', () => {
    const viber = { 'X-Connection': 'viber' };

    it('get, update and tags by the plain id; the path carries its Base64', async () => {
      const got = await api()
        .get(`/v1/contacts/${encodeURIComponent(VIBER_ID)}`)
        .set(rig.auth)
        .set(viber)
        .expect(200);
      expect(got.body).toMatchObject({ id: VIBER_ID, lastName: 'Dar' });
      expectOkeybotCall(viberSim, viberSim.calls()[0], { method: 'GET', path: `/api/v1/contact/${VIBER_WIRE_ID}` });

      await api()
        .patch(`/v1/contacts/${encodeURIComponent(VIBER_ID)}`)
        .set(rig.auth)
        .set(viber)
        .send({ firstName: 'Viber' })
        .expect(200);
      expectOkeybotCall(viberSim, viberSim.calls()[1], {
        method: 'PUT',
        path: `/api/v1/contact/${VIBER_WIRE_ID}`,
        body: { custom_fields: [{ name: 'firstName', value: 'Viber' }] },
      });

      const tagged = await gql(
        rig.ponte.url,
        `mutation($id: String!) { addContactTags(contactId: $id, connection: "viber", input: { tags: ["Vip"] }) { contactId applied } }`,
        { id: VIBER_ID },
        rig.auth,
      );
      expect(tagged.data!.addContactTags).toEqual({ contactId: VIBER_ID, applied: ['Vip'] });
      expectOkeybotCall(viberSim, viberSim.calls()[2], {
        method: 'POST',
        path: `/api/v1/contact/${VIBER_WIRE_ID}/tags`,
        body: { tags: ['Vip'] },
      });
    });

    it('listed and created contacts come back with their plain ids, usable as they are', async () => {
      const list = await api().get('/v1/contacts').query({ customField: 'lastName', value: 'Dar' }).set(rig.auth).set(viber).expect(200);
      expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([VIBER_ID]);
      const created = await api().post('/v1/contacts').set(rig.auth).set(viber).send({ firstName: 'Nova' }).expect(201);
      const plain = created.body.id as string;
      // Its Location names the viber connection: followed with no X-Connection, it reads the same contact there.
      expect(created.headers.location).toBe(`/v1/contacts/${encodeURIComponent(plain)}?connection=viber`);
      const followed = await api().get(created.headers.location).set(rig.auth).expect(200);
      expect(followed.body).toMatchObject({ id: plain, firstName: 'Nova' });
      // Each answer names the connection that served it.
      expect([created.headers['x-connection'], followed.headers['x-connection']]).toEqual(['viber', 'viber']);
      expect(viberSim.calls().at(-1)!.path).toBe(`/api/v1/contact/${encodeURIComponent(Buffer.from(plain).toString('base64'))}`);
      await api()
        .get(`/v1/contacts/${encodeURIComponent(plain)}`)
        .set(rig.auth)
        .set(viber)
        .expect(200);
      expect(viberSim.calls().at(-1)!.path).toBe(`/api/v1/contact/${encodeURIComponent(Buffer.from(plain).toString('base64'))}`);
    });
  });

  describe('platform failures → the right problem, no crash', () => {
    it("its 401 means the gateway's token is wrong: 502 provider_auth_failed, never 401", async () => {
      const res = await api().get(`/v1/contacts/${MAHIN}`).set(rig.auth).set('X-Connection', 'wrong-token');
      expectProblem(res, 502, 'provider_auth_failed');
      expect(res.body).toMatchObject({
        provider: 'okeybot',
        connection: 'wrong-token',
        providerStatus: 401,
        providerMessage: 'API Token is invalid.',
      });
      expect(res.body.detail).toContain("the gateway's OkeyBot token is wrong");
      expect(JSON.stringify(res.body)).not.toContain('okb-not-the-channel-token');
      expect(rig.sim.calls()[0].headers.authorization).toBe('Bearer okb-not-the-channel-token');
    });

    it('403 → 422 provider_rejected with its message (a token echoed in it is scrubbed)', async () => {
      rig.sim.script(() => true, { status: 403, json: { status: 'error', message: `Channel of ${rig.sim.token} is paused`, data: [] } });
      const res = await api().patch(`/v1/contacts/${MAHIN}`).set(rig.auth).send({ firstName: 'X' });
      expectProblem(res, 422, 'provider_rejected');
      expect(res.body.providerMessage).toBe('Channel of [REDACTED] is paused');
    });

    it('405 → 502 provider_unavailable: the gateway and the platform disagree, the caller cannot fix it', async () => {
      rig.sim.script(() => true, { status: 405, json: { status: 'error', message: '405 Method Not Allowed.', data: [] } });
      const res = await api().patch(`/v1/contacts/${MAHIN}`).set(rig.auth).send({ firstName: 'X' });
      expectProblem(res, 502, 'provider_unavailable');
      expect(res.body).toMatchObject({ providerStatus: 405, providerMessage: '405 Method Not Allowed.' });
      // The simulator really answers 405 to a method a route lacks.
      const direct = await request(rig.sim.url)
        .patch(`/api/v1/contact/${MAHIN}`)
        .set('Authorization', `Bearer ${rig.sim.token}`)
        .expect(405);
      expect(direct.body).toEqual({ status: 'error', message: '405 Method Not Allowed.', data: [] });
    });

    it('its 429 → 429 rate_limited with Retry-After, and the connection holds further calls', async () => {
      rig.sim.script(() => true, {
        status: 429,
        json: { status: 'error', message: 'Too many requests', data: [] },
        headers: { 'retry-after': '17' },
      });
      const res = await api().get(`/v1/contacts/${MAHIN}`).set(rig.auth).set('X-Connection', 'throttled');
      expectProblem(res, 429, 'rate_limited');
      expect(res.headers['retry-after']).toBe('17');
      expect(res.body).toMatchObject({ retryAfter: 17, providerMessage: 'Too many requests' });
      const held = await api().get(`/v1/contacts/${MAHIN}`).set(rig.auth).set('X-Connection', 'throttled');
      expectProblem(held, 429, 'rate_limited');
      expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
      // Held by OkeyBot's own answer, not by the gateway's quota (which has 99 calls left).
      expect(held.body.detail).toMatch(
        /^OkeyBot answered "too many requests" on connection "throttled", so its calls are held; retry in \d+ s$/,
      );
      expect(rig.sim.calls()).toHaveLength(1);
    });

    it('5xx → 502, a reply that is not JSON → 502, no answer → 504, refused → 502', async () => {
      rig.sim.inject({ kind: 'status', status: 503 });
      const down = await api().get(`/v1/contacts/${MAHIN}`).set(rig.auth);
      expectProblem(down, 502, 'provider_unavailable');
      expect(down.body.detail).toContain('HTTP 503');
      rig.sim.inject({ kind: 'garbage' });
      expectProblem(await api().post('/v1/contacts').set(rig.auth).send({ firstName: 'G' }), 502, 'provider_unavailable');
      rig.sim.inject({ kind: 'hang' });
      expectProblem(await api().get(`/v1/contacts/${MAHIN}`).set(rig.auth).set('X-Connection', 'slow'), 504, 'provider_timeout');
      const refused = await api().get(`/v1/contacts/${MAHIN}`).set(rig.auth).set('X-Connection', 'dead');
      expectProblem(refused, 502, 'provider_unavailable');
      expect(refused.body).toMatchObject({ connection: 'dead', provider: 'okeybot' });
      rig.sim.inject({ kind: 'status', status: 200, body: '{"data": "nope"}' });
      expectProblem(await api().get(`/v1/contacts/${MAHIN}`).set(rig.auth), 502, 'provider_unavailable');
      rig.sim.inject({ kind: 'status', status: 200, body: '{"data": null, "meta": {}}' });
      const list = await api().get('/v1/contacts').query({ customField: 'a', value: 'b' }).set(rig.auth);
      expectProblem(list, 502, 'provider_unavailable');
      expect(list.body.detail).toContain('without a list of contacts');
      await api().get(`/v1/contacts/${MAHIN}`).set(rig.auth).expect(200);
    });
  });

  describe('operations OkeyBot does not have → 501 naming the connections that can', () => {
    it.each([
      ['DELETE', `/v1/contacts/${MAHIN}`, undefined, 'deleteContacts', ['maxbot']],
      ['POST', '/v1/contacts:batchDelete', { ids: ['1'] }, 'deleteContacts', ['maxbot']],
      ['POST', `/v1/contacts/${MAHIN}/segmentations`, { segmentationIds: ['113'] }, 'addContactSegmentations', ['maxbot']],
      ['GET', '/v1/segmentations', undefined, 'listSegmentations', ['maxbot']],
      ['POST', `/v1/contacts/${MAHIN}/notes`, { text: 'hi' }, 'addContactNote', []],
      ['GET', '/v1/contacts/registrations/abc', undefined, 'getContactRegistration', []],
    ])('%s %s → 501', async (method, path, body, operation, connections) => {
      const req = api()[method.toLowerCase() as 'get' | 'post' | 'delete'](path).set(rig.auth).set('X-Connection', 'okeybot');
      const res = await (body ? req.send(body) : req);
      expectProblem(res, 501, 'unsupported_operation');
      expect(res.body).toMatchObject({ connection: 'okeybot', provider: 'okeybot', operation, connections });
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('GET /v1/connections lists what an OkeyBot connection can do', async () => {
      const res = await api().get('/v1/connections?status=false').set(rig.auth).expect(200);
      const okeybot = res.body.data.find((c: { id: string }) => c.id === 'okeybot');
      expect(okeybot).toMatchObject({
        platform: 'okeybot',
        isDefault: true,
        operations: ['listContacts', 'getContact', 'createContact', 'updateContact', 'addContactTags', 'removeContactTags'],
        status: null,
      });
    });
  });

  it('no OkeyBot token ever appears in the logs', () => {
    const log = rig.ponte.output();
    expect(log).toContain('"msg":"upstream call"');
    expect(log).toContain('"operation":"GET /v1/contact/{id}"');
    for (const token of [rig.sim.token, viberSim.token, 'okb-not-the-channel-token', 'okb-dead-token-1234'])
      expect(log).not.toContain(token);
  });
});

describe('the 100 calls per minute limit, kept on the gateway side', () => {
  let rig: OkeybotRig;
  beforeAll(async () => {
    // Default connection settings: rateLimitPerMinute 100, as the doc says.
    rig = await startOkeybotRig();
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it('101 calls in a minute: 100 reach OkeyBot, the 101st gets 429 with Retry-After; the platform never refuses one', async () => {
    const answers = await Promise.all(Array.from({ length: 101 }, () => request(rig.ponte.url).get(`/v1/contacts/${MAHIN}`).set(rig.auth)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(1);
    expectProblem(refused[0], 429, 'rate_limited');
    const retryAfter = Number(refused[0].headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 61).toBe(true);
    expect(refused[0].body).toMatchObject({ connection: 'okeybot', provider: 'okeybot', retryAfter });
    expect(refused[0].body.detail).toContain('has used its 100 OkeyBot calls per minute');
    expect(rig.sim.calls()).toHaveLength(100);
    expect(rig.sim.rateLimited).toBe(0);

    const viaGraphql = await gql(rig.ponte.url, `{ contact(id: "${MAHIN}") { id } }`, {}, rig.auth);
    expect(viaGraphql.errors![0].extensions).toMatchObject({ code: 'rate_limited', retryAfter: expect.any(Number) });
    expect(rig.sim.calls()).toHaveLength(100);
  });
});

describe('a connection with a lower rateLimitPerMinute', () => {
  let rig: OkeybotRig;
  const api = () => request(rig.ponte.url);
  beforeAll(async () => {
    rig = await startOkeybotRig({ connection: { rateLimitPerMinute: 3 } });
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it('more tags than the per-minute calls can ever carry → 400 before anything is sent', async () => {
    const res = await api()
      .post(`/v1/contacts/${MAHIN}/tags`)
      .set(rig.auth)
      .send({ tags: tagList(31) });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'tags', message: expect.stringContaining('at most 30 items on connection "okeybot"') }]);
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('a chunked call reserves all its calls up front: with one slot left, 11 tags → 429 and nothing sent', async () => {
    await api().get(`/v1/contacts/${MAHIN}`).set(rig.auth).expect(200);
    await api().get(`/v1/contacts/${MAHIN}`).set(rig.auth).expect(200);
    const res = await api()
      .post(`/v1/contacts/${MAHIN}/tags`)
      .set(rig.auth)
      .send({ tags: tagList(11) });
    expectProblem(res, 429, 'rate_limited');
    expect(res.body.detail).toContain('this request needs 2');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(rig.sim.calls().filter(isTagsCall)).toHaveLength(0);
    // The remaining slot is still there for a one-call request, then the minute is used up.
    await api()
      .post(`/v1/contacts/${MAHIN}/tags`)
      .set(rig.auth)
      .send({ tags: ['One'] })
      .expect(200);
    expectProblem(await api().get(`/v1/contacts/${MAHIN}`).set(rig.auth), 429, 'rate_limited');
    expect(rig.sim.calls()).toHaveLength(3);
  });
});

describe('the simulator enforces the documented limits itself', () => {
  const sim = new OkeybotSimulator({ token: 'okb-direct-token-1234', callsPerMinute: 5 });
  const auth = { Authorization: 'Bearer okb-direct-token-1234' };
  beforeAll(async () => {
    await sim.start();
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('wrong token → 401, more than 10 tags or 30 fields → 403, past 100 (here 5) calls a minute → 429, as the doc shows', async () => {
    const noToken = await request(sim.url).get(`/api/v1/contact/${MAHIN}`).set('Authorization', 'Bearer nope').expect(401);
    expect(noToken.body).toEqual({ status: 'error', message: 'API Token is invalid.', data: [] });
    const tags = await request(sim.url)
      .post(`/api/v1/contact/${MAHIN}/tags`)
      .set(auth)
      .send({ tags: tagList(11) })
      .expect(403);
    expect(tags.body).toEqual({ status: 'error', message: 'Maximum 10 tags can be added per request.', data: [] });
    const fields = Array.from({ length: 31 }, (_, i) => ({ name: `f${i}`, value: 'x' }));
    const update = await request(sim.url).put(`/api/v1/contact/${MAHIN}`).set(auth).send({ custom_fields: fields }).expect(403);
    expect(update.body.message).toBe('Maximum 30 fields can be updated per request.');
    await request(sim.url).post('/api/v1/contact').set(auth).send({ custom_fields: fields }).expect(403);
    await request(sim.url).get(`/api/v1/contact/${MAHIN}`).set(auth).expect(200);
    await request(sim.url).get(`/api/v1/contact/${MAHIN}`).set(auth).expect(200);
    const limited = await request(sim.url).get(`/api/v1/contact/${MAHIN}`).set(auth).expect(429);
    expect(limited.body).toEqual({ status: 'error', message: 'Too many requests', data: [] });
    expect(sim.rateLimited).toBe(1);
  });
});
