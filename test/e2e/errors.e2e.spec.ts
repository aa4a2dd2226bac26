/**
 * Bad input and bad platforms: every failure is an RFC 9457 problem with a stable code, never a
 * 500, and nothing is sent upstream when the input is wrong.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import request from 'supertest';
import { expectMaxbotCall } from '../helpers/maxbot-coverage';
import { startMaxbotRig, type MaxbotRig } from '../helpers/maxbot';

let rig: MaxbotRig;

beforeAll(async () => {
  rig = await startMaxbotRig({ timeoutMs: 700 });
});
afterAll(async () => {
  await rig?.stop();
});
beforeEach(() => {
  rig.sim.clearRequests();
  rig.sim.clearFaults();
});

const api = () => request(rig.ponte.url);

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: `urn:ponte:problem:${code}`,
    status,
    code,
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
}

describe('bad input → 4xx problem naming the field, nothing sent upstream', () => {
  afterEach(() => expect(rig.sim.calls()).toHaveLength(0));

  it('malformed JSON', async () => {
    const res = await api().post('/v1/contacts').set(rig.auth).set('content-type', 'application/json').send('{"firstName": "Jo');
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'body', message: 'is not valid JSON' }]);
  });

  it('an empty body declared as JSON', async () => {
    const res = await api().post('/v1/contacts').set(rig.auth).set('content-type', 'application/json').send('');
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'body', message: 'is empty but content-type is application/json' }]);
  });

  it('valid JSON with a "__proto__" key (or constructor.prototype) is refused as that, not as bad JSON', async () => {
    const forbidden = [
      '{"firstName": "Jo", "__proto__": {"admin": true}}',
      // The key spelled with escapes is the same key once parsed.
      '{"firstName": "Jo", "\\u005f_proto__": {"admin": true}}',
      '{"firstName": "Jo", "customFields": [{"constructor": {"prototype": {"admin": true}}}]}',
    ];
    for (const body of forbidden) {
      const res = await api().post('/v1/contacts').set(rig.auth).set('content-type', 'application/json').send(body);
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([
        {
          field: 'body',
          message:
            'has the key "__proto__" (or "constructor" holding "prototype"), which Ponte refuses: it could alter objects on the server',
        },
      ]);
    }
    // A key named "constructor" alone is an ordinary (here unknown) field.
    const plain = await api().post('/v1/contacts').set(rig.auth).set('content-type', 'application/json').send('{"constructor": "x"}');
    expectProblem(plain, 400, 'validation_failed');
    expect(plain.body.errors).toContainEqual({ field: 'constructor', message: 'is not a known field' });
    // A leading byte-order mark is dropped, as Fastify's parser does: the body is read, not refused.
    const bom = await api().post('/v1/contacts').set(rig.auth).set('content-type', 'application/json').send('\ufeff{"unknownField": 1}');
    expect(bom.body.errors).toEqual([{ field: 'unknownField', message: 'is not a known field' }]);
  });

  it('a method the path does not take → 405 with Allow; an unknown path stays 404', async () => {
    const put = await api().put('/v1/contacts').set(rig.auth).send({});
    expectProblem(put, 405, 'method_not_allowed');
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    expect(put.body.detail).toBe('PUT is not allowed here; this path takes GET, HEAD, POST');
    const byId = await api().post('/v1/contacts/123/').set(rig.auth).send({});
    expectProblem(byId, 405, 'method_not_allowed');
    expect(byId.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
    const custom = await api().get('/v1/contacts:batchDelete').set(rig.auth);
    expect(custom.headers.allow).toBe('POST');
    expectProblem(await api().get('/v1/nothing-here').set(rig.auth), 404, 'not_found');
    expectProblem(await api().put('/v1/nothing-here').set(rig.auth), 404, 'not_found');
  });

  it('a custom method with its colon percent-encoded (as some clients send it) is the same route', async () => {
    const res = await api()
      .post('/v1/contacts%3AbatchDelete')
      .set(rig.auth)
      .send({ ids: ['1', '123456789012345678'] });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'ids[1]', message: 'is too large for a Maxbot id' }]);
  });

  it('a JSON body that is not an object', async () => {
    const res = await api()
      .post('/v1/contacts')
      .set(rig.auth)
      .send([{ firstName: 'x' }]);
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    // JSON null too (it was taken as {} and then refused for lacking a contact channel).
    for (const text of ['null', '"text"', '42']) {
      const other = await api().post('/v1/contacts').set(rig.auth).set('content-type', 'application/json').send(text);
      expectProblem(other, 400, 'validation_failed');
      expect(other.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    }
  });

  it('unknown fields', async () => {
    const res = await api().post('/v1/contacts').set(rig.auth).send({ whatsapp: '+5531999990000', nome: 'Jose' });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'nome', message: 'is not a known field' }]);
  });

  it('wrong types', async () => {
    const res = await api()
      .post('/v1/contacts')
      .set(rig.auth)
      .send({ whatsapp: '+5531999990000', firstName: 42, isClient: 'yes', tags: 'VIP' });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'firstName', message: 'must be a string' },
        { field: 'isClient', message: 'must be true or false' },
        { field: 'tags', message: 'must be a list' },
      ]),
    );
  });

  it('invalid phone, CPF, CNPJ, e-mail, date and enum', async () => {
    const res = await api().post('/v1/contacts').set(rig.auth).send({
      whatsapp: '+55 31 1234',
      cpf: '111.222.333-44',
      cnpj: '11.222.333/0001-00',
      email: 'not-an-email',
      birthDate: '1990-02-30',
      gender: 'X',
    });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'whatsapp', message: 'must be a valid phone number, e.g. +55 31 91111-2222' },
        { field: 'cpf', message: 'must be a valid CPF (11 digits with matching check digits)' },
        { field: 'cnpj', message: 'must be a valid CNPJ (14 characters with matching check digits)' },
        { field: 'email', message: 'must be a valid e-mail address' },
        { field: 'birthDate', message: 'must be a calendar date in the form YYYY-MM-DD' },
        { field: 'gender', message: 'must be one of MALE, FEMALE' },
      ]),
    );
  });

  it('a new contact with no way to reach it', async () => {
    const res = await api().post('/v1/contacts').set(rig.auth).send({ firstName: 'Nobody' });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors[0].field).toBe('whatsapp');
  });

  it('keys that would reach a prototype are refused, in queries and bodies', async () => {
    const query = await api().get('/v1/contacts?__proto__[x]=1').set(rig.auth);
    expectProblem(query, 400, 'validation_failed');
    expect(query.body.errors[0].field).toMatch(/^__proto__/);
    const body = await api()
      .post('/v1/contacts')
      .set(rig.auth)
      .set('content-type', 'application/json')
      .send('{"whatsapp":"+5531999990000","constructor":{"prototype":{"x":1}}}');
    expectProblem(body, 400, 'validation_failed');
  });

  it('a small body nested thousands of levels deep is a 400 naming where, not a stack overflow (500)', async () => {
    // 4 KB of nested arrays, far under the 1 MiB limit, overflowed the recursive walks over inputs.
    const deep = `{"type":"text","to":{"whatsapp":"+5531911112222"},"text":"x","media":${'['.repeat(2000)}${']'.repeat(2000)}}`;
    const res = await api().post('/v1/messages').set(rig.auth).set('content-type', 'application/json').send(deep);
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: `media${'[0]'.repeat(31)}`, message: 'is nested too deeply (at most 32 levels)' }]);
    const objects = await api()
      .post('/v1/contacts')
      .set(rig.auth)
      .set('content-type', 'application/json')
      .send(`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`);
    expectProblem(objects, 400, 'validation_failed');
    // A multipart field name nested as deep: the parser's message is clipped, not echoed whole.
    const multipart = await api()
      .post('/v1/messages')
      .set(rig.auth)
      .field('type', 'text')
      .field(`to${'[a]'.repeat(3000)}`, '1');
    expectProblem(multipart, 400, 'validation_failed');
    expect(multipart.body.detail.length).toBeLessThan(300);
  });

  it('bad query parameters', async () => {
    const limit = await api().get('/v1/contacts?limit=0').set(rig.auth);
    expectProblem(limit, 400, 'validation_failed');
    expect(limit.body.errors).toEqual([{ field: 'limit', message: 'must be at least 1' }]);
    const flagValue = await api().get('/v1/contacts?whatsappSession=maybe').set(rig.auth);
    expect(flagValue.body.errors).toEqual([{ field: 'whatsappSession', message: 'must be true or false' }]);
    const unknown = await api().get('/v1/contacts?telefone=1').set(rig.auth);
    expect(unknown.body.errors).toEqual([{ field: 'telefone', message: 'is not a known field' }]);
    const date = await api().get('/v1/contacts?createdFrom=yesterday').set(rig.auth);
    expect(date.body.errors[0].field).toBe('createdFrom');
    for (const query of ['limit=1&limit=2', 'email=a%40x.com&email=b%40x.com']) {
      const twice = await api().get(`/v1/contacts?${query}`).set(rig.auth);
      expectProblem(twice, 400, 'validation_failed');
      expect(twice.body.errors).toEqual([{ field: query.split('=')[0], message: 'is given more than once' }]);
    }
    const unknownTwice = await api().get('/v1/contacts?telefone=1&telefone=2').set(rig.auth);
    expect(unknownTwice.body.errors).toEqual([{ field: 'telefone', message: 'is not a known field' }]);
  });

  it('oversized body → 413', async () => {
    const res = await api()
      .post('/v1/contacts')
      .set(rig.auth)
      .send({ whatsapp: '+5531999990000', notes: 'x'.repeat(1_100_000) });
    expectProblem(res, 413, 'payload_too_large');
    // On /graphql the same refusal comes as GraphQL clients read errors.
    const gqlRes = await api()
      .post('/graphql')
      .set(rig.auth)
      .send({ query: `{ contacts(limit: 1) { data { id } } } # ${'x'.repeat(1_100_000)}` });
    expect(gqlRes.status).toBe(413);
    expect(gqlRes.body.errors[0].extensions).toMatchObject({ code: 'payload_too_large', status: 413 });
  });

  it('a chunked body (no Content-Length) is cut off at the route limit as it arrives, on routes without a key too', async () => {
    // It was read whole, up to 22 MB (the largest route's limit), before the route's 1 MiB applied.
    const CHUNK = 'x'.repeat(64 * 1024);
    const chunked = (path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; body: string; sentKiB: number }>((resolve, reject) => {
        let sent = 0;
        let answered = false;
        const req = http.request(`${rig.ponte.url}${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        });
        req.on('response', (res) => {
          answered = true;
          const sentKiB = sent * 64;
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body, sentKiB }));
        });
        // The gateway answers 413 and closes while the body is still coming: the client may see the
        // reset before the answer. Either way, how much was sent by then is the measure.
        req.on('error', (err: NodeJS.ErrnoException) => {
          if (answered) return;
          if (err.code === 'ECONNRESET' || err.code === 'EPIPE') resolve({ status: 0, body: '', sentKiB: sent * 64 });
          else reject(err);
        });
        req.write('{"notes":"');
        // Up to 32 MiB, one 64 KiB chunk per turn of the event loop, stopping once answered.
        const more = () => {
          if (answered || req.destroyed) return;
          if (sent === 512) return void req.end('"}');
          sent++;
          req.write(CHUNK, () => setImmediate(more));
        };
        more();
      });
    for (const [path, headers] of [
      ['/v1/contacts', rig.auth],
      ['/v1/webhooks/maxbot', {}],
    ] as const) {
      const res = await chunked(path, headers);
      if (res.status !== 0) {
        expect(res.status).toBe(413);
        expect(JSON.parse(res.body)).toMatchObject({ code: 'payload_too_large' });
      }
      // Answered while the body was still coming: not after 22 MB (the old limit) or the whole 32 MiB.
      expect(res.sentKiB).toBeLessThan(16 * 1024);
    }
  });

  it('unsupported content type → 415', async () => {
    const res = await api().post('/v1/contacts').set(rig.auth).set('content-type', 'text/csv').send('a,b');
    expectProblem(res, 415, 'unsupported_media_type');
    // Types a parser is registered for (text, forms) are refused too: they were read as a string (400) or as fields.
    const text = await api().post('/v1/contacts').set(rig.auth).set('content-type', 'text/plain').send('{"firstName":"Ana"}');
    expectProblem(text, 415, 'unsupported_media_type');
    const form = await api().post('/v1/contacts').set(rig.auth).type('form').send({ firstName: 'Ana', whatsapp: '+5531988887777' });
    expectProblem(form, 415, 'unsupported_media_type');
    expect(form.body.detail).toBe('Content type not accepted here: application/x-www-form-urlencoded; send application/json');
  });

  it('a multipart body on a route without uploads → 415 (it was read as an empty JSON body: "needs whatsapp" with whatsapp sent)', async () => {
    const res = await api().post('/v1/contacts').set(rig.auth).field('firstName', 'Ana').field('whatsapp', '+5531988887777');
    expectProblem(res, 415, 'unsupported_media_type');
    expect(res.body.detail).toContain('multipart/form-data is taken only by the upload routes');
    const template = await api().post('/v1/messages/template').set(rig.auth).field('templateId', '3');
    expectProblem(template, 415, 'unsupported_media_type');
  });

  it('a malformed URL is a 400 problem that does not echo the query; a path out of /docs is a 404', async () => {
    const bad = await api().get('/v1/contacts/%?secret=do-not-echo').set(rig.auth);
    expectProblem(bad, 400, 'validation_failed');
    expect(bad.text).not.toContain('do-not-echo');
    // A static-file 403 was answered as a 500.
    const out = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get(`${rig.ponte.url}/docs/../package.json`, { headers: rig.auth }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        })
        .on('error', reject);
    });
    expect(out.status).toBe(404);
    expect(JSON.parse(out.body)).toMatchObject({ code: 'not_found' });
  });

  it('unknown route → 404 problem', async () => {
    const res = await api().get('/v1/nothing-here').set(rig.auth);
    expectProblem(res, 404, 'not_found');
  });

  it('unknown connection → 400 naming it', async () => {
    const res = await api().get('/v1/contacts').set(rig.auth).set('X-Connection', 'nope');
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors[0]).toMatchObject({
      field: 'connection',
      message: expect.stringContaining('"nope" is not a configured connection'),
    });
  });
});

describe('platform failures → the right problem, no crash', () => {
  it('Maxbot status 0 → 422 provider_rejected with its msg', async () => {
    rig.sim.inject({ kind: 'status', status: 200, body: JSON.stringify({ status: 0, msg: 'Limite de contatos atingido' }) });
    const res = await api().post('/v1/contacts').set(rig.auth).send({ whatsapp: '+5531999990001' });
    expectProblem(res, 422, 'provider_rejected');
    expect(res.body).toMatchObject({ provider: 'maxbot', connection: 'maxbot', providerMessage: 'Limite de contatos atingido' });
  });

  it.each([
    ['POST', '/v1/contacts', { whatsapp: '+5531999990002' }, 'put_contact'],
    ['POST', '/v1/segmentations', { title: 'Sem id' }, 'add_segmentation'],
    ['POST', '/v1/protocols/2345/annotations', { text: 'Sem id' }, 'put_protocol_annotation'],
    ['POST', '/v1/protocols', { contactId: '3', templateId: '2', serviceSectorId: '1', channelToken: 'T' }, 'open_followup'],
  ])('a create answered "status": 1 without the new id (%s %s) → 502, not a 201 with id "undefined"', async (_m, path, body, cmd) => {
    rig.sim.inject({ kind: 'status', status: 200, body: JSON.stringify({ status: 1, msg: 'ok' }) });
    const res = await api().post(path).set(rig.auth).send(body);
    expectProblem(res, 502, 'provider_unavailable');
    expect(res.body.detail).toContain(`Maxbot answered ${cmd} without`);
  });

  it.each([
    ['GET', '/v1/channels', 'a number', 5],
    ['GET', '/v1/charges?createdFrom=2022-01-01&createdTo=2022-12-31', 'a null record', [null]],
    ['GET', '/v1/channels/facebook-pages', 'a string', 'nada'],
    ['GET', '/v1/protocols?concludedFrom=2020-08-31', 'a protocol whose notes are not a list', [{ prot_id: '1', notes: 'x' }]],
  ])('a list Maxbot answers as %s %s (%s) → 502, not a 500', async (_m, path, _what, data) => {
    rig.sim.inject({ kind: 'status', status: 200, body: JSON.stringify({ status: 1, data }) });
    const res = await api().get(path).set(rig.auth);
    expectProblem(res, 502, 'provider_unavailable');
    expect(res.body.detail).toContain('with a list that is not a list of records');
  });

  it("a list Maxbot writes as an object of records (PHP's json_encode of an array with gaps) is read as its values", async () => {
    const channel = { token: 'T1', title: 'Vendas' };
    rig.sim.inject({
      kind: 'status',
      status: 200,
      body: JSON.stringify({ status: 1, data: { 0: channel, 2: { ...channel, token: 'T2' } } }),
    });
    const res = await api().get('/v1/channels').set(rig.auth).expect(200);
    expect(res.body.data.map((c: { token: string }) => c.token)).toEqual(['T1', 'T2']);
    rig.sim.inject({ kind: 'status', status: 200, body: JSON.stringify({ status: 1, data: {} }) });
    expect((await api().get('/v1/channels').set(rig.auth).expect(200)).body.data).toEqual([]);
  });

  it('HTTP 5xx → 502 provider_unavailable', async () => {
    rig.sim.inject({ kind: 'status', status: 503 });
    const res = await api().get('/v1/contacts').set(rig.auth);
    expectProblem(res, 502, 'provider_unavailable');
    expect(res.body.detail).toContain('HTTP 503');
  });

  it('non-JSON reply → 502 provider_unavailable', async () => {
    rig.sim.inject({ kind: 'garbage' });
    const res = await api().get('/v1/segmentations').set(rig.auth);
    expectProblem(res, 502, 'provider_unavailable');
  });

  it('no answer within the connection timeout → 504 provider_timeout', async () => {
    rig.sim.inject({ kind: 'hang' });
    const started = Date.now();
    const res = await api().get('/v1/contacts').set(rig.auth);
    expectProblem(res, 504, 'provider_timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a read hitting a dropped connection is retried once and succeeds', async () => {
    rig.sim.inject({ kind: 'reset' });
    await api().get('/v1/segmentations').set(rig.auth).expect(200);
    expect(rig.sim.calls('get_segmentation')).toHaveLength(2);
  });

  it('a write whose reply is lost is never retried (it may have happened) → 502', async () => {
    rig.sim.inject({ kind: 'dropReply' });
    const res = await api().post('/v1/segmentations').set(rig.auth).send({ title: 'Once only' });
    expectProblem(res, 502, 'provider_unavailable');
    expect(rig.sim.calls('add_segmentation')).toHaveLength(1);
    expect(rig.sim.world.segmentations.filter((s) => s.title === 'Once only')).toHaveLength(1);
  });

  it('a client that hangs up before its answer still gets its access line: status 499, no duration', async () => {
    rig.sim.inject({ kind: 'hang' });
    const id = randomUUID();
    await new Promise<void>((resolve) => {
      const req = http.get(`${rig.ponte.url}/v1/contacts`, { headers: { ...rig.auth, 'x-request-id': id } });
      req.on('error', () => resolve());
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 150);
    });
    const output = await rig.ponte.waitForOutput(`"requestId":"${id}","method"`);
    const line = output.split('\n').find((l) => l.includes(`"requestId":"${id}","method"`))!;
    expect(JSON.parse(line)).toMatchObject({ msg: 'request', method: 'GET', route: '/v1/contacts', status: 499, ms: null });
  });

  it('the gateway keeps serving after all of that', async () => {
    await api().get('/v1/contacts').set(rig.auth).expect(200);
  });
});

describe('several connections: unreachable, unsupported, chosen by header', () => {
  let multi: MaxbotRig;
  beforeAll(async () => {
    multi = await startMaxbotRig({
      extraConnections: [
        // Port 9 (discard) on loopback: nothing listens, the connection is refused.
        { id: 'dead', provider: 'maxbot', baseUrl: 'http://127.0.0.1:9/api/v1.php', token: 'dead-token-123' },
        { id: 'clever', provider: 'cleverchat', baseUrl: 'http://127.0.0.1:9', token: 'clever-token-123' },
      ],
    });
  });
  afterAll(async () => {
    await multi?.stop();
  });
  const multiApi = () => request(multi.ponte.url);

  it('connection refused → 502 provider_unavailable naming the connection', async () => {
    const res = await multiApi().get('/v1/contacts').set(multi.auth).set('X-Connection', 'dead');
    expectProblem(res, 502, 'provider_unavailable');
    expect(res.body).toMatchObject({ connection: 'dead', provider: 'maxbot' });
    expect(res.headers['x-connection']).toBe('dead');
  });

  it('an operation the platform cannot do → 501 unsupported_operation listing who can', async () => {
    const res = await multiApi().get('/v1/contacts').set(multi.auth).set('X-Connection', 'clever');
    expectProblem(res, 501, 'unsupported_operation');
    expect(res.body).toMatchObject({ connection: 'clever', provider: 'cleverchat', connections: ['maxbot', 'dead'] });
  });

  it('without a header the default connection able to do it is used, and the answer names it', async () => {
    const res = await multiApi().get('/v1/contacts').set(multi.auth).expect(200);
    expect(multi.sim.calls('get_contact')).toHaveLength(1);
    expect(res.headers['x-connection']).toBe('maxbot');
    // Not on the gateway's own routes.
    const listed = await multiApi().get('/v1/connections?status=false').set(multi.auth).expect(200);
    expect(listed.headers['x-connection']).toBeUndefined();
  });

  it('a GraphQL answer names, in one X-Connection, every connection its fields used (failed ones too)', async () => {
    const query = '{ a: contacts(limit: 1) { data { id } } b: contacts(limit: 1, connection: "dead") { data { id } } }';
    // Twice: the first sighting of a query runs Apollo's pipeline, the second the compiled fast path.
    for (let i = 0; i < 2; i++) {
      const res = await multiApi().post('/graphql').set(multi.auth).send({ query }).expect(200);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: ['b'], extensions: expect.objectContaining({ code: 'provider_unavailable' }) }),
      ]);
      expect(res.headers['x-connection']).toBe('maxbot, dead');
    }
    const one = await multiApi().post('/graphql').set(multi.auth).send({ query: '{ contacts(limit: 1) { data { id } } }' }).expect(200);
    expect(one.headers['x-connection']).toBe('maxbot');
    // No field called a platform: no header.
    const none = await multiApi().post('/graphql').set(multi.auth).send({ query: '{ __typename }' }).expect(200);
    expect(none.headers['x-connection']).toBeUndefined();
  });

  it('GET /v1/connections shows each connection, its operations and live status', async () => {
    const res = await multiApi().get('/v1/connections').set(multi.auth).expect(200);
    const byId = Object.fromEntries(res.body.data.map((c: { id: string }) => [c.id, c]));
    expect(byId.maxbot).toMatchObject({
      platform: 'maxbot',
      isDefault: true,
      operations: expect.arrayContaining(['listContacts', 'createContact', 'getConnectionStatus']),
      status: {
        reachable: true,
        state: 'Active',
        activeSince: '2020-08-22',
        lastExecutionAt: '2020-08-29T21:21:32-03:00',
        lastOperation: 'Sound Shooting',
        // When the gateway asked, in the connection's offset like every other datetime.
        checkedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-03:00$/),
      },
    });
    expect(byId.dead.status).toMatchObject({ reachable: false, error: expect.stringContaining('provider_unavailable') });
    expect(byId.clever).toMatchObject({ platform: 'cleverchat', status: null });
    expectMaxbotCall(multi.sim, 'get_status', {});
    const quick = await multiApi().get('/v1/connections?status=false').set(multi.auth).expect(200);
    expect(quick.body.data.every((c: { status: unknown }) => c.status === null)).toBe(true);
  });

  it('GET /v1/connections pages like every list; a named connection lists that one, an unknown one is a 400', async () => {
    const all = (await multiApi().get('/v1/connections?status=false').set(multi.auth).expect(200)).body;
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, totalCount: all.data.length });
    const first = (await multiApi().get('/v1/connections?status=false&limit=1').set(multi.auth).expect(200)).body;
    expect(first.data.map((c: { id: string }) => c.id)).toEqual([all.data[0].id]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, totalCount: all.data.length });
    const second = await multiApi()
      .get('/v1/connections')
      .query({ status: false, limit: 1, cursor: first.pageInfo.nextCursor })
      .set(multi.auth)
      .expect(200);
    expect(second.body.data.map((c: { id: string }) => c.id)).toEqual([all.data[1].id]);
    // The same cursor with another filter is refused, as on every list.
    await multiApi().get('/v1/connections').query({ limit: 1, cursor: first.pageInfo.nextCursor }).set(multi.auth).expect(400);
    const named = await multiApi().get('/v1/connections?status=false').set(multi.auth).set('X-Connection', 'clever').expect(200);
    expect(named.body.data.map((c: { id: string }) => c.id)).toEqual(['clever']);
    const unknown = await multiApi().get('/v1/connections?connection=nope').set(multi.auth);
    expectProblem(unknown, 400, 'validation_failed');
    expect(unknown.body.errors[0]).toMatchObject({ field: 'connection' });
    // ?connection= and X-Connection are one choice spelled twice: they must agree.
    const clash = await multiApi().get('/v1/connections?status=false&connection=clever').set(multi.auth).set('X-Connection', 'maxbot');
    expectProblem(clash, 400, 'validation_failed');
    expect(clash.body.errors).toEqual([
      { field: 'connection', message: 'is "clever" but the X-Connection header says "maxbot": give one, or the same in both' },
    ]);
    const agreed = await multiApi()
      .get('/v1/connections?status=false&connection=clever')
      .set(multi.auth)
      .set('X-Connection', 'clever')
      .expect(200);
    expect(agreed.body.data.map((c: { id: string }) => c.id)).toEqual(['clever']);
  });
});

describe("GraphQL's CSRF check (Apollo's, with Content-Type parses remembered: mime-type-memo.ts)", () => {
  const query = JSON.stringify({ query: '{ __typename }' });
  const post = (contentType: string, extra: Record<string, string> = {}) =>
    api().post('/graphql').set(rig.auth).set(extra).set('content-type', contentType).send(query);
  const blocked = (res: request.Response) => res.status === 400 && res.text.includes('Cross-Site Request Forgery');

  it('blocks a simple (non-preflighted) content type every time, and lets JSON through every time', async () => {
    for (let i = 0; i < 3; i++) {
      expect(blocked(await post('text/plain'))).toBe(true);
      expect(blocked(await post('Text/Plain; charset=utf-8'))).toBe(true);
      expect(blocked(await post('application/x-www-form-urlencoded'))).toBe(true);
      const json = await post('application/json; charset=utf-8');
      expect(json.status).toBe(200);
      expect(json.body).toEqual({ data: { __typename: 'Query' } });
    }
  });

  it('lets a simple content type past the check when a preflight header is sent (then Apollo refuses the body)', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await post('text/plain', { 'apollo-require-preflight': 'true' });
      expect(blocked(res)).toBe(false);
      expect(res.status).toBe(400);
    }
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('reads GET operations (operation name, variables) from the query string, preflight header required', async () => {
    const get = (query: string) => api().get(`/graphql?${query}`).set(rig.auth).set('apollo-require-preflight', 'true');
    const q = encodeURIComponent('query P { p: __typename } query Q($b: Boolean!) { __typename @include(if: $b) }');
    const ok = await get(`query=${q}&operationName=Q&variables=${encodeURIComponent('{"b":true}')}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ data: { __typename: 'Query' } });
    expect((await get(`query=${q}&operationName=Q&variables=${encodeURIComponent('{"b":false}')}`)).body).toEqual({ data: {} });
    expect((await get(`query=${q}&operationName=P`)).body).toEqual({ data: { p: 'Query' } });
    expect((await get(`query=${encodeURIComponent('{ __typename }')}&x=a+b`)).body).toEqual({ data: { __typename: 'Query' } });
    expect((await get(`query=${q}&query=${q}`)).status).toBe(400); // Apollo: specified once
    const mutation = await get(`query=${encodeURIComponent('mutation { __typename }')}`);
    expect(mutation.status).toBe(405);
    expect(blocked(await api().get(`/graphql?query=${q}`).set(rig.auth))).toBe(true); // no preflight header
    expect(rig.sim.calls()).toHaveLength(0);
  });
});

describe('GraphQL operation limits (operation-limits.ts)', () => {
  const post = (query: string) => api().post('/graphql').set(rig.auth).send({ query });
  const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

  it('more than 20 root fields (each a platform call) is a 400 before anything runs; 20 is fine', async () => {
    rig.sim.clearRequests();
    const ok = await post(`{ ${aliases(20, 'segmentations(limit: 1) { data { id } }')} }`);
    expect(ok.status).toBe(200);
    expect(rig.sim.calls('get_segmentation')).toHaveLength(20);
    rig.sim.clearRequests();
    const tooMany = await post(`mutation Many { ${aliases(21, 'createSegmentation(input: { title: "x" }) { id }')} }`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({
      message: 'Operation "Many" has 21 root fields, more than 20; split it into several requests',
      extensions: { code: 'validation_failed' },
    });
    // Fragments at the root count too.
    const spread = await post(`{ ...F } fragment F on Query { ${aliases(21, 'connections(status: false) { data { id } }')} }`);
    expect(spread.status).toBe(400);
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('a document of more than 2,000 fields is a 400', async () => {
    const wide = `{ contacts(limit: 1) { data { ${aliases(2001, 'id')} } } }`;
    const res = await post(wide);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe('The document has more than 2000 fields; split it into several requests');
  });
});
