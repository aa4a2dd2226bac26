/**
 * CORS_ORIGINS: a browser page on another origin may call the gateway only when its origin is
 * configured. Preflights are answered before the API key is checked (browsers send none on them);
 * every answer to an allowed origin, errors included, carries the headers a page needs to read it.
 */
import request from 'supertest';
import { API_KEY, startMaxbotRig, type MaxbotRig } from '../helpers/maxbot';
import { openEventStream } from '../helpers/sse';

const CRM = 'https://crm.example.com';
const VITE = 'http://localhost:5173';
const auth = { Authorization: `Bearer ${API_KEY}` };

function preflight(url: string, origin: string, method = 'POST', headers = 'authorization, content-type, x-connection') {
  return request(url)
    .options('/v1/contacts')
    .set('Origin', origin)
    .set('Access-Control-Request-Method', method)
    .set('Access-Control-Request-Headers', headers);
}

describe('CORS with a list of origins', () => {
  let rig: MaxbotRig;
  beforeAll(async () => {
    // As an operator would write it: spaces, a trailing slash, a capital letter.
    rig = await startMaxbotRig({ env: { CORS_ORIGINS: `${CRM}, http://LOCALHOST:5173/` } });
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it('logs the origins it allows at startup', () => {
    const line = rig.ponte
      .output()
      .split('\n')
      .find((l) => l.includes('CORS_ORIGINS is set'));
    expect(JSON.parse(line!)).toMatchObject({ corsOrigins: [CRM, VITE] });
  });

  it('answers a preflight from an allowed origin with 204, without an API key, sending nothing upstream', async () => {
    rig.sim.clearRequests();
    const res = await preflight(rig.ponte.url, VITE).expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(VITE);
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
    const allowed = res.headers['access-control-allow-headers'].toLowerCase().split(', ');
    expect(allowed).toEqual(
      expect.arrayContaining([
        'authorization',
        'content-type',
        'x-connection',
        'prefer',
        'x-request-id',
        'last-event-id',
        'idempotency-key',
      ]),
    );
    expect(allowed).toEqual(expect.arrayContaining(['apollo-require-preflight', 'x-apollo-operation-name']));
    expect(res.headers['access-control-max-age']).toBe('600');
    expect(res.headers.vary).toBe('Origin');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.text).toBe('');
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('lets the page read an answer and the headers it needs: the result, a 401, a 400 and a 404', async () => {
    const ok = await request(rig.ponte.url).get('/v1/contacts?limit=1').set(auth).set('Origin', CRM).expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe(CRM);
    expect(ok.headers['access-control-expose-headers']).toBe(
      'Location, Retry-After, X-Request-Id, X-Connection, Preference-Applied, WWW-Authenticate, Idempotent-Replayed',
    );
    expect(ok.headers.vary).toBe('Origin');

    const noKey = await request(rig.ponte.url).get('/v1/contacts').set('Origin', CRM).expect(401);
    expect(noKey.headers['access-control-allow-origin']).toBe(CRM);
    expect(noKey.body.code).toBe('unauthorized');

    const invalid = await request(rig.ponte.url).get('/v1/contacts?limit=0').set(auth).set('Origin', CRM).expect(400);
    expect(invalid.headers['access-control-allow-origin']).toBe(CRM);
    expect(invalid.body.errors[0].field).toBe('limit');

    const missing = await request(rig.ponte.url).get('/v1/nothing-here').set(auth).set('Origin', CRM).expect(404);
    expect(missing.headers['access-control-allow-origin']).toBe(CRM);

    // The event stream writes its own head (the reply is taken over): it carries them too.
    const stream = await openEventStream(`${rig.ponte.url}/v1/events/stream`, { ...auth, Origin: CRM });
    stream.close();
    expect(stream.status).toBe(200);
    expect(stream.headers['access-control-allow-origin']).toBe(CRM);
    expect(stream.headers['access-control-expose-headers']).toContain('X-Request-Id');
  });

  it('serves GraphQL to an allowed origin the same way', async () => {
    const res = await request(rig.ponte.url)
      .post('/graphql')
      .set(auth)
      .set('Origin', VITE)
      .send({ query: '{ contacts(limit: 1) { data { id } } }' })
      .expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(VITE);
    expect(res.body.errors).toBeUndefined();
  });

  it('refuses a preflight from any other origin with a 403 problem naming it', async () => {
    const res = await preflight(rig.ponte.url, 'https://evil.example.net').expect(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'origin_not_allowed',
      status: 403,
      detail: 'origin https://evil.example.net is not in CORS_ORIGINS, so browsers may not call the gateway from it',
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    // Near misses are other origins: another port, another scheme.
    await preflight(rig.ponte.url, 'http://localhost:5174').expect(403);
    await preflight(rig.ponte.url, 'http://crm.example.com').expect(403);
  });

  it('handles a simple request from another origin as usual but gives no CORS headers, so the browser keeps the answer from the page', async () => {
    const res = await request(rig.ponte.url).get('/v1/contacts?limit=1').set(auth).set('Origin', 'https://evil.example.net').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers.vary).toBe('Origin');
  });

  it('leaves requests without an Origin alone (servers, curl): an OPTIONS is not a preflight then', async () => {
    const res = await request(rig.ponte.url).get('/v1/contacts?limit=1').set(auth).expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    // A plain OPTIONS: what the path takes, in Allow, and no CORS headers.
    const options = await request(rig.ponte.url).options('/v1/contacts').set('Access-Control-Request-Method', 'POST').expect(204);
    expect(options.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(options.headers['access-control-allow-methods']).toBeUndefined();
  });
});

describe('CORS with a subdomain entry', () => {
  let rig: MaxbotRig;
  beforeAll(async () => {
    rig = await startMaxbotRig({ env: { CORS_ORIGINS: 'https://*.example.com' } });
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it('allows any subdomain at that scheme and port, answering with the origin itself', async () => {
    const res = await preflight(rig.ponte.url, 'https://crm.eu.example.com').expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://crm.eu.example.com');
    expect(res.headers.vary).toBe('Origin');
    const ok = await request(rig.ponte.url).get('/v1/contacts?limit=1').set(auth).set('Origin', CRM).expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe(CRM);
  });

  it('refuses the bare domain, look-alikes, and another scheme', async () => {
    for (const origin of ['https://example.com', 'https://evilexample.com', 'https://crm.example.com.evil.io', 'http://crm.example.com']) {
      const res = await preflight(rig.ponte.url, origin).expect(403);
      expect(res.body.detail).toBe(`origin ${origin} is not in CORS_ORIGINS, so browsers may not call the gateway from it`);
    }
  });
});

describe('CORS with "*" and without CORS_ORIGINS', () => {
  let any: MaxbotRig;
  let off: MaxbotRig;
  beforeAll(async () => {
    [any, off] = await Promise.all([startMaxbotRig({ env: { CORS_ORIGINS: '*' } }), startMaxbotRig()]);
  });
  afterAll(async () => {
    await Promise.all([any?.stop(), off?.stop()]);
  });

  it('"*": any origin, answered with "*" and no Vary', async () => {
    const pre = await preflight(any.ponte.url, 'https://whoever.example.org').expect(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers.vary).toBeUndefined();
    const res = await request(any.ponte.url).get('/v1/contacts?limit=1').set(auth).set('Origin', 'https://whoever.example.org').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('unset: no CORS headers at all, and a preflight is an ordinary OPTIONS (204 with Allow)', async () => {
    const pre = await preflight(off.ponte.url, CRM).expect(204);
    expect(pre.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const res = await request(off.ponte.url).get('/v1/contacts?limit=1').set(auth).set('Origin', CRM).expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers.vary).toBeUndefined();
  });
});
