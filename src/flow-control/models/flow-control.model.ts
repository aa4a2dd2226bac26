import { ObjectType } from '@nestjs/graphql';
import { Out } from '../../common/validation/fields';
import { PageOf } from '../../common/models/page.model';
import { FlowControlActivityStatus } from './flow-control.enums';
import './flow-control.graphql-enums';

@ObjectType({ description: 'A flow-control process type: one pipeline of stages (Maxbot "tipo de processo").' })
export class FlowControlType {
  @Out.id({ description: 'Type id.', example: '1' })
  id: string;

  @Out.string({ description: 'Title.', example: 'COMERCIAL' })
  title: string;

  @Out.boolean({
    description: 'Whether processes of this type show their money value (Maxbot `ind_display_value`).',
    nullable: true,
    example: true,
  })
  displayValue: boolean | null;
}

@ObjectType({ description: 'A stage of a process type, in pipeline order.' })
export class FlowControlStage {
  @Out.id({ description: 'Stage id.', example: '1' })
  id: string;

  @Out.id({ description: 'Type the stage belongs to.', example: '1' })
  typeId: string;

  @Out.string({ description: 'Short code shown on the board.', nullable: true, example: 'C01' })
  code: string | null;

  @Out.string({ description: 'Title.', example: 'PROSPECTO' })
  title: string;
}

/** Fields a process has both in the list and in the detail view. */
@ObjectType({ isAbstract: true })
export abstract class FlowControlProcessFields {
  @Out.id({ description: 'Process id.', example: '128' })
  id: string;

  @Out.string({ description: 'Process number, as shown to users.', nullable: true, example: '96' })
  number: string | null;

  @Out.string({ description: 'Process code.', nullable: true, example: '202110-959E-8C3B-6119' })
  code: string | null;

  @Out.string({ description: 'Title.', example: 'INTERESSADO NO MAXBOT' })
  title: string;

  @Out.string({ description: 'Type title.', nullable: true, example: 'COMERCIAL' })
  typeTitle: string | null;

  @Out.id({ description: 'Current stage id.', nullable: true, example: '2' })
  stageId: string | null;

  @Out.string({ description: 'Current stage title.', nullable: true, example: 'DEMANDA' })
  stageTitle: string | null;

  @Out.string({ description: 'Name of the contact the process is about.', nullable: true, example: 'EDUARDO GONÇALVES' })
  contactName: string | null;

  @Out.string({ description: 'Name of the responsible collaborator.', nullable: true, example: 'EDUARDO GONÇALVES FILHO' })
  responsibleName: string | null;

  @Out.string({ description: 'Service protocol number linked to the process.', nullable: true, example: '1400' })
  protocolNumber: string | null;

  @Out.string({ description: "First id of the process in the caller's own systems.", nullable: true, example: '126' })
  externalId1: string | null;

  @Out.string({ description: "Second id of the process in the caller's own systems.", nullable: true, example: '96' })
  externalId2: string | null;

  @Out.boolean({ description: 'Whether the value is shown on the process (Maxbot `ind_display_value`).', nullable: true, example: true })
  displayValue: boolean | null;

  @Out.money({ description: 'Money value, decimal string.', nullable: true, example: '407.00' })
  value: string | null;

  @Out.dateTime({ description: 'Opening date, with the connection UTC offset.', nullable: true, example: '2021-10-16T00:00:00-03:00' })
  openedAt: string | null;

  @Out.dateTime({ description: 'Delivery date (deadline).', nullable: true, example: '2021-10-20T00:00:00-03:00' })
  deliveryAt: string | null;

  @Out.dateTime({ description: 'Closing date.', nullable: true, example: '2021-11-01T00:00:00-03:00' })
  closingAt: string | null;

  @Out.boolean({ description: 'Whether the process is archived.', nullable: true, example: false })
  archived: boolean | null;

  @Out.dateTime({ description: 'When it was archived; null when never ("0000-00-00 00:00:00").', nullable: true, example: null })
  archivedAt: string | null;
}

