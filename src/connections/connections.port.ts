import type { CallContext } from '../common/context/call-context';
import type { ConnectionStatus } from './models/connection.model';

/** Platforms with a status call report it here (Maxbot `get_status`). */
export interface ConnectionsPort {
  getConnectionStatus?(ctx: CallContext): Promise<Omit<ConnectionStatus, 'checkedAt' | 'reachable' | 'error'>>;
}

export const CONNECTIONS_OPERATIONS = ['getConnectionStatus'] as const satisfies readonly (keyof ConnectionsPort)[];
