import { randomBytes } from 'node:crypto';
import { isRealDate } from '../../common/normalize/dates';
import { text } from '../../common/normalize/values';
import { fail, ok, str, type MaxbotHandler, type MaxbotWorld, type WireRecord } from './world';

/**
 * Maxbot flow control ("controle de fluxo"): process types, their stages, and processes with notes,
 * annexes and stages → activities. Seeded from the get_cfx_type / get_cfx_stage / get_cfx_process
 * examples of maxbot.txt; a process created with put_cfx_process is listed and can be read back,
 * and set_cfx_process changes it.
 */

interface CfxType {
  id: number;
  title: string;
  ind_display_value: number;
}

interface CfxStage {
  id: number;
  code: string;
  title: string;
}

interface CfxProcess {
  /** Scalar fields, named as get_cfx_process_list / get_cfx_process show them. */
  fields: WireRecord;
  notes: WireRecord[];
  annexes: WireRecord[];
  stages: WireRecord[];
}

interface CfxState {
  types: CfxType[];
  /** Stages per type id; maxbot.txt documents those of type 1 only. */
  stages: Map<number, CfxStage[]>;
  /** Activities of each stage of type 1, from process 128 of the get_cfx_process example. */
  activityTemplates: Map<number, WireRecord[]>;
  /** Responsible collaborators: get_attendant's collaborator ids 1–3 and put_cfx_process's 126. */
  collaborators: Map<string, string>;
  /** Contacts the flow-control examples name that the contacts seed lacks (put_cfx_process's 792). */
  contactNames: Map<string, string>;
  processes: CfxProcess[];
}

const ZERO_DATETIME = '0000-00-00 00:00:00';

/**
 * get_cfx_type's example: the entry with id 4 lacks its braces in maxbot.txt; it is read as the
 * fourth of five types.
 */
function seedTypes(): CfxType[] {
  return [
    { id: 1, title: 'COMERCIAL', ind_display_value: 1 },
    { id: 2, title: 'SUPORTE TÉCNICO N1', ind_display_value: 0 },
    { id: 3, title: 'IMPORTAÇÃO DE CONTATOS', ind_display_value: 1 },
    { id: 4, title: 'SEMANA DE ATENDIMENTO AO Cliente', ind_display_value: 0 },
    { id: 5, title: 'TESTE RODRIGO', ind_display_value: 0 },
  ];
}

/** get_cfx_stage's example for "cfx_type_id": "1". */
function seedStages(): Map<number, CfxStage[]> {
  return new Map([
    [
      1,
      [
        { id: 1, code: 'C01', title: 'PROSPECTO' },
        { id: 2, code: 'C02', title: 'LEVANTAMENTO DE DEMANDA' },
        { id: 3, code: 'C03', title: 'DEMONSTRAÇÃO' },
        { id: 4, code: 'C04', title: 'PERÍODO DE TESTES' },
        { id: 5, code: 'C05', title: 'NEGOCIAÇÃO' },
        { id: 6, code: 'C06', title: 'CONTRATADO' },
        { id: 7, code: 'C07', title: 'PERDIDO' },
      ],
    ],
  ]);
}

function activity(
  id: number,
  current: number,
  code: string,
  title: string,
  descr: string,
  term: string,
  exe: Partial<Record<'activity_exe' | 'activity_exe_resp' | 'activity_exe_obs_pub' | 'activity_exe_obs_int', string>> = {},
): WireRecord {
  return {
    activity_id: id,
    activity_current: current,
    activity_code: code,
    activity_title: title,
    activity_descr: descr,
    activity_term: term,
    activity_exe: 'Pendente',
    activity_exe_resp: '',
    activity_exe_obs_pub: '',
    activity_exe_obs_int: '',
    ...exe,
  };
}

function stage(id: number, current: number, code: string, title: string, activities: WireRecord[]): WireRecord {
  return { stage_id: id, stage_current: current, stage_code: code, stage_title: title, activity: activities };
}

