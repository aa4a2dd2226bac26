import { ArgsType } from '@nestjs/graphql';
import { ListArgs } from '../../common/models/list.args';
import { In } from '../../common/validation/fields';
import { FlowControlDateField } from '../models/flow-control.enums';
import '../models/flow-control.graphql-enums';

const filter = { optional: true } as const;

/** GraphQL arguments of flowControlStages (REST takes the type from the path: /types/{id}/stages). */
@ArgsType()
export class ListFlowControlStagesArgs extends ListArgs {
  @In.numericId({ description: 'Process type whose stages to list (see flowControlTypes).', example: '1' })
  typeId: string;
}

/**
 * Processes in a period, with every filter Maxbot's get_cfx_process_list documents. The period is
 * required: Maxbot's examples always send both bounds, and delivery/closing dates lie in the
 * future, so any open end Ponte could guess would silently cut the list.
 */
@ArgsType()
export class ListFlowControlProcessesArgs extends ListArgs {
  @In.date({ description: 'Start of the period, YYYY-MM-DD (inclusive).', example: '2021-10-01' })
  from: string;

  @In.date({ description: 'End of the period, YYYY-MM-DD (inclusive).', example: '2021-10-16' })
  to: string;

  @In.enum(FlowControlDateField, 'FlowControlDateField', {
    description: 'Which process date the period applies to (default OPENING).',
    example: FlowControlDateField.OPENING,
    ...filter,
  })
  dateField?: FlowControlDateField;

  @In.numericId({ description: 'Only processes of this type (see GET /v1/flow-control/types).', example: '1', ...filter })
  typeId?: string;

  @In.numericId({ description: 'Only processes in this stage.', example: '2', ...filter })
  stageId?: string;

  @In.numericId({ description: 'Only the process with this number.', example: '96', ...filter })
  number?: string;

  @In.numericId({ description: 'Only processes linked to this service protocol number.', example: '1400', ...filter })
  protocolNumber?: string;

  @In.numericId({ description: 'Only processes about this contact.', example: '792', ...filter })
  contactId?: string;

  @In.numericId({ description: 'Only processes this collaborator is responsible for.', example: '126', ...filter })
  collaboratorId?: string;

  @In.string({ description: 'Only processes with this title.', maxLength: 200, example: 'INTERESSADO NO MAXBOT', ...filter })
  title?: string;

  @In.string({ description: "Only processes with this first id in the caller's systems.", maxLength: 100, example: '126', ...filter })
  externalId1?: string;

  @In.string({ description: "Only processes with this second id in the caller's systems.", maxLength: 100, example: '96', ...filter })
  externalId2?: string;

  @In.money({ description: 'Only processes of this value.', allowZero: true, example: '407.00', ...filter })
  value?: string;

  @In.boolean({ description: 'Only archived (true) or not archived (false) processes.', example: false, ...filter })
  archived?: boolean;
}
