import { Inject, Injectable } from '@nestjs/common';
import type { CallContext } from '../common/context/call-context';
import type { ListArgs } from '../common/models/list.args';
import { PlatformRegistry } from '../platforms/registry';
import type { ListFlowControlProcessesArgs } from './dto/flow-control.args';
import type { CreateFlowControlProcessInput, UpdateFlowControlProcessInput } from './dto/flow-control.input';

/** Flow-control use cases: pick the connection able to do the operation, let its adapter do it. */
@Injectable()
export class FlowControlService {
  constructor(@Inject(PlatformRegistry) private readonly registry: PlatformRegistry) {}

  listTypes(ctx: CallContext, args: ListArgs) {
    return this.registry.resolve('listFlowControlTypes', ctx).adapter.listFlowControlTypes(ctx, args);
  }

  listStages(ctx: CallContext, typeId: string, args: ListArgs) {
    return this.registry.resolve('listFlowControlStages', ctx).adapter.listFlowControlStages(ctx, typeId, args);
  }

  listProcesses(ctx: CallContext, args: ListFlowControlProcessesArgs) {
    return this.registry.resolve('listFlowControlProcesses', ctx).adapter.listFlowControlProcesses(ctx, args);
  }

  getProcess(ctx: CallContext, id: string) {
    return this.registry.resolve('getFlowControlProcess', ctx).adapter.getFlowControlProcess(ctx, id);
  }

  createProcess(ctx: CallContext, input: CreateFlowControlProcessInput) {
    return this.registry.resolve('createFlowControlProcess', ctx).adapter.createFlowControlProcess(ctx, input);
  }

  updateProcess(ctx: CallContext, id: string, input: UpdateFlowControlProcessInput) {
    return this.registry.resolve('updateFlowControlProcess', ctx).adapter.updateFlowControlProcess(ctx, id, input);
  }
}
