/**
 * Flow control on Maxbot, end to end: real HTTP to the built gateway, which talks real HTTP to the
 * Maxbot simulator. Each test checks the normalized answer and the exact `{token, cmd, ...}` body
 * the simulator received, field names and value forms as maxbot.txt documents them.
 */
import request from 'supertest';
import { gql } from '../helpers/graphql';
import { expectMaxbotCall } from '../helpers/maxbot-coverage';
import { startMaxbotRig, type MaxbotRig } from '../helpers/maxbot';

let rig: MaxbotRig;

beforeAll(async () => {
  rig = await startMaxbotRig();
});
afterAll(async () => {
  await rig?.stop();
});
beforeEach(() => rig.sim.clearRequests());

const api = () => request(rig.ponte.url);

/** Process 128 of the get_cfx_process_list example, normalized. */
const PROCESS_128 = {
  id: '128',
  number: '96',
  code: '202110-959E-8C3B-6119',
  token: '202110538BEAA0EB43-7F934A-B06CFF',
  title: 'INTERESSADO NO MAXBOT',
  typeId: '1',
  typeTitle: 'COMERCIAL',
  stageId: '2',
  stageTitle: 'DEMANDA',
  // "stage_actual_term_min": "15 Minutos", "activity": "2", "realized": "0%"
  stageTerm: '15 Minutos',
  stageTermMinutes: 15,
  activityCount: 2,
  realizedPercent: 0,
  contactName: 'EDUARDO GONÇALVES',
  responsibleName: 'EDUARDO GONÇALVES FILHO',
  protocolNumber: '1400',
  externalId1: '126',
  externalId2: '96',
  displayValue: true,
  value: '407.00',
  // "opening_date": "2021-10-16 00:00:00", "date_last_evolution": "2021-10-16 09:54:12"
  openedAt: '2021-10-16T00:00:00-03:00',
  deliveryAt: '2021-10-20T00:00:00-03:00',
  closingAt: '2021-11-01T00:00:00-03:00',
  lastEvolutionAt: '2021-10-16T09:54:12-03:00',
  // "archived": 0, "archived_date": "0000-00-00 00:00:00"
  archived: false,
  archivedAt: null,
  notesCount: 1,
  annexCount: 6,
};

describe('GET /v1/flow-control/types (get_cfx_type)', () => {
  it('lists the five types of the example, the malformed id 4 entry included', async () => {
    const res = await api().get('/v1/flow-control/types').set(rig.auth).expect(200);
    // maxbot.txt: {"token": "xxxx", "cmd": "get_cfx_type"} — nothing else.
    expectMaxbotCall(rig.sim, 'get_cfx_type', {});
    expect(res.body).toEqual({
      data: [
        { id: '1', title: 'COMERCIAL', displayValue: true },
        { id: '2', title: 'SUPORTE TÉCNICO N1', displayValue: false },
        { id: '3', title: 'IMPORTAÇÃO DE CONTATOS', displayValue: true },
        { id: '4', title: 'SEMANA DE ATENDIMENTO AO Cliente', displayValue: false },
        { id: '5', title: 'TESTE RODRIGO', displayValue: false },
      ],
      pageInfo: { nextCursor: null, hasNextPage: false, totalCount: 5 },
    });
  });

  it('pages with limit and cursor', async () => {
    const first = await api().get('/v1/flow-control/types').query({ limit: 3 }).set(rig.auth).expect(200);
    expect(first.body.data.map((t: { id: string }) => t.id)).toEqual(['1', '2', '3']);
    const second = await api()
      .get('/v1/flow-control/types')
      .query({ limit: 3, cursor: first.body.pageInfo.nextCursor })
      .set(rig.auth)
      .expect(200);
    expect(second.body.data.map((t: { id: string }) => t.id)).toEqual(['4', '5']);
    expect(second.body.pageInfo).toEqual({ nextCursor: null, hasNextPage: false, totalCount: 5 });
  });
});

