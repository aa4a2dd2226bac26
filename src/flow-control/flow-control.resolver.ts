import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CallContext } from '../common/context/call-context';
import { Call, ConnectionArg } from '../common/context/call.decorator';
import { ListArgs } from '../common/models/list.args';
import { withPlatforms } from '../common/openapi/operation.decorator';
import { IdPipe } from '../common/validation/id.pipe';
import { ListFlowControlProcessesArgs, ListFlowControlStagesArgs } from './dto/flow-control.args';
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

@Resolver()
export class FlowControlResolver {
  constructor(@Inject(FlowControlService) private readonly flowControl: FlowControlService) {}

  @Query(() => FlowControlTypePage, {
    name: 'flowControlTypes',
    description: withPlatforms('listFlowControlTypes', 'Process types (pipelines), paged.'),
  })
  listFlowControlTypes(@Call() ctx: CallContext, @Args() args: ListArgs) {
    return this.flowControl.listTypes(ctx, args);
  }

  @Query(() => FlowControlStagePage, {
    name: 'flowControlStages',
    description: withPlatforms('listFlowControlStages', 'Stages of a process type, in pipeline order, paged.'),
  })
  listFlowControlStages(@Call() ctx: CallContext, @Args() { typeId, ...args }: ListFlowControlStagesArgs) {
    return this.flowControl.listStages(ctx, typeId, args);
  }

  @Query(() => FlowControlProcessPage, {
    name: 'flowControlProcesses',
    description: withPlatforms('listFlowControlProcesses', 'Processes whose chosen date (dateField) falls in the period, filtered, paged.'),
  })
  listFlowControlProcesses(@Call() ctx: CallContext, @Args() args: ListFlowControlProcessesArgs) {
    return this.flowControl.listProcesses(ctx, args);
  }

  @Query(() => FlowControlProcessDetail, {
    name: 'flowControlProcess',
    description: withPlatforms('getFlowControlProcess', 'One process with notes, annexes, and stages with their activities.'),
  })
  getFlowControlProcess(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('id', new IdPipe()) id: string) {
    return this.flowControl.getProcess(ctx, id);
  }

  @Mutation(() => CreatedFlowControlProcess, {
    description: withPlatforms('createFlowControlProcess', 'Create a process; answers its new id and number.'),
  })
  createFlowControlProcess(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('input') input: CreateFlowControlProcessInput,
  ) {
    return this.flowControl.createProcess(ctx, input);
  }

  @Mutation(() => FlowControlProcessUpdateResult, {
    description: withPlatforms('updateFlowControlProcess', 'Update the fields given; null clears the clearable ones.'),
  })
  updateFlowControlProcess(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('id', new IdPipe()) id: string,
    @Args('input') input: UpdateFlowControlProcessInput,
  ) {
    return this.flowControl.updateProcess(ctx, id, input);
  }
}
