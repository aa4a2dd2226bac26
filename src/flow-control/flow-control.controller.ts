import { Body, Controller, Get, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { LOCATION_CONNECTION_QUERY, setLocation } from '../common/http/location';
import { ListArgs } from '../common/models/list.args';
import { PonteOperation } from '../common/openapi/operation.decorator';
import { IdPipe } from '../common/validation/id.pipe';
import { ListFlowControlProcessesArgs } from './dto/flow-control.args';
import { CreateFlowControlProcessInput, UpdateFlowControlProcessInput } from './dto/flow-control.input';
import { FlowControlService } from './flow-control.service';
import {
  CreatedFlowControlProcess,
  FlowControlProcessDetail,
  FlowControlProcessPage,
  FlowControlProcessUpdateResult,
  FlowControlStagePage,
  FlowControlTypePage,
} from './models/flow-control.model';

@ApiTags('flow-control')
@ApiBearerAuth()
@Controller('v1/flow-control')
export class FlowControlController {
  constructor(@Inject(FlowControlService) private readonly flowControl: FlowControlService) {}

  @Get('types')
  @PonteOperation('listFlowControlTypes', {
    summary: 'List process types',
    description: 'The pipelines of the account. Maxbot returns them all at once; Ponte pages them with `limit` and `cursor`.',
  })
  @ApiOkResponse({ type: FlowControlTypePage })
  listFlowControlTypes(@Call() ctx: CallContext, @Query() args: ListArgs) {
    return this.flowControl.listTypes(ctx, args);
  }

  @Get('types/:id/stages')
  @PonteOperation('listFlowControlStages', { summary: 'List the stages of a process type', description: 'In pipeline order.' })
  @ApiOkResponse({ type: FlowControlStagePage })
  listFlowControlStages(@Call() ctx: CallContext, @Param('id', new IdPipe()) typeId: string, @Query() args: ListArgs) {
    return this.flowControl.listStages(ctx, typeId, args);
  }

  @Get('processes')
  @PonteOperation('listFlowControlProcesses', {
    summary: 'List processes in a period',
    description:
      '`from` and `to` are required and apply to the date chosen by `dateField` (default OPENING). Filters combine (AND). ' +
      'Maxbot returns every match at once; Ponte pages it with `limit` and `cursor`.',
  })
  @ApiOkResponse({ type: FlowControlProcessPage })
  listFlowControlProcesses(@Call() ctx: CallContext, @Query() args: ListFlowControlProcessesArgs) {
    return this.flowControl.listProcesses(ctx, args);
  }

  @Get('processes/:id')
  @PonteOperation('getFlowControlProcess', {
    summary: 'Get a process',
    description: 'With its notes, annexed files, and every stage of its pipeline with the activities.',
  })
  @ApiOkResponse({ type: FlowControlProcessDetail })
  @ApiQuery(LOCATION_CONNECTION_QUERY)
  getFlowControlProcess(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string) {
    return this.flowControl.getProcess(ctx, id);
  }

  @Post('processes')
  @PonteOperation('createFlowControlProcess', {
    summary: 'Create a process',
    description:
      '`201` with the new id and number (Maxbot answers only those) and a `Location` header to read the process back, the connection named (`?connection=`).',
    write: true,
  })
  @ApiCreatedResponse({
    type: CreatedFlowControlProcess,
    headers: { Location: { description: 'The new process, on its connection.', schema: { type: 'string' } } },
  })
  async createFlowControlProcess(
    @Call() ctx: CallContext,
    @Body() input: CreateFlowControlProcessInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const created = await this.flowControl.createProcess(ctx, input);
    setLocation(reply, `/v1/flow-control/processes/${encodeURIComponent(created.id)}`);
    return created;
  }

  @Patch('processes/:id')
  @PonteOperation('updateFlowControlProcess', {
    summary: 'Update a process',
    description: 'Only the fields present are sent; `null` clears the clearable ones. Moving a process means sending its new `stageId`.',
    write: true,
  })
  @ApiOkResponse({ type: FlowControlProcessUpdateResult })
  @ApiQuery(LOCATION_CONNECTION_QUERY)
  updateFlowControlProcess(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string, @Body() input: UpdateFlowControlProcessInput) {
    return this.flowControl.updateProcess(ctx, id, input);
  }
}
