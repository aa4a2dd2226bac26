import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { ListConnectionsArgs } from './connections.args';
import { ConnectionsService } from './connections.service';
import { ConnectionPage } from './models/connection.model';

@Resolver()
export class ConnectionsResolver {
  constructor(@Inject(ConnectionsService) private readonly connections: ConnectionsService) {}

  @Query(() => ConnectionPage, {
    name: 'connections',
    description:
      'Configured connections: platform, supported operations and live status where the platform has one.\n\nPlatforms: all (served by the gateway itself).',
  })
  listConnections(@Call() ctx: CallContext, @Args() args: ListConnectionsArgs) {
    return this.connections.list(ctx, args);
  }
}
