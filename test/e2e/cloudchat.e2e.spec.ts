/**
 * Template messages on CloudChat (CloudHumans), end to end: real HTTP to the built gateway, which
 * talks real HTTP to the CloudChat simulator. Each test checks the normalized answer and the exact
 * request the simulator received (method, path, query string, content-type and api_access_token
 * headers, JSON body key by key) as cloudchat.txt's curl example sends it; then bad input (nothing
 * sent), fields CloudChat cannot carry, the operations it lacks, and every way the platform can fail.
 */
import request from 'supertest';
import { CloudchatSimulator } from '../../src/sandbox/cloudchat/cloudchat.simulator';
import { gql } from '../helpers/graphql';
import { expectCloudchatCall, PROACTIVE_PATH, startCloudchatRig, type CloudchatRig } from '../helpers/cloudchat';
import { startPonte, type PonteProcess } from '../helpers/ponte';

const PHONE = '+5531988887777';
const ATTACHMENT = 'https://www.meusite.com.br/boleto.pdf';

/**
 * cloudchat.txt "Exemplo de Requisição", as a Ponte request. The doc's placeholders become real
 * values where Ponte checks them (an E.164 phone, an https URL, an inbox of the account); its
 * e-mail shows as "[email protected]" on the page (its e-mail obfuscation), so any address does.
 */
const EXAMPLE = {
  to: { whatsapp: '+55 (31) 98888-7777' },
  templateName: 'test_template',
  headerAttachmentUrl: ATTACHMENT,
  buttonParams: ['BUTTON PARAMETER', 'ANOTHER BUTTON PARAMETER'],
  variables: [
    { name: 'name', value: 'John Doe' },
    { name: 'email', value: 'john.doe@example.com' },
    { name: 'custom_code', value: '12345' },
  ],
};

/** The body the doc's curl example sends, for EXAMPLE through inbox `inbox`. */
const exampleBody = (inbox: string) => ({
  inbox_id: inbox,
  phone_number: PHONE,
  template_name: 'test_template',
  header_attachment: ATTACHMENT,
  button_param_0: 'BUTTON PARAMETER',
  button_param_1: 'ANOTHER BUTTON PARAMETER',
  name: 'John Doe',
  email: 'john.doe@example.com',
  custom_code: '12345',
});

const RECEIPT = { status: 'ACCEPTED', scheduledAt: null, connection: 'cloudchat', platform: 'cloudchat' };

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `urn:ponte:problem:${code}`, status, code, detail: expect.any(String) });
}

const SEND_TEMPLATE = `mutation($in: SendTemplateInput!, $c: String) {
  sendTemplate(input: $in, connection: $c) { id status scheduledAt connection platform }
}`;

