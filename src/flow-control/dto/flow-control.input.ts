import { InputType } from '@nestjs/graphql';
import { In, type InputDoc } from '../../common/validation/fields';
import { CLEARABLE_PROCESS_FIELDS } from './flow-control.rules';

type Mode = 'create' | 'update';

const clearable = (name: string) => (CLEARABLE_PROCESS_FIELDS as readonly string[]).includes(name);

/** Create: required fields must be there, the rest may be left out. Update: all optional; clearable ones may be null. */
function presence(mode: Mode, name: string, requiredOnCreate: boolean): Pick<InputDoc, 'optional' | 'nullable'> {
  if (mode === 'create') return requiredOnCreate ? {} : { optional: true };
  return clearable(name) ? { optional: true, nullable: true } : { optional: true };
}

const field =
  <D extends InputDoc>(decorate: (doc: D) => PropertyDecorator, doc: D, requiredOnCreate = false) =>
  (mode: Mode, name: string) =>
    decorate({ ...doc, ...presence(mode, name, requiredOnCreate) });

/** The writable process fields (put_cfx_process / set_cfx_process), described once for both inputs. */
export const PROCESS_INPUT_FIELDS = {
  typeId: field(In.numericId, { description: 'Process type (see GET /v1/flow-control/types).', example: '1' }, true),
  stageId: field(
    In.numericId,
    { description: 'Stage of the type the process is in (see GET /v1/flow-control/types/{id}/stages).', example: '2' },
    true,
  ),
  title: field(
    In.string,
    { description: 'Title.', minLength: 1, maxLength: 200, pattern: /\S/, patternMessage: 'must not be blank', example: 'MAXBOT SAC 2021' },
    true,
  ),
  contactId: field(In.numericId, { description: 'Contact the process is about (see GET /v1/contacts).', example: '1' }),
  collaboratorId: field(In.numericId, { description: 'Collaborator (attendant) responsible for the process.', example: '126' }),
  protocolNumber: field(In.numericId, { description: 'Service protocol number linked to the process.', example: '1351' }),
  externalId1: field(In.string, { description: "First id of the process in the caller's own systems.", maxLength: 100, example: '1' }),
  externalId2: field(In.string, { description: "Second id of the process in the caller's own systems.", maxLength: 100, example: '2' }),
  displayValue: field(In.boolean, { description: 'Whether the value is shown on the process.', example: true }),
  value: field(In.money, { description: 'Money value.', allowZero: true, example: '100.00' }),
  description: field(In.string, { description: 'Description.', maxLength: 5000, example: 'Implantação do SAC' }),
  openingDate: field(In.date, { description: 'Opening date, YYYY-MM-DD (read back as `openedAt`).', example: '2024-12-18' }),
  deliveryDate: field(In.date, { description: 'Delivery date (deadline), YYYY-MM-DD (read back as `deliveryAt`).', example: '2024-12-20' }),
  closingDate: field(In.date, { description: 'Closing date, YYYY-MM-DD (read back as `closingAt`).', example: '2024-12-31' }),
  observation: field(In.string, { description: 'Observation (Maxbot `obs`).', maxLength: 5000, example: 'SAC 2021 OBS' }),
  archived: field(In.boolean, { description: 'Whether the process is archived.', example: false }),
  archivedDate: field(In.date, { description: 'Archiving date, YYYY-MM-DD (read back as `archivedAt`).', example: '2024-12-18' }),
} as const;

export type ProcessInputField = keyof typeof PROCESS_INPUT_FIELDS;

function applyProcessFields(target: { prototype: object }, mode: Mode): void {
  for (const [name, decorate] of Object.entries(PROCESS_INPUT_FIELDS)) decorate(mode, name)(target.prototype, name);
}

/** Fields shared by create and update (on update, null clears the clearable ones). */
class ProcessFieldsBase {
  typeId?: string;
  stageId?: string;
  title?: string;
  contactId?: string;
  collaboratorId?: string;
  protocolNumber?: string | null;
  externalId1?: string | null;
  externalId2?: string | null;
  displayValue?: boolean;
  value?: string | null;
  description?: string | null;
  openingDate?: string;
  deliveryDate?: string | null;
  closingDate?: string | null;
  observation?: string | null;
  archived?: boolean;
  archivedDate?: string | null;
}

@InputType({ description: 'A new process: its type, stage and title are required; the other fields are sent only when given.' })
export class CreateFlowControlProcessInput extends ProcessFieldsBase {
  declare typeId: string;
  declare stageId: string;
  declare title: string;
}
applyProcessFields(CreateFlowControlProcessInput, 'create');

@InputType({
  description: `Changes to a process: only the fields present are sent; null clears ${CLEARABLE_PROCESS_FIELDS.join(', ')}.`,
})
export class UpdateFlowControlProcessInput extends ProcessFieldsBase {}
applyProcessFields(UpdateFlowControlProcessInput, 'update');
