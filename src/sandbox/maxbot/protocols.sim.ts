import { createHash, randomBytes } from 'node:crypto';
import { text } from '../../common/normalize/values';
import { fail, ok, str, type MaxbotHandler, type MaxbotWorld, type WireRecord } from './world';

/**
 * Protocols on the simulated Maxbot account: seeded from maxbot.txt (protocol 143 with its dialog and
 * notes, the annotations of protocol 123, the sectors and attendants) and stateful: open_followup
 * opens a protocol, chat messages join its dialog, terminate_prot concludes it (and only concluded
 * protocols are listed by get_prot, as the doc says), annotations show up in both lists.
 */

/** A protocol as get_prot shows it, plus what the simulator filters by but Maxbot does not show. */
interface SimProtocol {
  record: WireRecord & { dialog: WireRecord[] };
  sectorId: string;
  attendantId: string;
  contactId: string;
}

interface SimAnnotation {
  id: number;
  protId: string;
  date: string;
  attendantName: string;
  text: string;
}

interface ProtocolsState {
  protocols: SimProtocol[];
  annotations: SimAnnotation[];
  sectors: WireRecord[];
  attendants: WireRecord[];
}

const BLANK_MESSAGE: WireRecord = {
  msg_id: '',
  msg_text: '',
  msg_sound: '',
  msg_image: '',
  msg_file: '',
  msg_video: '',
  msg_location_preview: '',
  msg_location_lat: '',
  msg_location_lng: '',
  msg_contact: [],
  quoted_msg_id: '',
  quoted_msg_text: '',
  quoted_msg_sound: '',
  quoted_msg_image: '',
  quoted_msg_file: '',
  quoted_msg_video: '',
  quoted_msg_location_preview: '',
  quoted_msg_location_lat: '',
  quoted_msg_location_lng: '',
  quoted_msg_contact: '',
};

const CONTACT = 'Roberto Fulano';
const ATTENDANT = 'Rodrigo Gomide';

/** get_prot's dialog example (entries 769–776), text messages back and forth. */
function dialog143(): WireRecord[] {
  const lines: Array<[number, 'reply' | 'sent', string, string]> = [
    [
      769,
      'reply',
      '3EB03C160CBC1BC9B9D9',
      '[Abertura de Protocolo #0000000143]\n\n[Orientação]:\n\n1. Solicitar ao contato:\n- Nome\n- Sobrenome\n- Email\n\n2. Segmentar a ficha do contato como prospect\n3. Atualizar a ficha do contato com o ID Externo\n\nNão esqueça de sorrir hehehe\n',
    ],
    [770, 'sent', '', 'Olá Roberto, meu nome é Rodrigo, como posso ajudar?'],
    [771, 'reply', '3EB0F5D5A370A2A28F76', 'Olá, estou sem acesso à internet. Preciso de suporte técnico.'],
    [
      772,
      'sent',
      '',
      'Ok. Registrei a sua reclamação. Vou solicitar à equipe técnica que veja o que está ocorrendo. Tempo de resolução do problema é de cerca de 2 horas. Posso ajudar em algo mais?',
    ],
    [773, 'reply', '3EB09B22C2C2BADE917F', 'Teria como resolver mais rápido? Preciso da internet para fazer uma live pelo YouTube.'],
    [774, 'sent', '', 'Vou pedir urgência para a resolução do seu caso. Posso ajudar em algo mais?'],
    [775, 'reply', '3EB0A1C5728C56BBA05E', 'Não, seria somente isso mesmo. Agradeço.'],
    [776, 'sent', '', 'Perfeitamente. Chame sempre que precisar.'],
  ];
  return lines.map(([id, flux, msgId, msgText]) => ({
    ...BLANK_MESSAGE,
    id: String(id),
    date: '2020-08-31',
    internal_communication: '0',
    flux,
    type: 'T',
    sent_by: flux === 'reply' ? CONTACT : ATTENDANT,
    received_by: flux === 'reply' ? ATTENDANT : CONTACT,
    msg_id: msgId,
    msg_text: msgText,
  }));
}

/**
 * Protocol 123 is the one get_protocol_annotation's example annotates. Its dialog is NOT in
 * maxbot.txt: it carries the other message kinds (image, audio, location, contact card, a quoted
 * reply, an internal note) in the form Ponte reads them, so the normalization can be exercised.
 */
