import { webhookSecretOf } from '../config/config.types';
import { Inject, Injectable } from '@nestjs/common';
import type { CallContext } from '../common/context/call-context';
import { toPonteError } from '../common/errors/problem';
import { PlatformRegistry } from '../platforms/registry';
import type { Connection, ConnectionList, ConnectionStatus } from './models/connection.model';

@Injectable()
export class ConnectionsService {
  constructor(@Inject(PlatformRegistry) private readonly registry: PlatformRegistry) {}

  /** Every connection the caller may use, with capabilities and (in parallel) live status. */
  async list(ctx: CallContext, withStatus = true): Promise<ConnectionList> {
    const allowed = ctx.apiKey?.connections;
    const connections = this.registry.connections().filter((c) => !allowed || allowed.includes(c.id));
    const data = await Promise.all(
      connections.map(async (c): Promise<Connection> => {
        const operations = this.registry.operationsOf(c.id);
        return {
          id: c.id,
          platform: c.provider,
          isDefault: c.default,
          timezone: c.timezone,
          operations,
          webhookPath: operations.includes('receiveWebhook') && webhookSecretOf(c) ? `/v1/webhooks/${c.id}` : null,
          status: withStatus && operations.includes('getConnectionStatus') ? await this.status(ctx, c.id) : null,
        };
      }),
    );
    return { data };
  }

  private async status(ctx: CallContext, connectionId: string): Promise<ConnectionStatus> {
    const checkedAt = new Date().toISOString();
    try {
      const { adapter } = this.registry.resolve('getConnectionStatus', { ...ctx, connectionId, dryRun: false });
      const status = await adapter.getConnectionStatus(ctx);
      return { ...status, reachable: true, error: null, checkedAt };
    } catch (err) {
      const { error } = toPonteError(err);
      return {
        reachable: false,
        state: null,
        activeSince: null,
        lastExecutionAt: null,
        lastOperation: null,
        error: `${error.code}: ${error.detail}`,
        checkedAt,
      };
    }
  }
}
