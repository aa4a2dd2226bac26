import { moneyFromWire } from '../../src/common/normalize/money';
/**
 * Pure Maxbot messaging and channel mappers, and the platform-neutral messaging rules, checked
 * against the requests and replies of maxbot.txt.
 */
import { ChannelKind } from '../../src/channels/models/channel.enums';
import { PonteError } from '../../src/common/errors/ponte-error';
import type { RecipientInput } from '../../src/messaging/dto/recipient.input';
import type { SendTemplateInput } from '../../src/messaging/dto/template.input';
import { checkSendMessage, checkSendTemplate, recipientKind } from '../../src/messaging/messaging.rules';
import { MessageState, MessageType, TemplateType } from '../../src/messaging/models/messaging.enums';
import { channelFromWire, channelInfoEntries, gupshupBalanceFromWire, namedFromWire } from '../../src/platforms/maxbot/channels.mappers';
import {
  emailToWire,
  messageToWire,
  noticeReceipt,
  noticeToWire,
  recipientToWire,
  sentReceipt,
  smsToWire,
  templateCategoryFromWire,
  templateFiltersToWire,
  templateFromWire,
} from '../../src/platforms/maxbot/messaging.mappers';

const TZ = 'America/Sao_Paulo';
const CHANNEL = '202304FE471FF7A477-5FA8BA-E72F90';
const WHERE = 'Maxbot send_text';

/** Runs `fn`, expecting a PonteError; returns it for inspection. */
function problem(fn: () => unknown): PonteError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PonteError) return err;
    throw err;
  }
  throw new Error('expected a PonteError');
}

const blankRecipient = {
  ct_whatsapp: '',
  ct_telegram_id: '',
  ct_messenger: '',
  messenger_page_id: '',
  ct_instagram: '',
  instagram_account_id: '',
  ct_external_id: '',
  ct_br_cpf: '',
};

describe('recipientToWire (send_text / send_image / send_file / send_sound)', () => {
  // maxbot.txt send_text: "ct_whatsapp" : "554111113333", "ct_telegram_id" : "", "ct_messenger" : "",
  // "messenger_page_id" : "", "ct_instagram" : "", "instagram_account_id" : "", "ct_external_id" : "", "ct_br_cpf" : "11122233344"
  it.each<[string, RecipientInput, Record<string, string>]>([
    ['whatsapp', { whatsapp: '+554111113333' }, { ct_whatsapp: '554111113333' }],
    ['telegramId', { telegramId: '99887766' }, { ct_telegram_id: '99887766' }],
    [
      'messenger',
      { messenger: { id: 'psid-1', pageId: '283905712023100' } },
      { ct_messenger: 'psid-1', messenger_page_id: '283905712023100' },
    ],
    [
      'instagram',
      { instagram: { id: 'igsid-1', accountId: '12345678901234542' } },
      { ct_instagram: 'igsid-1', instagram_account_id: '12345678901234542' },
    ],
    ['externalId', { externalId: '1234' }, { ct_external_id: '1234' }],
    ['cpf', { cpf: '11122233344' }, { ct_br_cpf: '11122233344' }],
  ])('%s fills its ct_* key, every other key ""', (_kind, to, expected) => {
    expect(recipientToWire(to, WHERE)).toEqual({ ...blankRecipient, ...expected });
  });

  it.each<[string, RecipientInput]>([
    ['contactId', { contactId: '1' }],
    ['phone', { phone: '+5531991234567' }],
  ])('%s cannot reach a chat recipient: 400 naming that field', (kind, to) => {
    const err = problem(() => recipientToWire(to, WHERE));
    expect(err.code).toBe('validation_failed');
    expect(err.extras.errors).toEqual([{ field: `to.${kind}`, message: expect.stringContaining('whatsapp, telegramId') }]);
  });
});

