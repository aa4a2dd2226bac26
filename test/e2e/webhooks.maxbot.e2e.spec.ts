/**
 * Inbound webhooks and the event feed, end to end over real HTTP: the five Maxbot webhook payloads
 * of maxbot.txt (verbatim) posted to POST /v1/webhooks/{connectionId} as Maxbot would, then read
 * back through GET /v1/events and the `events` GraphQL query.
 */
import request from 'supertest';
import {
  CHARGE_STATUS,
  CONTACT_UPDATED,
  MESSAGE_RECEIVED,
  MESSAGE_RECEIVED_IN_ATTENDANCE,
  NEW_CONTACT,
} from '../../src/platforms/maxbot/webhooks.examples';
import { gql } from '../helpers/graphql';
import { startMaxbotRig, type MaxbotRig } from '../helpers/maxbot';
import { API_KEY, IDLE_CONNECTIONS, secret, type JsonObject } from '../helpers/rig';

const WEBHOOK_SECRET = secret('whsec-', '-0123456789');
const SECOND_SECRET = secret('whsec2-', '-0123456789');
const QUIET_KEY = 'quiet-key-0123456789abcdef';

let rig: MaxbotRig;

beforeAll(async () => {
  rig = await startMaxbotRig({
    connection: { webhookSecret: '${TEST_WEBHOOK_SECRET}' },
    extraConnections: [
      IDLE_CONNECTIONS.okeybot,
      // A Maxbot connection without a webhookSecret: it accepts no webhooks.
      { ...IDLE_CONNECTIONS.maxbot, id: 'quiet' },
      // A second Maxbot account taking webhooks: its ids (contacts, charges) overlap the first's.
      { ...IDLE_CONNECTIONS.maxbot, id: 'second', webhookSecret: '${TEST_SECOND_SECRET}' },
    ],
    apiKeys: [
      { name: 'tests', key: API_KEY },
      { name: 'quiet-only', key: QUIET_KEY, connections: ['quiet'] },
    ],
    env: { TEST_WEBHOOK_SECRET: WEBHOOK_SECRET, TEST_SECOND_SECRET: SECOND_SECRET },
  });
});
afterAll(() => rig?.stop());

const api = () => request(rig.ponte.url);
const hook = (payload: unknown, connection = 'maxbot', secretValue: string | null = WEBHOOK_SECRET) =>
  api()
    .post(`/v1/webhooks/${connection}`)
    .query(secretValue === null ? {} : { secret: secretValue })
    .send(payload as object);

