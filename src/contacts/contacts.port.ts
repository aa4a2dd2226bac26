import type { CallContext } from '../common/context/call-context';
import type { Page } from '../common/pagination/page';
import type { ListContactsArgs, ListSegmentationsArgs } from './dto/contact.args';
import type { AddContactSegmentationsInput, CreateContactInput, UpdateContactInput } from './dto/contact.input';
import type { CreateSegmentationInput } from './dto/segmentation.input';
import type { Contact, ContactSegmentationsResult, ContactUpdateResult, DeleteContactsResult } from './models/contact.model';
import type { Segmentation } from './models/segmentation.model';

/**
 * What a platform can do with contacts. Every method is optional: an adapter implements the ones
 * its platform supports, and the registry derives capabilities (501s, /v1/connections, the
 * `x-ponte-platforms` docs) from which methods exist.
 */
export interface ContactsPort {
  listContacts?(ctx: CallContext, args: ListContactsArgs): Promise<Page<Contact>>;
  createContact?(ctx: CallContext, input: CreateContactInput): Promise<Contact>;
  updateContact?(ctx: CallContext, id: string, input: UpdateContactInput): Promise<ContactUpdateResult>;
  deleteContacts?(ctx: CallContext, ids: string[]): Promise<DeleteContactsResult>;
  addContactSegmentations?(ctx: CallContext, contactId: string, input: AddContactSegmentationsInput): Promise<ContactSegmentationsResult>;
  listSegmentations?(ctx: CallContext, args: ListSegmentationsArgs): Promise<Page<Segmentation>>;
  createSegmentation?(ctx: CallContext, input: CreateSegmentationInput): Promise<Segmentation>;
}

export const CONTACTS_OPERATIONS = [
  'listContacts',
  'createContact',
  'updateContact',
  'deleteContacts',
  'addContactSegmentations',
  'listSegmentations',
  'createSegmentation',
] as const satisfies readonly (keyof ContactsPort)[];
