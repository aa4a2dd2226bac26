import { randomBytes } from 'node:crypto';
import { SimulatorServer, type RecordedRequest, type SimReply, type SimulatorOptions } from '../simulator-server';

/** A chat as the simulated ChatGuru account keeps it. */
export interface ChatguruSimChat {
  chatId: string;
  chatNumber: string;
  name: string;
  /** Who the chat was delegated to (chat_add `user_id`), if anyone. */
  userId: string | null;
  customFields: Record<string, string>;
  notes: Array<{ id: string; text: string }>;
  /** Dialogs executed on the chat, in order (chat_add `dialog_id` and dialog_execute). */
  dialogs: string[];
}

/** A message taken by message_send or message_file_send. */
export interface ChatguruSimMessage {
  id: string;
  chatNumber: string;
  text: string | null;
  fileUrl: string | null;
  caption: string | null;
  sendDate: string | null;
  status: string;
}

/** A chat_add request waiting to be processed. */
export interface ChatguruSimRegistration {
  id: string;
  chatNumber: string;
  name: string;
  text: string;
  userId: string | null;
  dialogId: string | null;
  status: 'pending' | 'done' | 'error';
  description: string;
  /** chat_add_status polls still answered "pending". */
  pendingPolls: number;
}

export interface ChatguruSimulatorOptions extends SimulatorOptions {
  /** The API key the simulator accepts (random when not given). */
  key?: string;
  accountId?: string;
  phoneId?: string;
  /** chat_add_status polls answered "pending" before the chat is added (1: the second poll says "done"). */
  pendingPolls?: number;
  /** "apenas se o recurso de 'Adicionar Chats' estiver ativo em sua conta" (on by default). */
  chatAddEnabled?: boolean;
}

/** A reply the test wants for the next request(s) matching `when`, instead of the normal answer. */
interface Scripted {
  when: (req: RecordedRequest) => boolean;
  reply: SimReply;
  times: number;
}

/** Mongo-style ids, as in the doc's examples ("5dd69cde00078e1be17fffd4"). */
const newId = () => randomBytes(12).toString('hex');

/** Every reply carries `code` (the HTTP status too), `result` and, on errors, a `description`. */
const fail = (code: number, description: string): SimReply => ({ status: code, json: { code, result: 'error', description } });

const CHAT_NUMBER = /^\d{10,15}$/;
const SEND_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
const HTTP_URL = /^https?:\/\/\S+$/;

/** The doc's examples, so the sandbox answers them: the chat 5511999999999, its message, its registration. */
export const CHATGURU_SEED = {
  chatNumber: '5511999999999',
  chatId: '5e52b639600ce7d9be01f6cd',
  messageId: '5dd69cde00078e1be17fffd4',
  registrationId: '5e3e9c0f52313722bd2e11a2',
} as const;

/**
 * ChatGuru on loopback: `POST /api/v1` with every parameter in the query string, as chatguru.txt
 * describes. It checks key, account_id and phone_id (401 otherwise), keeps chats, messages and
 * chat_add registrations in memory, and answers in the shape of the doc's examples (`code`,
 * `result`, `description`, …), with the same code as HTTP status. Errors, which the doc does not
 * show, are `{"code": 4xx, "result": "error", "description": "…"}` in Portuguese.
 *
 * chat_add is asynchronous: the registration answers "pending" for `pendingPolls` polls of
 * chat_add_status, then the chat is added ("done") — or, when the number already has a chat, the
 * registration ends in "error". Messages, notes, custom fields and dialogs need an existing chat.
 */
export class ChatguruSimulator extends SimulatorServer {
  static readonly PATH = '/api/v1';
  readonly key: string;
  readonly accountId: string;
  readonly phoneId: string;
  readonly chats = new Map<string, ChatguruSimChat>();
  readonly messages = new Map<string, ChatguruSimMessage>();
  readonly registrations = new Map<string, ChatguruSimRegistration>();
  chatAddEnabled: boolean;
  private readonly pendingPolls: number;
  private readonly scripted: Scripted[] = [];

  constructor(options: ChatguruSimulatorOptions = {}) {
    super('chatguru', (req) => this.answer(req), options);
    this.key = options.key ?? `cg-${randomBytes(16).toString('hex')}`;
    this.accountId = options.accountId ?? 'abc';
    this.phoneId = options.phoneId ?? 'def';
    this.pendingPolls = options.pendingPolls ?? 1;
    this.chatAddEnabled = options.chatAddEnabled ?? true;
    this.seed();
  }

  /** Base URL to configure a connection with (`https://app.zap.guru/api/v1` for the real one). */
  get apiUrl(): string {
    return `${this.url}${ChatguruSimulator.PATH}`;
  }