function dialog123(): WireRecord[] {
  const base = { ...BLANK_MESSAGE, date: '2023-04-17', internal_communication: '0' };
  const contact = { flux: 'reply', sent_by: 'Dilson Lana', received_by: 'Romulo Balga' };
  const attendant = { flux: 'sent', sent_by: 'Romulo Balga', received_by: 'Dilson Lana' };
  return [
    { ...base, ...contact, id: '900', type: 'T', msg_id: '3EB0123A000000000001', msg_text: 'Minha encomenda chegou danificada.' },
    {
      ...base,
      ...contact,
      id: '901',
      type: 'I',
      msg_id: '3EB0123A000000000002',
      msg_text: 'Foto da caixa',
      msg_image: 'https://app.maxbot.com.br/anexos_docs/534404093e4ff33534bffd35291043c5.png',
    },
    {
      ...base,
      ...contact,
      id: '902',
      type: 'A',
      msg_id: '3EB0123A000000000003',
      msg_sound: 'https://app.maxbot.com.br/anexos_docs/bfe9fae7c3b356332d97920c6a8a5895.ogg',
    },
    {
      ...base,
      ...contact,
      id: '903',
      type: 'L',
      msg_id: '3EB0123A000000000004',
      msg_location_preview: 'https://app.maxbot.com.br/anexos_docs/mapa-903.jpg',
      msg_location_lat: '-19.9191',
      msg_location_lng: '-43.9386',
    },
    {
      ...base,
      ...attendant,
      id: '904',
      type: 'T',
      msg_text: 'Recebido! Vamos trocar o produto.',
      quoted_msg_id: '3EB0123A000000000002',
      quoted_msg_text: 'Foto da caixa',
      quoted_msg_image: 'https://app.maxbot.com.br/anexos_docs/534404093e4ff33534bffd35291043c5.png',
    },
    {
      ...base,
      ...attendant,
      id: '905',
      type: 'C',
      msg_contact: ['BEGIN:VCARD\nVERSION:3.0\nFN:Keli Marchi\nTEL;type=CELL;waid=5531911116666:+55 31 91111-6666\nEND:VCARD'],
    },
    {
      ...base,
      id: '906',
      flux: 'sent',
      internal_communication: '1',
      type: 'T',
      sent_by: 'Romulo Balga',
      received_by: 'Dilson Lana',
      msg_text: 'Abrir chamado de troca com a logística.',
    },
  ];
}

function seedProtocols(): SimProtocol[] {
  return [
    {
      // get_prot's example record, as given.
      record: {
        id: '143',
        origin: '2',
        protocol_number: '143',
        segmentation: [{ id: '60', title: 'SAC' }],
        service_sector: 'Suporte Técnico',
        attendant_name: ATTENDANT,
        contact_info: '553195551111',
        contact_name: CONTACT,
        contact_whatsapp: '553195551111',
        contact_email: '',
        contact_cpf: '',
        contact_cnpj: '',
        contact_company_name: '',
        situation: '3',
        created_date: '2020-08-31',
        started_date: '2020-08-31 14:33:39',
        concluded_date: '2020-08-31 14:37:52',
        duration: '00:00:04',
        obs: 'Atendimento encerrado pelo atendente.',
        dialog: dialog143(),
      },
      sectorId: '',
      attendantId: '',
      contactId: '',
    },
    {
      record: {
        id: '123',
        origin: '2',
        protocol_number: '123',
        segmentation: [],
        service_sector: 'Logística',
        attendant_name: 'Romulo Balga',
        contact_info: '5531911114324',
        contact_name: 'Dilson Lana',
        contact_whatsapp: '5531911114324',
        contact_email: '',
        contact_cpf: '',
        contact_cnpj: '',
        contact_company_name: '',
        situation: '3',
        created_date: '2023-04-17',
        started_date: '2023-04-17 07:55:00',
        concluded_date: '2023-04-17 10:30:00',
        duration: '02:35:00',
        obs: '',
        dialog: dialog123(),
      },
      sectorId: '2',
      attendantId: '',
      contactId: '2',
    },
    {
      // The protocol contact 2 is being served in (get_contact: "current_protocol": "2345").
      record: {
        id: '2345',
        origin: '2',
        protocol_number: '2345',
        segmentation: [],
        service_sector: 'Comercial',
        attendant_name: 'Keli Marchi',
        contact_info: '5531911114324',
        contact_name: 'Dilson Lana',
        contact_whatsapp: '5531911114324',
        contact_email: '',
        contact_cpf: '',
        contact_cnpj: '',
        contact_company_name: '',
        situation: '2',
        created_date: '2020-08-31',
        started_date: '2020-08-31 15:00:00',
        concluded_date: '',
        duration: '',
        obs: '',
        dialog: [],
      },
      sectorId: '1',
      attendantId: '',
      contactId: '2',
    },
  ];
}

