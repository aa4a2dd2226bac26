/**
 * Pure conversions between Maxbot smart-billing records and Ponte charges. No I/O here: the
 * adapter calls these around its `cmd` calls, and the unit tests call them directly. Functions
 * that need "today" take it as an argument (the account's calendar date, YYYY-MM-DD).
 */
import type { ListChargesArgs } from '../../charges/dto/charge.args';
import type {
  ChargeCancellationInput,
  ChargeClientInput,
  ChargeClientUpdateInput,
  ChargeInvoiceInput,
  ChargePaymentInput,
  CreateChargeInput,
  UpdateChargeInput,
} from '../../charges/dto/charge.input';
import type { ChargeClientField } from '../../charges/dto/charge-fields';
import { ChargeMessageStatus, ChargeMessageTrack, ChargeOrigin, ChargeStatus } from '../../charges/models/charge.enums';
import type { Charge, ChargeClient, ChargeTimelineEntry, CreatedCharge } from '../../charges/models/charge.model';
import { PersonType } from '../../contacts/models/contact.enums';
import { PonteError, type FieldError } from '../../common/errors/ponte-error';
import { wireDateToIso } from '../../common/normalize/dates';
import { e164ToDigits, wirePhoneToE164 } from '../../common/normalize/phone';
import { moneyFromWire } from '../../common/normalize/money';
import { blankToNull, flagToWire, idString, text } from '../../common/normalize/values';
import { CHARGE_MESSAGE_TRACKS, type MaxbotChargeMessage, type MaxbotChargeRecord, type MaxbotChargeTrack } from './charges.types';
import type { WireParams } from './maxbot.types';

const PERSON_FROM_WIRE: Record<string, PersonType> = { F: PersonType.INDIVIDUAL, J: PersonType.COMPANY };
const PERSON_TO_WIRE: Record<PersonType, string> = { [PersonType.INDIVIDUAL]: 'F', [PersonType.COMPANY]: 'J' };

/** maxbot.txt shows "Manual" (get_charge_list), "M" (get_charge) and "API" (the charge webhook). */
const ORIGIN_FROM_WIRE: Record<string, ChargeOrigin> = {
  manual: ChargeOrigin.MANUAL,
  m: ChargeOrigin.MANUAL,
  api: ChargeOrigin.API,
  a: ChargeOrigin.API,
};
/** The `origin` filter is sent in the words get_charge_list answers with ("Manual", "API"). */
export const ORIGIN_TO_WIRE: Record<ChargeOrigin, string> = { [ChargeOrigin.MANUAL]: 'Manual', [ChargeOrigin.API]: 'API' };

/** `ind_pg`: maxbot.txt's payment update sends "ind_pg": "1", its cancellation "ind_pg": "2"; new charges "0". */
const STATUS_FROM_WIRE: Record<string, ChargeStatus> = { '0': ChargeStatus.OPEN, '1': ChargeStatus.PAID, '2': ChargeStatus.CANCELLED };
export const STATUS_TO_WIRE: Record<ChargeStatus, string> = {
  [ChargeStatus.OPEN]: '0',
  [ChargeStatus.PAID]: '1',
  [ChargeStatus.CANCELLED]: '2',
};

export const TRACK_FROM_WIRE: Record<MaxbotChargeTrack, ChargeMessageTrack> = {
  msg_charge_1: ChargeMessageTrack.FIRST_CHARGE,
  msg_charge_2: ChargeMessageTrack.SECOND_CHARGE,
  msg_alert_1: ChargeMessageTrack.FIRST_ALERT,
  msg_alert_2: ChargeMessageTrack.SECOND_ALERT,
  msg_pg: ChargeMessageTrack.PAYMENT_CONFIRMATION,
  msg_cnc: ChargeMessageTrack.CANCELLATION_NOTICE,
  msg_nf: ChargeMessageTrack.INVOICE_DELIVERY,
};

/**
 * Notification status codes, read from the examples (maxbot.txt never names them):
 * "1" with future dates and no info → SCHEDULED; "2" with no date and info "Waiting" on the
 * payment/cancellation tracks → WAITING (for its event); "3" with a date → SENT; "5" with a past
 * date and info "Late Date" → LATE (its date had passed). "4" never appears, so it stays UNKNOWN.
 */
const MESSAGE_STATUS_FROM_WIRE: Record<string, ChargeMessageStatus> = {
  '1': ChargeMessageStatus.SCHEDULED,
  '2': ChargeMessageStatus.WAITING,
  '3': ChargeMessageStatus.SENT,
  '5': ChargeMessageStatus.LATE,
};

