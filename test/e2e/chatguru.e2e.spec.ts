/**
 * ChatGuru end to end: real HTTP to the built gateway, which talks real HTTP to the ChatGuru
 * simulator. Every operation goes through REST and GraphQL; each test checks the normalized answer
 * and the exact request the simulator received — `POST /api/v1`, no body, every parameter in the
 * query string (key, account_id, phone_id, action, …) compared pair by pair, as chatguru.txt's
 * URLs show them — then what ChatGuru cannot do or carry, dry runs, and every way it can fail.
 */
import request from 'supertest';
import { CHATGURU_SEED } from '../../src/sandbox/chatguru/chatguru.simulator';
import { expectChatguruCall, startChatguruRig, type ChatguruRig } from '../helpers/chatguru';
import { gql } from '../helpers/graphql';
import { startPonte, type PonteProcess } from '../helpers/ponte';

/** chatguru.txt's example chat number ("ex. 5511999999999"), seeded in the simulator. */
const CHAT = CHATGURU_SEED.chatNumber;

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `urn:ponte:problem:${code}`, status, code, detail: expect.any(String) });
}

describe('ChatGuru', () => {
  let rig: ChatguruRig;
  const api = () => request(rig.ponte.url);

  beforeAll(async () => {
    rig = await startChatguruRig({
      extraConnections: [
        {
          id: 'manaus',
          provider: 'chatguru',
          baseUrl: '${TEST_CHATGURU_URL}',
          key: '${TEST_CHATGURU_KEY}',
          accountId: 'abc',
          phoneId: 'def',
          timezone: 'America/Manaus',
        },
        {
          id: 'wrong-key',
          provider: 'chatguru',
          baseUrl: '${TEST_CHATGURU_URL}',
          key: 'cg-not-the-key-1234',
          accountId: 'abc',
          phoneId: 'def',
        },
        {
          id: 'wrong-phone',
          provider: 'chatguru',
          baseUrl: '${TEST_CHATGURU_URL}',
          key: '${TEST_CHATGURU_KEY}',
          accountId: 'abc',
          phoneId: 'not-our-phone',
        },
        {
          id: 'slow',
          provider: 'chatguru',
          baseUrl: '${TEST_CHATGURU_URL}',
          key: '${TEST_CHATGURU_KEY}',
          accountId: 'abc',
          phoneId: 'def',
          timeoutMs: 700,
        },
        {
          id: 'dead',
          provider: 'chatguru',
          baseUrl: 'http://127.0.0.1:9/api/v1',
          key: 'cg-dead-key-1234',
          accountId: 'abc',
          phoneId: 'def',
        },
      ],
      // Every upstream call on the log: the key must still never appear in it.
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
    rig.sim.chatAddEnabled = true;
  });

  describe('POST /v1/contacts → chat_add, a registration polled with chat_add_status', () => {
    it('202 + Location; the registration goes PENDING → DONE; the chat then exists with its message, user and dialog', async () => {
      const res = await api()
        .post('/v1/contacts')
        .set(rig.auth)
        .send({
          firstName: 'Ana',
          lastName: 'Souza',
          whatsapp: '+55 (31) 97777-6666',
          initialMessage: 'Olá, Ana! Seu cadastro está pronto.',
          assignToUserId: '5dd69c2300078e1be17fffd5',
          dialogId: '5f3e2a1b9c8d7e6f5a4b3c2d',
        })
        .expect(202);
      // chatguru.txt: ...&action=chat_add&name=NAME&text=TEXT&chat_number=CHAT_NUMBER&user_id=USER_ID&dialog_id=DIALOG_ID
      expectChatguruCall(rig.sim, rig.sim.calls()[0], 'chat_add', [
        ['name', 'Ana Souza'],
        ['text', 'Olá, Ana! Seu cadastro está pronto.'],
        ['chat_number', '5531977776666'],
        ['user_id', '5dd69c2300078e1be17fffd5'],
        ['dialog_id', '5f3e2a1b9c8d7e6f5a4b3c2d'],
      ]);
      const id = res.body.id as string;
      expect(id).toMatch(/^[0-9a-f]{24}$/);
      expect(res.headers.location).toBe(`/v1/contacts/registrations/${id}?connection=chatguru`);
      expect(res.body).toEqual({
        id,
        status: 'PENDING',
        platformStatus: 'pending',
        description: 'Chat cadastrado para inclusão com sucesso!',
        contactId: null,
      });
      expect(rig.sim.chats.has('5531977776666')).toBe(false);

      const first = await api().get(res.headers.location).set(rig.auth).expect(200);
      // chatguru.txt: ...&action=chat_add_status&chat_add_id=CHAT_ADD_ID (no chat_number in the doc's URL)
      expectChatguruCall(rig.sim, rig.sim.calls()[1], 'chat_add_status', [['chat_add_id', id]]);
      expect(first.body).toMatchObject({ id, status: 'PENDING', platformStatus: 'pending' });

      const second = await api().get(res.headers.location).set(rig.auth).expect(200);
      expect(second.body).toEqual({
        id,
        status: 'DONE',
        platformStatus: 'done',
        description: 'Chat adicionado com sucesso!',
        contactId: null,
      });
      const chat = rig.sim.chats.get('5531977776666')!;
      expect(chat).toMatchObject({ name: 'Ana Souza', userId: '5dd69c2300078e1be17fffd5', dialogs: ['5f3e2a1b9c8d7e6f5a4b3c2d'] });
      expect(
        [...rig.sim.messages.values()].some((m) => m.chatNumber === '5531977776666' && m.text === 'Olá, Ana! Seu cadastro está pronto.'),
      ).toBe(true);
    });

    it('user_id and dialog_id are sent only when given', async () => {
      await api()
        .post('/v1/contacts')
        .set(rig.auth)
        .send({ firstName: 'Bia', whatsapp: '11 96666-5555', initialMessage: 'Oi' })
        .expect(202);
      expectChatguruCall(rig.sim, rig.sim.calls()[0], 'chat_add', [
        ['name', 'Bia'],
        ['text', 'Oi'],
        ['chat_number', '5511966665555'],
      ]);
    });

    it("a number that already has a chat: the registration ends FAILED with ChatGuru's description", async () => {
      const res = await api()
        .post('/v1/contacts')
        .set(rig.auth)
        .send({ firstName: 'Outra', whatsapp: `+${CHAT}`, initialMessage: 'Oi' })
        .expect(202);
      await api().get(`/v1/contacts/registrations/${res.body.id}`).set(rig.auth).expect(200);
      const done = await api().get(`/v1/contacts/registrations/${res.body.id}`).set(rig.auth).expect(200);
      expect(done.body).toEqual({
        id: res.body.id,
        status: 'FAILED',
        platformStatus: 'error',
        description: `O chat ${CHAT} já existe.`,
        contactId: null,
      });
    });

    it("the doc's registration example is DONE; an unknown one → 404 not_found", async () => {
      const example = await api().get(`/v1/contacts/registrations/${CHATGURU_SEED.registrationId}`).set(rig.auth).expect(200);
      expect(example.body).toMatchObject({ status: 'DONE', description: 'Chat adicionado com sucesso!' });
      const unknown = await api().get('/v1/contacts/registrations/000000000000000000000000').set(rig.auth);
      expectProblem(unknown, 404, 'not_found');
      expect(unknown.body).toMatchObject({ provider: 'chatguru', providerMessage: 'Cadastro de chat não encontrado.' });
    });

    it('missing number, name or first message → 400; fields chat_add cannot carry → 422; nothing sent', async () => {
      const missing = await api().post('/v1/contacts').set(rig.auth).send({ firstName: 'A' });
      expectProblem(missing, 400, 'validation_failed');
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['whatsapp', 'initialMessage']);
      const extra = await api()
        .post('/v1/contacts')
        .set(rig.auth)
        .send({
          firstName: 'A',
          whatsapp: '+5511988887777',
          initialMessage: 'Oi',
          email: 'a@b.com',
          customFields: [{ name: 'x', value: '1' }],
        });
      expectProblem(extra, 422, 'unsupported_field');
      expect(extra.body).toMatchObject({
        provider: 'chatguru',
        errors: [
          { field: 'customFields', message: 'is not supported by ChatGuru chat_add' },
          { field: 'email', message: 'is not supported by ChatGuru chat_add' },
        ],
      });
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('"Adicionar Chats" not enabled on the account → 422 provider_rejected with its description', async () => {
      rig.sim.chatAddEnabled = false;
      const res = await api().post('/v1/contacts').set(rig.auth).send({ firstName: 'A', whatsapp: '+5511988887777', initialMessage: 'Oi' });
      expectProblem(res, 422, 'provider_rejected');
      expect(res.body).toMatchObject({
        provider: 'chatguru',
        connection: 'chatguru',
        providerStatus: 403,
        providerCode: 403,
        providerMessage: 'O recurso "Adicionar Chats" não está ativo nesta conta.',
      });
    });
  });

  describe('PATCH /v1/contacts/{id} → chat_update_custom_fields (id = the chat number)', () => {
    it('one field__NAME per custom field; the id in any phone form', async () => {
      for (const id of [CHAT, `+${CHAT}`, '(11)99999-9999', '11999999999']) {
        rig.sim.clearRequests();
        const res = await api()
          .patch(`/v1/contacts/${encodeURIComponent(id)}`)
          .set(rig.auth)
          .send({
            customFields: [
              { name: 'NOME_DO_CAMPO', value: 'Plano Ouro & Prata + 10%' },
              { name: 'cidade', value: 'São Paulo' },
            ],
          })
          .expect(200);
        expect(res.body).toEqual({ id: CHAT, updatedFields: ['customFields'] });
        // chatguru.txt: ...&action=chat_update_custom_fields&chat_number=NUMERODOCHAT&field__NOME_DO_CAMPO=NOMEDOCAMPO
        expectChatguruCall(rig.sim, rig.sim.calls()[0], 'chat_update_custom_fields', [
          ['chat_number', CHAT],
          ['field__NOME_DO_CAMPO', 'Plano Ouro & Prata + 10%'],
          ['field__cidade', 'São Paulo'],
        ]);
      }
      expect(rig.sim.chats.get(CHAT)!.customFields).toMatchObject({ NOME_DO_CAMPO: 'Plano Ouro & Prata + 10%', cidade: 'São Paulo' });
    });

    it('null is sent as an empty value (clears the field)', async () => {
      await api()
        .patch(`/v1/contacts/${CHAT}`)
        .set(rig.auth)
        .send({ customFields: [{ name: 'cidade', value: null }] })
        .expect(200);
      expectChatguruCall(rig.sim, rig.sim.calls()[0], 'chat_update_custom_fields', [
        ['chat_number', CHAT],
        ['field__cidade', ''],
      ]);
      expect(rig.sim.chats.get(CHAT)!.customFields.cidade).toBe('');
    });

    it('other contact fields → 422; no custom field → 400; an id that is no number → 400; nothing sent', async () => {
      const other = await api()
        .patch(`/v1/contacts/${CHAT}`)
        .set(rig.auth)
        .send({ firstName: 'Novo', customFields: [{ name: 'a', value: '1' }] });
      expectProblem(other, 422, 'unsupported_field');
      expect(other.body.errors).toEqual([{ field: 'firstName', message: 'is not supported by ChatGuru chat_update_custom_fields' }]);
      expectProblem(await api().patch(`/v1/contacts/${CHAT}`).set(rig.auth).send({}), 400, 'validation_failed');
      const badId = await api()
        .patch('/v1/contacts/5e52b639600ce7d9be01f6cd')
        .set(rig.auth)
        .send({ customFields: [{ name: 'a', value: '1' }] });
      expectProblem(badId, 400, 'validation_failed');
      expect(badId.body.errors).toEqual([{ field: 'id', message: expect.stringContaining("chat's WhatsApp number") }]);
      // initialMessage & co. exist on creation only.
      const createOnly = await api().patch(`/v1/contacts/${CHAT}`).set(rig.auth).send({ initialMessage: 'x' });
      expectProblem(createOnly, 400, 'validation_failed');
      expect(createOnly.body.errors).toEqual([{ field: 'initialMessage', message: 'is not a known field' }]);
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('an unknown chat → 422 provider_rejected with the description', async () => {
      const res = await api()
        .patch('/v1/contacts/5521955554444')
        .set(rig.auth)
        .send({ customFields: [{ name: 'a', value: '1' }] });
      expectProblem(res, 422, 'provider_rejected');
      expect(res.body).toMatchObject({ providerStatus: 400, providerCode: 400, providerMessage: 'Chat 5521955554444 não encontrado.' });
    });
  });

  describe('POST /v1/contacts/{id}/notes → note_add', () => {
    it('note_text and chat_number; answers the note with its id', async () => {
      const res = await api()
        .post(`/v1/contacts/${encodeURIComponent(`+${CHAT}`)}/notes`)
        .set(rig.auth)
        .send({ text: 'Cliente pediu retorno amanhã às 10h — ligar p/ João & Maria' })
        .expect(201);
      expectChatguruCall(rig.sim, rig.sim.calls()[0], 'note_add', [
        ['note_text', 'Cliente pediu retorno amanhã às 10h — ligar p/ João & Maria'],
        ['chat_number', CHAT],
      ]);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        contactId: CHAT,
        text: 'Cliente pediu retorno amanhã às 10h — ligar p/ João & Maria',
      });
      expect(rig.sim.chats.get(CHAT)!.notes.at(-1)).toEqual({ id: res.body.id, text: res.body.text });
    });
  });

  describe('POST /v1/messages → message_send and message_file_send', () => {
    it('an uploaded file is a 422 on file (message_file_send takes a file_url); nothing sent', async () => {
      const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n');
      const res = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .field('type', 'file')
        .field('to[whatsapp]', '+5511999999999')
        .attach('file', pdf, { filename: 'boleto.pdf', contentType: 'application/pdf' })
        .expect(422);
      expect(res.body).toMatchObject({
        code: 'unsupported_field',
        provider: 'chatguru',
        errors: [{ field: 'file', message: 'is not supported by ChatGuru message_file_send (give media.url)' }],
      });
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('text now: text and chat_number; the receipt has the message id; GET /v1/messages/{id} → message_status', async () => {
      const res = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .send({ type: 'text', to: { whatsapp: '+55 11 99999-9999' }, text: 'Olá' })
        .expect(202);
      expectChatguruCall(rig.sim, rig.sim.calls()[0], 'message_send', [
        ['text', 'Olá'],
        ['chat_number', CHAT],
      ]);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        status: 'ACCEPTED',
        scheduledAt: null,
        connection: 'chatguru',
        platform: 'chatguru',
      });
      // The receipt points at the message's status, on its connection.
      expect(res.headers.location).toBe(`/v1/messages/${res.body.id}?connection=chatguru`);
      const status = await api().get(res.headers.location).set(rig.auth).expect(200);
      // chatguru.txt: ...&action=message_status&message_id=MESSAGE_ID
      expectChatguruCall(rig.sim, rig.sim.calls()[1], 'message_status', [['message_id', res.body.id]]);
      expect(status.body).toEqual({ id: res.body.id, status: 'SENT', platformStatus: 'sent' });
    });

    it('scheduled: send_date "YYYY-MM-DD HH:MM" in the connection timezone; SCHEDULED with scheduledAt', async () => {
      const res = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .send({ type: 'text', to: { whatsapp: `+${CHAT}` }, text: 'Lembrete', scheduleAt: '2030-12-01T16:00:30Z' })
        .expect(202);
      // chatguru.txt: ...&action=message_send&send_date=SEND_DATE&text=TEXT&chat_number=CHAT_NUMBER
      expectChatguruCall(rig.sim, rig.sim.calls()[0], 'message_send', [
        ['send_date', '2030-12-01 13:00'],
        ['text', 'Lembrete'],
        ['chat_number', CHAT],
      ]);
      expect(rig.sim.calls()[0].rawQuery).toContain('send_date=2030-12-01%2013%3A00');
      expect(res.body).toMatchObject({ status: 'SCHEDULED', scheduledAt: '2030-12-01T13:00:00-03:00' });
      const status = await api().get(`/v1/messages/${res.body.id}`).set(rig.auth).expect(200);
      expect(status.body).toEqual({ id: res.body.id, status: 'SCHEDULED', platformStatus: 'scheduled' });

      rig.sim.clearRequests();
      const manaus = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .set('X-Connection', 'manaus')
        .send({ type: 'text', to: { whatsapp: `+${CHAT}` }, text: 'Lembrete', scheduleAt: '2030-12-01T16:00:00Z' })
        .expect(202);
      expectChatguruCall(rig.sim, rig.sim.calls()[0], 'message_send', [
        ['send_date', '2030-12-01 12:00'],
        ['text', 'Lembrete'],
        ['chat_number', CHAT],
      ]);
      expect(manaus.body).toMatchObject({ status: 'SCHEDULED', scheduledAt: '2030-12-01T12:00:00-04:00', connection: 'manaus' });
    });

    it('a scheduleAt already gone by is refused before anything is sent; a few seconds back (clock difference) is taken', async () => {
      rig.sim.clearRequests();
      const past = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .send({ type: 'text', to: { whatsapp: `+${CHAT}` }, text: 'Lembrete', scheduleAt: new Date(Date.now() - 5 * 60_000).toISOString() })
        .expect(400);
      expect(past.body.errors).toEqual([{ field: 'scheduleAt', message: 'is in the past: leave it out to send now' }]);
      expect(rig.sim.calls()).toHaveLength(0);
      const skewed = await gql(
        rig.ponte.url,
        `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { status } }`,
        {
          input: { type: 'TEXT', to: { whatsapp: `+${CHAT}` }, text: 'Lembrete', scheduleAt: new Date(Date.now() - 20_000).toISOString() },
        },
        rig.auth,
      );
      expect(skewed.errors).toBeUndefined();
      expect(rig.sim.calls()).toHaveLength(1);
    });

    it('URL-encoding: accents, spaces, +, &, =, %, #, ?, line breaks and emoji reach ChatGuru intact', async () => {
      const text = 'Olá, João! 50% off + frete grátis & brinde = 🎁 #promo?\nLinha 2: a+b=c; d&e';
      await api()
        .post('/v1/messages')
        .set(rig.auth)
        .send({ type: 'text', to: { whatsapp: `+${CHAT}` }, text })
        .expect(202);
      expectChatguruCall(rig.sim, rig.sim.calls()[0], 'message_send', [
        ['text', text],
        ['chat_number', CHAT],
      ]);
      expect(rig.sim.calls()[0].rawQuery).toContain('%2B%20frete%20gr%C3%A1tis%20%26%20brinde%20%3D%20%F0%9F%8E%81%20%23promo%3F%0ALinha');
      expect([...rig.sim.messages.values()].at(-1)!.text).toBe(text);
    });

    it('image, file and audio → message_file_send with file_url and caption', async () => {
      const image = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .send({
          type: 'image',
          to: { whatsapp: `+${CHAT}` },
          media: { url: 'https://www.meusite.com.br/foto.png?size=1&v=2', caption: 'Nossa loja' },
        })
        .expect(202);
      expectChatguruCall(rig.sim, rig.sim.calls()[0], 'message_file_send', [
        ['file_url', 'https://www.meusite.com.br/foto.png?size=1&v=2'],
        ['caption', 'Nossa loja'],
        ['chat_number', CHAT],
      ]);
      expect(image.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        status: 'ACCEPTED',
        scheduledAt: null,
        connection: 'chatguru',
        platform: 'chatguru',
      });
      // chatguru.txt: "caption — Nome do seu arquivo"
      await api()
        .post('/v1/messages')
        .set(rig.auth)
        .send({
          type: 'file',
          to: { whatsapp: `+${CHAT}` },
          media: { url: 'https://www.meusite.com.br/contrato.pdf', fileName: 'Contrato nº 12.pdf' },
        })
        .expect(202);
      expectChatguruCall(rig.sim, rig.sim.calls()[1], 'message_file_send', [
        ['file_url', 'https://www.meusite.com.br/contrato.pdf'],
        ['caption', 'Contrato nº 12.pdf'],
        ['chat_number', CHAT],
      ]);
      await api()
        .post('/v1/messages')
        .set(rig.auth)
        .send({ type: 'audio', to: { whatsapp: `+${CHAT}` }, media: { url: 'https://www.meusite.com.br/audio.mp3' } })
        .expect(202);
      expectChatguruCall(rig.sim, rig.sim.calls()[2], 'message_file_send', [
        ['file_url', 'https://www.meusite.com.br/audio.mp3'],
        ['chat_number', CHAT],
      ]);
    });

    it('fields ChatGuru cannot carry → 422 unsupported_field; another recipient → 400; nothing sent', async () => {
      const to = { whatsapp: `+${CHAT}` };
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [{ type: 'text', to, text: 'x', channelToken: 'AAAA-BBBB' }, ['channelToken']],
        [{ type: 'text', to, text: 'x', openTicket: true, queueId: '3' }, ['openTicket', 'queueId']],
        [{ type: 'image', to, media: { url: 'https://x.example/a.png', extension: 'png' } }, ['media.extension']],
        [{ type: 'file', to, media: { url: 'https://x.example/a.pdf' }, scheduleAt: '2030-12-01T13:00:00-03:00' }, ['scheduleAt']],
        [{ type: 'file', to, media: { url: 'https://x.example/a.pdf', caption: 'a', fileName: 'b.pdf' } }, ['media.fileName']],
      ];
      for (const [body, fields] of cases) {
        const res = await api().post('/v1/messages').set(rig.auth).send(body);
        expectProblem(res, 422, 'unsupported_field');
        expect(res.body.provider).toBe('chatguru');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
      }
      const other = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .send({ type: 'text', to: { externalId: '1234' }, text: 'x' });
      expectProblem(other, 400, 'validation_failed');
      expect(other.body.errors).toEqual([{ field: 'to.externalId', message: expect.stringContaining('reaches a recipient by whatsapp') }]);
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('a chat that does not exist → 422 provider_rejected; an unknown message id → 404 not_found', async () => {
      const res = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .send({ type: 'text', to: { whatsapp: '+5521955554444' }, text: 'Oi' });
      expectProblem(res, 422, 'provider_rejected');
      expect(res.body).toMatchObject({ provider: 'chatguru', providerMessage: 'Chat 5521955554444 não encontrado.' });
      const unknown = await api().get('/v1/messages/ffffffffffffffffffffffff').set(rig.auth);
      expectProblem(unknown, 404, 'not_found');
      expect(unknown.body.providerMessage).toBe('Mensagem não encontrada.');
    });

    it("the doc's message example answers SENT", async () => {
      const res = await api().get(`/v1/messages/${CHATGURU_SEED.messageId}`).set(rig.auth).expect(200);
      expect(res.body).toEqual({ id: CHATGURU_SEED.messageId, status: 'SENT', platformStatus: 'sent' });
    });
  });

  describe('POST /v1/dialogs/{id}/executions → dialog_execute', () => {
    it('dialog_id and chat_number; answers the execution', async () => {
      const res = await api()
        .post('/v1/dialogs/5f3e2a1b9c8d7e6f5a4b3c2d/executions')
        .set(rig.auth)
        .send({ to: { whatsapp: `+${CHAT}` } })
        .expect(202);
      expectChatguruCall(rig.sim, rig.sim.calls()[0], 'dialog_execute', [
        ['dialog_id', '5f3e2a1b9c8d7e6f5a4b3c2d'],
        ['chat_number', CHAT],
      ]);
      expect(res.body).toEqual({ dialogId: '5f3e2a1b9c8d7e6f5a4b3c2d', description: 'Diálogo executado' });
      expect(rig.sim.chats.get(CHAT)!.dialogs.at(-1)).toBe('5f3e2a1b9c8d7e6f5a4b3c2d');
    });
  });

  describe('GraphQL', () => {
    it('createContact (a ContactRegistration) and contactRegistration until DONE', async () => {
      const created = await gql(
        rig.ponte.url,
        `mutation($in: CreateContactInput!) { createContact(input: $in) { __typename ... on ContactRegistration { id status platformStatus description contactId } } }`,
        { in: { firstName: 'Gui', whatsapp: '+55 21 94444-3333', initialMessage: 'Bem-vindo!', dialogId: 'dlg-1' } },
        rig.auth,
      );
      expect(created.errors).toBeUndefined();
      const reg = created.data!.createContact;
      expect(reg).toEqual({
        __typename: 'ContactRegistration',
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        status: 'PENDING',
        platformStatus: 'pending',
        description: 'Chat cadastrado para inclusão com sucesso!',
        contactId: null,
      });
      expectChatguruCall(rig.sim, rig.sim.calls()[0], 'chat_add', [
        ['name', 'Gui'],
        ['text', 'Bem-vindo!'],
        ['chat_number', '5521944443333'],
        ['dialog_id', 'dlg-1'],
      ]);
      const statuses: string[] = [];
      for (let i = 0; i < 2; i++) {
        const polled = await gql(
          rig.ponte.url,
          `query($id: String!) { contactRegistration(id: $id) { id status description } }`,
          { id: reg.id },
          rig.auth,
        );
        statuses.push(polled.data!.contactRegistration.status);
      }
      expect(statuses).toEqual(['PENDING', 'DONE']);
      expectChatguruCall(rig.sim, rig.sim.calls()[2], 'chat_add_status', [['chat_add_id', reg.id]]);
    });

    it('updateContact and addContactNote', async () => {
      const updated = await gql(
        rig.ponte.url,
        `mutation($id: String!) { updateContact(id: $id, connection: "chatguru", input: { customFields: [{ name: "plano", value: "ouro" }] }) { id updatedFields } }`,
        { id: `+${CHAT}` },
        rig.auth,
      );
      expect(updated.data!.updateContact).toEqual({ id: CHAT, updatedFields: ['customFields'] });
      expectChatguruCall(rig.sim, rig.sim.calls()[0], 'chat_update_custom_fields', [
        ['chat_number', CHAT],
        ['field__plano', 'ouro'],
      ]);
      const note = await gql(
        rig.ponte.url,
        `mutation { addContactNote(contactId: "${CHAT}", input: { text: "Nota via GraphQL" }) { id contactId text } }`,
        {},
        rig.auth,
      );
      expect(note.data!.addContactNote).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), contactId: CHAT, text: 'Nota via GraphQL' });
      expectChatguruCall(rig.sim, rig.sim.calls()[1], 'note_add', [
        ['note_text', 'Nota via GraphQL'],
        ['chat_number', CHAT],
      ]);
    });

    it('sendMessage (text scheduled, file), message and executeDialog', async () => {
      const text = await gql(
        rig.ponte.url,
        `mutation($in: SendMessageInput!) { sendMessage(input: $in) { id status scheduledAt connection platform } }`,
        { in: { type: 'TEXT', to: { whatsapp: `+${CHAT}` }, text: 'Até já + obrigado', scheduleAt: '2030-12-24T09:15:00-03:00' } },
        rig.auth,
      );
      expect(text.errors).toBeUndefined();
      expect(text.data!.sendMessage).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        status: 'SCHEDULED',
        scheduledAt: '2030-12-24T09:15:00-03:00',
        connection: 'chatguru',
        platform: 'chatguru',
      });
      expectChatguruCall(rig.sim, rig.sim.calls()[0], 'message_send', [
        ['send_date', '2030-12-24 09:15'],
        ['text', 'Até já + obrigado'],
        ['chat_number', CHAT],
      ]);

      const file = await gql(
        rig.ponte.url,
        `mutation { sendMessage(input: { type: FILE, to: { whatsapp: "${CHAT}" }, media: { url: "https://x.example/boleto.pdf", caption: "Boleto" } }) { id status } }`,
        {},
        rig.auth,
      );
      expect(file.data!.sendMessage).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), status: 'ACCEPTED' });
      expectChatguruCall(rig.sim, rig.sim.calls()[1], 'message_file_send', [
        ['file_url', 'https://x.example/boleto.pdf'],
        ['caption', 'Boleto'],
        ['chat_number', CHAT],
      ]);

      const status = await gql(
        rig.ponte.url,
        `query($id: String!) { message(id: $id) { id status platformStatus } }`,
        { id: file.data!.sendMessage.id },
        rig.auth,
      );
      expect(status.data!.message).toEqual({ id: file.data!.sendMessage.id, status: 'SENT', platformStatus: 'sent' });
      expectChatguruCall(rig.sim, rig.sim.calls()[2], 'message_status', [['message_id', file.data!.sendMessage.id]]);

      const dialog = await gql(
        rig.ponte.url,
        `mutation { executeDialog(dialogId: "dlg-9", input: { to: { whatsapp: "+${CHAT}" } }) { dialogId description } }`,
        {},
        rig.auth,
      );
      expect(dialog.data!.executeDialog).toEqual({ dialogId: 'dlg-9', description: 'Diálogo executado' });
      expectChatguruCall(rig.sim, rig.sim.calls()[3], 'dialog_execute', [
        ['dialog_id', 'dlg-9'],
        ['chat_number', CHAT],
      ]);
    });

    it('problems carry their code: unsupported_field, provider_rejected, unsupported_operation, dry_run', async () => {
      const unsupported = await gql(
        rig.ponte.url,
        `mutation { sendMessage(input: { type: TEXT, to: { whatsapp: "+${CHAT}" }, text: "x", openTicket: true }) { id } }`,
        {},
        rig.auth,
      );
      expect(unsupported.errors![0].extensions).toMatchObject({ code: 'unsupported_field', errors: [{ field: 'openTicket' }] });
      const rejected = await gql(
        rig.ponte.url,
        `mutation { addContactNote(contactId: "5521955554444", input: { text: "x" }) { id } }`,
        {},
        rig.auth,
      );
      expect(rejected.errors![0].extensions).toMatchObject({
        code: 'provider_rejected',
        providerMessage: 'Chat 5521955554444 não encontrado.',
      });
      const list = await gql(rig.ponte.url, `{ contacts(connection: "chatguru") { data { id } } }`, {}, rig.auth);
      expect(list.errors![0].extensions).toMatchObject({ code: 'unsupported_operation', connections: ['maxbot', 'okeybot'] });
      const dry = await gql(
        rig.ponte.url,
        `mutation { executeDialog(dialogId: "dlg-1", input: { to: { whatsapp: "+${CHAT}" } }) { dialogId } }`,
        {},
        { ...rig.auth, Prefer: 'dry-run' },
      );
      expect(dry.errors![0].extensions).toMatchObject({
        code: 'dry_run',
        connection: 'chatguru',
        requests: [
          {
            method: 'POST',
            url: `${rig.sim.apiUrl}?key=[REDACTED]&account_id=abc&phone_id=def&action=dialog_execute&dialog_id=dlg-1&chat_number=${CHAT}`,
            headers: {},
          },
        ],
      });
      expect(rig.sim.calls()).toHaveLength(1);
    });
  });

  describe('Prefer: dry-run answers the exact request, key redacted, and sends nothing', () => {
    it('every write shows its URL with key=[REDACTED]', async () => {
      const base = `${rig.sim.apiUrl}?key=[REDACTED]&account_id=abc&phone_id=def`;
      const cases: Array<[string, string, Record<string, unknown>, string]> = [
        [
          'post',
          '/v1/messages',
          { type: 'text', to: { whatsapp: `+${CHAT}` }, text: 'Olá & até + já', scheduleAt: '2030-12-01T16:00:00Z' },
          `${base}&action=message_send&send_date=2030-12-01%2013%3A00&text=Ol%C3%A1%20%26%20at%C3%A9%20%2B%20j%C3%A1&chat_number=${CHAT}`,
        ],
        [
          'post',
          '/v1/messages',
          { type: 'image', to: { whatsapp: `+${CHAT}` }, media: { url: 'https://x.example/a.png' } },
          `${base}&action=message_file_send&file_url=https%3A%2F%2Fx.example%2Fa.png&chat_number=${CHAT}`,
        ],
        [
          'post',
          '/v1/contacts',
          { firstName: 'Ana', whatsapp: '+5531977776666', initialMessage: 'Oi' },
          `${base}&action=chat_add&name=Ana&text=Oi&chat_number=5531977776666`,
        ],
        [
          'patch',
          `/v1/contacts/${CHAT}`,
          { customFields: [{ name: 'plano', value: 'ouro' }] },
          `${base}&action=chat_update_custom_fields&chat_number=${CHAT}&field__plano=ouro`,
        ],
        ['post', `/v1/contacts/${CHAT}/notes`, { text: 'Nota' }, `${base}&action=note_add&note_text=Nota&chat_number=${CHAT}`],
        [
          'post',
          '/v1/dialogs/d1/executions',
          { to: { whatsapp: `+${CHAT}` } },
          `${base}&action=dialog_execute&dialog_id=d1&chat_number=${CHAT}`,
        ],
      ];
      for (const [method, path, body, url] of cases) {
        const res = await api()[method as 'post' | 'patch'](path).set(rig.auth).set('Prefer', 'dry-run').send(body).expect(200);
        expect(res.headers['preference-applied']).toBe('dry-run');
        expect(res.body).toEqual({
          dryRun: true,
          connection: 'chatguru',
          provider: 'chatguru',
          requests: [{ method: 'POST', url, headers: {} }],
        });
        const shown = JSON.stringify(res.body);
        expect(shown).not.toContain(rig.sim.key);
        expect(shown).not.toContain(encodeURIComponent(rig.sim.key));
      }
      expect(rig.sim.calls()).toHaveLength(0);
    });
  });

  describe('operations ChatGuru does not have → 501 naming the connections that can', () => {
    it.each([
      ['GET', '/v1/contacts', undefined, 'listContacts', ['maxbot', 'okeybot']],
      ['GET', `/v1/contacts/${CHAT}`, undefined, 'getContact', ['okeybot']],
      ['DELETE', `/v1/contacts/${CHAT}`, undefined, 'deleteContacts', ['maxbot']],
      ['POST', `/v1/contacts/${CHAT}/tags`, { tags: ['vip'] }, 'addContactTags', ['okeybot']],
      ['POST', `/v1/contacts/${CHAT}/segmentations`, { segmentationIds: ['113'] }, 'addContactSegmentations', ['maxbot']],
      ['GET', '/v1/segmentations', undefined, 'listSegmentations', ['maxbot']],
      ['POST', '/v1/messages/template', { to: { contactId: '3' }, templateId: '3' }, 'sendTemplate', ['maxbot']],
      ['POST', '/v1/messages/sms', { to: { phone: '+5531991234567' }, text: 'Oi' }, 'sendSms', ['maxbot']],
      ['GET', '/v1/templates', undefined, 'listTemplates', ['maxbot']],
      ['GET', '/v1/channels', undefined, 'listChannels', ['maxbot']],
    ])('%s %s → 501', async (method, path, body, operation, connections) => {
      const req = api()[method.toLowerCase() as 'get' | 'post' | 'delete'](path).set(rig.auth).set('X-Connection', 'chatguru');
      const res = await (body ? req.send(body) : req);
      expectProblem(res, 501, 'unsupported_operation');
      expect(res.body).toMatchObject({ connection: 'chatguru', provider: 'chatguru', operation, connections });
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('GET /v1/connections lists what a ChatGuru connection can do', async () => {
      const res = await api().get('/v1/connections?status=false').set(rig.auth).expect(200);
      expect(res.body.data.find((c: { id: string }) => c.id === 'chatguru')).toMatchObject({
        platform: 'chatguru',
        isDefault: true,
        timezone: 'America/Sao_Paulo',
        operations: [
          'createContact',
          'getContactRegistration',
          'updateContact',
          'addContactNote',
          'sendMessage',
          'getMessage',
          'executeDialog',
        ],
        status: null,
      });
    });
  });

  describe('the ChatGuru-only create fields on the other platforms', () => {
    it.each([
      ['maxbot', 'Maxbot'],
      ['okeybot', 'OkeyBot'],
    ])('%s → 422 unsupported_field before anything is sent', async (connection, name) => {
      const res = await api()
        .post('/v1/contacts')
        .set(rig.auth)
        .set('X-Connection', connection)
        .send({ firstName: 'Ana', whatsapp: '+5531977776666', initialMessage: 'Oi', assignToUserId: 'u1', dialogId: 'd1' });
      expectProblem(res, 422, 'unsupported_field');
      expect(res.body.provider).toBe(connection);
      expect(res.body.errors).toEqual(
        ['initialMessage', 'assignToUserId', 'dialogId'].map((field) => ({ field, message: `is not supported by ${name}` })),
      );
    });
  });

  describe('platform failures → the right problem, no crash', () => {
    it('a wrong key, account_id or phone_id (401) → 502 provider_auth_failed, never 401; the key never shows', async () => {
      const res = await api().post(`/v1/contacts/${CHAT}/notes`).set(rig.auth).set('X-Connection', 'wrong-key').send({ text: 'x' });
      expectProblem(res, 502, 'provider_auth_failed');
      expect(res.body).toMatchObject({
        provider: 'chatguru',
        connection: 'wrong-key',
        providerStatus: 401,
        providerMessage: 'Chave de API inválida.',
      });
      expect(res.body.detail).toContain('fix key, accountId or phoneId');
      expect(JSON.stringify(res.body)).not.toContain('cg-not-the-key-1234');
      expectChatguruCall(
        rig.sim,
        rig.sim.calls()[0],
        'note_add',
        [
          ['note_text', 'x'],
          ['chat_number', CHAT],
        ],
        { key: 'cg-not-the-key-1234' },
      );

      const phone = await api().get(`/v1/messages/${CHATGURU_SEED.messageId}`).set(rig.auth).set('X-Connection', 'wrong-phone');
      expectProblem(phone, 502, 'provider_auth_failed');
      expect(phone.body.providerMessage).toBe('Conta ou celular não encontrado para esta chave.');
      // A bare 401 (no ChatGuru body) says the same.
      rig.sim.inject({ kind: 'status', status: 401, body: 'Unauthorized' });
      const bare = await api().get(`/v1/messages/${CHATGURU_SEED.messageId}`).set(rig.auth);
      expectProblem(bare, 502, 'provider_auth_failed');
      expect(bare.body).toMatchObject({ providerStatus: 401, connection: 'chatguru' });
    });

    it('a refusal in a 200 (result "error") → 422 provider_rejected; a key echoed in it is scrubbed', async () => {
      rig.sim.script(() => true, { json: { code: 400, result: 'error', description: `Texto inválido para a chave ${rig.sim.key}` } });
      const res = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .send({ type: 'text', to: { whatsapp: `+${CHAT}` }, text: 'x' });
      expectProblem(res, 422, 'provider_rejected');
      expect(res.body).toMatchObject({ providerStatus: 200, providerCode: 400, providerMessage: 'Texto inválido para a chave [REDACTED]' });
      rig.sim.script(() => true, { json: { code: 200, result: 'failure' } });
      const odd = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .send({ type: 'text', to: { whatsapp: `+${CHAT}` }, text: 'x' });
      expectProblem(odd, 422, 'provider_rejected');
      expect(odd.body.detail).toContain('result "failure"');
    });

    it('5xx → 502, garbage → 502, a success without what the doc promises → 502, no answer → 504, refused → 502', async () => {
      rig.sim.inject({ kind: 'status', status: 503 });
      const down = await api().get(`/v1/messages/${CHATGURU_SEED.messageId}`).set(rig.auth);
      expectProblem(down, 502, 'provider_unavailable');
      expect(down.body.detail).toContain('HTTP 503');
      rig.sim.script(() => true, { status: 500, json: { code: 500, result: 'error', description: 'Erro interno' } });
      const internal = await api().post(`/v1/contacts/${CHAT}/notes`).set(rig.auth).send({ text: 'x' });
      expectProblem(internal, 502, 'provider_unavailable');
      expect(internal.body.providerMessage).toBe('Erro interno');
      rig.sim.inject({ kind: 'garbage' });
      expectProblem(await api().post(`/v1/contacts/${CHAT}/notes`).set(rig.auth).send({ text: 'x' }), 502, 'provider_unavailable');
      rig.sim.script(() => true, { status: 201, json: { code: 201, result: 'success', description: 'ok' } });
      const noId = await api()
        .post('/v1/contacts')
        .set(rig.auth)
        .send({ firstName: 'A', whatsapp: '+5511988887777', initialMessage: 'Oi' });
      expectProblem(noId, 502, 'provider_unavailable');
      expect(noId.body.detail).toContain('without a chat_add_id');
      rig.sim.script(() => true, { json: [1, 2, 3] });
      expectProblem(await api().get(`/v1/messages/${CHATGURU_SEED.messageId}`).set(rig.auth), 502, 'provider_unavailable');
      rig.sim.inject({ kind: 'hang' });
      const slow = await api().get(`/v1/messages/${CHATGURU_SEED.messageId}`).set(rig.auth).set('X-Connection', 'slow');
      expectProblem(slow, 504, 'provider_timeout');
      const refused = await api().post(`/v1/contacts/${CHAT}/notes`).set(rig.auth).set('X-Connection', 'dead').send({ text: 'x' });
      expectProblem(refused, 502, 'provider_unavailable');
      expect(refused.body).toMatchObject({ connection: 'dead', provider: 'chatguru' });
      expect(JSON.stringify(refused.body)).not.toContain('cg-dead-key-1234');
      // Still fine afterwards.
      await api().get(`/v1/messages/${CHATGURU_SEED.messageId}`).set(rig.auth).expect(200);
    });

    it('a 429 → 429 rate_limited with its Retry-After', async () => {
      rig.sim.script(() => true, {
        status: 429,
        json: { code: 429, result: 'error', description: 'Muitas requisições' },
        headers: { 'retry-after': '12' },
      });
      const res = await api().get(`/v1/messages/${CHATGURU_SEED.messageId}`).set(rig.auth);
      expectProblem(res, 429, 'rate_limited');
      expect(res.headers['retry-after']).toBe('12');
      expect(res.body).toMatchObject({ retryAfter: 12, providerMessage: 'Muitas requisições' });
    });
  });

  it('the key never appears in the logs, raw or URL-encoded', () => {
    const log = rig.ponte.output();
    expect(log).toContain('"msg":"upstream call"');
    expect(log).toContain('"operation":"message_send"');
    for (const secret of [rig.sim.key, encodeURIComponent(rig.sim.key), 'cg-not-the-key-1234', 'cg-dead-key-1234']) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('ChatGuru in sandbox mode', () => {
  let ponte: PonteProcess;
  beforeAll(async () => {
    ponte = await startPonte();
  });
  afterAll(async () => {
    await ponte?.stop();
  });

  it('the chatguru connection (not the default) serves the operations only it has, and the others by X-Connection', async () => {
    const connections = await request(ponte.url).get('/v1/connections?status=false').expect(200);
    expect(connections.body.data.find((c: { id: string }) => c.id === 'chatguru')).toMatchObject({
      platform: 'chatguru',
      isDefault: false,
    });
    const status = await request(ponte.url).get(`/v1/messages/${CHATGURU_SEED.messageId}`).expect(200);
    expect(status.body).toEqual({ id: CHATGURU_SEED.messageId, status: 'SENT', platformStatus: 'sent' });
    const created = await request(ponte.url)
      .post('/v1/contacts')
      .set('X-Connection', 'chatguru')
      .send({ firstName: 'Sandra', whatsapp: '+55 48 99876-5432', initialMessage: 'Oi' })
      .expect(202);
    expect(created.body.status).toBe('PENDING');
  });
});
