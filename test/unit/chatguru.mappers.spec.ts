/** Pure ChatGuru mappers, checked against the requests and replies of chatguru.txt. */
import { PonteError } from '../../src/common/errors/ponte-error';
import type { CreateContactInput, UpdateContactInput } from '../../src/contacts/dto/contact.input';
import { RegistrationStatus } from '../../src/contacts/models/contact.enums';
import type { SendMessageInput } from '../../src/messaging/dto/message.input';
import { MessageState, MessageType } from '../../src/messaging/models/messaging.enums';
import { queryPair } from '../../src/platforms/chatguru/chatguru.client';
import {
  chatAddParams,
  chatNumberFromId,
  chatNumberFromRecipient,
  customFieldsParams,
  dialogExecutionFromWire,
  dialogParams,
  messageStateFromWire,
  messageStatusFromWire,
  messageToWire,
  noteFromWire,
  noteParams,
  receiptFromWire,
  registrationFromWire,
  registrationStatusFromWire,
  sendDateToWire,
} from '../../src/platforms/chatguru/chatguru.mappers';
import { checkCreatable } from '../../src/platforms/maxbot/contacts.mappers';
import { contactInputToWire as okeybotContactInputToWire } from '../../src/platforms/okeybot/okeybot.mappers';

const TZ = 'America/Sao_Paulo';

function problem(fn: () => unknown): PonteError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PonteError) return err;
    throw err;
  }
  throw new Error('expected a PonteError');
}

const create = (i: Partial<CreateContactInput>) => i as CreateContactInput;
const update = (i: Partial<UpdateContactInput>) => i as UpdateContactInput;
const message = (i: Partial<SendMessageInput>) => ({ to: { whatsapp: '+5511999999999' }, ...i }) as SendMessageInput;

describe('chat numbers', () => {
  it('a contact id in any common phone form → the doc\'s chat_number ("ex. 5511999999999")', () => {
    for (const id of ['5511999999999', '+5511999999999', '+55 (11) 99999-9999', '(11) 99999-9999', '11999999999']) {
      expect(chatNumberFromId(id)).toBe('5511999999999');
    }
  });

  it('anything else → 400 naming the field', () => {
    const err = problem(() => chatNumberFromId('5e52b639600ce7d9be01f6cd', 'contactId'));
    expect(err.code).toBe('validation_failed');
    expect(err.extras.errors).toEqual([{ field: 'contactId', message: expect.stringContaining("chat's WhatsApp number") }]);
  });

  it('a recipient is reached by whatsapp only; another kind → 400 on to.<kind>', () => {
    expect(chatNumberFromRecipient({ whatsapp: '+5531911112222' }, 'ChatGuru message_send')).toBe('5531911112222');
    const err = problem(() => chatNumberFromRecipient({ contactId: '12' }, 'ChatGuru message_send'));
    expect(err.code).toBe('validation_failed');
    expect(err.extras.errors).toEqual([{ field: 'to.contactId', message: expect.stringContaining('reaches a recipient by whatsapp') }]);
  });
});