/** Process 128 exactly as the get_cfx_process example shows it (stage titles included). */
function seedProcess128(): CfxProcess {
  return {
    fields: {
      id: 128,
      number: '96',
      code: '202110-959E-8C3B-6119',
      token: '202110538BEAA0EB43-7F934A-B06CFF',
      title: 'INTERESSADO NO MAXBOT',
      cfx_type_id: 1,
      cfx_stage_id: 2,
      contact_id: '792',
      collaborator_id: '126',
      name_contact: 'EDUARDO GONÇALVES',
      name_resp: 'EDUARDO GONÇALVES FILHO',
      prot_num: '1400',
      external_id_1: '126',
      external_id_2: '96',
      description: 'Descrição',
      // The list example says 1, the get_cfx_process example 0 for the same process; type 1
      // (COMERCIAL) displays values, so 1 is kept.
      ind_display_value: 1,
      value: '407.00',
      stage_actual_term_min: '15 Minutos',
      date_last_evolution: '2021-10-16 09:54:12',
      opening_date: '2021-10-16 00:00:00',
      delivery_date: '2021-10-20 00:00:00',
      closing_date: '2021-11-01 00:00:00',
      archived: 0,
      archived_date: ZERO_DATETIME,
      obs: 'Observação',
      last_update_user: 'eduardoatendente',
      last_update_date: '2021-10-16 09:54:12',
    },
    notes: [
      { note_date: '16/10/21 09h50', note_resp: 'EDUARDO GONÇALVES FILHO', note_text: 'Marcado demostração para Cliente dia 18/10/2021.' },
    ],
    annexes: [
      ['bc4b65e1e3b4805a28ec837f22b159f2.jpg', '1.28M'],
      ['d977a35386915f754cce9c805ff63cbf.jpg', '2.83M'],
      ['34d4d9d9705aa01713841b949724da02.jpg', '1.34M'],
      ['6bb3b947e93d70532b9ae237be8b27bd.jpg', '2.59M'],
      ['25c2c6fb5593c6a992b3b4b9697e99d4.jpg', '2.93M'],
      ['491e82c1420052a6be2ff9dda13dc0e5.jpg', '2.75M'],
    ].map(([file, size], i) => ({
      annex_date: '16/10/21 09h53',
      annex_resp: 'EDUARDO GONÇALVES FILHO',
      annex_title: `TESTE ARQUIVO ${i + 1}`,
      annex_url: `https://app.maxbot.com.br/anexos_docs/${file}`,
      annex_info: file,
      annex_size: size,
    })),
    stages: [
      stage(1, 0, 'C01', 'PROSPECTO', [
        activity(1, 0, 'E1', 'Completar ficha cadastral', 'Completar a ficha do contato.', '5 Minutos', {
          activity_exe: '16/10/2021 09:50',
          activity_exe_resp: 'Eduardo Gonçalves Filho',
          activity_exe_obs_pub: 'Observação pública da execução da atividade. A informação é mostrada para todos.',
          activity_exe_obs_int:
            'Observação interna da execução da atividade. A informação é mostrada apenas para a equipe interna da empresa.',
        }),
      ]),
      stage(2, 1, 'C02', 'DEMANDA', [
        activity(2, 1, 'E1', 'Determinar a área de atuação', 'Descobrir qual a área de atuação do Cliente.', '5 Minutos'),
        activity(
          3,
          1,
          'E2',
          'Levantar limites de conta (CT, AT, CB adicional)',
          'Perguntar a qtde de contatos, atendentes para a conta.',
          '5 Minutos',
        ),
      ]),
      stage(3, 0, 'C03', 'DEMONSTRAÇÃO', [
        activity(
          4,
          0,
          'E1',
          'Apresentar Maxbot com foco no negócio do Cliente',
          'Apresentar a plataforma focada no negócio do Cliente.',
          '40 Minutos',
        ),
        activity(
          5,
          0,
          'E2',
          'Iniciar período de teste gratuíto de 3 dias',
          'Criar o cadastro do Cliente, orientando a criar um username comercial para a empresa. Ajudar na configuração inicial para que ele comece o período de teste.',
          '10 Minutos',
        ),
      ]),
      stage(4, 0, 'C04', 'PERÍODO DE TESTES', [
        activity(6, 0, 'E1', 'Configuração inicial', 'Ajudar na configuração inicial para que ele comece os testes.', '10 Minutos'),
        activity(
          7,
          0,
          'E2',
          'Entrar em contato no dia 2',
          'Entrar em contato para ver se está tudo ok e se os testes estão caminhando bem.',
          '10 Minutos',
        ),
        activity(
          8,
          0,
          'E3',
          'Entrar em contato no dia 3',
          'Entrar em contato para ver se está tudo ok. Começar a levantar a demanda final do Cliente para orçamento da solução.',
          '10 Minutos',
        ),
      ]),
      stage(5, 0, 'C05', 'NEGOCIAÇÃO', [
        activity(
          9,
          0,
          'E1',
          'Negociação da licença',
          'Fechar com o Cliente a licença Maxbot com os limites, canais e módulos que ele necessita.',
          '10 Minutos',
        ),
        activity(10, 0, 'E2', 'Tentar fechar anuidade', 'Tentar fechar anuidade com o Cliente com pagamentos mensais.', '5 Minutos'),
        activity(
          11,
          0,
          'E3',
          'Definir melhor dia de vencimento',
          'Definir com o Cliente o dia de vencimento que melhor se encaixa no financeiro dele.',
          '5 Minutos',
        ),
        activity(
          12,
          0,
          'E4',
          'Fechamento do negócio',
          'Fechar o negócio com o Cliente orientando ele até a geração da contratação.',
          '5 Minutos',
        ),
      ]),
      stage(6, 0, 'C06', 'CONTRATADO', [
        activity(13, 0, 'E1', 'Avisar no grupo a nova contratacao', 'Jogar GIF animado no grupo e comemorar hehhe.', '5 Minutos'),
        activity(14, 0, 'E2', 'Avisar CS da nova contratação', 'Avisar o CS da nova contratação.', '5 Minutos'),
        activity(
          15,
          0,
          'E3',
          'Entrar em contato com o Cliente após 30 dias',
          'CS deve entrar em contato com o Cliente após o primeiro mês para levantamento da satisfação e aderência à plataforma.',
          '10 Minutos',
        ),
      ]),
      stage(7, 0, 'C07', 'PERDIDO', [
        activity(16, 0, 'E1', 'Segmentar o contato como perdido', 'Segmentar o contato como perdido para tratamento futuro.', '5 Minutos'),
        activity(
          17,
          0,
          'E2',
          'Entrar em contato para 2a tentativa',
          'Entrar em contato 1 semana depois para nova tentativa de negociação.',
          '10 Minutos',
        ),
      ]),
    ],
  };
}