/**
 * `focus_of_period` is undocumented (the example sends "1"). Read like get_contact's focus flags,
 * "0" = creation date, then "1" = due date and "2" = payment date.
 */
const PERIODS = [
  { from: 'createdFrom', to: 'createdTo', focus: '0' },
  { from: 'dueFrom', to: 'dueTo', focus: '1' },
  { from: 'paidFrom', to: 'paidTo', focus: '2' },
] as const;

/** An open end of a due-date period reaches into the future; created/paid dates cannot. */
const OPEN_START = '1970-01-01';
const OPEN_DUE_END = '9999-12-31';

function clientFromWire(r: MaxbotChargeRecord): ChargeClient {
  const country = blankToNull(r.client_country);
  return {
    country,
    fullName: blankToNull(r.client_client_name),
    firstName: blankToNull(r.client_name),
    lastName: blankToNull(r.client_last_name),
    personType: PERSON_FROM_WIRE[text(r.client_br_person_type).toUpperCase()] ?? null,
    cpf: blankToNull(r.client_br_cpf),
    cnpj: blankToNull(r.client_br_cnpj),
    company: blankToNull(r.client_company),
    whatsapp: wirePhoneToE164(r.client_whatsapp, country),
    mobilePhone: wirePhoneToE164(r.client_mobile_phone, country),
    email: blankToNull(r.client_email),
    codes: [r.client_code1, r.client_code2, r.client_code3].map(blankToNull).filter((c): c is string => c !== null),
  };
}

function entryFromWire(track: MaxbotChargeTrack, m: MaxbotChargeMessage): ChargeTimelineEntry {
  const code = text(m.status).trim();
  return {
    track: TRACK_FROM_WIRE[track],
    status: MESSAGE_STATUS_FROM_WIRE[code] ?? ChargeMessageStatus.UNKNOWN,
    statusCode: code,
    date: wireDateToIso(m.date),
    info: blankToNull(m.info),
  };
}

/**
 * The seven `msg_*` tracks (each an array of `{status, date, info}`) as one timeline, ordered by
 * date; undated entries (waiting for their event) come last. Ties keep track order.
 */
export function timelineFromWire(r: MaxbotChargeRecord): ChargeTimelineEntry[] {
  const entries = CHARGE_MESSAGE_TRACKS.flatMap((track) => {
    const messages = r[track];
    return Array.isArray(messages) ? messages.filter((m) => m && typeof m === 'object').map((m) => entryFromWire(track, m)) : [];
  });
  return entries.sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff'));
}

export function chargeFromWire(r: MaxbotChargeRecord): Charge {
  const paid = { date: wireDateToIso(r.pg_date), amount: moneyFromWire(r.pg_amount) };
  const cancelled = { date: wireDateToIso(r.cnc_date), reason: blankToNull(r.cnc_reason) };
  const invoice = { pdfUrl: blankToNull(r.nf_link_pdf), xmlUrl: blankToNull(r.nf_link_xml) };
  const any = (o: object) => Object.values(o).some((v) => v !== null);
  return {
    id: idString(r.charge_id) ?? '',
    origin: ORIGIN_FROM_WIRE[text(r.charge_origin).trim().toLowerCase()] ?? null,
    status: STATUS_FROM_WIRE[text(r.ind_pg).trim()] ?? null,
    invoiceNumber: blankToNull(r.charge_invoice),
    dueDate: wireDateToIso(r.charge_due_date),
    amount: moneyFromWire(r.charge_amount),
    pdfUrl: blankToNull(r.charge_link_pdf),
    barCode: blankToNull(r.charge_bar_code),
    client: clientFromWire(r),
    payment: any(paid) ? paid : null,
    cancellation: any(cancelled) ? cancelled : null,
    invoice: any(invoice) ? invoice : null,
    timeline: timelineFromWire(r),
  };
}

