/**
 * Platform-neutral rules of the messaging inputs that span several fields (the validation pipe
 * checks each field alone). The service applies them before any platform is involved; adapters
 * use `recipientKind` and `refuseUnsupported` to take what their platform understands.
 * Pure: no framework import.
 */
import { PonteError, type FieldError } from '../common/errors/ponte-error';
import type { OutgoingFile } from '../common/media/outgoing-file';
import type { SendMessageInput } from './dto/message.input';
import type { RecipientInput } from './dto/recipient.input';
import type { SendTemplateInput } from './dto/template.input';
import { MessageType } from './models/messaging.enums';

/** The ways of reaching a recipient (the keys of RecipientInput), in documentation order. */
export const RECIPIENT_KINDS = ['whatsapp', 'telegramId', 'messenger', 'instagram', 'externalId', 'cpf', 'contactId', 'phone'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number] & keyof RecipientInput;

const given = (value: unknown) => value !== undefined && value !== null;

/**
 * The one way `to` names the recipient. Exactly one is allowed: with several, it would be unclear
 * whether the platform should match all of them or any, and platforms differ.
 */
export function recipientKind(to: RecipientInput, field = 'to'): RecipientKind {
  const kinds = RECIPIENT_KINDS.filter((k) => given(to[k]));
  if (kinds.length !== 1) {
    throw PonteError.validation([
      {
        field,
        message:
          kinds.length === 0
            ? `must name the recipient in one of ${RECIPIENT_KINDS.join(', ')}`
            : `must name the recipient in exactly one way (got ${kinds.join(', ')})`,
      },
    ]);
  }
  return kinds[0];
}

/** The recipient kind an adapter needs, or a 400 on `to` saying which kinds this platform takes. */
export function requireRecipient<K extends RecipientKind>(
  to: RecipientInput,
  accepted: readonly K[],
  where: string,
): { kind: K; value: NonNullable<RecipientInput[K]> } {
  const kind = recipientKind(to);
  if (!(accepted as readonly RecipientKind[]).includes(kind)) {
    throw PonteError.validation(
      [{ field: `to.${kind}`, message: `cannot be used here: ${where} reaches a recipient by ${accepted.join(', ')}` }],
      `${where} cannot reach a recipient by ${kind}; use one of ${accepted.join(', ')}`,
    );
  }
  return { kind: kind as K, value: to[kind as K] as NonNullable<RecipientInput[K]> };
}

/**
 * Refuses, all at once, the fields of `input` a platform cannot carry (422 `unsupported_field`):
 * a field is never silently dropped.
 */
export function refuseUnsupported<T extends object>(
  input: T,
  fields: ReadonlyArray<keyof T & string>,
  where: string,
  provider: string,
  prefix = '',
): void {
  const present = fields.filter((f) => given(input[f]));
  if (present.length === 0) return;
  const names = present.map((f) => `${prefix}${f}`);
  throw new PonteError('unsupported_field', `${where} cannot carry ${names.join(', ')}`, {
    provider,
    errors: names.map((field): FieldError => ({ field, message: `is not supported by ${where}` })),
  });
}

/**
 * Refuses an uploaded file (422 `unsupported_field` on `file`) on platforms that take media only by
 * URL. Every adapter implementing sendMessage either uses the upload or calls this.
 */
export function refuseUpload(upload: OutgoingFile | null | undefined, where: string, provider: string): void {
  if (!upload) return;
  throw new PonteError('unsupported_field', `${where} takes media by URL only; give media.url instead of uploading the file`, {
    provider,
    errors: [{ field: 'file', message: `is not supported by ${where} (give media.url)` }],
  });
}

/** `upload` is the multipart file part (REST only), which stands in for `media.url`. */
export function checkSendMessage(input: SendMessageInput, upload: OutgoingFile | null = null): void {
  recipientKind(input.to);
  const errors: FieldError[] = [];
  if (input.type === MessageType.TEXT) {
    if (!given(input.text)) errors.push({ field: 'text', message: 'is required for type text' });
    if (given(input.media)) errors.push({ field: 'media', message: 'is only for types image, file and audio' });
    if (upload) errors.push({ field: 'file', message: 'is only for types image, file and audio' });
  } else {
    if (upload && given(input.media?.url)) {
      errors.push({ field: 'media.url', message: 'cannot be combined with an uploaded file (multipart part "file")' });
    } else if (!upload && !given(input.media)) {
      errors.push({ field: 'media', message: `is required for type ${input.type} (or upload the file in the multipart part "file")` });
    } else if (!upload && !given(input.media?.url)) {
      errors.push({ field: 'media.url', message: `is required for type ${input.type} (or upload the file in the multipart part "file")` });
    }
    if (given(input.text)) errors.push({ field: 'text', message: 'is only for type text (use media.caption)' });
  }
  if (given(input.queueId) && input.openTicket !== true) {
    errors.push({ field: 'queueId', message: 'is only meaningful with openTicket: true' });
  }
  if (errors.length) throw PonteError.validation(errors);
}

export function checkSendTemplate(input: SendTemplateInput): void {
  recipientKind(input.to);
  const errors: FieldError[] = [];
  if (given(input.templateId) === given(input.templateName)) {
    errors.push({ field: 'templateId', message: 'give exactly one of templateId and templateName' });
  }
  const seen = new Set<string>();
  (input.variables ?? []).forEach((v, i) => {
    if (seen.has(v.name)) errors.push({ field: `variables[${i}].name`, message: `repeats "${v.name}"` });
    seen.add(v.name);
  });
  if (errors.length) throw PonteError.validation(errors);
}
