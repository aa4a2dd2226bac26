import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { LOCATION_CONNECTION_QUERY, setLocation } from '../common/http/location';
import { PonteOperation, RequestExamples } from '../common/openapi/operation.decorator';
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
  DeleteContactsResult,
} from './models/contact.model';
import { Segmentation, SegmentationPage } from './models/segmentation.model';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('v1')
export class ContactsController {
  constructor(@Inject(ContactsService) private readonly contacts: ContactsService) {}

  @Get('contacts')
  @PonteOperation('listContacts', {
    summary: 'List contacts',
    description:
      'Filters combine (AND). Maxbot returns every match at once; Ponte pages it with `limit` and `cursor`. ' +
      'OkeyBot searches by one custom field only (`customField` + `value`, required there; other filters → 422) ' +
      'and a page holds at most one OkeyBot page (10 contacts).',
  })
  @ApiOkResponse({ type: ContactPage })
  listContacts(@Call() ctx: CallContext, @Query() args: ListContactsArgs) {
    return this.contacts.list(ctx, args);
  }

  @Get('contacts/registrations/:id')
  @PonteOperation('getContactRegistration', {
    summary: 'Get an asynchronous contact creation',
    description: 'Poll until `status` is DONE or FAILED (ChatGuru `chat_add_status`).',
  })
  @ApiOkResponse({ type: ContactRegistration })
  @ApiQuery(LOCATION_CONNECTION_QUERY)
  getContactRegistration(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string) {
    return this.contacts.getRegistration(ctx, id);
  }

  @Get('contacts/:id')
  @PonteOperation('getContact', {
    summary: 'Get a contact',
    description:
      'Without `X-Connection`, the default connection that can read one contact answers, which need not be the one `GET /v1/contacts` ' +
      'used: Maxbot has no such command (501 on a Maxbot connection), so a Maxbot contact is found with a filter on the list instead ' +
      '(`GET /v1/contacts?whatsapp=…`, `?email=…`, `?externalId=…`).',
  })
  @ApiOkResponse({ type: Contact })
  @ApiQuery(LOCATION_CONNECTION_QUERY)
  getContact(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string) {
    return this.contacts.get(ctx, id);
  }

  @Post('contacts')
  // One valid body per platform for Swagger UI (the generated one mixes in ChatGuru-only fields).
  @RequestExamples({
    maxbot: {
      summary: 'Maxbot (the default connection), OkeyBot, CloudChat: the fields the platform keeps',
      value: {
        firstName: 'Maria',
        lastName: 'Souza',
        whatsapp: '+55 31 98888-7777',
        email: 'maria.souza@example.com',
        city: 'Belo Horizonte',
      },
    },
    chatguru: {
      summary: 'ChatGuru (X-Connection: chatguru): a chat started with a first message',
      value: { firstName: 'Maria', lastName: 'Souza', whatsapp: '+55 11 98888-7777', initialMessage: 'Olá! Recebemos o seu cadastro.' },
    },
  })
  @PonteOperation('createContact', {
    summary: 'Create a contact',
    description:
      '`201` with the contact as sent plus its new id (fields the platform computes, such as createdAt, are null until read back) ' +
      'and its URL in the `Location` header, the connection named (`?connection=`): a Maxbot contact can be changed and deleted there, ' +
      'but not read (Maxbot has no command to read one contact: 501). On platforms that create contacts asynchronously (ChatGuru), ' +
      '`202` with a registration to poll at the `Location` header. ' +
      'ChatGuru chat_add needs `whatsapp`, a name (`firstName`/`lastName`) and `initialMessage`, and takes `assignToUserId` and `dialogId`; ' +
      'it carries no other field (422).',
    write: true,
  })
  @ApiCreatedResponse({
    type: Contact,
    headers: { Location: { description: 'The new contact, on its connection.', schema: { type: 'string' } } },
  })
  @ApiAcceptedResponse({
    type: ContactRegistration,
    description: 'Creation accepted; poll the registration (Location header).',
    headers: { Location: { description: 'The registration to poll, on its connection.', schema: { type: 'string' } } },
  })
  async createContact(@Call() ctx: CallContext, @Body() input: CreateContactInput, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.contacts.create(ctx, input);
    if ('status' in result) {
      setLocation(reply.status(202), `/v1/contacts/registrations/${encodeURIComponent(result.id)}`);
    } else if (result.id) {
      setLocation(reply, `/v1/contacts/${encodeURIComponent(result.id)}`);
    }
    return result;
  }

  @Patch('contacts/:id')
  @PonteOperation('updateContact', {
    summary: 'Update a contact',
    description:
      "Only the fields present are sent; `null` clears a field. ChatGuru: the id is the chat's WhatsApp number and only `customFields` " +
      'can be updated (each sent as `field__NAME`; other fields → 422).',
    write: true,
  })
  @ApiOkResponse({ type: ContactUpdateResult })
  @ApiQuery(LOCATION_CONNECTION_QUERY)
  updateContact(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string, @Body() input: UpdateContactInput) {
    return this.contacts.update(ctx, id, input);
  }

  @Delete('contacts/:id')
  @HttpCode(204)
  @PonteOperation('deleteContacts', { summary: 'Delete a contact', write: true })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiQuery(LOCATION_CONNECTION_QUERY)
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

  @Post('contacts/:id/tags')
  @HttpCode(200)
  @PonteOperation('addContactTags', {
    summary: 'Add tags to a contact',
    description: 'Split into calls of the platform maximum (OkeyBot: 10 tags). `207` when some calls failed: `failed` lists them.',
    write: true,
  })
  @ApiOkResponse({ type: ContactTagsResult })
  @ApiResponse({
    status: 207,
    type: ContactTagsResult,
    description: 'Some tag calls failed (`complete: false`); nothing is dropped silently.',
  })
  async addContactTags(
    @Call() ctx: CallContext,
    @Param('id', new IdPipe()) id: string,
    @Body() input: ContactTagsInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.contacts.addTags(ctx, id, input);
    if (!result.complete) reply.status(207);
    return result;
  }

  @Delete('contacts/:id/tags')
  @HttpCode(200)
  @PonteOperation('removeContactTags', {
    summary: 'Remove tags from a contact',
    description: 'Split into calls of the platform maximum (OkeyBot: 10 tags). `207` when some calls failed.',
    write: true,
  })
  @ApiOkResponse({ type: ContactTagsResult })
  @ApiResponse({ status: 207, type: ContactTagsResult, description: 'Some tag calls failed (`complete: false`).' })
  async removeContactTags(
    @Call() ctx: CallContext,
    @Param('id', new IdPipe()) id: string,
    @Body() input: ContactTagsInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.contacts.removeTags(ctx, id, input);
    if (!result.complete) reply.status(207);
    return result;
  }

  @Post('contacts/:id/notes')
  @PonteOperation('addContactNote', {
    summary: 'Add a note to a contact',
    description: "ChatGuru note_add: the id is the chat's WhatsApp number.",
    write: true,
  })
  @ApiCreatedResponse({ type: ContactNote })
  addContactNote(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string, @Body() input: AddContactNoteInput) {
    return this.contacts.addNote(ctx, id, input);
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
