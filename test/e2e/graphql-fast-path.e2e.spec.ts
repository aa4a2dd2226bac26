import { join } from 'node:path';
import request from 'supertest';
import { startMaxbotRig, type MaxbotRig } from '../helpers/maxbot';

/*
 * src/common/graphql/graphql-fast-path.ts: once Apollo has accepted an operation, later requests
 * with the same query text and operation name are answered without Apollo's request pipeline.
 * Two gateways, each with its own simulator, get the same requests in the same order: one as
 * shipped, one with GRAPHQL_FAST_PATH=0 (Apollo answers everything). Every answer — status,
 * Content-Type, body byte for byte — must be the same; a probe in the first gateway counts which
 * path answered each request.
 */
const PROBE = join(__dirname, 'fixtures/graphql-fast-path-probe.cjs');

let fast: MaxbotRig;
let apollo: MaxbotRig;
beforeAll(async () => {
  [fast, apollo] = await Promise.all([
    startMaxbotRig({ env: { NODE_OPTIONS: `--require ${PROBE}` } }),
    startMaxbotRig({ env: { GRAPHQL_FAST_PATH: '0' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([fast?.stop(), apollo?.stop()]);
});

interface Answer {
  status: number;
  contentType: string | undefined;
  text: string;
}

interface Sent {
  body?: unknown;
  headers?: Record<string, string>;
  /** A GET with this query string instead of a POST. */
  get?: string;
}

async function send(rig: MaxbotRig, sent: Sent): Promise<Answer> {
  const headers = { ...rig.auth, ...sent.headers };
  const res =
    sent.get !== undefined
      ? await request(rig.ponte.url).get(`/graphql?${sent.get}`).set(headers).set('apollo-require-preflight', 'true')
      : await request(rig.ponte.url)
          .post('/graphql')
          .set(headers)
          .send(sent.body as object);
  return { status: res.status, contentType: res.headers['content-type'], text: res.text };
}

let reports = 0;
/** The probe's counts so far: operations Apollo ran, and requests the fast path answered. */
async function counts(): Promise<{ apollo: number; fast: number }> {
  reports++;
  fast.ponte.signal('SIGUSR2');
  const all = () => [...fast.ponte.output().matchAll(/--- graphql operations: apollo (\d+) fast (\d+) ---/g)];
  for (let i = 0; i < 250 && all().length < reports; i++) await new Promise((r) => setTimeout(r, 20));
  expect(all()).toHaveLength(reports);
  const [, a, f] = all()[reports - 1];
  return { apollo: Number(a), fast: Number(f) };
}

/** Sends each request to both gateways; returns the answers (all equal) and how the first gateway's were answered. */
async function both(requests: Sent[]): Promise<{ answers: Answer[]; byApollo: number; byFastPath: number }> {
  const before = await counts();
  const answers: Answer[] = [];
  for (const sent of requests) {
    const mine = await send(fast, sent);
    const theirs = await send(apollo, sent);
    // The two simulators listen on different ports (a dry run shows the URL it would call).
    expect({ ...mine, text: mine.text.replaceAll(fast.sim.endpoint, 'SIM') }).toEqual({
      ...theirs,
      text: theirs.text.replaceAll(apollo.sim.endpoint, 'SIM'),
    });
    answers.push(mine);
  }
  const after = await counts();
  return { answers, byApollo: after.apollo - before.apollo, byFastPath: after.fast - before.fast };
}

const CONTACTS =
  'query($w: String) { contacts(whatsapp: $w) { data { id firstName gender createdAt segmentations } pageInfo { totalCount } } }';
const body = (query: string, variables?: unknown, more: Record<string, unknown> = {}) => ({ query, variables, ...more });

describe('the GraphQL fast path answers as Apollo does', () => {
  it('a query: the first request through Apollo, the next ones (other variables) by the fast path', async () => {
    const { answers, byApollo, byFastPath } = await both([
      { body: body(CONTACTS, { w: '+5531911116666' }) },
      { body: body(CONTACTS, { w: '+5531911112222' }) },
      { body: body(CONTACTS, { w: '5531911116666' }) },
    ]);
    expect([byApollo, byFastPath]).toEqual([1, 2]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[0].contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answers[1].text).data.contacts.data).toMatchObject([
      { id: '1', firstName: 'Rodrigo', gender: 'MALE', createdAt: '2020-06-08T08:07:16-03:00' },
    ]);
    expect(answers[2].text).toBe(answers[0].text);
  });

  it('operation names pick the operation; null variables and operationName are accepted', async () => {
    const doc =
      'query One { contacts(limit: 1) { data { id } } } query Two($n: Int) { segmentations(type: CONTACT, limit: $n) { data { id } } }';
    const { answers, byApollo, byFastPath } = await both([
      { body: { query: doc, operationName: 'One' } },
      { body: { query: doc, operationName: 'Two', variables: { n: 2 } } },
      { body: { query: doc, operationName: 'One', variables: null } },
      { body: { query: doc, operationName: 'Two', variables: { n: 1 } } },
      { body: { query: '{ contacts(limit: 1) { data { id } } }', operationName: null, variables: null } },
      { body: { query: '{ contacts(limit: 1) { data { id } } }' } },
    ]);
    expect([byApollo, byFastPath]).toEqual([3, 3]);
    expect(JSON.parse(answers[1].text).data.segmentations.data).toHaveLength(2);
    expect(JSON.parse(answers[3].text).data.segmentations.data).toHaveLength(1);
    expect(JSON.parse(answers[2].text)).toEqual({ data: { contacts: { data: [{ id: expect.any(String) }] } } });
  });

  it('variables the schema refuses: 400 without data, from the fast path too', async () => {
    const query = 'query($l: Int) { contacts(limit: $l) { data { id } } }';
    const { answers, byApollo, byFastPath } = await both([
      { body: body(query, { l: 'many' }) },
      { body: body(query, { l: 'lots' }) },
      { body: body(query, {}) },
    ]);
    expect([byApollo, byFastPath]).toEqual([1, 2]);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 200]);
    expect(JSON.parse(answers[1].text)).toMatchObject({ errors: [{ extensions: { code: 'validation_failed' } }] });
    expect(JSON.parse(answers[1].text)).not.toHaveProperty('data');
  });

  it('a platform error: 200 with data null and the Ponte problem in extensions', async () => {
    const query = 'mutation($id: String!) { updateContact(id: $id, input: { city: "X" }) { id } }';
    const { answers, byApollo, byFastPath } = await both([
      { body: body(query, { id: '424242' }) },
      { body: body(query, { id: '434343' }) },
    ]);
    expect([byApollo, byFastPath]).toEqual([1, 1]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    // Apollo writes errors before data; so does the fast path.
    expect(answers[1].text).toMatch(
      /^\{"errors":\[\{"message":"Maxbot rejected set_contact: Contato não encontrado: 434343".*\],"data":null\}\n$/,
    );
    expect(JSON.parse(answers[1].text).errors[0].extensions).toMatchObject({ code: 'provider_rejected' });
  });

  it('mutations are sent once each, in order, with the same results', async () => {
    const query =
      'mutation($in: CreateContactInput!) { createContact(input: $in) { __typename ... on Contact { id firstName whatsapp } } }';
    const names = ['Ana', 'Bia', 'Cris'];
    const { answers, byApollo, byFastPath } = await both(
      names.map((firstName, i) => ({ body: body(query, { in: { firstName, whatsapp: `+55 21 98888-000${i}` } }) })),
    );
    expect([byApollo, byFastPath]).toEqual([1, 2]);
    expect(answers.map((a) => JSON.parse(a.text).data.createContact.firstName)).toEqual(names);
    expect(fast.sim.calls('put_contact').map((c) => c.body.name)).toEqual(names);
  });

  it('Accept: application/graphql-response+json is answered with that type', async () => {
    const { answers, byApollo, byFastPath } = await both([
      { body: body(CONTACTS, { w: '+5531911112222' }), headers: { accept: 'application/graphql-response+json' } },
      { body: body(CONTACTS, { w: '+5531911112222' }), headers: { accept: '*/*' } },
    ]);
    expect([byApollo, byFastPath]).toEqual([0, 2]);
    expect(answers.map((a) => a.contentType)).toEqual([
      'application/graphql-response+json; charset=utf-8',
      'application/json; charset=utf-8',
    ]);
  });

  it('everything else goes to Apollo every time: extensions, GET, other Accept values, invalid documents', async () => {
    const dryRun = 'mutation($id: String!) { updateContact(id: $id, input: { city: "Niterói" }) { id } }';
    const get = `query=${encodeURIComponent('{ contacts(limit: 2) { data { id } } }')}`;
    const { answers, byApollo, byFastPath } = await both([
      { body: body(dryRun, { id: '2' }, { extensions: { dryRun: true } }) },
      { body: body(dryRun, { id: '2' }, { extensions: { dryRun: true } }) },
      { get },
      { get },
      { body: body(CONTACTS, { w: '+5531911112222' }), headers: { accept: 'application/json, text/plain, */*' } },
      { body: body(CONTACTS, { w: '+5531911112222' }), headers: { accept: 'text/html' } },
      { body: body('{ contacts(nope: 1) { data { id } } }') },
      { body: body('{ contacts(nope: 1) { data { id } } }') },
      { body: body('{ contacts(limit: 1) { data { id } } }', ['not', 'an', 'object']) },
    ]);
    // Executed by Apollo: two dry runs, two GETs and both other Accept values (Apollo runs the
    // operation before it finds it cannot answer in a type the client accepts: the 406); refused
    // before execution: the invalid document and the variables array.
    expect([byApollo, byFastPath]).toEqual([6, 0]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 406, 400, 400, 400]);
    expect(JSON.parse(answers[1].text).errors[0].extensions).toMatchObject({ code: 'dry_run' });
  });
});

describe('where graphql-jit 0.8 and the GraphQL spec part ways, graphql-js answers (both gateways alike)', () => {
  const errorOf = (a: Answer) => JSON.parse(a.text).errors[0] as { message: string; path?: string[]; extensions: { code: string } };

  it('a mutation whose later root field refuses its arguments is answered (jit never settled it)', async () => {
    const query =
      'mutation($id: String = "2345") { a: createSegmentation(input: { title: "Antes" }) { id } b: addProtocolAnnotation(protocolId: $id, input: { text: "x" }) { id } }';
    const { answers } = await both([{ body: body(query, { id: null }) }, { body: body(query, { id: null }) }]);
    for (const answer of answers) {
      // An explicit null overrides the default; graphql-js's coercion error is the caller's (it was an internal_error).
      expect(errorOf(answer)).toMatchObject({
        message: 'Argument "protocolId" of non-null type "String!" must not be null.',
        path: ['b'],
        extensions: { code: 'validation_failed' },
      });
    }
  });

  it('a non-null variable with a default, left out, takes the default (jit refused it with a 400)', async () => {
    const query = 'query($l: Int! = 1) { contacts(limit: $l) { data { id } } }';
    const { answers } = await both([{ body: body(query) }, { body: body(query) }]);
    expect(answers.map((a) => JSON.parse(a.text))).toEqual([
      { data: { contacts: { data: [{ id: '1' }] } } },
      { data: { contacts: { data: [{ id: '1' }] } } },
    ]);
  });

  it('a bad value inside an input variable names the variable and the path (jit named "$whatsapp")', async () => {
    const query = 'mutation($in: SendMessageInput!) { sendMessage(input: $in) { status } }';
    const sent = { body: body(query, { in: { type: 'TEXT', to: { whatsapp: 5 }, text: 'x' } }) };
    const { answers } = await both([sent, sent]);
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(errorOf(answer).message).toBe(
        'Variable "$in" got invalid value 5 at "in.to.whatsapp"; String cannot represent a non string value: 5',
      );
    }
    expect(fast.sim.calls('send_text')).toHaveLength(0);
  });

  it('a subscription over HTTP is a 400 pointing to the WebSocket (it was an internal_error)', async () => {
    const { answers } = await both([{ body: body('subscription { eventReceived { id } }') }]);
    expect(answers[0].status).toBe(400);
    expect(errorOf(answers[0])).toMatchObject({
      message: 'Subscriptions run over the WebSocket at /graphql (protocol graphql-transport-ws), not over HTTP',
      extensions: { code: 'validation_failed' },
    });
  });
});
