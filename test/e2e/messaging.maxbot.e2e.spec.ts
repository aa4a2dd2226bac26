/**
 * Messaging on Maxbot, end to end: real HTTP to the built gateway, which talks real HTTP to the
 * Maxbot simulator. Each test checks the normalized answer and the exact `{token, cmd, ...}` body
 * the simulator received, field names and value forms as maxbot.txt documents them.
 */
import request from 'supertest';
import { messagingState } from '../../src/sandbox/maxbot/messaging.sim';
import { gql } from '../helpers/graphql';
import { expectMaxbotCall } from '../helpers/maxbot-coverage';
import { startMaxbotRig, type MaxbotRig } from '../helpers/maxbot';

/** Channel tokens of the get_channel example in maxbot.txt. */
const WHATSAPP_CHANNEL = '202304B53BF66DB8C0-364F9B-15CBAD';
const FACEBOOK_CHANNEL = '202304FE471FF7A477-5FA8BA-E72F90';

/** The eight recipient keys every send_text/image/file/sound example carries, "" when unused. */
const NO_RECIPIENT = {
  ct_whatsapp: '',
  ct_telegram_id: '',
  ct_messenger: '',
  messenger_page_id: '',
  ct_instagram: '',
  instagram_account_id: '',
  ct_external_id: '',
  ct_br_cpf: '',
};

const RECEIPT = { id: null, status: 'ACCEPTED', scheduledAt: null, connection: 'maxbot', platform: 'maxbot' };

let rig: MaxbotRig;
/** A contact reachable by every kind of recipient, created through the API. */
let reachable: string;

beforeAll(async () => {
  rig = await startMaxbotRig();
  const res = await request(rig.ponte.url)
    .post('/v1/contacts')
    .set(rig.auth)
    .send({
      firstName: 'Canais',
      whatsapp: '+55 31 97777-1234',
      telegramId: 'tg-778899',
      messengerId: 'psid-4455',
      instagramId: 'igsid-6677',
      externalId: 'ext-42',
      cpf: '873.487.695-27',
    })
    .expect(201);
  reachable = res.body.id;
});
afterAll(async () => {
  await rig?.stop();
});
beforeEach(() => rig.sim.clearRequests());

const api = () => request(rig.ponte.url);
const sent = () => messagingState(rig.sim.world).sent;

