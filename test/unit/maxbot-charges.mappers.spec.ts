/** Pure Maxbot charge mappers, checked against the records and requests of maxbot.txt ("cobrança inteligente"). */
import { ChargeMessageStatus, ChargeMessageTrack, ChargeOrigin, ChargeStatus } from '../../src/charges/models/charge.enums';
import { PonteError } from '../../src/common/errors/ponte-error';
import { PersonType } from '../../src/contacts/models/contact.enums';
import {
  cancellationToWire,
  chargeFiltersToWire,
  chargeFromWire,
  createChargeToWire,
  createdCharge,
  invoiceToWire,
  paymentToWire,
  timelineFromWire,
  updateChargeToWire,
} from '../../src/platforms/maxbot/charges.mappers';
import { seedCharges } from '../../src/sandbox/maxbot/charges.sim';

const TODAY = '2024-05-10';

/** The get_charge example of maxbot.txt, verbatim (origin "M"; msg_cnc status "3"). */
const GET_CHARGE_EXAMPLE = {
  client_country: 'BR',
  client_client_name: 'Jose Silva',
  client_name: 'Jose',
  client_last_name: 'Silva',
  client_br_person_type: 'J',
  client_br_cpf: '11122233300',
  client_br_cnpj: '00111222000133',
  client_company: 'Empresa Minha Ltda',
  client_whatsapp: '5531911116666',
  client_mobile_phone: '5531911116666',
  client_email: 'jose@email.com',
  client_code1: '1231',
  client_code2: '12321',
  client_code3: 'AV930',
  charge_id: '2342',
  charge_origin: 'M',
  charge_invoice: '12342',
  charge_due_date: '2022-07-13',
  charge_amount: '120.00',
  charge_link_pdf: 'https://www.meusite.com.br/charge.pdf',
  charge_bar_code: '11791.21928 50010.794810 63000.046902 7 90520000030100',
  ind_pg: '1',
  pg_date: '2022-07-13',
  pg_amount: '120.00',
  cnc_date: '',
  cnc_reason: '',
  nf_link_pdf: 'https://www.meusite.com.br/nfe.pdf',
  nf_link_xml: 'https://www.meusite.com.br/nfe.xml',
  msg_charge_1: [{ status: '5', date: '2022-07-11', info: 'Late Date' }],
  msg_charge_2: [{ status: '1', date: '2022-07-29', info: '' }],
  msg_alert_1: [{ status: '1', date: '2022-08-29', info: '' }],
  msg_alert_2: [{ status: '1', date: '2022-09-29', info: '' }],
  msg_pg: [{ status: '2', date: '', info: 'Waiting' }],
  msg_cnc: [{ status: '3', date: '2022-07-29', info: '' }],
  msg_nf: [{ status: '3', date: '2022-07-29', info: '' }],
};

