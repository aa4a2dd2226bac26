import type { OutgoingFile } from '../../common/media/outgoing-file';
import type { ChatguruConnection } from '../../config/config.types';
import type { CallContext } from '../../common/context/call-context';
import { PonteError } from '../../common/errors/ponte-error';
import type { AddContactNoteInput, CreateContactInput, UpdateContactInput } from '../../contacts/dto/contact.input';
import type { ContactNote, ContactRegistration, ContactUpdateResult } from '../../contacts/models/contact.model';
import type { ExecuteDialogInput } from '../../messaging/dto/dialog.input';
import type { SendMessageInput } from '../../messaging/dto/message.input';
import type { SentMessage } from '../../messaging/messaging.port';
import type { DialogExecution, MessageStatus } from '../../messaging/models/message.model';
import type { AdapterDeps, PlatformAdapter } from '../adapter';
import { ChatguruClient } from './chatguru.client';
import {
  chatAddParams,
  chatNumberFromId,
  chatNumberFromRecipient,
  customFieldsParams,
  dialogExecutionFromWire,
  dialogParams,
  messageStatusFromWire,
  messageToWire,
  noteFromWire,
  noteParams,
  receiptFromWire,
  registrationFromWire,
  updateResult,
} from './chatguru.mappers';
import type {
  ChatguruChatAddReply,
  ChatguruChatAddStatusReply,
  ChatguruCustomFieldsReply,
  ChatguruDialogExecuteReply,
  ChatguruMessageSendReply,
  ChatguruMessageStatusReply,
  ChatguruNoteAddReply,
} from './chatguru.types';

/**
 * ChatGuru: the query-string actions of chatguru.txt. Each method maps the input with a pure
 * mapper (validating what the platform cannot carry), makes one call through
 * {@link ChatguruClient}, and maps the reply back. Contacts are chats, identified by their
 * WhatsApp number; creating one is asynchronous (chat_add → a registration polled with
 * chat_add_status).
 */
export class ChatguruAdapter implements PlatformAdapter {
  static readonly platform = 'chatguru' as const;
  private readonly client: ChatguruClient;

  constructor(
    readonly connection: ChatguruConnection,
    deps: AdapterDeps,
  ) {
    this.client = new ChatguruClient(connection, deps.http);
  }

  private get tz(): string {
    return this.connection.timezone;
  }

  /** A successful reply without what the doc says it carries: the platform answered badly. */
  private malformed(action: string, what: string): PonteError {
    return new PonteError('provider_unavailable', `ChatGuru answered ${action} ${what}`, {
      provider: 'chatguru',
      connection: this.connection.id,
    });
  }

  // ── contacts ────────────────────────────────────────────────────────────────────────────────

  async createContact(ctx: CallContext, input: CreateContactInput): Promise<ContactRegistration> {
    const reply = await this.client.call<ChatguruChatAddReply>(ctx, 'chat_add', chatAddParams(input));
    const id = typeof reply.chat_add_id === 'string' ? reply.chat_add_id.trim() : '';
    if (!id) throw this.malformed('chat_add', 'without a chat_add_id');
    return registrationFromWire(reply, id);
  }

  async getContactRegistration(ctx: CallContext, id: string): Promise<ContactRegistration> {
    const reply = await this.client.call<ChatguruChatAddStatusReply>(ctx, 'chat_add_status', [['chat_add_id', id]]);
    if (typeof reply.chat_add_status !== 'string' || reply.chat_add_status.trim() === '') {
      throw this.malformed('chat_add_status', 'without a chat_add_status');
    }
    // The caller's id: it is the one the caller polls with, whatever the reply echoes.
    return registrationFromWire(reply, id);
  }

  async updateContact(ctx: CallContext, id: string, input: UpdateContactInput): Promise<ContactUpdateResult> {
    const chatNumber = chatNumberFromId(id);
    const { params, fields } = customFieldsParams(input);
    await this.client.call<ChatguruCustomFieldsReply>(ctx, 'chat_update_custom_fields', [['chat_number', chatNumber], ...params]);
    return updateResult(chatNumber, fields);
  }

  async addContactNote(ctx: CallContext, contactId: string, input: AddContactNoteInput): Promise<ContactNote> {
    const chatNumber = chatNumberFromId(contactId);
    const reply = await this.client.call<ChatguruNoteAddReply>(ctx, 'note_add', noteParams(input, chatNumber));
    if (reply.note_id === undefined || reply.note_id === null || String(reply.note_id).trim() === '') {
      throw this.malformed('note_add', 'without a note_id');
    }
    return noteFromWire(reply.note_id, chatNumber, input);
  }

  // ── messaging ───────────────────────────────────────────────────────────────────────────────

  async sendMessage(ctx: CallContext, input: SendMessageInput, upload: OutgoingFile | null): Promise<SentMessage> {
    const { action, params, sendDate } = messageToWire(input, this.tz, upload);
    const reply = await this.client.call<ChatguruMessageSendReply>(ctx, action, params);
    return receiptFromWire(reply, sendDate, this.tz);
  }

  async getMessage(ctx: CallContext, id: string): Promise<MessageStatus> {
    const reply = await this.client.call<ChatguruMessageStatusReply>(ctx, 'message_status', [['message_id', id]]);
    if (typeof reply.message_status !== 'string' || reply.message_status.trim() === '') {
      throw this.malformed('message_status', 'without a message_status');
    }
    return messageStatusFromWire(id, reply);
  }

  async executeDialog(ctx: CallContext, dialogId: string, input: ExecuteDialogInput): Promise<DialogExecution> {
    const chatNumber = chatNumberFromRecipient(input.to, 'ChatGuru dialog_execute');
    const reply = await this.client.call<ChatguruDialogExecuteReply>(ctx, 'dialog_execute', dialogParams(dialogId, chatNumber));
    return dialogExecutionFromWire(dialogId, reply);
  }
}
