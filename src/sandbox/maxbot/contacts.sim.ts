import { text } from '../../common/normalize/values';
import { fail, ok, str, type MaxbotHandler, type MaxbotWorld, type WireRecord } from './world';

/** Every field a contact record carries in get_contact (maxbot.txt), all "" by default. */
const CONTACT_FIELDS = [
  'tag',
  'tag2',
  'name',
  'surname',
  'gender',
  'gender_info',
  'birth',
  'age',
  'br_person_type',
  'br_cpf',
  'br_cnpj',
  'company',
  'email',
  'channel_whatsapp',
  'whatsapp',
  'channel_telegram',
  'telegram_id',
  'channel_fbmessenger',
  'fbmessenger_id',
  'channel_instagram',
  'instagram_id',
  'mobile_phone',
  'phone',
  'country',
  'state',
  'city',
  'profession',
  'external_id',
  'ind_client',
  'client_code',
  'avatar_url',
  'obs',
  'tag_info1',
  'tag_info2',
  'tag_info3',
  'tag_info4',
  'tag_info5',
  'tag_info6',
  'waba_session',
  'messenger_session',
  'instagram_session',
  'in_attendance',
  'current_protocol',
  'current_attendant',
] as const;

/** put_contact/set_contact keys that are stored under the same name. */
const DIRECT_KEYS = [
  'tag',
  'tag2',
  'name',
  'surname',
  'gender',
  'gender_info',
  'birth',
  'br_person_type',
  'br_cpf',
  'br_cnpj',
  'company',
  'email',
  'whatsapp',
  'telegram_id',
  'fbmessenger_id',
  'instagram_id',
  'mobile_phone',
  'phone',
  'country',
  'state',
  'city',
  'profession',
  'external_id',
  'ind_client',
  'client_code',
  'avatar_url',
  'obs',
  'tag_info1',
  'tag_info2',
  'tag_info3',
  'tag_info4',
  'tag_info5',
  'tag_info6',
];

/** The three contacts of the get_contact example in maxbot.txt (ids 1, 2, 3). */
export function seedContacts(): WireRecord[] {
  const blank = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, '']));
  return [
    {
      ...blank,
      id: '1',
      created_at: '2020-06-08 08:07:16',
      updated_at: '2020-06-08 08:07:16',
      segmentation: [],
      tag: 'THER',
      tag2: 'THER2',
      name: 'Rodrigo',
      surname: 'Fundação Ther',
      gender: 'M',
      birth: '1974-10-22',
      age: '46',
      br_person_type: 'J',
      br_cpf: '11122233344',
      br_cnpj: '11222333000144',
      company: 'Ther Sistemas Ltda',
      email: 'rodrigo@maxbot.com.br',
      channel_whatsapp: '5531911111444',
      whatsapp: '5531911112222',
      mobile_phone: '5531922223333',
      phone: '3132324455',
      country: 'BR',
      state: 'MG',
      city: 'Viçosa',
      external_id: '5678',
      ind_client: '0',
      in_attendance: '0',
      validated_whatsapp: '1',
    },
    {
      ...blank,
      id: '2',
      created_at: '2020-06-08 08:07:16',
      updated_at: '2020-06-08 08:07:16',
      segmentation: [],
      name: 'Dilson',
      surname: 'Lana',
      gender: 'M',
      br_person_type: 'F',
      channel_whatsapp: '5531911111333',
      whatsapp: '5531911114324',
      mobile_phone: '5531922223333',
      country: 'BR',
      state: 'SP',
      city: 'Campinas',
      ind_client: '0',
      obs: 'Cliente VIP',
      in_attendance: '1',
      current_protocol: '2345',
      current_attendant: 'Keli Marchi',
      validated_whatsapp: '1',
    },
    {
      ...blank,
      id: '3',
      created_at: '2020-06-08 08:07:16',
      updated_at: '2020-06-08 08:07:16',
      segmentation: ['Negociação', 'Proposta Enviada'],
      tag: 'Atd Romulo',
      tag2: 'Atd Romulo2',
      name: 'Keli',
      surname: 'Marchi',
      gender: 'F',
      birth: '1990-06-15',
      age: '30',
      br_person_type: 'F',
      br_cpf: '11122233300',
      email: 'keli@email.com',
      channel_whatsapp: '5531911111222',
      whatsapp: '5531911116666',
      mobile_phone: '5531911116666',
      country: 'BR',
      state: 'RJ',
      city: 'Rio de Janeiro',
      profession: 'Ciências Contábeis',
      external_id: 'keli-09',
      ind_client: '0',
      avatar_url: 'https://maxbot.com.br/anexos_docs/f434cd6b295984e3a0c05d8d67ae173d_small.jpg',
      obs: 'ENVIAR PROPOSTA COMERCIAL NA SEGUNDA',
      in_attendance: '0',
      validated_whatsapp: '0',
    },
  ];
}