describe('chargeFromWire', () => {
  it('normalizes the get_charge example of maxbot.txt, the seven tracks as one timeline', () => {
    expect(chargeFromWire(GET_CHARGE_EXAMPLE)).toEqual({
      id: '2342',
      origin: ChargeOrigin.MANUAL,
      status: ChargeStatus.PAID,
      invoiceNumber: '12342',
      dueDate: '2022-07-13',
      amount: '120.00',
      pdfUrl: 'https://www.meusite.com.br/charge.pdf',
      barCode: '11791.21928 50010.794810 63000.046902 7 90520000030100',
      client: {
        country: 'BR',
        fullName: 'Jose Silva',
        firstName: 'Jose',
        lastName: 'Silva',
        personType: PersonType.COMPANY,
        cpf: '11122233300',
        cnpj: '00111222000133',
        company: 'Empresa Minha Ltda',
        whatsapp: '+5531911116666',
        mobilePhone: '+5531911116666',
        email: 'jose@email.com',
        codes: ['1231', '12321', 'AV930'],
      },
      payment: { date: '2022-07-13', amount: '120.00' },
      cancellation: null,
      invoice: { pdfUrl: 'https://www.meusite.com.br/nfe.pdf', xmlUrl: 'https://www.meusite.com.br/nfe.xml' },
      // By date; ties keep track order (charge_2, cnc, nf all on 2022-07-29); undated "Waiting" last.
      timeline: [
        {
          track: ChargeMessageTrack.FIRST_CHARGE,
          status: ChargeMessageStatus.LATE,
          statusCode: '5',
          date: '2022-07-11',
          info: 'Late Date',
        },
        { track: ChargeMessageTrack.SECOND_CHARGE, status: ChargeMessageStatus.SCHEDULED, statusCode: '1', date: '2022-07-29', info: null },
        {
          track: ChargeMessageTrack.CANCELLATION_NOTICE,
          status: ChargeMessageStatus.SENT,
          statusCode: '3',
          date: '2022-07-29',
          info: null,
        },
        { track: ChargeMessageTrack.INVOICE_DELIVERY, status: ChargeMessageStatus.SENT, statusCode: '3', date: '2022-07-29', info: null },
        { track: ChargeMessageTrack.FIRST_ALERT, status: ChargeMessageStatus.SCHEDULED, statusCode: '1', date: '2022-08-29', info: null },
        { track: ChargeMessageTrack.SECOND_ALERT, status: ChargeMessageStatus.SCHEDULED, statusCode: '1', date: '2022-09-29', info: null },
        {
          track: ChargeMessageTrack.PAYMENT_CONFIRMATION,
          status: ChargeMessageStatus.WAITING,
          statusCode: '2',
          date: null,
          info: 'Waiting',
        },
      ],
    });
  });

  it('reads the origin forms of the examples: "Manual", "M" and "API"', () => {
    const [listed, webhook] = seedCharges();
    expect(chargeFromWire(listed as never).origin).toBe(ChargeOrigin.MANUAL);
    expect(chargeFromWire(webhook as never).origin).toBe(ChargeOrigin.API);
    expect(chargeFromWire({ charge_id: 1, charge_origin: 'Planilha' }).origin).toBeNull();
  });

  it('copes with numeric values, unknown codes, blank sub-objects and missing tracks', () => {
    const c = chargeFromWire({
      charge_id: 77,
      ind_pg: 2,
      charge_amount: 99.5,
      cnc_date: '2022-07-13',
      cnc_reason: 'Cobrança com dados incorretos.',
      client_code2: 'B',
      msg_nf: [{ status: '4', date: '0000-00-00', info: 'x' }],
    });
    expect(c).toMatchObject({
      id: '77',
      status: ChargeStatus.CANCELLED,
      amount: '99.50',
      payment: null,
      invoice: null,
      cancellation: { date: '2022-07-13', reason: 'Cobrança com dados incorretos.' },
      client: { codes: ['B'], personType: null, whatsapp: null },
      timeline: [
        { track: ChargeMessageTrack.INVOICE_DELIVERY, status: ChargeMessageStatus.UNKNOWN, statusCode: '4', date: null, info: 'x' },
      ],
    });
    expect(chargeFromWire({ charge_id: '1', ind_pg: '9' }).status).toBeNull();
    expect(timelineFromWire({ charge_id: '1', msg_pg: 'garbage' as never })).toEqual([]);
  });
});

describe('chargeFiltersToWire', () => {
  it('maps a due-date period to focus_of_period "1" and every other filter to its wire form', () => {
    expect(
      chargeFiltersToWire(
        {
          dueFrom: '2021-10-01',
          dueTo: '2021-10-16',
          sent: true,
          status: ChargeStatus.OPEN,
          hasInvoice: false,
          whatsapp: '+5531911116666',
          mobilePhone: '+5531911116666',
          email: 'jose@email.com',
          origin: ChargeOrigin.MANUAL,
        },
        TODAY,
      ),
    ).toEqual({
      date_start: '2021-10-01',
      date_stop: '2021-10-16',
      focus_of_period: '1',
      send: '1',
      payment: '0',
      invoice: '0',
      whatsapp: '5531911116666',
      mobile_phone: '5531911116666',
      email: 'jose@email.com',
      origin: 'Manual',
    });
  });

  it('fills an open end: 1970-01-01, today for created/paid, 9999-12-31 for due dates', () => {
    expect(chargeFiltersToWire({ createdFrom: '2024-01-01' }, TODAY)).toEqual({
      date_start: '2024-01-01',
      date_stop: TODAY,
      focus_of_period: '0',
    });
    expect(chargeFiltersToWire({ paidTo: '2024-02-01' }, TODAY)).toEqual({
      date_start: '1970-01-01',
      date_stop: '2024-02-01',
      focus_of_period: '2',
    });
    expect(chargeFiltersToWire({ dueFrom: '2024-06-01' }, TODAY)).toEqual({
      date_start: '2024-06-01',
      date_stop: '9999-12-31',
      focus_of_period: '1',
    });
    expect(chargeFiltersToWire({}, TODAY)).toEqual({});
  });

  it('refuses two periods at once and reversed periods', () => {
    expect(() => chargeFiltersToWire({ dueFrom: '2024-01-01', paidTo: '2024-02-01' }, TODAY)).toThrow(/one period at a time/);
    try {
      chargeFiltersToWire({ dueFrom: '2024-02-01', dueTo: '2024-01-01' }, TODAY);
      throw new Error('expected a validation error');
    } catch (err) {
      expect(err).toBeInstanceOf(PonteError);
      expect((err as PonteError).extras.errors).toEqual([{ field: 'dueTo', message: 'must not be before the start of the period' }]);
    }
  });
});

