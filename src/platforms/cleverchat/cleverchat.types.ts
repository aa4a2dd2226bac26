/**
 * CleverChat wire types, written from cleverchat.txt ("Mensagens de Texto", "Mensagens de Mídia").
 * One endpoint, `POST {baseUrl}/api/messages/send` with `Authorization: Bearer {token}`: JSON for
 * text, multipart/form-data with the file in `medias` for media. These never leave this folder.
 */

export const CLEVERCHAT_SEND_PATH = '/api/messages/send';

/** "Utilize 1 para abrir e 0 para não abrir um ticket": always a string, as both examples send it. */
export type CleverchatFlag = '0' | '1';

/**
 * The text send, in the JSON example's key order:
 * `{"number": "5511993231592", "openTicket": "0", "queueId": "0", "body": "Teste"}`.
 */
export interface CleverchatTextBody {
  /** "Telefone em formato Whatsapp": country code, DDD and number, digits only. */
  number: string;
  openTicket: CleverchatFlag;
  /** "obrigatório Abrir Ticket: 1"; both examples send "0" when no ticket is opened. */
  queueId: string;
  body: string;
}

/** Names of the media send's form parts ("FormData: number, medias", plus the documented fields). */
export const CLEVERCHAT_FORM = {
  number: 'number',
  openTicket: 'openTicket',
  queueId: 'queueId',
  body: 'body',
  medias: 'medias',
} as const;

/**
 * The doc shows no reply. Read as JSON when there is one; these are the members a message may be
 * in (Whaticket-style APIs, which this endpoint's fields follow, answer `{"mensagem": ...}` or
 * `{"error": ...}`).
 */
export interface CleverchatReply {
  mensagem?: unknown;
  message?: unknown;
  error?: unknown;
}
