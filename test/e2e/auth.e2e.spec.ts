/**
 * API keys (Bearer, hashed, constant-time compared, optionally scoped to connections) and the
 * rule that platform credentials never show up in responses or logs.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { gql } from '../helpers/graphql';
import { API_KEY, startMaxbotRig, type MaxbotRig } from '../helpers/maxbot';

const HASHED_KEY = 'hashed-key-abcdefghijklmnop';
const SCOPED_KEY = 'scoped-key-abcdefghijklmnop';
const OKEY_KEY = 'okey-only-key-abcdefghijklmn';
let rig: MaxbotRig;

beforeAll(async () => {
  rig = await startMaxbotRig({
    extraConnections: [
      { id: 'other', provider: 'maxbot', baseUrl: 'http://127.0.0.1:9/api/v1.php', token: 'other-token-abcdef' },
      { id: 'okey', provider: 'okeybot', baseUrl: 'http://127.0.0.1:9/api', channelToken: 'okeybot-token-unused' },
    ],
    apiKeys: [
      { name: 'tests', key: API_KEY },
      { name: 'hashed', sha256: createHash('sha256').update(HASHED_KEY).digest('hex') },
      { name: 'scoped', key: SCOPED_KEY, connections: ['other'] },
      { name: 'okey-only', key: OKEY_KEY, connections: ['okey'] },
    ],
  });
});
afterAll(async () => {
  await rig?.stop();
});

const api = () => request(rig.ponte.url);

describe('API keys', () => {
  it('no key → 401 problem with WWW-Authenticate, nothing sent upstream', async () => {
    rig.sim.clearRequests();
    const res = await api().get('/v1/contacts').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="ponte"');
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('the index at / needs no key: where the docs are, as JSON, and a browser is sent to Swagger UI', async () => {
    const res = await api().get('/').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({
      name: 'Ponte',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      sandbox: false,
      docs: '/docs',
      openapi: '/docs-json',
      graphql: '/graphql',
      graphiql: '/graphiql',
      health: { live: '/health/live', ready: '/health/ready' },
    });
    const browser = await api().get('/').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(302);
    expect(browser.headers.location).toBe('/docs');
    // Only the bare root is public.
    await api().get('/v1').expect(401);
  });

  it('a wrong key or a malformed header → 401', async () => {
    await api().get('/v1/contacts').set('Authorization', 'Bearer not-the-key-at-all-123').expect(401);
    await api().get('/v1/contacts').set('Authorization', API_KEY).expect(401);
    await api().get('/v1/contacts').set('Authorization', `Basic ${API_KEY}`).expect(401);
  });

  it('a configured key, plain or given as its sha256 → 200', async () => {
    await api().get('/v1/contacts').set('Authorization', `Bearer ${API_KEY}`).expect(200);
    await api().get('/v1/contacts').set('Authorization', `bearer ${HASHED_KEY}`).expect(200);
  });

  it('GraphQL is protected the same way', async () => {
    const res = await request(rig.ponte.url).post('/graphql').send({ query: '{ contacts { data { id } } }' }).expect(401);
    // Shaped as GraphQL clients read errors: the code in errors[].extensions, with the problem's members.
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="ponte"');
    expect(res.body).toEqual({
      errors: [
        {
          message: 'Send an API key as "Authorization: Bearer <key>"',
          extensions: expect.objectContaining({
            code: 'unauthorized',
            status: 401,
            title: 'Missing or invalid API key',
            instance: '/graphql',
          }),
        },
      ],
    });
    expect(res.body.errors[0].extensions.requestId).toBe(res.headers['x-request-id']);
    const wrong = await request(rig.ponte.url)
      .get('/graphql?query=%7B__typename%7D')
      .set('Authorization', 'Bearer not-the-key-at-all-123')
      .expect(401);
    expect(wrong.body.errors[0]).toMatchObject({ message: 'The API key is not valid', extensions: { code: 'unauthorized' } });
    const ok = await gql(rig.ponte.url, '{ contacts(limit: 1) { data { id } } }', {}, { Authorization: `Bearer ${HASHED_KEY}` });
    expect(ok.errors).toBeUndefined();
  });

  it('health probes, /docs and /graphiql need no key', async () => {
    await api().get('/health/live').expect(200);
    await api().get('/health/ready').expect(200);
    // The router ignores a trailing slash, so must the key check (a probe configured so stayed unready).
    await api().get('/health/live/').expect(200);
    await api().get('/health/ready/').expect(200);
    await api().get('/docs').expect(200);
    await api().get('/docs-json').expect(200);
    await api().get('/graphiql').expect(200);
  });

  it('a key scoped to some connections gets 403 on others and sees only its own', async () => {
    const res = await api().get('/v1/contacts').set('Authorization', `Bearer ${SCOPED_KEY}`).set('X-Connection', 'maxbot').expect(403);
    expect(res.body).toMatchObject({ code: 'forbidden', connection: 'maxbot' });
    const list = await api().get('/v1/connections?status=false').set('Authorization', `Bearer ${SCOPED_KEY}`).expect(200);
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual(['other']);
    const another = await api()
      .get('/v1/connections?status=false')
      .set('Authorization', `Bearer ${SCOPED_KEY}`)
      .set('X-Connection', 'maxbot');
    expect(another.status).toBe(403);
    expect(another.body).toMatchObject({ code: 'forbidden', connection: 'maxbot' });
    const gqlRes = await gql(
      rig.ponte.url,
      '{ contacts(connection: "maxbot") { data { id } } }',
      {},
      { Authorization: `Bearer ${SCOPED_KEY}` },
    );
    expect(gqlRes.errors![0].extensions).toMatchObject({ code: 'forbidden' });
    // A connection that does not exist: the answer lists this key's connections, not every configured one.
    const unknown = await api().get('/v1/contacts').set('Authorization', `Bearer ${SCOPED_KEY}`).set('X-Connection', 'nope').expect(400);
    expect(unknown.body.errors).toEqual([
      { field: 'connection', message: '"nope" is not a configured connection (connections this API key may use: other)' },
    ]);
    expect(JSON.stringify(unknown.body)).not.toContain('maxbot');
  });

  it('with no connection named, an operation only connections the key may not use can do → 403, not 501', async () => {
    // OkeyBot cannot list protocols; Maxbot can, but this key may only use "okey".
    const res = await api().get('/v1/service-sectors').set('Authorization', `Bearer ${OKEY_KEY}`).expect(403);
    expect(res.body).toMatchObject({ code: 'forbidden', operation: 'listServiceSectors' });
    expect(res.body.detail).toContain('may not use a connection that can do listServiceSectors');
    // What no configured connection can do stays a 501.
    const none = await api().get('/v1/messages/abc').set('Authorization', `Bearer ${OKEY_KEY}`).expect(501);
    expect(none.body).toMatchObject({ code: 'unsupported_operation', connections: [] });
  });

  it('with no connection named, each key gets its own default, whichever key asked first', async () => {
    for (let round = 0; round < 2; round++) {
      rig.sim.clearRequests();
      await api().get('/v1/contacts').set('Authorization', `Bearer ${API_KEY}`).expect(200);
      expect(rig.sim.calls()).toHaveLength(1);
      // The scoped key may only use "other" (nothing listens there): never the default "maxbot".
      const scoped = await api().get('/v1/contacts').set('Authorization', `Bearer ${SCOPED_KEY}`).expect(502);
      expect(scoped.body).toMatchObject({ code: 'provider_unavailable', connection: 'other' });
      expect(rig.sim.calls()).toHaveLength(1);
    }
  });
});

describe('platform credentials never leak', () => {
  it('not in responses (including errors and dry runs) nor in logs', async () => {
    const token = rig.sim.token;
    const bodies: string[] = [];
    const record = (res: request.Response) => bodies.push(JSON.stringify(res.headers) + res.text);
    record(await api().get('/v1/contacts').set(rig.auth));
    record(await api().get('/v1/connections').set(rig.auth));
    record(await api().post('/v1/contacts').set(rig.auth).set('Prefer', 'dry-run').send({ whatsapp: '+5531999991111' }));
    // A platform message that echoes the token back must be scrubbed.
    rig.sim.inject({ kind: 'status', status: 200, body: JSON.stringify({ status: 0, msg: `Token ${token} expirado` }) });
    const echoed = await api().get('/v1/segmentations').set(rig.auth);
    record(echoed);
    expect(echoed.body.providerMessage).toBe('Token [REDACTED] expirado');
    rig.sim.inject({ kind: 'status', status: 500 });
    record(await api().get('/v1/contacts').set(rig.auth));
    record(await api().get('/v1/contacts').set(rig.auth).set('X-Connection', 'other'));
    const graph = await request(rig.ponte.url)
      .post('/graphql')
      .set(rig.auth)
      .send({ query: '{ connections { data { id status { error } } } }' });
    record(graph);
    for (const body of bodies) expect(body).not.toContain(token);
    expect(bodies.join('')).not.toContain('other-token-abcdef');
    const logs = await rig.ponte.waitForOutput('"route":"/graphql"');
    expect(logs).toContain('"msg":"request"');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain('other-token-abcdef');
    expect(logs).not.toContain(API_KEY);
  });

  it('a dry run shows the exact request with the token redacted and sends nothing', async () => {
    rig.sim.clearRequests();
    const res = await api()
      .post('/v1/contacts')
      .set(rig.auth)
      .set('Prefer', 'dry-run')
      .send({ firstName: 'Ana', whatsapp: '+55 31 99999-1111' })
      .expect(200);
    expect(res.headers['preference-applied']).toBe('dry-run');
    expect(res.body).toEqual({
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
});