describe('GET /v1/flow-control/types/:id/stages (get_cfx_stage)', () => {
  it('lists the stages of type 1 in order', async () => {
    const res = await api().get('/v1/flow-control/types/1/stages').set(rig.auth).expect(200);
    // maxbot.txt: "cmd": "get_cfx_stage", "cfx_type_id": "1"
    expectMaxbotCall(rig.sim, 'get_cfx_stage', { cfx_type_id: '1' });
    expect(res.body.data).toHaveLength(7);
    expect(res.body.data[0]).toEqual({ id: '1', typeId: '1', code: 'C01', title: 'PROSPECTO' });
    expect(res.body.data[6]).toEqual({ id: '7', typeId: '1', code: 'C07', title: 'PERDIDO' });
  });

  it('an unknown type → 422 provider_rejected with Maxbot msg', async () => {
    const res = await api().get('/v1/flow-control/types/99/stages').set(rig.auth).expect(422);
    expect(res.body).toMatchObject({
      code: 'provider_rejected',
      provider: 'maxbot',
      providerMessage: 'Tipo de processo não encontrado: 99',
    });
  });

  it('a non-numeric type id is refused before any call', async () => {
    const res = await api().get('/v1/flow-control/types/abc/stages').set(rig.auth).expect(400);
    expect(res.body.errors).toEqual([{ field: 'id', message: 'must be a numeric Maxbot id' }]);
    expect(rig.sim.calls()).toHaveLength(0);
  });
});

