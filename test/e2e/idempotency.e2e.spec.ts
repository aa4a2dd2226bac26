/**
 * `Idempotency-Key` on the API's writes, end to end: the gateway in front of the Maxbot simulator,
 * counting what reaches Maxbot (`put_contact`, maxbot.txt "Cadastrar contato").
 */
import request from 'supertest';
import { startMaxbotRig, type MaxbotRig } from '../helpers/maxbot';
import { API_KEY } from '../helpers/rig';

const OTHER_KEY = 'other-key-0123456789abcdef';
let rig: MaxbotRig;

beforeAll(async () => {
  rig = await startMaxbotRig({
    apiKeys: [
      { name: 'tests', key: API_KEY },
      { name: 'other', key: OTHER_KEY },
    ],
  });
});
afterAll(() => rig?.stop());
beforeEach(() => rig.sim.clearRequests());

let keys = 0;
const newKey = () => `c0ffee00-0000-4000-8000-${String(++keys).padStart(12, '0')}`;
const ana = { firstName: 'Ana', whatsapp: '+55 31 98888-7777' };
const create = (key: string | undefined, body: object = ana, auth: Record<string, string> = rig.auth) => {
  const req = request(rig.ponte.url).post('/v1/contacts').set(auth);
  return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
};

describe('Idempotency-Key', () => {
  it('the same key for the same write answers the first answer again, with Idempotent-Replayed: Maxbot gets one put_contact', async () => {
    const key = newKey();
    const first = await create(key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await create(key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['x-connection']).toBe('maxbot');
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    // Each answer is its own request.
    expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    expect(rig.sim.calls('put_contact')).toHaveLength(1);

    // Without a key, or with a new one, a write runs each time.
    await create(undefined).expect(201);
    await create(newKey()).expect(201);
    expect(rig.sim.calls('put_contact')).toHaveLength(3);
  });

  it('a key used for another request is a 422, and nothing is sent', async () => {
    const key = newKey();
    await create(key).expect(201);
    const other = await create(key, { ...ana, firstName: 'Bia' });
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.body).toMatchObject({
      code: 'idempotency_key_reused',
      detail: expect.stringContaining('use a new key for a new request'),
    });
    const elsewhere = await request(rig.ponte.url)
      .post('/v1/contacts')
      .set(rig.auth)
      .set('X-Connection', 'maxbot')
      .set('Idempotency-Key', key)
      .send(ana);
    expect(elsewhere.body.code).toBe('idempotency_key_reused');
    expect(rig.sim.calls('put_contact')).toHaveLength(1);
  });

  it('while the first request runs, the same key is a 409; once it has answered, its answer', async () => {
    const key = newKey();
    rig.sim.setLatency(400);
    try {
      const first = create(key).then((res) => res);
      await new Promise((r) => setTimeout(r, 100));
      const meanwhile = await create(key);
      expect(meanwhile.status).toBe(409);
      expect(meanwhile.body).toMatchObject({ code: 'idempotency_key_in_use', status: 409 });
      expect((await first).status).toBe(201);
    } finally {
      rig.sim.setLatency(0);
    }
    expect((await create(key)).headers['idempotent-replayed']).toBe('true');
    expect(rig.sim.calls('put_contact')).toHaveLength(1);
  });

  it('keys are per API key: another key may use the same one for its own write', async () => {
    const key = newKey();
    await create(key).expect(201);
    const theirs = await create(key, ana, { Authorization: `Bearer ${OTHER_KEY}` });
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(rig.sim.calls('put_contact')).toHaveLength(2);
  });

  it('an answer refusing the request is kept too; a dry run, which sends nothing, is not', async () => {
    const key = newKey();
    const invalid = await create(key, { firstName: 'Ana', whatsapp: 'not a phone' });
    expect(invalid.status).toBe(400);
    const again = await create(key, { firstName: 'Ana', whatsapp: 'not a phone' });
    expect(again.status).toBe(400);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.errors).toEqual(invalid.body.errors);

    const dry = newKey();
    for (let i = 0; i < 2; i++) {
      const res = await request(rig.ponte.url)
        .post('/v1/contacts')
        .set(rig.auth)
        .set('Prefer', 'dry-run')
        .set('Idempotency-Key', dry)
        .send(ana);
      expect(res.status).toBe(200);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    }
    // The key is still unused: the real write runs.
    await create(dry).expect(201);
    expect(rig.sim.calls('put_contact')).toHaveLength(1);
  });

  it('a key that is not 1 to 255 visible ASCII characters is a 400 naming the header', async () => {
    for (const bad of ['x'.repeat(256), 'com espaço']) {
      const res = await create(bad);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters (a UUID, say)' }]);
    }
    expect(rig.sim.calls('put_contact')).toHaveLength(0);
  });

  it('POST /graphql takes it too: a mutation sent again with the key is answered from the first, refusals in GraphQL shape', async () => {
    const key = newKey();
    const mutation = (firstName: string) => ({
      query: 'mutation($in: CreateContactInput!) { createContact(input: $in) { __typename ... on Contact { id firstName } } }',
      variables: { in: { firstName, whatsapp: '+5531988887777' } },
    });
    const send = (body: object, extra: Record<string, string> = {}) =>
      request(rig.ponte.url).post('/graphql').set(rig.auth).set('Idempotency-Key', key).set(extra).send(body);
    const first = await send(mutation('Ana'));
    expect(first.status).toBe(200);
    expect(first.body.data.createContact).toMatchObject({ __typename: 'Contact', firstName: 'Ana' });
    const again = await send(mutation('Ana'));
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers['x-connection']).toBe('maxbot');
    expect(rig.sim.calls('put_contact')).toHaveLength(1);

    const other = await send(mutation('Bia'));
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toMatch(/^application\/json/);
    expect(other.body.errors[0].extensions).toMatchObject({ code: 'idempotency_key_reused', status: 422 });
    // A dry run (the extension or the header) sends nothing and keeps nothing.
    const dry = await request(rig.ponte.url)
      .post('/graphql')
      .set(rig.auth)
      .set('Idempotency-Key', newKey())
      .send({ ...mutation('Caio'), extensions: { dryRun: true } });
    expect(dry.body.errors[0].extensions.code).toBe('dry_run');
    expect(dry.headers['idempotent-replayed']).toBeUndefined();
    expect(rig.sim.calls('put_contact')).toHaveLength(1);
  });

  it('reads ignore it', async () => {
    const key = newKey();
    for (let i = 0; i < 2; i++) {
      const res = await request(rig.ponte.url).get('/v1/contacts?limit=1').set(rig.auth).set('Idempotency-Key', key);
      expect(res.status).toBe(200);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(rig.sim.calls('get_contacts').length + rig.sim.calls('get_contact').length).toBeGreaterThanOrEqual(2);
  });
});
