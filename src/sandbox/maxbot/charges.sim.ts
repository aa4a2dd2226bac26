import { isRealDate } from '../../common/normalize/dates';
import { text } from '../../common/normalize/values';
import { fail, ok, str, type MaxbotHandler, type MaxbotWorld, type WireRecord } from './world';

/**
 * Maxbot smart billing ("cobrança inteligente") on the simulator: get_charge_list, get_charge,
 * insert_charge, update_charge, delete_charge. State lives in the world's `charges` slice; a
 * charge created can be read, paid, cancelled, get its invoice and be deleted. Records are kept
 * in wire form plus `created_at`, which the doc's records do not show (it feeds the creation
 * period filter only).
 */

/** Every client/charge field a record carries in get_charge_list (maxbot.txt), "" by default. */
const CHARGE_FIELDS = [
  'client_country',
  'client_client_name',
  'client_name',
  'client_last_name',
  'client_br_person_type',
  'client_br_cpf',
  'client_br_cnpj',
  'client_company',
  'client_whatsapp',
  'client_mobile_phone',
  'client_email',
  'client_code1',
  'client_code2',
  'client_code3',
  'charge_origin',
  'charge_invoice',
  'charge_due_date',
  'charge_amount',
  'charge_link_pdf',
  'charge_bar_code',
  'ind_pg',
  'pg_date',
  'pg_amount',
  'cnc_date',
  'cnc_reason',
  'nf_link_pdf',
  'nf_link_xml',
] as const;

/** Keys insert_charge and update_charge store as they come (maxbot.txt's examples). */
const WRITABLE = CHARGE_FIELDS.filter((f) => f !== 'charge_origin' && f !== 'ind_pg');

const HIDDEN = ['created_at'];

type Message = { status: string; date: string; info: string };
const msg = (status: string, date = '', info = ''): Message[] => [{ status, date, info }];
const waiting = () => msg('2', '', 'Waiting');

interface ChargesState {
  records: WireRecord[];
}

/**
 * The charge of the get_charge_list example (2342, paid, invoice attached) and the charge of the
 * charge-status webhook example renumbered 2343 (origin API, client Carlos Lana), made an open
 * charge: its first charge message sent, the payment, cancellation and invoice tracks waiting.
 */
export function seedCharges(): WireRecord[] {
  const blank = Object.fromEntries(CHARGE_FIELDS.map((f) => [f, '']));
  return [
    {
      ...blank,
      charge_id: '2342',
      created_at: '2022-07-01 10:00:00',
      client_country: 'BR',
      client_client_name: 'Jose Silva',
      client_name: 'Jose',
      client_last_name: 'Silva',
      client_br_person_type: 'J',
      client_br_cpf: '11122233300',
      client_br_cnpj: '00111222000133',
      client_company: 'Empresa Minha Ltda',
      client_whatsapp: '5531911116666',
      client_mobile_phone: '5531911116666',
      client_email: 'jose@email.com',
      client_code1: '1231',
      client_code2: '12321',
      client_code3: 'AV930',
      charge_origin: 'Manual',
      charge_invoice: '12342',
      charge_due_date: '2022-07-13',
      charge_amount: '120.00',
      charge_link_pdf: 'https://www.meusite.com.br/charge.pdf',
      charge_bar_code: '11791.21928 50010.794810 63000.046902 7 90520000030100',
      ind_pg: '1',
      pg_date: '2022-07-13',
      pg_amount: '120.00',
      nf_link_pdf: 'https://www.meusite.com.br/nfe.pdf',
      nf_link_xml: 'https://www.meusite.com.br/nfe.xml',
      msg_charge_1: msg('5', '2022-07-11', 'Late Date'),
      msg_charge_2: msg('1', '2022-07-29'),
      msg_alert_1: msg('1', '2022-08-29'),
      msg_alert_2: msg('1', '2022-09-29'),
      msg_pg: waiting(),
      msg_cnc: waiting(),
      msg_nf: msg('3', '2022-07-29'),
    },
    {
      ...blank,
      charge_id: '2343',
      created_at: '2022-06-10 09:30:00',
      client_country: 'BR',
      client_client_name: 'Carlos Lana',
      client_br_person_type: 'F',
      client_br_cpf: '31113710614',
      client_br_cnpj: '7574849393',
      client_whatsapp: '5551982492631',
      client_email: 'meuemail@mail.com',
      client_code1: '1231',
      client_code2: '12321',
      client_code3: 'AV930',
      charge_origin: 'API',
      charge_invoice: '23423',
      charge_due_date: '2022-06-23',
      charge_amount: '120.00',
      ind_pg: '0',
      msg_charge_1: msg('3', '2022-06-21'),
      msg_charge_2: msg('1', '2022-07-09'),
      msg_alert_1: msg('1', '2022-08-09'),
      msg_alert_2: msg('1', '2022-09-09'),
      msg_pg: waiting(),
      msg_cnc: waiting(),
      msg_nf: waiting(),
    },
  ];
}

