/**
 * Channels on Maxbot, end to end: real HTTP to the built gateway, which talks real HTTP to the
 * Maxbot simulator, seeded with the get_channel, get_account_instagram, get_page_facebook and
 * get_balance_gupshup examples of maxbot.txt.
 */
import request from 'supertest';
import { MaxbotSimulator } from '../../src/sandbox/maxbot/maxbot.simulator';
import { gql } from '../helpers/graphql';
import { expectMaxbotCall } from '../helpers/maxbot-coverage';
import type { MaxbotRig } from '../helpers/maxbot';
import { secret, startRig } from '../helpers/rig';

const WRONG_TOKEN = 'not-the-account-token-123';

/** One simulator, one gateway with two connections to it: the right account token, and a wrong one. */
let rig: MaxbotRig;

beforeAll(async () => {
  rig = await startRig(new MaxbotSimulator({ token: secret('mxb-secret-') }), (sim) => ({
    connections: [
      { id: 'maxbot', provider: 'maxbot', baseUrl: sim.endpoint, token: '${TEST_MAXBOT_TOKEN}', default: true },
      { id: 'wrong', provider: 'maxbot', baseUrl: sim.endpoint, token: WRONG_TOKEN },
    ],
    env: { TEST_MAXBOT_TOKEN: sim.token },
  }));
});
afterAll(() => rig?.stop());
beforeEach(() => rig.sim.clearRequests());

const api = () => request(rig.ponte.url);

/** The three channels of the get_channel example, typed by their info. */
const CHANNELS = [
  {
    // "token": "202304B53BF66DB8C0-364F9B-15CBAD", "title": "WhatsApp Web", "info": ["whatsapp": "553182096315"]
    token: '202304B53BF66DB8C0-364F9B-15CBAD',
    title: 'WhatsApp Web',
    kind: 'WHATSAPP',
    whatsappNumber: '+553182096315',
    telegramUser: null,
    facebookPages: [],
    otherInfo: [],
  },
  {
    // "info": ["user": "usuario01_maxbot"]
    token: '2023047C66A1138D57-D7096D-DC39B4',
    title: 'Telegram',
    kind: 'TELEGRAM',
    whatsappNumber: null,
    telegramUser: 'usuario01_maxbot',
    facebookPages: [],
    otherInfo: [],
  },
  {
    // "info": ["pages": "page1, page2, page3"]
    token: '202304FE471FF7A477-5FA8BA-E72F90',
    title: 'Facebook',
    kind: 'FACEBOOK',
    whatsappNumber: null,
    telegramUser: null,
    facebookPages: ['page1', 'page2', 'page3'],
    otherInfo: [],
  },
];

