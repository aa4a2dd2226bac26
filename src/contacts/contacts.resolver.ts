import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CallContext } from '../common/context/call-context';
import { namingIdAs } from '../common/errors/ponte-error';
import { Call, ConnectionArg } from '../common/context/call.decorator';
import { withPlatforms } from '../common/openapi/operation.decorator';
import { IdPipe } from '../common/validation/id.pipe';
import { ContactsService } from './contacts.service';
import { ListContactsArgs, ListSegmentationsArgs } from './dto/contact.args';
import {
  AddContactNoteInput,
  AddContactSegmentationsInput,
  ContactTagsInput,
  CreateContactInput,
  DeleteContactsInput,
  UpdateContactInput,
} from './dto/contact.input';
import { CreateSegmentationInput } from './dto/segmentation.input';
import {
  Contact,
  ContactNote,
  ContactPage,
  ContactRegistration,
  ContactSegmentationsResult,
  ContactTagsResult,
  ContactUpdateResult,
  CreateContactResult,
  DeleteContactsResult,
} from './models/contact.model';
import { Segmentation, SegmentationPage } from './models/segmentation.model';

@Resolver(() => Contact)
export class ContactsResolver {
  constructor(@Inject(ContactsService) private readonly contacts: ContactsService) {}

  @Query(() => ContactPage, { name: 'contacts', description: withPlatforms('listContacts', 'Contacts matching the filters, paged.') })
  listContacts(@Call() ctx: CallContext, @Args() args: ListContactsArgs) {
    return this.contacts.list(ctx, args);
  }

  @Query(() => Contact, { name: 'contact', description: withPlatforms('getContact', 'One contact by id.') })
  getContact(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('id', new IdPipe()) id: string) {
    return this.contacts.get(ctx, id);
  }

  @Query(() => ContactRegistration, {
    name: 'contactRegistration',
    description: withPlatforms('getContactRegistration', 'An asynchronous contact creation; poll until DONE or FAILED.'),
  })
  getContactRegistration(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('id', new IdPipe()) id: string) {
    return this.contacts.getRegistration(ctx, id);
  }

  @Mutation(() => CreateContactResult, {
    description: withPlatforms(
      'createContact',
      'Create a contact: answers it as sent plus its id, or a ContactRegistration to poll where the platform creates contacts asynchronously.',
    ),
  })
  createContact(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('input') input: CreateContactInput) {
    return this.contacts.create(ctx, input);
  }

  @Mutation(() => ContactUpdateResult, { description: withPlatforms('updateContact', 'Update the fields given; null clears one.') })
  updateContact(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('id', new IdPipe()) id: string,
    @Args('input') input: UpdateContactInput,
  ) {
    return this.contacts.update(ctx, id, input);
  }

  @Mutation(() => DeleteContactsResult, { description: withPlatforms('deleteContacts', 'Delete contacts by id.') })
  deleteContacts(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('input') input: DeleteContactsInput) {
    return this.contacts.delete(ctx, input.ids);
  }

  @Mutation(() => ContactSegmentationsResult, {
    description: withPlatforms('addContactSegmentations', 'Add segmentations to a contact.'),
  })
  addContactSegmentations(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('contactId', new IdPipe('contactId')) contactId: string,
    @Args('input') input: AddContactSegmentationsInput,
  ) {
    return namingIdAs('contactId', this.contacts.addSegmentations(ctx, contactId, input));
  }

  @Mutation(() => ContactTagsResult, {
    description: withPlatforms('addContactTags', 'Add tags (split into calls of the platform maximum).'),
  })
  addContactTags(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('contactId', new IdPipe('contactId')) contactId: string,
    @Args('input') input: ContactTagsInput,
  ) {
    return namingIdAs('contactId', this.contacts.addTags(ctx, contactId, input));
  }

  @Mutation(() => ContactTagsResult, {
    description: withPlatforms('removeContactTags', 'Remove tags (split into calls of the platform maximum).'),
  })
  removeContactTags(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('contactId', new IdPipe('contactId')) contactId: string,
    @Args('input') input: ContactTagsInput,
  ) {
    return namingIdAs('contactId', this.contacts.removeTags(ctx, contactId, input));
  }

  @Mutation(() => ContactNote, { description: withPlatforms('addContactNote', 'Add a note to a contact.') })
  addContactNote(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('contactId', new IdPipe('contactId')) contactId: string,
    @Args('input') input: AddContactNoteInput,
  ) {
    return namingIdAs('contactId', this.contacts.addNote(ctx, contactId, input));
  }

  @Query(() => SegmentationPage, { name: 'segmentations', description: withPlatforms('listSegmentations', 'Segmentations, paged.') })
  listSegmentations(@Call() ctx: CallContext, @Args() args: ListSegmentationsArgs) {
    return this.contacts.listSegmentations(ctx, args);
  }

  @Mutation(() => Segmentation, { description: withPlatforms('createSegmentation', 'Create a segmentation.') })
  createSegmentation(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('input') input: CreateSegmentationInput,
  ) {
    return this.contacts.createSegmentation(ctx, input);
  }
}
