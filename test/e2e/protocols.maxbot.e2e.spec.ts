/**
 * Protocols on Maxbot, end to end: real HTTP to the built gateway, which talks real HTTP to the
 * Maxbot simulator. Each test checks the normalized answer and the exact `{token, cmd, ...}` body
 * the simulator received, field names and value forms as maxbot.txt documents them.
 */
import request from 'supertest';
import { instantToWire } from '../../src/common/normalize/dates';
import { MAX_UPLOAD_BYTES } from '../../src/common/transport/upload-limits';
import { gql } from '../helpers/graphql';
import { expectMaxbotCall } from '../helpers/maxbot-coverage';
import { startMaxbotRig, type MaxbotRig } from '../helpers/maxbot';

let rig: MaxbotRig;

beforeAll(async () => {
  rig = await startMaxbotRig();
});
afterAll(async () => {
  await rig?.stop();
});
beforeEach(() => rig.sim.clearRequests());

const api = () => request(rig.ponte.url);

const TZ = 'America/Sao_Paulo';
const day = (offsetDays: number) => instantToWire(new Date(Date.now() + offsetDays * 86_400_000), TZ).slice(0, 10);
const SQL_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** Real first bytes of each kind of file (the payloads of maxbot.txt's examples where it has one). */
const OGG = Buffer.from('T2dnUwACAAAAAAAAAACjLWkxAAAAAGmzCm4BE09wdXNI', 'base64'); // send_chat_audio example
const XLS = Buffer.from('0M8R4KGxGuEAAAAAAAAAAAAAAAAAAAAAOwADAP7/', 'base64'); // send_chat_annex example
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-and-the-rest')]);

describe('GET /v1/protocols (get_prot)', () => {
  it("normalizes the doc's protocol 143 with its notes and whole dialog", async () => {
    const res = await api()
      .get('/v1/protocols')
      .query({ concludedFrom: '2020-08-31', concludedTo: '2020-08-31' })
      .set(rig.auth)
      .expect(200);
    // maxbot.txt: "date_focus": "1", "date_start": "2022-06-22", "date_stop": "2022-06-22" (strings)
    expectMaxbotCall(rig.sim, 'get_prot', { date_focus: '1', date_start: '2020-08-31', date_stop: '2020-08-31' });
    expect(res.body.pageInfo).toEqual({ nextCursor: null, hasNextPage: false, totalCount: 1 });
    const [p] = res.body.data;
    // "origin": "2", "situation": "3", "started_date": "2020-08-31 14:33:39", "contact_whatsapp": "553195551111"
    expect(p).toMatchObject({
      id: '143',
      number: '143',
      origin: 'WHATSAPP',
      originCode: '2',
      situation: 'CONCLUDED',
      situationCode: '3',
      segmentations: [{ id: '60', title: 'SAC' }],
      serviceSectorName: 'Suporte Técnico',
      attendantName: 'Rodrigo Gomide',
      contact: { name: 'Roberto Fulano', identifier: '553195551111', whatsapp: '+553195551111', email: null, cpf: null },
      createdOn: '2020-08-31',
      startedAt: '2020-08-31T14:33:39-03:00',
      concludedAt: '2020-08-31T14:37:52-03:00',
      duration: '00:00:04',
      observation: 'Atendimento encerrado pelo atendente.',
    });
    // "notes": [{"id": "11", "date": "2020-08-31 14:36:47", …, "note": "Cliente pede urgência…"}, {"id": "10", …}]
    expect(p.notes.map((n: { id: string }) => n.id)).toEqual(['11', '10']);
    expect(p.notes[0]).toEqual({
      id: '11',
      protocolId: '143',
      createdAt: '2020-08-31T14:36:47-03:00',
      attendantName: 'Rodrigo Gomide',
      text: 'Cliente pede urgência, pois precisa da internet para realizar uma live. Pedir urgência à equipe técnica.',
    });
    // dialog 769…776, "flux": "reply" (the contact) / "sent" (the attendant), "type": "T"
    expect(p.dialog.map((m: { id: string }) => m.id)).toEqual(['769', '770', '771', '772', '773', '774', '775', '776']);
    expect(p.dialog[2]).toEqual({
      id: '771',
      date: '2020-08-31',
      sentAt: null,
      type: 'TEXT',
      typeCode: 'T',
      direction: 'INBOUND',
      internal: false,
      sentBy: 'Roberto Fulano',
      receivedBy: 'Rodrigo Gomide',
      messageId: '3EB0F5D5A370A2A28F76',
      text: 'Olá, estou sem acesso à internet. Preciso de suporte técnico.',
      mediaUrl: null,
      location: null,
      contacts: [],
      quoted: null,
    });
    expect(p.dialog[3]).toMatchObject({ direction: 'OUTBOUND', messageId: null, sentBy: 'Rodrigo Gomide' });
  });

  it('sends every documented filter in its wire form', async () => {
    const res = await api()
      .get('/v1/protocols')
      .query({
        concludedFrom: '2022-06-01',
        concludedTo: '2022-06-22',
        serviceSectorId: '1',
        attendantId: '2',
        contactId: '3',
        situation: 'CONCLUDED',
        cpf: '873.487.695-27',
        cnpj: '64.420.582/0001-48',
        companyName: 'Ther Sistemas Ltda',
        contactSegmentationId: '1452',
        protocolSegmentationId: '60',
      })
      .set(rig.auth)
      .expect(200);
    // maxbot.txt get_prot: "sector_id", "attendant_id", "contact_id", "situation", "br_cpf", "br_cnpj",
    // "company_name", "segmentation_contact", "segmentation_protocol" — all strings.
    expectMaxbotCall(rig.sim, 'get_prot', {
      date_focus: '1',
      date_start: '2022-06-01',
      date_stop: '2022-06-22',
      sector_id: '1',
      attendant_id: '2',
      contact_id: '3',
      situation: '3',
      br_cpf: '87348769527',
      br_cnpj: '64420582000148',
      company_name: 'Ther Sistemas Ltda',
      segmentation_contact: '1452',
      segmentation_protocol: '60',
    });
    expect(res.body).toEqual({ data: [], pageInfo: { nextCursor: null, hasNextPage: false, totalCount: 0 } });
  });

  it('an opening-day period goes with date_focus "0"; pages with limit and cursor', async () => {
    const first = await api()
      .get('/v1/protocols')
      .query({ createdFrom: '2020-01-01', createdTo: '2023-12-31', limit: 1 })
      .set(rig.auth)
      .expect(200);
    expectMaxbotCall(rig.sim, 'get_prot', { date_focus: '0', date_start: '2020-01-01', date_stop: '2023-12-31' });
    expect(first.body.data.map((p: { id: string }) => p.id)).toEqual(['143']);
    expect(first.body.pageInfo).toMatchObject({ hasNextPage: true, totalCount: 2 });
    const second = await api()
      .get('/v1/protocols')
      .query({ createdFrom: '2020-01-01', createdTo: '2023-12-31', limit: 1, cursor: first.body.pageInfo.nextCursor })
      .set(rig.auth)
      .expect(200);
    expect(second.body.data.map((p: { id: string }) => p.id)).toEqual(['123']);
    expect(second.body.pageInfo.hasNextPage).toBe(false);
  });

  it('bad filters are 400s naming the field, and nothing is sent', async () => {
    const none = await api().get('/v1/protocols').set(rig.auth).expect(400);
    expect(none.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'concludedFrom' }] });
    const mixed = await api()
      .get('/v1/protocols')
      .query({ concludedFrom: '2020-01-01', createdTo: '2020-02-01' })
      .set(rig.auth)
      .expect(400);
    expect(mixed.body.errors.map((e: { field: string }) => e.field)).toEqual(['concludedFrom', 'createdFrom']);
    const cpf = await api().get('/v1/protocols').query({ concludedFrom: '2020-01-01', cpf: '111.222.333-44' }).set(rig.auth).expect(400);
    expect(cpf.body.errors).toEqual([{ field: 'cpf', message: expect.stringContaining('valid CPF') }]);
    const cnpj = await api()
      .get('/v1/protocols')
      .query({ concludedFrom: '2020-01-01', cnpj: '11.222.333/0001-00' })
      .set(rig.auth)
      .expect(400);
    expect(cnpj.body.errors[0].field).toBe('cnpj');
    const situation = await api().get('/v1/protocols').query({ concludedFrom: '2020-01-01', situation: '3' }).set(rig.auth).expect(400);
    expect(situation.body.errors[0].field).toBe('situation');
    const sector = await api()
      .get('/v1/protocols')
      .query({ concludedFrom: '2020-01-01', serviceSectorId: 'abc' })
      .set(rig.auth)
      .expect(400);
    expect(sector.body.errors[0].field).toBe('serviceSectorId');
    const date = await api().get('/v1/protocols').query({ concludedFrom: '2020-02-30' }).set(rig.auth).expect(400);
    expect(date.body.errors[0].field).toBe('concludedFrom');
    expect(rig.sim.calls()).toHaveLength(0);
  });
});

