/** Pure Maxbot flow-control mappers, checked against the records and requests of maxbot.txt. */
import { PonteError } from '../../src/common/errors/ponte-error';
import { FlowControlActivityStatus, FlowControlDateField } from '../../src/flow-control/models/flow-control.enums';
import {
  activityFromWire,
  annexFromWire,
  noteFromWire,
  percentOrNull,
  processDetailFromWire,
  processFiltersToWire,
  processFromWire,
  processInputToWire,
  sizeToBytes,
  stageFromWire,
  termToMinutes,
  typeFromWire,
} from '../../src/platforms/maxbot/flow-control.mappers';
import type { GetCfxProcessReply } from '../../src/platforms/maxbot/flow-control.types';
import { flowControlListRow, seedFlowControl } from '../../src/sandbox/maxbot/flow-control.sim';

const TZ = 'America/Sao_Paulo';

/** get_cfx_process_list's example row, as maxbot.txt prints it. */
const DOC_LIST_ROW = {
  id: 128,
  title: 'INTERESSADO NO MAXBOT',
  cfx_type_id: 1,
  cfx_stage_id: 2,
  number: '96',
  code: '202110-959E-8C3B-6119',
  token: '202110538BEAA0EB43-7F934A-B06CFF',
  type: 'COMERCIAL',
  stage_title: 'DEMANDA',
  stage_actual_term_min: '15 Minutos',
  activity: '2',
  realized: '0%',
  name_contact: 'EDUARDO GONÇALVES',
  name_resp: 'EDUARDO GONÇALVES FILHO',
  prot_num: '1400',
  external_id_1: '126',
  external_id_2: '96',
  ind_display_value: 1,
  value: '407.00',
  date_last_evolution: '2021-10-16 09:54:12',
  opening_date: '2021-10-16 00:00:00',
  notes: '1',
  annex: '6',
  delivery_date: '2021-10-20 00:00:00',
  closing_date: '2021-11-01 00:00:00',
  archived: 0,
  archived_date: '0000-00-00 00:00:00',
};

function validationErrors(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PonteError);
    expect((e as PonteError).code).toBe('validation_failed');
    return (e as PonteError).extras.errors;
  }
  throw new Error('expected a validation_failed PonteError');
}

describe('value forms', () => {
  it('terms: "15 Minutos" → 15; hours and days read too; anything else null', () => {
    expect(termToMinutes('15 Minutos')).toBe(15);
    expect(termToMinutes('1 Minuto')).toBe(1);
    expect(termToMinutes('2 Horas')).toBe(120);
    expect(termToMinutes('3 dias')).toBe(4320);
    expect(termToMinutes('')).toBeNull();
    expect(termToMinutes('logo')).toBeNull();
  });

  it('annex sizes: "1.28M" → bytes with powers of 1024', () => {
    expect(sizeToBytes('1.28M')).toBe(1342177);
    expect(sizeToBytes('845K')).toBe(865280);
    expect(sizeToBytes('2 GB')).toBe(2147483648);
    expect(sizeToBytes('512')).toBe(512);
    expect(sizeToBytes('1,5M')).toBe(1572864);
    expect(sizeToBytes('')).toBeNull();
    expect(sizeToBytes('grande')).toBeNull();
  });

  it('realized: "0%" → 0', () => {
    expect(percentOrNull('0%')).toBe(0);
    expect(percentOrNull('37.5%')).toBe(37.5);
    expect(percentOrNull('100%')).toBe(100);
    expect(percentOrNull('')).toBeNull();
  });
});

describe('types and stages', () => {
  it('get_cfx_type: {"id": 1, "title": "COMERCIAL", "ind_display_value": 1}', () => {
    expect(typeFromWire({ id: 1, title: 'COMERCIAL', ind_display_value: 1 })).toEqual({ id: '1', title: 'COMERCIAL', displayValue: true });
    expect(typeFromWire({ id: 2, title: 'SUPORTE TÉCNICO N1', ind_display_value: 0 })).toMatchObject({ displayValue: false });
  });

  it('get_cfx_stage: {"id": 1, "code": "C01", "title": "PROSPECTO"}', () => {
    expect(stageFromWire({ id: 1, code: 'C01', title: 'PROSPECTO' }, '1')).toEqual({
      id: '1',
      typeId: '1',
      code: 'C01',
      title: 'PROSPECTO',
    });
    expect(stageFromWire({ id: 9, code: '', title: 'X' }, '4').code).toBeNull();
  });
});

