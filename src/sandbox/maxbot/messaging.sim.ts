import { text } from '../../common/normalize/values';
import { fail, ok, str, type MaxbotHandler, type MaxbotWorld, type WireRecord } from './world';

/** A message the simulated account sent (or scheduled), as tests and the sandbox can inspect it. */
export interface SentMessageRecord {
  cmd: string;
  /** Contact it went to (null for an e-mail or SMS without a matching contact id). */
  contactId: string | null;
  channelToken: string | null;
  /** Message id the reply gave (SMS/e-mail), else null. */
  messageId: string | null;
  /** Account wall-clock time it was accepted. */
  at: string;
  /** The request body without the account token. */
  body: WireRecord;
}

export interface MessagingState {
  templates: WireRecord[];
  categories: Array<{ category_id: number; category_title: string }>;
  sent: SentMessageRecord[];
}

/** get_template's three examples in maxbot.txt (types C, F, A). */
function seedTemplates(): WireRecord[] {
  const doc = 'https://app.maxbot.com.br/anexos_docs/534404093e4ff33534bffd3529';
  const blanks = { img1: '', img2: '', img3: '', img4: '', img5: '', img6: '', arq1: '', arq2: '', arq3: '' };
  const waba = { waba_category: '', waba_language: '', waba_status: '' };
  return [
    {
      id: 1,
      type: 'C',
      category_id: '0',
      category_title: 'Geral',
      title: 'Negociação',
      msg: 'Olá, [NOME], tudo bem? 😃😃',
      img1: `${doc}1043c5.png`,
      img2: `${doc}344422.png`,
      img3: `${doc}108457.png`,
      img4: `${doc}106535.png`,
      img5: `${doc}105753.png`,
      img6: `${doc}105473.png`,
      arq1: `${doc}145665.pdf`,
      arq2: `${doc}145656.pdf`,
      arq3: `${doc}149986.pdf`,
      ...waba,
      for_use: 0,
    },
    {
      id: 2,
      type: 'F',
      category_id: '0',
      category_title: 'Geral',
      title: 'Abertura de Protocolo',
      msg: 'Bom dia.',
      ...blanks,
      img1: `${doc}1043c5.png`,
      arq1: `${doc}145665.pdf`,
      ...waba,
      for_use: 1,
    },
    {
      id: 3,
      type: 'A',
      category_id: '0',
      category_title: 'Geral',
      title: 'Aviso de Postado nos Correios',
      msg: '',
      ...blanks,
      ...waba,
      for_use: 1,
    },
  ];
}

/** get_template_category's example. */
function seedCategories() {
  return [
    { category_id: 0, category_title: 'Geral' },
    { category_id: 2, category_title: 'DETALHES DE PLANO' },
    { category_id: 1, category_title: 'INFORMAÇÕES' },
    { category_id: 3, category_title: 'NEGOCIAÇÃO' },
  ];
}

export function messagingState(world: MaxbotWorld): MessagingState {
  return world.slice<MessagingState>('messaging', () => ({ templates: seedTemplates(), categories: seedCategories(), sent: [] }));
}

function record(world: MaxbotWorld, cmd: string, body: WireRecord, contact: WireRecord | undefined, messageId: string | null = null): void {
  const { token: _token, ...rest } = body;
  messagingState(world).sent.push({
    cmd,
    contactId: contact ? text(contact.id) : null,
    channelToken: str(body, 'channel_token') || null,
    messageId,
    at: world.now(),
    body: rest,
  });
}

/** Recipient keys of the send commands and the contact field each must match. */
const RECIPIENT_KEYS: Array<[string, string]> = [
  ['ct_whatsapp', 'whatsapp'],
  ['ct_telegram_id', 'telegram_id'],
  ['ct_messenger', 'fbmessenger_id'],
  ['ct_instagram', 'instagram_id'],
  ['ct_external_id', 'external_id'],
  ['ct_br_cpf', 'br_cpf'],
];

/** The contact every non-empty identifier of the request points at (all must agree), if any. */
function findRecipient(world: MaxbotWorld, body: WireRecord, keys: Array<[string, string[]]>): WireRecord | undefined {
  const given = keys.filter(([param]) => str(body, param) !== '');
  if (given.length === 0) return undefined;
  return world.contacts.find((c) => given.every(([param, fields]) => fields.some((f) => text(c[f]).trim() === str(body, param))));
}

const CHAT_KEYS = RECIPIENT_KEYS.map(([param, field]): [string, string[]] => [param, [field]]);

const EXTENSIONS: Record<string, string[]> = {
  image: ['jpg', 'jpeg', 'png'],
  file: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pps'],
  sound: ['mp3'],
};