  /** Requests that reached the API, in order. */
  calls(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === ChatguruSimulator.PATH);
  }

  addChat(chatNumber: string, name = 'Chat'): ChatguruSimChat {
    const chat: ChatguruSimChat = { chatId: newId(), chatNumber, name, userId: null, customFields: {}, notes: [], dialogs: [] };
    this.chats.set(chatNumber, chat);
    return chat;
  }

  /** Answer the next `times` requests matching `when` with `reply` (after the credential check). */
  script(when: (req: RecordedRequest) => boolean, reply: SimReply, times = 1): void {
    this.scripted.push({ when, reply, times });
  }

  clearScripts(): void {
    this.scripted.length = 0;
  }

  private seed(): void {
    const chat = this.addChat(CHATGURU_SEED.chatNumber, 'Cliente Exemplo');
    chat.chatId = CHATGURU_SEED.chatId;
    this.messages.set(CHATGURU_SEED.messageId, {
      id: CHATGURU_SEED.messageId,
      chatNumber: CHATGURU_SEED.chatNumber,
      text: 'Olá',
      fileUrl: null,
      caption: null,
      sendDate: null,
      status: 'sent',
    });
    this.registrations.set(CHATGURU_SEED.registrationId, {
      id: CHATGURU_SEED.registrationId,
      chatNumber: CHATGURU_SEED.chatNumber,
      name: 'Cliente Exemplo',
      text: 'Olá',
      userId: null,
      dialogId: null,
      status: 'done',
      description: 'Chat adicionado com sucesso!',
      pendingPolls: 0,
    });
  }

  private answer(req: RecordedRequest): SimReply {
    if (req.path !== ChatguruSimulator.PATH) return { status: 404, body: '<html><body>Not Found</body></html>' };
    if (req.method !== 'POST') return fail(405, 'Método não permitido.');
    const q = req.query;
    if (q.key !== this.key) return fail(401, 'Chave de API inválida.');
    if (q.account_id !== this.accountId || q.phone_id !== this.phoneId)
      return fail(401, 'Conta ou celular não encontrado para esta chave.');
    const script = this.scripted.find((s) => s.when(req));
    if (script) {
      if (--script.times <= 0) this.scripted.splice(this.scripted.indexOf(script), 1);
      return script.reply;
    }
    switch (q.action) {
      case 'message_send':
        return this.messageSend(q);
      case 'message_file_send':
        return this.messageFileSend(q);
      case 'message_status':
        return this.messageStatus(q);
      case 'chat_add':
        return this.chatAdd(q);
      case 'chat_add_status':
        return this.chatAddStatus(q);
      case 'chat_update_custom_fields':
        return this.updateCustomFields(q);
      case 'note_add':
        return this.noteAdd(q);
      case 'dialog_execute':
        return this.dialogExecute(q);
      default:
        return fail(400, q.action ? `Ação "${q.action}" inválida.` : 'Parâmetro action obrigatório.');
    }
  }

  /** Runs `then` on the existing chat of `chat_number` ("um chat que já encontra-se previamente cadastrado"). */
  private withChat(q: Record<string, string>, then: (chat: ChatguruSimChat) => SimReply): SimReply {
    const number = q.chat_number;
    if (!number) return fail(400, 'Parâmetro chat_number obrigatório.');
    if (!CHAT_NUMBER.test(number)) return fail(400, `Número de chat inválido: ${number}.`);
    const chat = this.chats.get(number);
    return chat ? then(chat) : fail(400, `Chat ${number} não encontrado.`);
  }

  private messageSend(q: Record<string, string>): SimReply {
    return this.withChat(q, (chat) => {
      if (!q.text) return fail(400, 'Parâmetro text obrigatório.');
      const sendDate = q.send_date ?? null;
      if (sendDate !== null && !SEND_DATE.test(sendDate)) return fail(400, 'send_date inválido. Formato: YYYY-MM-DD HH:MM.');
      const message = this.newMessage({ chatNumber: chat.chatNumber, text: q.text, sendDate, status: sendDate ? 'scheduled' : 'queued' });
      return {
        status: 201,
        json: {
          code: 201,
          result: 'success',
          description: 'Mensagem cadastrada com sucesso!',
          message_id: message.id,
          message_status: message.status,
        },
      };
    });
  }

  /** chatguru.txt shows no reply for message_file_send; answered like message_send. */
  private messageFileSend(q: Record<string, string>): SimReply {
    return this.withChat(q, (chat) => {
      if (!q.file_url) return fail(400, 'Parâmetro file_url obrigatório.');
      if (!HTTP_URL.test(q.file_url)) return fail(400, 'file_url inválido.');
      const message = this.newMessage({ chatNumber: chat.chatNumber, fileUrl: q.file_url, caption: q.caption ?? null, status: 'queued' });
      return {
        status: 201,
        json: {
          code: 201,
          result: 'success',
          description: 'Arquivo cadastrado com sucesso!',
          message_id: message.id,
          message_status: message.status,
        },
      };
    });
  }

  private newMessage(m: Partial<ChatguruSimMessage> & { chatNumber: string; status: string }): ChatguruSimMessage {
    const message: ChatguruSimMessage = { id: newId(), text: null, fileUrl: null, caption: null, sendDate: null, ...m };
    this.messages.set(message.id, message);
    return message;
  }

  private messageStatus(q: Record<string, string>): SimReply {
    if (!q.message_id) return fail(400, 'Parâmetro message_id obrigatório.');
    const message = this.messages.get(q.message_id);
    if (!message) return fail(404, 'Mensagem não encontrada.');
    // A queued message has gone out by the time anyone asks; a scheduled one waits for its date.
    if (message.status === 'queued') message.status = 'sent';
    return { json: { message_status: message.status, result: 'success', code: 200 } };
  }

  private chatAdd(q: Record<string, string>): SimReply {
    if (!this.chatAddEnabled) return fail(403, 'O recurso "Adicionar Chats" não está ativo nesta conta.');
    if (!q.chat_number) return fail(400, 'Parâmetro chat_number obrigatório.');
    if (!CHAT_NUMBER.test(q.chat_number)) return fail(400, `Número de chat inválido: ${q.chat_number}.`);
    if (!q.name) return fail(400, 'Parâmetro name obrigatório.');
    if (!q.text) return fail(400, 'Parâmetro text obrigatório.');
    const registration: ChatguruSimRegistration = {
      id: newId(),
      chatNumber: q.chat_number,
      name: q.name,
      text: q.text,
      userId: q.user_id || null,
      dialogId: q.dialog_id || null,
      status: 'pending',
      description: 'Chat aguardando inclusão.',
      pendingPolls: this.pendingPolls,
    };
    this.registrations.set(registration.id, registration);
    return {
      status: 201,
      json: {
        code: 201,
        result: 'success',
        description: 'Chat cadastrado para inclusão com sucesso!',
        chat_add_id: registration.id,
        chat_add_status: registration.status,
      },
    };
  }

  private chatAddStatus(q: Record<string, string>): SimReply {
    if (!q.chat_add_id) return fail(400, 'Parâmetro chat_add_id obrigatório.');
    const r = this.registrations.get(q.chat_add_id);
    if (!r) return fail(404, 'Cadastro de chat não encontrado.');
    if (r.status === 'pending') {
      if (r.pendingPolls > 0) r.pendingPolls--;
      else this.process(r);
    }
    return {
      json: {
        chat_add_id: r.id,
        chat_add_status: r.status,
        chat_add_status_description: r.description,
        result: 'success',
        code: 200,
      },
    };
  }

  /** The background work of chat_add: the chat is added with its first message, user and dialog. */
  private process(r: ChatguruSimRegistration): void {
    if (this.chats.has(r.chatNumber)) {
      r.status = 'error';
      r.description = `O chat ${r.chatNumber} já existe.`;
      return;
    }
    const chat = this.addChat(r.chatNumber, r.name);
    chat.userId = r.userId;
    if (r.dialogId) chat.dialogs.push(r.dialogId);
    this.newMessage({ chatNumber: r.chatNumber, text: r.text, status: 'sent' });
    r.status = 'done';
    r.description = 'Chat adicionado com sucesso!';
  }

  private updateCustomFields(q: Record<string, string>): SimReply {
    return this.withChat(q, (chat) => {
      const fields = Object.entries(q).filter(([k]) => k.startsWith('field__') && k.length > 'field__'.length);
      if (fields.length === 0) return fail(400, 'Nenhum campo personalizado informado (field__NOME_DO_CAMPO).');
      for (const [k, v] of fields) chat.customFields[k.slice('field__'.length)] = v;
      return { json: { chat_id: chat.chatId, code: 200, description: 'Campos personalizados foram salvos.', result: 'success' } };
    });
  }

  private noteAdd(q: Record<string, string>): SimReply {
    return this.withChat(q, (chat) => {
      if (!q.note_text) return fail(400, 'Parâmetro note_text obrigatório.');
      const note = { id: newId(), text: q.note_text };
      chat.notes.push(note);
      return { json: { code: 200, description: 'Anotação criada com sucesso', note_id: note.id, result: 'success' } };
    });
  }

  private dialogExecute(q: Record<string, string>): SimReply {
    return this.withChat(q, (chat) => {
      if (!q.dialog_id) return fail(400, 'Parâmetro dialog_id obrigatório.');
      chat.dialogs.push(q.dialog_id);
      return { json: { code: 200, dialog_execution_return: 'Diálogo executado', result: 'success' } };
    });
  }
}