describe('a follow-up protocol from open to conclusion', () => {
  it('opens, chats (text, audio, attachments; multipart and base64), annotates, terminates, then is listed with it all', async () => {
    const opened = await api()
      .post('/v1/protocols')
      .set(rig.auth)
      .send({ channelToken: '202304B53BF66DB8C0-364F9B-15CBAD', contactId: '3', templateId: '2', serviceSectorId: '1', attendantId: '1' })
      .expect(201);
    // maxbot.txt open_followup: "channel_token": "…", "contact_id": 1234, "template_id": 1234, "sector_id": 1234,
    // "attendant_id": 0, "scheduled": 1 — integers as in the JSON example; no date_time when not scheduled.
    expectMaxbotCall(rig.sim, 'open_followup', {
      channel_token: '202304B53BF66DB8C0-364F9B-15CBAD',
      contact_id: 3,
      template_id: 2,
      sector_id: 1,
      attendant_id: 1,
      scheduled: 0,
    });
    const id = opened.body.id as string;
    expect(opened.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      number: id,
      contactId: '3',
      templateId: '2',
      serviceSectorId: '1',
      attendantId: '1',
      scheduled: false,
      scheduledAt: null,
    });

    const text = await api()
      .post(`/v1/protocols/${id}/messages`)
      .set(rig.auth)
      .send({ type: 'TEXT', text: 'Teste envio de emojis [EMOJI1]', sentAt: '2024-12-18T23:39:43-03:00' })
      .expect(201);
    // "prot_id": "1234", "msg": "Teste envio de emojis [EMOJI1]", "msg_date_sql": "2024-12-18 23:39:43"
    expectMaxbotCall(rig.sim, 'send_chat_msg', { prot_id: id, msg: 'Teste envio de emojis [EMOJI1]', msg_date_sql: '2024-12-18 23:39:43' });
    expect(text.body).toEqual({
      protocolId: id,
      type: 'TEXT',
      chatId: expect.stringMatching(/^\d+$/),
      messageId: expect.stringMatching(/^3EB0[0-9A-F]+$/),
      sentAt: '2024-12-18T23:39:43-03:00',
      fileName: null,
      fileSize: null,
      fileUrl: null,
    });

    // Without sentAt, msg_date_sql is now, in the account's wall-clock form.
    await api().post(`/v1/protocols/${id}/messages`).set(rig.auth).send({ type: 'TEXT', text: 'Já volto.' }).expect(201);
    expectMaxbotCall(rig.sim, 'send_chat_msg', { prot_id: id, msg: 'Já volto.', msg_date_sql: expect.stringMatching(SQL_DATETIME) });

    const audio = await api()
      .post(`/v1/protocols/${id}/messages`)
      .set(rig.auth)
      .field('type', 'AUDIO')
      .field('sentAt', '2024-12-18T23:40:00-03:00')
      .attach('file', OGG, { filename: 'voz.ogg', contentType: 'audio/ogg' })
      .expect(201);
    // "audio_base64": "data:audio/ogg;base64,T2dnUwACAAAAAAAAAACjLWkxAAAAAGmzCm4BE09wdXNI...", "audio_ext": "ogg"
    expectMaxbotCall(rig.sim, 'send_chat_audio', {
      prot_id: id,
      audio_base64: `data:audio/ogg;base64,${OGG.toString('base64')}`,
      audio_ext: 'ogg',
      msg_date_sql: '2024-12-18 23:40:00',
    });
    expect(audio.body).toMatchObject({
      type: 'AUDIO',
      fileName: 'audio',
      fileSize: OGG.length,
      fileUrl: expect.stringMatching(/^https:\/\/app\.maxbot\.com\.br\/anexos_docs\/[0-9a-f]{32}\.ogg$/),
    });

    const annex = await api()
      .post(`/v1/protocols/${id}/messages`)
      .set(rig.auth)
      .send({
        type: 'ATTACHMENT',
        fileBase64: `data:application/vnd.ms-excel;base64,${XLS.toString('base64')}`,
        filename: 'nome-do-anexo.xls',
        sentAt: '2024-12-18T23:41:00-03:00',
      })
      .expect(201);
    // "annex_name": "nome-do-anexo.xls", "annex_base64": "data:@file/msexcel;base64,0M8R4KGxGuEAAAAA…", "annex_ext": "xls",
    // "annex_type": "F" — sent with the standard media type in the data URI (README "Decisions").
    expectMaxbotCall(rig.sim, 'send_chat_annex', {
      prot_id: id,
      annex_name: 'nome-do-anexo.xls',
      annex_base64: 'data:application/vnd.ms-excel;base64,0M8R4KGxGuEAAAAAAAAAAAAAAAAAAAAAOwADAP7/',
      annex_ext: 'xls',
      annex_type: 'F',
      msg_date_sql: '2024-12-18 23:41:00',
    });
    expect(annex.body).toMatchObject({ type: 'FILE', fileName: 'nome-do-anexo.xls', fileUrl: expect.stringMatching(/\.xls$/) });

    const image = await api()
      .post(`/v1/protocols/${id}/messages`)
      .set(rig.auth)
      .field('type', 'ATTACHMENT')
      .field('sentAt', '2024-12-18T23:42:00-03:00')
      .attach('file', PNG, { filename: 'foto.png', contentType: 'image/png' })
      .expect(201);
    expectMaxbotCall(rig.sim, 'send_chat_annex', {
      prot_id: id,
      annex_name: 'foto.png',
      annex_base64: `data:image/png;base64,${PNG.toString('base64')}`,
      annex_ext: 'png',
      annex_type: 'I',
      msg_date_sql: '2024-12-18 23:42:00',
    });
    expect(image.body.type).toBe('IMAGE');

    const note = await api()
      .post(`/v1/protocols/${id}/annotations`)
      .set(rig.auth)
      .send({ text: 'Cliente pediu retorno amanhã.' })
      .expect(201);
    // maxbot.txt: "prot_id": "123", "anot_text": "example annotation"
    expectMaxbotCall(rig.sim, 'put_protocol_annotation', { prot_id: id, anot_text: 'Cliente pediu retorno amanhã.' });
    expect(note.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      protocolId: id,
      createdAt: null,
      attendantName: null,
      text: 'Cliente pediu retorno amanhã.',
    });
    const notes = await api().get(`/v1/protocols/${id}/annotations`).set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_protocol_annotation', { prot_id: id });
    expect(notes.body.data).toEqual([
      {
        id: note.body.id,
        protocolId: id,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-03:00$/),
        attendantName: 'Pedro Silva',
        text: 'Cliente pediu retorno amanhã.',
      },
    ]);

    // Open protocols are not listed: get_prot returns concluded ones only.
    const before = await api()
      .get('/v1/protocols')
      .query({ concludedFrom: day(-1), concludedTo: day(1), contactId: '3' })
      .set(rig.auth)
      .expect(200);
    expect(before.body.data.map((p: { id: string }) => p.id)).not.toContain(id);

    const terminated = await api().post(`/v1/protocols/${id}/terminate`).set(rig.auth).send({ sendClosingMessage: true }).expect(200);
    // maxbot.txt terminate_prot: "ind_env_msg": "1", "prot_id": "1234"
    expectMaxbotCall(rig.sim, 'terminate_prot', { ind_env_msg: '1', prot_id: id });
    expect(terminated.body).toEqual({ id, closingMessageSent: true });

    const listed = await api()
      .get('/v1/protocols')
      .query({ concludedFrom: day(-1), concludedTo: day(1), contactId: '3' })
      .set(rig.auth)
      .expect(200);
    expectMaxbotCall(rig.sim, 'get_prot', { date_focus: '1', date_start: day(-1), date_stop: day(1), contact_id: '3' });
    const p = listed.body.data.find((x: { id: string }) => x.id === id);
    expect(p).toMatchObject({
      situation: 'CONCLUDED',
      serviceSectorName: 'Comercial',
      attendantName: 'Pedro Silva',
      contact: { name: 'Keli Marchi', whatsapp: '+5531911116666', email: 'keli@email.com', cpf: '11122233300' },
      notes: [{ id: note.body.id, text: 'Cliente pediu retorno amanhã.' }],
    });
    expect(p.dialog.map((m: { type: string; direction: string; text: string | null }) => [m.type, m.direction, m.text])).toEqual([
      ['TEXT', 'OUTBOUND', '[Template #2]'],
      ['TEXT', 'OUTBOUND', 'Teste envio de emojis [EMOJI1]'],
      ['TEXT', 'OUTBOUND', 'Já volto.'],
      ['AUDIO', 'OUTBOUND', null],
      ['FILE', 'OUTBOUND', 'nome-do-anexo.xls'],
      ['IMAGE', 'OUTBOUND', 'foto.png'],
      ['TEXT', 'OUTBOUND', 'Atendimento encerrado. Obrigado pelo contato!'],
    ]);
    expect(p.dialog[3].mediaUrl).toBe(audio.body.fileUrl);
    expect(p.dialog[1].date).toBe('2024-12-18');

    // A concluded protocol takes no more messages and cannot be terminated again: Maxbot says no (status 0).
    const late = await api().post(`/v1/protocols/${id}/messages`).set(rig.auth).send({ type: 'TEXT', text: 'Oi?' }).expect(422);
    expect(late.body).toMatchObject({ code: 'provider_rejected', provider: 'maxbot', providerMessage: `Protocolo encerrado: ${id}` });
    const again = await api().post(`/v1/protocols/${id}/terminate`).set(rig.auth).send({ sendClosingMessage: false }).expect(422);
    expect(again.body.providerMessage).toBe(`Protocolo já encerrado: ${id}`);
    expectMaxbotCall(rig.sim, 'terminate_prot', { ind_env_msg: '0', prot_id: id });
  });

  it("schedules a follow-up with an OTP code, date_time in the account's wall clock", async () => {
    const res = await api()
      .post('/v1/protocols')
      .set(rig.auth)
      .send({ contactId: '1', templateId: '3', serviceSectorId: '2', scheduleAt: '2030-12-01T16:00:00Z', otpCode: '12345678' })
      .expect(201);
    // "scheduled": 1, "date_time": "2020-12-01 13:00:00", "user_otp_code": "12345678"
    expectMaxbotCall(rig.sim, 'open_followup', {
      contact_id: 1,
      template_id: 3,
      sector_id: 2,
      attendant_id: 0,
      scheduled: 1,
      date_time: '2030-12-01 13:00:00',
      user_otp_code: '12345678',
    });
    expect(res.body).toMatchObject({ scheduled: true, scheduledAt: '2030-12-01T13:00:00-03:00', attendantId: null });
  });
});

