import type { MaxbotConnection } from '../../config/config.types';
import type { CallContext } from '../../common/context/call-context';
import { pageFromArray, type Page } from '../../common/pagination/page';
import type { ListContactsArgs, ListSegmentationsArgs } from '../../contacts/dto/contact.args';
import type { AddContactSegmentationsInput, CreateContactInput, UpdateContactInput } from '../../contacts/dto/contact.input';
import type { CreateSegmentationInput } from '../../contacts/dto/segmentation.input';
import { SegmentationType } from '../../contacts/models/contact.enums';
import type { Contact, ContactSegmentationsResult, ContactUpdateResult, DeleteContactsResult } from '../../contacts/models/contact.model';
import type { Segmentation } from '../../contacts/models/segmentation.model';
import { DEFAULT_LIMIT } from '../../common/pagination/page';
import type { AdapterDeps, PlatformAdapter } from '../adapter';
import { MaxbotClient } from './maxbot.client';
import {
  checkCreatable,
  contactFiltersToWire,
  contactFromWire,
  contactInputToWire,
  createdContact,
  requireNumericIds,
  SEGMENTATION_TYPE_TO_WIRE,
  segmentationFromWire,
} from './contacts.mappers';
import type {
  AddSegmentationReply,
  GetContactReply,
  GetSegmentationReply,
  GetStatusReply,
  PutContactReply,
  WireParams,
} from './maxbot.types';
import type { ConnectionStatus } from '../../connections/models/connection.model';
import { wireDateTimeToIso, wireDateToIso } from '../../common/normalize/dates';
import { blankToNull } from '../../common/normalize/values';
import type {
  ListAttendantsArgs,
  ListProtocolAnnotationsArgs,
  ListProtocolsArgs,
  ListServiceSectorsArgs,
} from '../../protocols/dto/protocol.args';
import type { AddProtocolAnnotationInput, OpenProtocolInput, TerminateProtocolInput } from '../../protocols/dto/protocol.input';
import type { Attendant } from '../../protocols/models/attendant.model';
import type {
  OpenedProtocol,
  Protocol,
  ProtocolAnnotation,
  SentProtocolMessage,
  TerminatedProtocol,
} from '../../protocols/models/protocol.model';
import type { ServiceSector } from '../../protocols/models/service-sector.model';
import type { OutgoingProtocolMessage } from '../../protocols/outgoing-message';
import {
  annotationFromWire,
  attendantFromWire,
  chatMessageToWire,
  openedProtocol,
  openFollowupToWire,
  protocolFiltersToWire,
  protocolFromWire,
  sentMessageFromWire,
  serviceSectorFromWire,
  terminateToWire,
} from './protocols.mappers';
import type {
  GetAttendantReply,
  GetProtocolAnnotationReply,
  GetProtReply,
  GetServiceSectorReply,
  OpenFollowupReply,
  PutProtocolAnnotationReply,
  SendChatReply,
} from './protocols.types';

/**
 * Maxbot: one endpoint, `{token, cmd, ...}` for every operation. Each method validates what the
 * platform cannot check for us, maps the input with a pure mapper, makes one `cmd` call through
 * {@link MaxbotClient}, and maps the reply back.
 */
export class MaxbotAdapter implements PlatformAdapter {
  static readonly platform = 'maxbot' as const;
  private readonly client: MaxbotClient;

  constructor(
    readonly connection: MaxbotConnection,
    deps: AdapterDeps,
  ) {
    this.client = new MaxbotClient(connection, deps.http);
  }

  private get tz(): string {
    return this.connection.timezone;
  }

  // ── contacts ────────────────────────────────────────────────────────────────────────────────

  async listContacts(ctx: CallContext, args: ListContactsArgs): Promise<Page<Contact>> {
    const params = contactFiltersToWire(args, this.tz, new Date());
    const reply = await this.client.call<GetContactReply>(ctx, 'get_contact', params);
    const contacts = (reply.data ?? []).map((r) => contactFromWire(r, this.tz));
    return pageFromArray(contacts, args.limit ?? DEFAULT_LIMIT, args.cursor, args);
  }

  async createContact(ctx: CallContext, input: CreateContactInput): Promise<Contact> {
    checkCreatable(input);
    const { params } = contactInputToWire(input);
    const reply = await this.client.call<PutContactReply>(ctx, 'put_contact', params);
    return createdContact(String(reply.contact_id), input);
  }

  async updateContact(ctx: CallContext, id: string, input: UpdateContactInput): Promise<ContactUpdateResult> {
    requireNumericIds([id], 'id');
    const { params, fields } = contactInputToWire(input);
    await this.client.call(ctx, 'set_contact', { for_contact_id: id, ...params });
    return { id, updatedFields: fields };
  }

  async deleteContacts(ctx: CallContext, ids: string[]): Promise<DeleteContactsResult> {
    requireNumericIds(ids, 'ids');
    // maxbot.txt sends the ids as a JSON array of integers: "contact_id": [123,134,532,874].
    await this.client.call(ctx, 'delete_contact', { contact_id: ids.map(Number) });
    return { deletedIds: ids };
  }

  async addContactSegmentations(
    ctx: CallContext,
    contactId: string,
    input: AddContactSegmentationsInput,
  ): Promise<ContactSegmentationsResult> {
    requireNumericIds([contactId], 'id');
    await this.client.call(ctx, 'add_contact_segmentation', {
      // maxbot.txt: "segmentation_ids": "113, 211" — one comma-separated string.
      segmentation_ids: input.segmentationIds.join(', '),
      contact_id: contactId,
    });
    return { contactId, segmentationIds: input.segmentationIds };
  }

