/**
 * CloudChat (CloudHumans) wire types, written from cloudchat.txt ("API: Enviar Mensagem Proativa
 * pelo WhatsApp"). Snake_case on purpose: these never leave the platforms/cloudchat folder. The one
 * documented call is `POST {baseUrl}/api/v1/accounts/{account_id}/conversations/create_proactive_whatsapp_conversation`
 * with the headers `content-type: application/json` and `api_access_token`.
 */

/** The documented body keys. Template variables sit next to them, at the root of the same object. */
export const CLOUDCHAT_BODY_FIELDS = ['inbox_id', 'phone_number', 'template_name', 'header_attachment'] as const;

/** "button_param_#: ... substituir # pelo índice ordenado do botão de 0 a N". */
export const CLOUDCHAT_BUTTON_PARAM = /^button_param_\d+$/;

/**
 * Body of create_proactive_whatsapp_conversation, every value a string ("String/Obrigatório",
 * "String/Opcional"): the documented keys, then `button_param_0..N`, then one key per template
 * variable ("Envie essas variáveis diretamente na raiz do JSON").
 */
export interface CloudchatProactiveBody {
  inbox_id: string;
  /** E.164, "incluindo o código do país": `+5531988887777`. */
  phone_number: string;
  template_name: string;
  header_attachment?: string;
  [buttonParamOrVariable: string]: string | undefined;
}

/**
 * What create_proactive_whatsapp_conversation answers. The doc shows no reply; Ponte reads only the
 * `id` of the conversation it opened, when the reply is a JSON object that has one (the simulator
 * answers a conversation object, as the account API this endpoint belongs to does for conversations).
 */
export interface CloudchatConversationReply {
  id?: number | string | null;
  account_id?: number | string;
  inbox_id?: number | string;
  status?: string;
  [key: string]: unknown;
}

/** Error replies: `{"error": "..."}`, `{"message": "..."}` or `{"errors": [...]}`, as such APIs answer. */
export interface CloudchatErrorReply {
  error?: unknown;
  message?: unknown;
  errors?: unknown;
}