describe('Maxbot says no (status 0) → 422 provider_rejected with its message', () => {
  it.each([
    ['POST', '/v1/protocols', { contactId: '999', templateId: '2', serviceSectorId: '1' }, 'Contato não encontrado: 999'],
    ['POST', '/v1/protocols', { contactId: '1', templateId: '2', serviceSectorId: '77' }, 'Setor de atendimento não encontrado: 77'],
    ['POST', '/v1/protocols/999999/terminate', { sendClosingMessage: true }, 'Protocolo não encontrado: 999999'],
    ['GET', '/v1/protocols/999999/annotations', undefined, 'Protocolo não encontrado: 999999'],
    ['POST', '/v1/protocols/999999/annotations', { text: 'x' }, 'Protocolo não encontrado: 999999'],
    ['POST', '/v1/protocols/999999/messages', { type: 'TEXT', text: 'x' }, 'Protocolo não encontrado: 999999'],
  ])('%s %s', async (method, path, body, message) => {
    const req = api()[method.toLowerCase() as 'get' | 'post'](path).set(rig.auth);
    const res = await (body ? req.send(body) : req);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'provider_rejected', provider: 'maxbot', connection: 'maxbot', providerMessage: message });
    expect(rig.sim.calls()).toHaveLength(1);
  });
});