function state(world: MaxbotWorld): ChargesState {
  return world.slice('charges', () => ({ records: seedCharges() }));
}

function find(world: MaxbotWorld, id: string): WireRecord | undefined {
  return state(world).records.find((r) => String(r.charge_id) === id);
}

/** What get_charge_list shows: the record without hidden fields. */
function visible(record: WireRecord): WireRecord {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !HIDDEN.includes(k)));
}

/** maxbot.txt's get_charge shows the manual origin as "M" where get_charge_list says "Manual". */
function asGetCharge(record: WireRecord): WireRecord {
  const shown = visible(record);
  if (shown.charge_origin === 'Manual') shown.charge_origin = 'M';
  return shown;
}

/**
 * The charge-status webhook of maxbot.txt: the client's name as `client_customer`, then the charge
 * and its seven notification tracks (no payment, cancellation or invoice fields in the example).
 */
function chargeWebhook(record: WireRecord): WireRecord {
  const shown = visible(record);
  const { client_client_name: customer, client_name: _first, client_last_name: _last, client_company: _company, ...rest } = shown;
  const keep = Object.entries(rest).filter(
    ([k]) => k.startsWith('client_') || k.startsWith('msg_') || /^charge_(id|origin|invoice|due_date|amount)$/.test(k),
  );
  return { client_customer: customer ?? '', ...Object.fromEntries(keep) };
}

function originKey(value: string): string {
  const v = value.trim().toLowerCase();
  return v === 'm' ? 'manual' : v === 'a' ? 'api' : v;
}

function shiftDate(date: string, days: number, months = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + months, d + days)).toISOString().slice(0, 10);
}

/** The notifications Maxbot plans for a new charge, dated like the doc example around its due date. */
function planTimeline(due: string, today: string): WireRecord {
  const scheduled = (date: string) => (date < today ? msg('5', date, 'Late Date') : msg('1', date));
  return {
    msg_charge_1: scheduled(shiftDate(due, -2)),
    msg_charge_2: scheduled(shiftDate(due, 16)),
    msg_alert_1: scheduled(shiftDate(due, 16, 1)),
    msg_alert_2: scheduled(shiftDate(due, 16, 2)),
    msg_pg: waiting(),
    msg_cnc: waiting(),
    msg_nf: waiting(),
  };
}

const MONEY = /^\d+\.\d{2}$/;

/** Checks the fields both writes share; returns a failure message or undefined. */
function invalidWrite(body: WireRecord): string | undefined {
  for (const key of ['charge_due_date', 'pg_date', 'cnc_date']) {
    if (key in body && str(body, key) && !isRealDate(str(body, key))) return `Data inválida em ${key}: ${str(body, key)}`;
  }
  for (const key of ['charge_amount', 'pg_amount']) {
    if (key in body && str(body, key) && !MONEY.test(str(body, key))) return `Valor inválido em ${key}: ${str(body, key)}`;
  }
  return undefined;
}

function applyWrite(record: WireRecord, body: WireRecord, today: string): void {
  for (const key of WRITABLE) if (key in body) record[key] = str(body, key);
  if ('nf_link_pdf' in body || 'nf_link_xml' in body) {
    record.msg_nf = str(body, 'nf_link_pdf') || str(body, 'nf_link_xml') ? msg('3', today) : waiting();
  }
}

const getChargeList: MaxbotHandler = (body, world) => {
  const focus = str(body, 'focus_of_period') || '1';
  const dateField = { '0': 'created_at', '1': 'charge_due_date', '2': 'pg_date' }[focus];
  if (!dateField) return fail(`focus_of_period inválido: ${focus}`);
  const start = str(body, 'date_start');
  const stop = str(body, 'date_stop');
  const equalities: Array<[string, string]> = [
    ['whatsapp', 'client_whatsapp'],
    ['mobile_phone', 'client_mobile_phone'],
    ['email', 'client_email'],
    ['payment', 'ind_pg'],
  ];
  const data = state(world).records.filter((r) => {
    for (const [param, field] of equalities) {
      const wanted = str(body, param);
      if (wanted && text(r[field]).toLowerCase() !== wanted.toLowerCase()) return false;
    }
    if (start || stop) {
      const day = text(r[dateField]).slice(0, 10);
      if (!day || (start && day < start) || (stop && day > stop)) return false;
    }
    const send = str(body, 'send');
    const sent = (r.msg_charge_1 as Message[]).some((m) => m.status === '3');
    if (send && sent !== (send === '1')) return false;
    const invoice = str(body, 'invoice');
    if (invoice && Boolean(text(r.nf_link_pdf)) !== (invoice === '1')) return false;
    const origin = str(body, 'origin');
    if (origin && originKey(text(r.charge_origin)) !== originKey(origin)) return false;
    return true;
  });
  return ok({ data: data.map(visible) });
};