describe('processFiltersToWire', () => {
  it('sends the period with focus_of_period "1" (opening date) by default, as the example', () => {
    // maxbot.txt: "date_start": "2021-10-01", "date_stop": "2021-10-16", "focus_of_period": "1"
    expect(processFiltersToWire({ from: '2021-10-01', to: '2021-10-16' })).toEqual({
      date_start: '2021-10-01',
      date_stop: '2021-10-16',
      focus_of_period: '1',
    });
  });

  it('sends every filter under its documented name, values as strings', () => {
    expect(
      processFiltersToWire({
        from: '2021-10-01',
        to: '2021-10-31',
        dateField: FlowControlDateField.CLOSING,
        typeId: '1',
        stageId: '2',
        number: '96',
        protocolNumber: '1400',
        contactId: '792',
        collaboratorId: '126',
        title: 'INTERESSADO',
        externalId1: '126',
        externalId2: '96',
        value: '407',
        archived: false,
      }),
    ).toEqual({
      date_start: '2021-10-01',
      date_stop: '2021-10-31',
      focus_of_period: '3',
      cfx_type_id: '1',
      cfx_stage_id: '2',
      number: '96',
      prot_num: '1400',
      contact_id: '792',
      collaborator_id: '126',
      title: 'INTERESSADO',
      external_id_1: '126',
      external_id_2: '96',
      value: '407.00',
      archived: '0',
    });
    expect(processFiltersToWire({ from: '2021-10-01', to: '2021-10-01', dateField: FlowControlDateField.DELIVERY })).toMatchObject({
      focus_of_period: '2',
    });
  });

  it('refuses a period that ends before it starts', () => {
    expect(validationErrors(() => processFiltersToWire({ from: '2021-10-16', to: '2021-10-01' }))).toEqual([
      { field: 'to', message: 'must not be before from' },
    ]);
  });
});

describe('processFromWire', () => {
  it('normalizes the get_cfx_process_list example row', () => {
    expect(processFromWire(DOC_LIST_ROW, TZ)).toEqual({
      id: '128',
      number: '96',
      code: '202110-959E-8C3B-6119',
      token: '202110538BEAA0EB43-7F934A-B06CFF',
      title: 'INTERESSADO NO MAXBOT',
      typeId: '1',
      typeTitle: 'COMERCIAL',
      stageId: '2',
      stageTitle: 'DEMANDA',
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
      openedAt: '2021-10-16T00:00:00-03:00',
      deliveryAt: '2021-10-20T00:00:00-03:00',
      closingAt: '2021-11-01T00:00:00-03:00',
      lastEvolutionAt: '2021-10-16T09:54:12-03:00',
      archived: false,
      archivedAt: null,
      notesCount: 1,
      annexCount: 6,
    });
  });

  it('the simulator lists its seeded process 128 exactly as the example row', () => {
    const seeded = seedFlowControl();
    expect(flowControlListRow(seeded, seeded.processes[0])).toEqual(DOC_LIST_ROW);
  });

  it('blank values become null', () => {
    expect(
      processFromWire({ id: '7', prot_num: '', value: '', external_id_1: '', archived: '1', archived_date: '2024-12-18 00:00:00' }, TZ),
    ).toMatchObject({
      id: '7',
      protocolNumber: null,
      value: null,
      externalId1: null,
      archived: true,
      archivedAt: '2024-12-18T00:00:00-03:00',
      stageTermMinutes: null,
      activityCount: null,
    });
  });
});