describe('POST /v1/messages', () => {
  it('type text → send_text with the recipient in ct_whatsapp (digits) and the other keys ""', async () => {
    const res = await api()
      .post('/v1/messages')
      .set(rig.auth)
      .send({ type: 'text', to: { whatsapp: '+55 31 91111-2222' }, text: 'Olá', channelToken: WHATSAPP_CHANNEL })
      .expect(202);
    expect(res.body).toEqual(RECEIPT);
    // maxbot.txt send_text: "channel_token", "ct_whatsapp" : "554111113333", ..., "msg" : "Mensagem de Texto"
    expectMaxbotCall(rig.sim, 'send_text', { channel_token: WHATSAPP_CHANNEL, ...NO_RECIPIENT, ct_whatsapp: '5531911112222', msg: 'Olá' });
    expect(sent().at(-1)).toMatchObject({ cmd: 'send_text', contactId: '1', channelToken: WHATSAPP_CHANNEL });
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['telegramId', { telegramId: 'tg-778899' }, { ct_telegram_id: 'tg-778899' }],
    [
      'messenger',
      { messenger: { id: 'psid-4455', pageId: '283905712023100' } },
      { ct_messenger: 'psid-4455', messenger_page_id: '283905712023100' },
    ],
    [
      'instagram',
      { instagram: { id: 'igsid-6677', accountId: '12345678901234542' } },
      { ct_instagram: 'igsid-6677', instagram_account_id: '12345678901234542' },
    ],
    ['externalId', { externalId: 'ext-42' }, { ct_external_id: 'ext-42' }],
    ['cpf', { cpf: '873.487.695-27' }, { ct_br_cpf: '87348769527' }],
  ])('to.%s reaches the contact through its own ct_* key', async (_kind, to, wire) => {
    await api().post('/v1/messages').set(rig.auth).send({ type: 'text', to, text: 'Oi', channelToken: FACEBOOK_CHANNEL }).expect(202);
    expectMaxbotCall(rig.sim, 'send_text', { channel_token: FACEBOOK_CHANNEL, ...NO_RECIPIENT, ...wire, msg: 'Oi' });
    expect(sent().at(-1)!.contactId).toBe(reachable);
  });

  it('type image → send_image with image_url and the extension read from the URL', async () => {
    const res = await api()
      .post('/v1/messages')
      .set(rig.auth)
      .send({
        type: 'image',
        to: { externalId: 'ext-42' },
        media: { url: 'https://www.meusite.com.br/foto.png' },
        channelToken: WHATSAPP_CHANNEL,
      })
      .expect(202);
    expect(res.body).toEqual(RECEIPT);
    // maxbot.txt send_image: "image_url": "https://www.meusite.com.br/foto.png", "image_extension": "png"
    expectMaxbotCall(rig.sim, 'send_image', {
      channel_token: WHATSAPP_CHANNEL,
      ...NO_RECIPIENT,
      ct_external_id: 'ext-42',
      image_url: 'https://www.meusite.com.br/foto.png',
      image_extension: 'png',
    });
  });

  it('type file → send_file with file_url, file_extension and file_name', async () => {
    await api()
      .post('/v1/messages')
      .set(rig.auth)
      .send({
        type: 'file',
        to: { cpf: '87348769527' },
        media: { url: 'https://www.meusite.com.br/teste.pdf' },
        channelToken: WHATSAPP_CHANNEL,
      })
      .expect(202);
    // maxbot.txt send_file: "file_url": ".../teste.pdf", "file_extension": "pdf", "file_name": "teste.pdf"
    expectMaxbotCall(rig.sim, 'send_file', {
      channel_token: WHATSAPP_CHANNEL,
      ...NO_RECIPIENT,
      ct_br_cpf: '87348769527',
      file_url: 'https://www.meusite.com.br/teste.pdf',
      file_extension: 'pdf',
      file_name: 'teste.pdf',
    });
  });

  it('type file with an explicit extension and name, for a URL without one', async () => {
    await api()
      .post('/v1/messages')
      .set(rig.auth)
      .send({
        type: 'file',
        to: { whatsapp: '5531911112222' },
        media: { url: 'https://cdn.example.com/download?id=9', extension: 'XLSX', fileName: 'Planilha.xlsx' },
        channelToken: WHATSAPP_CHANNEL,
      })
      .expect(202);
    expect(rig.sim.lastCall('send_file')!.body).toMatchObject({ file_extension: 'xlsx', file_name: 'Planilha.xlsx' });
  });

  it('type audio → send_sound with sound_url and sound_extension mp3', async () => {
    await api()
      .post('/v1/messages')
      .set(rig.auth)
      .send({
        type: 'audio',
        to: { telegramId: 'tg-778899' },
        media: { url: 'https://www.meusite.com.br/audio.mp3' },
        channelToken: '2023047C66A1138D57-D7096D-DC39B4',
      })
      .expect(202);
    // maxbot.txt send_sound: "sound_url": "https://www.meusite.com.br/audio.mp3", "sound_extension": "mp3"
    expectMaxbotCall(rig.sim, 'send_sound', {
      channel_token: '2023047C66A1138D57-D7096D-DC39B4',
      ...NO_RECIPIENT,
      ct_telegram_id: 'tg-778899',
      sound_url: 'https://www.meusite.com.br/audio.mp3',
      sound_extension: 'mp3',
    });
  });

  const valid = { type: 'text', to: { whatsapp: '+5531911112222' }, text: 'Oi', channelToken: WHATSAPP_CHANNEL };
  it.each<[string, Record<string, unknown>, string]>([
    ['two ways of reaching the recipient', { ...valid, to: { whatsapp: '+5531911112222', cpf: '87348769527' } }, 'to'],
    ['no way of reaching the recipient', { ...valid, to: {} }, 'to'],
    ['a recipient Maxbot chat sends cannot address', { ...valid, to: { contactId: '1' } }, 'to.contactId'],
    ['an invalid phone', { ...valid, to: { whatsapp: '12' } }, 'to.whatsapp'],
    ['an invalid CPF', { ...valid, to: { cpf: '111.222.333-45' } }, 'to.cpf'],
    ['a Messenger recipient without its page', { ...valid, to: { messenger: { id: 'psid-4455' } } }, 'to.messenger.pageId'],
    ['no channelToken', { ...valid, channelToken: undefined }, 'channelToken'],
    ['an unknown type', { ...valid, type: 'video' }, 'type'],
    ['type text without text', { ...valid, text: undefined }, 'text'],
    ['a blank text', { ...valid, text: '   ' }, 'text'],
    ['media on a text message', { ...valid, media: { url: 'https://x.com/a.png' } }, 'media'],
    ['an image without media', { ...valid, type: 'image', text: undefined }, 'media'],
    ['an image Maxbot does not take', { ...valid, type: 'image', text: undefined, media: { url: 'https://x.com/a.gif' } }, 'media.url'],
    ['a document Maxbot does not take', { ...valid, type: 'file', text: undefined, media: { url: 'https://x.com/a.zip' } }, 'media.url'],
    [
      'an explicit extension Maxbot does not take',
      { ...valid, type: 'audio', text: undefined, media: { url: 'https://x.com/a.mp3', extension: 'wav' } },
      'media.extension',
    ],
    [
      'a file URL without an extension',
      { ...valid, type: 'file', text: undefined, media: { url: 'https://x.com/download' } },
      'media.extension',
    ],
    ['a media URL that is not http(s)', { ...valid, type: 'image', text: undefined, media: { url: 'ftp://x.com/a.png' } }, 'media.url'],
    ['an unknown field', { ...valid, priority: 'high' }, 'priority'],
    ['a scheduleAt without offset', { ...valid, scheduleAt: '2030-12-01 13:00' }, 'scheduleAt'],
    // Date.parse rolls these over (to March 2, to the next day): the send would go out on another day.
    ['a scheduleAt on a day that does not exist', { ...valid, scheduleAt: '2030-02-30T10:00:00Z' }, 'scheduleAt'],
    ['a scheduleAt at hour 24', { ...valid, scheduleAt: '2030-01-01T24:00:00-03:00' }, 'scheduleAt'],
    ['a scheduleAt in the past', { ...valid, scheduleAt: '2020-12-01T13:00:00-03:00' }, 'scheduleAt'],
    // Shaped like E.164, but no country has the calling code 999.
    ['a phone of no country', { ...valid, to: { whatsapp: '+999123456789' } }, 'to.whatsapp'],
    ['a Brazilian phone with area code 00', { ...valid, to: { whatsapp: '+5500000000000' } }, 'to.whatsapp'],
  ])('400 for %s; nothing sent', async (_what, body, field) => {
    const res = await api().post('/v1/messages').set(rig.auth).send(body).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['scheduleAt (send_text cannot schedule)', { scheduleAt: '2030-12-01T13:00:00-03:00' }, ['scheduleAt']],
    ['CleverChat ticket options', { openTicket: true, queueId: '3' }, ['openTicket', 'queueId']],
  ])('422 unsupported_field for %s; nothing sent', async (_what, extra, fields) => {
    const res = await api()
      .post('/v1/messages')
      .set(rig.auth)
      .send({ ...valid, ...extra })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'unsupported_field', provider: 'maxbot' });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('422 unsupported_field for a caption on an image (send_image has no caption); nothing sent', async () => {
    const res = await api()
      .post('/v1/messages')
      .set(rig.auth)
      .send({ ...valid, type: 'image', text: undefined, media: { url: 'https://x.com/a.png', caption: 'Veja' } })
      .expect(422);
    expect(res.body.errors).toEqual([{ field: 'media.caption', message: 'is not supported by Maxbot send_image' }]);
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('422 unsupported_field for an uploaded file (Maxbot fetches media by URL only); nothing sent', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
    const res = await api()
      .post('/v1/messages')
      .set(rig.auth)
      .field('type', 'image')
      .field('to[whatsapp]', '+5531911112222')
      .field('channelToken', WHATSAPP_CHANNEL)
      .attach('file', png, { filename: 'foto.png', contentType: 'image/png' })
      .expect(422);
    expect(res.body).toMatchObject({
      code: 'unsupported_field',
      provider: 'maxbot',
      errors: [{ field: 'file', message: 'is not supported by Maxbot send_image (give media.url)' }],
    });
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('status 0 → 422 provider_rejected: a recipient who is not a contact, a channel the account does not have', async () => {
    const stranger = await api()
      .post('/v1/messages')
      .set(rig.auth)
      .send({ ...valid, to: { whatsapp: '+55 11 90000-0001' } })
      .expect(422);
    expect(stranger.body).toMatchObject({ code: 'provider_rejected', provider: 'maxbot', providerMessage: 'Contato não encontrado' });
    expect(rig.sim.lastCall('send_text')!.body.ct_whatsapp).toBe('5511900000001');
    const channel = await api()
      .post('/v1/messages')
      .set(rig.auth)
      .send({ ...valid, channelToken: 'NOPE-0000' })
      .expect(422);
    expect(channel.body).toMatchObject({ code: 'provider_rejected', providerMessage: 'Canal não encontrado: NOPE-0000' });
  });

  it('Prefer: dry-run answers the exact send_text request and sends nothing', async () => {
    const res = await api().post('/v1/messages').set(rig.auth).set('Prefer', 'dry-run').send(valid).expect(200);
    expect(res.body).toEqual({
      dryRun: true,
      connection: 'maxbot',
      provider: 'maxbot',
      requests: [
        {
          method: 'POST',
          url: rig.sim.endpoint,
          headers: { 'content-type': 'application/json' },
          body: {
            token: '[REDACTED]',
            cmd: 'send_text',
            channel_token: WHATSAPP_CHANNEL,
            ...NO_RECIPIENT,
            ct_whatsapp: '5531911112222',
            msg: 'Oi',
          },
        },
      ],
    });
    expect(rig.sim.calls()).toHaveLength(0);
  });
});

describe('POST /v1/messages/template (send_notice)', () => {
  it('schedules a notice: date_time in the account wall clock, receipt SCHEDULED with the offset', async () => {
    const res = await api()
      .post('/v1/messages/template')
      .set(rig.auth)
      .send({
        to: { contactId: '1' },
        templateId: '3',
        channelToken: FACEBOOK_CHANNEL,
        scheduleAt: '2030-12-01T16:00:00Z',
        otpCode: '12345678',
      })
      .expect(202);
    expect(res.body).toEqual({ ...RECEIPT, status: 'SCHEDULED', scheduledAt: '2030-12-01T13:00:00-03:00' });
    // maxbot.txt send_notice: "channel_token", "contact_id": 1234, "template_id": 1234, "scheduled": 1,
    // "date_time": "2020-12-01 13:00:00", "user_otp_code": "12345678" (strings, as the PHP example sends them)
    expectMaxbotCall(rig.sim, 'send_notice', {
      channel_token: FACEBOOK_CHANNEL,
      contact_id: '1',
      template_id: '3',
      scheduled: '1',
      date_time: '2030-12-01 13:00:00',
      user_otp_code: '12345678',
    });
    expect(sent().at(-1)).toMatchObject({ cmd: 'send_notice', contactId: '1' });
  });

  it('sends a notice now: scheduled "0", date_time and user_otp_code ""', async () => {
    const res = await api()
      .post('/v1/messages/template')
      .set(rig.auth)
      .send({ to: { contactId: '2' }, templateId: '2', channelToken: WHATSAPP_CHANNEL })
      .expect(202);
    expect(res.body).toEqual(RECEIPT);
    expectMaxbotCall(rig.sim, 'send_notice', {
      channel_token: WHATSAPP_CHANNEL,
      contact_id: '2',
      template_id: '2',
      scheduled: '0',
      date_time: '',
      user_otp_code: '',
    });
  });

  it('status 0 for a contact that never exchanged messages → 422 with Maxbot msg', async () => {
    const res = await api()
      .post('/v1/messages/template')
      .set(rig.auth)
      .send({ to: { contactId: reachable }, templateId: '3', channelToken: WHATSAPP_CHANNEL })
      .expect(422);
    expect(res.body).toMatchObject({
      code: 'provider_rejected',
      providerMessage: 'Envio de aviso só é permitido para contatos que trocaram mensagem no Maxbot',
    });
    const unknown = await api()
      .post('/v1/messages/template')
      .set(rig.auth)
      .send({ to: { contactId: '999999' }, templateId: '3', channelToken: WHATSAPP_CHANNEL })
      .expect(422);
    expect(unknown.body.code).toBe('provider_rejected');
  });

  it('CloudChat template fields → 422 unsupported_field, nothing sent', async () => {
    const res = await api()
      .post('/v1/messages/template')
      .set(rig.auth)
      .send({
        to: { contactId: '1' },
        templateId: '3',
        channelToken: WHATSAPP_CHANNEL,
        variables: [{ name: 'name', value: 'Ana' }],
        buttonParams: ['x'],
        headerAttachmentUrl: 'https://x.com/a.pdf',
        inboxId: '7',
      })
      .expect(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['variables', 'buttonParams', 'headerAttachmentUrl', 'inboxId']);
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it.each<[string, Record<string, unknown>, number, string]>([
    ['a template by name (Maxbot names templates by id)', { templateName: 'aviso', templateId: undefined }, 422, 'templateName'],
    ['both templateId and templateName', { templateName: 'aviso' }, 400, 'templateId'],
    ['neither templateId nor templateName', { templateId: undefined }, 400, 'templateId'],
    ['a recipient other than contactId', { to: { whatsapp: '+5531911112222' } }, 400, 'to.whatsapp'],
    ['a non-numeric contact id', { to: { contactId: 'abc' } }, 400, 'to.contactId'],
    ['no channelToken', { channelToken: undefined }, 400, 'channelToken'],
  ])('refuses %s (%d), nothing sent', async (_what, change, status, field) => {
    const res = await api()
      .post('/v1/messages/template')
      .set(rig.auth)
      .send({ to: { contactId: '1' }, templateId: '3', channelToken: WHATSAPP_CHANNEL, ...change })
      .expect(status);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(rig.sim.calls()).toHaveLength(0);
  });
});

describe('POST /v1/messages/sms (send_sms)', () => {
  it('sends to a phone in digits, the other keys "", and answers the message id', async () => {
    const res = await api()
      .post('/v1/messages/sms')
      .set(rig.auth)
      .send({ to: { phone: '+55 (31) 92222-3333' }, text: 'Mensagem do sms' })
      .expect(202);
    // maxbot.txt send_sms: "cell_phone" : "5531991234567", "ct_external_id" : "", "ct_br_cpf" : "...", "msg"; reply "msg_id": "SMS-123"
    expectMaxbotCall(rig.sim, 'send_sms', { cell_phone: '5531922223333', ct_external_id: '', ct_br_cpf: '', msg: 'Mensagem do sms' });
    expect(res.body).toEqual({ ...RECEIPT, id: expect.stringMatching(/^SMS-\d+$/) });
    expect(sent().at(-1)).toMatchObject({ cmd: 'send_sms', messageId: res.body.id });
    // Maxbot reports no message status, so the receipt points nowhere.
    expect(res.headers.location).toBeUndefined();
  });

  it('reaches a contact by CPF (digits only)', async () => {
    await api()
      .post('/v1/messages/sms')
      .set(rig.auth)
      .send({ to: { cpf: '873.487.695-27' }, text: 'Oi' })
      .expect(202);
    expectMaxbotCall(rig.sim, 'send_sms', { cell_phone: '', ct_external_id: '', ct_br_cpf: '87348769527', msg: 'Oi' });
    expect(sent().at(-1)!.contactId).toBe(reachable);
  });

  it('a WhatsApp recipient is refused (400), nothing sent; an unknown phone is status 0 (422)', async () => {
    const bad = await api()
      .post('/v1/messages/sms')
      .set(rig.auth)
      .send({ to: { whatsapp: '+5531922223333' }, text: 'Oi' })
      .expect(400);
    expect(bad.body.errors).toEqual([{ field: 'to.whatsapp', message: expect.stringContaining('phone, externalId, cpf') }]);
    expect(rig.sim.calls()).toHaveLength(0);
    const unknown = await api()
      .post('/v1/messages/sms')
      .set(rig.auth)
      .send({ to: { phone: '+5511900000009' }, text: 'Oi' })
      .expect(422);
    expect(unknown.body).toMatchObject({ code: 'provider_rejected', providerMessage: 'Contato não encontrado' });
  });
});

describe('POST /v1/messages/email (send_email)', () => {
  it('sends every slot, the unused ones "", and answers the message id', async () => {
    const res = await api()
      .post('/v1/messages/email')
      .set(rig.auth)
      .send({
        from: { email: 'romulo@email.com', name: 'romulo' },
        to: { email: 'rodrigo@maxbot.com.br', name: 'Rodrigo' },
        subject: 'email de teste',
        body: 'texto da mensagem do email',
        images: [{ url: 'https://www.meusite.com.br/foto.png' }, { url: 'https://www.meusite.com.br/img?id=2', extension: 'jpg' }],
        files: [{ url: 'https://www.meusite.com.br/arquivo.pdf' }],
      })
      .expect(202);
    // maxbot.txt send_email: from_email, from_name, subject, body, footer, to_name, to_email,
    // img_url_1..6 + img_extension_1..6, file_url_1..3 + file_extension_1..3 (empty slots as "")
    expectMaxbotCall(rig.sim, 'send_email', {
      from_email: 'romulo@email.com',
      from_name: 'romulo',
      subject: 'email de teste',
      body: 'texto da mensagem do email',
      footer: '',
      to_name: 'Rodrigo',
      to_email: 'rodrigo@maxbot.com.br',
      img_url_1: 'https://www.meusite.com.br/foto.png',
      img_extension_1: 'png',
      img_url_2: 'https://www.meusite.com.br/img?id=2',
      img_extension_2: 'jpg',
      img_url_3: '',
      img_extension_3: '',
      img_url_4: '',
      img_extension_4: '',
      img_url_5: '',
      img_extension_5: '',
      img_url_6: '',
      img_extension_6: '',
      file_url_1: 'https://www.meusite.com.br/arquivo.pdf',
      file_extension_1: 'pdf',
      file_url_2: '',
      file_extension_2: '',
      file_url_3: '',
      file_extension_3: '',
    });
    expect(res.body).toEqual({ ...RECEIPT, id: expect.stringMatching(/^EMAIL-\d+$/) });
    expect(sent().at(-1)).toMatchObject({ cmd: 'send_email', contactId: '1', messageId: res.body.id });
  });

  const email = { from: { email: 'a@b.com' }, to: { email: 'rodrigo@maxbot.com.br' }, subject: 'Oi', body: 'Corpo' };
  it.each<[string, Record<string, unknown>, string]>([
    ['7 images', { images: Array.from({ length: 7 }, (_, i) => ({ url: `https://x.com/${i}.png` })) }, 'images'],
    ['4 files', { files: Array.from({ length: 4 }, (_, i) => ({ url: `https://x.com/${i}.pdf` })) }, 'files'],
    ['an image Maxbot does not take', { images: [{ url: 'https://x.com/a.webp' }] }, 'images[0].url'],
    ['an invalid sender address', { from: { email: 'not-an-email' } }, 'from.email'],
    ['no subject', { subject: undefined }, 'subject'],
  ])('400 for %s, nothing sent', async (_what, change, field) => {
    const res = await api()
      .post('/v1/messages/email')
      .set(rig.auth)
      .send({ ...email, ...change })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('an address that is no contact of the account → 422 provider_rejected', async () => {
    const res = await api()
      .post('/v1/messages/email')
      .set(rig.auth)
      .send({ ...email, to: { email: 'ninguem@email.com' } })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'provider_rejected', providerMessage: 'Contato não encontrado: ninguem@email.com' });
  });
});

describe('templates and categories', () => {
  it('GET /v1/templates → get_template with both filters "" and the doc examples normalized', async () => {
    const res = await api().get('/v1/templates').set(rig.auth).expect(200);
    // maxbot.txt get_template: "type": "", "category_id": ""
    expectMaxbotCall(rig.sim, 'get_template', { type: '', category_id: '' });
    expect(res.body.pageInfo).toEqual({ nextCursor: null, hasNextPage: false, totalCount: 3 });
    expect(res.body.data.map((t: { type: string }) => t.type)).toEqual(['MESSAGE', 'FOLLOW_UP', 'NOTICE']);
    expect(res.body.data[0]).toMatchObject({
      id: '1',
      categoryId: '0',
      categoryTitle: 'Geral',
      title: 'Negociação',
      text: 'Olá, [NOME], tudo bem? 😃😃',
      usable: false,
    });
    expect(res.body.data[0].imageUrls).toHaveLength(6);
    expect(res.body.data[0].fileUrls).toHaveLength(3);
    expect(res.body.data[2]).toEqual({
      id: '3',
      type: 'NOTICE',
      categoryId: '0',
      categoryTitle: 'Geral',
      title: 'Aviso de Postado nos Correios',
      text: null,
      imageUrls: [],
      fileUrls: [],
      whatsappCategory: null,
      whatsappLanguage: null,
      whatsappStatus: null,
      usable: true,
    });
  });

  it('GET /v1/templates?type=FOLLOW_UP&categoryId=0 → get_template type "F", category_id "0"', async () => {
    const res = await api().get('/v1/templates').query({ type: 'FOLLOW_UP', categoryId: '0', limit: 1 }).set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_template', { type: 'F', category_id: '0' });
    expect(res.body.data.map((t: { id: string }) => t.id)).toEqual(['2']);
  });

  it('takes an enum in any letter case on REST (GraphQL spells TEXT, the contract text): the same call', async () => {
    await api()
      .post('/v1/messages')
      .set(rig.auth)
      .send({ type: 'TEXT', to: { whatsapp: '+55 31 91111-2222' }, text: 'Olá', channelToken: WHATSAPP_CHANNEL })
      .expect(202);
    expectMaxbotCall(rig.sim, 'send_text', { channel_token: WHATSAPP_CHANNEL, ...NO_RECIPIENT, ct_whatsapp: '5531911112222', msg: 'Olá' });
    await api().get('/v1/templates').query({ type: 'follow_up', limit: 1 }).set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_template', { type: 'F', category_id: '' });
    const wrong = await api()
      .post('/v1/messages')
      .set(rig.auth)
      .send({ type: 'texto', to: { whatsapp: '+5531911112222' }, text: 'x' })
      .expect(400);
    expect(wrong.body.errors).toEqual([{ field: 'type', message: 'must be one of text, image, file, audio' }]);
  });

  it('refuses an unknown type or a non-numeric category, nothing sent', async () => {
    await api().get('/v1/templates').query({ type: 'C' }).set(rig.auth).expect(400);
    const res = await api().get('/v1/templates').query({ categoryId: 'geral' }).set(rig.auth).expect(400);
    expect(res.body.errors).toEqual([{ field: 'categoryId', message: 'must be a numeric id (digits only)' }]);
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('GET /v1/template-categories → get_template_category, paged', async () => {
    const first = await api().get('/v1/template-categories').query({ limit: 3 }).set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_template_category', {});
    // maxbot.txt: {"category_id": 0, "category_title": "Geral"}, {"category_id": 2, "category_title": "DETALHES DE PLANO"}, ...
    expect(first.body.data).toEqual([
      { id: '0', title: 'Geral' },
      { id: '2', title: 'DETALHES DE PLANO' },
      { id: '1', title: 'INFORMAÇÕES' },
    ]);
    const second = await api()
      .get('/v1/template-categories')
      .query({ limit: 3, cursor: first.body.pageInfo.nextCursor })
      .set(rig.auth)
      .expect(200);
    expect(second.body).toEqual({
      data: [{ id: '3', title: 'NEGOCIAÇÃO' }],
      pageInfo: { nextCursor: null, hasNextPage: false, totalCount: 4 },
    });
  });
});

describe('operations Maxbot does not have', () => {
  it('GET /v1/messages/{id} → 501 unsupported_operation', async () => {
    const res = await api().get('/v1/messages/5dd69cde00078e1be17fffd4').set(rig.auth).expect(501);
    expect(res.body).toMatchObject({ code: 'unsupported_operation', operation: 'getMessage', connections: [] });
  });

  it('POST /v1/dialogs/{id}/executions → 501 unsupported_operation (after validating the body)', async () => {
    const res = await api()
      .post('/v1/dialogs/5f3e2a1b/executions')
      .set(rig.auth)
      .send({ to: { whatsapp: '+5511999999999' } })
      .expect(501);
    expect(res.body).toMatchObject({ code: 'unsupported_operation', operation: 'executeDialog' });
    await api().post('/v1/dialogs/5f3e2a1b/executions').set(rig.auth).send({ to: {} }).expect(400);
    expect(rig.sim.calls()).toHaveLength(0);
  });
});

describe('GraphQL', () => {
  it('sendMessage (image) → send_image, the same receipt as REST', async () => {
    const { data, errors } = await gql(
      rig.ponte.url,
      `mutation($in: SendMessageInput!) { sendMessage(input: $in) { id status scheduledAt connection platform } }`,
      {
        in: {
          type: 'IMAGE',
          to: { instagram: { id: 'igsid-6677', accountId: '12345678901234542' } },
          media: { url: 'https://www.meusite.com.br/foto.jpeg' },
          channelToken: FACEBOOK_CHANNEL,
        },
      },
      rig.auth,
    );
    expect(errors).toBeUndefined();
    expect(data!.sendMessage).toEqual(RECEIPT);
    expectMaxbotCall(rig.sim, 'send_image', {
      channel_token: FACEBOOK_CHANNEL,
      ...NO_RECIPIENT,
      ct_instagram: 'igsid-6677',
      instagram_account_id: '12345678901234542',
      image_url: 'https://www.meusite.com.br/foto.jpeg',
      image_extension: 'jpeg',
    });
  });

  it('sendTemplate, sendSms and sendEmail', async () => {
    const template = await gql(
      rig.ponte.url,
      `mutation { sendTemplate(input: { to: { contactId: "3" }, templateId: "3", channelToken: "${WHATSAPP_CHANNEL}", otpCode: "998877" }) { id status scheduledAt } }`,
      {},
      rig.auth,
    );
    expect(template.data!.sendTemplate).toEqual({ id: null, status: 'ACCEPTED', scheduledAt: null });
    expectMaxbotCall(rig.sim, 'send_notice', {
      channel_token: WHATSAPP_CHANNEL,
      contact_id: '3',
      template_id: '3',
      scheduled: '0',
      date_time: '',
      user_otp_code: '998877',
    });

    const sms = await gql(
      rig.ponte.url,
      `mutation { sendSms(input: { to: { externalId: "5678" }, text: "Oi" }) { id status } }`,
      {},
      rig.auth,
    );
    expect(sms.data!.sendSms).toEqual({ id: expect.stringMatching(/^SMS-\d+$/), status: 'ACCEPTED' });
    expectMaxbotCall(rig.sim, 'send_sms', { cell_phone: '', ct_external_id: '5678', ct_br_cpf: '', msg: 'Oi' });

    const mail = await gql(
      rig.ponte.url,
      `mutation { sendEmail(input: { from: { email: "a@b.com" }, to: { email: "keli@email.com" }, subject: "Oi", body: "Corpo", footer: "Rodapé", files: [{ url: "https://x.com/p.pptx" }] }) { id } }`,
      {},
      rig.auth,
    );
    expect(mail.data!.sendEmail.id).toMatch(/^EMAIL-\d+$/);
    expect(rig.sim.lastCall('send_email')!.body).toMatchObject({
      from_email: 'a@b.com',
      from_name: '',
      to_name: '',
      to_email: 'keli@email.com',
      footer: 'Rodapé',
      file_url_1: 'https://x.com/p.pptx',
      file_extension_1: 'pptx',
      img_url_1: '',
    });
  });

  it('templates and templateCategories queries', async () => {
    const { data, errors } = await gql(
      rig.ponte.url,
      `{ templates(type: NOTICE) { data { id type title usable } pageInfo { totalCount } } templateCategories(limit: 1) { data { id title } pageInfo { hasNextPage } } }`,
      {},
      rig.auth,
    );
    expect(errors).toBeUndefined();
    expect(data!.templates).toEqual({
      data: [{ id: '3', type: 'NOTICE', title: 'Aviso de Postado nos Correios', usable: true }],
      pageInfo: { totalCount: 1 },
    });
    expect(data!.templateCategories).toEqual({ data: [{ id: '0', title: 'Geral' }], pageInfo: { hasNextPage: true } });
  });

  it('errors carry the codes in extensions: validation_failed, unsupported_field, provider_rejected, unsupported_operation', async () => {
    const invalid = await gql(
      rig.ponte.url,
      `mutation { sendMessage(input: { type: TEXT, to: { whatsapp: "+5531911112222", externalId: "1" }, text: "x", channelToken: "${WHATSAPP_CHANNEL}" }) { status } }`,
      {},
      rig.auth,
    );
    expect(invalid.errors![0].extensions).toMatchObject({ code: 'validation_failed', errors: [{ field: 'to' }] });
    const unsupported = await gql(
      rig.ponte.url,
      `mutation { sendMessage(input: { type: TEXT, to: { externalId: "5678" }, text: "x", channelToken: "${WHATSAPP_CHANNEL}", scheduleAt: "2030-12-01T13:00:00-03:00" }) { status } }`,
      {},
      rig.auth,
    );
    expect(unsupported.errors![0].extensions).toMatchObject({ code: 'unsupported_field', errors: [{ field: 'scheduleAt' }] });
    expect(rig.sim.calls()).toHaveLength(0);
    const rejected = await gql(
      rig.ponte.url,
      `mutation { sendTemplate(input: { to: { contactId: "${reachable}" }, templateId: "3", channelToken: "${WHATSAPP_CHANNEL}" }) { status } }`,
      {},
      rig.auth,
    );
    expect(rejected.errors![0].extensions).toMatchObject({
      code: 'provider_rejected',
      providerMessage: 'Envio de aviso só é permitido para contatos que trocaram mensagem no Maxbot',
    });
    const message = await gql(rig.ponte.url, `{ message(id: "5dd69cde00078e1be17fffd4") { id status platformStatus } }`, {}, rig.auth);
    expect(message.errors![0].extensions).toMatchObject({ code: 'unsupported_operation' });
    const dialog = await gql(
      rig.ponte.url,
      `mutation { executeDialog(dialogId: "d1", input: { to: { whatsapp: "+5511999999999" } }) { dialogId description } }`,
      {},
      rig.auth,
    );
    expect(dialog.errors![0].extensions).toMatchObject({ code: 'unsupported_operation' });
  });
});

describe('a Maxbot connection with a default channelToken', () => {
  let withDefault: MaxbotRig;
  beforeAll(async () => {
    withDefault = await startMaxbotRig({ connection: { channelToken: WHATSAPP_CHANNEL } });
  });
  afterAll(() => withDefault?.stop());

  it('sends through it when a message names no channel, and through the named one otherwise', async () => {
    const send = (body: object) => request(withDefault.ponte.url).post('/v1/messages').set(withDefault.auth).send(body).expect(202);
    await send({ type: 'text', to: { whatsapp: '+55 31 91111-2222' }, text: 'Padrão' });
    expect(withDefault.sim.lastCall('send_text')!.body).toMatchObject({ channel_token: WHATSAPP_CHANNEL, msg: 'Padrão' });
    await send({ type: 'text', to: { whatsapp: '+55 31 91111-2222' }, text: 'Outro', channelToken: FACEBOOK_CHANNEL });
    expect(withDefault.sim.lastCall('send_text')!.body).toMatchObject({ channel_token: FACEBOOK_CHANNEL, msg: 'Outro' });
    await request(withDefault.ponte.url)
      .post('/v1/messages/template')
      .set(withDefault.auth)
      .send({ to: { contactId: '1' }, templateId: '3' })
      .expect(202);
    expect(withDefault.sim.lastCall('send_notice')!.body).toMatchObject({ channel_token: WHATSAPP_CHANNEL, template_id: '3' });
  });

  it('a channelToken given as null is one not given: the default sends (REST and a GraphQL variable alike)', async () => {
    await request(withDefault.ponte.url)
      .post('/v1/messages')
      .set(withDefault.auth)
      .send({ type: 'text', to: { whatsapp: '+55 31 91111-2222' }, text: 'Nulo', channelToken: null })
      .expect(202);
    expect(withDefault.sim.lastCall('send_text')!.body).toMatchObject({ channel_token: WHATSAPP_CHANNEL, msg: 'Nulo' });
    const sent = await gql(
      withDefault.ponte.url,
      `mutation($ct: String) { sendMessage(input: { type: TEXT, to: { whatsapp: "+5531911112222" }, text: "Var", channelToken: $ct }) { status } }`,
      { ct: null },
      withDefault.auth,
    );
    expect(sent.errors).toBeUndefined();
    expect(withDefault.sim.lastCall('send_text')!.body).toMatchObject({ channel_token: WHATSAPP_CHANNEL, msg: 'Var' });
  });

  it('opens follow-up protocols through it too', async () => {
    await request(withDefault.ponte.url)
      .post('/v1/protocols')
      .set(withDefault.auth)
      .send({ contactId: '3', templateId: '2', serviceSectorId: '1' })
      .expect(201);
    expect(withDefault.sim.lastCall('open_followup')!.body).toMatchObject({
      channel_token: WHATSAPP_CHANNEL,
      contact_id: 3,
      template_id: 2,
    });
  });
});
