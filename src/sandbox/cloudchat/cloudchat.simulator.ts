import { randomBytes } from 'node:crypto';
import { SimulatorServer, type RecordedRequest, type SimReply, type SimulatorOptions } from '../simulator-server';

/** A WhatsApp template as the simulated CloudChat account has it configured. */
export interface CloudchatSimTemplate {
  name: string;
  /** A media header: the template then needs `header_attachment`, and only it may take one. */
  header?: 'DOCUMENT' | 'IMAGE' | 'VIDEO';
  /** Body with `{{variable}}` placeholders. */
  text: string;
  /** Variables, sent as keys at the root of the request; "disponíveis e obrigatórias". */
  variables: Array<{ name: string; required: boolean }>;
  /** Buttons with a dynamic parameter, in order (`button_param_0..N`). */
  buttons: number;
}

/** A proactive conversation the simulator opened: what tests assert on besides the raw request. */
export interface CloudchatSimConversation {
  id: number;
  accountId: string;
  inboxId: string;
  phoneNumber: string;
  templateName: string;
  headerAttachment: string | null;
  buttonParams: string[];
  variables: Record<string, string>;
  /** The template text with its variables filled in. */
  content: string;
  createdAt: number;
}

export interface CloudchatSimulatorOptions extends SimulatorOptions {
  /** The api_access_token the simulator accepts (random when not given). */
  token?: string;
  /** The one account it serves (`42` when not given). */
  accountId?: string;
  /** Inboxes of that account (`7` and `8` when not given). */
  inboxIds?: string[];
  templates?: CloudchatSimTemplate[];
}

/** A reply the test wants for the next request(s) matching `when`, after the token check. */
interface Scripted {
  when: (req: RecordedRequest) => boolean;
  reply: SimReply;
  times: number;
}

const DOCUMENTED = ['inbox_id', 'phone_number', 'template_name', 'header_attachment'];
const BUTTON_PARAM = /^button_param_(\d+)$/;
const E164 = /^\+[1-9]\d{7,14}$/;

const error = (status: number, message: string): SimReply => ({ status, json: { error: message } });

/**
 * The templates of the sandbox account. `test_template` is the one of cloudchat.txt's example: a
 * media header (the example sends `header_attachment`), two buttons with parameters and the
 * variables `name`, `email` and `custom_code`.
 */
export function seedCloudchatTemplates(): CloudchatSimTemplate[] {
  return [
    {
      name: 'test_template',
      header: 'DOCUMENT',
      text: 'Olá {{name}}! Enviamos o documento para {{email}}. Seu código: {{custom_code}}.',
      variables: [
        { name: 'name', required: true },
        { name: 'email', required: true },
        { name: 'custom_code', required: true },
      ],
      buttons: 2,
    },
    {
      name: 'boas_vindas',
      text: 'Olá {{nome}}, boas-vindas à {{empresa}}!',
      variables: [
        { name: 'nome', required: true },
        { name: 'empresa', required: false },
      ],
      buttons: 0,
    },
  ];
}

/**
 * CloudChat (CloudHumans) on loopback: `POST /api/v1/accounts/{account_id}/conversations/create_proactive_whatsapp_conversation`
 * of cloudchat.txt, for one account. It checks what the doc asks — the `api_access_token` header
 * (401), the account in the path (404), `content-type: application/json`, the three required
 * fields, an E.164 phone, a known inbox and template, the header attachment, every button
 * parameter and every required variable (422 with `{"error": ...}`) — and refuses root keys that
 * are none of the template's variables, so a misnamed key cannot pass unnoticed. The doc shows no
 * reply: it answers 200 with the conversation it opened (`id`, `account_id`, `inbox_id`,
 * `status`, `messages`), the shape its account API gives conversations.
 */
export class CloudchatSimulator extends SimulatorServer {
  readonly token: string;
  readonly accountId: string;
  readonly inboxIds: string[];
  readonly templates = new Map<string, CloudchatSimTemplate>();
  readonly conversations: CloudchatSimConversation[] = [];
  private readonly scripted: Scripted[] = [];
  private nextId = 1001;

  constructor(options: CloudchatSimulatorOptions = {}) {
    super('cloudchat', (req) => this.answer(req), options);
    this.token = options.token ?? `cch-${randomBytes(16).toString('hex')}`;
    this.accountId = options.accountId ?? '42';
    this.inboxIds = options.inboxIds ?? ['7', '8'];
    for (const t of options.templates ?? seedCloudchatTemplates()) this.templates.set(t.name, t);
  }

  /** Requests that reached the API, in order. */
  calls(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/api/'));
  }

