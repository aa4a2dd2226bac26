/**
 * Startup: the connections file is validated with one readable line per problem (never a stack
 * trace), and with no file the gateway runs in sandbox mode against its embedded simulators.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { gql } from '../helpers/graphql';
import { ROOT, runPonteExpectingExit, startPonte, type PonteProcess } from '../helpers/ponte';
import type { JsonObject } from '../helpers/rig';

describe('a bad connections file stops the process with one clear line per problem', () => {
  it('lists every problem, names connection and field, and prints no stack trace', async () => {
    const { code, output } = await runPonteExpectingExit({
      rawConfig: [
        'connections:',
        '  - id: maxbot',
        '    provider: maxbot',
        '    baseUrl: not a url',
        '    token: ${PONTE_TEST_UNSET_VARIABLE}',
        '    timezone: Mars/Olympus',
        '  - id: clever',
        '    provider: clevrchat',
        '    baseUrl: https://api.cleverchat.com.br',
        '  - id: guru',
        '    provider: chatguru',
        '    baseUrl: https://app.zap.guru/api/v1',
        '    key: abc',
        '    accountID: x',
        'apiKeys:',
        '  - name: crm',
        '    key: short',
      ].join('\n'),
    });
    expect(code).toBe(1);
    expect(output).toContain('Ponte cannot start:');
    for (const line of [
      'connections[0] (maxbot).baseUrl: is not a valid URL (an absolute http:// or https:// URL)',
      'connections[0] (maxbot).token: environment variable PONTE_TEST_UNSET_VARIABLE is not set',
      'connections[0] (maxbot).timezone: "Mars/Olympus" is not an IANA timezone',
      'connections[1] (clever).provider: "clevrchat" is not one of maxbot, cleverchat, cloudchat, okeybot, chatguru',
      'connections[2] (guru).accountId: is required',
      'connections[2] (guru).phoneId: is required',
      'connections[2] (guru).accountID: unknown field for provider chatguru',
      'apiKeys[0] (crm).key: must be a string of at least 16 characters',
    ]) {
      expect(output).toContain(line);
    }
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('refuses to start with real connections and no API keys unless auth is disabled', async () => {
    const { code, output } = await runPonteExpectingExit({
      config: { connections: [{ id: 'maxbot', provider: 'maxbot', baseUrl: 'https://app.maxbot.com.br/api/v1.php', token: 'abcdef' }] },
    });
    expect(code).toBe(1);
    expect(output).toContain('apiKeys: no API keys configured; add apiKeys, or set "auth: { disabled: true }"');
  });

  it('says so when the file cannot be read or parsed', async () => {
    const missing = await runPonteExpectingExit({ env: { CONNECTIONS_FILE: '/nonexistent/ponte.yaml' } });
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('/nonexistent/ponte.yaml has 1 problem(s)');
    expect(missing.output).toContain('cannot read the file (ENOENT)');
    const broken = await runPonteExpectingExit({ rawConfig: 'connections: [ {id: x' });
    expect(broken.code).toBe(1);
    expect(broken.output).toContain('not valid YAML/JSON');
  });

  it('rejects an invalid PORT', async () => {
    const { code, output } = await runPonteExpectingExit({ env: { PORT: 'eighty' } });
    expect(code).toBe(1);
    expect(output).toContain('PORT="eighty" is not a port number');
  });

  it('rejects an unknown LOG_LEVEL naming the levels; an empty one is info', async () => {
    const { code, output } = await runPonteExpectingExit({ env: { LOG_LEVEL: 'verbose' } });
    expect(code).toBe(1);
    expect(output).toContain('Ponte cannot start: LOG_LEVEL="verbose" is not one of fatal, error, warn, info, debug, trace, silent');
    expect(output).not.toContain('    at ');
    const ponte = await startPonte({ env: { LOG_LEVEL: '' } });
    await ponte.stop();
  });

  it('rejects an invalid HEAP_GROWING_PERCENT', async () => {
    const { code, output } = await runPonteExpectingExit({ env: { HEAP_GROWING_PERCENT: '20%' } });
    expect(code).toBe(1);
    expect(output).toContain('Ponte cannot start: the environment has 1 problem(s):');
    expect(output).toContain('HEAP_GROWING_PERCENT: "20%" is not a whole number from 0');
    expect(output).not.toContain('    at ');
  });

  it('rejects a CORS_ORIGINS entry that is not an origin', async () => {
    const { code, output } = await runPonteExpectingExit({ env: { CORS_ORIGINS: 'https://crm.example.com/app' } });
    expect(code).toBe(1);
    expect(output).toContain(
      'CORS_ORIGINS: "https://crm.example.com/app" is not an origin: give only scheme, host and port (https://crm.example.com)',
    );
  });

  it('starts with auth explicitly disabled, and warns', async () => {
    const ponte = await startPonte({
      config: {
        connections: [{ id: 'maxbot', provider: 'maxbot', baseUrl: 'http://127.0.0.1:9/api/v1.php', token: 'abcdef' }],
        auth: { disabled: true },
      },
    });
    try {
      await ponte.waitForOutput('auth.disabled is set');
      await request(ponte.url).get('/v1/connections?status=false').expect(200);
    } finally {
      await ponte.stop();
    }
  });
});

describe('shutdown', () => {
  it('on SIGTERM closes the app and the simulators, logs it and exits 0', async () => {
    const ponte = await startPonte();
    await request(ponte.url).get('/health/live').expect(200);
    expect(await ponte.stop()).toBe(0);
    expect(ponte.output()).toContain('"msg":"shutting down"');
  });
});

describe('sandbox mode (no CONNECTIONS_FILE)', () => {
  let ponte: PonteProcess;
  beforeAll(async () => {
    ponte = await startPonte();
  });
  afterAll(async () => {
    await ponte?.stop();
  });

  it('logs that it runs in sandbox mode', async () => {
    await ponte.waitForOutput('Sandbox mode');
  });

  it('serves health, contacts over REST and GraphQL with no API key', async () => {
    await request(ponte.url).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(ponte.url).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', sandbox: true });
    const rest = await request(ponte.url).get('/v1/contacts').expect(200);
    expect(rest.body.data.length).toBeGreaterThanOrEqual(3);
    const { data, errors } = await gql(ponte.url, '{ contacts { data { id firstName } } }');
    expect(errors).toBeUndefined();
    expect(data!.contacts.data).toEqual(expect.arrayContaining([{ id: '1', firstName: 'Rodrigo' }]));
  });

  it('keeps state: a contact created over REST is read back over GraphQL', async () => {
    const created = await request(ponte.url)
      .post('/v1/contacts')
      .send({ firstName: 'Sandra', whatsapp: '+55 (48) 99876-5432', email: 'sandra@example.com' })
      .expect(201);
    const { data } = await gql(ponte.url, 'query($e: String) { contacts(email: $e) { data { id firstName whatsapp } } }', {
      e: 'sandra@example.com',
    });
    expect(data!.contacts.data).toEqual([{ id: created.body.id, firstName: 'Sandra', whatsapp: '+5548998765432' }]);
  });

  it("receives the simulated Maxbot's webhooks: contact and charge writes and a contact writing become events", async () => {
    const line = (await ponte.waitForOutput('Sandbox mode')).split('\n').find((l) => l.includes('Sandbox mode'))!;
    const maxbotUrl = (JSON.parse(line) as { simulators: Record<string, string> }).simulators.maxbot;
    const start = await request(ponte.url).get('/v1/events').query({ limit: 500 }).expect(200);
    const seen = start.body.data.length as number;
    const contact = await request(ponte.url).post('/v1/contacts').send({ firstName: 'Wanda', whatsapp: '+55 31 97777-1234' }).expect(201);
    await request(ponte.url).patch(`/v1/contacts/${contact.body.id}`).send({ city: 'Belo Horizonte' }).expect(200);
    const charge = await request(ponte.url)
      .post('/v1/charges')
      .send({ client: { fullName: 'Wanda Lima', whatsapp: '+55 31 97777-1234' }, dueDate: '2030-01-10', amount: '49.90' })
      .expect(201);
    // Sandbox control route of the simulator: the contact writes to the account.
    const wrote = await request(maxbotUrl)
      .post('/sandbox/inbound-message')
      .send({ whatsapp: '5531977771234', text: 'Oi, chegou?' })
      .expect(200);
    expect(wrote.body).toEqual({ status: 1, msg: 'Webhook enviado' });
    let events: JsonObject[] = [];
    for (let attempt = 0; attempt < 50 && events.length < 4; attempt++) {
      const res = await request(ponte.url).get('/v1/events').query({ limit: 500 }).expect(200);
      events = res.body.data.slice(seen);
      if (events.length < 4) await new Promise((r) => setTimeout(r, 100));
    }
    expect(events.map((e) => e.type)).toEqual(['contact.created', 'contact.updated', 'charge.updated', 'message.received']);
    expect(events[0].contact).toMatchObject({ id: contact.body.id, firstName: 'Wanda', whatsapp: '+5531977771234' });
    expect(events[1].contact).toMatchObject({ id: contact.body.id, city: 'Belo Horizonte' });
    expect(events[2].charge).toMatchObject({ id: charge.body.id, amount: '49.90', client: { fullName: 'Wanda Lima' } });
    expect(events[3].message).toMatchObject({
      text: 'Oi, chegou?',
      from: '+5531977771234',
      contactId: contact.body.id,
      inAttendance: false,
    });
  });

  it('serves Swagger UI and GraphiQL without any external URL', async () => {
    for (const path of ['/docs', '/graphiql']) {
      const page = await request(ponte.url).get(path).expect(200);
      const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        expect(ref).not.toMatch(/^(https?:)?\/\//);
        if (ref.startsWith('data:')) continue; // inline (GraphiQL's empty icon, so browsers ask for no /favicon.ico)
        await request(ponte.url)
          .get(new URL(ref, `${ponte.url}${path}`).pathname)
          .expect(200);
      }
    }
  });

  it('serves the committed OpenAPI document at /docs-json', async () => {
    const live = await request(ponte.url).get('/docs-json').expect(200);
    const committed = JSON.parse(readFileSync(join(ROOT, 'openapi/openapi.json'), 'utf8'));
    expect(live.body).toEqual(committed);
  });

  it("accepts every named request example of the OpenAPI document, sent as Swagger UI's Try it out sends it", async () => {
    const spec = (await request(ponte.url).get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content?: Record<string, { examples?: Record<string, { summary: string; value: object }> }> } }>
      >;
    };
    let sent = 0;
    // Routes with path parameters (the webhook route's examples need a connection and its secret) are left out.
    for (const [path, item] of Object.entries(spec.paths).filter(([p]) => !p.includes('{'))) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [name, example] of Object.entries(operation.requestBody?.content?.['application/json']?.examples ?? {})) {
          // The summary names the connection to pick when it is not the default one.
          const connection = /X-Connection: (\w+)/.exec(example.summary)?.[1];
          const call = request(ponte.url)[method as 'post'](path);
          const res = await call.set(connection ? { 'X-Connection': connection } : {}).send(example.value);
          expect({ path, name, status: res.status, body: res.status < 300 ? null : res.body }).toEqual({
            path,
            name,
            status: expect.any(Number),
            body: null,
          });
          sent++;
        }
      }
    }
    expect(sent).toBeGreaterThanOrEqual(6);
  });
});