describe('createChargeToWire', () => {
  it('sends the insert_charge fields of maxbot.txt, ind_pg "1" with the payment', () => {
    expect(
      createChargeToWire(
        {
          client: {
            country: 'BR',
            fullName: 'Jose Silva',
            firstName: 'Jose',
            lastName: 'Silva',
            personType: PersonType.COMPANY,
            cpf: '87348769527',
            cnpj: '64420582000148',
            company: 'Empresa Minha Ltda',
            whatsapp: '+5531911116666',
            mobilePhone: '+5531911116666',
            email: 'jose@email.com',
            codes: ['1231', '12321', 'AV930'],
          },
          invoiceNumber: '12342',
          dueDate: '2022-07-13',
          amount: '120.00',
          pdfUrl: 'https://www.meusite.com.br/charge.pdf',
          barCode: '11791.21928 50010.794810 63000.046902 7 90520000030100',
          payment: { date: '2022-07-13', amount: '120.00' },
          invoice: { pdfUrl: 'https://www.meusite.com.br/nfe.pdf', xmlUrl: 'https://www.meusite.com.br/nfe.xml' },
        },
        TODAY,
      ),
    ).toEqual({
      client_country: 'BR',
      client_client_name: 'Jose Silva',
      client_name: 'Jose',
      client_last_name: 'Silva',
      client_br_person_type: 'J',
      client_br_cpf: '87348769527',
      client_br_cnpj: '64420582000148',
      client_company: 'Empresa Minha Ltda',
      client_whatsapp: '5531911116666',
      client_mobile_phone: '5531911116666',
      client_email: 'jose@email.com',
      client_code1: '1231',
      client_code2: '12321',
      client_code3: 'AV930',
      charge_invoice: '12342',
      charge_due_date: '2022-07-13',
      charge_amount: '120.00',
      charge_link_pdf: 'https://www.meusite.com.br/charge.pdf',
      charge_bar_code: '11791.21928 50010.794810 63000.046902 7 90520000030100',
      ind_pg: '1',
      pg_date: '2022-07-13',
      pg_amount: '120.00',
      nf_link_pdf: 'https://www.meusite.com.br/nfe.pdf',
      nf_link_xml: 'https://www.meusite.com.br/nfe.xml',
    });
  });

  it('sends ind_pg "0" without a payment (the PHP sample) and only the fields given', () => {
    expect(
      createChargeToWire(
        {
          client: { firstName: 'Jose', personType: PersonType.INDIVIDUAL, whatsapp: '+5531911116666', codes: ['X'] },
          dueDate: '2022-07-12',
          amount: '120.00',
        },
        TODAY,
      ),
    ).toEqual({
      client_name: 'Jose',
      client_br_person_type: 'F',
      client_whatsapp: '5531911116666',
      client_code1: 'X',
      client_code2: '',
      client_code3: '',
      charge_due_date: '2022-07-12',
      charge_amount: '120.00',
      ind_pg: '0',
    });
  });

  it('needs a client name and a way to reach the client', () => {
    try {
      createChargeToWire({ client: { cpf: '87348769527' }, dueDate: '2022-07-12', amount: '1.00' }, TODAY);
      throw new Error('expected a validation error');
    } catch (err) {
      expect((err as PonteError).code).toBe('validation_failed');
      expect((err as PonteError).extras.errors?.map((e) => e.field)).toEqual(['client.firstName', 'client.whatsapp']);
    }
  });

  it('answers the charge as sent: PAID with a payment, payment date defaulting to today, origin and timeline unknown', () => {
    const c = createdCharge(
      '123',
      '2022-07-13T08:20:10-03:00',
      { client: { firstName: 'Jose', email: 'jose@email.com' }, dueDate: '2022-07-12', amount: '120.00', payment: { amount: '120.00' } },
      TODAY,
    );
    expect(c).toMatchObject({
      id: '123',
      createdAt: '2022-07-13T08:20:10-03:00',
      origin: null,
      status: ChargeStatus.PAID,
      payment: { date: TODAY, amount: '120.00' },
      cancellation: null,
      invoice: null,
      timeline: [],
      client: { firstName: 'Jose', email: 'jose@email.com', whatsapp: null, codes: [] },
    });
  });
});