/** get_prot's notes of protocol 143 and get_protocol_annotation's example for protocol 123. */
function seedAnnotations(): SimAnnotation[] {
  return [
    { id: 1, protId: '123', date: '2023-04-17 08:00:00', attendantName: 'Rodrigo Gomide', text: 'Anotação 01' },
    { id: 2, protId: '123', date: '2023-04-17 09:00:00', attendantName: 'Dilson Lana', text: 'Anotação 02' },
    { id: 3, protId: '123', date: '2023-04-17 10:00:00', attendantName: 'Romulo Balga', text: 'Anotação 03' },
    {
      id: 10,
      protId: '143',
      date: '2020-08-31 14:34:25',
      attendantName: ATTENDANT,
      text: 'Cliente reclama que está sem acesso à internet. Solicita suporte técnico para reestabelecimento do serviço.',
    },
    {
      id: 11,
      protId: '143',
      date: '2020-08-31 14:36:47',
      attendantName: ATTENDANT,
      text: 'Cliente pede urgência, pois precisa da internet para realizar uma live. Pedir urgência à equipe técnica.',
    },
  ];
}

function sector(
  id: number,
  code: string,
  name: string,
  responsible: [string, string, string, string, string],
  answers: [number, number, number, number, number, number, number],
  allowUnavailable: number,
): WireRecord {
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  const record: WireRecord = {
    id,
    code,
    name,
    responsible_name: responsible[0],
    responsible_email: responsible[1],
    responsible_whatsapp: responsible[2],
    responsible_mobile_phone: responsible[3],
    responsible_phone_extension: responsible[4],
  };
  days.forEach((day, i) => {
    record[`operation_${day}_answer`] = answers[i];
    record[`operation_${day}_shift1`] = '08:00-12:00';
    record[`operation_${day}_shift2`] = '13:00-18:00';
  });
  record.allow_service_with_unavailable_attendants = allowUnavailable;
  return record;
}

/** get_service_sector's example, as given (two sectors share id 2 there). */
function seedSectors(): WireRecord[] {
  return [
    sector(1, 'CO', 'Comercial', ['Rodrigo Gomide', 'rodrigo@email.com', '553111116666', '553111116666', '5454'], [1, 1, 1, 1, 1, 1, 1], 0),
    sector(2, 'LO', 'Logística', ['Romulo Balga', 'romulo@email.com', '553122226666', '553122226666', '5451'], [1, 1, 1, 1, 1, 1, 1], 1),
    sector(2, 'MA', 'Manutenção', ['Dilson Lana', 'dilson@email.com', '553122227766', '', '5400'], [2, 2, 2, 2, 2, 2, 0], 1),
  ];
}

/** get_attendant's example. */
function seedAttendants(): WireRecord[] {
  return [
    { id: 1, service_sector_id: [1], collaborator_id: 1, name: 'Pedro Silva', status: 1 },
    { id: 2, service_sector_id: [2, 3], collaborator_id: 2, name: 'José Nogueira', status: 0 },
    { id: 3, service_sector_id: [1, 3, 8, 29], collaborator_id: 3, name: 'Antônio Prado', status: 1 },
  ];
}

const state = (world: MaxbotWorld): ProtocolsState =>
  world.slice<ProtocolsState>('protocols', () => ({
    protocols: seedProtocols(),
    annotations: seedAnnotations(),
    sectors: seedSectors(),
    attendants: seedAttendants(),
  }));

const SQL_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const SQL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CONCLUDED = '3';

function findProtocol(world: MaxbotWorld, body: WireRecord): SimProtocol | undefined {
  const id = str(body, 'prot_id');
  return state(world).protocols.find((p) => String(p.record.id) === id);
}

const notFound = (body: WireRecord) => fail(`Protocolo não encontrado: ${str(body, 'prot_id') || '(vazio)'}`);

