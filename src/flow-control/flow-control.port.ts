import type { CallContext } from '../common/context/call-context';
import type { ListArgs } from '../common/models/list.args';
import type { Page } from '../common/pagination/page';
import type { ListFlowControlProcessesArgs } from './dto/flow-control.args';
import type { CreateFlowControlProcessInput, UpdateFlowControlProcessInput } from './dto/flow-control.input';
import type {
  CreatedFlowControlProcess,
  FlowControlProcess,
  FlowControlProcessDetail,
  FlowControlProcessUpdateResult,
  FlowControlStage,
  FlowControlType,
} from './models/flow-control.model';

/**
 * Flow control ("controle de fluxo"): pipelines of process types, their stages, and the processes
 * moving through them. Every method is optional; the registry derives capabilities from which exist.
 */
export interface FlowControlPort {
  listFlowControlTypes?(ctx: CallContext, args: ListArgs): Promise<Page<FlowControlType>>;
  listFlowControlStages?(ctx: CallContext, typeId: string, args: ListArgs): Promise<Page<FlowControlStage>>;
  listFlowControlProcesses?(ctx: CallContext, args: ListFlowControlProcessesArgs): Promise<Page<FlowControlProcess>>;
  getFlowControlProcess?(ctx: CallContext, id: string): Promise<FlowControlProcessDetail>;
  createFlowControlProcess?(ctx: CallContext, input: CreateFlowControlProcessInput): Promise<CreatedFlowControlProcess>;
  updateFlowControlProcess?(ctx: CallContext, id: string, input: UpdateFlowControlProcessInput): Promise<FlowControlProcessUpdateResult>;
}

export const FLOW_CONTROL_OPERATIONS = [
  'listFlowControlTypes',
  'listFlowControlStages',
  'listFlowControlProcesses',
  'getFlowControlProcess',
  'createFlowControlProcess',
  'updateFlowControlProcess',
] as const satisfies readonly (keyof FlowControlPort)[];
