import type { MaxbotConnection } from '../../config/config.types';
import type { CallContext } from '../../common/context/call-context';
import { DEFAULT_LIMIT, pageFromArray, pageOfRecords, type Page } from '../../common/pagination/page';
import type { ListContactsArgs, ListSegmentationsArgs } from '../../contacts/dto/contact.args';
import type { AddContactSegmentationsInput, CreateContactInput, UpdateContactInput } from '../../contacts/dto/contact.input';
import type { CreateSegmentationInput } from '../../contacts/dto/segmentation.input';
import { SegmentationType } from '../../contacts/models/contact.enums';
import type { Contact, ContactSegmentationsResult, ContactUpdateResult, DeleteContactsResult } from '../../contacts/models/contact.model';
import type { Segmentation } from '../../contacts/models/segmentation.model';
import type { AdapterDeps, PlatformAdapter } from '../adapter';
import { MaxbotClient, recordsOf } from './maxbot.client';
import type { InboundEvent } from '../../events/events.port';
import { eventFromWebhook } from './webhooks.mappers';
import * as webhookPayloads from './webhooks.examples';
import {
  checkCreatable,
  contactFiltersToWire,
  contactFromWire,
  contactInputToWire,
  createdContact,
  requireNumericIds,
  wireIntegerIds,
  SEGMENTATION_TYPE_TO_WIRE,
  segmentationFromWire,
} from './contacts.mappers';
import type {
  AddSegmentationReply,
  GetSegmentationReply,
  GetStatusReply,
  MaxbotContactRecord,
  PutContactReply,
  WireParams,
} from './maxbot.types';
import type { ConnectionStatus } from '../../connections/models/connection.model';
import { instantToWire, wireDateTimeToIso, wireDateToIso } from '../../common/normalize/dates';
import { blankToNull } from '../../common/normalize/values';
import type { ListChargesArgs } from '../../charges/dto/charge.args';
import type {
  ChargeCancellationInput,
  ChargeInvoiceInput,
  ChargePaymentInput,
  CreateChargeInput,
  UpdateChargeInput,
} from '../../charges/dto/charge.input';
import type { Charge, ChargeUpdateResult, CreatedCharge, DeleteChargesResult } from '../../charges/models/charge.model';
import { PonteError } from '../../common/errors/ponte-error';
import {
  cancellationToWire,
  chargeFiltersToWire,
  chargeFromWire,
  createChargeToWire,
  createdCharge,
  invoiceToWire,
  paymentToWire,
  updateChargeToWire,
} from './charges.mappers';
import type { GetChargesReply, InsertChargeReply, UpdateChargeReply } from './charges.types';
import type { ListArgs } from '../../common/models/list.args';
import type { ListFlowControlProcessesArgs } from '../../flow-control/dto/flow-control.args';
import type { CreateFlowControlProcessInput, UpdateFlowControlProcessInput } from '../../flow-control/dto/flow-control.input';
import type {
  CreatedFlowControlProcess,
  FlowControlProcess,
  FlowControlProcessDetail,
  FlowControlProcessUpdateResult,
  FlowControlStage,
  FlowControlType,
} from '../../flow-control/models/flow-control.model';
import {
  processDetailFromWire,
  processFiltersToWire,
  processFromWire,
  processInputToWire,
  stageFromWire,
  typeFromWire,
} from './flow-control.mappers';
import type { GetCfxProcessReply, GetCfxStageReply, GetCfxTypeReply, MaxbotCfxProcessRow, PutCfxProcessReply } from './flow-control.types';
import type { SendEmailInput } from '../../messaging/dto/email.input';
import type { SendMessageInput } from '../../messaging/dto/message.input';
import type { OutgoingFile } from '../../common/media/outgoing-file';
import type { SendSmsInput } from '../../messaging/dto/sms.input';
import type { ListTemplateCategoriesArgs, ListTemplatesArgs } from '../../messaging/dto/template.args';
import type { SendTemplateInput } from '../../messaging/dto/template.input';
import type { SentMessage } from '../../messaging/messaging.port';
import type { MessageTemplate, TemplateCategory } from '../../messaging/models/template.model';
import {
  emailToWire,
  messageToWire,
  noticeReceipt,
  noticeToWire,
  sentReceipt,
  smsToWire,
  templateCategoryFromWire,
  templateFiltersToWire,
  templateFromWire,
} from './messaging.mappers';
import type { GetTemplateCategoryReply, GetTemplateReply, SendWithIdReply } from './messaging.types';
import type { ListChannelsArgs, ListFacebookPagesArgs, ListInstagramAccountsArgs } from '../../channels/dto/channel.args';
import type { Channel, FacebookPage, GupshupBalance, InstagramAccount } from '../../channels/models/channel.model';
import { channelFromWire, gupshupBalanceFromWire, namedFromWire } from './channels.mappers';
import type { GetBalanceGupshupReply, GetChannelReply, GetNamedListReply } from './channels.types';
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
  GetServiceSectorReply,
  MaxbotProtocolRecord,
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
  static readonly instead = {
    getContact:
      'find a Maxbot contact, filter the list by whatsapp, email or externalId (GET /v1/contacts?whatsapp=…; GraphQL contacts(whatsapp: …))',
  };
  static readonly webhookExamples = {
    maxbotMessageReceived: { summary: 'Maxbot: message received', value: webhookPayloads.MESSAGE_RECEIVED },
    maxbotMessageReceivedInAttendance: {
      summary: 'Maxbot: message received in attendance',
      value: webhookPayloads.MESSAGE_RECEIVED_IN_ATTENDANCE,
    },
    maxbotNewContact: { summary: 'Maxbot: new contact', value: webhookPayloads.NEW_CONTACT },
    maxbotContactUpdated: { summary: 'Maxbot: contact updated', value: webhookPayloads.CONTACT_UPDATED },
    maxbotChargeStatus: { summary: 'Maxbot: charge status', value: webhookPayloads.CHARGE_STATUS },
  };
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

  /** The connection's default sending channel, when the input names none (left out or null). */
  private withChannel<T extends { channelToken?: string | null }>(input: T): T {
    const fallback = this.connection.channelToken;
    return input.channelToken == null && fallback !== undefined ? { ...input, channelToken: fallback } : input;
  }

  // ── contacts ────────────────────────────────────────────────────────────────────────────────

  async listContacts(ctx: CallContext, args: ListContactsArgs): Promise<Page<Contact>> {
    const params = contactFiltersToWire(args, this.tz, new Date());
    return await this.client.listPage(ctx, 'get_contact', params, args, (r: MaxbotContactRecord) => contactFromWire(r, this.tz));
  }

  async createContact(ctx: CallContext, input: CreateContactInput): Promise<Contact> {
    checkCreatable(input);
    const { params } = contactInputToWire(input);
    const reply = await this.client.call<PutContactReply>(ctx, 'put_contact', params);
    return createdContact(idOf(reply.contact_id, 'put_contact'), input);
  }

  async updateContact(ctx: CallContext, id: string, input: UpdateContactInput): Promise<ContactUpdateResult> {
    requireNumericIds([id], 'id');
    const { params, fields } = contactInputToWire(input);
    // maxbot.txt shows set_contact only with fields; a bare one would still stamp the contact as updated.
    if (fields.length === 0) throw PonteError.validation([{ field: 'body', message: 'must contain at least one field to change' }]);
    await this.client.call(ctx, 'set_contact', { for_contact_id: id, ...params });
    return { id, updatedFields: fields };
  }

  async deleteContacts(ctx: CallContext, ids: string[]): Promise<DeleteContactsResult> {
    // maxbot.txt sends the ids as a JSON array of integers: "contact_id": [123,134,532,874].
    await this.client.call(ctx, 'delete_contact', { contact_id: wireIntegerIds(ids, 'ids') });
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
    return pageOfRecords(reply.segmentation ?? [], segmentationFromWire, args);
  }

  async createSegmentation(ctx: CallContext, input: CreateSegmentationInput): Promise<Segmentation> {
    const type = input.type ?? SegmentationType.CONTACT;
    const reply = await this.client.call<AddSegmentationReply>(ctx, 'add_segmentation', {
      segmentation_name: input.title,
      type: SEGMENTATION_TYPE_TO_WIRE[type],
    });
    return { id: idOf(reply.seg_id, 'add_segmentation'), title: input.title, type };
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

  // ── charges ─────────────────────────────────────────────────────────────────────────────────

  /** The account's calendar date: the default payment/cancellation date and a period's open end. */
  private today(): string {
    return instantToWire(new Date(), this.tz).slice(0, 10);
  }

  async listCharges(ctx: CallContext, args: ListChargesArgs): Promise<Page<Charge>> {
    const params = chargeFiltersToWire(args, this.today());
    return await this.client.listPage(ctx, 'get_charge_list', params, args, chargeFromWire);
  }

  async getCharge(ctx: CallContext, id: string): Promise<Charge> {
    requireNumericIds([id], 'id');
    // maxbot.txt: "charge_id": "000" — a string; the reply's `data` is a one-record list.
    const reply = await this.client.call<GetChargesReply>(ctx, 'get_charge', { charge_id: id });
    const record = reply.data?.[0];
    if (!record) throw new PonteError('not_found', `Maxbot has no charge ${id}`, { provider: 'maxbot', connection: this.connection.id });
    return chargeFromWire(record);
  }

  async createCharge(ctx: CallContext, input: CreateChargeInput): Promise<CreatedCharge> {
    const today = this.today();
    const params = createChargeToWire(input, today);
    const reply = await this.client.call<InsertChargeReply>(ctx, 'insert_charge', params);
    // maxbot.txt: "charge_id": "123", "created_at": "2022-07-13 08:20:10" (account wall-clock time).
    return createdCharge(idOf(reply.charge_id, 'insert_charge'), wireDateTimeToIso(reply.created_at, this.tz), input, today);
  }

  async updateCharge(ctx: CallContext, id: string, input: UpdateChargeInput): Promise<ChargeUpdateResult> {
    requireNumericIds([id], 'id');
    const { params, fields } = updateChargeToWire(input, this.today());
    return this.sendChargeUpdate(ctx, id, params, fields);
  }

  async registerChargePayment(ctx: CallContext, id: string, input: ChargePaymentInput): Promise<ChargeUpdateResult> {
    requireNumericIds([id], 'id');
    return this.sendChargeUpdate(ctx, id, paymentToWire(input, this.today()), ['status', 'payment']);
  }

  async cancelCharge(ctx: CallContext, id: string, input: ChargeCancellationInput): Promise<ChargeUpdateResult> {
    requireNumericIds([id], 'id');
    return this.sendChargeUpdate(ctx, id, cancellationToWire(input, this.today()), ['status', 'cancellation']);
  }

  async attachChargeInvoice(ctx: CallContext, id: string, input: ChargeInvoiceInput): Promise<ChargeUpdateResult> {
    requireNumericIds([id], 'id');
    return this.sendChargeUpdate(ctx, id, invoiceToWire(input), ['invoice']);
  }

  async deleteCharges(ctx: CallContext, ids: string[]): Promise<DeleteChargesResult> {
    // maxbot.txt sends the ids as a JSON array of integers: "charge_id": [123,134,532,874].
    await this.client.call(ctx, 'delete_charge', { charge_id: wireIntegerIds(ids, 'ids') });
    return { deletedIds: ids };
  }

  /** The four documented update_charge forms share the call: "charge_id": "123" (a string) plus the fields. */
  private async sendChargeUpdate(ctx: CallContext, id: string, params: WireParams, fields: string[]): Promise<ChargeUpdateResult> {
    const reply = await this.client.call<UpdateChargeReply>(ctx, 'update_charge', { charge_id: id, ...params });
    return { id, updatedFields: fields, updatedAt: wireDateTimeToIso(reply.updated_at, this.tz) };
  }
  // ── flow-control ────────────────────────────────────────────────────────────────────────────

  async listFlowControlTypes(ctx: CallContext, args: ListArgs): Promise<Page<FlowControlType>> {
    const reply = await this.client.call<GetCfxTypeReply>(ctx, 'get_cfx_type');
    return pageOfRecords(reply.cfx_type_list ?? [], typeFromWire, args);
  }

  async listFlowControlStages(ctx: CallContext, typeId: string, args: ListArgs): Promise<Page<FlowControlStage>> {
    requireNumericIds([typeId], 'id');
    // maxbot.txt: "cfx_type_id": "1"
    const reply = await this.client.call<GetCfxStageReply>(ctx, 'get_cfx_stage', { cfx_type_id: typeId });
    return pageOfRecords(reply.cfx_stage_list ?? [], (r) => stageFromWire(r, typeId), args, { ...args, typeId });
  }

  async listFlowControlProcesses(ctx: CallContext, args: ListFlowControlProcessesArgs): Promise<Page<FlowControlProcess>> {
    return await this.client.listPage(ctx, 'get_cfx_process_list', processFiltersToWire(args), args, (r: MaxbotCfxProcessRow) =>
      processFromWire(r, this.tz),
    );
  }

  async getFlowControlProcess(ctx: CallContext, id: string): Promise<FlowControlProcessDetail> {
    requireNumericIds([id], 'id');
    // maxbot.txt: "for_process_id": "128"
    const reply = await this.client.call<GetCfxProcessReply>(ctx, 'get_cfx_process', { for_process_id: id });
    const process = processDetailFromWire(reply, this.tz);
    if (!process) {
      throw new PonteError('not_found', `Maxbot answered get_cfx_process without process ${id}`, {
        provider: 'maxbot',
        connection: this.connection.id,
      });
    }
    return process;
  }

  async createFlowControlProcess(ctx: CallContext, input: CreateFlowControlProcessInput): Promise<CreatedFlowControlProcess> {
    const { params } = processInputToWire(input);
    const reply = await this.client.call<PutCfxProcessReply>(ctx, 'put_cfx_process', params);
    return { id: idOf(reply.process_id, 'put_cfx_process'), number: blankToNull(reply.process_num) };
  }

  async updateFlowControlProcess(
    ctx: CallContext,
    id: string,
    input: UpdateFlowControlProcessInput,
  ): Promise<FlowControlProcessUpdateResult> {
    requireNumericIds([id], 'id');
    const { params, fields } = processInputToWire(input);
    if (fields.length === 0) throw PonteError.validation([{ field: 'body', message: 'must contain at least one field to change' }]);
    const reply = await this.client.call<PutCfxProcessReply>(ctx, 'set_cfx_process', { for_process_id: id, ...params });
    return { id, number: blankToNull(reply.process_num), updatedFields: fields };
  }

  // ── messaging ───────────────────────────────────────────────────────────────────────────────

  async sendMessage(ctx: CallContext, input: SendMessageInput, upload: OutgoingFile | null): Promise<SentMessage> {
    const { cmd, params } = messageToWire(this.withChannel(input), upload);
    await this.client.call(ctx, cmd, params);
    return sentReceipt();
  }

  async sendTemplate(ctx: CallContext, input: SendTemplateInput): Promise<SentMessage> {
    const params = noticeToWire(this.withChannel(input), this.tz);
    await this.client.call(ctx, 'send_notice', params);
    return noticeReceipt(params, this.tz);
  }

  async sendSms(ctx: CallContext, input: SendSmsInput): Promise<SentMessage> {
    const reply = await this.client.call<SendWithIdReply>(ctx, 'send_sms', smsToWire(input));
    return sentReceipt(reply.msg_id);
  }

  async sendEmail(ctx: CallContext, input: SendEmailInput): Promise<SentMessage> {
    const reply = await this.client.call<SendWithIdReply>(ctx, 'send_email', emailToWire(input));
    return sentReceipt(reply.msg_id);
  }

  async listTemplates(ctx: CallContext, args: ListTemplatesArgs): Promise<Page<MessageTemplate>> {
    const reply = await this.client.call<GetTemplateReply>(ctx, 'get_template', templateFiltersToWire(args));
    return pageOfRecords(reply.template ?? [], templateFromWire, args);
  }

  async listTemplateCategories(ctx: CallContext, args: ListTemplateCategoriesArgs): Promise<Page<TemplateCategory>> {
    const reply = await this.client.call<GetTemplateCategoryReply>(ctx, 'get_template_category');
    return pageOfRecords(reply.template_categories ?? [], templateCategoryFromWire, args);
  }

  // ── channels ────────────────────────────────────────────────────────────────────────────────

  async listChannels(ctx: CallContext, args: ListChannelsArgs): Promise<Page<Channel>> {
    // maxbot.txt's JSON example sends "channel": "" and answers every channel; the PHP example
    // sends '1', whose meaning is not documented. Ponte sends the JSON example's value.
    const reply = await this.client.call<GetChannelReply>(ctx, 'get_channel', { channel: '' });
    const all = recordsOf(reply.data, 'get_channel')
      .map(channelFromWire)
      .filter((c) => args.kind === undefined || c.kind === args.kind);
    return pageFromArray(all, args.limit ?? DEFAULT_LIMIT, args.cursor, args);
  }

  async listInstagramAccounts(ctx: CallContext, args: ListInstagramAccountsArgs): Promise<Page<InstagramAccount>> {
    const reply = await this.client.call<GetNamedListReply>(ctx, 'get_account_instagram');
    return pageOfRecords(recordsOf(reply.data, 'get_account_instagram'), namedFromWire, args);
  }

  async listFacebookPages(ctx: CallContext, args: ListFacebookPagesArgs): Promise<Page<FacebookPage>> {
    const reply = await this.client.call<GetNamedListReply>(ctx, 'get_page_facebook');
    return pageOfRecords(recordsOf(reply.data, 'get_page_facebook'), namedFromWire, args);
  }

  async getGupshupBalance(ctx: CallContext): Promise<GupshupBalance> {
    return gupshupBalanceFromWire(await this.client.call<GetBalanceGupshupReply>(ctx, 'get_balance_gupshup'));
  }

  // ── protocols ───────────────────────────────────────────────────────────────────────────────

  async listProtocols(ctx: CallContext, args: ListProtocolsArgs): Promise<Page<Protocol>> {
    const params = protocolFiltersToWire(args, this.tz, new Date());
    return await this.client.listPage(ctx, 'get_prot', params, args, (r: MaxbotProtocolRecord) => protocolFromWire(r, this.tz));
  }

  async openProtocol(ctx: CallContext, input: OpenProtocolInput): Promise<OpenedProtocol> {
    const reply = await this.client.call<OpenFollowupReply>(ctx, 'open_followup', openFollowupToWire(this.withChannel(input), this.tz));
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
    return pageOfRecords(recordsOf(reply.data, 'get_protocol_annotation'), (r) => annotationFromWire(r, protocolId, this.tz), args, {
      ...args,
      protocolId,
    });
  }

  async addProtocolAnnotation(ctx: CallContext, protocolId: string, input: AddProtocolAnnotationInput): Promise<ProtocolAnnotation> {
    requireNumericIds([protocolId], 'id');
    // maxbot.txt: "prot_id": "123", "anot_text": "example annotation"; the reply carries "anot_id".
    const reply = await this.client.call<PutProtocolAnnotationReply>(ctx, 'put_protocol_annotation', {
      prot_id: protocolId,
      anot_text: input.text,
    });
    return { id: idOf(reply.anot_id, 'put_protocol_annotation'), protocolId, createdAt: null, attendantName: null, text: input.text };
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
    return pageOfRecords(reply.service_sector ?? [], serviceSectorFromWire, args);
  }

  async listAttendants(ctx: CallContext, args: ListAttendantsArgs): Promise<Page<Attendant>> {
    const reply = await this.client.call<GetAttendantReply>(ctx, 'get_attendant');
    return pageOfRecords(reply.attendant ?? [], attendantFromWire, args);
  }

  // ── inbound webhooks ────────────────────────────────────────────────────────────────────────

  receiveWebhook(payload: unknown): InboundEvent {
    return eventFromWebhook(payload, this.tz);
  }
}

/** The id a write answered; a success without one is the platform failing. */
function idOf(value: unknown, cmd: string): string {
  const id = blankToNull(value);
  if (id === null) throw new PonteError('provider_unavailable', `Maxbot answered ${cmd} without an id`, { provider: 'maxbot' });
  return id;
}
