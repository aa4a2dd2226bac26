/**
 * Pre-serialized Maxbot replies for the benchmark upstream: a ~1 KB and a ~16 KB `get_contact`
 * answer (records shaped like the maxbot.txt example), a `put_contact` answer and a large `get_prot`
 * answer (5,000 protocols × 10 dialog messages) for the memory/streaming test.
 */
const contact = (i: number) => ({
  id: String(i),
  created_at: '2020-06-08 08:07:16',
  updated_at: '2020-06-08 08:07:16',
  segmentation: ['Negociação', 'Proposta Enviada'],
  tag: 'THER',
  tag2: 'THER2',
  name: 'Rodrigo',
  surname: 'Fundação Ther',
  gender: 'M',
  gender_info: '',
  birth: '1974-10-22',
  age: '46',
  br_person_type: 'J',
  br_cpf: '11122233344',
  br_cnpj: '11222333000144',
  company: 'Ther Sistemas Ltda',
  email: 'rodrigo@maxbot.com.br',
  channel_whatsapp: '5531911111444',
  whatsapp: '5531911112222',
  channel_telegram: '',
  telegram_id: '',
  channel_fbmessenger: '',
  fbmessenger_id: '',
  channel_instagram: '',
  instagram_id: '',
  mobile_phone: '5531922223333',
  phone: '3132324455',
  country: 'BR',
  state: 'MG',
  city: 'Viçosa',
  profession: '',
  external_id: String(5678 + i),
  ind_client: '0',
  client_code: '',
  avatar_url: '',
  obs: '',
  tag_info1: '',
  tag_info2: '',
  tag_info3: '',
  tag_info4: '',
  tag_info5: '',
  tag_info6: '',
  waba_session: '',
  messenger_session: '',
  instagram_session: '',
  in_attendance: '0',
  current_protocol: '',
  current_attendant: '',
});

function contactsReply(targetBytes: number): Buffer {
  const data = [contact(1)];
  while (JSON.stringify({ status: 1, msg: 'Success', data }).length < targetBytes) data.push(contact(data.length + 1));
  return Buffer.from(JSON.stringify({ status: 1, msg: 'Success', data }));
}

const message = (p: number, m: number) => ({
  id: String(p * 100 + m),
  date: '2020-08-31',
  internal_communication: '0',
  flux: m % 2 ? 'sent' : 'reply',
  type: 'T',
  sent_by: m % 2 ? 'Rodrigo Gomide' : 'Roberto Fulano',
  received_by: m % 2 ? 'Roberto Fulano' : 'Rodrigo Gomide',
  msg_id: m % 2 ? '' : `3EB0${p}${m}`,
  msg_text: 'Olá, estou sem acesso à internet. Preciso de suporte técnico.',
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
});

/** A get_prot record modelled on maxbot.txt's protocol 143, with ten dialog messages. */
export const protocolRecord = (p: number) => ({
  id: String(p),
  origin: '2',
  protocol_number: String(p),
  segmentation: [{ id: '60', title: 'SAC' }],
  service_sector: 'Suporte Técnico',
  attendant_name: 'Rodrigo Gomide',
  contact_info: '553195551111',
  contact_name: 'Roberto Fulano',
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
  notes: [{ id: '11', date: '2020-08-31 14:36:47', attendant_name: 'Rodrigo Gomide', note: 'Cliente pede urgência.' }],
  dialog: Array.from({ length: 10 }, (_, m) => message(p, m)),
});

export const CONTACTS_1K = contactsReply(1_000);
export const CONTACTS_16K = contactsReply(16_000);
export const PUT_CONTACT = Buffer.from(JSON.stringify({ status: 1, msg: 'Success', contact_id: 1234 }));

let bigProt: Buffer | undefined;
/** Built on first use (tens of MB). */
export function bigProtocolsReply(): Buffer {
  bigProt ??= Buffer.from(
    JSON.stringify({ status: 1, msg: 'Success', data: Array.from({ length: 5000 }, (_, p) => protocolRecord(p + 1)) }),
  );
  return bigProt;
}

/** A realistic contact for the write scenario. */
export const WRITE_BODY = {
  firstName: 'Jose',
  lastName: 'Silva',
  gender: 'MALE',
  personType: 'INDIVIDUAL',
  cpf: '529.982.247-25',
  email: 'jose@email.com',
  whatsapp: '+55 (31) 91111-1122',
  city: 'Belo Horizonte',
  state: 'MG',
  country: 'BR',
  tags: ['VIP'],
  notes: 'Enviar proposta comercial na segunda',
};