describe('chat_add', () => {
  it("sends name, text, chat_number, user_id, dialog_id in the order of the doc's URL", () => {
    expect(
      chatAddParams(
        create({
          firstName: 'Ana',
          lastName: 'Souza',
          whatsapp: '+5511988887777',
          initialMessage: 'Olá, Ana!',
          assignToUserId: 'u1',
          dialogId: 'd1',
        }),
      ),
    ).toEqual([
      ['name', 'Ana Souza'],
      ['text', 'Olá, Ana!'],
      ['chat_number', '5511988887777'],
      ['user_id', 'u1'],
      ['dialog_id', 'd1'],
    ]);
  });

  it('user_id and dialog_id only when given; a lone lastName is the name', () => {
    expect(chatAddParams(create({ lastName: 'Souza', whatsapp: '+5511988887777', initialMessage: 'Oi' }))).toEqual([
      ['name', 'Souza'],
      ['text', 'Oi'],
      ['chat_number', '5511988887777'],
    ]);
  });

  it('needs the number, a name and the first message (400 listing each)', () => {
    const err = problem(() => chatAddParams(create({ firstName: '  ' })));
    expect(err.code).toBe('validation_failed');
    expect(err.extras.errors!.map((e) => e.field)).toEqual(['whatsapp', 'firstName', 'initialMessage']);
  });

  it('fields chat_add has no parameter for → 422 unsupported_field, all named', () => {
    const err = problem(() =>
      chatAddParams(
        create({
          firstName: 'Ana',
          whatsapp: '+5511988887777',
          initialMessage: 'Oi',
          email: 'a@b.com',
          customFields: [{ name: 'x', value: '1' }],
          cpf: null,
        }),
      ),
    );
    expect(err.code).toBe('unsupported_field');
    expect(err.extras).toMatchObject({ provider: 'chatguru' });
    expect(err.extras.errors).toEqual([
      { field: 'cpf', message: 'is not supported by ChatGuru chat_add' },
      { field: 'customFields', message: 'is not supported by ChatGuru chat_add' },
      { field: 'email', message: 'is not supported by ChatGuru chat_add' },
    ]);
  });

  it("reads the doc's chat_add and chat_add_status replies", () => {
    // chatguru.txt, chat_add
    expect(
      registrationFromWire(
        {
          code: 201,
          result: 'success',
          description: 'Chat cadastrado para inclusão com sucesso!',
          chat_add_id: '5dd69c2300078e1be17fffd4',
          chat_add_status: 'pending',
        },
        '5dd69c2300078e1be17fffd4',
      ),
    ).toEqual({
      id: '5dd69c2300078e1be17fffd4',
      status: RegistrationStatus.PENDING,
      platformStatus: 'pending',
      description: 'Chat cadastrado para inclusão com sucesso!',
      contactId: null,
    });
    // chatguru.txt, chat_add_status
    expect(
      registrationFromWire(
        {
          chat_add_id: '5e3e9c0f52313722bd2e11a2',
          chat_add_status: 'done',
          chat_add_status_description: 'Chat adicionado com sucesso!',
          result: 'success',
          code: 200,
        },
        '5e3e9c0f52313722bd2e11a2',
      ),
    ).toEqual({
      id: '5e3e9c0f52313722bd2e11a2',
      status: RegistrationStatus.DONE,
      platformStatus: 'done',
      description: 'Chat adicionado com sucesso!',
      contactId: null,
    });
  });

  it('status words: done → DONE, failure words → FAILED, anything else keeps polling (PENDING)', () => {
    expect(registrationStatusFromWire('done')).toBe(RegistrationStatus.DONE);
    expect(registrationStatusFromWire(' DONE ')).toBe(RegistrationStatus.DONE);
    for (const w of ['error', 'Erro', 'failed', 'falha', 'canceled']) expect(registrationStatusFromWire(w)).toBe(RegistrationStatus.FAILED);
    for (const w of ['pending', 'processing', 'fetching', '', undefined, 3]) {
      expect(registrationStatusFromWire(w)).toBe(RegistrationStatus.PENDING);
    }
  });
});

describe('chat_update_custom_fields', () => {
  it('one field__NAME per custom field, in order; null is sent empty', () => {
    expect(
      customFieldsParams(
        update({
          customFields: [
            { name: 'NOME_DO_CAMPO', value: 'valor' },
            { name: 'plano', value: null },
          ],
        }),
      ),
    ).toEqual({
      params: [
        ['field__NOME_DO_CAMPO', 'valor'],
        ['field__plano', ''],
      ],
      fields: ['customFields'],
    });
  });

  it('other contact fields → 422; no field, or a name twice → 400', () => {
    const other = problem(() => customFieldsParams(update({ firstName: 'A', email: null, customFields: [{ name: 'a', value: '1' }] })));
    expect(other.code).toBe('unsupported_field');
    expect(other.extras.errors!.map((e) => e.field)).toEqual(['email', 'firstName']);
    expect(problem(() => customFieldsParams(update({}))).extras.errors).toEqual([
      { field: 'customFields', message: expect.stringContaining('at least one field') },
    ]);
    expect(problem(() => customFieldsParams(update({ customFields: [] }))).code).toBe('validation_failed');
    const twice = problem(() =>
      customFieldsParams(
        update({
          customFields: [
            { name: 'a', value: '1' },
            { name: 'a', value: '2' },
          ],
        }),
      ),
    );
    expect(twice.extras.errors).toEqual([{ field: 'customFields[1].name', message: '"a" is given twice' }]);
  });
});