function seed(): CfxState {
  const process128 = seedProcess128();
  return {
    types: seedTypes(),
    stages: seedStages(),
    activityTemplates: new Map(process128.stages.map((s) => [Number(s.stage_id), s.activity as WireRecord[]])),
    collaborators: new Map([
      ['1', 'PEDRO SILVA'],
      ['2', 'JOSÉ NOGUEIRA'],
      ['3', 'ANTÔNIO PRADO'],
      ['126', 'EDUARDO GONÇALVES FILHO'],
    ]),
    contactNames: new Map([['792', 'EDUARDO GONÇALVES']]),
    processes: [process128],
  };
}

const state = (world: MaxbotWorld) => world.slice<CfxState>('flow-control', seed);

const findProcess = (s: CfxState, id: string) => s.processes.find((p) => String(p.fields.id) === id);
const findType = (s: CfxState, id: string) => s.types.find((t) => String(t.id) === id);

function contactName(world: MaxbotWorld, s: CfxState, id: string): string | undefined {
  const contact = world.contacts.find((c) => String(c.id) === id);
  if (contact) return `${text(contact.name)} ${text(contact.surname)}`.trim().toUpperCase();
  return s.contactNames.get(id);
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();

function minutesOf(term: unknown): number {
  const m = /^(\d+)\s*minutos?$/i.exec(text(term).trim());
  return m ? Number(m[1]) : 0;
}

function currentStage(p: CfxProcess): WireRecord | undefined {
  return p.stages.find((st) => Number(st.stage_current) === 1);
}

/** Stages of a new process of a type: the type's stages with their activity templates, all pending. */
function stagesFor(s: CfxState, typeId: number): WireRecord[] {
  return (s.stages.get(typeId) ?? []).map((st) =>
    stage(
      st.id,
      0,
      st.code,
      st.title,
      (s.activityTemplates.get(st.id) ?? []).map((a) => ({
        ...a,
        activity_current: 0,
        activity_exe: 'Pendente',
        activity_exe_resp: '',
        activity_exe_obs_pub: '',
        activity_exe_obs_int: '',
      })),
    ),
  );
}

/** Marks `stageId` current (and its activities), and recomputes the stage term. */
function moveTo(p: CfxProcess, stageId: number): void {
  for (const st of p.stages) {
    const isCurrent = Number(st.stage_id) === stageId ? 1 : 0;
    st.stage_current = isCurrent;
    for (const a of st.activity as WireRecord[]) a.activity_current = isCurrent;
  }
  const current = currentStage(p);
  const minutes = ((current?.activity as WireRecord[] | undefined) ?? []).reduce((sum, a) => sum + minutesOf(a.activity_term), 0);
  p.fields.cfx_stage_id = stageId;
  p.fields.stage_actual_term_min = current ? `${minutes} Minutos` : '';
}

/** put/set dates are YYYY-MM-DD ("" clears); stored and shown as "YYYY-MM-DD 00:00:00". */
function wireDate(value: string): string | null {
  if (value === '') return ZERO_DATETIME;
  return isRealDate(value) ? `${value} 00:00:00` : null;
}

const DATE_KEYS = ['opening_date', 'delivery_date', 'closing_date', 'archived_date'] as const;
const TEXT_KEYS = ['title', 'prot_num', 'external_id_1', 'external_id_2', 'description', 'obs'] as const;

/** Validates a put/set body against the account, then applies it; answers an error message or null. */
function applyWrite(world: MaxbotWorld, s: CfxState, p: CfxProcess, body: WireRecord, isNew: boolean): string | null {
  const typeId = 'cfx_type_id' in body ? str(body, 'cfx_type_id') : String(p.fields.cfx_type_id);
  const type = findType(s, typeId);
  if (!type) return `Tipo de processo não encontrado: ${typeId || '(vazio)'}`;
  const typeStages = s.stages.get(type.id) ?? [];
  const stageId = 'cfx_stage_id' in body ? str(body, 'cfx_stage_id') : isNew ? '' : String(p.fields.cfx_stage_id);
  if (typeStages.length && stageId !== '' && !typeStages.some((st) => String(st.id) === stageId)) {
    return `Etapa ${stageId} não pertence ao tipo de processo ${type.id}`;
  }
  if ((isNew || 'title' in body) && !str(body, 'title')) return 'Título do processo é obrigatório';
  const contactId = str(body, 'contact_id');
  const contact = 'contact_id' in body ? contactName(world, s, contactId) : undefined;
  if ('contact_id' in body && contact === undefined) return `Contato não encontrado: ${contactId || '(vazio)'}`;
  const collaboratorId = str(body, 'collaborator_id');
  const responsible = s.collaborators.get(collaboratorId);
  if ('collaborator_id' in body && responsible === undefined) return `Colaborador não encontrado: ${collaboratorId || '(vazio)'}`;
  for (const key of DATE_KEYS) if (key in body && wireDate(str(body, key)) === null) return `Data inválida em ${key}: ${str(body, key)}`;
  if ('value' in body && str(body, 'value') !== '' && !/^\d+(\.\d{1,2})?$/.test(str(body, 'value'))) return 'Valor inválido';
  for (const key of ['ind_display_value', 'archived'])
    if (key in body && !['0', '1'].includes(str(body, key))) return `${key} deve ser 0 ou 1`;

  const f = p.fields;
  const typeChanged = Number(f.cfx_type_id) !== type.id;
  f.cfx_type_id = type.id;
  for (const key of TEXT_KEYS) if (key in body) f[key] = str(body, key);
  for (const key of DATE_KEYS) if (key in body) f[key] = wireDate(str(body, key));
  if ('value' in body) f.value = str(body, 'value') === '' ? '' : Number(str(body, 'value')).toFixed(2);
  if ('ind_display_value' in body) f.ind_display_value = Number(str(body, 'ind_display_value'));
  if ('archived' in body) {
    f.archived = Number(str(body, 'archived'));
    if (f.archived === 1 && !('archived_date' in body) && f.archived_date === ZERO_DATETIME)
      f.archived_date = `${world.now().slice(0, 10)} 00:00:00`;
  }
  if (contact !== undefined) {
    f.contact_id = contactId;
    f.name_contact = contact;
  }
  if (responsible !== undefined) {
    f.collaborator_id = collaboratorId;
    f.name_resp = responsible;
  }
  if (typeChanged || isNew) p.stages = stagesFor(s, type.id);
  const targetStage = stageId !== '' ? Number(stageId) : (typeStages[0]?.id ?? 0);
  if (isNew || typeChanged || targetStage !== Number(f.cfx_stage_id)) {
    moveTo(p, targetStage);
    f.date_last_evolution = world.now();
  }
  f.last_update_user = 'api';
  f.last_update_date = world.now();
  return null;
}

/** A process as a get_cfx_process_list row: counts and progress computed from its current stage. */
function listRow(s: CfxState, p: CfxProcess): WireRecord {
  const f = p.fields;
  const current = currentStage(p);
  const activities = (current?.activity as WireRecord[] | undefined) ?? [];
  const done = activities.filter((a) => a.activity_exe !== 'Pendente').length;
  return {
    id: f.id,
    title: f.title,
    cfx_type_id: f.cfx_type_id,
    cfx_stage_id: f.cfx_stage_id,
    number: f.number,
    code: f.code,
    token: f.token,
    type: findType(s, String(f.cfx_type_id))?.title ?? '',
    stage_title: text(current?.stage_title),
    stage_actual_term_min: f.stage_actual_term_min,
    activity: String(activities.length),
    realized: `${activities.length ? Math.round((done / activities.length) * 100) : 0}%`,
    name_contact: f.name_contact,
    name_resp: f.name_resp,
    prot_num: f.prot_num,
    external_id_1: f.external_id_1,
    external_id_2: f.external_id_2,
    ind_display_value: f.ind_display_value,
    value: f.value,
    date_last_evolution: f.date_last_evolution,
    opening_date: f.opening_date,
    notes: String(p.notes.length),
    annex: String(p.annexes.length),
    delivery_date: f.delivery_date,
    closing_date: f.closing_date,
    archived: f.archived,
    archived_date: f.archived_date,
  };
}

const getCfxType: MaxbotHandler = (_body, world) => ok({ cfx_type_list: state(world).types });

const getCfxStage: MaxbotHandler = (body, world) => {
  const s = state(world);
  const type = findType(s, str(body, 'cfx_type_id'));
  if (!type) return fail(`Tipo de processo não encontrado: ${str(body, 'cfx_type_id') || '(vazio)'}`);
  return ok({ cfx_stage_list: s.stages.get(type.id) ?? [] });
};

/** `focus_of_period`: 1 opening, 2 delivery, 3 closing date (Ponte's reading of the undocumented codes). */
const FOCUS_FIELDS: Record<string, string> = { '1': 'opening_date', '2': 'delivery_date', '3': 'closing_date' };

const getCfxProcessList: MaxbotHandler = (body, world) => {
  const s = state(world);
  const start = str(body, 'date_start');
  const stop = str(body, 'date_stop');
  if (!isRealDate(start) || !isRealDate(stop)) return fail('Período inválido: informe date_start e date_stop (AAAA-MM-DD)');
  const focus = FOCUS_FIELDS[str(body, 'focus_of_period') || '1'];
  if (!focus) return fail(`focus_of_period inválido: ${str(body, 'focus_of_period')}`);
  // The JSON example names the protocol filter "prot_num" (its PHP sends "protocol"); the simulator
  // reads "prot_num", as the adapter sends it.
  const equalities: Array<[string, string]> = [
    ['cfx_type_id', 'cfx_type_id'],
    ['cfx_stage_id', 'cfx_stage_id'],
    ['number', 'number'],
    ['prot_num', 'prot_num'],
    ['contact_id', 'contact_id'],
    ['collaborator_id', 'collaborator_id'],
    ['external_id_1', 'external_id_1'],
    ['external_id_2', 'external_id_2'],
    ['archived', 'archived'],
  ];
  const data = s.processes.filter((p) => {
    const day = text(p.fields[focus]).slice(0, 10);
    if (day < start || day > stop) return false;
    for (const [param, field] of equalities) {
      const wanted = str(body, param);
      if (wanted && text(p.fields[field]) !== wanted) return false;
    }
    const title = str(body, 'title').toLowerCase();
    if (title && !text(p.fields.title).toLowerCase().includes(title)) return false;
    const value = str(body, 'value');
    if (value && Number(p.fields.value) !== Number(value)) return false;
    return true;
  });
  return ok({ data: data.map((p) => listRow(s, p)) });
};

const getCfxProcess: MaxbotHandler = (body, world) => {
  const s = state(world);
  const p = findProcess(s, str(body, 'for_process_id'));
  if (!p) return fail(`Processo não encontrado: ${str(body, 'for_process_id') || '(vazio)'}`);
  const f = p.fields;
  const process = {
    id: f.id,
    number: f.number,
    code: f.code,
    type: findType(s, String(f.cfx_type_id))?.title ?? '',
    name_contact: f.name_contact,
    name_resp: f.name_resp,
    title: f.title,
    prot_num: f.prot_num,
    external_id_1: f.external_id_1,
    external_id_2: f.external_id_2,
    description: f.description,
    ind_display_value: f.ind_display_value,
    value: f.value,
    delivery_date: f.delivery_date,
    closing_date: f.closing_date,
    opening_date: f.opening_date,
    archived: f.archived,
    archived_date: f.archived_date,
    obs: f.obs,
    last_update_user: f.last_update_user,
    last_update_date: f.last_update_date,
  };
  return ok({ process: [process], notes: p.notes, annexes: p.annexes, stages: p.stages });
};

const putCfxProcess: MaxbotHandler = (body, world) => {
  const s = state(world);
  const type = findType(s, str(body, 'cfx_type_id'));
  const id = world.nextId('cfx_process', 129);
  const month = world.now().slice(0, 7).replace('-', '');
  const p: CfxProcess = {
    fields: {
      id,
      number: '',
      code: `${month}-${hex(2)}-${hex(2)}-${hex(2)}`,
      token: `${month}${hex(6)}-${hex(3)}-${hex(3)}`,
      title: '',
      cfx_type_id: 0,
      cfx_stage_id: 0,
      contact_id: '',
      collaborator_id: '',
      name_contact: '',
      name_resp: '',
      prot_num: '',
      external_id_1: '',
      external_id_2: '',
      description: '',
      ind_display_value: type?.ind_display_value ?? 0,
      value: '',
      stage_actual_term_min: '',
      date_last_evolution: world.now(),
      opening_date: `${world.now().slice(0, 10)} 00:00:00`,
      delivery_date: ZERO_DATETIME,
      closing_date: ZERO_DATETIME,
      archived: 0,
      archived_date: ZERO_DATETIME,
      obs: '',
      last_update_user: '',
      last_update_date: '',
    },
    notes: [],
    annexes: [],
    stages: [],
  };
  const error = applyWrite(world, s, p, body, true);
  if (error) return fail(error);
  p.fields.number = String(world.nextId('cfx_process_number', 97));
  s.processes.push(p);
  return ok({ process_id: id, process_num: p.fields.number });
};

const setCfxProcess: MaxbotHandler = (body, world) => {
  const s = state(world);
  const p = findProcess(s, str(body, 'for_process_id'));
  if (!p) return fail(`Processo não encontrado: ${str(body, 'for_process_id') || '(vazio)'}`);
  // Validate on a copy so a refused change leaves the process untouched.
  const draft: CfxProcess = structuredClone(p);
  const error = applyWrite(world, s, draft, body, false);
  if (error) return fail(error);
  Object.assign(p, draft);
  return ok({ process_id: p.fields.id, process_num: p.fields.number });
};

export const flowControlHandlers: Record<string, MaxbotHandler> = {
  get_cfx_type: getCfxType,
  get_cfx_stage: getCfxStage,
  get_cfx_process_list: getCfxProcessList,
  get_cfx_process: getCfxProcess,
  put_cfx_process: putCfxProcess,
  set_cfx_process: setCfxProcess,
};

/** The seeded state, for unit tests of the mappers against the doc examples. */
export const seedFlowControl = seed;
/** A stored process as get_cfx_process_list shows it (for unit tests). */
export const flowControlListRow = listRow;