/** Notes as get_prot shows them: newest first, the text under `note`. */
function notesOf(s: ProtocolsState, protId: string): WireRecord[] {
  return s.annotations
    .filter((a) => a.protId === protId)
    .sort((a, b) => b.id - a.id)
    .map((a) => ({ id: String(a.id), date: a.date, attendant_name: a.attendantName, note: a.text }));
}

function contactSegmentationIds(world: MaxbotWorld, contactId: string): string[] {
  const contact = world.contacts.find((c) => String(c.id) === contactId);
  const titles = Array.isArray(contact?.segmentation) ? (contact.segmentation as unknown[]).map(String) : [];
  return world.segmentations.filter((s) => titles.includes(s.title)).map((s) => String(s.id));
}

const getProt: MaxbotHandler = (body, world) => {
  const s = state(world);
  const start = str(body, 'date_start');
  const stop = str(body, 'date_stop');
  if (!SQL_DATE.test(start) || !SQL_DATE.test(stop)) return fail('Informe date_start e date_stop (AAAA-MM-DD)');
  const dateField = str(body, 'date_focus') === '0' ? 'created_date' : 'concluded_date';
  const wanted = (key: string) => str(body, key);
  const data = s.protocols.filter((p) => {
    const r = p.record;
    if (text(r.situation) !== CONCLUDED) return false;
    const day = text(r[dateField]).slice(0, 10);
    if (day < start || day > stop) return false;
    if (wanted('sector_id') && p.sectorId !== wanted('sector_id')) return false;
    if (wanted('attendant_id') && p.attendantId !== wanted('attendant_id')) return false;
    if (wanted('contact_id') && p.contactId !== wanted('contact_id')) return false;
    if (wanted('situation') && text(r.situation) !== wanted('situation')) return false;
    if (wanted('br_cpf') && text(r.contact_cpf) !== wanted('br_cpf')) return false;
    if (wanted('br_cnpj') && text(r.contact_cnpj) !== wanted('br_cnpj')) return false;
    if (wanted('company_name') && text(r.contact_company_name).toLowerCase() !== wanted('company_name').toLowerCase()) return false;
    if (wanted('segmentation_protocol')) {
      const ids = (r.segmentation as Array<{ id: string }>).map((seg) => String(seg.id));
      if (!ids.includes(wanted('segmentation_protocol'))) return false;
    }
    if (wanted('segmentation_contact') && !contactSegmentationIds(world, p.contactId).includes(wanted('segmentation_contact')))
      return false;
    return true;
  });
  return ok({ data: data.map((p) => ({ ...p.record, notes: notesOf(s, String(p.record.id)), dialog: p.record.dialog })) });
};

const CHANNEL_ORIGIN: Record<string, string> = { 'WhatsApp Web': '2', Telegram: '3', Facebook: '4' };

function messageId(): string {
  return `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
}

const openFollowup: MaxbotHandler = (body, world) => {
  const s = state(world);
  const contactId = str(body, 'contact_id');
  const contact = world.contacts.find((c) => String(c.id) === contactId);
  if (!contact) return fail(`Contato não encontrado: ${contactId || '(vazio)'}`);
  const templateId = str(body, 'template_id');
  if (!/^[1-9]\d*$/.test(templateId)) return fail(`Template inválido: ${templateId || '(vazio)'}`);
  const sectorId = str(body, 'sector_id');
  const sectorRecord = s.sectors.find((x) => String(x.id) === sectorId);
  if (!sectorRecord) return fail(`Setor de atendimento não encontrado: ${sectorId || '(vazio)'}`);
  const attendantId = str(body, 'attendant_id') || '0';
  const attendant = s.attendants.find((a) => String(a.id) === attendantId);
  if (attendantId !== '0' && !attendant) return fail(`Atendente não encontrado: ${attendantId}`);
  const channelToken = str(body, 'channel_token');
  const channel = world.channels.find((c) => c.token === channelToken);
  if (channelToken && !channel) return fail(`Canal não encontrado: ${channelToken}`);
  const scheduled = str(body, 'scheduled') === '1';
  if (scheduled && !SQL_DATETIME.test(str(body, 'date_time'))) return fail('date_time obrigatório para agendamento (AAAA-MM-DD HH:MM:SS)');
  const id = String(world.nextId('protocol', 1234));
  const now = world.now();
  const attendantName = attendant ? text(attendant.name) : '';
  const contactName = [text(contact.name), text(contact.surname)].filter(Boolean).join(' ');
  const otp = str(body, 'user_otp_code');
  s.protocols.push({
    record: {
      id,
      origin: channel ? (CHANNEL_ORIGIN[channel.title] ?? '2') : '2',
      protocol_number: id,
      segmentation: [],
      service_sector: text(sectorRecord.name),
      attendant_name: attendantName,
      contact_info: text(contact.whatsapp),
      contact_name: contactName,
      contact_whatsapp: text(contact.whatsapp),
      contact_email: text(contact.email),
      contact_cpf: text(contact.br_cpf),
      contact_cnpj: text(contact.br_cnpj),
      contact_company_name: text(contact.company),
      situation: scheduled ? '1' : '2',
      created_date: now.slice(0, 10),
      started_date: scheduled ? '' : now,
      concluded_date: '',
      duration: '',
      obs: '',
      dialog: [
        {
          ...BLANK_MESSAGE,
          id: String(world.nextId('dialog', 777)),
          date: (scheduled ? str(body, 'date_time') : now).slice(0, 10),
          internal_communication: '0',
          flux: 'sent',
          type: 'T',
          sent_by: attendantName || 'Maxbot',
          received_by: contactName,
          msg_id: messageId(),
          msg_text: `[Template #${templateId}]${otp ? ` Código: ${otp}` : ''}`,
        },
      ],
    },
    sectorId,
    attendantId: attendantId === '0' ? '' : attendantId,
    contactId,
  });
  if (!scheduled) Object.assign(contact, { in_attendance: '1', current_protocol: id, current_attendant: attendantName });
  return ok({ prot_id: id, protocol: id });
};

