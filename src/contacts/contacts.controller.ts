import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { PonteOperation } from '../common/openapi/operation.decorator';
import { IdPipe } from '../common/validation/id.pipe';
import { ContactsService } from './contacts.service';
import { ListContactsArgs, ListSegmentationsArgs } from './dto/contact.args';
import { AddContactSegmentationsInput, CreateContactInput, DeleteContactsInput, UpdateContactInput } from './dto/contact.input';
import { CreateSegmentationInput } from './dto/segmentation.input';
import { Contact, ContactPage, ContactSegmentationsResult, ContactUpdateResult, DeleteContactsResult } from './models/contact.model';
import { Segmentation, SegmentationPage } from './models/segmentation.model';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('v1')
export class ContactsController {
  constructor(@Inject(ContactsService) private readonly contacts: ContactsService) {}

  @Get('contacts')
  @PonteOperation('listContacts', {
    summary: 'List contacts',
    description: 'Filters combine (AND). Maxbot returns every match at once; Ponte pages it with `limit` and `cursor`.',
  })
  @ApiOkResponse({ type: ContactPage })
  listContacts(@Call() ctx: CallContext, @Query() args: ListContactsArgs) {
    return this.contacts.list(ctx, args);
  }

  @Post('contacts')
  @PonteOperation('createContact', {
    summary: 'Create a contact',
    description:
      'Answers the contact as sent plus its new id; fields the platform computes (createdAt, age, channels) are null until read back.',
    write: true,
  })
  @ApiCreatedResponse({ type: Contact })
  createContact(@Call() ctx: CallContext, @Body() input: CreateContactInput) {
    return this.contacts.create(ctx, input);
  }

  @Patch('contacts/:id')
  @PonteOperation('updateContact', {
    summary: 'Update a contact',
    description: 'Only the fields present are sent; `null` clears a field.',
    write: true,
  })
  @ApiOkResponse({ type: ContactUpdateResult })
  updateContact(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string, @Body() input: UpdateContactInput) {
    return this.contacts.update(ctx, id, input);
  }

  @Delete('contacts/:id')
  @HttpCode(204)
  @PonteOperation('deleteContacts', { summary: 'Delete a contact', write: true })
  @ApiNoContentResponse({ description: 'Deleted.' })
  async deleteContact(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string): Promise<void> {
    await this.contacts.delete(ctx, [id]);
  }

  @Post('contacts::batchDelete')
  @HttpCode(200)
  @PonteOperation('deleteContacts', {
    summary: 'Delete several contacts',
    description: 'One platform call for the whole list: all are deleted, or none is and the problem says why.',
    write: true,
  })
  @ApiOkResponse({ type: DeleteContactsResult })
  deleteContacts(@Call() ctx: CallContext, @Body() input: DeleteContactsInput) {
    return this.contacts.delete(ctx, input.ids);
  }

  @Post('contacts/:id/segmentations')
  @HttpCode(200)
  @PonteOperation('addContactSegmentations', { summary: 'Add segmentations to a contact', write: true })
  @ApiOkResponse({ type: ContactSegmentationsResult })
  addContactSegmentations(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string, @Body() input: AddContactSegmentationsInput) {
    return this.contacts.addSegmentations(ctx, id, input);
  }

  @Get('segmentations')
  @PonteOperation('listSegmentations', { summary: 'List segmentations' })
  @ApiOkResponse({ type: SegmentationPage })
  listSegmentations(@Call() ctx: CallContext, @Query() args: ListSegmentationsArgs) {
    return this.contacts.listSegmentations(ctx, args);
  }

  @Post('segmentations')
  @PonteOperation('createSegmentation', { summary: 'Create a segmentation', write: true })
  @ApiCreatedResponse({ type: Segmentation })
  createSegmentation(@Call() ctx: CallContext, @Body() input: CreateSegmentationInput) {
    return this.contacts.createSegmentation(ctx, input);
  }
}