describe('GET /v1/flow-control/processes (get_cfx_process_list)', () => {
  it('lists the processes opened in the period, normalized', async () => {
    const res = await api().get('/v1/flow-control/processes').query({ from: '2021-10-01', to: '2021-10-16' }).set(rig.auth).expect(200);
    // maxbot.txt: "date_start": "2021-10-01", "date_stop": "2021-10-16", "focus_of_period": "1"
    expectMaxbotCall(rig.sim, 'get_cfx_process_list', { date_start: '2021-10-01', date_stop: '2021-10-16', focus_of_period: '1' });
    expect(res.body).toEqual({ data: [PROCESS_128], pageInfo: { nextCursor: null, hasNextPage: false, totalCount: 1 } });
  });

  it('sends every documented filter under its documented name', async () => {
    const res = await api()
      .get('/v1/flow-control/processes')
      .query({
        from: '2021-10-01',
        to: '2021-10-16',
        dateField: 'OPENING',
        typeId: '1',
        stageId: '2',
        number: '96',
        protocolNumber: '1400',
        contactId: '792',
        collaboratorId: '126',
        title: 'INTERESSADO NO MAXBOT',
        externalId1: '126',
        externalId2: '96',
        value: '407',
        archived: 'false',
      })
      .set(rig.auth)
      .expect(200);
    // maxbot.txt get_cfx_process_list JSON: "cfx_type_id", "cfx_stage_id", "number", "prot_num" (the PHP's
    // "protocol" is not used), "contact_id", "collaborator_id", "title", "external_id_1", "external_id_2",
    // "value", "archived" — every value a string.
    expectMaxbotCall(rig.sim, 'get_cfx_process_list', {
      date_start: '2021-10-01',
      date_stop: '2021-10-16',
      focus_of_period: '1',
      cfx_type_id: '1',
      cfx_stage_id: '2',
      number: '96',
      prot_num: '1400',
      contact_id: '792',
      collaborator_id: '126',
      title: 'INTERESSADO NO MAXBOT',
      external_id_1: '126',
      external_id_2: '96',
      value: '407.00',
      archived: '0',
    });
    expect(res.body.data.map((p: { id: string }) => p.id)).toEqual(['128']);
  });

  it('applies the period to the delivery or closing date (focus_of_period "2" / "3")', async () => {
    const delivery = await api()
      .get('/v1/flow-control/processes')
      .query({ from: '2021-10-20', to: '2021-10-20', dateField: 'DELIVERY' })
      .set(rig.auth)
      .expect(200);
    expectMaxbotCall(rig.sim, 'get_cfx_process_list', { date_start: '2021-10-20', date_stop: '2021-10-20', focus_of_period: '2' });
    expect(delivery.body.data.map((p: { id: string }) => p.id)).toEqual(['128']);
    const closing = await api()
      .get('/v1/flow-control/processes')
      .query({ from: '2021-10-01', to: '2021-10-31', dateField: 'CLOSING' })
      .set(rig.auth)
      .expect(200);
    expectMaxbotCall(rig.sim, 'get_cfx_process_list', { date_start: '2021-10-01', date_stop: '2021-10-31', focus_of_period: '3' });
    // Process 128 closes on 2021-11-01, outside the period.
    expect(closing.body.data).toEqual([]);
  });

  it('a filter that matches nothing answers an empty page', async () => {
    const res = await api()
      .get('/v1/flow-control/processes')
      .query({ from: '2021-10-01', to: '2021-10-16', archived: true })
      .set(rig.auth)
      .expect(200);
    expectMaxbotCall(rig.sim, 'get_cfx_process_list', {
      date_start: '2021-10-01',
      date_stop: '2021-10-16',
      focus_of_period: '1',
      archived: '1',
    });
    expect(res.body).toEqual({ data: [], pageInfo: { nextCursor: null, hasNextPage: false, totalCount: 0 } });
  });

  describe('bad filters → 400 naming the field, nothing sent', () => {
    afterEach(() => expect(rig.sim.calls()).toHaveLength(0));

    it.each([
      [
        {},
        [
          { field: 'from', message: 'is required' },
          { field: 'to', message: 'is required' },
        ],
      ],
      [{ from: '2021-10-16', to: '2021-10-01' }, [{ field: 'to', message: 'must not be before from' }]],
      [{ from: '2021-02-30', to: '2021-03-01' }, [{ field: 'from', message: 'must be a calendar date in the form YYYY-MM-DD' }]],
      [
        { from: '2021-10-01', to: '2021-10-16', dateField: 'UPDATED' },
        [{ field: 'dateField', message: 'must be one of OPENING, DELIVERY, CLOSING' }],
      ],
      [{ from: '2021-10-01', to: '2021-10-16', typeId: 'um' }, [{ field: 'typeId', message: 'must be a numeric id (digits only)' }]],
      [
        { from: '2021-10-01', to: '2021-10-16', value: '407,00' },
        [{ field: 'value', message: 'must be a decimal string with a dot and at most two decimals, e.g. "120.00"' }],
      ],
      [{ from: '2021-10-01', to: '2021-10-16', archived: 'talvez' }, [{ field: 'archived', message: 'must be true or false' }]],
      [{ from: '2021-10-01', to: '2021-10-16', protocol: '1400' }, [{ field: 'protocol', message: 'is not a known field' }]],
    ])('%j', async (query, errors) => {
      const res = await api().get('/v1/flow-control/processes').query(query).set(rig.auth).expect(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', errors });
    });
  });
});

describe('GET /v1/flow-control/processes/:id (get_cfx_process)', () => {
  it('answers process 128 with notes, annexes, stages and activities, both date forms parsed', async () => {
    const res = await api().get('/v1/flow-control/processes/128').set(rig.auth).expect(200);
    // maxbot.txt: "cmd": "get_cfx_process", "for_process_id": "128"
    expectMaxbotCall(rig.sim, 'get_cfx_process', { for_process_id: '128' });
    const p = res.body;
    expect(p).toMatchObject({
      id: '128',
      number: '96',
      code: '202110-959E-8C3B-6119',
      title: 'INTERESSADO NO MAXBOT',
      typeTitle: 'COMERCIAL',
      stageId: '2',
      stageTitle: 'DEMANDA',
      contactName: 'EDUARDO GONÇALVES',
      responsibleName: 'EDUARDO GONÇALVES FILHO',
      protocolNumber: '1400',
      externalId1: '126',
      externalId2: '96',
      description: 'Descrição',
      value: '407.00',
      openedAt: '2021-10-16T00:00:00-03:00',
      deliveryAt: '2021-10-20T00:00:00-03:00',
      closingAt: '2021-11-01T00:00:00-03:00',
      archived: false,
      archivedAt: null,
      observation: 'Observação',
      // "last_update_user": "eduardoatendente", "last_update_date": "2021-10-16 09:54:12"
      updatedBy: 'eduardoatendente',
      updatedAt: '2021-10-16T09:54:12-03:00',
    });
    // "note_date": "16\/10\/21 09h50"
    expect(p.notes).toEqual([
      {
        createdAt: '2021-10-16T09:50:00-03:00',
        author: 'EDUARDO GONÇALVES FILHO',
        text: 'Marcado demostração para Cliente dia 18/10/2021.',
      },
    ]);
    // "annex_date": "16\/10\/21 09h53", "annex_size": "1.28M"
    expect(p.annexes).toHaveLength(6);
    expect(p.annexes[0]).toEqual({
      createdAt: '2021-10-16T09:53:00-03:00',
      author: 'EDUARDO GONÇALVES FILHO',
      title: 'TESTE ARQUIVO 1',
      url: 'https://app.maxbot.com.br/anexos_docs/bc4b65e1e3b4805a28ec837f22b159f2.jpg',
      fileName: 'bc4b65e1e3b4805a28ec837f22b159f2.jpg',
      size: '1.28M',
      sizeBytes: 1342177,
    });
    expect(p.annexes.map((a: { size: string }) => a.size)).toEqual(['1.28M', '2.83M', '1.34M', '2.59M', '2.93M', '2.75M']);
    expect(p.stages.map((s: { id: string; code: string; current: boolean }) => [s.id, s.code, s.current])).toEqual([
      ['1', 'C01', false],
      ['2', 'C02', true],
      ['3', 'C03', false],
      ['4', 'C04', false],
      ['5', 'C05', false],
      ['6', 'C06', false],
      ['7', 'C07', false],
    ]);
    // "activity_exe": "16\/10\/2021 09:50" → executed; "Pendente" → pending.
    expect(p.stages[0].activities).toEqual([
      {
        id: '1',
        code: 'E1',
        title: 'Completar ficha cadastral',
        description: 'Completar a ficha do contato.',
        term: '5 Minutos',
        termMinutes: 5,
        current: false,
        status: 'DONE',
        executedAt: '2021-10-16T09:50:00-03:00',
        executedBy: 'Eduardo Gonçalves Filho',
        publicNote: 'Observação pública da execução da atividade. A informação é mostrada para todos.',
        internalNote: 'Observação interna da execução da atividade. A informação é mostrada apenas para a equipe interna da empresa.',
      },
    ]);
    expect(p.stages[1].activities[0]).toEqual({
      id: '2',
      code: 'E1',
      title: 'Determinar a área de atuação',
      description: 'Descobrir qual a área de atuação do Cliente.',
      term: '5 Minutos',
      termMinutes: 5,
      current: true,
      status: 'PENDING',
      executedAt: null,
      executedBy: null,
      publicNote: null,
      internalNote: null,
    });
    expect(p.stages[2].activities[0]).toMatchObject({ id: '4', term: '40 Minutos', termMinutes: 40, status: 'PENDING' });
  });

  it('an unknown process → 422 provider_rejected with Maxbot msg', async () => {
    const res = await api().get('/v1/flow-control/processes/999999').set(rig.auth).expect(422);
    expectMaxbotCall(rig.sim, 'get_cfx_process', { for_process_id: '999999' });
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'provider_rejected', providerMessage: 'Processo não encontrado: 999999' });
  });

  it('a non-numeric id is refused before any call', async () => {
    const res = await api().get('/v1/flow-control/processes/12a').set(rig.auth).expect(400);
    expect(res.body.errors).toEqual([{ field: 'id', message: 'must be a numeric Maxbot id' }]);
    expect(rig.sim.calls()).toHaveLength(0);
  });
});

