/**
 * Maxbot smart-billing ("cobrança inteligente") wire types, written from the get_charge_list,
 * get_charge, insert_charge, update_charge and delete_charge examples of maxbot.txt.
 */
import type { MaxbotReply } from './maxbot.types';

/** One notification of a track: `{"status": "5", "date": "2022-07-11", "info": "Late Date"}`. */
export interface MaxbotChargeMessage {
  status?: string | number;
  date?: string;
  info?: string;
}

/** The seven notification tracks, in the order maxbot.txt lists them. */
export const CHARGE_MESSAGE_TRACKS = ['msg_charge_1', 'msg_charge_2', 'msg_alert_1', 'msg_alert_2', 'msg_pg', 'msg_cnc', 'msg_nf'] as const;

export type MaxbotChargeTrack = (typeof CHARGE_MESSAGE_TRACKS)[number];

/** A charge as get_charge_list / get_charge return it. */
export type MaxbotChargeRecord = {
  charge_id: string | number;
  client_country?: string;
  client_client_name?: string;
  client_name?: string;
  client_last_name?: string;
  client_br_person_type?: string;
  client_br_cpf?: string;
  client_br_cnpj?: string;
  client_company?: string;
  client_whatsapp?: string;
  client_mobile_phone?: string;
  client_email?: string;
  client_code1?: string;
  client_code2?: string;
  client_code3?: string;
  charge_origin?: string;
  charge_invoice?: string;
  charge_due_date?: string;
  charge_amount?: string | number;
  charge_link_pdf?: string;
  charge_bar_code?: string;
  ind_pg?: string | number;
  pg_date?: string;
  pg_amount?: string | number;
  cnc_date?: string;
  cnc_reason?: string;
  nf_link_pdf?: string;
  nf_link_xml?: string;
} & Partial<Record<MaxbotChargeTrack, MaxbotChargeMessage[]>>;

export interface GetChargesReply extends MaxbotReply {
  data?: MaxbotChargeRecord[];
}

/** insert_charge: `{"status": 1, "msg": "Success", "charge_id": "123", "created_at": "2022-07-13 08:20:10"}`. */
export interface InsertChargeReply extends MaxbotReply {
  charge_id: string | number;
  created_at?: string;
}

/** update_charge: `{"status": 1, "msg": "Success", "updated_at": "2022-07-13 08:20:10"}`. */
export interface UpdateChargeReply extends MaxbotReply {
  updated_at?: string;
}