  async listSegmentations(ctx: CallContext, args: ListSegmentationsArgs): Promise<Page<Segmentation>> {
    const params: WireParams = args.type !== undefined ? { type: SEGMENTATION_TYPE_TO_WIRE[args.type] } : {};
    const reply = await this.client.call<GetSegmentationReply>(ctx, 'get_segmentation', params);
    const all = (reply.segmentation ?? []).map(segmentationFromWire);
    return pageFromArray(all, args.limit ?? DEFAULT_LIMIT, args.cursor, args);
  }

  async createSegmentation(ctx: CallContext, input: CreateSegmentationInput): Promise<Segmentation> {
    const type = input.type ?? SegmentationType.CONTACT;
    const reply = await this.client.call<AddSegmentationReply>(ctx, 'add_segmentation', {
      segmentation_name: input.title,
      type: SEGMENTATION_TYPE_TO_WIRE[type],
    });
    return { id: String(reply.seg_id), title: input.title, type };
  }

  // ── connections ─────────────────────────────────────────────────────────────────────────────

  async getConnectionStatus(ctx: CallContext): Promise<Omit<ConnectionStatus, 'checkedAt' | 'reachable' | 'error'>> {
    const reply = await this.client.call<GetStatusReply>(ctx, 'get_status');
    const status = reply.data?.[0];
    return {
      state: blankToNull(status?.status),
      activeSince: wireDateToIso(status?.created_at),
      lastExecutionAt: wireDateTimeToIso(status?.last_execution_at, this.tz),
      lastOperation: blankToNull(status?.last_operation),
    };
  }

  // ── protocols ───────────────────────────────────────────────────────────────────────────────

  async listProtocols(ctx: CallContext, args: ListProtocolsArgs): Promise<Page<Protocol>> {
    const params = protocolFiltersToWire(args, this.tz, new Date());
    const reply = await this.client.call<GetProtReply>(ctx, 'get_prot', params);
    const protocols = (reply.data ?? []).map((r) => protocolFromWire(r, this.tz));
    return pageFromArray(protocols, args.limit ?? DEFAULT_LIMIT, args.cursor, args);
  }

  async openProtocol(ctx: CallContext, input: OpenProtocolInput): Promise<OpenedProtocol> {
    const reply = await this.client.call<OpenFollowupReply>(ctx, 'open_followup', openFollowupToWire(input, this.tz));
    return openedProtocol(reply, input, this.tz);
  }

  async terminateProtocol(ctx: CallContext, protocolId: string, input: TerminateProtocolInput): Promise<TerminatedProtocol> {
    requireNumericIds([protocolId], 'id');
    await this.client.call(ctx, 'terminate_prot', terminateToWire(protocolId, input));
    return { id: protocolId, closingMessageSent: input.sendClosingMessage };
  }

  async listProtocolAnnotations(
    ctx: CallContext,
    protocolId: string,
    args: ListProtocolAnnotationsArgs,
  ): Promise<Page<ProtocolAnnotation>> {
    requireNumericIds([protocolId], 'id');
    // maxbot.txt: "prot_id": "123" (a string).
    const reply = await this.client.call<GetProtocolAnnotationReply>(ctx, 'get_protocol_annotation', { prot_id: protocolId });
    const annotations = (reply.data ?? []).map((r) => annotationFromWire(r, protocolId, this.tz));
    return pageFromArray(annotations, args.limit ?? DEFAULT_LIMIT, args.cursor, { ...args, protocolId });
  }

  async addProtocolAnnotation(ctx: CallContext, protocolId: string, input: AddProtocolAnnotationInput): Promise<ProtocolAnnotation> {
    requireNumericIds([protocolId], 'id');
    // maxbot.txt: "prot_id": "123", "anot_text": "example annotation"; the reply carries "anot_id".
    const reply = await this.client.call<PutProtocolAnnotationReply>(ctx, 'put_protocol_annotation', {
      prot_id: protocolId,
      anot_text: input.text,
    });
    return { id: String(reply.anot_id), protocolId, createdAt: null, attendantName: null, text: input.text };
  }

  async sendProtocolMessage(ctx: CallContext, protocolId: string, message: OutgoingProtocolMessage): Promise<SentProtocolMessage> {
    requireNumericIds([protocolId], 'id');
    // Built (and the file checked) before the call: a refused file sends nothing.
    const call = chatMessageToWire(protocolId, message, this.tz, new Date());
    const reply = await this.client.call<SendChatReply>(ctx, call.cmd, call.params);
    return sentMessageFromWire(protocolId, call, message, reply, this.tz);
  }

  async listServiceSectors(ctx: CallContext, args: ListServiceSectorsArgs): Promise<Page<ServiceSector>> {
    const reply = await this.client.call<GetServiceSectorReply>(ctx, 'get_service_sector');
    return pageFromArray((reply.service_sector ?? []).map(serviceSectorFromWire), args.limit ?? DEFAULT_LIMIT, args.cursor, args);
  }

  async listAttendants(ctx: CallContext, args: ListAttendantsArgs): Promise<Page<Attendant>> {
    const reply = await this.client.call<GetAttendantReply>(ctx, 'get_attendant');
    return pageFromArray((reply.attendant ?? []).map(attendantFromWire), args.limit ?? DEFAULT_LIMIT, args.cursor, args);
  }
}