describe('uploads: limits and type checks, nothing sent on any error', () => {
  const send = () => api().post('/v1/protocols/2345/messages').set(rig.auth);

  afterEach(() => expect(rig.sim.calls()).toHaveLength(0));

  it('a multipart file over the limit → 413', async () => {
    const big = Buffer.concat([OGG, Buffer.alloc(MAX_UPLOAD_BYTES)]);
    const res = await send().field('type', 'AUDIO').attach('file', big, { filename: 'long.ogg', contentType: 'audio/ogg' });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('a base64 file over the limit → 413 (the JSON body itself is within the route limit)', async () => {
    const big = Buffer.concat([OGG, Buffer.alloc(MAX_UPLOAD_BYTES)]).toString('base64');
    const res = await send().send({ type: 'AUDIO', fileBase64: big }).expect(413);
    expect(res.body).toMatchObject({ code: 'payload_too_large', errors: [{ field: 'file' }] });
  });

  it('a type off the list → 415', async () => {
    const res = await send().field('type', 'ATTACHMENT').attach('file', Buffer.from('MZ\x90\x00'), 'setup.exe').expect(415);
    expect(res.body).toMatchObject({
      code: 'unsupported_media_type',
      errors: [{ field: 'file', message: expect.stringContaining('is a .exe file') }],
    });
    const wav = await send()
      .send({ type: 'AUDIO', fileBase64: OGG.toString('base64'), filename: 'voz.wav' })
      .expect(415);
    expect(wav.body.errors[0].message).toContain('must be one of ogg, mp3');
  });

  it('content that is not what its name says → 415', async () => {
    const res = await send()
      .field('type', 'ATTACHMENT')
      .attach('file', PNG, { filename: 'contrato.pdf', contentType: 'application/pdf' })
      .expect(415);
    expect(res.body.detail).toContain('does not have the content of a .pdf file (its first bytes are png)');
  });

  it('a declared type that disagrees with the name → 415', async () => {
    const res = await send().field('type', 'AUDIO').attach('file', OGG, { filename: 'voz.ogg', contentType: 'image/png' }).expect(415);
    expect(res.body.detail).toContain('declared as image/png');
    const uri = await send()
      .send({ type: 'AUDIO', fileBase64: `data:audio/ogg;base64,${OGG.toString('base64')}`, contentType: 'audio/mpeg' })
      .expect(400);
    expect(uri.body.errors).toEqual([{ field: 'contentType', message: 'says audio/mpeg but the data URI says audio/ogg' }]);
  });

  it('a caption Maxbot cannot carry → 422 unsupported_field', async () => {
    const res = await send()
      .send({ type: 'AUDIO', text: 'ouça', fileBase64: OGG.toString('base64') })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'unsupported_field', errors: [{ field: 'text' }] });
  });

  it('malformed messages → 400 naming the field', async () => {
    const noText = await send().send({ type: 'TEXT' }).expect(400);
    expect(noText.body.errors).toEqual([{ field: 'text', message: 'is required for a TEXT message' }]);
    const noFile = await send().send({ type: 'AUDIO' }).expect(400);
    expect(noFile.body.errors[0].field).toBe('file');
    const jsonFile = await send().send({ type: 'AUDIO', file: 'T2dnUw==' }).expect(400);
    expect(jsonFile.body.errors).toEqual([{ field: 'file', message: expect.stringContaining('send the file as fileBase64') }]);
    const badBase64 = await send().send({ type: 'AUDIO', fileBase64: '%%%' }).expect(400);
    expect(badBase64.body.errors[0].field).toBe('fileBase64');
    const unnamed = await send()
      .send({ type: 'ATTACHMENT', fileBase64: XLS.toString('base64'), contentType: 'application/vnd.ms-excel' })
      .expect(400);
    expect(unnamed.body.errors[0].field).toBe('filename');
    const badType = await send().field('type', 'VIDEO').attach('file', OGG, 'a.ogg').expect(400);
    expect(badType.body.errors[0].field).toBe('type');
    const wrongPart = await send().field('type', 'AUDIO').attach('audio', OGG, 'a.ogg').expect(400);
    expect(wrongPart.body.code).toBe('validation_failed');
    const badId = await api().post('/v1/protocols/abc/messages').set(rig.auth).send({ type: 'TEXT', text: 'x' }).expect(400);
    expect(badId.body.errors).toEqual([{ field: 'id', message: 'must be a numeric Maxbot id' }]);
  });

  it('other writes refuse bad input too', async () => {
    const open = await api()
      .post('/v1/protocols')
      .set(rig.auth)
      .send({ contactId: '1', templateId: 'x', scheduleAt: '2030-12-01 13:00' })
      .expect(400);
    expect(open.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['scheduleAt', 'serviceSectorId', 'templateId']);
    const otp = await api()
      .post('/v1/protocols')
      .set(rig.auth)
      .send({ contactId: '1', templateId: '2', serviceSectorId: '1', otpCode: '12 34' })
      .expect(400);
    expect(otp.body.errors).toEqual([{ field: 'otpCode', message: 'must be 1 to 15 letters or digits' }]);
    const terminate = await api().post('/v1/protocols/2345/terminate').set(rig.auth).send({}).expect(400);
    expect(terminate.body.errors).toEqual([{ field: 'sendClosingMessage', message: 'is required' }]);
    const note = await api().post('/v1/protocols/2345/annotations').set(rig.auth).send({ text: '' }).expect(400);
    expect(note.body.errors[0].field).toBe('text');
  });
});