@ObjectType({ description: 'A process as the process list shows it (Maxbot get_cfx_process_list).' })
export class FlowControlProcess extends FlowControlProcessFields {
  @Out.string({
    description: 'Public token identifying the process (an identifier, not a credential).',
    nullable: true,
    example: '202110538BEAA0EB43-7F934A-B06CFF',
  })
  token: string | null;

  @Out.id({ description: 'Type id.', nullable: true, example: '1' })
  typeId: string | null;

  @Out.string({ description: 'Term of the current stage as Maxbot words it.', nullable: true, example: '15 Minutos' })
  stageTerm: string | null;

  @Out.int({
    description: 'The stage term in minutes, when it is given in minutes, hours or days (null otherwise).',
    nullable: true,
    example: 15,
  })
  stageTermMinutes: number | null;

  @Out.int({ description: 'Number of activities of the current stage (Maxbot `activity`).', nullable: true, example: 2 })
  activityCount: number | null;

  @Out.float({
    description: 'Percentage (0 to 100) of the activities of the current stage already executed (Maxbot `realized`, "0%").',
    nullable: true,
    example: 0,
  })
  realizedPercent: number | null;

  @Out.dateTime({ description: 'Last time the process moved forward.', nullable: true, example: '2021-10-16T09:54:12-03:00' })
  lastEvolutionAt: string | null;

  @Out.int({ description: 'Number of notes.', nullable: true, example: 1 })
  notesCount: number | null;

  @Out.int({ description: 'Number of annexed files.', nullable: true, example: 6 })
  annexCount: number | null;
}

@ObjectType({ description: 'A page of process types.' })
export class FlowControlTypePage extends PageOf(FlowControlType) {}

@ObjectType({ description: 'A page of stages.' })
export class FlowControlStagePage extends PageOf(FlowControlStage) {}

@ObjectType({ description: 'A page of processes.' })
export class FlowControlProcessPage extends PageOf(FlowControlProcess) {}

@ObjectType({ description: 'A note written on a process.' })
export class FlowControlNote {
  @Out.dateTime({ description: 'When it was written (Maxbot "16/10/21 09h50").', nullable: true, example: '2021-10-16T09:50:00-03:00' })
  createdAt: string | null;

  @Out.string({ description: 'Who wrote it.', nullable: true, example: 'EDUARDO GONÇALVES FILHO' })
  author: string | null;

  @Out.string({ description: 'Text.', example: 'Marcado demostração para Cliente dia 18/10/2021.' })
  text: string;
}

@ObjectType({ description: 'A file annexed to a process.' })
export class FlowControlAnnex {
  @Out.dateTime({ description: 'When it was annexed.', nullable: true, example: '2021-10-16T09:53:00-03:00' })
  createdAt: string | null;

  @Out.string({ description: 'Who annexed it.', nullable: true, example: 'EDUARDO GONÇALVES FILHO' })
  author: string | null;

  @Out.string({ description: 'Title.', nullable: true, example: 'TESTE ARQUIVO 1' })
  title: string | null;

  @Out.url({
    description: 'Download URL.',
    nullable: true,
    example: 'https://app.maxbot.com.br/anexos_docs/bc4b65e1e3b4805a28ec837f22b159f2.jpg',
  })
  url: string | null;

  @Out.string({ description: 'Stored file name (Maxbot `annex_info`).', nullable: true, example: 'bc4b65e1e3b4805a28ec837f22b159f2.jpg' })
  fileName: string | null;

  @Out.string({ description: 'Size as Maxbot words it.', nullable: true, example: '1.28M' })
  size: string | null;

  @Out.float({
    description: 'Approximate size in bytes, read from `size` with K/M/G as powers of 1024 (a whole number; null when unreadable).',
    nullable: true,
    example: 1342177,
  })
  sizeBytes: number | null;
}

@ObjectType({ description: 'An activity (task) of a stage of a process.' })
export class FlowControlActivity {
  @Out.id({ description: 'Activity id.', example: '1' })
  id: string;

  @Out.string({ description: 'Short code.', nullable: true, example: 'E1' })
  code: string | null;