describe('CloudChat: POST /v1/messages/template → create_proactive_whatsapp_conversation', () => {
  let rig: CloudchatRig;
  const api = () => request(rig.ponte.url);
  const send = (body: unknown, connection?: string) => {
    const req = api().post('/v1/messages/template').set(rig.auth);
    return (connection ? req.set('X-Connection', connection) : req).send(body as object);
  };

  beforeAll(async () => {
    rig = await startCloudchatRig({
      extraConnections: [
        {
          id: 'no-inbox',
          provider: 'cloudchat',
          baseUrl: '${TEST_CLOUDCHAT_URL}',
          accountId: '42',
          apiAccessToken: '${TEST_CLOUDCHAT_TOKEN}',
        },
        {
          id: 'wrong-token',
          provider: 'cloudchat',
          baseUrl: '${TEST_CLOUDCHAT_URL}',
          accountId: '42',
          apiAccessToken: 'cch-not-the-access-token',
          inboxId: '7',
        },
        {
          id: 'wrong-account',
          provider: 'cloudchat',
          baseUrl: '${TEST_CLOUDCHAT_URL}',
          accountId: 'conta/43 b',
          apiAccessToken: '${TEST_CLOUDCHAT_TOKEN}',
          inboxId: '7',
        },
        {
          id: 'slow',
          provider: 'cloudchat',
          baseUrl: '${TEST_CLOUDCHAT_URL}',
          accountId: '42',
          apiAccessToken: '${TEST_CLOUDCHAT_TOKEN}',
          inboxId: '7',
          timeoutMs: 700,
        },
        {
          id: 'dead',
          provider: 'cloudchat',
          baseUrl: 'http://127.0.0.1:9',
          accountId: '42',
          apiAccessToken: 'cch-dead-token-1234',
          inboxId: '7',
        },
      ],
      // Every upstream call on the log: the tokens must still never appear in it.
      env: { LOG_LEVEL: 'debug' },
    });
  });
  afterAll(async () => {
    await rig?.stop();
  });
  beforeEach(() => {
    rig.sim.clearRequests();
    rig.sim.clearFaults();
    rig.sim.clearScripts();
  });

  describe('the request of cloudchat.txt', () => {
    it("REST: the doc's example, path, headers and body key by key, and the conversation as the receipt", async () => {
      const res = await send({ ...EXAMPLE, inboxId: '8' }).expect(202);
      const [call] = rig.sim.calls();
      // curl --location '.../api/v1/accounts/ACCOUNT_ID/conversations/create_proactive_whatsapp_conversation'
      //   --header 'content-type: application/json' --header 'api_access_token: ACCESS_TOKEN' --data '{...}'
      expectCloudchatCall(rig.sim, call, { body: exampleBody('8') });
      // In the doc's order: the documented keys, the buttons, then the variables "na raiz do JSON".
      expect(Object.keys(JSON.parse(call.body.toString('utf8')) as object)).toEqual([
        'inbox_id',
        'phone_number',
        'template_name',
        'header_attachment',
        'button_param_0',
        'button_param_1',
        'name',
        'email',
        'custom_code',
      ]);
      expect(rig.sim.calls()).toHaveLength(1);
      const conversation = rig.sim.conversations.at(-1)!;
      expect(res.body).toEqual({ id: String(conversation.id), ...RECEIPT });
      expect(conversation).toMatchObject({
        inboxId: '8',
        phoneNumber: PHONE,
        buttonParams: ['BUTTON PARAMETER', 'ANOTHER BUTTON PARAMETER'],
        content: 'Olá John Doe! Enviamos o documento para john.doe@example.com. Seu código: 12345.',
      });
    });

    it('GraphQL: sendTemplate sends the same request', async () => {
      const res = await gql(rig.ponte.url, SEND_TEMPLATE, { in: EXAMPLE, c: 'cloudchat' }, rig.auth);
      expect(res.errors).toBeUndefined();
      expect(res.data!.sendTemplate).toEqual({ id: String(rig.sim.conversations.at(-1)!.id), ...RECEIPT });
      expectCloudchatCall(rig.sim, rig.sim.calls()[0], { body: exampleBody('7') });
    });

    it("the request's inboxId wins over the connection's; without one the connection's is used", async () => {
      const only = { to: { whatsapp: '31 98888-7777' }, templateName: 'boas_vindas', variables: [{ name: 'nome', value: 'Ana' }] };
      await send(only).expect(202);
      await send({ ...only, inboxId: '8' }).expect(202);
      expectCloudchatCall(rig.sim, rig.sim.calls()[0], {
        body: { inbox_id: '7', phone_number: PHONE, template_name: 'boas_vindas', nome: 'Ana' },
      });
      expectCloudchatCall(rig.sim, rig.sim.calls()[1], {
        body: { inbox_id: '8', phone_number: PHONE, template_name: 'boas_vindas', nome: 'Ana' },
      });
      expect(rig.sim.conversations.slice(-2).map((c) => [c.inboxId, c.content])).toEqual([
        ['7', 'Olá Ana, boas-vindas à !'],
        ['8', 'Olá Ana, boas-vindas à !'],
      ]);
    });

    it('a connection without a default inbox: inboxId is required (400 naming it, nothing sent), and works when given', async () => {
      const res = await send({ ...EXAMPLE }, 'no-inbox');
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([
        { field: 'inboxId', message: expect.stringContaining('connection "no-inbox" has no default inboxId') },
      ]);
      expect(rig.sim.calls()).toHaveLength(0);
      const graphql = await gql(rig.ponte.url, SEND_TEMPLATE, { in: EXAMPLE, c: 'no-inbox' }, rig.auth);
      expect(graphql.errors![0].extensions).toMatchObject({ code: 'validation_failed', errors: [{ field: 'inboxId' }] });
      expect(rig.sim.calls()).toHaveLength(0);
      await send({ ...EXAMPLE, inboxId: '8' }, 'no-inbox').expect(202);
      expectCloudchatCall(rig.sim, rig.sim.calls()[0], { body: exampleBody('8') });
    });

    it('button parameters keep the order given: button_param_0..N', async () => {
      await send({ ...EXAMPLE, buttonParams: ['segundo', 'primeiro'] }).expect(202);
      const body = rig.sim.calls()[0].json as Record<string, string>;
      expect([body.button_param_0, body.button_param_1]).toEqual(['segundo', 'primeiro']);
      expect(rig.sim.conversations.at(-1)!.buttonParams).toEqual(['segundo', 'primeiro']);
    });
  });

  describe('refused before anything is sent', () => {
    it('variables named like a reserved field, or not as a plain name → 400 on each (REST and GraphQL)', async () => {
      const variables = [
        { name: 'name', value: 'John Doe' },
        { name: 'phone_number', value: '+5511999999999' },
        { name: 'button_param_0', value: 'x' },
        { name: 'INBOX_ID', value: '9' },
        { name: 'contact.name', value: 'x' },
      ];
      const res = await send({ ...EXAMPLE, variables });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([
        { field: 'variables[1].name', message: '"phone_number" is reserved by CloudChat\'s request (use to.whatsapp)' },
        { field: 'variables[2].name', message: '"button_param_0" is reserved by CloudChat for button parameters (use buttonParams)' },
        { field: 'variables[3].name', message: '"INBOX_ID" is reserved by CloudChat\'s request (use inboxId)' },
        { field: 'variables[4].name', message: expect.stringContaining('only letters, digits and _') },
      ]);
      const graphql = await gql(
        rig.ponte.url,
        SEND_TEMPLATE,
        { in: { ...EXAMPLE, variables: [{ name: 'template_name', value: 'other' }] } },
        rig.auth,
      );
      expect(graphql.errors![0].extensions).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: 'variables[0].name', message: expect.stringContaining('use templateName') }],
      });
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('fields CloudChat cannot carry → 422 unsupported_field naming them', async () => {
      const byId = await send({ to: EXAMPLE.to, templateId: '3' });
      expectProblem(byId, 422, 'unsupported_field');
      expect(byId.body).toMatchObject({
        provider: 'cloudchat',
        errors: [{ field: 'templateId', message: 'is not supported by CloudChat' }],
      });
      const others = await send({ ...EXAMPLE, channelToken: 'abc', scheduleAt: '2030-12-01T13:00:00-03:00', otpCode: '998877' });
      expectProblem(others, 422, 'unsupported_field');
      expect(others.body.errors.map((e: { field: string }) => e.field)).toEqual(['channelToken', 'scheduleAt', 'otpCode']);
      const graphql = await gql(rig.ponte.url, SEND_TEMPLATE, { in: { ...EXAMPLE, otpCode: '1' } }, rig.auth);
      expect(graphql.errors![0].extensions).toMatchObject({ code: 'unsupported_field', status: 422, errors: [{ field: 'otpCode' }] });
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('a recipient other than to.whatsapp, a bad phone, an http attachment, both template forms → 400', async () => {
      const contact = await send({ ...EXAMPLE, to: { contactId: '3' } });
      expectProblem(contact, 400, 'validation_failed');
      expect(contact.body.errors).toEqual([{ field: 'to.contactId', message: expect.stringContaining('reaches a recipient by whatsapp') }]);
      const two = await send({ ...EXAMPLE, to: { whatsapp: PHONE, phone: PHONE } });
      expectProblem(two, 400, 'validation_failed');
      expect(two.body.errors[0].field).toBe('to');
      const phone = await send({ ...EXAMPLE, to: { whatsapp: '123' } });
      expectProblem(phone, 400, 'validation_failed');
      expect(phone.body.errors[0].field).toBe('to.whatsapp');
      const http = await send({ ...EXAMPLE, headerAttachmentUrl: 'http://www.meusite.com.br/boleto.pdf' });
      expectProblem(http, 400, 'validation_failed');
      expect(http.body.errors).toEqual([{ field: 'headerAttachmentUrl', message: expect.stringContaining('https://') }]);
      const both = await send({ ...EXAMPLE, templateId: '3' });
      expectProblem(both, 400, 'validation_failed');
      const repeated = await send({ ...EXAMPLE, variables: [...EXAMPLE.variables, { name: 'name', value: 'again' }] });
      expectProblem(repeated, 400, 'validation_failed');
      expect(repeated.body.errors).toEqual([{ field: 'variables[3].name', message: 'repeats "name"' }]);
      // Blank or padded names and ids went upstream and came back as CloudChat's 422.
      const blank = await send({ ...EXAMPLE, templateName: '   ', inboxId: ' 7 ' });
      expectProblem(blank, 400, 'validation_failed');
      expect(blank.body.errors).toEqual([
        { field: 'templateName', message: 'must not be blank or start or end with spaces' },
        { field: 'inboxId', message: 'must be an id without spaces' },
      ]);
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('a variable named like an Object.prototype member is an ordinary variable; __proto__ is refused', async () => {
      // An object-literal lookup found Object.prototype.constructor and refused "constructor".
      const dry = await api()
        .post('/v1/messages/template')
        .set(rig.auth)
        .set('Prefer', 'dry-run')
        .send({ ...EXAMPLE, variables: [...EXAMPLE.variables, { name: 'constructor', value: 'x' }] });
      expect(dry.status).toBe(200);
      expect(dry.body.requests[0].body).toMatchObject({ constructor: 'x' });
      const proto = await send({ ...EXAMPLE, variables: [{ name: '__proto__', value: 'x' }] });
      expectProblem(proto, 400, 'validation_failed');
      expect(proto.body.errors).toEqual([{ field: 'variables[0].name', message: expect.stringContaining("object's prototype") }]);
      expect(rig.sim.calls()).toHaveLength(0);
    });
  });

  describe('dry run', () => {
    it('REST: the exact request, api_access_token redacted; nothing sent', async () => {
      const opened = rig.sim.conversations.length;
      const res = await api().post('/v1/messages/template').set(rig.auth).set('Prefer', 'dry-run').send(EXAMPLE).expect(200);
      expect(res.headers['preference-applied']).toBe('dry-run');
      expect(res.body).toEqual({
        dryRun: true,
        connection: 'cloudchat',
        provider: 'cloudchat',
        requests: [
          {
            method: 'POST',
            url: `${rig.sim.url}${PROACTIVE_PATH('42')}`,
            headers: { 'content-type': 'application/json', api_access_token: '[REDACTED]' },
            body: exampleBody('7'),
          },
        ],
      });
      expect(JSON.stringify(res.body)).not.toContain(rig.sim.token);
      expect(rig.sim.calls()).toHaveLength(0);
      expect(rig.sim.conversations).toHaveLength(opened);
    });

    it('GraphQL: the same, in the dry_run error; bad input is still a 400', async () => {
      const res = await gql(rig.ponte.url, SEND_TEMPLATE, { in: { ...EXAMPLE, inboxId: '8' } }, { ...rig.auth, Prefer: 'dry-run' });
      expect(res.errors![0].extensions).toMatchObject({
        code: 'dry_run',
        dryRun: true,
        connection: 'cloudchat',
        requests: [
          {
            method: 'POST',
            url: `${rig.sim.url}${PROACTIVE_PATH('42')}`,
            headers: { 'content-type': 'application/json', api_access_token: '[REDACTED]' },
            body: exampleBody('8'),
          },
        ],
      });
      expect(JSON.stringify(res)).not.toContain(rig.sim.token);
      const bad = await api()
        .post('/v1/messages/template')
        .set(rig.auth)
        .set('Prefer', 'dry-run')
        .send({ ...EXAMPLE, variables: [{ name: 'inbox_id', value: '9' }] });
      expectProblem(bad, 400, 'validation_failed');
      expect(rig.sim.calls()).toHaveLength(0);
    });
  });

  describe('what CloudChat itself refuses → 422 provider_rejected with its message (the request was sent)', () => {
    it.each([
      ['an unknown template', { ...EXAMPLE, templateName: 'nao_existe' }, 'Template nao_existe not found'],
      ['an unknown inbox', { ...EXAMPLE, inboxId: '99' }, 'Inbox 99 not found'],
      [
        'missing variables',
        { ...EXAMPLE, variables: [{ name: 'name', value: 'John Doe' }] },
        'Missing template parameters: email, custom_code',
      ],
      ['a missing button parameter', { ...EXAMPLE, buttonParams: ['only one'] }, 'Missing button parameters: button_param_1'],
      [
        'a variable the template does not have',
        { ...EXAMPLE, variables: [...EXAMPLE.variables, { name: 'extra', value: 'x' }] },
        'Unknown template parameters: extra',
      ],
      [
        'no attachment for a media header',
        { ...EXAMPLE, headerAttachmentUrl: undefined },
        'Template test_template needs header_attachment',
      ],
    ])('%s', async (_what, body, message) => {
      const res = await send(body);
      expectProblem(res, 422, 'provider_rejected');
      expect(res.body).toMatchObject({ provider: 'cloudchat', connection: 'cloudchat', providerStatus: 422, providerMessage: message });
      expect(rig.sim.calls()).toHaveLength(1);
    });

    it('over GraphQL too', async () => {
      const res = await gql(rig.ponte.url, SEND_TEMPLATE, { in: { ...EXAMPLE, templateName: 'nao_existe' } }, rig.auth);
      expect(res.errors![0].extensions).toMatchObject({
        code: 'provider_rejected',
        status: 422,
        providerMessage: 'Template nao_existe not found',
      });
    });

    it('a 400 with field errors, and a message echoing the token (scrubbed)', async () => {
      rig.sim.script(() => true, { status: 400, json: { errors: { phone_number: ['is invalid'] } } });
      const fields = await send(EXAMPLE);
      expectProblem(fields, 422, 'provider_rejected');
      expect(fields.body).toMatchObject({ providerStatus: 400, providerMessage: 'phone_number is invalid' });
      rig.sim.script(() => true, { status: 422, json: { error: `Token ${rig.sim.token} cannot use inbox 7` } });
      const echoed = await send(EXAMPLE);
      expectProblem(echoed, 422, 'provider_rejected');
      expect(echoed.body.providerMessage).toBe('Token [REDACTED] cannot use inbox 7');
      expect(JSON.stringify(echoed.body)).not.toContain(rig.sim.token);
    });
  });

  describe('platform failures → the right problem, no crash', () => {
    it("its 401 means the gateway's token is wrong: 502 provider_auth_failed, never 401; a 403 too", async () => {
      const res = await send(EXAMPLE, 'wrong-token');
      expectProblem(res, 502, 'provider_auth_failed');
      expect(res.body).toMatchObject({
        provider: 'cloudchat',
        connection: 'wrong-token',
        providerStatus: 401,
        providerMessage: 'Invalid Access Token',
      });
      expect(res.body.detail).toContain('fix apiAccessToken');
      expect(JSON.stringify(res.body)).not.toContain('cch-not-the-access-token');
      expect(rig.sim.calls()[0].headers.api_access_token).toBe('cch-not-the-access-token');

      rig.sim.script(() => true, { status: 403, json: { error: 'You are not authorized to access this account' } });
      const forbidden = await send(EXAMPLE);
      expectProblem(forbidden, 502, 'provider_auth_failed');
      expect(forbidden.body).toMatchObject({ providerStatus: 403, providerMessage: 'You are not authorized to access this account' });
    });

    it("404 (no such account) → 502 provider_unavailable naming the connection's accountId; the account id is path-encoded", async () => {
      const res = await send(EXAMPLE, 'wrong-account');
      expectProblem(res, 502, 'provider_unavailable');
      expect(res.body).toMatchObject({ connection: 'wrong-account', providerStatus: 404, providerMessage: 'Resource could not be found' });
      expect(res.body.detail).toContain('accountId (conta/43 b)');
      expectCloudchatCall(rig.sim, rig.sim.calls()[0], { accountId: 'conta%2F43%20b', body: exampleBody('7') });
    });

    it('429 → 429 rate_limited with its Retry-After', async () => {
      rig.sim.script(() => true, { status: 429, json: { error: 'Too many requests' }, headers: { 'retry-after': '12' } });
      const res = await send(EXAMPLE);
      expectProblem(res, 429, 'rate_limited');
      expect(res.headers['retry-after']).toBe('12');
      expect(res.body).toMatchObject({ retryAfter: 12, providerMessage: 'Too many requests' });
    });

    it('5xx → 502, not JSON → 502 (outcome unknown), no answer → 504, refused → 502; then all is well again', async () => {
      rig.sim.inject({ kind: 'status', status: 503 });
      const down = await send(EXAMPLE);
      expectProblem(down, 502, 'provider_unavailable');
      expect(down.body).toMatchObject({ providerStatus: 503 });
      rig.sim.inject({ kind: 'status', status: 500, body: '{"error": "Internal Server Error"}' });
      expectProblem(await send(EXAMPLE), 502, 'provider_unavailable');
      rig.sim.inject({ kind: 'garbage' });
      const garbage = await send(EXAMPLE);
      expectProblem(garbage, 502, 'provider_unavailable');
      expect(garbage.body.detail).toContain('whether the conversation was created is unknown');
      rig.sim.inject({ kind: 'status', status: 404 });
      const bare404 = await send(EXAMPLE);
      expectProblem(bare404, 502, 'provider_unavailable');
      expect(bare404.body.detail).toContain('check the accountId (42) and baseUrl');
      rig.sim.inject({ kind: 'hang' });
      expectProblem(await send(EXAMPLE, 'slow'), 504, 'provider_timeout');
      const refused = await send(EXAMPLE, 'dead');
      expectProblem(refused, 502, 'provider_unavailable');
      expect(refused.body).toMatchObject({ connection: 'dead', provider: 'cloudchat' });
      const graphql = await gql(rig.ponte.url, SEND_TEMPLATE, { in: EXAMPLE, c: 'dead' }, rig.auth);
      expect(graphql.errors![0].extensions).toMatchObject({ code: 'provider_unavailable', status: 502 });
      await send(EXAMPLE).expect(202);
    });

    it('a 2xx with no body, or JSON without an id, is accepted with id null', async () => {
      rig.sim.script(() => true, { status: 200, body: '' });
      expect((await send(EXAMPLE).expect(202)).body).toEqual({ id: null, ...RECEIPT });
      rig.sim.script(() => true, { status: 201, json: { status: 'queued' } });
      expect((await send(EXAMPLE).expect(202)).body).toEqual({ id: null, ...RECEIPT });
    });
  });

  describe('operations CloudChat does not have → 501 naming the connections that can', () => {
    it.each([
      ['POST', '/v1/messages', { type: 'text', to: { whatsapp: PHONE }, text: 'Olá' }, 'sendMessage', ['maxbot']],
      ['POST', '/v1/messages/sms', { to: { phone: PHONE }, text: 'Olá' }, 'sendSms', ['maxbot']],
      ['GET', '/v1/contacts', undefined, 'listContacts', ['maxbot']],
      ['GET', '/v1/templates', undefined, 'listTemplates', ['maxbot']],
      ['GET', '/v1/messages/abc', undefined, 'getMessage', []],
    ])('%s %s → 501', async (method, path, body, operation, connections) => {
      const req = api()[method.toLowerCase() as 'get' | 'post'](path).set(rig.auth).set('X-Connection', 'cloudchat');
      const res = await (body ? req.send(body) : req);
      expectProblem(res, 501, 'unsupported_operation');
      expect(res.body).toMatchObject({ connection: 'cloudchat', provider: 'cloudchat', operation, connections });
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('GraphQL too', async () => {
      const res = await gql(
        rig.ponte.url,
        `mutation { sendMessage(connection: "cloudchat", input: { type: TEXT, to: { whatsapp: "${PHONE}" }, text: "Olá" }) { status } }`,
        {},
        rig.auth,
      );
      expect(res.errors![0].extensions).toMatchObject({ code: 'unsupported_operation', status: 501, connections: ['maxbot'] });
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('GET /v1/connections lists what a CloudChat connection can do', async () => {
      const res = await api().get('/v1/connections?status=false').set(rig.auth).expect(200);
      expect(res.body.data.find((c: { id: string }) => c.id === 'cloudchat')).toMatchObject({
        platform: 'cloudchat',
        isDefault: true,
        operations: ['sendTemplate'],
      });
    });
  });

  it('no CloudChat token ever appears in the logs', () => {
    const log = rig.ponte.output();
    expect(log).toContain('"msg":"upstream call"');
    expect(log).toContain('"operation":"create_proactive_whatsapp_conversation"');
    for (const token of [rig.sim.token, 'cch-not-the-access-token', 'cch-dead-token-1234']) expect(log).not.toContain(token);
  });
});

describe('the simulator checks what the doc asks', () => {
  const sim = new CloudchatSimulator({ token: 'cch-direct-token-1234' });
  const path = PROACTIVE_PATH('42');
  beforeAll(async () => {
    await sim.start();
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('token, account, content type, required fields and E.164', async () => {
    const post = (p = path) => request(sim.url).post(p).set('api_access_token', 'cch-direct-token-1234');
    const noToken = await request(sim.url).post(path).send(exampleBody('7')).expect(401);
    expect(noToken.body).toEqual({ error: 'Invalid Access Token' });
    await post(PROACTIVE_PATH('41')).send(exampleBody('7')).expect(404);
    await request(sim.url).get(path).set('api_access_token', 'cch-direct-token-1234').expect(404);
    await post()
      .set('content-type', 'text/plain')
      .send(JSON.stringify(exampleBody('7')))
      .expect(415);
    const { phone_number: _omitted, ...noPhone } = exampleBody('7');
    expect((await post().send(noPhone).expect(422)).body).toEqual({ error: 'phone_number is required' });
    expect(
      (
        await post()
          .send({ ...exampleBody('7'), phone_number: '5531988887777' })
          .expect(422)
      ).body.error,
    ).toContain('E.164');
    expect(
      (
        await post()
          .send({ ...exampleBody('7'), custom_code: 12345 })
          .expect(422)
      ).body,
    ).toEqual({ error: 'custom_code must be strings' });
    const ok = await post().send(exampleBody('7')).expect(200);
    expect(ok.body).toMatchObject({ id: expect.any(Number), account_id: 42, inbox_id: 7, status: 'open' });
  });
});

describe('sandbox mode', () => {
  let ponte: PonteProcess;
  beforeAll(async () => {
    ponte = await startPonte();
  });
  afterAll(async () => {
    await ponte?.stop();
  });

  it('has a cloudchat connection (not the default) that sends the example through its simulator', async () => {
    const viaDefault = await request(ponte.url).get('/v1/connections?status=false').expect(200);
    expect(viaDefault.body.data.find((c: { id: string }) => c.id === 'cloudchat')).toMatchObject({
      isDefault: false,
      operations: ['sendTemplate'],
    });
    const res = await request(ponte.url).post('/v1/messages/template').set('X-Connection', 'cloudchat').send(EXAMPLE).expect(202);
    expect(res.body).toEqual({ id: expect.stringMatching(/^\d+$/), ...RECEIPT });
  });
});
