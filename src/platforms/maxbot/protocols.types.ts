/**
 * Maxbot wire types of the protocols commands, from the examples in maxbot.txt (snake_case on
 * purpose; they never leave this folder).
 */
import type { MaxbotReply } from './maxbot.types';

/** One dialog entry of get_prot: `type` "T" and the `msg_*` field that matches it filled. */
export interface MaxbotDialogRecord {
  id: string | number;
  date?: string;
  internal_communication?: string | number;
  flux?: string;
  type?: string;
  sent_by?: string;
  received_by?: string;
  msg_id?: string;
  msg_text?: string;
  msg_sound?: string;
  msg_image?: string;
  msg_file?: string;
  msg_video?: string;
  msg_location_preview?: string;
  msg_location_lat?: string | number;
  msg_location_lng?: string | number;
  /** `[]` in every example; its items are undocumented (vCard strings or objects are both read). */
  msg_contact?: unknown;
  quoted_msg_id?: string;
  quoted_msg_text?: string;
  quoted_msg_sound?: string;
  quoted_msg_image?: string;
  quoted_msg_file?: string;
  quoted_msg_video?: string;
  quoted_msg_location_preview?: string;
  quoted_msg_location_lat?: string | number;
  quoted_msg_location_lng?: string | number;
  /** `""` in every example (a string where msg_contact is an array). */
  quoted_msg_contact?: unknown;
}

export interface MaxbotNoteRecord {
  id: string | number;
  date?: string;
  attendant_name?: string;
  /** get_prot's notes call the text `note`; get_protocol_annotation calls it `text`. */
  note?: string;
  text?: string;
}

export interface MaxbotProtocolRecord {
  id: string | number;
  origin?: string | number;
  protocol_number?: string | number;
  segmentation?: Array<{ id: string | number; title: string }>;
  service_sector?: string;
  attendant_name?: string;
  contact_info?: string;
  contact_name?: string;
  contact_whatsapp?: string;
  contact_email?: string;
  contact_cpf?: string;
  contact_cnpj?: string;
  contact_company_name?: string;
  situation?: string | number;
  created_date?: string;
  started_date?: string;
  concluded_date?: string;
  duration?: string;
  obs?: string;
  notes?: MaxbotNoteRecord[];
  dialog?: MaxbotDialogRecord[];
}

export interface GetProtocolAnnotationReply extends MaxbotReply {
  data?: MaxbotNoteRecord[];
}

export interface PutProtocolAnnotationReply extends MaxbotReply {
  prot_id?: string | number;
  anot_id: string | number;
}

export interface OpenFollowupReply extends MaxbotReply {
  prot_id: string | number;
  protocol?: string | number;
}

export interface SendChatReply extends MaxbotReply {
  chat_id?: string | number;
  msg_id?: string;
  audio_name?: string;
  audio_size?: string;
  audio_url?: string;
  annex_name?: string;
  annex_url?: string;
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** get_service_sector: the weekly schedule comes as 21 flat `operation_<day>_*` fields. */
export type MaxbotServiceSectorRecord = {
  id: string | number;
  code?: string;
  name?: string;
  responsible_name?: string;
  responsible_email?: string;
  responsible_whatsapp?: string;
  responsible_mobile_phone?: string;
  responsible_phone_extension?: string;
  allow_service_with_unavailable_attendants?: string | number;
} & Partial<Record<`operation_${Weekday}_answer`, string | number>> &
  Partial<Record<`operation_${Weekday}_shift1` | `operation_${Weekday}_shift2`, string>>;

export interface GetServiceSectorReply extends MaxbotReply {
  service_sector?: MaxbotServiceSectorRecord[];
}

export interface MaxbotAttendantRecord {
  id: string | number;
  service_sector_id?: Array<string | number> | string | number;
  collaborator_id?: string | number;
  name?: string;
  status?: string | number;
}

export interface GetAttendantReply extends MaxbotReply {
  attendant?: MaxbotAttendantRecord[];
}
