/** Pure CloudChat mappers, checked against the request of cloudchat.txt ("Exemplo de Requisição"). */
import { PonteError } from '../../src/common/errors/ponte-error';
import type { SendTemplateInput } from '../../src/messaging/dto/template.input';
import { MessageState } from '../../src/messaging/models/messaging.enums';
import {
  errorMessageFromWire,
  proactiveConversationPath,
  proactiveConversationToWire,
  receiptFromWire,
  variableNameProblem,
} from '../../src/platforms/cloudchat/cloudchat.mappers';

function problem(fn: () => unknown): PonteError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PonteError) return err;
    throw err;
  }
  throw new Error('expected a PonteError');
}

const CONNECTION = { id: 'cloudchat', inboxId: '7' };

/** cloudchat.txt's example, as a Ponte template message (the doc's e-mail is obfuscated on its page; any address does). */
const EXAMPLE: SendTemplateInput = {
  to: { whatsapp: '+5531988887777' },
  templateName: 'test_template',
  headerAttachmentUrl: 'https://www.meusite.com.br/boleto.pdf',
  buttonParams: ['BUTTON PARAMETER', 'ANOTHER BUTTON PARAMETER'],
  variables: [
    { name: 'name', value: 'John Doe' },
    { name: 'email', value: 'john.doe@example.com' },
    { name: 'custom_code', value: '12345' },
  ],
  inboxId: 'INBOX_ID',
};

describe('proactiveConversationPath', () => {
  it('is the documented path, account id path-encoded', () => {
    expect(proactiveConversationPath('42')).toBe('/api/v1/accounts/42/conversations/create_proactive_whatsapp_conversation');
    expect(proactiveConversationPath('a/b c')).toBe('/api/v1/accounts/a%2Fb%20c/conversations/create_proactive_whatsapp_conversation');
  });
});

