import { ObjectType } from '@nestjs/graphql';
import { Out } from '../../common/validation/fields';
import { PageOf } from '../../common/models/page.model';
import { PersonType } from '../../contacts/models/contact.enums';
import '../../contacts/models/contact.graphql-enums';
import { ChargeMessageStatus, ChargeMessageTrack, ChargeOrigin, ChargeStatus } from './charge.enums';
import './charge.graphql-enums';

@ObjectType({ description: 'The person or company a charge bills (Maxbot `client_*` fields).' })
export class ChargeClient {
  @Out.string({ description: 'Country, ISO 3166-1 alpha-2.', nullable: true, example: 'BR' })
  country: string | null;

  @Out.string({ description: 'Full name (Maxbot `client_client_name`).', nullable: true, example: 'Jose Silva' })
  fullName: string | null;

  @Out.string({ description: 'First name.', nullable: true, example: 'Jose' })
  firstName: string | null;

  @Out.string({ description: 'Surname.', nullable: true, example: 'Silva' })
  lastName: string | null;

  @Out.enum(PersonType, 'PersonType', { description: 'Individual or company.', nullable: true, example: PersonType.COMPANY })
  personType: PersonType | null;

  @Out.string({ description: 'CPF, 11 digits.', nullable: true, example: '11122233300' })
  cpf: string | null;

  @Out.string({ description: 'CNPJ, 14 characters.', nullable: true, example: '00111222000133' })
  cnpj: string | null;

  @Out.string({ description: 'Company name.', nullable: true, example: 'Empresa Minha Ltda' })
  company: string | null;

  @Out.phone({ description: 'WhatsApp number the charge messages go to, E.164.', nullable: true, example: '+5531911116666' })
  whatsapp: string | null;

  @Out.phone({ description: 'Mobile phone, E.164.', nullable: true, example: '+5531911116666' })
  mobilePhone: string | null;

  @Out.string({ description: 'E-mail address.', nullable: true, example: 'jose@email.com' })
  email: string | null;

  @Out.stringList({
    description: "The client's codes in the caller's systems (Maxbot `client_code1`..`client_code3`, blank slots left out).",
    example: ['1231', '12321', 'AV930'],
  })
  codes: string[];
}

@ObjectType({ description: 'A registered payment.' })
export class ChargePayment {
  @Out.date({ description: 'Payment date (Maxbot `pg_date`).', nullable: true, example: '2022-07-13' })
  date: string | null;

  @Out.money({ description: 'Amount paid, decimal string (Maxbot `pg_amount`).', nullable: true, example: '120.00' })
  amount: string | null;
}

@ObjectType({ description: 'A registered cancellation.' })
export class ChargeCancellation {
  @Out.date({ description: 'Cancellation date (Maxbot `cnc_date`).', nullable: true, example: '2022-07-13' })
  date: string | null;

  @Out.string({ description: 'Why it was cancelled (Maxbot `cnc_reason`).', nullable: true, example: 'Cobrança com dados incorretos.' })
  reason: string | null;
}

@ObjectType({ description: 'The fiscal invoice (nota fiscal) issued for the charge.' })
export class ChargeInvoice {
  @Out.url({ description: 'Invoice PDF (Maxbot `nf_link_pdf`).', nullable: true, example: 'https://www.meusite.com.br/nfe.pdf' })
  pdfUrl: string | null;

  @Out.url({ description: 'Invoice XML (Maxbot `nf_link_xml`).', nullable: true, example: 'https://www.meusite.com.br/nfe.xml' })
  xmlUrl: string | null;
}

@ObjectType({ description: 'One notification of a charge: a message Maxbot sends, will send or waits to send.' })
export class ChargeTimelineEntry {
  @Out.enum(ChargeMessageTrack, 'ChargeMessageTrack', { description: 'Which notification.', example: ChargeMessageTrack.FIRST_CHARGE })
  track: ChargeMessageTrack;

  @Out.enum(ChargeMessageStatus, 'ChargeMessageStatus', { description: 'Where it stands.', example: ChargeMessageStatus.SENT })
  status: ChargeMessageStatus;

  @Out.string({ description: "The platform's raw status code (kept because its meaning is undocumented).", example: '3' })
  statusCode: string;