describe('process writes', () => {
  it('POST → put_cfx_process with every documented field, then listed and read back', async () => {
    const res = await api()
      .post('/v1/flow-control/processes')
      .set(rig.auth)
      .send({
        contactId: '1',
        collaboratorId: '126',
        typeId: '1',
        stageId: '3',
        title: 'MAXBOT SAC 2021',
        protocolNumber: '1351',
        externalId1: '1',
        externalId2: '2',
        displayValue: true,
        value: '100',
        description: 'Implantação do SAC',
        openingDate: '2024-12-18',
        deliveryDate: '2024-12-20',
        closingDate: '2024-12-31',
        observation: 'SAC 2021 OBS',
        archived: false,
      })
      .expect(201);
    // maxbot.txt put_cfx_process: "contact_id": "792", "collaborator_id": "126", "cfx_type_id": "4", ...,
    // "ind_display_value": "0", "value" => "100.00", "opening_date": "2024-12-18", "obs", "archived": "0".
    expectMaxbotCall(rig.sim, 'put_cfx_process', {
      contact_id: '1',
      collaborator_id: '126',
      cfx_type_id: '1',
      cfx_stage_id: '3',
      title: 'MAXBOT SAC 2021',
      prot_num: '1351',
      external_id_1: '1',
      external_id_2: '2',
      ind_display_value: '1',
      value: '100.00',
      description: 'Implantação do SAC',
      opening_date: '2024-12-18',
      delivery_date: '2024-12-20',
      closing_date: '2024-12-31',
      obs: 'SAC 2021 OBS',
      archived: '0',
    });
    // Reply: "process_id": 111 (an integer), "process_num": "84".
    expect(res.body).toEqual({ id: expect.stringMatching(/^\d+$/), number: expect.stringMatching(/^\d+$/) });
    expect(res.headers.location).toBe(`/v1/flow-control/processes/${res.body.id}?connection=maxbot`);

    const listed = await api()
      .get('/v1/flow-control/processes')
      .query({ from: '2024-12-18', to: '2024-12-18', externalId1: '1' })
      .set(rig.auth)
      .expect(200);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).toMatchObject({
      id: res.body.id,
      number: res.body.number,
      title: 'MAXBOT SAC 2021',
      typeId: '1',
      typeTitle: 'COMERCIAL',
      stageId: '3',
      stageTitle: 'DEMONSTRAÇÃO',
      activityCount: 2,
      realizedPercent: 0,
      contactName: 'RODRIGO FUNDAÇÃO THER',
      responsibleName: 'EDUARDO GONÇALVES FILHO',
      protocolNumber: '1351',
      value: '100.00',
      displayValue: true,
      openedAt: '2024-12-18T00:00:00-03:00',
      deliveryAt: '2024-12-20T00:00:00-03:00',
      closingAt: '2024-12-31T00:00:00-03:00',
      archived: false,
      archivedAt: null,
      notesCount: 0,
      annexCount: 0,
    });

    const read = await api().get(res.headers.location).set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_cfx_process', { for_process_id: res.body.id });
    expect(read.body).toMatchObject({
      id: res.body.id,
      stageId: '3',
      stageTitle: 'DEMONSTRAÇÃO',
      description: 'Implantação do SAC',
      observation: 'SAC 2021 OBS',
      notes: [],
      annexes: [],
    });
    expect(read.body.stages).toHaveLength(7);
    expect(read.body.stages[2].activities.every((a: { status: string; current: boolean }) => a.status === 'PENDING' && a.current)).toBe(
      true,
    );
  });

  it('PATCH → set_cfx_process with for_process_id and only the fields given; null clears', async () => {
    const created = await api()
      .post('/v1/flow-control/processes')
      .set(rig.auth)
      .send({ typeId: '1', stageId: '1', title: 'Para mover', value: '250.50', externalId2: 'crm-77', openingDate: '2024-11-05' })
      .expect(201);
    const id = created.body.id as string;
    const res = await api()
      .patch(`/v1/flow-control/processes/${id}`)
      .set(rig.auth)
      .send({ stageId: '5', value: null, externalId2: null, archived: true, archivedDate: '2024-11-30' })
      .expect(200);
    // maxbot.txt set_cfx_process: "for_process_id": "111" plus the put_cfx_process fields.
    expectMaxbotCall(rig.sim, 'set_cfx_process', {
      for_process_id: id,
      cfx_stage_id: '5',
      value: '',
      external_id_2: '',
      archived: '1',
      archived_date: '2024-11-30',
    });
    expect(res.body).toEqual({
      id,
      number: created.body.number,
      updatedFields: ['stageId', 'externalId2', 'value', 'archived', 'archivedDate'],
    });
    const listed = await api()
      .get('/v1/flow-control/processes')
      .query({ from: '2024-11-05', to: '2024-11-05', archived: true })
      .set(rig.auth)
      .expect(200);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).toMatchObject({
      id,
      title: 'Para mover',
      stageId: '5',
      stageTitle: 'NEGOCIAÇÃO',
      activityCount: 4,
      value: null,
      externalId2: null,
      archived: true,
      archivedAt: '2024-11-30T00:00:00-03:00',
    });
  });

  it('an unknown type on create and an unknown process on update → 422 provider_rejected', async () => {
    const create = await api()
      .post('/v1/flow-control/processes')
      .set(rig.auth)
      .send({ typeId: '99', stageId: '1', title: 'X' })
      .expect(422);
    expectMaxbotCall(rig.sim, 'put_cfx_process', { cfx_type_id: '99', cfx_stage_id: '1', title: 'X' });
    expect(create.body).toMatchObject({ code: 'provider_rejected', providerMessage: 'Tipo de processo não encontrado: 99' });

    const update = await api().patch('/v1/flow-control/processes/424242').set(rig.auth).send({ title: 'Y' }).expect(422);
    expectMaxbotCall(rig.sim, 'set_cfx_process', { for_process_id: '424242', title: 'Y' });
    expect(update.body).toMatchObject({ code: 'provider_rejected', providerMessage: 'Processo não encontrado: 424242' });

    const stage = await api().patch('/v1/flow-control/processes/128').set(rig.auth).send({ stageId: '42' }).expect(422);
    expect(stage.body.providerMessage).toBe('Etapa 42 não pertence ao tipo de processo 1');
  });

  it('a dry run shows the put_cfx_process request and sends nothing', async () => {
    const res = await api()
      .post('/v1/flow-control/processes')
      .set(rig.auth)
      .set('Prefer', 'dry-run')
      .send({ typeId: '1', stageId: '1', title: 'Ensaio', value: '9.9' })
      .expect(200);
    expect(res.body.requests[0].body).toEqual({
      token: '[REDACTED]',
      cmd: 'put_cfx_process',
      cfx_type_id: '1',
      cfx_stage_id: '1',
      title: 'Ensaio',
      value: '9.90',
    });
    expect(rig.sim.calls()).toHaveLength(0);
  });

  describe('bad input → 400 naming the field, nothing sent', () => {
    afterEach(() => expect(rig.sim.calls()).toHaveLength(0));

    it('create without type, stage and title', async () => {
      const res = await api().post('/v1/flow-control/processes').set(rig.auth).send({ value: '10.00' }).expect(400);
      expect(res.body.errors).toEqual([
        { field: 'typeId', message: 'is required' },
        { field: 'stageId', message: 'is required' },
        { field: 'title', message: 'is required' },
      ]);
    });

    it.each([
      [{ value: '10,00' }, 'value', 'must be a decimal string with a dot and at most two decimals, e.g. "120.00"'],
      [{ value: 10 }, 'value', 'must be a decimal string with a dot and at most two decimals, e.g. "120.00"'],
      [{ value: '-5' }, 'value', 'must be a decimal string with a dot and at most two decimals, e.g. "120.00"'],
      [{ openingDate: '2024-02-30' }, 'openingDate', 'must be a calendar date in the form YYYY-MM-DD'],
      [{ deliveryDate: '18/12/2024' }, 'deliveryDate', 'must be a calendar date in the form YYYY-MM-DD'],
      [{ contactId: 'ana' }, 'contactId', 'must be a numeric id (digits only)'],
      [{ collaboratorId: '12.6' }, 'collaboratorId', 'must be a numeric id (digits only)'],
      [{ displayValue: 'sim' }, 'displayValue', 'must be true or false'],
      [{ title: '   ' }, 'title', 'must not be blank'],
      [{ stage: '1' }, 'stage', 'is not a known field'],
    ])('create with %j', async (extra, field, message) => {
      const res = await api()
        .post('/v1/flow-control/processes')
        .set(rig.auth)
        .send({ typeId: '1', stageId: '1', title: 'Válido', ...extra })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field, message }] });
    });

    it('update: null on a field that cannot be blanked, an empty body, a non-numeric id', async () => {
      const nulls = await api().patch('/v1/flow-control/processes/128').set(rig.auth).send({ title: null, stageId: null }).expect(400);
      expect(nulls.body.errors).toEqual([
        { field: 'stageId', message: 'cannot be cleared (null); leave it out to keep it' },
        { field: 'title', message: 'cannot be cleared (null); leave it out to keep it' },
      ]);
      const empty = await api().patch('/v1/flow-control/processes/128').set(rig.auth).send({}).expect(400);
      expect(empty.body.errors).toEqual([{ field: 'body', message: 'must contain at least one field to change' }]);
      const badId = await api().patch('/v1/flow-control/processes/abc').set(rig.auth).send({ title: 'X' }).expect(400);
      expect(badId.body.errors).toEqual([{ field: 'id', message: 'must be a numeric Maxbot id' }]);
    });
  });
});