/** HH:MM:SS between two `YYYY-MM-DD HH:MM:SS` wall-clock times. */
function durationBetween(start: string, end: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(`${end.replace(' ', 'T')}Z`) - Date.parse(`${start.replace(' ', 'T')}Z`)) / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

function appendMessage(world: MaxbotWorld, p: SimProtocol, date: string, fields: WireRecord): WireRecord {
  const entry: WireRecord = {
    ...BLANK_MESSAGE,
    id: String(world.nextId('dialog', 777)),
    date: date.slice(0, 10),
    internal_communication: '0',
    flux: 'sent',
    sent_by: text(p.record.attendant_name) || 'API',
    received_by: text(p.record.contact_name),
    msg_id: messageId(),
    ...fields,
  };
  p.record.dialog.push(entry);
  return entry;
}

const terminateProt: MaxbotHandler = (body, world) => {
  const p = findProtocol(world, body);
  if (!p) return notFound(body);
  if (text(p.record.situation) === CONCLUDED) return fail(`Protocolo já encerrado: ${String(p.record.id)}`);
  const now = world.now();
  if (str(body, 'ind_env_msg') === '1') {
    appendMessage(world, p, now, { type: 'T', msg_text: 'Atendimento encerrado. Obrigado pelo contato!' });
  }
  const started = text(p.record.started_date) || now;
  Object.assign(p.record, {
    situation: CONCLUDED,
    started_date: started,
    concluded_date: now,
    duration: durationBetween(started, now),
    obs: 'Atendimento encerrado via API.',
  });
  const contact = world.contacts.find((c) => String(c.id) === p.contactId);
  if (contact && text(contact.current_protocol) === String(p.record.id)) {
    Object.assign(contact, { in_attendance: '0', current_protocol: '', current_attendant: '' });
  }
  return ok();
};

const getProtocolAnnotation: MaxbotHandler = (body, world) => {
  const p = findProtocol(world, body);
  if (!p) return notFound(body);
  const data = state(world)
    .annotations.filter((a) => a.protId === String(p.record.id))
    .sort((a, b) => a.id - b.id)
    .map((a) => ({ id: String(a.id), date: a.date, attendant_name: a.attendantName, text: a.text }));
  return ok({ data });
};

const putProtocolAnnotation: MaxbotHandler = (body, world) => {
  const p = findProtocol(world, body);
  if (!p) return notFound(body);
  const annotation = str(body, 'anot_text');
  if (!annotation) return fail('anot_text vazio');
  const id = world.nextId('annotation', 12);
  state(world).annotations.push({
    id,
    protId: String(p.record.id),
    date: world.now(),
    attendantName: text(p.record.attendant_name) || 'API',
    text: annotation,
  });
  return ok({ prot_id: String(p.record.id), anot_id: String(id) });
};