describe('messageToWire', () => {
  const base = { channelToken: CHANNEL, to: { whatsapp: '+553191112222' } };

  it('text → send_text with msg', () => {
    expect(messageToWire({ ...base, type: MessageType.TEXT, text: 'Mensagem de Texto' })).toEqual({
      cmd: 'send_text',
      params: { ...blankRecipient, channel_token: CHANNEL, ct_whatsapp: '553191112222', msg: 'Mensagem de Texto' },
    });
  });

  it('image → send_image, extension from the URL path (case-insensitive, query ignored)', () => {
    // maxbot.txt send_image: "image_url": "https://www.meusite.com.br/foto.png", "image_extension": "png"
    const { cmd, params } = messageToWire({
      ...base,
      type: MessageType.IMAGE,
      media: { url: 'https://www.meusite.com.br/foto.PNG?v=2' },
    });
    expect(cmd).toBe('send_image');
    expect(params).toMatchObject({ image_url: 'https://www.meusite.com.br/foto.PNG?v=2', image_extension: 'png' });
  });

  it('file → send_file with file_name from the URL, or the explicit extension and name', () => {
    // maxbot.txt send_file: "file_url": ".../teste.pdf", "file_extension": "pdf", "file_name": "teste.pdf"
    expect(messageToWire({ ...base, type: MessageType.FILE, media: { url: 'https://www.meusite.com.br/teste.pdf' } }).params).toMatchObject(
      { file_url: 'https://www.meusite.com.br/teste.pdf', file_extension: 'pdf', file_name: 'teste.pdf' },
    );
    expect(
      messageToWire({
        ...base,
        type: MessageType.FILE,
        media: { url: 'https://cdn.example.com/download/8f2a', extension: '.XLSX' },
      }).params,
    ).toMatchObject({ file_extension: 'xlsx', file_name: '8f2a.xlsx' });
    expect(
      messageToWire({
        ...base,
        type: MessageType.FILE,
        media: { url: 'https://cdn.example.com/download/8f2a', fileName: 'Relatório mensal.docx' },
      }).params,
    ).toMatchObject({ file_extension: 'docx', file_name: 'Relatório mensal.docx' });
    expect(
      messageToWire({
        ...base,
        type: MessageType.FILE,
        media: { url: 'https://cdn.example.com/files/Contrato%20final.pdf' },
      }).params,
    ).toMatchObject({ file_name: 'Contrato final.pdf' });
  });

  it('audio → send_sound, mp3 only', () => {
    // maxbot.txt send_sound: "sound_url": ".../audio.mp3", "sound_extension": "mp3"
    expect(messageToWire({ ...base, type: MessageType.AUDIO, media: { url: 'https://www.meusite.com.br/audio.mp3' } })).toEqual({
      cmd: 'send_sound',
      params: {
        ...blankRecipient,
        channel_token: CHANNEL,
        ct_whatsapp: '553191112222',
        sound_url: 'https://www.meusite.com.br/audio.mp3',
        sound_extension: 'mp3',
      },
    });
    const err = problem(() => messageToWire({ ...base, type: MessageType.AUDIO, media: { url: 'https://x.com/a.ogg' } }));
    expect(err.extras.errors).toEqual([{ field: 'media.url', message: 'must be an audio of type mp3 on Maxbot (got ogg)' }]);
  });

  it('names the field a bad extension came from', () => {
    const explicit = problem(() =>
      messageToWire({ ...base, type: MessageType.IMAGE, media: { url: 'https://x.com/a.png', extension: 'gif' } }),
    );
    expect(explicit.extras.errors).toEqual([{ field: 'media.extension', message: expect.stringContaining('jpg, jpeg, png') }]);
    const none = problem(() => messageToWire({ ...base, type: MessageType.FILE, media: { url: 'https://x.com/download' } }));
    expect(none.extras.errors).toEqual([
      { field: 'media.extension', message: expect.stringContaining('does not end in a file extension') },
    ]);
    const fromName = problem(() =>
      messageToWire({ ...base, type: MessageType.FILE, media: { url: 'https://x.com/d', fileName: 'a.zip' } }),
    );
    expect(fromName.extras.errors).toEqual([{ field: 'media.fileName', message: expect.stringContaining('got zip') }]);
  });

  it('refuses what Maxbot cannot carry with 422 unsupported_field, every field named', () => {
    const err = problem(() =>
      messageToWire({
        ...base,
        type: MessageType.TEXT,
        text: 'x',
        scheduleAt: '2030-12-01T13:00:00-03:00',
        openTicket: true,
        queueId: '3',
      }),
    );
    expect(err.code).toBe('unsupported_field');
    expect(err.extras.errors!.map((e) => e.field)).toEqual(['scheduleAt', 'openTicket', 'queueId']);
    const media = problem(() =>
      messageToWire({
        ...base,
        type: MessageType.IMAGE,
        media: { url: 'https://x.com/a.png', caption: 'Olha', fileName: 'a.png' },
      }),
    );
    expect(media.code).toBe('unsupported_field');
    expect(media.extras.errors!.map((e) => e.field)).toEqual(['media.fileName', 'media.caption']);
  });

  it('refuses an uploaded file (Maxbot fetches media by URL) with 422 on file, before anything else', () => {
    const upload = { filename: 'foto.png', contentType: 'image/png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) };
    const err = problem(() => messageToWire({ ...base, type: MessageType.IMAGE, media: { caption: 'x' } }, upload));
    expect(err.code).toBe('unsupported_field');
    expect(err.extras).toMatchObject({
      provider: 'maxbot',
      errors: [{ field: 'file', message: 'is not supported by Maxbot send_image (give media.url)' }],
    });
  });

  it('requires channelToken', () => {
    const err = problem(() => messageToWire({ type: MessageType.TEXT, to: { cpf: '11122233344' }, text: 'x' }));
    expect(err.extras.errors).toEqual([{ field: 'channelToken', message: expect.stringContaining('GET /v1/channels') }]);
  });
});

describe('send_notice', () => {
  const input = { to: { contactId: '1234' }, templateId: '1234', channelToken: CHANNEL } as SendTemplateInput;

  it('scheduled: an instant becomes the account wall-clock date_time', () => {
    // maxbot.txt: "scheduled": 1, "date_time": "2020-12-01 13:00:00", "user_otp_code": "12345678"
    const params = noticeToWire({ ...input, scheduleAt: '2020-12-01T16:00:00Z', otpCode: '12345678' }, TZ);
    expect(params).toEqual({
      channel_token: CHANNEL,
      contact_id: '1234',
      template_id: '1234',
      scheduled: '1',
      date_time: '2020-12-01 13:00:00',
      user_otp_code: '12345678',
    });
    expect(noticeReceipt(params, TZ)).toEqual({ id: null, status: MessageState.SCHEDULED, scheduledAt: '2020-12-01T13:00:00-03:00' });
  });

  it('immediate: scheduled "0", date_time and user_otp_code ""', () => {
    const params = noticeToWire(input, TZ);
    expect(params).toMatchObject({ scheduled: '0', date_time: '', user_otp_code: '' });
    expect(noticeReceipt(params, TZ)).toEqual({ id: null, status: MessageState.ACCEPTED, scheduledAt: null });
  });

  it('reaches the contact by id only, and ids are numeric', () => {
    expect(problem(() => noticeToWire({ ...input, to: { whatsapp: '+5531911112222' } }, TZ)).extras.errors).toEqual([
      { field: 'to.whatsapp', message: expect.stringContaining('contactId') },
    ]);
    expect(problem(() => noticeToWire({ ...input, to: { contactId: 'abc' } }, TZ)).extras.errors).toEqual([
      { field: 'to.contactId', message: 'must be a numeric Maxbot id' },
    ]);
    expect(problem(() => noticeToWire({ ...input, templateId: 'x1' }, TZ)).extras.errors).toEqual([
      { field: 'templateId', message: 'must be a numeric Maxbot id' },
    ]);
  });

  it('CloudChat-only template fields are 422 unsupported_field', () => {
    const err = problem(() =>
      noticeToWire(
        {
          ...input,
          templateName: 'x',
          variables: [{ name: 'name', value: 'Ana' }],
          buttonParams: ['a'],
          headerAttachmentUrl: 'https://x.com/a.pdf',
          inboxId: '7',
        },
        TZ,
      ),
    );
    expect(err.code).toBe('unsupported_field');
    expect(err.extras.errors!.map((e) => e.field)).toEqual(['templateName', 'variables', 'buttonParams', 'headerAttachmentUrl', 'inboxId']);
  });
});

describe('send_sms and send_email', () => {
  it('SMS: cell_phone in digits, or the contact by external id or CPF; the others ""', () => {
    // maxbot.txt send_sms: "cell_phone" : "5531991234567", "ct_external_id" : "", "ct_br_cpf" : "11122233344", "msg" : "Mensagem do sms"
    const msg = 'Mensagem do sms';
    expect(smsToWire({ to: { phone: '+5531991234567' }, text: msg })).toEqual({
      cell_phone: '5531991234567',
      ct_external_id: '',
      ct_br_cpf: '',
      msg,
    });
    expect(smsToWire({ to: { cpf: '11122233344' }, text: msg })).toMatchObject({
      cell_phone: '',
      ct_br_cpf: '11122233344',
    });
    expect(smsToWire({ to: { externalId: '1234' }, text: msg })).toMatchObject({ ct_external_id: '1234' });
    expect(problem(() => smsToWire({ to: { whatsapp: '+5531991234567' }, text: msg })).extras.errors).toEqual([
      { field: 'to.whatsapp', message: expect.stringContaining('phone, externalId, cpf') },
    ]);
    // "msg_id": "SMS-123"
    expect(sentReceipt('SMS-123')).toEqual({ id: 'SMS-123', status: MessageState.ACCEPTED, scheduledAt: null });
    expect(sentReceipt()).toEqual({ id: null, status: MessageState.ACCEPTED, scheduledAt: null });
  });

  it('e-mail: every image and file slot sent, the unused ones "" (as the example)', () => {
    const params = emailToWire({
      from: { email: 'romulo@email.com', name: 'romulo' },
      to: { email: 'jose@email.com', name: 'jose' },
      subject: 'email de teste',
      body: 'texto da mesangem do email',
      images: [{ url: 'https://www.meusite.com.br/foto.png' }],
      files: [{ url: 'https://www.meusite.com.br/arquivo.pdf' }],
    });
    // The send_email example of maxbot.txt, key for key.
    expect(params).toEqual({
      from_email: 'romulo@email.com',
      from_name: 'romulo',
      subject: 'email de teste',
      body: 'texto da mesangem do email',
      footer: '',
      to_name: 'jose',
      to_email: 'jose@email.com',
      img_url_1: 'https://www.meusite.com.br/foto.png',
      img_extension_1: 'png',
      img_url_2: '',
      img_extension_2: '',
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
  });

  it('e-mail attachments are checked like send_image / send_file, naming the slot', () => {
    const err = problem(() =>
      emailToWire({
        from: { email: 'a@b.com' },
        to: { email: 'c@d.com' },
        subject: 's',
        body: 'b',
        files: [{ url: 'https://x.com/a.pdf' }, { url: 'https://x.com/b.exe' }],
      }),
    );
    expect(err.extras.errors).toEqual([{ field: 'files[1].url', message: expect.stringContaining('got exe') }]);
  });
});

describe('templates', () => {
  it('normalizes the get_template examples: slots to URL lists without blanks, C/F/A to names, for_use to a boolean', () => {
    const doc = 'https://app.maxbot.com.br/anexos_docs/534404093e4ff33534bffd3529';
    expect(
      templateFromWire({
        id: 2,
        type: 'F',
        category_id: '0',
        category_title: 'Geral',
        title: 'Abertura de Protocolo',
        msg: 'Bom dia.',
        img1: `${doc}1043c5.png`,
        img2: '',
        img3: '',
        img4: '',
        img5: '',
        img6: '',
        arq1: `${doc}145665.pdf`,
        arq2: '',
        arq3: '',
        waba_category: '',
        waba_language: '',
        waba_status: '',
        for_use: 1,
      }),
    ).toEqual({
      id: '2',
      type: TemplateType.FOLLOW_UP,
      categoryId: '0',
      categoryTitle: 'Geral',
      title: 'Abertura de Protocolo',
      text: 'Bom dia.',
      imageUrls: [`${doc}1043c5.png`],
      fileUrls: [`${doc}145665.pdf`],
      whatsappCategory: null,
      whatsappLanguage: null,
      whatsappStatus: null,
      usable: true,
    });
    expect(templateFromWire({ id: 1, type: 'C', for_use: 0 })).toMatchObject({ type: TemplateType.MESSAGE, usable: false, text: null });
    expect(templateFromWire({ id: 3, type: 'A' }).type).toBe(TemplateType.NOTICE);
    expect(templateFromWire({ id: 9, type: 'Z', waba_status: 'APPROVED' })).toMatchObject({ type: null, whatsappStatus: 'APPROVED' });
  });

  it('get_template filters: both sent, "" when not filtering', () => {
    expect(templateFiltersToWire({})).toEqual({ type: '', category_id: '' });
    expect(templateFiltersToWire({ type: TemplateType.NOTICE, categoryId: '0' })).toEqual({ type: 'A', category_id: '0' });
  });

  it('categories: category_id 0 is a real id', () => {
    // "category_id": 0, "category_title": "Geral"
    expect(templateCategoryFromWire({ category_id: 0, category_title: 'Geral' })).toEqual({ id: '0', title: 'Geral' });
  });
});

describe('channels', () => {
  it('types the three get_channel examples by their info', () => {
    // "info": ["whatsapp": "553182096315"] / ["user": "usuario01_maxbot"] / ["pages": "page1, page2, page3"]
    expect(
      channelFromWire({ token: '202304B53BF66DB8C0-364F9B-15CBAD', title: 'WhatsApp Web', info: { whatsapp: '553182096315' } }),
    ).toEqual({
      token: '202304B53BF66DB8C0-364F9B-15CBAD',
      title: 'WhatsApp Web',
      kind: ChannelKind.WHATSAPP,
      whatsappNumber: '+553182096315',
      telegramUser: null,
      facebookPages: [],
      otherInfo: [],
    });
    expect(channelFromWire({ token: 't', title: 'Telegram', info: { user: 'usuario01_maxbot' } })).toMatchObject({
      kind: ChannelKind.TELEGRAM,
      telegramUser: 'usuario01_maxbot',
    });
    expect(channelFromWire({ token: 't', title: 'Facebook', info: { pages: 'page1, page2, page3' } })).toMatchObject({
      kind: ChannelKind.FACEBOOK,
      facebookPages: ['page1', 'page2', 'page3'],
    });
  });

  it('reads info as an object, a list of objects, or nothing; keeps unknown entries', () => {
    expect(channelInfoEntries([{ whatsapp: '553182096315' }, { extra: 1 }])).toEqual([
      ['whatsapp', '553182096315'],
      ['extra', '1'],
    ]);
    expect(channelInfoEntries('garbage')).toEqual([]);
    expect(channelFromWire({ token: 't', title: 'Instagram Loja', info: { account: 'minha_loja' } })).toMatchObject({
      kind: ChannelKind.INSTAGRAM,
      otherInfo: [{ name: 'account', value: 'minha_loja' }],
    });
    expect(channelFromWire({ token: 't', title: 'Canal 9' })).toMatchObject({ kind: ChannelKind.OTHER, title: 'Canal 9', otherInfo: [] });
  });

  it('Instagram accounts and Facebook pages: id and title', () => {
    expect(namedFromWire({ id: '12345678901234542', title: 'account_title_1' })).toEqual({
      id: '12345678901234542',
      title: 'account_title_1',
    });
  });

  it('Gupshup balance as a decimal string plus currency, from balance/currency or currency_balance', () => {
    // "currency_balance": "99.00 USD", "balance": "99.00", "currency": "USD"
    expect(gupshupBalanceFromWire({ status: 1, currency_balance: '99.00 USD', balance: '99.00', currency: 'USD' })).toEqual({
      balance: '99.00',
      currency: 'USD',
    });
    expect(gupshupBalanceFromWire({ status: 1, currency_balance: '12.5 usd' })).toEqual({ balance: '12.50', currency: 'USD' });
    expect(gupshupBalanceFromWire({ status: 1 })).toEqual({ balance: null, currency: null });
    expect([moneyFromWire(99), moneyFromWire('99,5'), moneyFromWire('1.005'), moneyFromWire('n/a')]).toEqual([
      '99.00',
      '99.50',
      '1.00',
      null,
    ]);
  });
});

describe('messaging rules (platform-neutral)', () => {
  it('a recipient is named in exactly one way', () => {
    expect(recipientKind({ cpf: '11122233344' })).toBe('cpf');
    expect(recipientKind({ cpf: null, externalId: '1' } as unknown as RecipientInput)).toBe('externalId');
    expect(problem(() => recipientKind({})).extras.errors).toEqual([{ field: 'to', message: expect.stringContaining('one of whatsapp') }]);
    expect(problem(() => recipientKind({ whatsapp: '+5531911112222', cpf: '11122233344' })).extras.errors).toEqual([
      { field: 'to', message: 'must name the recipient in exactly one way (got whatsapp, cpf)' },
    ]);
  });

  it('text goes with type text, media with the other types', () => {
    const to = { externalId: '1' };
    expect(() => checkSendMessage({ type: MessageType.TEXT, to, text: 'oi' })).not.toThrow();
    expect(problem(() => checkSendMessage({ type: MessageType.TEXT, to })).extras.errors).toEqual([
      { field: 'text', message: 'is required for type text' },
    ]);
    expect(problem(() => checkSendMessage({ type: MessageType.IMAGE, to, text: 'oi' })).extras.errors!.map((e) => e.field)).toEqual([
      'media',
      'text',
    ]);
    expect(problem(() => checkSendMessage({ type: MessageType.TEXT, to, text: 'oi', queueId: '3' })).extras.errors).toEqual([
      { field: 'queueId', message: 'is only meaningful with openTicket: true' },
    ]);
  });

  it('an uploaded file stands in for media.url on media types, never with it, never on text', () => {
    const to = { whatsapp: '+5511993231592' };
    const upload = { filename: 'a.png', contentType: 'image/png', data: Buffer.from('x') };
    expect(() => checkSendMessage({ type: MessageType.IMAGE, to }, upload)).not.toThrow();
    expect(() => checkSendMessage({ type: MessageType.IMAGE, to, media: { caption: 'oi' } }, upload)).not.toThrow();
    expect(
      problem(() => checkSendMessage({ type: MessageType.IMAGE, to, media: { url: 'https://x/a.png' } }, upload)).extras.errors,
    ).toEqual([{ field: 'media.url', message: 'cannot be combined with an uploaded file (multipart part "file")' }]);
    expect(problem(() => checkSendMessage({ type: MessageType.IMAGE, to, media: { caption: 'oi' } })).extras.errors).toEqual([
      { field: 'media.url', message: 'is required for type image (or upload the file in the multipart part "file")' },
    ]);
    expect(problem(() => checkSendMessage({ type: MessageType.TEXT, to, text: 'oi' }, upload)).extras.errors).toEqual([
      { field: 'file', message: 'is only for types image, file and audio' },
    ]);
  });

  it('a template is named by id or by name, and variables once each', () => {
    const to = { contactId: '1' };
    expect(() => checkSendTemplate({ to, templateId: '1' })).not.toThrow();
    expect(() => checkSendTemplate({ to, templateName: 'boas_vindas' })).not.toThrow();
    expect(problem(() => checkSendTemplate({ to })).extras.errors![0].field).toBe('templateId');
    expect(problem(() => checkSendTemplate({ to, templateId: '1', templateName: 'x' })).code).toBe('validation_failed');
    expect(
      problem(() =>
        checkSendTemplate({
          to,
          templateName: 'x',
          variables: [
            { name: 'a', value: '1' },
            { name: 'a', value: '2' },
          ],
        }),
      ).extras.errors,
    ).toEqual([{ field: 'variables[1].name', message: 'repeats "a"' }]);
  });
});