describe('note_add and dialog_execute', () => {
  it("note_text and chat_number; the doc's reply → a ContactNote", () => {
    expect(noteParams({ text: 'Ligar amanhã' }, '5511999999999')).toEqual([
      ['note_text', 'Ligar amanhã'],
      ['chat_number', '5511999999999'],
    ]);
    expect(noteFromWire('5ebbc4ded8d8eaf9919970a9', '5511999999999', { text: 'Ligar amanhã' })).toEqual({
      id: '5ebbc4ded8d8eaf9919970a9',
      contactId: '5511999999999',
      text: 'Ligar amanhã',
    });
  });

  it("dialog_id and chat_number; the doc's reply → a DialogExecution", () => {
    expect(dialogParams('d-42', '5511999999999')).toEqual([
      ['dialog_id', 'd-42'],
      ['chat_number', '5511999999999'],
    ]);
    expect(dialogExecutionFromWire('d-42', { code: 200, dialog_execution_return: 'Diálogo executado', result: 'success' })).toEqual({
      dialogId: 'd-42',
      description: 'Diálogo executado',
    });
    expect(dialogExecutionFromWire('d-42', { code: 200, result: 'success' })).toEqual({ dialogId: 'd-42', description: null });
  });
});

describe('message_send and message_file_send', () => {
  it('send_date is "YYYY-MM-DD HH:MM" in the connection timezone, seconds cut', () => {
    expect(sendDateToWire('2030-12-01T16:00:45Z', TZ)).toBe('2030-12-01 13:00');
    expect(sendDateToWire('2030-12-01T13:00:00-03:00', TZ)).toBe('2030-12-01 13:00');
    expect(sendDateToWire('2030-12-01T13:00:00-03:00', 'America/Manaus')).toBe('2030-12-01 12:00');
    expect(sendDateToWire('2026-07-01T12:30:00+02:00', 'Europe/Lisbon')).toBe('2026-07-01 11:30');
  });

  it('text → message_send with send_date (when scheduled), text, chat_number', () => {
    expect(messageToWire(message({ type: MessageType.TEXT, text: 'Olá & até + já' }), TZ)).toEqual({
      action: 'message_send',
      params: [
        ['text', 'Olá & até + já'],
        ['chat_number', '5511999999999'],
      ],
      sendDate: null,
    });
    expect(messageToWire(message({ type: MessageType.TEXT, text: 'Oi', scheduleAt: '2030-12-01T13:00:00-03:00' }), TZ)).toEqual({
      action: 'message_send',
      params: [
        ['send_date', '2030-12-01 13:00'],
        ['text', 'Oi'],
        ['chat_number', '5511999999999'],
      ],
      sendDate: '2030-12-01 13:00',
    });
  });

  it('image, file and audio → message_file_send with file_url and caption (media.caption or media.fileName)', () => {
    const url = 'https://www.meusite.com.br/contrato.pdf';
    expect(messageToWire(message({ type: MessageType.FILE, media: { url, fileName: 'contrato.pdf' } }), TZ)).toEqual({
      action: 'message_file_send',
      params: [
        ['file_url', url],
        ['caption', 'contrato.pdf'],
        ['chat_number', '5511999999999'],
      ],
      sendDate: null,
    });
    expect(messageToWire(message({ type: MessageType.IMAGE, media: { url, caption: 'Segue' } }), TZ).params).toEqual([
      ['file_url', url],
      ['caption', 'Segue'],
      ['chat_number', '5511999999999'],
    ]);
    expect(messageToWire(message({ type: MessageType.AUDIO, media: { url } }), TZ).params).toEqual([
      ['file_url', url],
      ['chat_number', '5511999999999'],
    ]);
  });

  it('what ChatGuru cannot carry → 422 unsupported_field naming it', () => {
    const url = 'https://x.example/a.png';
    const cases: Array<[Partial<SendMessageInput>, string[]]> = [
      [
        { type: MessageType.TEXT, text: 'x', channelToken: 'T', openTicket: false, queueId: '3' },
        ['channelToken', 'openTicket', 'queueId'],
      ],
      [{ type: MessageType.IMAGE, media: { url }, scheduleAt: '2030-12-01T13:00:00-03:00' }, ['scheduleAt']],
      [{ type: MessageType.IMAGE, media: { url, extension: 'png' } }, ['media.extension']],
      [{ type: MessageType.FILE, media: { url, caption: 'a', fileName: 'b.pdf' } }, ['media.fileName']],
    ];
    for (const [input, fields] of cases) {
      const err = problem(() => messageToWire(message(input), TZ));
      expect(err.code).toBe('unsupported_field');
      expect(err.extras.provider).toBe('chatguru');
      expect(err.extras.errors!.map((e) => e.field)).toEqual(fields);
    }
  });

  it("the doc's message_send reply → SCHEDULED at the send_date, with the connection's offset", () => {
    const reply = {
      code: 201,
      result: 'success',
      description: 'Mensagem cadastrada com sucesso!',
      message_id: '5dd69cde00078e1be17fffd4',
      message_status: 'scheduled',
    };
    expect(receiptFromWire(reply, '2030-12-01 13:00', TZ)).toEqual({
      id: '5dd69cde00078e1be17fffd4',
      status: MessageState.SCHEDULED,
      scheduledAt: '2030-12-01T13:00:00-03:00',
    });
    expect(receiptFromWire({ ...reply, message_status: 'sent' }, null, TZ)).toEqual({
      id: '5dd69cde00078e1be17fffd4',
      status: MessageState.SENT,
      scheduledAt: null,
    });
    // result "success": taken, whatever the word.
    expect(receiptFromWire({ result: 'success', message_status: 'whatever' }, null, TZ)).toEqual({
      id: null,
      status: MessageState.ACCEPTED,
      scheduledAt: null,
    });
  });

  it("message_status words, and the doc's message_status reply", () => {
    expect(messageStateFromWire('scheduled')).toBe(MessageState.SCHEDULED);
    expect(messageStateFromWire('sent')).toBe(MessageState.SENT);
    expect(messageStateFromWire('Delivered')).toBe(MessageState.SENT);
    expect(messageStateFromWire('queued')).toBe(MessageState.ACCEPTED);
    expect(messageStateFromWire('error')).toBe(MessageState.FAILED);
    expect(messageStateFromWire('lost in space')).toBe(MessageState.UNKNOWN);
    expect(messageStatusFromWire('5dd69cde00078e1be17fffd4', { message_status: 'sent', result: 'success', code: 200 })).toEqual({
      id: '5dd69cde00078e1be17fffd4',
      status: MessageState.SENT,
      platformStatus: 'sent',
    });
  });
});

