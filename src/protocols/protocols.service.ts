import { Inject, Injectable } from '@nestjs/common';
import type { CallContext } from '../common/context/call-context';
import { PlatformRegistry } from '../platforms/registry';
import { filterDialog } from './dialog-filter';
import type {
  DialogArgs,
  ListAttendantsArgs,
  ListProtocolAnnotationsArgs,
  ListProtocolsArgs,
  ListServiceSectorsArgs,
} from './dto/protocol.args';
import type { AddProtocolAnnotationInput, OpenProtocolInput, SendProtocolMessageInput, TerminateProtocolInput } from './dto/protocol.input';
import type { Protocol } from './models/protocol.model';
import { outgoingMessage, type UploadedPart } from './outgoing-message';

/** Protocols use cases: pick the connection able to do the operation, let its adapter do it. */
@Injectable()
export class ProtocolsService {
  constructor(@Inject(PlatformRegistry) private readonly registry: PlatformRegistry) {}

  list(ctx: CallContext, args: ListProtocolsArgs) {
    return this.registry.resolve('listProtocols', ctx).adapter.listProtocols(ctx, args);
  }

  open(ctx: CallContext, input: OpenProtocolInput) {
    return this.registry.resolve('openProtocol', ctx).adapter.openProtocol(ctx, input);
  }

  terminate(ctx: CallContext, protocolId: string, input: TerminateProtocolInput) {
    return this.registry.resolve('terminateProtocol', ctx).adapter.terminateProtocol(ctx, protocolId, input);
  }

  listAnnotations(ctx: CallContext, protocolId: string, args: ListProtocolAnnotationsArgs) {
    return this.registry.resolve('listProtocolAnnotations', ctx).adapter.listProtocolAnnotations(ctx, protocolId, args);
  }

  addAnnotation(ctx: CallContext, protocolId: string, input: AddProtocolAnnotationInput) {
    return this.registry.resolve('addProtocolAnnotation', ctx).adapter.addProtocolAnnotation(ctx, protocolId, input);
  }

  /** `upload` is the multipart file part (REST); JSON and GraphQL carry the file as base64 in the input. */
  sendMessage(ctx: CallContext, protocolId: string, input: SendProtocolMessageInput, upload?: UploadedPart) {
    const { adapter } = this.registry.resolve('sendProtocolMessage', ctx);
    return adapter.sendProtocolMessage(ctx, protocolId, outgoingMessage(input, upload));
  }

  listServiceSectors(ctx: CallContext, args: ListServiceSectorsArgs) {
    return this.registry.resolve('listServiceSectors', ctx).adapter.listServiceSectors(ctx, args);
  }

  listAttendants(ctx: CallContext, args: ListAttendantsArgs) {
    return this.registry.resolve('listAttendants', ctx).adapter.listAttendants(ctx, args);
  }

  /** The dialog messages a GraphQL client asked for (the protocol carries the whole dialog). */
  dialogOf(protocol: Protocol, args: DialogArgs) {
    return filterDialog(protocol.dialog, args);
  }
}
