/**
 * ChatGuru wire types, written from the examples of chatguru.txt ("API - Documentação (v1)").
 * Snake_case on purpose: these never leave the platforms/chatguru folder. Every call is
 * `POST {baseUrl}` (`https://app.zap.guru/api/v1`) with everything in the query string:
 * `key`, `account_id`, `phone_id`, `action`, then the action's own parameters. No body.
 */

/** The actions of chatguru.txt Ponte uses (all of them). */
export type ChatguruAction =
  | 'message_send'
  | 'message_status'
  | 'chat_add'
  | 'chat_add_status'
  | 'chat_update_custom_fields'
  | 'note_add'
  | 'dialog_execute'
  | 'message_file_send';

/** Query parameters of one action after key/account_id/phone_id/action, in the order they are sent. */
export type ChatguruParams = Array<[string, string]>;

/** What every reply carries: `{"code": 201, "result": "success", "description": "..."}`. */
export interface ChatguruReply {
  code?: number | string;
  /** `"success"`; anything else is a refusal. */
  result?: string;
  description?: string;
}

/**
 * message_send: `"message_id": "5dd69cde00078e1be17fffd4", "message_status": "scheduled"`. Also
 * read for message_file_send, whose reply chatguru.txt does not show (the simulator answers the same shape).
 */
export interface ChatguruMessageSendReply extends ChatguruReply {
  message_id?: string;
  message_status?: string;
}

/** message_status: `{"message_status": "sent", "result": "success", "code": 200}`. */
export interface ChatguruMessageStatusReply extends ChatguruReply {
  message_status?: string;
}

/** chat_add: `"chat_add_id": "5dd69c2300078e1be17fffd4", "chat_add_status": "pending"`. */
export interface ChatguruChatAddReply extends ChatguruReply {
  chat_add_id?: string;
  chat_add_status?: string;
}

/** chat_add_status: adds `"chat_add_status_description": "Chat adicionado com sucesso!"`. */
export interface ChatguruChatAddStatusReply extends ChatguruChatAddReply {
  chat_add_status_description?: string;
}

/** chat_update_custom_fields: `{"chat_id": "5e52b639600ce7d9be01f6cd", "code": 200, "description": ..., "result": "success"}`. */
export interface ChatguruCustomFieldsReply extends ChatguruReply {
  chat_id?: string;
}

/** note_add: `"note_id": "5ebbc4ded8d8eaf9919970a9"`. */
export interface ChatguruNoteAddReply extends ChatguruReply {
  note_id?: string;
}

/** dialog_execute: `{"code": 200, "dialog_execution_return": "Diálogo executado", "result": "success"}`. */
export interface ChatguruDialogExecuteReply extends ChatguruReply {
  dialog_execution_return?: string;
}

/** "field__NOME_DO_CAMPO": the query parameter carrying one custom field of chat_update_custom_fields. */
export const CUSTOM_FIELD_PREFIX = 'field__';

/** "send_date ... Formato: YYYY-MM-DD HH:MM". */
export const SEND_DATE_LENGTH = 'YYYY-MM-DD HH:MM'.length;
