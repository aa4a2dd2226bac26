/**
 * Pure conversions between Maxbot flow-control records ("controle de fluxo": get_cfx_type,
 * get_cfx_stage, get_cfx_process_list, get_cfx_process, put/set_cfx_process) and Ponte models.
 * No I/O: the adapter calls these around its `cmd` calls, the unit tests call them directly.
 */
import { PonteError } from '../../common/errors/ponte-error';
import { moneyFromWire, normalizeMoney } from '../../common/normalize/money';
import { brDateTimeToIso, wireDateTimeToIso } from '../../common/normalize/dates';
import { blankToNull, flag, flagToWire, idString, intOrNull, text } from '../../common/normalize/values';
import type { ListFlowControlProcessesArgs } from '../../flow-control/dto/flow-control.args';
import type {
  CreateFlowControlProcessInput,
  ProcessInputField,
  UpdateFlowControlProcessInput,
} from '../../flow-control/dto/flow-control.input';
import { CLEARABLE_PROCESS_FIELDS } from '../../flow-control/dto/flow-control.rules';
import { FlowControlActivityStatus, FlowControlDateField } from '../../flow-control/models/flow-control.enums';
import type {
  FlowControlActivity,
  FlowControlAnnex,
  FlowControlNote,
  FlowControlProcess,
  FlowControlProcessDetail,
  FlowControlProcessStage,
  FlowControlStage,
  FlowControlType,
} from '../../flow-control/models/flow-control.model';
import type {
  GetCfxProcessReply,
  MaxbotCfxActivity,
  MaxbotCfxAnnex,
  MaxbotCfxNote,
  MaxbotCfxProcessRow,
  MaxbotCfxProcessStage,
  MaxbotCfxStageRecord,
  MaxbotCfxTypeRecord,
} from './flow-control.types';
import type { WireParams } from './maxbot.types';

// ── value forms ─────────────────────────────────────────────────────────────────────────────────

/**
 * A term as Maxbot words it ("15 Minutos", "5 Minutos") → minutes. Only minutes appear in
 * maxbot.txt; hours and days are read the same way. Anything else → null (the text stays available).
 */
export function termToMinutes(value: unknown): number | null {
  const m = /^(\d{1,6})\s*(minutos?|min|horas?|h|dias?)$/i.exec(text(value).trim());
  if (!m) return null;
  const unit = m[2].toLowerCase();
  const factor = unit.startsWith('h') ? 60 : unit.startsWith('d') ? 1440 : 1;
  return Number(m[1]) * factor;
}

