import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { GatewayOperation } from '../common/openapi/operation.decorator';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { ListConnectionsArgs } from './connections.args';
import { ConnectionsService } from './connections.service';
import { ConnectionPage } from './models/connection.model';

@ApiTags('connections')
@ApiBearerAuth()
@Controller('v1')
export class ConnectionsController {
  constructor(@Inject(ConnectionsService) private readonly connections: ConnectionsService) {}

  @Get('connections')
  @GatewayOperation({
    summary: 'List connections',
    description:
      'Configured connections the API key may use: platform, supported operations and, where the platform has a status call (Maxbot `get_status`), its live status. ' +
      'Paged like every list; a connection named with `X-Connection` (or `connection`) lists that one alone.',
    problems: {
      400: 'Invalid `limit`, `cursor` or `status`, or an unknown connection named (`validation_failed`).',
      401: 'Missing or invalid API key (`unauthorized`).',
      403: 'The API key may not use the connection named (`forbidden`).',
    },
  })
  @ApiOkResponse({ type: ConnectionPage })
  listConnections(@Call() ctx: CallContext, @Query() args: ListConnectionsArgs) {
    return this.connections.list(ctx, args);
  }
}