describe('get_cfx_process pieces', () => {
  it('note_date "16/10/21 09h50" → ISO with the offset', () => {
    // maxbot.txt: "note_date": "16\/10\/21 09h50"
    expect(noteFromWire({ note_date: '16/10/21 09h50', note_resp: 'EDUARDO GONÇALVES FILHO', note_text: 'Marcado.' }, TZ)).toEqual({
      createdAt: '2021-10-16T09:50:00-03:00',
      author: 'EDUARDO GONÇALVES FILHO',
      text: 'Marcado.',
    });
  });

  it('annex: date, text size and bytes', () => {
    expect(
      annexFromWire(
        {
          annex_date: '16/10/21 09h53',
          annex_resp: 'EDUARDO GONÇALVES FILHO',
          annex_title: 'TESTE ARQUIVO 1',
          annex_url: 'https://app.maxbot.com.br/anexos_docs/bc4b65e1e3b4805a28ec837f22b159f2.jpg',
          annex_info: 'bc4b65e1e3b4805a28ec837f22b159f2.jpg',
          annex_size: '1.28M',
        },
        TZ,
      ),
    ).toEqual({
      createdAt: '2021-10-16T09:53:00-03:00',
      author: 'EDUARDO GONÇALVES FILHO',
      title: 'TESTE ARQUIVO 1',
      url: 'https://app.maxbot.com.br/anexos_docs/bc4b65e1e3b4805a28ec837f22b159f2.jpg',
      fileName: 'bc4b65e1e3b4805a28ec837f22b159f2.jpg',
      size: '1.28M',
      sizeBytes: 1342177,
    });
  });

  it('activity_exe "16/10/2021 09:50" → DONE with executedAt; "Pendente" → PENDING, null', () => {
    const done = activityFromWire(
      {
        activity_id: 1,
        activity_current: 0,
        activity_code: 'E1',
        activity_title: 'Completar ficha cadastral',
        activity_descr: 'Completar a ficha do contato.',
        activity_term: '5 Minutos',
        activity_exe: '16/10/2021 09:50',
        activity_exe_resp: 'Eduardo Gonçalves Filho',
        activity_exe_obs_pub: 'Pública',
        activity_exe_obs_int: 'Interna',
      },
      TZ,
    );
    expect(done).toEqual({
      id: '1',
      code: 'E1',
      title: 'Completar ficha cadastral',
      description: 'Completar a ficha do contato.',
      term: '5 Minutos',
      termMinutes: 5,
      current: false,
      status: FlowControlActivityStatus.DONE,
      executedAt: '2021-10-16T09:50:00-03:00',
      executedBy: 'Eduardo Gonçalves Filho',
      publicNote: 'Pública',
      internalNote: 'Interna',
    });
    const pending = activityFromWire(
      { activity_id: 2, activity_current: 1, activity_exe: 'Pendente', activity_exe_resp: '', activity_exe_obs_pub: '' },
      TZ,
    );
    expect(pending).toMatchObject({
      current: true,
      status: FlowControlActivityStatus.PENDING,
      executedAt: null,
      executedBy: null,
      publicNote: null,
    });
    expect(activityFromWire({ activity_id: 3, activity_exe: '16/10/2021' }, TZ)).toMatchObject({
      status: FlowControlActivityStatus.DONE,
      executedAt: '2021-10-16T00:00:00-03:00',
    });
    expect(activityFromWire({ activity_id: 4, activity_exe: 'Cancelada' }, TZ)).toMatchObject({ status: null, executedAt: null });
  });

  it('processDetailFromWire: process[0] + notes + annexes + stages, current stage derived', () => {
    const reply: GetCfxProcessReply = {
      status: 1,
      process: [
        {
          id: 128,
          number: '96',
          code: '202110-959E-8C3B-6119',
          type: 'COMERCIAL',
          name_contact: 'EDUARDO GONÇALVES',
          name_resp: 'EDUARDO GONÇALVES FILHO',
          title: 'INTERESSADO NO MAXBOT',
          prot_num: '1400',
          external_id_1: '126',
          external_id_2: '96',
          description: 'Descrição',
          ind_display_value: 0,
          value: '407.00',
          delivery_date: '2021-10-20 00:00:00',
          closing_date: '2021-11-01 00:00:00',
          opening_date: '2021-10-16 00:00:00',
          archived: 0,
          archived_date: '0000-00-00 00:00:00',
          obs: 'Observação',
          last_update_user: 'eduardoatendente',
          last_update_date: '2021-10-16 09:54:12',
        },
      ],
      notes: [{ note_date: '16/10/21 09h50', note_resp: 'A', note_text: 'n' }],
      annexes: [],
      stages: [
        { stage_id: 1, stage_current: 0, stage_code: 'C01', stage_title: 'PROSPECTO', activity: [] },
        {
          stage_id: 2,
          stage_current: 1,
          stage_code: 'C02',
          stage_title: 'DEMANDA',
          activity: [{ activity_id: 2, activity_exe: 'Pendente' }],
        },
      ],
    };
    const detail = processDetailFromWire(reply, TZ)!;
    expect(detail).toMatchObject({
      id: '128',
      typeTitle: 'COMERCIAL',
      stageId: '2',
      stageTitle: 'DEMANDA',
      displayValue: false,
      description: 'Descrição',
      observation: 'Observação',
      archivedAt: null,
      updatedBy: 'eduardoatendente',
      updatedAt: '2021-10-16T09:54:12-03:00',
      openedAt: '2021-10-16T00:00:00-03:00',
    });
    expect(detail.notes).toHaveLength(1);
    expect(detail.stages.map((s) => [s.id, s.current, s.activities.length])).toEqual([
      ['1', false, 0],
      ['2', true, 1],
    ]);
    expect(processDetailFromWire({ status: 1, process: [] }, TZ)).toBeNull();
  });
});

