import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { PonteOperation } from '../common/openapi/operation.decorator';
import { ProblemDto } from '../common/openapi/problem.dto';
import { MAX_UPLOAD_BYTES, TakesBody, UPLOAD_JSON_BODY_LIMIT } from '../common/transport/body-limits';
import { IdPipe } from '../common/validation/id.pipe';
import { ListAttendantsArgs, ListProtocolAnnotationsArgs, ListProtocolsArgs, ListServiceSectorsArgs } from './dto/protocol.args';
import { AddProtocolAnnotationInput, OpenProtocolInput, SendProtocolMessageInput, TerminateProtocolInput } from './dto/protocol.input';
import { AttendantPage } from './models/attendant.model';
import {
  OpenedProtocol,
  ProtocolAnnotation,
  ProtocolAnnotationPage,
  ProtocolPage,
  SentProtocolMessage,
  TerminatedProtocol,
} from './models/protocol.model';
import { ServiceSectorPage } from './models/service-sector.model';
import { ProtocolsService } from './protocols.service';

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    type: ProblemDto,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
  });

@ApiTags('protocols')
@ApiBearerAuth()
@Controller('v1')
export class ProtocolsController {
  constructor(@Inject(ProtocolsService) private readonly protocols: ProtocolsService) {}

  @Get('protocols')
  @PonteOperation('listProtocols', {
    summary: 'List concluded protocols of a period',
    description:
      'Protocols concluded (or opened) in a period, with their notes and whole dialog. A period is required: ' +
      '`concludedFrom`/`concludedTo` or `createdFrom`/`createdTo` (an open end runs from 1970-01-01 or to today). ' +
      'Maxbot lists only concluded protocols and returns every match at once; Ponte pages it with `limit` and `cursor`.',
  })
  @ApiOkResponse({ type: ProtocolPage })
  listProtocols(@Call() ctx: CallContext, @Query() args: ListProtocolsArgs) {
    return this.protocols.list(ctx, args);
  }

  @Post('protocols')
  @PonteOperation('openProtocol', {
    summary: 'Open a follow-up protocol from a template',
    description:
      'Sends a follow-up (or authentication, with `otpCode`) template to an existing contact and opens a service protocol with it, ' +
      'now or at `scheduleAt`.',
    write: true,
  })
  @ApiCreatedResponse({ type: OpenedProtocol })
  openProtocol(@Call() ctx: CallContext, @Body() input: OpenProtocolInput) {
    return this.protocols.open(ctx, input);
  }

  @Post('protocols/:id/terminate')
  @HttpCode(200)
  @PonteOperation('terminateProtocol', {
    summary: 'Terminate a protocol',
    description: "Concludes the protocol, with or without the account's closing message to the contact.",
    write: true,
  })
  @ApiOkResponse({ type: TerminatedProtocol })
  terminateProtocol(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string, @Body() input: TerminateProtocolInput) {
    return this.protocols.terminate(ctx, id, input);
  }

  @Get('protocols/:id/annotations')
  @PonteOperation('listProtocolAnnotations', { summary: "List a protocol's annotations" })
  @ApiOkResponse({ type: ProtocolAnnotationPage })
  listProtocolAnnotations(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string, @Query() args: ListProtocolAnnotationsArgs) {
    return this.protocols.listAnnotations(ctx, id, args);
  }

  @Post('protocols/:id/annotations')
  @PonteOperation('addProtocolAnnotation', {
    summary: 'Add an annotation to a protocol',
    description: 'Answers the annotation as sent plus its new id (its time and author are null until read back).',
    write: true,
  })
  @ApiCreatedResponse({ type: ProtocolAnnotation })
  addProtocolAnnotation(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string, @Body() input: AddProtocolAnnotationInput) {
    return this.protocols.addAnnotation(ctx, id, input);
  }

  @Post('protocols/:id/messages')
  @TakesBody({ jsonLimit: UPLOAD_JSON_BODY_LIMIT, multipart: true })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } }))
  @ApiConsumes('application/json', 'multipart/form-data')
  @PonteOperation('sendProtocolMessage', {
    summary: "Send a text, an audio or an attachment into an open protocol's chat",
    description:
      '`type: TEXT` with `text`; `type: AUDIO` (ogg, mp3) or `ATTACHMENT` (jpg, jpeg, png, pdf, doc, docx, xls, xlsx, ppt, pptx, pps) with a file: ' +
      'as `application/json` with `fileBase64` (+ `filename`, `contentType`), or as `multipart/form-data` with the file in the `file` part ' +
      `and the other fields as form fields. At most ${MAX_UPLOAD_BYTES / (1024 * 1024)} MiB (413 beyond). The file name, the declared type ` +
      'and the content (its first bytes) must agree and be on the list (415 otherwise); nothing is sent to the platform on any such error.',
    write: true,
  })
  @ApiCreatedResponse({ type: SentProtocolMessage })
  @problem(413, 'The file is larger than the upload limit (`payload_too_large`).')
  @problem(415, 'The file type is not accepted, or its name, declared type and content disagree (`unsupported_media_type`).')
  sendProtocolMessage(
    @Call() ctx: CallContext,
    @Param('id', new IdPipe()) id: string,
    @Body() input: SendProtocolMessageInput,
    @UploadedFile() file: UploadedMultipartFile | undefined,
  ) {
    return this.protocols.sendMessage(ctx, id, input, file);
  }

  @Get('service-sectors')
  @PonteOperation('listServiceSectors', {
    summary: 'List service sectors',
    description: 'Each sector with its responsible person and its weekly schedule, one entry per weekday.',
  })
  @ApiOkResponse({ type: ServiceSectorPage })
  listServiceSectors(@Call() ctx: CallContext, @Query() args: ListServiceSectorsArgs) {
    return this.protocols.listServiceSectors(ctx, args);
  }

  @Get('attendants')
  @PonteOperation('listAttendants', { summary: 'List attendants' })
  @ApiOkResponse({ type: AttendantPage })
  listAttendants(@Call() ctx: CallContext, @Query() args: ListAttendantsArgs) {
    return this.protocols.listAttendants(ctx, args);
  }
}