describe('service sectors and attendants', () => {
  it('GET /v1/service-sectors (get_service_sector): the weekly schedule, one object per weekday', async () => {
    const res = await api().get('/v1/service-sectors').set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_service_sector', {});
    // The doc's example has two sectors with id 2; they are kept as given.
    expect(res.body.data.map((s: { id: string; code: string }) => `${s.id}:${s.code}`)).toEqual(['1:CO', '2:LO', '2:MA']);
    const maintenance = res.body.data[2];
    // "operation_monday_answer": 2, "operation_sunday_answer": 0, "operation_sunday_shift1": "08:00-12:00",
    // "responsible_mobile_phone": "", "allow_service_with_unavailable_attendants": 1
    expect(maintenance).toEqual({
      id: '2',
      code: 'MA',
      name: 'Manutenção',
      responsible: { name: 'Dilson Lana', email: 'dilson@email.com', whatsapp: '+553122227766', mobilePhone: null, phoneExtension: '5400' },
      schedule: expect.objectContaining({
        monday: {
          answerMode: 'ALL_DAY',
          shifts: [
            { start: '08:00', end: '12:00' },
            { start: '13:00', end: '18:00' },
          ],
        },
        sunday: {
          answerMode: 'CLOSED',
          shifts: [
            { start: '08:00', end: '12:00' },
            { start: '13:00', end: '18:00' },
          ],
        },
      }),
      allowServiceWithUnavailableAttendants: true,
    });
    expect(Object.keys(maintenance.schedule)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
    expect(res.body.data[0].schedule.saturday.answerMode).toBe('SHIFTS');
  });

  it('GET /v1/attendants (get_attendant), paged', async () => {
    const res = await api().get('/v1/attendants').query({ limit: 2 }).set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_attendant', {});
    // "service_sector_id": [2,3], "status": 0
    expect(res.body.data).toEqual([
      { id: '1', name: 'Pedro Silva', serviceSectorIds: ['1'], collaboratorId: '1', available: true },
      { id: '2', name: 'José Nogueira', serviceSectorIds: ['2', '3'], collaboratorId: '2', available: false },
    ]);
    expect(res.body.pageInfo).toMatchObject({ hasNextPage: true, totalCount: 3 });
    const rest = await api().get('/v1/attendants').query({ limit: 2, cursor: res.body.pageInfo.nextCursor }).set(rig.auth).expect(200);
    expect(rest.body.data.map((a: { id: string }) => a.id)).toEqual(['3']);
  });
});

describe('GraphQL', () => {
  it('protocols resolves notes and dialog as fields; dialog takes type, direction and internal filters', async () => {
    const { data, errors } = await gql(
      rig.ponte.url,
      `query($from: String) {
        protocols(createdFrom: $from, createdTo: "2023-12-31", serviceSectorId: "2") {
          data {
            id situation contact { name whatsapp }
            notes { id text createdAt }
            media: dialog(types: [IMAGE, AUDIO, LOCATION, CONTACT_CARD]) { id type mediaUrl location { latitude longitude previewUrl } contacts { name phones } }
            attendantSide: dialog(direction: OUTBOUND, includeInternal: false) { id quoted { messageId type text mediaUrl } }
            everything: dialog { id internal }
          }
        }
      }`,
      { from: '2023-04-01' },
      rig.auth,
    );
    expect(errors).toBeUndefined();
    expectMaxbotCall(rig.sim, 'get_prot', { date_focus: '0', date_start: '2023-04-01', date_stop: '2023-12-31', sector_id: '2' });
    const [p] = data!.protocols.data;
    expect(p).toMatchObject({ id: '123', situation: 'CONCLUDED', contact: { name: 'Dilson Lana', whatsapp: '+5531911114324' } });
    // get_protocol_annotation's example annotations of protocol 123 are its notes.
    expect(p.notes.map((n: { text: string }) => n.text)).toEqual(['Anotação 03', 'Anotação 02', 'Anotação 01']);
    expect(p.media).toEqual([
      { id: '901', type: 'IMAGE', mediaUrl: expect.stringMatching(/\.png$/), location: null, contacts: [] },
      { id: '902', type: 'AUDIO', mediaUrl: expect.stringMatching(/\.ogg$/), location: null, contacts: [] },
      {
        id: '903',
        type: 'LOCATION',
        mediaUrl: null,
        location: { latitude: -19.9191, longitude: -43.9386, previewUrl: 'https://app.maxbot.com.br/anexos_docs/mapa-903.jpg' },
        contacts: [],
      },
      { id: '905', type: 'CONTACT_CARD', mediaUrl: null, location: null, contacts: [{ name: 'Keli Marchi', phones: ['+5531911116666'] }] },
    ]);
    expect(p.attendantSide).toEqual([
      {
        id: '904',
        quoted: { messageId: '3EB0123A000000000002', type: 'IMAGE', text: 'Foto da caixa', mediaUrl: expect.stringMatching(/\.png$/) },
      },
      { id: '905', quoted: null },
    ]);
    expect(p.everything).toHaveLength(7);
    expect(p.everything.filter((m: { internal: boolean }) => m.internal).map((m: { id: string }) => m.id)).toEqual(['906']);
  });

  it('the mutations and lists: open, message, annotate, list annotations, terminate; sectors and attendants', async () => {
    const opened = await gql(
      rig.ponte.url,
      `mutation { openProtocol(input: { contactId: "2", templateId: "4", serviceSectorId: "2", attendantId: "3" }) { id scheduled attendantId } }`,
      {},
      rig.auth,
    );
    expect(opened.errors).toBeUndefined();
    expectMaxbotCall(rig.sim, 'open_followup', { contact_id: 2, template_id: 4, sector_id: 2, attendant_id: 3, scheduled: 0 });
    const id = opened.data!.openProtocol.id as string;
    expect(opened.data!.openProtocol).toEqual({ id, scheduled: false, attendantId: '3' });

    const sent = await gql(
      rig.ponte.url,
      `mutation($id: String!, $in: SendProtocolMessageInput!) { sendProtocolMessage(protocolId: $id, input: $in) { type fileName fileSize fileUrl sentAt } }`,
      { id, in: { type: 'AUDIO', fileBase64: OGG.toString('base64'), contentType: 'audio/ogg', sentAt: '2024-12-18T23:39:43-03:00' } },
      rig.auth,
    );
    expect(sent.errors).toBeUndefined();
    expectMaxbotCall(rig.sim, 'send_chat_audio', {
      prot_id: id,
      audio_base64: `data:audio/ogg;base64,${OGG.toString('base64')}`,
      audio_ext: 'ogg',
      msg_date_sql: '2024-12-18 23:39:43',
    });
    expect(sent.data!.sendProtocolMessage).toMatchObject({
      type: 'AUDIO',
      fileName: 'audio',
      fileSize: OGG.length,
      sentAt: '2024-12-18T23:39:43-03:00',
    });

    const textMsg = await gql(
      rig.ponte.url,
      `mutation($id: String!) { sendProtocolMessage(protocolId: $id, input: { type: TEXT, text: "Olá!", sentAt: "2024-12-19T02:39:43Z" }) { type chatId } }`,
      { id },
      rig.auth,
    );
    expect(textMsg.data!.sendProtocolMessage.type).toBe('TEXT');
    expectMaxbotCall(rig.sim, 'send_chat_msg', { prot_id: id, msg: 'Olá!', msg_date_sql: '2024-12-18 23:39:43' });

    const note = await gql(
      rig.ponte.url,
      `mutation($id: String!) { addProtocolAnnotation(protocolId: $id, input: { text: "Via GraphQL" }) { id protocolId text } }`,
      { id },
      rig.auth,
    );
    expectMaxbotCall(rig.sim, 'put_protocol_annotation', { prot_id: id, anot_text: 'Via GraphQL' });
    expect(note.data!.addProtocolAnnotation).toMatchObject({ protocolId: id, text: 'Via GraphQL' });

    const notes = await gql(
      rig.ponte.url,
      `query($id: String!) { protocolAnnotations(protocolId: $id, limit: 5) { data { id text attendantName } pageInfo { totalCount } } }`,
      { id },
      rig.auth,
    );
    expect(notes.errors).toBeUndefined();
    expectMaxbotCall(rig.sim, 'get_protocol_annotation', { prot_id: id });
    expect(notes.data!.protocolAnnotations).toEqual({
      data: [{ id: note.data!.addProtocolAnnotation.id, text: 'Via GraphQL', attendantName: 'Antônio Prado' }],
      pageInfo: { totalCount: 1 },
    });

    const done = await gql(
      rig.ponte.url,
      `mutation($id: String!) { terminateProtocol(protocolId: $id, input: { sendClosingMessage: false }) { id closingMessageSent } }`,
      { id },
      rig.auth,
    );
    expectMaxbotCall(rig.sim, 'terminate_prot', { ind_env_msg: '0', prot_id: id });
    expect(done.data!.terminateProtocol).toEqual({ id, closingMessageSent: false });

    const sectors = await gql(
      rig.ponte.url,
      `{ serviceSectors(limit: 1) { data { name schedule { sunday { answerMode shifts { start end } } } } pageInfo { hasNextPage } } }`,
      {},
      rig.auth,
    );
    expectMaxbotCall(rig.sim, 'get_service_sector', {});
    expect(sectors.data!.serviceSectors).toEqual({
      data: [
        {
          name: 'Comercial',
          schedule: {
            sunday: {
              answerMode: 'SHIFTS',
              shifts: [
                { start: '08:00', end: '12:00' },
                { start: '13:00', end: '18:00' },
              ],
            },
          },
        },
      ],
      pageInfo: { hasNextPage: true },
    });
    const attendants = await gql(rig.ponte.url, `{ attendants { data { id available serviceSectorIds } } }`, {}, rig.auth);
    expectMaxbotCall(rig.sim, 'get_attendant', {});
    expect(attendants.data!.attendants.data[2]).toEqual({ id: '3', available: true, serviceSectorIds: ['1', '3', '8', '29'] });
  });

  it('errors carry the same code in extensions; bad input sends nothing', async () => {
    const noPeriod = await gql(rig.ponte.url, `{ protocols { data { id } } }`, {}, rig.auth);
    expect(noPeriod.errors![0].extensions).toMatchObject({ code: 'validation_failed', errors: [{ field: 'concludedFrom' }] });
    const badType = await gql(
      rig.ponte.url,
      `mutation { sendProtocolMessage(protocolId: "2345", input: { type: ATTACHMENT, fileBase64: "iVBORw0KGgo=", filename: "nota.pdf" }) { type } }`,
      {},
      rig.auth,
    );
    expect(badType.errors![0].extensions).toMatchObject({ code: 'unsupported_media_type', status: 415 });
    const badDialogArg = await gql(
      rig.ponte.url,
      `{ protocols(concludedFrom: "2020-08-31") { data { dialog(types: [SMOKE_SIGNAL]) { id } } } }`,
      {},
      rig.auth,
    );
    expect(badDialogArg.errors![0].extensions).toMatchObject({ code: 'validation_failed' });
    // A bad id names the argument the caller sent (REST's path parameter is `id`).
    for (const query of [
      `{ protocolAnnotations(protocolId: "abc") { data { id } } }`,
      `mutation { terminateProtocol(protocolId: "abc", input: { sendClosingMessage: false }) { id } }`,
    ]) {
      const badId = await gql(rig.ponte.url, query, {}, rig.auth);
      expect(badId.errors![0].extensions).toMatchObject({
        code: 'validation_failed',
        detail: 'protocolId: must be a numeric Maxbot id',
        errors: [{ field: 'protocolId', message: 'must be a numeric Maxbot id' }],
      });
    }
    expect(rig.sim.calls()).toHaveLength(0);
    const rejected = await gql(
      rig.ponte.url,
      `mutation { terminateProtocol(protocolId: "999999", input: { sendClosingMessage: true }) { id } }`,
      {},
      rig.auth,
    );
    expect(rejected.errors![0].extensions).toMatchObject({
      code: 'provider_rejected',
      providerMessage: 'Protocolo não encontrado: 999999',
    });
  });
});

describe('dry run', () => {
  it('Prefer: dry-run shows the planned send_chat_annex with the token redacted, sending nothing', async () => {
    const res = await api()
      .post('/v1/protocols/2345/messages')
      .set(rig.auth)
      .set('Prefer', 'dry-run')
      .send({ type: 'ATTACHMENT', fileBase64: XLS.toString('base64'), filename: 'planilha.xls', sentAt: '2024-12-18T23:39:43-03:00' })
      .expect(200);
    expect(res.body.requests[0].body).toEqual({
      token: '[REDACTED]',
      cmd: 'send_chat_annex',
      prot_id: '2345',
      annex_name: 'planilha.xls',
      annex_base64: `data:application/vnd.ms-excel;base64,${XLS.toString('base64')}`,
      annex_ext: 'xls',
      annex_type: 'F',
      msg_date_sql: '2024-12-18 23:39:43',
    });
    expect(rig.sim.calls()).toHaveLength(0);
  });
});
