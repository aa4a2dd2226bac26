import { Inject, Injectable } from '@nestjs/common';
import type { CallContext } from '../common/context/call-context';
import { PlatformRegistry } from '../platforms/registry';
import type { ListContactsArgs, ListSegmentationsArgs } from './dto/contact.args';
import type {
  AddContactNoteInput,
  AddContactSegmentationsInput,
  ContactTagsInput,
  CreateContactInput,
  UpdateContactInput,
} from './dto/contact.input';
import type { CreateSegmentationInput } from './dto/segmentation.input';

/** Contacts use cases: pick the connection able to do the operation, let its adapter do it. */
@Injectable()
export class ContactsService {
  constructor(@Inject(PlatformRegistry) private readonly registry: PlatformRegistry) {}

  list(ctx: CallContext, args: ListContactsArgs) {
    return this.registry.resolve('listContacts', ctx).adapter.listContacts(ctx, args);
  }

  get(ctx: CallContext, id: string) {
    return this.registry.resolve('getContact', ctx).adapter.getContact(ctx, id);
  }

  getRegistration(ctx: CallContext, id: string) {
    return this.registry.resolve('getContactRegistration', ctx).adapter.getContactRegistration(ctx, id);
  }

  addTags(ctx: CallContext, contactId: string, input: ContactTagsInput) {
    return this.registry.resolve('addContactTags', ctx).adapter.addContactTags(ctx, contactId, input);
  }

  removeTags(ctx: CallContext, contactId: string, input: ContactTagsInput) {
    return this.registry.resolve('removeContactTags', ctx).adapter.removeContactTags(ctx, contactId, input);
  }

  addNote(ctx: CallContext, contactId: string, input: AddContactNoteInput) {
    return this.registry.resolve('addContactNote', ctx).adapter.addContactNote(ctx, contactId, input);
  }

  create(ctx: CallContext, input: CreateContactInput) {
    return this.registry.resolve('createContact', ctx).adapter.createContact(ctx, input);
  }

  update(ctx: CallContext, id: string, input: UpdateContactInput) {
    return this.registry.resolve('updateContact', ctx).adapter.updateContact(ctx, id, input);
  }

  delete(ctx: CallContext, ids: string[]) {
    return this.registry.resolve('deleteContacts', ctx).adapter.deleteContacts(ctx, ids);
  }

  addSegmentations(ctx: CallContext, contactId: string, input: AddContactSegmentationsInput) {
    return this.registry.resolve('addContactSegmentations', ctx).adapter.addContactSegmentations(ctx, contactId, input);
  }

  listSegmentations(ctx: CallContext, args: ListSegmentationsArgs) {
    return this.registry.resolve('listSegmentations', ctx).adapter.listSegmentations(ctx, args);
  }

  createSegmentation(ctx: CallContext, input: CreateSegmentationInput) {
    return this.registry.resolve('createSegmentation', ctx).adapter.createSegmentation(ctx, input);
  }
}