describe('processInputToWire', () => {
  it('maps every field to the put_cfx_process names and value forms', () => {
    const { params, fields } = processInputToWire({
      contactId: '792',
      collaboratorId: '126',
      typeId: '4',
      stageId: '1',
      title: 'MAXBOT SAC 2021',
      protocolNumber: '1351',
      externalId1: '1',
      externalId2: '2',
      displayValue: true,
      value: '100',
      description: 'Descrição',
      openingDate: '2024-12-18',
      deliveryDate: '2024-12-18',
      closingDate: '2024-12-18',
      observation: 'SAC 2021 OBS',
      archived: true,
      archivedDate: '2024-12-18',
    });
    // maxbot.txt put_cfx_process PHP example: every value a string, dates "2024-12-18", "value" => "100.00".
    expect(params).toEqual({
      contact_id: '792',
      collaborator_id: '126',
      cfx_type_id: '4',
      cfx_stage_id: '1',
      title: 'MAXBOT SAC 2021',
      prot_num: '1351',
      external_id_1: '1',
      external_id_2: '2',
      ind_display_value: '1',
      value: '100.00',
      description: 'Descrição',
      opening_date: '2024-12-18',
      delivery_date: '2024-12-18',
      closing_date: '2024-12-18',
      obs: 'SAC 2021 OBS',
      archived: '1',
      archived_date: '2024-12-18',
    });
    expect(fields).toHaveLength(17);
  });

  it('sends only the fields given; null clears a clearable field with ""', () => {
    expect(processInputToWire({ stageId: '3', value: null, observation: null, archived: false })).toEqual({
      params: { cfx_stage_id: '3', value: '', obs: '', archived: '0' },
      fields: ['stageId', 'value', 'observation', 'archived'],
    });
    expect(processInputToWire({})).toEqual({ params: {}, fields: [] });
  });

  it('refuses null on fields that cannot be blanked', () => {
    const input = { title: null, typeId: null, openingDate: null } as unknown as Parameters<typeof processInputToWire>[0];
    expect(validationErrors(() => processInputToWire(input))).toEqual([
      { field: 'typeId', message: 'cannot be cleared (null); leave it out to keep it' },
      { field: 'title', message: 'cannot be cleared (null); leave it out to keep it' },
      { field: 'openingDate', message: 'cannot be cleared (null); leave it out to keep it' },
    ]);
  });
});