/** `get_charge_list` filters; only the filters given are sent. */
export function chargeFiltersToWire(args: ListChargesArgs, today: string): WireParams {
  const params: WireParams = {};
  const used = PERIODS.filter((p) => args[p.from] !== undefined || args[p.to] !== undefined);
  if (used.length > 1) {
    throw PonteError.validation(
      used.map((p) => ({ field: args[p.from] !== undefined ? p.from : p.to, message: 'cannot be combined with another period' })),
      'Maxbot filters charges by one period at a time: use either the created*, the due* or the paid* filters',
    );
  }
  const period = used[0];
  if (period) {
    const start = args[period.from] ?? OPEN_START;
    const stop = args[period.to] ?? (period.focus === '1' ? OPEN_DUE_END : today);
    if (start > stop) throw PonteError.validation([{ field: period.to, message: 'must not be before the start of the period' }]);
    // maxbot.txt: "date_start": "2021-10-01", "date_stop": "2021-10-16", "focus_of_period": "1"
    Object.assign(params, { date_start: start, date_stop: stop, focus_of_period: period.focus });
  }
  // "send", "payment", "invoice", "origin" are undocumented: read as flags, ind_pg codes and origin words.
  if (args.sent !== undefined) params.send = flagToWire(args.sent);
  if (args.status !== undefined) params.payment = STATUS_TO_WIRE[args.status];
  if (args.hasInvoice !== undefined) params.invoice = flagToWire(args.hasInvoice);
  if (args.whatsapp !== undefined) params.whatsapp = e164ToDigits(args.whatsapp);
  if (args.mobilePhone !== undefined) params.mobile_phone = e164ToDigits(args.mobilePhone);
  if (args.email !== undefined) params.email = args.email;
  if (args.origin !== undefined) params.origin = ORIGIN_TO_WIRE[args.origin];
  return params;
}

type ClientInput = ChargeClientInput | ChargeClientUpdateInput;
type ScalarClientField = Exclude<ChargeClientField, 'codes'>;

/** Ponte client field → Maxbot `client_*` key, with the value form it wants. */
const CLIENT_WIRE_KEYS: Record<ScalarClientField, [string, (v: never) => string]> = {
  country: ['client_country', String],
  fullName: ['client_client_name', String],
  firstName: ['client_name', String],
  lastName: ['client_last_name', String],
  personType: ['client_br_person_type', (v: PersonType) => PERSON_TO_WIRE[v]],
  cpf: ['client_br_cpf', String],
  cnpj: ['client_br_cnpj', String],
  company: ['client_company', String],
  whatsapp: ['client_whatsapp', e164ToDigits],
  mobilePhone: ['client_mobile_phone', e164ToDigits],
  email: ['client_email', String],
};

/** Client fields present in the input → `client_*` keys; null becomes "" (Maxbot's empty value). */
function clientToWire(client: ClientInput, params: WireParams, fields: string[]): void {
  for (const [name, [key, convert]] of Object.entries(CLIENT_WIRE_KEYS) as [ScalarClientField, [string, (v: unknown) => string]][]) {
    const value = client[name];
    if (value === undefined) continue;
    params[key] = value === null ? '' : convert(value);
    fields.push(`client.${name}`);
  }
  if (client.codes !== undefined) {
    // Three slots; the list fills them in order and blanks the rest.
    const codes = client.codes ?? [];
    codes
      .concat(['', '', ''])
      .slice(0, 3)
      .forEach((code, i) => (params[`client_code${i + 1}`] = code));
    fields.push('client.codes');
  }
}

/** maxbot.txt update_charge (payment): "ind_pg": "1", "pg_date": "2022-07-13", "pg_amount": "120.00". */
export function paymentToWire(input: ChargePaymentInput, today: string): WireParams {
  return { ind_pg: STATUS_TO_WIRE[ChargeStatus.PAID], pg_date: input.date ?? today, pg_amount: input.amount };
}

/** maxbot.txt update_charge (cancellation): "ind_pg": "2", "cnc_date": "2022-07-13", "cnc_reason": "…". */
export function cancellationToWire(input: ChargeCancellationInput, today: string): WireParams {
  return { ind_pg: STATUS_TO_WIRE[ChargeStatus.CANCELLED], cnc_date: input.date ?? today, cnc_reason: input.reason };
}

/** maxbot.txt update_charge (invoice): "nf_link_pdf": "…/nfe.pdf", "nf_link_xml": "…/nfe.xml". Both are always sent: PUT replaces. */
export function invoiceToWire(input: ChargeInvoiceInput): WireParams {
  return { nf_link_pdf: input.pdfUrl, nf_link_xml: input.xmlUrl ?? '' };
}

const NAME_FIELDS = ['fullName', 'firstName'] as const;
const REACH_FIELDS = ['whatsapp', 'mobilePhone', 'email'] as const;
const present = (v: unknown) => v !== undefined && v !== null;

/**
 * A new charge → `insert_charge` fields (maxbot.txt's example and PHP sample). `ind_pg` is always
 * sent, "0" or "1" with the payment, as the PHP sample does; a charge cannot be created cancelled
 * (insert_charge has no `cnc_*` fields). The client needs a name and a way to be reached, since
 * the charge is delivered by message.
 */
