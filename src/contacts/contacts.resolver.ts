import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CallContext } from '../common/context/call-context';
import { Call, ConnectionArg } from '../common/context/call.decorator';
import { withPlatforms } from '../common/openapi/operation.decorator';
import { IdPipe } from '../common/validation/id.pipe';
import { ContactsService } from './contacts.service';
import { ListContactsArgs, ListSegmentationsArgs } from './dto/contact.args';
import { AddContactSegmentationsInput, CreateContactInput, DeleteContactsInput, UpdateContactInput } from './dto/contact.input';
import { CreateSegmentationInput } from './dto/segmentation.input';
import { Contact, ContactPage, ContactSegmentationsResult, ContactUpdateResult, DeleteContactsResult } from './models/contact.model';
import { Segmentation, SegmentationPage } from './models/segmentation.model';

@Resolver(() => Contact)
export class ContactsResolver {
  constructor(@Inject(ContactsService) private readonly contacts: ContactsService) {}

  @Query(() => ContactPage, { name: 'contacts', description: withPlatforms('listContacts', 'Contacts matching the filters, paged.') })
  listContacts(@Call() ctx: CallContext, @Args() args: ListContactsArgs) {
    return this.contacts.list(ctx, args);
  }

  @Mutation(() => Contact, { description: withPlatforms('createContact', 'Create a contact; answers it as sent plus its id.') })
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
    return this.contacts.addSegmentations(ctx, contactId, input);
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
