import { InputType } from '@nestjs/graphql';
import { In } from '../../common/validation/fields';
import type { PersonType } from '../../contacts/models/contact.enums';
import { applyChargeClientFields } from './charge-fields';

/** Client fields shared by create and update; each is optional (on update, null clears it). */
class ChargeClientFieldsBase {
  country?: string | null;
  fullName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  personType?: PersonType | null;
  cpf?: string | null;
  cnpj?: string | null;
  company?: string | null;
  whatsapp?: string | null;
  mobilePhone?: string | null;
  email?: string | null;
  codes?: string[] | null;
}

@InputType({
  description: 'Who a new charge bills: a name (fullName or firstName) and a way to reach them (whatsapp, mobilePhone or email).',
})
export class ChargeClientInput extends ChargeClientFieldsBase {}
applyChargeClientFields(ChargeClientInput, 'create');

@InputType({ description: "Changes to a charge's client: only the fields present are sent; null clears a field." })
export class ChargeClientUpdateInput extends ChargeClientFieldsBase {}
applyChargeClientFields(ChargeClientUpdateInput, 'update');

@InputType({ description: 'A payment to register (Maxbot `ind_pg` 1 with `pg_date` and `pg_amount`).' })
export class ChargePaymentInput {
  @In.date({
    description: "Payment date, YYYY-MM-DD. Default: today in the connection's timezone.",
    optional: true,
    example: '2022-07-13',
  })
  date?: string;

  @In.money({ description: 'Amount paid.', example: '120.00' })
  amount: string;
}

@InputType({ description: 'A cancellation to register (Maxbot `ind_pg` 2 with `cnc_date` and `cnc_reason`).' })
export class ChargeCancellationInput {
  @In.date({
    description: "Cancellation date, YYYY-MM-DD. Default: today in the connection's timezone.",
    optional: true,
    example: '2022-07-13',
  })
  date?: string;

  @In.string({ description: 'Why the charge is cancelled.', minLength: 1, maxLength: 500, example: 'Cobrança com dados incorretos.' })
  reason: string;
}

@InputType({ description: 'The fiscal invoice (nota fiscal) of a charge (Maxbot `nf_link_pdf`, `nf_link_xml`).' })
export class ChargeInvoiceInput {
  @In.url({ description: 'Invoice PDF URL.', example: 'https://www.meusite.com.br/nfe.pdf' })
  pdfUrl: string;

  @In.url({
    description: 'Invoice XML URL. Left out or null: the charge keeps no XML (the invoice is replaced as a whole).',
    optional: true,
    nullable: true,
    example: 'https://www.meusite.com.br/nfe.xml',
  })
  xmlUrl?: string | null;
}

const BAR_CODE = /^[0-9][0-9 .-]*$/;
const BAR_CODE_MESSAGE = 'must be a payment slip line: digits, spaces, dots and dashes';

@InputType({ description: 'A new charge. Maxbot then plans its notifications (see `timeline`).' })
export class CreateChargeInput {
  @In.object(() => ChargeClientInput, { description: 'Who is billed.' })
  client: ChargeClientInput;

  @In.string({ description: 'Number of the invoice (fatura) the charge bills.', optional: true, maxLength: 50, example: '12342' })
  invoiceNumber?: string;

  @In.date({ description: 'Due date, YYYY-MM-DD.', example: '2022-07-13' })
  dueDate: string;

  @In.money({ description: 'Amount due.', example: '120.00' })
  amount: string;

  @In.url({ description: 'Payment slip (boleto) PDF URL.', optional: true, example: 'https://www.meusite.com.br/charge.pdf' })
  pdfUrl?: string;

  @In.string({
    description: 'Payment slip line (linha digitável / bar code).',
    optional: true,
    maxLength: 100,
    pattern: BAR_CODE,
    patternMessage: BAR_CODE_MESSAGE,
    example: '11791.21928 50010.794810 63000.046902 7 90520000030100',
  })
  barCode?: string;

  @In.object(() => ChargePaymentInput, { description: 'Create the charge already paid.', optional: true })
  payment?: ChargePaymentInput;

  @In.object(() => ChargeInvoiceInput, { description: 'Fiscal invoice to attach right away.', optional: true })
  invoice?: ChargeInvoiceInput;
}

@InputType({
  description:
    'Changes to a charge: only the fields present are sent; null clears a field. ' +
    'Payment, cancellation and invoice also have their own operations.',
})
export class UpdateChargeInput {
  @In.object(() => ChargeClientUpdateInput, { description: 'Changes to who is billed.', optional: true })
  client?: ChargeClientUpdateInput;

  @In.string({
    description: 'Number of the invoice (fatura) the charge bills.',
    optional: true,
    nullable: true,
    maxLength: 50,
    example: '12342',
  })
  invoiceNumber?: string | null;

  @In.date({ description: 'Due date, YYYY-MM-DD.', optional: true, example: '2022-07-13' })
  dueDate?: string;

  @In.money({ description: 'Amount due.', optional: true, example: '120.00' })
  amount?: string;

  @In.url({
    description: 'Payment slip (boleto) PDF URL.',
    optional: true,
    nullable: true,
    example: 'https://www.meusite.com.br/charge.pdf',
  })
  pdfUrl?: string | null;

  @In.string({
    description: 'Payment slip line (linha digitável / bar code).',
    optional: true,
    nullable: true,
    maxLength: 100,
    pattern: BAR_CODE,
    patternMessage: BAR_CODE_MESSAGE,
    example: '11791.21928 50010.794810 63000.046902 7 90520000030100',
  })
  barCode?: string | null;

  @In.object(() => ChargePaymentInput, { description: 'Register a payment (same as POST /v1/charges/{id}/payment).', optional: true })
  payment?: ChargePaymentInput;

  @In.object(() => ChargeInvoiceInput, { description: 'Attach a fiscal invoice (same as PUT /v1/charges/{id}/invoice).', optional: true })
  invoice?: ChargeInvoiceInput;
}

@InputType({ description: 'Charges to delete.' })
export class DeleteChargesInput {
  @In.stringList({
    description: 'Ids of the charges to delete.',
    minItems: 1,
    maxItems: 500,
    itemMaxLength: 64,
    example: ['123', '134', '532', '874'],
  })
  ids: string[];
}
