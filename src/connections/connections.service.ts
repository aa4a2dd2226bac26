import { webhookSecretOf, type ConnectionConfig } from '../config/config.types';
import { instantToIso } from '../common/normalize/dates';
import { Inject, Injectable } from '@nestjs/common';
import type { CallContext } from '../common/context/call-context';
import { toPonteError } from '../common/errors/problem';
import { PlatformRegistry } from '../platforms/registry';
import { DEFAULT_LIMIT, pageFromArray, type Page } from '../common/pagination/page';
import type { ListConnectionsArgs } from './connections.args';
import type { Connection, ConnectionStatus } from './models/connection.model';

@Injectable()
export class ConnectionsService {
  constructor(@Inject(PlatformRegistry) private readonly registry: PlatformRegistry) {}

  /**
   * The connections the caller may use, paged like every list, with capabilities and (in parallel,
   * for the page only) live status. A named connection (X-Connection or `connection`) lists that one
   * alone: 400 when it is not configured, 403 when the API key may not use it.
   */
  async list(ctx: CallContext, args: ListConnectionsArgs): Promise<Page<Connection>> {
    const allowed = ctx.apiKey?.connections;
    const all =
      ctx.connectionId !== undefined
        ? [this.registry.named(ctx, ctx.connectionId)]
        : this.registry.connections().filter((c) => !allowed || allowed.includes(c.id));
    const { connection: _named, limit, cursor, ...filters } = args;
    const page = pageFromArray(all, limit ?? DEFAULT_LIMIT, cursor, { ...filters, connection: ctx.connectionId });
    const withStatus = args.status ?? true;
    const data = await Promise.all(
      page.data.map(async (c): Promise<Connection> => {
        const operations = this.registry.operationsOf(c.id);
        return {
          id: c.id,
          platform: c.provider,
          isDefault: c.default,
          timezone: c.timezone,
          operations,
          webhookPath: operations.includes('receiveWebhook') && webhookSecretOf(c) ? `/v1/webhooks/${c.id}` : null,
          status: withStatus && operations.includes('getConnectionStatus') ? await this.status(ctx, c) : null,
        };
      }),
    );
    return { data, pageInfo: page.pageInfo };
  }

  private async status(ctx: CallContext, connection: ConnectionConfig): Promise<ConnectionStatus> {
    // In the connection's offset, as every datetime the API answers.
    const checkedAt = instantToIso(new Date(), connection.timezone, true);
    try {
      const { adapter } = this.registry.resolve('getConnectionStatus', {
        ...ctx,
        connectionId: connection.id,
        dryRun: false,
        reply: undefined,
      });
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