  @Out.string({ description: 'Title.', example: 'Completar ficha cadastral' })
  title: string;

  @Out.string({ description: 'What has to be done.', nullable: true, example: 'Completar a ficha do contato.' })
  description: string | null;

  @Out.string({ description: 'Term as Maxbot words it.', nullable: true, example: '5 Minutos' })
  term: string | null;

  @Out.int({ description: 'The term in minutes, when given in minutes, hours or days.', nullable: true, example: 5 })
  termMinutes: number | null;

  @Out.boolean({ description: 'Whether the activity is current (Maxbot `activity_current`).', nullable: true, example: false })
  current: boolean | null;

  @Out.enum(FlowControlActivityStatus, 'FlowControlActivityStatus', {
    description: 'DONE or PENDING; null when Maxbot shows something else.',
    nullable: true,
    example: FlowControlActivityStatus.DONE,
  })
  status: FlowControlActivityStatus | null;

  @Out.dateTime({
    description: 'When it was executed (Maxbot "16/10/2021 09:50"); null while pending.',
    nullable: true,
    example: '2021-10-16T09:50:00-03:00',
  })
  executedAt: string | null;

  @Out.string({ description: 'Who executed it.', nullable: true, example: 'Eduardo Gonçalves Filho' })
  executedBy: string | null;

  @Out.string({ description: 'Public note on the execution, shown to everyone.', nullable: true, example: null })
  publicNote: string | null;

  @Out.string({ description: 'Internal note on the execution, shown to the team only.', nullable: true, example: null })
  internalNote: string | null;
}

@ObjectType({ description: 'A stage of a process with its activities.' })
export class FlowControlProcessStage {
  @Out.id({ description: 'Stage id.', example: '1' })
  id: string;

  @Out.string({ description: 'Short code.', nullable: true, example: 'C01' })
  code: string | null;

  @Out.string({ description: 'Title.', example: 'PROSPECTO' })
  title: string;

  @Out.boolean({ description: 'Whether the process is in this stage now (Maxbot `stage_current`).', nullable: true, example: false })
  current: boolean | null;

  @Out.list(() => FlowControlActivity, { description: 'Activities of the stage, in order.' })
  activities: FlowControlActivity[];
}

@ObjectType({ description: 'One process with everything Maxbot tells about it (get_cfx_process).' })
export class FlowControlProcessDetail extends FlowControlProcessFields {
  @Out.string({ description: 'Description.', nullable: true, example: 'Descrição' })
  description: string | null;

  @Out.string({ description: 'Observation (Maxbot `obs`).', nullable: true, example: 'Observação' })
  observation: string | null;

  @Out.string({ description: 'User who last changed the process.', nullable: true, example: 'eduardoatendente' })
  updatedBy: string | null;

  @Out.dateTime({ description: 'Last change.', nullable: true, example: '2021-10-16T09:54:12-03:00' })
  updatedAt: string | null;

  @Out.list(() => FlowControlNote, { description: 'Notes, as Maxbot lists them.' })
  notes: FlowControlNote[];

  @Out.list(() => FlowControlAnnex, { description: 'Annexed files.' })
  annexes: FlowControlAnnex[];

  @Out.list(() => FlowControlProcessStage, { description: 'Every stage of the pipeline with its activities, in order.' })
  stages: FlowControlProcessStage[];
}

@ObjectType({ description: 'A process Maxbot created (put_cfx_process answers its id and number).' })
export class CreatedFlowControlProcess {
  @Out.id({ description: 'New process id.', example: '111' })
  id: string;

  @Out.string({ description: 'Process number, as shown to users.', nullable: true, example: '84' })
  number: string | null;
}

@ObjectType({ description: 'Result of a process update.' })
export class FlowControlProcessUpdateResult {
  @Out.id({ description: 'Process id.', example: '111' })
  id: string;

  @Out.string({ description: 'Process number, as Maxbot answers it.', nullable: true, example: '84' })
  number: string | null;

  @Out.stringList({ description: 'Ponte names of the fields that were sent to the platform.', example: ['stageId', 'value'] })
  updatedFields: string[];
}