/** get_segmentation's example (1452, 2267) plus the ids add_contact_segmentation's example uses (113, 211). */
export function seedSegmentations() {
  return [
    { id: 1452, type: '0', title: 'Negociação' },
    { id: 2267, type: '0', title: 'Proposta Enviada' },
    { id: 113, type: '0', title: 'Clientes Ativos' },
    { id: 211, type: '0', title: 'Campanha Black Friday' },
    { id: 60, type: '1', title: 'SAC' },
  ];
}

function findContact(world: MaxbotWorld, id: string): WireRecord | undefined {
  return world.contacts.find((c) => String(c.id) === id);
}

/** The channel number get_contact shows for a channel token (the token itself when unknown). */
function channelNumber(world: MaxbotWorld, token: string): string {
  const channel = world.channels.find((c) => c.token === token);
  return channel?.info.whatsapp ?? token;
}

function applyWrite(world: MaxbotWorld, record: WireRecord, body: WireRecord): void {
  for (const key of DIRECT_KEYS) if (key in body) record[key] = str(body, key);
  if ('segmentation' in body) {
    record.segmentation = str(body, 'segmentation')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if ('whatsapp_channel' in body) record.channel_whatsapp = channelNumber(world, str(body, 'whatsapp_channel'));
  if ('telegram_channel' in body) record.channel_telegram = str(body, 'telegram_channel');
  if ('fbmessenger_channel' in body) record.channel_fbmessenger = str(body, 'fbmessenger_channel');
  if ('instagram_channel' in body) record.channel_instagram = str(body, 'instagram_channel');
  if ('birth' in body && str(body, 'birth')) {
    const birth = new Date(str(body, 'birth'));
    record.age = String(Math.floor((Date.now() - birth.getTime()) / (365.25 * 24 * 3600 * 1000)));
  }
  record.updated_at = world.now();
}

const inRange = (value: string, start: string, stop: string) => (!start || value >= start) && (!stop || value <= stop);

const getContact: MaxbotHandler = (body, world) => {
  const dateField = str(body, 'focus_period') === '1' ? 'updated_at' : 'created_at';
  const datetimeField = str(body, 'datetime_focus') === '1' ? 'updated_at' : 'created_at';
  const equalities: Array<[string, string]> = [
    ['whatsapp', 'whatsapp'],
    ['mobile_phone', 'mobile_phone'],
    ['email', 'email'],
    ['external_id', 'external_id'],
    ['channel_whatsapp', 'channel_whatsapp'],
    ['channel_telegram', 'channel_telegram'],
    ['channel_messenger', 'channel_fbmessenger'],
    ['channel_instagram', 'channel_instagram'],
  ];
  const flags = ['waba_session', 'messenger_session', 'instagram_session', 'validated_whatsapp'];
  const data = world.contacts.filter((c) => {
    for (const [param, field] of equalities) {
      const wanted = str(body, param);
      if (wanted && text(c[field]).toLowerCase() !== wanted.toLowerCase()) return false;
    }
    for (const flagName of flags) {
      const wanted = str(body, flagName);
      if (wanted && (text(c[flagName]) || '0') !== wanted) return false;
    }
    const day = text(c[dateField]).slice(0, 10);
    if ((str(body, 'date_start') || str(body, 'date_stop')) && !inRange(day, str(body, 'date_start'), str(body, 'date_stop'))) return false;
    const at = text(c[datetimeField]);
    if (
      (str(body, 'datetime_start') || str(body, 'datetime_stop')) &&
      !inRange(at, str(body, 'datetime_start'), str(body, 'datetime_stop'))
    )
      return false;
    return true;
  });
  return ok({ data: data.map(({ validated_whatsapp: _hidden, ...visible }) => visible) });
};

const putContact: MaxbotHandler = (body, world) => {
  const id = world.nextId('contact', 1234);
  const now = world.now();
  const record: WireRecord = {
    ...Object.fromEntries(CONTACT_FIELDS.map((f) => [f, ''])),
    id: String(id),
    created_at: now,
    segmentation: [],
    ind_client: '0',
    in_attendance: '0',
    validated_whatsapp: '0',
  };
  applyWrite(world, record, body);
  record.updated_at = now;
  world.contacts.push(record);
  world.emit(contactWebhook(record, 'insert'));
  return ok({ contact_id: id });
};

const setContact: MaxbotHandler = (body, world) => {
  const record = findContact(world, str(body, 'for_contact_id'));
  if (!record) return fail(`Contato não encontrado: ${str(body, 'for_contact_id') || '(vazio)'}`);
  applyWrite(world, record, body);
  record.updated_at = world.now();
  world.emit(contactWebhook(record, 'update'));
  return ok();
};

/**
 * The keys of maxbot.txt's "Novo Contato" / "Contato Atualizado" examples, in their order. Not the
 * get_contact record: the webhook adds the `*_username` keys and has no `channel_*`, `waba_session`
 * or `gender_info`.
 */
const CONTACT_WEBHOOK_KEYS = [
  'created_at',
  'updated_at',
  'segmentation',
  'tag',
  'tag2',
  'name',
  'surname',
  'gender',
  'birth',
  'age',
  'br_person_type',
  'br_cpf',
  'br_cnpj',
  'company',
  'email',
  'maxbot_username',
  'whatsapp',
  'mobile_phone',
  'telegram_id',
  'telegram_username',
  'fbmessenger_id',
  'fbmessenger_username',
  'instagram_id',
  'instagram_username',
  'phone',
  'country',
  'state',
  'city',
  'profession',
  'ind_client',
  'client_code',
  'external_id',
  'avatar_url',
  'obs',
  'tag_info1',
  'tag_info2',
  'tag_info3',
  'tag_info4',
  'tag_info5',
  'tag_info6',
  'in_attendance',
  'current_protocol',
  'current_attendant',
] as const;

/** The "Novo Contato" / "Contato Atualizado" webhook of a contact, in the documented shape ("" for what it lacks). */
export function contactWebhook(record: WireRecord, typeEvent: 'insert' | 'update'): WireRecord {
  const payload: WireRecord = { id: record.id, type_event: typeEvent };
  for (const key of CONTACT_WEBHOOK_KEYS) payload[key] = record[key] ?? '';
  return payload;
}

const deleteContact: MaxbotHandler = (body, world) => {
  const ids = body.contact_id;
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'number')) {
    return fail('contact_id deve ser uma lista de ids numéricos');
  }
  const missing = ids.filter((id) => !findContact(world, String(id)));
  if (missing.length) return fail(`Contato(s) não encontrado(s): ${missing.join(', ')}`);
  world.contacts = world.contacts.filter((c) => !ids.includes(Number(c.id)));
  return ok();
};