  @Out.date({ description: 'When it was sent or is scheduled; null while it waits for its event.', nullable: true, example: '2022-07-29' })
  date: string | null;

  @Out.string({ description: 'The platform\'s note (e.g. "Waiting", "Late Date").', nullable: true, example: null })
  info: string | null;
}

@ObjectType({ description: 'A charge of Maxbot smart billing ("cobrança inteligente"): what is billed, to whom, and its notifications.' })
export class Charge {
  @Out.id({ description: 'Platform id of the charge.', example: '2342' })
  id: string;

  @Out.enum(ChargeOrigin, 'ChargeOrigin', { description: 'Where the charge came from.', nullable: true, example: ChargeOrigin.MANUAL })
  origin: ChargeOrigin | null;

  @Out.enum(ChargeStatus, 'ChargeStatus', { description: 'Payment status.', nullable: true, example: ChargeStatus.PAID })
  status: ChargeStatus | null;

  @Out.string({
    description: 'Number of the invoice (fatura) the charge bills (Maxbot `charge_invoice`).',
    nullable: true,
    example: '12342',
  })
  invoiceNumber: string | null;

  @Out.date({ description: 'Due date.', nullable: true, example: '2022-07-13' })
  dueDate: string | null;

  @Out.money({ description: 'Amount due, decimal string.', nullable: true, example: '120.00' })
  amount: string | null;

  @Out.url({ description: 'Payment slip (boleto) PDF.', nullable: true, example: 'https://www.meusite.com.br/charge.pdf' })
  pdfUrl: string | null;

  @Out.string({
    description: 'Payment slip line (linha digitável / bar code).',
    nullable: true,
    example: '11791.21928 50010.794810 63000.046902 7 90520000030100',
  })
  barCode: string | null;

  @Out.object(() => ChargeClient, { description: 'Who is billed.' })
  client: ChargeClient;

  @Out.object(() => ChargePayment, { description: 'The registered payment; null when none was registered.', nullable: true })
  payment: ChargePayment | null;

  @Out.object(() => ChargeCancellation, { description: 'The registered cancellation; null when none was registered.', nullable: true })
  cancellation: ChargeCancellation | null;

  @Out.object(() => ChargeInvoice, { description: 'The attached fiscal invoice; null when none is attached.', nullable: true })
  invoice: ChargeInvoice | null;

  @Out.list(() => ChargeTimelineEntry, {
    description:
      "Every notification of the charge's seven tracks in one list, by date (undated entries last, in track order). " +
      'Empty on a create answer: the platform plans the notifications.',
    example: [
      { track: ChargeMessageTrack.FIRST_CHARGE, status: ChargeMessageStatus.LATE, statusCode: '5', date: '2022-07-11', info: 'Late Date' },
    ],
  })
  timeline: ChargeTimelineEntry[];
}

@ObjectType({
  description:
    'A charge just created: as sent plus its new id and creation time (origin and timeline are the platform’s, known once read back).',
})
export class CreatedCharge extends Charge {
  @Out.dateTime({
    description: 'When the platform created it, with the connection UTC offset (null if the platform did not say).',
    nullable: true,
    example: '2022-07-13T08:20:10-03:00',
  })
  createdAt: string | null;
}

@ObjectType({ description: 'A page of charges.' })
export class ChargePage extends PageOf(Charge) {}

@ObjectType({ description: 'Result of a charge update (general update, payment, cancellation or invoice).' })
export class ChargeUpdateResult {
  @Out.id({ description: 'Id of the updated charge.', example: '123' })
  id: string;

  @Out.stringList({ description: 'Ponte names of the fields that were sent to the platform.', example: ['status', 'payment'] })
  updatedFields: string[];

  @Out.dateTime({
    description: 'When the platform applied it, with the connection UTC offset.',
    nullable: true,
    example: '2022-07-13T08:20:10-03:00',
  })
  updatedAt: string | null;
}

@ObjectType({ description: 'Result of deleting charges.' })
export class DeleteChargesResult {
  @Out.stringList({ description: 'Ids the platform deleted.', example: ['123', '134'] })
  deletedIds: string[];
}
