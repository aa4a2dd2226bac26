import type { CallContext } from '../common/context/call-context';
import type { Page } from '../common/pagination/page';
import type { ListAttendantsArgs, ListProtocolAnnotationsArgs, ListProtocolsArgs, ListServiceSectorsArgs } from './dto/protocol.args';
import type { AddProtocolAnnotationInput, OpenProtocolInput, TerminateProtocolInput } from './dto/protocol.input';
import type { Attendant } from './models/attendant.model';
import type { OpenedProtocol, Protocol, ProtocolAnnotation, SentProtocolMessage, TerminatedProtocol } from './models/protocol.model';
import type { ServiceSector } from './models/service-sector.model';
import type { OutgoingProtocolMessage } from './outgoing-message';

/**
 * What a platform can do with service protocols (tickets), their dialog, sectors and attendants.
 * Every method is optional: the registry derives capabilities from the methods an adapter has.
 */
export interface ProtocolsPort {
  listProtocols?(ctx: CallContext, args: ListProtocolsArgs): Promise<Page<Protocol>>;
  openProtocol?(ctx: CallContext, input: OpenProtocolInput): Promise<OpenedProtocol>;
  terminateProtocol?(ctx: CallContext, protocolId: string, input: TerminateProtocolInput): Promise<TerminatedProtocol>;
  listProtocolAnnotations?(ctx: CallContext, protocolId: string, args: ListProtocolAnnotationsArgs): Promise<Page<ProtocolAnnotation>>;
  addProtocolAnnotation?(ctx: CallContext, protocolId: string, input: AddProtocolAnnotationInput): Promise<ProtocolAnnotation>;
  /** The message arrives transport-neutral: multipart uploads and base64 are already decoded and size-checked. */
  sendProtocolMessage?(ctx: CallContext, protocolId: string, message: OutgoingProtocolMessage): Promise<SentProtocolMessage>;
  listServiceSectors?(ctx: CallContext, args: ListServiceSectorsArgs): Promise<Page<ServiceSector>>;
  listAttendants?(ctx: CallContext, args: ListAttendantsArgs): Promise<Page<Attendant>>;
}

export const PROTOCOLS_OPERATIONS = [
  'listProtocols',
  'openProtocol',
  'terminateProtocol',
  'listProtocolAnnotations',
  'addProtocolAnnotation',
  'sendProtocolMessage',
  'listServiceSectors',
  'listAttendants',
] as const satisfies readonly (keyof ProtocolsPort)[];