/** The checks every chat command shares: an open protocol and a `msg_date_sql`. */
function openChat(body: WireRecord, world: MaxbotWorld): SimProtocol | WireRecord {
  const p = findProtocol(world, body);
  if (!p) return notFound(body);
  if (text(p.record.situation) === CONCLUDED) return fail(`Protocolo encerrado: ${String(p.record.id)}`);
  if (!SQL_DATETIME.test(str(body, 'msg_date_sql'))) return fail('msg_date_sql inválido (AAAA-MM-DD HH:MM:SS)');
  return p;
}

const isProtocol = (x: SimProtocol | WireRecord): x is SimProtocol => 'record' in x && 'contactId' in x;

const DATA_URI = /^data:([^;,]+);base64,([A-Za-z0-9+/]+={0,2})$/;

/** Where Maxbot keeps an upload (`https://app.maxbot.com.br/anexos_docs/<md5>.<ext>`), and its size. */
function stored(payload: string, ext: string): { url: string; bytes: number } {
  const md5 = createHash('md5').update(payload).digest('hex');
  return { url: `https://app.maxbot.com.br/anexos_docs/${md5}.${ext}`, bytes: Buffer.from(payload, 'base64').length };
}

const sendChatMsg: MaxbotHandler = (body, world) => {
  const p = openChat(body, world);
  if (!isProtocol(p)) return p;
  if (!str(body, 'msg')) return fail('msg vazio');
  const entry = appendMessage(world, p, str(body, 'msg_date_sql'), { type: 'T', msg_text: text(body.msg) });
  return ok({ chat_id: entry.id, msg_id: entry.msg_id });
};

const sendChatAudio: MaxbotHandler = (body, world) => {
  const p = openChat(body, world);
  if (!isProtocol(p)) return p;
  const uri = DATA_URI.exec(str(body, 'audio_base64'));
  if (!uri || !uri[1].startsWith('audio/')) return fail('audio_base64 inválido: esperado data:audio/<tipo>;base64,...');
  const ext = str(body, 'audio_ext');
  if (!ext) return fail('audio_ext vazio');
  const file = stored(uri[2], ext);
  const entry = appendMessage(world, p, str(body, 'msg_date_sql'), { type: 'A', msg_sound: file.url });
  return ok({
    chat_id: entry.id,
    msg_id: entry.msg_id,
    audio_name: 'audio',
    audio_size: `${(file.bytes / 1024).toFixed(2)}K`,
    audio_url: file.url,
  });
};

const sendChatAnnex: MaxbotHandler = (body, world) => {
  const p = openChat(body, world);
  if (!isProtocol(p)) return p;
  const uri = DATA_URI.exec(str(body, 'annex_base64'));
  if (!uri) return fail('annex_base64 inválido: esperado data:<tipo>;base64,...');
  const name = str(body, 'annex_name');
  const ext = str(body, 'annex_ext');
  const type = str(body, 'annex_type');
  if (!name || !ext) return fail('annex_name e annex_ext obrigatórios');
  if (type !== 'F' && type !== 'I') return fail(`annex_type inválido: ${type || '(vazio)'}`);
  const file = stored(uri[2], ext);
  const entry = appendMessage(world, p, str(body, 'msg_date_sql'), {
    type,
    msg_text: name,
    ...(type === 'I' ? { msg_image: file.url } : { msg_file: file.url }),
  });
  return ok({ chat_id: entry.id, msg_id: entry.msg_id, annex_name: name, annex_url: file.url });
};

const getServiceSector: MaxbotHandler = (_body, world) => ok({ service_sector: state(world).sectors });

const getAttendant: MaxbotHandler = (_body, world) => ok({ attendant: state(world).attendants });

export const protocolsHandlers: Record<string, MaxbotHandler> = {
  get_prot: getProt,
  open_followup: openFollowup,
  terminate_prot: terminateProt,
  get_protocol_annotation: getProtocolAnnotation,
  put_protocol_annotation: putProtocolAnnotation,
  send_chat_msg: sendChatMsg,
  send_chat_audio: sendChatAudio,
  send_chat_annex: sendChatAnnex,
  get_service_sector: getServiceSector,
  get_attendant: getAttendant,
};

/** The seeds, for unit tests that check the mappers against the doc examples. */
export const protocolSeeds = { protocols: seedProtocols, annotations: seedAnnotations, sectors: seedSectors, attendants: seedAttendants };