const getCharge: MaxbotHandler = (body, world) => {
  const record = find(world, str(body, 'charge_id'));
  if (!record) return fail(`Cobrança não encontrada: ${str(body, 'charge_id') || '(vazio)'}`);
  return ok({ data: [asGetCharge(record)] });
};

const insertCharge: MaxbotHandler = (body, world) => {
  for (const key of ['charge_due_date', 'charge_amount']) if (!str(body, key)) return fail(`Campo obrigatório: ${key}`);
  const invalid = invalidWrite(body);
  if (invalid) return fail(invalid);
  const indPg = str(body, 'ind_pg') || '0';
  if (indPg !== '0' && indPg !== '1') return fail(`ind_pg inválido: ${indPg}`);
  if (indPg === '1' && (!str(body, 'pg_date') || !str(body, 'pg_amount'))) return fail('Pagamento sem pg_date ou pg_amount');
  const now = world.now();
  const today = now.slice(0, 10);
  const record: WireRecord = {
    ...Object.fromEntries(CHARGE_FIELDS.map((f) => [f, ''])),
    charge_id: String(world.nextId('charge', 123)),
    created_at: now,
    // Charges that come through the API show "charge_origin": "API" (the charge webhook example).
    charge_origin: 'API',
    ind_pg: indPg,
    ...planTimeline(str(body, 'charge_due_date'), today),
  };
  applyWrite(record, body, today);
  if (indPg === '1') record.msg_pg = msg('3', today);
  state(world).records.push(record);
  world.emit(chargeWebhook(record));
  return ok({ charge_id: record.charge_id, created_at: now });
};

/**
 * update_charge. A payment (`ind_pg` 1) of a cancelled charge and a cancellation (`ind_pg` 2) of
 * a paid or already cancelled one are refused, as a billing system would; paying a paid charge
 * again corrects its payment data.
 */
const updateCharge: MaxbotHandler = (body, world) => {
  const record = find(world, str(body, 'charge_id'));
  if (!record) return fail(`Cobrança não encontrada: ${str(body, 'charge_id') || '(vazio)'}`);
  const invalid = invalidWrite(body);
  if (invalid) return fail(invalid);
  const now = world.now();
  const today = now.slice(0, 10);
  const current = text(record.ind_pg);
  if ('ind_pg' in body) {
    const indPg = str(body, 'ind_pg');
    if (indPg === '1') {
      if (current === '2') return fail('Cobrança cancelada não pode ser paga');
      if (!str(body, 'pg_date') || !str(body, 'pg_amount')) return fail('Pagamento sem pg_date ou pg_amount');
      record.msg_pg = msg('3', today);
    } else if (indPg === '2') {
      if (current === '1') return fail('Cobrança paga não pode ser cancelada');
      if (current === '2') return fail('Cobrança já cancelada');
      if (!str(body, 'cnc_date')) return fail('Cancelamento sem cnc_date');
      record.msg_cnc = msg('3', today);
    } else if (indPg !== '0') {
      return fail(`ind_pg inválido: ${indPg}`);
    }
    record.ind_pg = indPg;
  }
  applyWrite(record, body, today);
  world.emit(chargeWebhook(record));
  return ok({ updated_at: now });
};

const deleteCharge: MaxbotHandler = (body, world) => {
  const ids = body.charge_id;
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'number')) {
    return fail('charge_id deve ser uma lista de ids numéricos');
  }
  const missing = ids.filter((id) => !find(world, String(id)));
  if (missing.length) return fail(`Cobrança(s) não encontrada(s): ${missing.join(', ')}`);
  const s = state(world);
  s.records = s.records.filter((r) => !ids.includes(Number(r.charge_id)));
  return ok();
};

export const chargesHandlers: Record<string, MaxbotHandler> = {
  get_charge_list: getChargeList,
  get_charge: getCharge,
  insert_charge: insertCharge,
  update_charge: updateCharge,
  delete_charge: deleteCharge,
};
