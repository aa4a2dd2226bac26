import { Inject } from '@nestjs/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { CallContext } from '../common/context/call-context';
import { namingIdAs } from '../common/errors/ponte-error';
import { Call, ConnectionArg } from '../common/context/call.decorator';
import { withPlatforms } from '../common/openapi/operation.decorator';
import { IdPipe } from '../common/validation/id.pipe';
import { DialogArgs, ListAttendantsArgs, ListProtocolsArgs, ListServiceSectorsArgs, ProtocolAnnotationsArgs } from './dto/protocol.args';
import { AddProtocolAnnotationInput, OpenProtocolInput, SendProtocolMessageInput, TerminateProtocolInput } from './dto/protocol.input';
import { AttendantPage } from './models/attendant.model';
import {
  OpenedProtocol,
  Protocol,
  ProtocolAnnotation,
  ProtocolAnnotationPage,
  ProtocolMessage,
  ProtocolPage,
  SentProtocolMessage,
  TerminatedProtocol,
} from './models/protocol.model';
import { ServiceSectorPage } from './models/service-sector.model';
import { ProtocolsService } from './protocols.service';

@Resolver(() => Protocol)
export class ProtocolsResolver {
  constructor(@Inject(ProtocolsService) private readonly protocols: ProtocolsService) {}

  @Query(() => ProtocolPage, {
    name: 'protocols',
    description: withPlatforms(
      'listProtocols',
      'Protocols concluded (or opened) in a period, paged; ask for `notes` and `dialog` to get them. A period is required.',
    ),
  })
  listProtocols(@Call() ctx: CallContext, @Args() args: ListProtocolsArgs) {
    return this.protocols.list(ctx, args);
  }

  @ResolveField('dialog', () => [ProtocolMessage], {
    description: 'The dialog, oldest first, optionally only some message types, one direction, or without internal messages.',
  })
  dialog(@Parent() protocol: Protocol, @Args() args: DialogArgs) {
    return this.protocols.dialogOf(protocol, args);
  }

  @ResolveField('notes', () => [ProtocolAnnotation], { description: 'Annotations, newest first as the platform lists them.' })
  notes(@Parent() protocol: Protocol) {
    return protocol.notes;
  }

  @Mutation(() => OpenedProtocol, {
    description: withPlatforms(
      'openProtocol',
      'Send a follow-up (or authentication) template to a contact and open a protocol, now or scheduled.',
    ),
  })
  openProtocol(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('input') input: OpenProtocolInput) {
    return this.protocols.open(ctx, input);
  }

  @Mutation(() => TerminatedProtocol, {
    description: withPlatforms('terminateProtocol', "Terminate a protocol, with or without the account's closing message."),
  })
  terminateProtocol(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('protocolId', new IdPipe('protocolId')) protocolId: string,
    @Args('input') input: TerminateProtocolInput,
  ) {
    return namingIdAs('protocolId', this.protocols.terminate(ctx, protocolId, input));
  }

  @Query(() => ProtocolAnnotationPage, {
    name: 'protocolAnnotations',
    description: withPlatforms('listProtocolAnnotations', "A protocol's annotations, paged."),
  })
  listProtocolAnnotations(@Call() ctx: CallContext, @Args() { protocolId, ...args }: ProtocolAnnotationsArgs) {
    return namingIdAs('protocolId', this.protocols.listAnnotations(ctx, protocolId, args));
  }

  @Mutation(() => ProtocolAnnotation, { description: withPlatforms('addProtocolAnnotation', 'Add an annotation to a protocol.') })
  addProtocolAnnotation(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('protocolId', new IdPipe('protocolId')) protocolId: string,
    @Args('input') input: AddProtocolAnnotationInput,
  ) {
    return namingIdAs('protocolId', this.protocols.addAnnotation(ctx, protocolId, input));
  }

  @Mutation(() => SentProtocolMessage, {
    description: withPlatforms(
      'sendProtocolMessage',
      "Send a text, an audio (base64) or an attachment (base64) into an open protocol's chat. Requests are limited to 1 MiB; use REST for larger files.",
    ),
  })
  sendProtocolMessage(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('protocolId', new IdPipe('protocolId')) protocolId: string,
    @Args('input') input: SendProtocolMessageInput,
  ) {
    return namingIdAs('protocolId', this.protocols.sendMessage(ctx, protocolId, input));
  }

  @Query(() => ServiceSectorPage, {
    name: 'serviceSectors',
    description: withPlatforms('listServiceSectors', 'Service sectors with their weekly schedule, paged.'),
  })
  listServiceSectors(@Call() ctx: CallContext, @Args() args: ListServiceSectorsArgs) {
    return this.protocols.listServiceSectors(ctx, args);
  }

  @Query(() => AttendantPage, { name: 'attendants', description: withPlatforms('listAttendants', 'Attendants, paged.') })
  listAttendants(@Call() ctx: CallContext, @Args() args: ListAttendantsArgs) {
    return this.protocols.listAttendants(ctx, args);
  }
}