export function createChargeToWire(input: CreateChargeInput, today: string): WireParams {
  const errors: FieldError[] = [];
  if (!NAME_FIELDS.some((f) => present(input.client[f]))) {
    errors.push({ field: 'client.firstName', message: 'a charge needs the client name (fullName or firstName)' });
  }
  if (!REACH_FIELDS.some((f) => present(input.client[f]))) {
    errors.push({ field: 'client.whatsapp', message: 'a charge needs a way to reach the client (whatsapp, mobilePhone or email)' });
  }
  if (errors.length) throw PonteError.validation(errors);
  const params: WireParams = {};
  clientToWire(input.client, params, []);
  if (present(input.invoiceNumber)) params.charge_invoice = String(input.invoiceNumber);
  params.charge_due_date = input.dueDate;
  params.charge_amount = input.amount;
  if (present(input.pdfUrl)) params.charge_link_pdf = String(input.pdfUrl);
  if (present(input.barCode)) params.charge_bar_code = String(input.barCode);
  Object.assign(params, input.payment ? paymentToWire(input.payment, today) : { ind_pg: STATUS_TO_WIRE[ChargeStatus.OPEN] });
  if (input.invoice) Object.assign(params, invoiceToWire(input.invoice));
  return params;
}

/** Fields a PATCH may set but not clear: a charge always has them. */
const NOT_CLEARABLE = ['client', 'dueDate', 'amount', 'payment', 'invoice'] as const;
const CLEARABLE: Array<['invoiceNumber' | 'pdfUrl' | 'barCode', string]> = [
  ['invoiceNumber', 'charge_invoice'],
  ['pdfUrl', 'charge_link_pdf'],
  ['barCode', 'charge_bar_code'],
];

/**
 * A charge update → the general `update_charge` fields (maxbot.txt's first update example): only
 * the fields present are sent; null becomes "" and clears. Returns the wire fields and the Ponte
 * names that were sent.
 */
export function updateChargeToWire(input: UpdateChargeInput, today: string): { params: WireParams; fields: string[] } {
  const nulls = NOT_CLEARABLE.filter((f) => input[f] === null);
  if (nulls.length) throw PonteError.validation(nulls.map((field) => ({ field, message: 'cannot be cleared (null)' })));
  const params: WireParams = {};
  const fields: string[] = [];
  if (input.client) clientToWire(input.client, params, fields);
  for (const [name, key] of CLEARABLE) {
    const value = input[name];
    if (value === undefined) continue;
    params[key] = value ?? '';
    fields.push(name);
  }
  if (input.dueDate !== undefined) {
    params.charge_due_date = String(input.dueDate);
    fields.push('dueDate');
  }
  if (input.amount !== undefined) {
    params.charge_amount = String(input.amount);
    fields.push('amount');
  }
  if (input.payment) {
    Object.assign(params, paymentToWire(input.payment, today));
    fields.push('status', 'payment');
  }
  if (input.invoice) {
    Object.assign(params, invoiceToWire(input.invoice));
    fields.push('invoice');
  }
  if (fields.length === 0) throw PonteError.validation([{ field: 'body', message: 'must change at least one field' }]);
  return { params, fields };
}

/**
 * The charge an `insert_charge` created, as far as the gateway knows it: the input plus the new
 * id and creation time. Origin and timeline are the platform's and are known once read back.
 */
export function createdCharge(id: string, createdAt: string | null, input: CreateChargeInput, today: string): CreatedCharge {
  const c = input.client;
  const v = <T>(x: T | null | undefined): T | null => (x === undefined ? null : x);
  return {
    id,
    createdAt,
    origin: null,
    status: input.payment ? ChargeStatus.PAID : ChargeStatus.OPEN,
    invoiceNumber: v(input.invoiceNumber),
    dueDate: input.dueDate,
    amount: input.amount,
    pdfUrl: v(input.pdfUrl),
    barCode: v(input.barCode),
    client: {
      country: v(c.country),
      fullName: v(c.fullName),
      firstName: v(c.firstName),
      lastName: v(c.lastName),
      personType: v(c.personType),
      cpf: v(c.cpf),
      cnpj: v(c.cnpj),
      company: v(c.company),
      whatsapp: v(c.whatsapp),
      mobilePhone: v(c.mobilePhone),
      email: v(c.email),
      codes: c.codes ?? [],
    },
    payment: input.payment ? { date: input.payment.date ?? today, amount: input.payment.amount } : null,
    cancellation: null,
    invoice: input.invoice ? { pdfUrl: input.invoice.pdfUrl, xmlUrl: v(input.invoice.xmlUrl) } : null,
    timeline: [],
  };
}
