/**
 * Maxbot wire types, written from the examples in maxbot.txt. Snake_case on purpose: these never
 * leave the platforms/maxbot folder. Every request is `POST {token, cmd, ...}` to one endpoint.
 */

/** The 42 documented commands. */
export const MAXBOT_COMMANDS = [
  'add_contact_segmentation',
  'add_segmentation',
  'get_status',
  'get_segmentation',
  'get_template_category',
  'get_template',
  'get_service_sector',
  'get_attendant',
  'get_cfx_type',
  'get_cfx_stage',
  'get_cfx_process_list',
  'get_cfx_process',
  'get_contact',
  'get_prot',
  'get_channel',
  'get_protocol_annotation',
  'get_account_instagram',
  'get_page_facebook',
  'get_balance_gupshup',
  'put_cfx_process',
  'set_cfx_process',
  'put_protocol_annotation',
  'put_contact',
  'set_contact',
  'delete_contact',
  'open_followup',
  'terminate_prot',
  'get_charge_list',
  'get_charge',
  'insert_charge',
  'update_charge',
  'delete_charge',
  'send_notice',
  'send_chat_msg',
  'send_chat_audio',
  'send_chat_annex',
  'send_text',
  'send_sms',
  'send_email',
  'send_image',
  'send_file',
  'send_sound',
] as const;

export type MaxbotCommand = (typeof MAXBOT_COMMANDS)[number];

/** Every reply carries `status` (1 success, 0 failure) and `msg`. */
export interface MaxbotReply {
  status: number | string;
  msg?: string;
}

/** Field values travel as strings ("0"/"1" flags, "" for empty); ids sometimes as numbers. */
export type WireParams = Record<string, string | number | Array<string | number>>;

/** A contact as `get_contact` returns it. */
export interface MaxbotContactRecord {
  id: string | number;
  /** Only in the contact webhooks ("Novo Contato", "Contato Atualizado"). */
  maxbot_username?: string;
  telegram_username?: string;
  fbmessenger_username?: string;
  instagram_username?: string;
  created_at?: string;
  updated_at?: string;
  segmentation?: string[] | string;
  tag?: string;
  tag2?: string;
  name?: string;
  surname?: string;
  gender?: string;
  gender_info?: string;
  birth?: string;
  age?: string | number;
  br_person_type?: string;
  br_cpf?: string;
  br_cnpj?: string;
  company?: string;
  email?: string;
  channel_whatsapp?: string;
  whatsapp?: string;
  channel_telegram?: string;
  telegram_id?: string;
  channel_fbmessenger?: string;
  fbmessenger_id?: string;
  channel_instagram?: string;
  instagram_id?: string;
  mobile_phone?: string;
  phone?: string;
  country?: string;
  state?: string;
  city?: string;
  profession?: string;
  external_id?: string;
  ind_client?: string | number;
  client_code?: string;
  avatar_url?: string;
  obs?: string;
  tag_info1?: string;
  tag_info2?: string;
  tag_info3?: string;
  tag_info4?: string;
  tag_info5?: string;
  tag_info6?: string;
  waba_session?: string;
  messenger_session?: string;
  instagram_session?: string;
  in_attendance?: string | number;
  current_protocol?: string | number;
  current_attendant?: string;
}

export interface PutContactReply extends MaxbotReply {
  contact_id: string | number;
}

export interface MaxbotSegmentationRecord {
  id: string | number;
  type?: string | number;
  title: string;
}

export interface GetSegmentationReply extends MaxbotReply {
  segmentation?: MaxbotSegmentationRecord[];
}

export interface AddSegmentationReply extends MaxbotReply {
  seg_id: string | number;
}

export interface GetStatusReply extends MaxbotReply {
  data?: Array<{ created_at?: string; status?: string; last_execution_at?: string; last_operation?: string }>;
}
