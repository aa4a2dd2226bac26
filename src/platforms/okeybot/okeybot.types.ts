/**
 * OkeyBot wire types, written from the examples of okeybot.txt ("API de Contactos"). Snake_case on
 * purpose: these never leave the platforms/okeybot folder. Every call is REST under the
 * connection's base URL (`https://app.okeybot.com/api`) with `Authorization: Bearer {channel_token}`.
 */

/** "Máximo 10 etiquetas agregadas por solicitud" (and the same for removal). */
export const OKEYBOT_MAX_TAGS_PER_CALL = 10;
/** "Máximo 30 campos actualizados por solicitud" / "Máximo 30 campos creados por solicitud". */
export const OKEYBOT_MAX_FIELDS_PER_CALL = 30;

/** A contact as GET /v1/contact/{id} and /v1/contact/by_custom_field return it. */
export interface OkeybotContactRecord {
  id: string | number;
  /** Field name → value; the doc shows strings, boolean fields are searched as TRUE/FALSE. */
  custom_fields?: Record<string, unknown> | null;
  tags?: unknown[] | null;
  /** Unix time in seconds: `"created_at": 1575618542`. */
  created_at?: number | string | null;
}

/** Laravel-style paginator links of by_custom_field. */
export interface OkeybotLinks {
  first?: string | null;
  last?: string | null;
  prev?: string | null;
  next?: string | null;
}

export interface OkeybotMeta {
  current_page?: number;
  from?: number | null;
  last_page?: number;
  path?: string;
  /** 10 in the doc; there is no documented parameter to change it. */
  per_page?: number;
  to?: number | null;
  total?: number;
}

/** GET /v1/contact/by_custom_field?name=&value=[&page=] */
export interface OkeybotContactListReply {
  data: OkeybotContactRecord[];
  links?: OkeybotLinks;
  meta?: OkeybotMeta;
}

/** GET /v1/contact/{contact_id} */
export interface OkeybotContactReply {
  data: OkeybotContactRecord;
}

/** POST /v1/contact and PUT /v1/contact/{contact_id}: `{"data": {"id": "cus_112233344555"}}`. */
export interface OkeybotIdReply {
  data: { id: string | number };
}

/** POST/DELETE /v1/contact/{id}/tags success, and every documented error (401, 403, 405, 429). */
export interface OkeybotStatusReply {
  status: 'success' | 'error';
  message: string;
  data: unknown[];
}

/** One entry of the `custom_fields` list sent on create and update. */
export interface OkeybotCustomFieldPair {
  name: string;
  value: string | null;
}

/** Body of POST /v1/contact and PUT /v1/contact/{contact_id}. */
export interface OkeybotCustomFieldsBody {
  custom_fields: OkeybotCustomFieldPair[];
}

/** Body of POST and DELETE /v1/contact/{contact_id}/tags. */
export interface OkeybotTagsBody {
  tags: string[];
}
