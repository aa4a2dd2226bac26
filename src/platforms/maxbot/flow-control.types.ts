/**
 * Maxbot flow-control ("controle de fluxo") wire types, written from the get_cfx_* / put_cfx_process /
 * set_cfx_process examples of maxbot.txt. Ids and flags come as numbers there, the rest as strings.
 */
import type { MaxbotReply } from './maxbot.types';

/** get_cfx_type: `{"id": 1, "title": "COMERCIAL", "ind_display_value": 1}`. */
export interface MaxbotCfxTypeRecord {
  id: number | string;
  title?: string;
  ind_display_value?: number | string;
}

export interface GetCfxTypeReply extends MaxbotReply {
  cfx_type_list?: MaxbotCfxTypeRecord[];
}

/** get_cfx_stage: `{"id": 1, "code": "C01", "title": "PROSPECTO"}`. */
export interface MaxbotCfxStageRecord {
  id: number | string;
  code?: string;
  title?: string;
}

export interface GetCfxStageReply extends MaxbotReply {
  cfx_stage_list?: MaxbotCfxStageRecord[];
}

/** A row of get_cfx_process_list's `data`. */
export interface MaxbotCfxProcessRow {
  id: number | string;
  title?: string;
  cfx_type_id?: number | string;
  cfx_stage_id?: number | string;
  number?: string | number;
  code?: string;
  token?: string;
  type?: string;
  stage_title?: string;
  stage_actual_term_min?: string;
  activity?: string | number;
  realized?: string;
  name_contact?: string;
  name_resp?: string;
  prot_num?: string | number;
  external_id_1?: string;
  external_id_2?: string;
  ind_display_value?: number | string;
  value?: string | number;
  date_last_evolution?: string;
  opening_date?: string;
  notes?: string | number;
  annex?: string | number;
  delivery_date?: string;
  closing_date?: string;
  archived?: number | string;
  archived_date?: string;
}

/** get_cfx_process's `process[0]`. */
export interface MaxbotCfxProcessRecord {
  id: number | string;
  number?: string | number;
  code?: string;
  type?: string;
  name_contact?: string;
  name_resp?: string;
  title?: string;
  prot_num?: string | number;
  external_id_1?: string;
  external_id_2?: string;
  description?: string;
  ind_display_value?: number | string;
  value?: string | number;
  delivery_date?: string;
  closing_date?: string;
  opening_date?: string;
  archived?: number | string;
  archived_date?: string;
  obs?: string;
  last_update_user?: string;
  last_update_date?: string;
}

/** `{"note_date": "16\/10\/21 09h50", "note_resp": "...", "note_text": "..."}`. */
export interface MaxbotCfxNote {
  note_date?: string;
  note_resp?: string;
  note_text?: string;
}

/** `{"annex_date": "16\/10\/21 09h53", ..., "annex_size": "1.28M"}`. */
export interface MaxbotCfxAnnex {
  annex_date?: string;
  annex_resp?: string;
  annex_title?: string;
  annex_url?: string;
  annex_info?: string;
  annex_size?: string;
}

/** `activity_exe` is an execution date ("16\/10\/2021 09:50") or "Pendente". */
export interface MaxbotCfxActivity {
  activity_id: number | string;
  activity_current?: number | string;
  activity_code?: string;
  activity_title?: string;
  activity_descr?: string;
  activity_term?: string;
  activity_exe?: string;
  activity_exe_resp?: string;
  activity_exe_obs_pub?: string;
  activity_exe_obs_int?: string;
}

export interface MaxbotCfxProcessStage {
  stage_id: number | string;
  stage_current?: number | string;
  stage_code?: string;
  stage_title?: string;
  activity?: MaxbotCfxActivity[];
}

export interface GetCfxProcessReply extends MaxbotReply {
  process?: MaxbotCfxProcessRecord[];
  notes?: MaxbotCfxNote[];
  annexes?: MaxbotCfxAnnex[];
  stages?: MaxbotCfxProcessStage[];
}

/** put_cfx_process / set_cfx_process: `{"process_id": 111, "process_num": "84"}`. */
export interface PutCfxProcessReply extends MaxbotReply {
  process_id?: number | string;
  process_num?: string | number;
}