const SIZE_UNITS: Record<string, number> = { '': 1, B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** An annex size ("1.28M", "845K", "2 GB") → bytes, with K/M/G/T as powers of 1024, rounded. */
export function sizeToBytes(value: unknown): number | null {
  const m = /^(\d+(?:[.,]\d+)?)\s*([BKMGT]?)(?:i?B)?$/i.exec(text(value).trim());
  if (!m) return null;
  return Math.round(Number(m[1].replace(',', '.')) * SIZE_UNITS[m[2].toUpperCase()]);
}

/** "0%" / "37.5%" → 0 / 37.5; blank or unreadable → null. */
export function percentOrNull(value: unknown): number | null {
  const m = /^(\d{1,3}(?:[.,]\d+)?)\s*%?$/.exec(text(value).trim());
  return m ? Number(m[1].replace(',', '.')) : null;
}

/** The BR forms of maxbot.txt ("16/10/21 09h50", "16/10/2021 09:50"); a bare date is read as midnight. */
function brInstant(value: unknown, tz: string): string | null {
  const iso = brDateTimeToIso(value, tz);
  return iso !== null && iso.length === 10 ? wireDateTimeToIso(iso, tz) : iso;
}

// ── types and stages ────────────────────────────────────────────────────────────────────────────

export function typeFromWire(r: MaxbotCfxTypeRecord): FlowControlType {
  return { id: idString(r.id) ?? '', title: text(r.title), displayValue: flag(r.ind_display_value) };
}

export function stageFromWire(r: MaxbotCfxStageRecord, typeId: string): FlowControlStage {
  return { id: idString(r.id) ?? '', typeId, code: blankToNull(r.code), title: text(r.title) };
}

// ── process list ────────────────────────────────────────────────────────────────────────────────

/** Ponte's reading of the undocumented `focus_of_period` codes (the example sends "1"). */
export const DATE_FIELD_TO_WIRE: Record<FlowControlDateField, string> = {
  [FlowControlDateField.OPENING]: '1',
  [FlowControlDateField.DELIVERY]: '2',
  [FlowControlDateField.CLOSING]: '3',
};

/**
 * `get_cfx_process_list` parameters: the period always (`date_start`, `date_stop`,
 * `focus_of_period`), each filter only when given, every value a JSON string as in the example.
 * The example's JSON names the protocol filter "prot_num" while its PHP sends "protocol"; Ponte
 * sends "prot_num", the name the process record and put/set_cfx_process use too.
 */
export function processFiltersToWire(args: ListFlowControlProcessesArgs): WireParams {
  if (args.from > args.to) {
    throw PonteError.validation([{ field: 'to', message: 'must not be before from' }]);
  }
  const params: WireParams = {
    date_start: args.from,
    date_stop: args.to,
    focus_of_period: DATE_FIELD_TO_WIRE[args.dateField ?? FlowControlDateField.OPENING],
  };
  const plain: Array<[keyof ListFlowControlProcessesArgs, string]> = [
    ['typeId', 'cfx_type_id'],
    ['stageId', 'cfx_stage_id'],
    ['number', 'number'],
    ['protocolNumber', 'prot_num'],
    ['contactId', 'contact_id'],
    ['collaboratorId', 'collaborator_id'],
    ['title', 'title'],
    ['externalId1', 'external_id_1'],
    ['externalId2', 'external_id_2'],
  ];
  for (const [name, key] of plain) {
    const value = args[name];
    if (typeof value === 'string') params[key] = value;
  }
  if (args.value !== undefined) params.value = normalizeMoney(args.value);
  if (args.archived !== undefined) params.archived = flagToWire(args.archived);
  return params;
}

export function processFromWire(r: MaxbotCfxProcessRow, tz: string): FlowControlProcess {
  return {
    id: idString(r.id) ?? '',
    number: idString(r.number),
    code: blankToNull(r.code),
    token: blankToNull(r.token),
    title: text(r.title),
    typeId: idString(r.cfx_type_id),
    typeTitle: blankToNull(r.type),
    stageId: idString(r.cfx_stage_id),
    stageTitle: blankToNull(r.stage_title),
    stageTerm: blankToNull(r.stage_actual_term_min),
    stageTermMinutes: termToMinutes(r.stage_actual_term_min),
    activityCount: intOrNull(r.activity),
    realizedPercent: percentOrNull(r.realized),
    contactName: blankToNull(r.name_contact),
    responsibleName: blankToNull(r.name_resp),
    protocolNumber: idString(r.prot_num),
    externalId1: blankToNull(r.external_id_1),
    externalId2: blankToNull(r.external_id_2),
    displayValue: flag(r.ind_display_value),
    value: moneyFromWire(r.value),
    openedAt: wireDateTimeToIso(r.opening_date, tz),
    deliveryAt: wireDateTimeToIso(r.delivery_date, tz),
    closingAt: wireDateTimeToIso(r.closing_date, tz),
    lastEvolutionAt: wireDateTimeToIso(r.date_last_evolution, tz),
    archived: flag(r.archived),
    archivedAt: wireDateTimeToIso(r.archived_date, tz),
    notesCount: intOrNull(r.notes),
    annexCount: intOrNull(r.annex),
  };
}

// ── one process ─────────────────────────────────────────────────────────────────────────────────

export function noteFromWire(n: MaxbotCfxNote, tz: string): FlowControlNote {
  return { createdAt: brInstant(n.note_date, tz), author: blankToNull(n.note_resp), text: text(n.note_text) };
}

export function annexFromWire(a: MaxbotCfxAnnex, tz: string): FlowControlAnnex {
  return {
    createdAt: brInstant(a.annex_date, tz),
    author: blankToNull(a.annex_resp),
    title: blankToNull(a.annex_title),
    url: blankToNull(a.annex_url),
    fileName: blankToNull(a.annex_info),
    size: blankToNull(a.annex_size),
    sizeBytes: sizeToBytes(a.annex_size),
  };
}

/** `activity_exe` is the execution date ("16/10/2021 09:50") or "Pendente". */
export function activityFromWire(a: MaxbotCfxActivity, tz: string): FlowControlActivity {
  const exe = blankToNull(a.activity_exe);
  const executedAt = brInstant(exe, tz);
  const pending = exe === null || /^pendente$/i.test(exe.trim());
  return {
    id: idString(a.activity_id) ?? '',
    code: blankToNull(a.activity_code),
    title: text(a.activity_title),
    description: blankToNull(a.activity_descr),
    term: blankToNull(a.activity_term),
    termMinutes: termToMinutes(a.activity_term),
    current: flag(a.activity_current),
    status: executedAt !== null ? FlowControlActivityStatus.DONE : pending ? FlowControlActivityStatus.PENDING : null,
    executedAt,
    executedBy: blankToNull(a.activity_exe_resp),
    publicNote: blankToNull(a.activity_exe_obs_pub),
    internalNote: blankToNull(a.activity_exe_obs_int),
  };
}

export function processStageFromWire(s: MaxbotCfxProcessStage, tz: string): FlowControlProcessStage {
  return {
    id: idString(s.stage_id) ?? '',
    code: blankToNull(s.stage_code),
    title: text(s.stage_title),
    current: flag(s.stage_current),
    activities: (s.activity ?? []).map((a) => activityFromWire(a, tz)),
  };
}

/** get_cfx_process's reply (process[0], notes, annexes, stages) → one process; null when it has no process. */
export function processDetailFromWire(reply: GetCfxProcessReply, tz: string): FlowControlProcessDetail | null {
  const r = reply.process?.[0];
  if (!r) return null;
  const stages = (reply.stages ?? []).map((s) => processStageFromWire(s, tz));
  const current = stages.find((s) => s.current === true) ?? null;
  return {
    id: idString(r.id) ?? '',
    number: idString(r.number),
    code: blankToNull(r.code),
    title: text(r.title),
    typeTitle: blankToNull(r.type),
    stageId: current?.id ?? null,
    stageTitle: current?.title ?? null,
    contactName: blankToNull(r.name_contact),
    responsibleName: blankToNull(r.name_resp),
    protocolNumber: idString(r.prot_num),
    externalId1: blankToNull(r.external_id_1),
    externalId2: blankToNull(r.external_id_2),
    description: blankToNull(r.description),
    displayValue: flag(r.ind_display_value),
    value: moneyFromWire(r.value),
    openedAt: wireDateTimeToIso(r.opening_date, tz),
    deliveryAt: wireDateTimeToIso(r.delivery_date, tz),
    closingAt: wireDateTimeToIso(r.closing_date, tz),
    archived: flag(r.archived),
    archivedAt: wireDateTimeToIso(r.archived_date, tz),
    observation: blankToNull(r.obs),
    updatedBy: blankToNull(r.last_update_user),
    updatedAt: wireDateTimeToIso(r.last_update_date, tz),
    notes: (reply.notes ?? []).map((n) => noteFromWire(n, tz)),
    annexes: (reply.annexes ?? []).map((a) => annexFromWire(a, tz)),
    stages,
  };
}

// ── writes ──────────────────────────────────────────────────────────────────────────────────────

/** Ponte input field → put_cfx_process / set_cfx_process key and value form (maxbot.txt: every value a string). */
const WIRE_KEYS: Record<ProcessInputField, [string, (v: never) => string]> = {
  contactId: ['contact_id', String],
  collaboratorId: ['collaborator_id', String],
  typeId: ['cfx_type_id', String],
  stageId: ['cfx_stage_id', String],
  title: ['title', String],
  protocolNumber: ['prot_num', String],
  externalId1: ['external_id_1', String],
  externalId2: ['external_id_2', String],
  displayValue: ['ind_display_value', flagToWire],
  value: ['value', normalizeMoney],
  description: ['description', String],
  // Dates travel as YYYY-MM-DD, as in the examples ("opening_date": "2024-12-18").
  openingDate: ['opening_date', String],
  deliveryDate: ['delivery_date', String],
  closingDate: ['closing_date', String],
  observation: ['obs', String],
  archived: ['archived', flagToWire],
  archivedDate: ['archived_date', String],
};

/**
 * A process input → put_cfx_process / set_cfx_process fields. Only fields present are sent (the
 * PHP example sends every key, but an absent key is the only way to leave a field untouched on
 * update); null becomes "" (Maxbot's empty value) and is allowed only on clearable fields.
 */
export function processInputToWire(input: CreateFlowControlProcessInput | UpdateFlowControlProcessInput): {
  params: WireParams;
  fields: ProcessInputField[];
} {
  const params: WireParams = {};
  const fields: ProcessInputField[] = [];
  const errors: Array<{ field: string; message: string }> = [];
  for (const [name, [key, convert]] of Object.entries(WIRE_KEYS) as [ProcessInputField, [string, (v: unknown) => string]][]) {
    const value = input[name];
    if (value === undefined) continue;
    if (value === null) {
      if (!(CLEARABLE_PROCESS_FIELDS as readonly string[]).includes(name)) {
        errors.push({ field: name, message: 'cannot be cleared (null); leave it out to keep it' });
        continue;
      }
      params[key] = '';
    } else {
      params[key] = convert(value);
    }
    fields.push(name);
  }
  if (errors.length) throw PonteError.validation(errors);
  return { params, fields };
}
