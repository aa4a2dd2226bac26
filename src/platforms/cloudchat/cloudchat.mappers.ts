/**
 * Pure conversions between Ponte's template message and CloudChat's proactive WhatsApp
 * conversation (cloudchat.txt). No I/O here: the adapter calls these around its one REST call, and
 * the unit tests call them directly.
 *
 * The request is the doc's example key by key: `inbox_id`, `phone_number` (E.164), `template_name`,
 * `header_attachment`, `button_param_0..N` in button order, then each template variable as a key
 * of its own "diretamente na raiz do JSON". Every value is a string, as the doc types them.
 */
import { PonteError, type FieldError } from '../../common/errors/ponte-error';
import { idString } from '../../common/normalize/values';
import type { SendTemplateInput } from '../../messaging/dto/template.input';
import { refuseUnsupported, requireRecipient } from '../../messaging/messaging.rules';
import type { SentMessage } from '../../messaging/messaging.port';
import { MessageState } from '../../messaging/models/messaging.enums';
import {
  CLOUDCHAT_BUTTON_PARAM,
  type CloudchatConversationReply,
  type CloudchatErrorReply,
  type CloudchatProactiveBody,
} from './cloudchat.types';

const PROVIDER = 'cloudchat';
const WHERE = 'CloudChat';

/** Template fields of other platforms: CloudChat names a template, sends at once, has no OTP or channel token. */
export const CLOUDCHAT_UNSUPPORTED_TEMPLATE_FIELDS = ['templateId', 'channelToken', 'scheduleAt', 'otpCode'] as const;

/** `/api/v1/accounts/{account_id}/conversations/create_proactive_whatsapp_conversation`, the account id path-encoded. */
export function proactiveConversationPath(accountId: string): string {
  return `/api/v1/accounts/${encodeURIComponent(accountId)}/conversations/create_proactive_whatsapp_conversation`;
}

// ── template variables ──────────────────────────────────────────────────────────────────────────

/**
 * Root keys a template variable may not take, with what to use instead. The doc's own body fields
 * (a variable there would overwrite them, or be overwritten); the path parameter and the header
 * name (`account_id`, `api_access_token`); and `controller`, `action`, `format`: the URL and
 * header have the shape of Chatwoot's account API, a Rails app, and Rails merges these routing keys
 * into the same parameters as the body (our reading; the doc does not say what runs behind it).
 */
const RESERVED_NAMES = new Map<string, string>([
  ['inbox_id', 'use inboxId'],
  ['phone_number', 'use to.whatsapp'],
  ['template_name', 'use templateName'],
  ['header_attachment', 'use headerAttachmentUrl'],
  ['account_id', "it is the account of the connection, in CloudChat's path"],
  ['api_access_token', "it is the name of CloudChat's credential"],
  ['controller', "it is a routing key of CloudChat's API"],
  ['action', "it is a routing key of CloudChat's API"],
  ['format', "it is a routing key of CloudChat's API"],
  // A Map, not an object literal: `constructor` is a name like any other (an object's lookup found
  // Object.prototype's), while assigning `__proto__` would set the body's prototype and send nothing.
  ['__proto__', "it names an object's prototype, not a key of the body"],
]);

/** Letters, digits and `_`: the doc's examples (`name`, `email`, `custom_code`) and WhatsApp's own parameter names. */
const VARIABLE_NAME = /^[A-Za-z0-9_]+$/;

/**
 * Why a template variable name cannot be sent as a root key, or null when it can. Reserved names
 * are compared ignoring case: how the platform treats key case is undocumented, and such a name is
 * far more often a mistake than a real template variable.
 */
export function variableNameProblem(name: string): string | null {
  if (!VARIABLE_NAME.test(name)) {
    return 'must contain only letters, digits and _ (CloudChat takes it as a key at the root of its JSON body)';
  }
  const lower = name.toLowerCase();
  if (CLOUDCHAT_BUTTON_PARAM.test(lower)) return `is reserved by CloudChat for button parameters (use buttonParams)`;
  const instead = RESERVED_NAMES.get(lower);
  return instead === undefined ? null : `is reserved by CloudChat's request (${instead})`;
}

