import type { OkeybotConnection } from '../../config/config.types';
import type { CallContext } from '../../common/context/call-context';
import { PonteError } from '../../common/errors/ponte-error';
import { DEFAULT_LIMIT, type Page } from '../../common/pagination/page';
import type { ListContactsArgs } from '../../contacts/dto/contact.args';
import type { ContactTagsInput, CreateContactInput, UpdateContactInput } from '../../contacts/dto/contact.input';
import type { Contact, ContactTagsResult, ContactUpdateResult } from '../../contacts/models/contact.model';
import type { AdapterDeps, PlatformAdapter } from '../adapter';
import { OkeybotClient, type OkeybotCall } from './okeybot.client';
import {
  contactFromWire,
  contactInputToWire,
  contactPath,
  createdContact,
  listFiltersToWire,
  pageFromWire,
  pagePosition,
  tagChunks,
} from './okeybot.mappers';
import {
  OKEYBOT_MAX_TAGS_PER_CALL,
  type OkeybotContactListReply,
  type OkeybotContactReply,
  type OkeybotCustomFieldsBody,
  type OkeybotIdReply,
  type OkeybotStatusReply,
  type OkeybotTagsBody,
} from './okeybot.types';

/**
 * OkeyBot: the REST contacts API of okeybot.txt. Each method validates what the platform cannot
 * check for us, maps the input with a pure mapper, makes its call(s) through {@link OkeybotClient},
 * and maps the reply back. Viber connections get Base64 ids in paths, transparently.
 */
export class OkeybotAdapter implements PlatformAdapter {
  static readonly platform = 'okeybot' as const;
  private readonly client: OkeybotClient;

  constructor(
    readonly connection: OkeybotConnection,
    deps: AdapterDeps,
  ) {
    this.client = new OkeybotClient(connection, deps.http);
  }

  private get tz(): string {
    return this.connection.timezone;
  }

  /** A 2xx reply without what the doc says it carries: the platform answered badly. */
  private malformed(operation: string, what: string): PonteError {
    return new PonteError('provider_unavailable', `OkeyBot answered ${operation} ${what}`, {
      provider: 'okeybot',
      connection: this.connection.id,
    });
  }

  private path(id: string, field = 'id'): string {
    return contactPath(id, this.connection.viber, field);
  }

  // ── contacts ────────────────────────────────────────────────────────────────────────────────

  async listContacts(ctx: CallContext, args: ListContactsArgs): Promise<Page<Contact>> {
    const { name, value } = listFiltersToWire(args);
    const position = pagePosition(args);
    // The doc's first request has no page parameter; later pages follow its links (?page=N).
    const query: Array<[string, string]> = [
      ['name', name],
      ['value', value],
    ];
    if (position.page > 1) query.push(['page', String(position.page)]);
    const reply = await this.client.call<OkeybotContactListReply>(ctx, {
      method: 'GET',
      path: '/v1/contact/by_custom_field',
      query,
      operation: 'GET /v1/contact/by_custom_field',
    });
    if (!Array.isArray(reply.data)) throw this.malformed('GET /v1/contact/by_custom_field', 'without a list of contacts');
    return pageFromWire(reply, position, args.limit ?? DEFAULT_LIMIT, this.tz);
  }

  async getContact(ctx: CallContext, id: string): Promise<Contact> {
    const reply = await this.client.call<OkeybotContactReply>(ctx, {
      method: 'GET',
      path: this.path(id),
      operation: 'GET /v1/contact/{id}',
    });
    if (!reply.data || typeof reply.data !== 'object' || Array.isArray(reply.data)) {
      throw this.malformed('GET /v1/contact/{id}', 'without a contact');
    }
    return contactFromWire(reply.data, this.tz);
  }

  async createContact(ctx: CallContext, input: CreateContactInput): Promise<Contact> {
    const { customFields } = contactInputToWire(input);
    const body: OkeybotCustomFieldsBody = { custom_fields: customFields };
    const reply = await this.client.call<OkeybotIdReply>(ctx, { method: 'POST', path: '/v1/contact', body, operation: 'POST /v1/contact' });
    const id = reply.data && typeof reply.data === 'object' ? reply.data.id : undefined;
    if (id === undefined || id === null || String(id) === '') throw this.malformed('POST /v1/contact', 'without the new contact id');
    return createdContact(String(id), customFields, this.tz);
  }

  async updateContact(ctx: CallContext, id: string, input: UpdateContactInput): Promise<ContactUpdateResult> {
    const path = this.path(id);
    const { customFields, fields } = contactInputToWire(input);
    const body: OkeybotCustomFieldsBody = { custom_fields: customFields };
    await this.client.call<OkeybotIdReply>(ctx, { method: 'PUT', path, body, operation: 'PUT /v1/contact/{id}' });
    // The caller's id, not the reply's: the doc's reply names another id ("cus_112233344555").
    return { id, updatedFields: fields };
  }

  addContactTags(ctx: CallContext, contactId: string, input: ContactTagsInput): Promise<ContactTagsResult> {
    return this.tags(ctx, 'POST', contactId, input);
  }

  removeContactTags(ctx: CallContext, contactId: string, input: ContactTagsInput): Promise<ContactTagsResult> {
    return this.tags(ctx, 'DELETE', contactId, input);
  }

  /**
   * Tags in calls of 10. If nothing at all was applied the first failure is the answer (a plain
   * problem, as for any other call); if some calls succeeded, the result lists the failed ones.
   */
  private async tags(ctx: CallContext, method: 'POST' | 'DELETE', contactId: string, input: ContactTagsInput): Promise<ContactTagsResult> {
    const path = `${this.path(contactId, 'contactId')}/tags`;
    const chunks = tagChunks(input.tags);
    const most = this.client.callsPerMinute * OKEYBOT_MAX_TAGS_PER_CALL;
    if (chunks.length > this.client.callsPerMinute) {
      throw PonteError.validation([
        {
          field: 'tags',
          message: `must have at most ${most} items on connection "${this.connection.id}" (${this.client.callsPerMinute} calls of 10 per minute)`,
        },
      ]);
    }
    const calls: OkeybotCall[] = chunks.map((tags) => ({
      method,
      path,
      body: { tags } satisfies OkeybotTagsBody,
      operation: `${method} /v1/contact/{id}/tags`,
    }));
    const outcomes = await this.client.callEach<OkeybotStatusReply>(ctx, calls);
    const applied = chunks.filter((_, i) => outcomes[i].ok).flat();
    const failed = chunks.flatMap((tags, i) => {
      const outcome = outcomes[i];
      return outcome.ok ? [] : [{ tags, code: outcome.error.code, detail: outcome.error.detail }];
    });
    const firstFailure = outcomes.find((o) => !o.ok);
    if (applied.length === 0 && firstFailure && !firstFailure.ok) throw firstFailure.error;
    return { contactId, applied, failed, complete: failed.length === 0 };
  }
}
