import { CHANNELS_OPERATIONS, type ChannelsPort } from '../channels/channels.port';
import { CHARGES_OPERATIONS, type ChargesPort } from '../charges/charges.port';
import { CONNECTIONS_OPERATIONS, type ConnectionsPort } from '../connections/connections.port';
import { CONTACTS_OPERATIONS, type ContactsPort } from '../contacts/contacts.port';
import { EVENTS_OPERATIONS, type EventsPort } from '../events/events.port';
import { FLOW_CONTROL_OPERATIONS, type FlowControlPort } from '../flow-control/flow-control.port';
import { MESSAGING_OPERATIONS, type MessagingPort } from '../messaging/messaging.port';
import { PROTOCOLS_OPERATIONS, type ProtocolsPort } from '../protocols/protocols.port';

/** Every capability port, merged: the full set of operations a platform adapter may implement. */
export type Ports = ContactsPort &
  ProtocolsPort &
  FlowControlPort &
  ChargesPort &
  MessagingPort &
  ChannelsPort &
  ConnectionsPort &
  EventsPort;

export type OperationName = keyof Ports;

/** Runtime list of every operation, in documentation order. */
export const OPERATIONS: readonly OperationName[] = [
  ...CONTACTS_OPERATIONS,
  ...PROTOCOLS_OPERATIONS,
  ...FLOW_CONTROL_OPERATIONS,
  ...CHARGES_OPERATIONS,
  ...MESSAGING_OPERATIONS,
  ...CHANNELS_OPERATIONS,
  ...CONNECTIONS_OPERATIONS,
  ...EVENTS_OPERATIONS,
];

/** Compile-time guard: fails to type-check when a port method is missing from OPERATIONS. */
type Unlisted = Exclude<OperationName, (typeof OPERATIONS)[number]>;
export const operationsAreExhaustive: [Unlisted] extends [never] ? true : Unlisted = true;