describe('proactiveConversationToWire', () => {
  it("builds the doc's example body key by key, in the doc's order", () => {
    const body = proactiveConversationToWire(EXAMPLE, CONNECTION);
    expect(body).toEqual({
      inbox_id: 'INBOX_ID',
      phone_number: '+5531988887777',
      template_name: 'test_template',
      header_attachment: 'https://www.meusite.com.br/boleto.pdf',
      button_param_0: 'BUTTON PARAMETER',
      button_param_1: 'ANOTHER BUTTON PARAMETER',
      name: 'John Doe',
      email: 'john.doe@example.com',
      custom_code: '12345',
    });
    expect(Object.keys(body)).toEqual([
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
  });

  it("uses the connection's inbox when the request names none; only the required keys without the optional fields", () => {
    expect(proactiveConversationToWire({ to: { whatsapp: '+5531988887777' }, templateName: 'boas_vindas' }, CONNECTION)).toEqual({
      inbox_id: '7',
      phone_number: '+5531988887777',
      template_name: 'boas_vindas',
    });
  });

  it('numbers button parameters from 0 in the order given', () => {
    const body = proactiveConversationToWire({ ...EXAMPLE, buttonParams: ['c', 'a', 'b'] }, CONNECTION);
    expect([body.button_param_0, body.button_param_1, body.button_param_2]).toEqual(['c', 'a', 'b']);
  });

  it('without any inbox → 400 naming inboxId', () => {
    const err = problem(() => proactiveConversationToWire({ to: { whatsapp: '+5531988887777' }, templateName: 't' }, { id: 'cc' }));
    expect(err.code).toBe('validation_failed');
    expect(err.extras.errors).toEqual([{ field: 'inboxId', message: expect.stringContaining('connection "cc" has no default inboxId') }]);
  });

  it('fields CloudChat cannot carry → 422 unsupported_field, all of them at once', () => {
    const err = problem(() =>
      proactiveConversationToWire(
        { ...EXAMPLE, templateId: '3', channelToken: 'x', scheduleAt: '2030-12-01T13:00:00-03:00', otpCode: '1' },
        CONNECTION,
      ),
    );
    expect(err.code).toBe('unsupported_field');
    expect(err.extras).toMatchObject({ provider: 'cloudchat' });
    expect(err.extras.errors!.map((e) => e.field)).toEqual(['templateId', 'channelToken', 'scheduleAt', 'otpCode']);
  });

  it('a recipient other than to.whatsapp → 400 on it', () => {
    const err = problem(() => proactiveConversationToWire({ ...EXAMPLE, to: { contactId: '3' } }, CONNECTION));
    expect(err.code).toBe('validation_failed');
    expect(err.extras.errors).toEqual([{ field: 'to.contactId', message: expect.stringContaining('reaches a recipient by whatsapp') }]);
  });

  it('an http:// header attachment → 400', () => {
    const err = problem(() => proactiveConversationToWire({ ...EXAMPLE, headerAttachmentUrl: 'http://x.com/a.pdf' }, CONNECTION));
    expect(err.extras.errors).toEqual([{ field: 'headerAttachmentUrl', message: expect.stringContaining('https://') }]);
  });

  it('variables that would collide with root keys, or are no plain names → 400 each, by position', () => {
    const names = [
      'inbox_id',
      'Phone_Number',
      'template_name',
      'header_attachment',
      'button_param_3',
      'api_access_token',
      'ok_name',
      'a.b',
    ];
    const err = problem(() =>
      proactiveConversationToWire({ ...EXAMPLE, variables: names.map((name) => ({ name, value: 'v' })) }, CONNECTION),
    );
    expect(err.code).toBe('validation_failed');
    expect(err.extras.errors!.map((e) => e.field)).toEqual([
      'variables[0].name',
      'variables[1].name',
      'variables[2].name',
      'variables[3].name',
      'variables[4].name',
      'variables[5].name',
      'variables[7].name',
    ]);
    expect(err.extras.errors![0].message).toBe('"inbox_id" is reserved by CloudChat\'s request (use inboxId)');
    expect(err.extras.errors![4].message).toContain('use buttonParams');
  });
});

describe('variableNameProblem', () => {
  // constructor, toString, hasOwnProperty: Object.prototype's names were taken for reserved ones.
  it.each([
    'name',
    'email',
    'custom_code',
    '1',
    'Nome_Cliente',
    'button_param',
    'button_param_x',
    'inbox',
    'constructor',
    'toString',
    'hasOwnProperty',
  ])('%s is fine', (name) => {
    expect(variableNameProblem(name)).toBeNull();
  });
  it.each([
    'inbox_id',
    'INBOX_ID',
    'phone_number',
    'template_name',
    'header_attachment',
    'button_param_0',
    'button_param_12',
    'account_id',
    'api_access_token',
    'controller',
    'action',
    'format',
    'contact.name',
    'código',
    'a-b',
    'a[b]',
    '$x',
    '__proto__',
  ])('%s is refused', (name) => {
    expect(variableNameProblem(name)).toEqual(expect.any(String));
  });
  it('says why __proto__ is refused', () => {
    expect(variableNameProblem('__proto__')).toBe(
      "is reserved by CloudChat's request (it names an object's prototype, not a key of the body)",
    );
  });
});

describe('receiptFromWire', () => {
  it('the conversation id of the reply, as a string', () => {
    expect(receiptFromWire({ id: 1001, account_id: 42, status: 'open' })).toEqual({
      id: '1001',
      status: MessageState.ACCEPTED,
      scheduledAt: null,
    });
    expect(receiptFromWire({ id: 'abc' }).id).toBe('abc');
  });
  it.each([undefined, null, {}, { id: null }, { id: '' }, { id: { nested: 1 } }, [{ id: 1 }], 'ok'])('no id in %p → null', (reply) => {
    expect(receiptFromWire(reply)).toEqual({ id: null, status: MessageState.ACCEPTED, scheduledAt: null });
  });
});

describe('errorMessageFromWire', () => {
  it.each([
    [{ error: 'Template x not found' }, 'Template x not found'],
    [{ message: 'Invalid Access Token' }, 'Invalid Access Token'],
    [{ errors: ['a', 'b'] }, 'a; b'],
    [{ errors: { phone_number: ['is invalid'] } }, 'phone_number is invalid'],
    [{ error: { message: 'nested' } }, 'nested'],
  ])('%p → %s', (reply, text) => {
    expect(errorMessageFromWire(reply)).toBe(text);
  });
  it.each([undefined, null, 'text', [], {}, { error: '' }, { error: 3 }])('%p → undefined', (reply) => {
    expect(errorMessageFromWire(reply)).toBeUndefined();
  });
});
