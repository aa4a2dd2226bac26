import { ArgsType } from '@nestjs/graphql';
import { ListArgs } from '../../common/models/list.args';
import { In } from '../../common/validation/fields';
import { ChargeOrigin, ChargeStatus } from '../models/charge.enums';
import '../models/charge.graphql-enums';

const filter = { optional: true } as const;

const period = (what: string, edge: 'from' | 'to', example?: string) =>
  In.date({
    description:
      edge === 'from'
        ? `${what} on or after this date (YYYY-MM-DD). One period at a time: created*, due* or paid*.`
        : `${what} on or before this date (YYYY-MM-DD, inclusive).`,
    example,
    ...filter,
  });

@ArgsType()
export class ListChargesArgs extends ListArgs {
  @period('Created', 'from')
  createdFrom?: string;

  @period('Created', 'to')
  createdTo?: string;

  @period('Due', 'from', '2022-07-01')
  dueFrom?: string;

  @period('Due', 'to', '2022-07-31')
  dueTo?: string;

  @period('Paid', 'from')
  paidFrom?: string;

  @period('Paid', 'to')
  paidTo?: string;

  @In.enum(ChargeStatus, 'ChargeStatus', { description: 'Only charges with this payment status.', example: ChargeStatus.OPEN, ...filter })
  status?: ChargeStatus;

  @In.boolean({ description: 'Only charges whose first charge message was (true) or was not yet (false) sent.', ...filter })
  sent?: boolean;

  @In.boolean({ description: 'Only charges with (true) or without (false) an attached fiscal invoice.', ...filter })
  hasInvoice?: boolean;

  @In.phone({ description: "Only charges to this client's WhatsApp.", example: '+55 31 91111-6666', ...filter })
  whatsapp?: string;

  @In.phone({ description: "Only charges to this client's mobile phone.", ...filter })
  mobilePhone?: string;

  @In.email({ description: "Only charges to this client's e-mail.", example: 'jose@email.com', ...filter })
  email?: string;

  @In.enum(ChargeOrigin, 'ChargeOrigin', { description: 'Only charges of this origin.', ...filter })
  origin?: ChargeOrigin;
}