  /** Answer the next `times` requests matching `when` with `reply` (after the token check). */
  script(when: (req: RecordedRequest) => boolean, reply: SimReply, times = 1): void {
    this.scripted.push({ when, reply, times });
  }

  clearScripts(): void {
    this.scripted.length = 0;
  }

  private answer(req: RecordedRequest): SimReply {
    const match = /^\/api\/v1\/accounts\/([^/]+)\/conversations\/create_proactive_whatsapp_conversation$/.exec(req.path);
    if (!match || req.method !== 'POST') return { status: 404, body: '<html><body>Not Found</body></html>' };
    if (req.headers.api_access_token !== this.token) return error(401, 'Invalid Access Token');
    const script = this.scripted.find((s) => s.when(req));
    if (script) {
      if (--script.times <= 0) this.scripted.splice(this.scripted.indexOf(script), 1);
      return script.reply;
    }
    if (safeDecode(match[1]) !== this.accountId) return error(404, 'Resource could not be found');
    if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? ''))) {
      return error(415, 'content-type must be application/json');
    }
    const body = req.json;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return error(400, 'The request body must be a JSON object');
    return this.create(body as Record<string, unknown>);
  }

  private create(body: Record<string, unknown>): SimReply {
    const notText = Object.entries(body).filter(([, v]) => typeof v !== 'string');
    if (notText.length) return error(422, `${notText.map(([k]) => k).join(', ')} must be strings`);
    const fields = body as Record<string, string>;
    for (const key of ['inbox_id', 'phone_number', 'template_name']) {
      if (!fields[key]?.trim()) return error(422, `${key} is required`);
    }
    if (!this.inboxIds.includes(fields.inbox_id)) return error(422, `Inbox ${fields.inbox_id} not found`);
    if (!E164.test(fields.phone_number)) return error(422, 'phone_number must be in E.164 format, e.g. +5511999999999');
    const template = this.templates.get(fields.template_name);
    if (!template) return error(422, `Template ${fields.template_name} not found`);

    const attachment = fields.header_attachment;
    if (template.header && attachment === undefined) return error(422, `Template ${template.name} needs header_attachment`);
    if (!template.header && attachment !== undefined) return error(422, `Template ${template.name} has no media header`);
    if (attachment !== undefined && !/^https?:\/\/\S+$/.test(attachment)) return error(422, 'header_attachment must be a URL');

    const buttons = Object.keys(fields).filter((k) => BUTTON_PARAM.test(k));
    const missingButtons = Array.from({ length: template.buttons }, (_, i) => `button_param_${i}`).filter((k) => !fields[k]);
    if (missingButtons.length) return error(422, `Missing button parameters: ${missingButtons.join(', ')}`);
    const extraButtons = buttons.filter((k) => Number(BUTTON_PARAM.exec(k)![1]) >= template.buttons);
    if (extraButtons.length)
      return error(422, `Template ${template.name} has ${template.buttons} button(s): unexpected ${extraButtons.join(', ')}`);

    const known = new Set(template.variables.map((v) => v.name));
    const unknown = Object.keys(fields).filter((k) => !DOCUMENTED.includes(k) && !BUTTON_PARAM.test(k) && !known.has(k));
    if (unknown.length) return error(422, `Unknown template parameters: ${unknown.join(', ')}`);
    const missing = template.variables.filter((v) => v.required && !fields[v.name]?.trim()).map((v) => v.name);
    if (missing.length) return error(422, `Missing template parameters: ${missing.join(', ')}`);

    const variables = Object.fromEntries(template.variables.filter((v) => v.name in fields).map((v) => [v.name, fields[v.name]]));
    const conversation: CloudchatSimConversation = {
      id: this.nextId++,
      accountId: this.accountId,
      inboxId: fields.inbox_id,
      phoneNumber: fields.phone_number,
      templateName: template.name,
      headerAttachment: attachment ?? null,
      buttonParams: Array.from({ length: template.buttons }, (_, i) => fields[`button_param_${i}`]),
      variables,
      content: template.text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => variables[name] ?? ''),
      createdAt: Math.floor(Date.now() / 1000),
    };
    this.conversations.push(conversation);
    return {
      json: {
        id: conversation.id,
        account_id: Number(this.accountId) || this.accountId,
        inbox_id: Number(conversation.inboxId) || conversation.inboxId,
        status: 'open',
        created_at: conversation.createdAt,
        meta: { sender: { phone_number: conversation.phoneNumber } },
        messages: [{ id: conversation.id * 10, content: conversation.content, message_type: 'template', content_type: 'text' }],
      },
    };
  }
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
