import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { GatewayOperation } from '../common/openapi/operation.decorator';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { ListConnectionsArgs } from './connections.args';
import { ConnectionsService } from './connections.service';
import { ConnectionList } from './models/connection.model';

@ApiTags('connections')
@ApiBearerAuth()
@Controller('v1')
export class ConnectionsController {
  constructor(@Inject(ConnectionsService) private readonly connections: ConnectionsService) {}

  @Get('connections')
  @GatewayOperation({
    summary: 'List connections',
    description:
      'Configured connections the API key may use: platform, supported operations and, where the platform has a status call (Maxbot `get_status`), its live status.',
  })
  @ApiOkResponse({ type: ConnectionList })
  listConnections(@Call() ctx: CallContext, @Query() args: ListConnectionsArgs) {
    return this.connections.list(ctx, args.status ?? true);
  }
}
