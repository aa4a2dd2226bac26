/**
 * Maxbot wire types of the messaging commands (send_*, send_notice, get_template*), written from
 * the examples in maxbot.txt. Snake_case on purpose: these never leave the platforms/maxbot folder.
 */
import type { MaxbotReply } from './maxbot.types';

/** send_sms / send_email answer the message id: `"msg_id": "SMS-123"`, `"msg_id": "EMAIL-123"`. */
export interface SendWithIdReply extends MaxbotReply {
  msg_id?: string | number;
}

/** A template as get_template returns it. */
export interface MaxbotTemplateRecord {
  id: string | number;
  type?: string;
  category_id?: string | number;
  category_title?: string;
  title?: string;
  msg?: string;
  img1?: string;
  img2?: string;
  img3?: string;
  img4?: string;
  img5?: string;
  img6?: string;
  arq1?: string;
  arq2?: string;
  arq3?: string;
  waba_category?: string;
  waba_language?: string;
  waba_status?: string;
  for_use?: string | number;
}

export interface GetTemplateReply extends MaxbotReply {
  template?: MaxbotTemplateRecord[];
}

export interface MaxbotTemplateCategoryRecord {
  category_id: string | number;
  category_title?: string;
}

export interface GetTemplateCategoryReply extends MaxbotReply {
  template_categories?: MaxbotTemplateCategoryRecord[];
}