describe('GET /v1/channels (get_channel)', () => {
  it('lists the channels with their typed info', async () => {
    const res = await api().get('/v1/channels').set(rig.auth).expect(200);
    // maxbot.txt get_channel: "channel": "" (the JSON example; the PHP example's '1' is undocumented)
    expectMaxbotCall(rig.sim, 'get_channel', { channel: '' });
    expect(res.body).toEqual({ data: CHANNELS, pageInfo: { nextCursor: null, hasNextPage: false, totalCount: 3 } });
  });

  it('filters by kind and pages with limit and cursor', async () => {
    const telegram = await api().get('/v1/channels').query({ kind: 'TELEGRAM' }).set(rig.auth).expect(200);
    expect(telegram.body.data).toEqual([CHANNELS[1]]);
    expectMaxbotCall(rig.sim, 'get_channel', { channel: '' });
    const first = await api().get('/v1/channels').query({ limit: 2 }).set(rig.auth).expect(200);
    expect(first.body.data.map((c: { kind: string }) => c.kind)).toEqual(['WHATSAPP', 'TELEGRAM']);
    const second = await api().get('/v1/channels').query({ limit: 2, cursor: first.body.pageInfo.nextCursor }).set(rig.auth).expect(200);
    expect(second.body.data).toEqual([CHANNELS[2]]);
  });

  it.each([
    [{ kind: 'SMS' }, 'kind'],
    [{ limit: '0' }, 'limit'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
  ])('refuses %j (400 naming %s)', async (query, field) => {
    const res = await api().get('/v1/channels').query(query).set(rig.auth).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    if (field !== 'cursor') expect(rig.sim.calls()).toHaveLength(0);
  });

  it('status 0 from Maxbot (here: a token it does not accept) → 422 provider_rejected, token not echoed', async () => {
    const res = await api().get('/v1/channels').set(rig.auth).set('X-Connection', 'wrong').expect(422);
    expect(res.body).toMatchObject({ code: 'provider_rejected', connection: 'wrong', providerMessage: 'Token inválido' });
    expect(JSON.stringify(res.body)).not.toContain(WRONG_TOKEN);
    expect(rig.sim.lastCall('get_channel')!.body).toEqual({ token: WRONG_TOKEN, cmd: 'get_channel', channel: '' });
  });
});

describe('GET /v1/channels/instagram-accounts, /facebook-pages, /gupshup-balance', () => {
  it('instagram-accounts → get_account_instagram', async () => {
    const res = await api().get('/v1/channels/instagram-accounts').set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_account_instagram', {});
    // maxbot.txt: {"id": "12345678901234542", "title": "account_title_1"}, ...
    expect(res.body).toEqual({
      data: [
        { id: '12345678901234542', title: 'account_title_1' },
        { id: '09876543211234567', title: 'account_title_2' },
        { id: '45678901234567897', title: 'account_title_3' },
      ],
      pageInfo: { nextCursor: null, hasNextPage: false, totalCount: 3 },
    });
  });

  it('facebook-pages → get_page_facebook', async () => {
    const res = await api().get('/v1/channels/facebook-pages').query({ limit: 1 }).set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_page_facebook', {});
    // maxbot.txt: {"id": "283905712023100", "title": "page_title_1"}, ...
    expect(res.body.data).toEqual([{ id: '283905712023100', title: 'page_title_1' }]);
    expect(res.body.pageInfo).toMatchObject({ hasNextPage: true, totalCount: 3 });
  });

  it('gupshup-balance → get_balance_gupshup, balance as a decimal string', async () => {
    const res = await api().get('/v1/channels/gupshup-balance').set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_balance_gupshup', {});
    // maxbot.txt: "currency_balance": "99.00 USD", "balance": "99.00", "currency": "USD"
    expect(res.body).toEqual({ balance: '99.00', currency: 'USD' });
  });

  it('GET /v1/connections lists the messaging and channel operations of the Maxbot connection', async () => {
    const res = await api().get('/v1/connections').query({ status: false }).set(rig.auth).expect(200);
    const maxbot = res.body.data.find((c: { id: string }) => c.id === 'maxbot');
    expect(maxbot.operations).toEqual(
      expect.arrayContaining([
        'sendMessage',
        'sendTemplate',
        'sendSms',
        'sendEmail',
        'listTemplates',
        'listTemplateCategories',
        'listChannels',
        'listInstagramAccounts',
        'listFacebookPages',
        'getGupshupBalance',
      ]),
    );
    expect(maxbot.operations).not.toContain('getMessage');
    expect(maxbot.operations).not.toContain('executeDialog');
  });
});

describe('GraphQL', () => {
  it('channels, instagramAccounts, facebookPages and gupshupBalance', async () => {
    const { data, errors } = await gql(
      rig.ponte.url,
      `{
        channels(kind: WHATSAPP) { data { token title kind whatsappNumber telegramUser facebookPages otherInfo { name value } } pageInfo { totalCount } }
        instagramAccounts(limit: 2) { data { id title } pageInfo { hasNextPage } }
        facebookPages { data { id } }
        gupshupBalance { balance currency }
      }`,
      {},
      rig.auth,
    );
    expect(errors).toBeUndefined();
    expect(data!.channels).toEqual({ data: [CHANNELS[0]], pageInfo: { totalCount: 1 } });
    expect(data!.instagramAccounts).toEqual({
      data: [
        { id: '12345678901234542', title: 'account_title_1' },
        { id: '09876543211234567', title: 'account_title_2' },
      ],
      pageInfo: { hasNextPage: true },
    });
    expect(data!.facebookPages.data.map((p: { id: string }) => p.id)).toEqual(['283905712023100', '567829013457896', '874651089034901']);
    expect(data!.gupshupBalance).toEqual({ balance: '99.00', currency: 'USD' });
  });

  it('an unknown kind is a validation error, nothing sent', async () => {
    const res = await gql(rig.ponte.url, `{ channels(kind: SMS) { data { token } } }`, {}, rig.auth);
    expect(res.errors![0].extensions).toMatchObject({ code: 'validation_failed' });
    expect(rig.sim.calls()).toHaveLength(0);
  });
});