describe('update_charge forms', () => {
  it('general update: only the fields given, null clears, client codes replace all three slots', () => {
    expect(
      updateChargeToWire(
        {
          client: { email: null, codes: ['Z'] },
          invoiceNumber: null,
          amount: '130.00',
          barCode: '123 456',
          invoice: { pdfUrl: 'https://a.b/n.pdf' },
        },
        TODAY,
      ),
    ).toEqual({
      params: {
        client_email: '',
        client_code1: 'Z',
        client_code2: '',
        client_code3: '',
        charge_invoice: '',
        charge_amount: '130.00',
        charge_bar_code: '123 456',
        nf_link_pdf: 'https://a.b/n.pdf',
        nf_link_xml: '',
      },
      fields: ['client.email', 'client.codes', 'invoiceNumber', 'barCode', 'amount', 'invoice'],
    });
  });

  it('refuses an empty update and clearing what a charge always has', () => {
    expect(() => updateChargeToWire({}, TODAY)).toThrow(/at least one field/);
    expect(() => updateChargeToWire({ client: {} }, TODAY)).toThrow(/at least one field/);
    expect(() => updateChargeToWire({ dueDate: null as never, amount: null as never }, TODAY)).toThrow(
      'dueDate: cannot be cleared (null); amount: cannot be cleared (null)',
    );
  });

  it('payment, cancellation and invoice bodies are the documented variants', () => {
    // maxbot.txt: "ind_pg": "1", "pg_date": "2022-07-13", "pg_amount": "120.00"
    expect(paymentToWire({ date: '2022-07-13', amount: '120.00' }, TODAY)).toEqual({
      ind_pg: '1',
      pg_date: '2022-07-13',
      pg_amount: '120.00',
    });
    expect(paymentToWire({ amount: '1.00' }, TODAY)).toEqual({ ind_pg: '1', pg_date: TODAY, pg_amount: '1.00' });
    // maxbot.txt: "ind_pg": "2", "cnc_date": "2022-07-13", "cnc_reason": "Cobran\u00e7a com dados incorretos."
    expect(cancellationToWire({ date: '2022-07-13', reason: 'Cobrança com dados incorretos.' }, TODAY)).toEqual({
      ind_pg: '2',
      cnc_date: '2022-07-13',
      cnc_reason: 'Cobrança com dados incorretos.',
    });
    expect(cancellationToWire({ reason: 'x' }, TODAY)).toMatchObject({ cnc_date: TODAY });
    // maxbot.txt: "nf_link_pdf": "https:\/\/www.meusite.com.br\/nfe.pdf", "nf_link_xml": "https:\/\/www.meusite.com.br\/nfe.xml"
    expect(invoiceToWire({ pdfUrl: 'https://www.meusite.com.br/nfe.pdf', xmlUrl: 'https://www.meusite.com.br/nfe.xml' })).toEqual({
      nf_link_pdf: 'https://www.meusite.com.br/nfe.pdf',
      nf_link_xml: 'https://www.meusite.com.br/nfe.xml',
    });
    expect(invoiceToWire({ pdfUrl: 'https://www.meusite.com.br/nfe.pdf' })).toEqual({
      nf_link_pdf: 'https://www.meusite.com.br/nfe.pdf',
      nf_link_xml: '',
    });
  });
});
