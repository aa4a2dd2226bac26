/**
 * Platform-neutral rules of the contact inputs that adapters share. Pure: no framework import.
 */
import { PonteError } from '../common/errors/ponte-error';
import type { CreateContactInput, UpdateContactInput } from './dto/contact.input';

/** Create-only fields of ChatGuru's asynchronous chat_add: the first message, the user to delegate to, the dialog to run. */
export const CHAT_REGISTRATION_FIELDS = ['initialMessage', 'assignToUserId', 'dialogId'] as const;

/**
 * Platforms that create contacts without chat_add refuse those fields (422 `unsupported_field`)
 * rather than creating the contact without its first message, user or dialog.
 */
export function refuseChatRegistrationFields(input: CreateContactInput | UpdateContactInput, platform: string, provider: string): void {
  const present = CHAT_REGISTRATION_FIELDS.filter((f) => {
    const value = (input as Partial<Pick<CreateContactInput, (typeof CHAT_REGISTRATION_FIELDS)[number]>>)[f];
    return value !== undefined && value !== null;
  });
  if (present.length === 0) return;
  throw new PonteError('unsupported_field', `${platform} cannot carry ${present.join(', ')} (ChatGuru's chat_add only)`, {
    provider,
    errors: present.map((field) => ({ field, message: `is not supported by ${platform}` })),
  });
}
