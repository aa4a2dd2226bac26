import type { CallContext } from '../common/context/call-context';
import type { Page } from '../common/pagination/page';
import type { ListContactsArgs, ListSegmentationsArgs } from './dto/contact.args';
import type {
  AddContactNoteInput,
  AddContactSegmentationsInput,
  ContactTagsInput,
  CreateContactInput,
  UpdateContactInput,
} from './dto/contact.input';
import type { CreateSegmentationInput } from './dto/segmentation.input';
import type {
  Contact,
  ContactNote,
  ContactRegistration,
  ContactSegmentationsResult,
  ContactTagsResult,
  ContactUpdateResult,
  DeleteContactsResult,
} from './models/contact.model';
import type { Segmentation } from './models/segmentation.model';

/**
 * What a platform can do with contacts. Every method is optional: an adapter implements the ones
 * its platform supports, and the registry derives capabilities (501s, /v1/connections, the
 * `x-ponte-platforms` docs) from which methods exist.
 */
export interface ContactsPort {
  listContacts?(ctx: CallContext, args: ListContactsArgs): Promise<Page<Contact>>;
  getContact?(ctx: CallContext, id: string): Promise<Contact>;
  /** A platform that creates contacts asynchronously answers a registration to poll. */
  createContact?(ctx: CallContext, input: CreateContactInput): Promise<Contact | ContactRegistration>;
  getContactRegistration?(ctx: CallContext, id: string): Promise<ContactRegistration>;
  updateContact?(ctx: CallContext, id: string, input: UpdateContactInput): Promise<ContactUpdateResult>;
  deleteContacts?(ctx: CallContext, ids: string[]): Promise<DeleteContactsResult>;
  addContactSegmentations?(ctx: CallContext, contactId: string, input: AddContactSegmentationsInput): Promise<ContactSegmentationsResult>;
  /** Platforms cap tags per call; adapters split and report per-call failures in the result. */
  addContactTags?(ctx: CallContext, contactId: string, input: ContactTagsInput): Promise<ContactTagsResult>;
  removeContactTags?(ctx: CallContext, contactId: string, input: ContactTagsInput): Promise<ContactTagsResult>;
  addContactNote?(ctx: CallContext, contactId: string, input: AddContactNoteInput): Promise<ContactNote>;
  listSegmentations?(ctx: CallContext, args: ListSegmentationsArgs): Promise<Page<Segmentation>>;
  createSegmentation?(ctx: CallContext, input: CreateSegmentationInput): Promise<Segmentation>;
}

export const CONTACTS_OPERATIONS = [
  'listContacts',
  'getContact',
  'createContact',
  'getContactRegistration',
  'updateContact',
  'deleteContacts',
  'addContactSegmentations',
  'addContactTags',
  'removeContactTags',
  'addContactNote',
  'listSegmentations',
  'createSegmentation',
] as const satisfies readonly (keyof ContactsPort)[];