async function allEvents(): Promise<JsonObject[]> {
  const res = await api().get('/v1/events').query({ limit: 500 }).set(rig.auth);
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('POST /v1/webhooks/{connectionId} (Maxbot)', () => {
  const ids: string[] = [];

  it('takes the five documented payloads, without an API key, and records one event each, in order', async () => {
    const payloads = [MESSAGE_RECEIVED, MESSAGE_RECEIVED_IN_ATTENDANCE, NEW_CONTACT, CONTACT_UPDATED, CHARGE_STATUS];
    const types = ['message.received', 'message.received', 'contact.created', 'contact.updated', 'charge.updated'];
    for (const [i, payload] of payloads.entries()) {
      const res = await hook(payload);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ received: true, eventId: expect.stringMatching(/^evt_[0-9a-f-]{36}$/), type: types[i], duplicate: false });
      ids.push(res.body.eventId);
    }
    const events = await allEvents();
    expect(events.map((e) => e.id)).toEqual(ids);
    expect(events.map((e) => e.type)).toEqual(types);
    expect(events[0]).toMatchObject({
      connectionId: 'maxbot',
      platform: 'maxbot',
      // The connection's offset (America/Sao_Paulo), as every datetime the API answers.
      receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-03:00$/),
      // "msg_timestamp": "1643129533"
      occurredAt: '2022-01-25T13:52:13-03:00',
      message: { messageId: '3EB04714F09C9DE532E2', text: 'Teste webhook 2', type: 'TEXT', from: '+5531911112222', inAttendance: false },
      contact: { id: '1', firstName: 'Fulano', lastName: 'Mariano' },
      charge: null,
    });
    // "prot_id": "2398", "chat_id": "19273", "contact_id": "845", "whatsapp": "553111112222"
    expect(events[1].message).toMatchObject({
      inAttendance: true,
      protocolId: '2398',
      chatId: '19273',
      contactId: '845',
      from: '+553111112222',
    });
    expect(events[2].contact).toMatchObject({ id: '1', segmentations: ['Equipe Maxbot'] });
    // "client_customer": "Carlos Lana", "charge_amount": "120.00"
    expect(events[4].charge).toMatchObject({ id: '2342', amount: '120.00', client: { fullName: 'Carlos Lana' } });
    expect(events[4].charge.timeline).toHaveLength(7);
    const one = await api().get(`/v1/events/${ids[2]}`).set(rig.auth);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(events[2]);
  });

  it('acknowledges a redelivered message with the first event instead of recording it twice', async () => {
    const before = (await allEvents()).length;
    const again = await hook(MESSAGE_RECEIVED);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ received: true, eventId: ids[0], type: 'message.received', duplicate: true });
    expect(await allEvents()).toHaveLength(before);
  });

  it('accepts the secret as the X-Webhook-Secret header too', async () => {
    const res = await api()
      .post('/v1/webhooks/maxbot')
      .set('X-Webhook-Secret', WEBHOOK_SECRET)
      .send({ ...MESSAGE_RECEIVED, msg_id: 'HEADER-SECRET-1', msg: 'via header' });
    expect(res.status).toBe(200);
    expect((await allEvents()).at(-1)).toMatchObject({ id: res.body.eventId, message: { text: 'via header' } });
  });

  it('refuses a missing or wrong secret with 401 webhook_unauthorized, records nothing and never echoes the secret', async () => {
    const before = (await allEvents()).length;
    const missing = await hook(MESSAGE_RECEIVED, 'maxbot', null);
    expect(missing.status).toBe(401);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body).toMatchObject({ code: 'webhook_unauthorized', status: 401 });
    expect(missing.body.detail).toMatch(/\?secret=/);
    const wrong = await hook(MESSAGE_RECEIVED, 'maxbot', `${WEBHOOK_SECRET}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'webhook_unauthorized', detail: 'The webhook secret is not valid' });
    // An API key is not a webhook secret.
    const withKey = await hook(MESSAGE_RECEIVED, 'maxbot', API_KEY);
    expect(withKey.status).toBe(401);
    // The webhook URL opened in a browser (GET): the route takes POST only (405, for any connection id, so
    // it tells nothing about which exist), and the secret is not echoed back.
    const browsed = await api().get('/v1/webhooks/maxbot').query({ secret: WEBHOOK_SECRET });
    expect(browsed.status).toBe(405);
    expect(browsed.headers.allow).toBe('POST');
    expect((await api().get('/v1/webhooks/no-such-connection')).status).toBe(405);
    expect(JSON.stringify([missing.body, wrong.body, withKey.body, browsed.body])).not.toContain(WEBHOOK_SECRET);
    expect(await allEvents()).toHaveLength(before);
    await rig.ponte.waitForOutput('"msg":"webhook received"');
    expect(rig.ponte.output()).not.toContain(WEBHOOK_SECRET);
  });

  it('GET /v1/connections tells which connections take webhooks, and where', async () => {
    const res = await api().get('/v1/connections').query({ status: false }).set(rig.auth).expect(200);
    const paths = Object.fromEntries(res.body.data.map((c: { id: string; webhookPath: string | null }) => [c.id, c.webhookPath]));
    expect(paths).toEqual({ maxbot: '/v1/webhooks/maxbot', okeybot: null, quiet: null, second: '/v1/webhooks/second' });
  });

  it('answers the same 404 for an unknown connection, one without webhookSecret and a platform without webhooks', async () => {
    // The route needs no key: it must not tell an outsider which connection ids exist or what they are.
    const answers = await Promise.all(['nope', 'quiet', 'okeybot'].map((id) => hook(MESSAGE_RECEIVED, id)));
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'not_found', detail: 'No webhook endpoint at this URL' });
      expect(res.body).not.toHaveProperty('connections');
      expect(res.body).not.toHaveProperty('provider');
    }
    // The operator learns why from the log.
    await rig.ponte.waitForOutput('"why":"the connection has no webhookSecret configured"');
    await rig.ponte.waitForOutput('"why":"OkeyBot documents no webhooks"');
  });

  it('refuses a payload that is none of the five with 400 naming the field, and records nothing', async () => {
    const before = (await allEvents()).length;
    const other = await hook({ hello: 'world' });
    expect(other.status).toBe(400);
    expect(other.body.code).toBe('validation_failed');
    expect(other.body.errors[0].field).toBe('body');
    const badKind = await hook({ ...NEW_CONTACT, type_event: 'merge' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.errors).toEqual([
      { field: 'type_event', message: '"merge" is not a contact event Maxbot documents (insert, update)' },
    ]);
    const notJson = await api()
      .post('/v1/webhooks/maxbot')
      .query({ secret: WEBHOOK_SECRET })
      .set('Content-Type', 'application/json')
      .send('{"msg_id": ');
    expect(notJson.status).toBe(400);
    // A form is not a Maxbot payload either: it was read as fields and recorded as a message.
    const form = await api().post('/v1/webhooks/maxbot').query({ secret: WEBHOOK_SECRET }).type('form').send({ msg: 'x', prot_id: '1' });
    expect(form.status).toBe(415);
    expect(form.body.code).toBe('unsupported_media_type');
    expect(await allEvents()).toHaveLength(before);
  });
});

describe('GET /v1/events and the events query', () => {
  it('needs an API key, and shows a restricted key only the events of its connections', async () => {
    expect((await api().get('/v1/events')).status).toBe(401);
    const quiet = await api().get('/v1/events').set('Authorization', `Bearer ${QUIET_KEY}`);
    expect(quiet.status).toBe(200);
    expect(quiet.body.data).toEqual([]);
    const first = (await allEvents())[0];
    const hidden = await api().get(`/v1/events/${first.id}`).set('Authorization', `Bearer ${QUIET_KEY}`);
    expect(hidden.status).toBe(404);
  });

  it('follows the feed with `after`, pages with limit + cursor and filters by type', async () => {
    const events = await allEvents();
    const after = await api().get('/v1/events').query({ after: events[1].id }).set(rig.auth);
    expect(after.body.data.map((e: { id: string }) => e.id)).toEqual(events.slice(2).map((e) => e.id));
    const page1 = await api().get('/v1/events').query({ limit: 2 }).set(rig.auth);
    expect(page1.body.data.map((e: { id: string }) => e.id)).toEqual(events.slice(0, 2).map((e) => e.id));
    expect(page1.body.pageInfo).toMatchObject({ hasNextPage: true, nextCursor: expect.any(String) });
    const page2 = await api().get('/v1/events').query({ limit: 2, cursor: page1.body.pageInfo.nextCursor }).set(rig.auth);
    expect(page2.body.data.map((e: { id: string }) => e.id)).toEqual(events.slice(2, 4).map((e) => e.id));
    const contacts = await api().get('/v1/events').query({ type: 'contact.created' }).set(rig.auth);
    expect(contacts.body.data.map((e: { type: string }) => e.type)).toEqual(['contact.created']);
    const caughtUp = await api()
      .get('/v1/events')
      .query({ after: events.at(-1)!.id })
      .set(rig.auth);
    expect(caughtUp.body).toEqual({ data: [], pageInfo: { nextCursor: null, hasNextPage: false, totalCount: null } });
  });

  it('refuses an `after` it does not hold, a bad type and an unknown event id, each with a clear 4xx', async () => {
    const gone = await api().get('/v1/events').query({ after: 'evt_00000000-0000-4000-8000-000000000000' }).set(rig.auth);
    expect(gone.status).toBe(400);
    expect(gone.body.errors[0]).toMatchObject({ field: 'after', message: expect.stringMatching(/not an event this gateway holds/) });
    const badType = await api().get('/v1/events').query({ type: 'message.sent' }).set(rig.auth);
    expect(badType.status).toBe(400);
    expect(badType.body.errors[0].field).toBe('type');
    const missing = await api().get('/v1/events/evt_nope').set(rig.auth);
    expect(missing.status).toBe(404);
    const okeybot = await api().get('/v1/events').set(rig.auth).set('X-Connection', 'okeybot');
    expect(okeybot.status).toBe(501);
  });

  it('GraphQL lists the same events with their typed parts', async () => {
    const rest = await allEvents();
    const { status, data, errors } = await gql(
      rig.ponte.url,
      `query($after: String) {
        events(type: MESSAGE_RECEIVED, after: $after, limit: 10) {
          data { id type connectionId occurredAt message { messageId text inAttendance protocolId from channel } contact { firstName } }
          pageInfo { hasNextPage }
        }
        charge: events(type: CHARGE_UPDATED) { data { charge { id amount timeline { track status date } } } }
      }`,
      {},
      rig.auth,
    );
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    const messages = rest.filter((e) => e.type === 'message.received');
    expect(data!.events.data.map((e: { id: string }) => e.id)).toEqual(messages.map((e) => e.id));
    expect(data!.events.data[0]).toEqual({
      id: messages[0].id,
      type: 'MESSAGE_RECEIVED',
      connectionId: 'maxbot',
      occurredAt: '2022-01-25T13:52:13-03:00',
      message: {
        messageId: '3EB04714F09C9DE532E2',
        text: 'Teste webhook 2',
        inAttendance: false,
        protocolId: null,
        from: '+5531911112222',
        channel: 'WHATSAPP',
      },
      contact: { firstName: 'Fulano' },
    });
    expect(data!.charge.data[0].charge.timeline[0]).toEqual({ track: 'FIRST_CHARGE', status: 'LATE', date: '2022-07-11' });
    const one = await gql(rig.ponte.url, `query($id: String!) { event(id: $id) { id type } }`, { id: rest[2].id }, rig.auth);
    expect(one.data).toEqual({ event: { id: rest[2].id, type: 'CONTACT_CREATED' } });
  });
});

describe('redeliveries', () => {
  const latestOf = async (type: string) => (await allEvents()).filter((e) => e.type === type).at(-1)!;

  it("dedupes a contact update without updated_at (maxbot.txt's own example) against the contact's latest update", async () => {
    // "type_event": "update", … "updated_at": "" — recorded by the first test above.
    const first = await latestOf('contact.updated');
    const count = (await allEvents()).length;
    const again = await hook(CONTACT_UPDATED);
    expect(again.body).toEqual({ received: true, eventId: first.id, type: 'contact.updated', duplicate: true });
    const tagged = { ...CONTACT_UPDATED, tag: 'VIP' };
    const changed = await hook(tagged);
    expect(changed.body).toMatchObject({ duplicate: false });
    expect(changed.body.eventId).not.toBe(first.id);
    expect((await hook(tagged)).body).toMatchObject({ eventId: changed.body.eventId, duplicate: true });
    // The tag removed again: back to the first record, which is a change, not a redelivery.
    const back = await hook(CONTACT_UPDATED);
    expect(back.body).toMatchObject({ duplicate: false });
    // An update Maxbot stamps with its time, then the same untimed record again: a change after the timed one.
    const timed = await hook({ ...tagged, updated_at: '2022-04-14 09:00:00' });
    expect(timed.body).toMatchObject({ duplicate: false });
    const afterTimed = await hook(CONTACT_UPDATED);
    expect(afterTimed.body).toMatchObject({ duplicate: false });
    expect((await hook({ ...tagged, updated_at: '2022-04-14 09:00:00' })).body).toMatchObject({
      eventId: timed.body.eventId,
      duplicate: true,
    });
    expect((await allEvents()).map((e) => e.id).slice(count)).toEqual([
      changed.body.eventId,
      back.body.eventId,
      timed.body.eventId,
      afterTimed.body.eventId,
    ]);
  });

  it('two changes stamped the same second are two updates; a charge edited without a new notification is a change', async () => {
    // updated_at has whole seconds ("2022-04-13 12:49:14"): only a resent record is a redelivery.
    const stamp = { ...CONTACT_UPDATED, id: '77', updated_at: '2022-04-15 10:00:00' };
    const a = await hook({ ...stamp, city: 'Cidade A' });
    const b = await hook({ ...stamp, city: 'Cidade B' });
    expect([a.body.duplicate, b.body.duplicate]).toEqual([false, false]);
    expect((await hook({ ...stamp, city: 'Cidade B' })).body).toMatchObject({ eventId: b.body.eventId, duplicate: true });
    expect((await latestOf('contact.updated')).contact).toMatchObject({ id: '77', city: 'Cidade B' });
    // The charge-status payload carries no time: its whole record tells a redelivery from a change.
    const charge = await hook({ ...CHARGE_STATUS, charge_id: '9001' });
    const edited = await hook({ ...CHARGE_STATUS, charge_id: '9001', charge_due_date: '2022-08-13' });
    expect([charge.body.duplicate, edited.body.duplicate]).toEqual([false, false]);
    expect((await latestOf('charge.updated')).charge).toMatchObject({ id: '9001', dueDate: '2022-08-13' });
    expect((await hook({ ...CHARGE_STATUS, charge_id: '9001', charge_due_date: '2022-08-13' })).body).toMatchObject({
      eventId: edited.body.eventId,
      duplicate: true,
    });
  });

  it("keeps each connection's redeliveries apart: the same ids on another account are new events", async () => {
    const maxbotContact = await latestOf('contact.created');
    // "type_event": "insert", "id": "1" — the first account's contact 1 is already recorded.
    const other = await hook(NEW_CONTACT, 'second', SECOND_SECRET);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ type: 'contact.created', duplicate: false });
    expect(other.body.eventId).not.toBe(maxbotContact.id);
    expect((await hook(NEW_CONTACT, 'second', SECOND_SECRET)).body).toMatchObject({ eventId: other.body.eventId, duplicate: true });
    expect((await hook(NEW_CONTACT)).body).toMatchObject({ eventId: maxbotContact.id, duplicate: true });
    const recorded = await api().get(`/v1/events/${other.body.eventId}`).set(rig.auth);
    expect(recorded.body).toMatchObject({ connectionId: 'second', contact: { id: '1' } });
    // One secret per connection.
    expect((await hook(NEW_CONTACT, 'second', WEBHOOK_SECRET)).status).toBe(401);
  });
});