/** send_text / send_image / send_file / send_sound: a known channel and an existing contact. */
function chatSend(cmd: string, check: (body: WireRecord) => string | null): MaxbotHandler {
  return (body, world) => {
    const token = str(body, 'channel_token');
    if (!world.channels.some((c) => c.token === token)) return fail(`Canal não encontrado: ${token || '(vazio)'}`);
    if (str(body, 'ct_messenger') && !str(body, 'messenger_page_id')) return fail('messenger_page_id obrigatório para ct_messenger');
    if (str(body, 'ct_instagram') && !str(body, 'instagram_account_id')) return fail('instagram_account_id obrigatório para ct_instagram');
    const contact = findRecipient(world, body, CHAT_KEYS);
    if (!contact) return fail('Contato não encontrado');
    const problem = check(body);
    if (problem) return fail(problem);
    record(world, cmd, body, contact);
    return ok();
  };
}

const media = (kind: 'image' | 'file' | 'sound') => (body: WireRecord) => {
  if (!/^https?:\/\//.test(str(body, `${kind}_url`))) return `${kind}_url inválida`;
  if (!EXTENSIONS[kind].includes(str(body, `${kind}_extension`))) return `${kind}_extension inválida`;
  if (kind === 'file' && !str(body, 'file_name')) return 'file_name obrigatório';
  return null;
};

/** A contact "exchanged messages on Maxbot" when it talks through one of the account's channels. */
function hasConversed(contact: WireRecord): boolean {
  return ['channel_whatsapp', 'channel_telegram', 'channel_fbmessenger', 'channel_instagram'].some((f) => text(contact[f]).trim() !== '');
}

const sendNotice: MaxbotHandler = (body, world) => {
  const token = str(body, 'channel_token');
  if (!world.channels.some((c) => c.token === token)) return fail(`Canal não encontrado: ${token || '(vazio)'}`);
  const contact = world.contacts.find((c) => text(c.id) === str(body, 'contact_id'));
  // maxbot.txt: "Envio de aviso só é permitido para contatos que trocaram mensagem no Maxbot."
  if (!contact || !hasConversed(contact)) return fail('Envio de aviso só é permitido para contatos que trocaram mensagem no Maxbot');
  if (!messagingState(world).templates.some((t) => text(t.id) === str(body, 'template_id'))) {
    return fail(`Template não encontrado: ${str(body, 'template_id') || '(vazio)'}`);
  }
  const scheduled = str(body, 'scheduled');
  if (scheduled !== '0' && scheduled !== '1') return fail('scheduled deve ser 0 ou 1');
  if (scheduled === '1' && !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(str(body, 'date_time'))) return fail('date_time inválido');
  record(world, 'send_notice', body, contact);
  return ok();
};

const sendSms: MaxbotHandler = (body, world) => {
  const contact = findRecipient(world, body, [
    ['cell_phone', ['mobile_phone', 'whatsapp']],
    ['ct_external_id', ['external_id']],
    ['ct_br_cpf', ['br_cpf']],
  ]);
  if (!contact) return fail('Contato não encontrado');
  if (!str(body, 'msg')) return fail('msg vazia');
  const id = `SMS-${world.nextId('sms', 123)}`;
  record(world, 'send_sms', body, contact, id);
  return ok({ msg_id: id });
};

const sendEmail: MaxbotHandler = (body, world) => {
  const to = str(body, 'to_email').toLowerCase();
  const contact = to ? world.contacts.find((c) => text(c.email).toLowerCase() === to) : undefined;
  if (!contact) return fail(`Contato não encontrado: ${to || '(vazio)'}`);
  if (!str(body, 'from_email') || !str(body, 'subject')) return fail('from_email e subject obrigatórios');
  for (let i = 1; i <= 6; i++) {
    if (str(body, `img_url_${i}`) && !EXTENSIONS.image.includes(str(body, `img_extension_${i}`)))
      return fail(`img_extension_${i} inválida`);
  }
  for (let i = 1; i <= 3; i++) {
    if (str(body, `file_url_${i}`) && !EXTENSIONS.file.includes(str(body, `file_extension_${i}`)))
      return fail(`file_extension_${i} inválida`);
  }
  const id = `EMAIL-${world.nextId('email', 123)}`;
  record(world, 'send_email', body, contact, id);
  return ok({ msg_id: id });
};

const getTemplate: MaxbotHandler = (body, world) => {
  const type = str(body, 'type');
  const category = str(body, 'category_id');
  return ok({
    template: messagingState(world).templates.filter((t) => (!type || t.type === type) && (!category || text(t.category_id) === category)),
  });
};

const getTemplateCategory: MaxbotHandler = (_body, world) => ok({ template_categories: messagingState(world).categories });

export const messagingHandlers: Record<string, MaxbotHandler> = {
  send_text: chatSend('send_text', (body) => (str(body, 'msg') ? null : 'msg vazia')),
  send_image: chatSend('send_image', media('image')),
  send_file: chatSend('send_file', media('file')),
  send_sound: chatSend('send_sound', media('sound')),
  send_notice: sendNotice,
  send_sms: sendSms,
  send_email: sendEmail,
  get_template: getTemplate,
  get_template_category: getTemplateCategory,
};