// ── SendTemplateInput → request body ────────────────────────────────────────────────────────────

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A template message → the body of create_proactive_whatsapp_conversation. Refuses, before anything
 * is sent: fields CloudChat cannot carry (422), a recipient other than `to.whatsapp`, no inbox (the
 * request's `inboxId`, else the connection's), a header attachment that is not https, and variable
 * names that cannot be root keys (400, all at once).
 */
export function proactiveConversationToWire(
  input: SendTemplateInput,
  connection: { id: string; inboxId?: string },
): CloudchatProactiveBody {
  refuseUnsupported(input, [...CLOUDCHAT_UNSUPPORTED_TEMPLATE_FIELDS], WHERE, PROVIDER);
  const { value: phone } = requireRecipient(input.to, ['whatsapp'], WHERE);
  const errors: FieldError[] = [];
  const inboxId = input.inboxId ?? connection.inboxId;
  if (inboxId === undefined || inboxId === null || inboxId === '') {
    errors.push({
      field: 'inboxId',
      message: `is required: connection "${connection.id}" has no default inboxId (the CloudChat inbox to send through)`,
    });
  }
  if (input.templateName === undefined || input.templateName === null) {
    errors.push({ field: 'templateName', message: 'is required by CloudChat (template_name)' });
  }
  const header = input.headerAttachmentUrl;
  if (header !== undefined && header !== null && !isHttps(header)) {
    errors.push({ field: 'headerAttachmentUrl', message: 'must be an https:// URL (CloudChat hands it to WhatsApp to fetch)' });
  }
  (input.variables ?? []).forEach((v, i) => {
    const problem = variableNameProblem(v.name);
    if (problem) errors.push({ field: `variables[${i}].name`, message: `"${v.name}" ${problem}` });
  });
  if (errors.length) throw PonteError.validation(errors);

  const body: CloudchatProactiveBody = { inbox_id: inboxId!, phone_number: phone, template_name: input.templateName! };
  if (header !== undefined && header !== null) body.header_attachment = header;
  (input.buttonParams ?? []).forEach((param, i) => {
    body[`button_param_${i}`] = param;
  });
  for (const v of input.variables ?? []) body[v.name] = v.value;
  return body;
}

// ── replies ─────────────────────────────────────────────────────────────────────────────────────

/** An accepted proactive conversation: the conversation id when the reply carries one, else null. */
export function receiptFromWire(reply: unknown): SentMessage {
  const record = reply && typeof reply === 'object' && !Array.isArray(reply) ? (reply as CloudchatConversationReply) : undefined;
  return { id: idString(record?.id), status: MessageState.ACCEPTED, scheduledAt: null };
}

function messageText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (Array.isArray(value)) {
    const parts = value.map(messageText).filter((p): p is string => p !== undefined);
    return parts.length ? parts.join('; ') : undefined;
  }
  if (value && typeof value === 'object') {
    const { message } = value as { message?: unknown };
    if (message !== undefined) return messageText(message);
    // Rails-style field errors: {"phone_number": ["is invalid"]}.
    const parts = Object.entries(value).flatMap(([field, v]) => {
      const said = messageText(v);
      return said === undefined ? [] : [`${field} ${said}`];
    });
    return parts.length ? parts.join('; ') : undefined;
  }
  return undefined;
}

/** The platform's own words in an error reply (`error`, `message` or `errors`), if any. */
export function errorMessageFromWire(reply: unknown): string | undefined {
  if (!reply || typeof reply !== 'object' || Array.isArray(reply)) return undefined;
  const { error, message, errors } = reply as CloudchatErrorReply;
  return messageText(error) ?? messageText(message) ?? messageText(errors);
}
