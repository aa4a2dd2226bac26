import { registerEnumType } from '@nestjs/graphql';
import { FlowControlActivityStatus, FlowControlDateField } from './flow-control.enums';

registerEnumType(FlowControlDateField, {
  name: 'FlowControlDateField',
  description:
    'The process date a period filter applies to: OPENING (Maxbot focus_of_period `1`), DELIVERY (`2`) or CLOSING (`3`). ' +
    "Maxbot does not document the codes; this is Ponte's reading.",
});
registerEnumType(FlowControlActivityStatus, {
  name: 'FlowControlActivityStatus',
  description: 'DONE when the activity shows an execution date, PENDING when Maxbot says "Pendente".',
});