const addContactSegmentation: MaxbotHandler = (body, world) => {
  const contact = findContact(world, str(body, 'contact_id'));
  if (!contact) return fail(`Contato não encontrado: ${str(body, 'contact_id') || '(vazio)'}`);
  const ids = str(body, 'segmentation_ids')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0) return fail('segmentation_ids vazio');
  const found = ids.map((id) => world.segmentations.find((s) => String(s.id) === id));
  const missing = ids.filter((_id, i) => !found[i]);
  if (missing.length) return fail(`Segmentação não encontrada: ${missing.join(', ')}`);
  const titles = new Set(contact.segmentation as string[]);
  for (const s of found) titles.add(s!.title);
  contact.segmentation = [...titles];
  contact.updated_at = world.now();
  return ok();
};

const getSegmentation: MaxbotHandler = (body, world) => {
  const type = str(body, 'type');
  return ok({ segmentation: world.segmentations.filter((s) => !type || s.type === type) });
};

const addSegmentation: MaxbotHandler = (body, world) => {
  const names = str(body, 'segmentation_name')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) return fail('segmentation_name vazio');
  const type = str(body, 'type') || '0';
  const ids = names.map((title) => {
    const id = world.nextId('segmentation', 3000);
    world.segmentations.push({ id, type, title });
    return id;
  });
  return ok({ seg_id: String(ids[0]) });
};

const getStatus: MaxbotHandler = () =>
  ok({
    data: [{ created_at: '2020-08-22', status: 'Active', last_execution_at: '2020-08-29 21:21:32', last_operation: 'Sound Shooting' }],
  });

export const contactsHandlers: Record<string, MaxbotHandler> = {
  get_contact: getContact,
  put_contact: putContact,
  set_contact: setContact,
  delete_contact: deleteContact,
  add_contact_segmentation: addContactSegmentation,
  get_segmentation: getSegmentation,
  add_segmentation: addSegmentation,
  get_status: getStatus,
};