describe('GraphQL', () => {
  it('flowControlTypes and flowControlStages', async () => {
    const types = await gql(
      rig.ponte.url,
      `{ flowControlTypes(limit: 2) { data { id title displayValue } pageInfo { hasNextPage totalCount } } }`,
      {},
      rig.auth,
    );
    expect(types.errors).toBeUndefined();
    expect(types.data!.flowControlTypes).toEqual({
      data: [
        { id: '1', title: 'COMERCIAL', displayValue: true },
        { id: '2', title: 'SUPORTE TÉCNICO N1', displayValue: false },
      ],
      pageInfo: { hasNextPage: true, totalCount: 5 },
    });
    expectMaxbotCall(rig.sim, 'get_cfx_type', {});

    const stages = await gql(
      rig.ponte.url,
      `query($t: String!) { flowControlStages(typeId: $t, limit: 2) { data { id typeId code title } pageInfo { hasNextPage nextCursor } } }`,
      { t: '1' },
      rig.auth,
    );
    expect(stages.errors).toBeUndefined();
    expect(stages.data!.flowControlStages.data).toEqual([
      { id: '1', typeId: '1', code: 'C01', title: 'PROSPECTO' },
      { id: '2', typeId: '1', code: 'C02', title: 'LEVANTAMENTO DE DEMANDA' },
    ]);
    expectMaxbotCall(rig.sim, 'get_cfx_stage', { cfx_type_id: '1' });
    // A stages cursor is bound to its type.
    const misuse = await gql(
      rig.ponte.url,
      `query($c: String) { flowControlStages(typeId: "2", cursor: $c) { data { id } } }`,
      { c: stages.data!.flowControlStages.pageInfo.nextCursor },
      rig.auth,
    );
    expect(misuse.errors![0].extensions).toMatchObject({ code: 'validation_failed', errors: [{ field: 'cursor' }] });
  });

  it('flowControlProcesses with filters and flowControlProcess with nested stages', async () => {
    const list = await gql(
      rig.ponte.url,
      `{ flowControlProcesses(from: "2021-10-01", to: "2021-10-16", dateField: OPENING, typeId: "1", protocolNumber: "1400") {
          data { id stageTitle stageTermMinutes realizedPercent value openedAt archivedAt } pageInfo { totalCount } } }`,
      {},
      rig.auth,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data!.flowControlProcesses).toEqual({
      data: [
        {
          id: '128',
          stageTitle: 'DEMANDA',
          stageTermMinutes: 15,
          realizedPercent: 0,
          value: '407.00',
          openedAt: '2021-10-16T00:00:00-03:00',
          archivedAt: null,
        },
      ],
      pageInfo: { totalCount: 1 },
    });
    expectMaxbotCall(rig.sim, 'get_cfx_process_list', {
      date_start: '2021-10-01',
      date_stop: '2021-10-16',
      focus_of_period: '1',
      cfx_type_id: '1',
      prot_num: '1400',
    });

    const one = await gql(
      rig.ponte.url,
      `{ flowControlProcess(id: "128") { id stageId notes { createdAt text } annexes { size sizeBytes }
          stages { id current activities { id status executedAt executedBy } } } }`,
      {},
      rig.auth,
    );
    expect(one.errors).toBeUndefined();
    const p = one.data!.flowControlProcess;
    expect(p.notes).toEqual([{ createdAt: '2021-10-16T09:50:00-03:00', text: 'Marcado demostração para Cliente dia 18/10/2021.' }]);
    expect(p.annexes[1]).toEqual({ size: '2.83M', sizeBytes: 2967470 });
    expect(p.stages[0]).toEqual({
      id: '1',
      current: false,
      activities: [{ id: '1', status: 'DONE', executedAt: '2021-10-16T09:50:00-03:00', executedBy: 'Eduardo Gonçalves Filho' }],
    });
    expect(p.stages[1].activities).toEqual([
      { id: '2', status: 'PENDING', executedAt: null, executedBy: null },
      { id: '3', status: 'PENDING', executedAt: null, executedBy: null },
    ]);
    expectMaxbotCall(rig.sim, 'get_cfx_process', { for_process_id: '128' });
  });

  it('createFlowControlProcess and updateFlowControlProcess', async () => {
    const created = await gql(
      rig.ponte.url,
      `mutation($in: CreateFlowControlProcessInput!) { createFlowControlProcess(input: $in) { id number } }`,
      {
        in: {
          typeId: '4',
          stageId: '1',
          title: 'SEMANA 2025',
          contactId: '3',
          collaboratorId: '1',
          openingDate: '2025-01-06',
          displayValue: false,
        },
      },
      rig.auth,
    );
    expect(created.errors).toBeUndefined();
    const { id } = created.data!.createFlowControlProcess as { id: string };
    expectMaxbotCall(rig.sim, 'put_cfx_process', {
      cfx_type_id: '4',
      cfx_stage_id: '1',
      title: 'SEMANA 2025',
      contact_id: '3',
      collaborator_id: '1',
      opening_date: '2025-01-06',
      ind_display_value: '0',
    });

    const updated = await gql(
      rig.ponte.url,
      `mutation($id: String!) { updateFlowControlProcess(id: $id, input: { title: "SEMANA 2025 (revisada)", observation: null, value: "1500" }) { id updatedFields } }`,
      { id },
      rig.auth,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateFlowControlProcess).toEqual({ id, updatedFields: ['title', 'value', 'observation'] });
    expectMaxbotCall(rig.sim, 'set_cfx_process', { for_process_id: id, title: 'SEMANA 2025 (revisada)', value: '1500.00', obs: '' });

    const listed = await gql(
      rig.ponte.url,
      `{ flowControlProcesses(from: "2025-01-06", to: "2025-01-06") { data { id title typeTitle contactName responsibleName value displayValue } } }`,
      {},
      rig.auth,
    );
    expect(listed.data!.flowControlProcesses.data).toEqual([
      {
        id,
        title: 'SEMANA 2025 (revisada)',
        typeTitle: 'SEMANA DE ATENDIMENTO AO Cliente',
        contactName: 'KELI MARCHI',
        responsibleName: 'PEDRO SILVA',
        value: '1500.00',
        displayValue: false,
      },
    ]);
  });

  it('errors carry the same code in extensions, bad input sends nothing', async () => {
    const rejected = await gql(rig.ponte.url, `{ flowControlProcess(id: "777777") { id } }`, {}, rig.auth);
    expect(rejected.errors![0].extensions).toMatchObject({ code: 'provider_rejected', providerMessage: 'Processo não encontrado: 777777' });
    rig.sim.clearRequests();
    const invalid = await gql(
      rig.ponte.url,
      `mutation { createFlowControlProcess(input: { typeId: "1", stageId: "1", title: "X", closingDate: "2025-13-01" }) { id } }`,
      {},
      rig.auth,
    );
    expect(invalid.errors![0].extensions).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'closingDate', message: 'must be a calendar date in the form YYYY-MM-DD' }],
    });
    const period = await gql(rig.ponte.url, `{ flowControlProcesses(from: "2025-01-06", to: "2025-01-01") { data { id } } }`, {}, rig.auth);
    expect(period.errors![0].extensions).toMatchObject({ code: 'validation_failed', errors: [{ field: 'to' }] });
    const stages = await gql(rig.ponte.url, `{ flowControlStages(typeId: "x1") { data { id } } }`, {}, rig.auth);
    expect(stages.errors![0].extensions).toMatchObject({ code: 'validation_failed', errors: [{ field: 'typeId' }] });
    expect(rig.sim.calls()).toHaveLength(0);
  });
});