describe('the query string', () => {
  it('encodes every byte that could change the meaning: space %20, + %2B, & %26, = %3D, accents as UTF-8', () => {
    expect(queryPair('text', 'Olá & até + já = 100% #1')).toBe('text=Ol%C3%A1%20%26%20at%C3%A9%20%2B%20j%C3%A1%20%3D%20100%25%20%231');
    expect(queryPair('field__nome do campo', 'a/b?c')).toBe('field__nome%20do%20campo=a%2Fb%3Fc');
    expect(queryPair('send_date', '2030-12-01 13:00')).toBe('send_date=2030-12-01%2013%3A00');
  });
});

describe("ChatGuru-only create fields on other platforms (chat_add's first message, user and dialog)", () => {
  const chatOnly = { initialMessage: 'Oi', assignToUserId: 'u1', dialogId: 'd1' };

  it('Maxbot refuses them (422), never creating the contact without them', () => {
    const err = problem(() => checkCreatable(create({ firstName: 'A', whatsapp: '+5511999999999', ...chatOnly })));
    expect(err.code).toBe('unsupported_field');
    expect(err.extras).toMatchObject({ provider: 'maxbot' });
    expect(err.extras.errors).toEqual([
      { field: 'initialMessage', message: 'is not supported by Maxbot' },
      { field: 'assignToUserId', message: 'is not supported by Maxbot' },
      { field: 'dialogId', message: 'is not supported by Maxbot' },
    ]);
  });

  it('OkeyBot refuses them (422)', () => {
    const err = problem(() => okeybotContactInputToWire(create({ firstName: 'A', dialogId: 'd1' })));
    expect(err.code).toBe('unsupported_field');
    expect(err.extras).toMatchObject({ provider: 'okeybot', errors: [{ field: 'dialogId', message: 'is not supported by OkeyBot' }] });
  });
});
