/**
 * Charges (Maxbot smart billing, "cobrança inteligente"), end to end: real HTTP to the built
 * gateway, which talks real HTTP to the Maxbot simulator. Each test checks the normalized answer
 * and the exact `{token, cmd, ...}` body the simulator received, with field names and value forms
 * as maxbot.txt documents them for get_charge_list, get_charge, insert_charge, update_charge (its
 * four forms) and delete_charge.
 */
import request from 'supertest';
import { gql } from '../helpers/graphql';
import { expectMaxbotCall } from '../helpers/maxbot-coverage';
import { startMaxbotRig, type MaxbotRig } from '../helpers/maxbot';

let rig: MaxbotRig;

beforeAll(async () => {
  rig = await startMaxbotRig();
});
afterAll(async () => {
  await rig?.stop();
});
beforeEach(() => rig.sim.clearRequests());

const api = () => request(rig.ponte.url);

/** A valid charge to create; CPF/CNPJ with real check digits (the doc's 11122233300 has none). */
const NEW_CHARGE = {
  client: { firstName: 'Ana', lastName: 'Souza', whatsapp: '+55 (31) 98888-7777', cpf: '873.487.695-27' },
  dueDate: '2030-01-10',
  amount: '99.9',
};

async function createCharge(body: object = NEW_CHARGE): Promise<string> {
  const res = await api().post('/v1/charges').set(rig.auth).send(body).expect(201);
  // The new charge's URL, on its connection.
  expect(res.headers.location).toBe(`/v1/charges/${res.body.id}?connection=maxbot`);
  return res.body.id as string;
}

/** The charge 2342 of maxbot.txt's get_charge_list example, normalized. */
const CHARGE_2342 = {
  id: '2342',
  // "charge_origin": "Manual" (get_charge_list) / "M" (get_charge)
  origin: 'MANUAL',
  // "ind_pg": "1"
  status: 'PAID',
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
    personType: 'COMPANY',
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
  // msg_charge_1 … msg_nf of the list example as one timeline, by date, undated "Waiting" last.
  timeline: [
    { track: 'FIRST_CHARGE', status: 'LATE', statusCode: '5', date: '2022-07-11', info: 'Late Date' },
    { track: 'SECOND_CHARGE', status: 'SCHEDULED', statusCode: '1', date: '2022-07-29', info: null },
    { track: 'INVOICE_DELIVERY', status: 'SENT', statusCode: '3', date: '2022-07-29', info: null },
    { track: 'FIRST_ALERT', status: 'SCHEDULED', statusCode: '1', date: '2022-08-29', info: null },
    { track: 'SECOND_ALERT', status: 'SCHEDULED', statusCode: '1', date: '2022-09-29', info: null },
    { track: 'PAYMENT_CONFIRMATION', status: 'WAITING', statusCode: '2', date: null, info: 'Waiting' },
    { track: 'CANCELLATION_NOTICE', status: 'WAITING', statusCode: '2', date: null, info: 'Waiting' },
  ],
};

describe('GET /v1/charges (get_charge_list)', () => {
  it('normalizes the doc example: money, E.164 phones, enums, one typed timeline', async () => {
    const res = await api().get('/v1/charges').set(rig.auth).expect(200);
    expectMaxbotCall(rig.sim, 'get_charge_list', {});
    expect(res.body.data.find((c: { id: string }) => c.id === '2342')).toEqual(CHARGE_2342);
    expect(res.body.pageInfo).toEqual({ nextCursor: null, hasNextPage: false, totalCount: res.body.data.length });
  });

  it('sends the period and every filter in its wire form', async () => {
    const res = await api()
      .get('/v1/charges')
      .query({
        dueFrom: '2022-06-01',
        dueTo: '2022-06-30',
        status: 'OPEN',
        sent: 'true',
        hasInvoice: 'false',
        whatsapp: '+55 (51) 98249-2631',
        mobilePhone: '51 98249-2631',
        email: 'meuemail@mail.com',
        origin: 'API',
      })
      .set(rig.auth)
      .expect(200);
    // maxbot.txt get_charge_list: "date_start": "2021-10-01", "date_stop": "2021-10-16", "focus_of_period": "1",
    // "send": "", "payment": "", "invoice": "", "whatsapp": "", "mobile_phone": "", "email": "", "origin": ""
    expectMaxbotCall(rig.sim, 'get_charge_list', {
      date_start: '2022-06-01',
      date_stop: '2022-06-30',
      focus_of_period: '1',
      send: '1',
      payment: '0',
      invoice: '0',
      whatsapp: '5551982492631',
      mobile_phone: '5551982492631',
      email: 'meuemail@mail.com',
      origin: 'API',
    });
    // The simulator's second seed has no mobile phone: the AND of filters leaves nothing.
    expect(res.body.data).toEqual([]);
  });

  it('finds charges by status, origin, invoice and a paid period', async () => {
    const open = await api()
      .get('/v1/charges')
      .query({ status: 'OPEN', origin: 'API', whatsapp: '5551982492631' })
      .set(rig.auth)
      .expect(200);
    expectMaxbotCall(rig.sim, 'get_charge_list', { payment: '0', origin: 'API', whatsapp: '5551982492631' });
    expect(open.body.data.map((c: { id: string }) => c.id)).toEqual(['2343']);
    expect(open.body.data[0]).toMatchObject({
      origin: 'API',
      status: 'OPEN',
      payment: null,
      invoice: null,
      client: { fullName: 'Carlos Lana' },
    });

    const paid = await api().get('/v1/charges').query({ paidFrom: '2022-07-01', paidTo: '2022-07-31', hasInvoice: true }).set(rig.auth);
    expect(paid.status).toBe(200);
    expectMaxbotCall(rig.sim, 'get_charge_list', { date_start: '2022-07-01', date_stop: '2022-07-31', focus_of_period: '2', invoice: '1' });
    expect(paid.body.data.map((c: { id: string }) => c.id)).toEqual(['2342']);
  });

  it('pages with limit and an opaque cursor bound to the filters', async () => {
    const first = await api().get('/v1/charges').query({ limit: 1, dueTo: '2022-12-31' }).set(rig.auth).expect(200);
    expect(first.body.data).toHaveLength(1);
    expect(first.body.pageInfo.hasNextPage).toBe(true);
    const second = await api()
      .get('/v1/charges')
      .query({ limit: 1, dueTo: '2022-12-31', cursor: first.body.pageInfo.nextCursor })
      .set(rig.auth)
      .expect(200);
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
    rig.sim.clearRequests();
    const misuse = await api().get('/v1/charges').query({ limit: 1, cursor: first.body.pageInfo.nextCursor }).set(rig.auth).expect(400);
    expect(misuse.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'cursor' }] });
  });

  it('refuses two periods at once, reversed periods and bad filters, sending nothing', async () => {
    const mixed = await api().get('/v1/charges').query({ dueFrom: '2022-01-01', paidTo: '2022-02-01' }).set(rig.auth).expect(400);
    expect(mixed.body.errors).toEqual([
      { field: 'dueFrom', message: 'cannot be combined with another period' },
      { field: 'paidTo', message: 'cannot be combined with another period' },
    ]);
    const reversed = await api().get('/v1/charges').query({ createdFrom: '2022-02-01', createdTo: '2022-01-01' }).set(rig.auth).expect(400);
    expect(reversed.body.errors).toEqual([{ field: 'createdTo', message: 'must not be before the start of the period' }]);
    const bad = await api().get('/v1/charges').query({ dueFrom: '2022-02-30', status: 'LATE', whatsapp: '123' }).set(rig.auth).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dueFrom', 'status', 'whatsapp']);
    expect(rig.sim.calls()).toHaveLength(0);
  });
});

describe('GET /v1/charges/:id (get_charge)', () => {
  it('reads one charge; the "M" origin of the get_charge example is MANUAL', async () => {
    const res = await api().get('/v1/charges/2342').set(rig.auth).expect(200);
    // maxbot.txt: "charge_id": "000" — a string
    expectMaxbotCall(rig.sim, 'get_charge', { charge_id: '2342' });
    expect(res.body).toEqual(CHARGE_2342);
  });

  it('an unknown charge → 422 provider_rejected with the Maxbot message', async () => {
    const res = await api().get('/v1/charges/999999').set(rig.auth).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'provider_rejected',
      provider: 'maxbot',
      connection: 'maxbot',
      providerMessage: 'Cobrança não encontrada: 999999',
    });
  });

  it('a non-numeric id is refused before any call', async () => {
    const res = await api().get('/v1/charges/abc').set(rig.auth).expect(400);
    expect(res.body.errors).toEqual([{ field: 'id', message: 'must be a numeric Maxbot id' }]);
    expect(rig.sim.calls()).toHaveLength(0);
  });
});

describe('POST /v1/charges (insert_charge)', () => {
  it('sends every documented field in its wire form and answers the charge as sent', async () => {
    const res = await api()
      .post('/v1/charges')
      .set(rig.auth)
      .send({
        client: {
          country: 'BR',
          fullName: 'Jose Silva',
          firstName: 'Jose',
          lastName: 'Silva',
          personType: 'COMPANY',
          cpf: '873.487.695-27',
          cnpj: '64.420.582/0001-48',
          company: 'Empresa Minha Ltda',
          whatsapp: '+55 (31) 91111-6666',
          mobilePhone: '31 91111-6666',
          email: 'jose@email.com',
          codes: ['1231', '12321', 'AV930'],
        },
        invoiceNumber: '12342',
        dueDate: '2022-07-13',
        amount: '120',
        pdfUrl: 'https://www.meusite.com.br/charge.pdf',
        barCode: '11791.21928 50010.794810 63000.046902 7 90520000030100',
        payment: { date: '2022-07-13', amount: '120.00' },
        invoice: { pdfUrl: 'https://www.meusite.com.br/nfe.pdf', xmlUrl: 'https://www.meusite.com.br/nfe.xml' },
      })
      .expect(201);
    // maxbot.txt insert_charge example, field by field ("client_br_person_type": "J", digits-only phones,
    // "charge_amount": "120.00", "ind_pg": "1" with "pg_date"/"pg_amount", "nf_link_pdf"/"nf_link_xml").
    expectMaxbotCall(rig.sim, 'insert_charge', {
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
    // Reply: "charge_id": "123", "created_at": "2022-07-13 08:20:10" (account time → offset).
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-03:00$/),
      origin: null,
      status: 'PAID',
      amount: '120.00',
      client: { whatsapp: '+5531911116666', cpf: '87348769527', personType: 'COMPANY', codes: ['1231', '12321', 'AV930'] },
      payment: { date: '2022-07-13', amount: '120.00' },
      timeline: [],
    });
    expect(res.headers.location).toBe(`/v1/charges/${res.body.id}?connection=maxbot`);
    const read = await api().get(res.headers.location).set(rig.auth).expect(200);
    expect(read.body).toMatchObject({
      id: res.body.id,
      origin: 'API',
      status: 'PAID',
      invoice: { pdfUrl: 'https://www.meusite.com.br/nfe.pdf', xmlUrl: 'https://www.meusite.com.br/nfe.xml' },
    });
    expect(read.body.timeline).toHaveLength(7);
  });

  it('the PHP sample form: no payment → ind_pg "0"', async () => {
    await api()
      .post('/v1/charges')
      .set(rig.auth)
      .send({
        client: {
          country: 'BR',
          firstName: 'Jose',
          lastName: 'Silva',
          personType: 'INDIVIDUAL',
          cpf: '130.227.206-37',
          whatsapp: '5531911116666',
        },
        invoiceNumber: '23542',
        dueDate: '2022-07-12',
        amount: '120.00',
        pdfUrl: 'https://www.meusite.com.br/charge.pdf',
      })
      .expect(201);
    // maxbot.txt PHP sample: $_CLIENT_CPF = '13022720637'; $_CLIENT_PESSOA = 'F'; $_IND_PG = '0';
    expectMaxbotCall(rig.sim, 'insert_charge', {
      client_country: 'BR',
      client_name: 'Jose',
      client_last_name: 'Silva',
      client_br_person_type: 'F',
      client_br_cpf: '13022720637',
      client_whatsapp: '5531911116666',
      charge_invoice: '23542',
      charge_due_date: '2022-07-12',
      charge_amount: '120.00',
      charge_link_pdf: 'https://www.meusite.com.br/charge.pdf',
      ind_pg: '0',
    });
  });

  it('a dry run shows the insert_charge request and sends nothing', async () => {
    const res = await api().post('/v1/charges').set(rig.auth).set('Prefer', 'dry-run').send(NEW_CHARGE).expect(200);
    expect(res.body.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        body: {
          token: '[REDACTED]',
          cmd: 'insert_charge',
          client_name: 'Ana',
          client_last_name: 'Souza',
          client_whatsapp: '5531988887777',
          client_br_cpf: '87348769527',
          charge_due_date: '2030-01-10',
          charge_amount: '99.90',
          ind_pg: '0',
        },
      }),
    ]);
    expect(rig.sim.calls()).toHaveLength(0);
  });
});

describe('bad input → 400 naming the field, nothing sent', () => {
  afterEach(() => expect(rig.sim.calls()).toHaveLength(0));

  it('invalid CPF, CNPJ, phone, e-mail, URL, date, money, bar code and codes', async () => {
    const res = await api()
      .post('/v1/charges')
      .set(rig.auth)
      .send({
        client: {
          firstName: 'Ana',
          cpf: '111.222.333-00',
          cnpj: '11.222.333/0001-00',
          whatsapp: '+55 31 1234',
          email: 'ana@',
          personType: 'PERSON',
          codes: ['a', 'b', 'c', 'd'],
        },
        dueDate: '2022-02-30',
        amount: '1,20',
        pdfUrl: 'ftp://x/charge.pdf',
        barCode: 'PIX-abc',
      })
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'amount',
      'barCode',
      'client.cnpj',
      'client.codes',
      'client.cpf',
      'client.email',
      'client.personType',
      'client.whatsapp',
      'dueDate',
      'pdfUrl',
    ]);
    expect(res.body.errors).toContainEqual({
      field: 'amount',
      message: 'must be a decimal string with a dot and at most two decimals, e.g. "120.00"',
    });
  });

  it.each([
    [120, 'must be a decimal string with a dot and at most two decimals, e.g. "120.00"'],
    ['0.00', 'must be greater than zero'],
    ['12.345', 'must be a decimal string with a dot and at most two decimals, e.g. "120.00"'],
    [undefined, 'is required'],
  ])('amount %p → %s', async (amount, message) => {
    const res = await api()
      .post('/v1/charges')
      .set(rig.auth)
      .send({ ...NEW_CHARGE, amount })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'amount', message }]);
  });

  it('a client without a name or a way to reach them; unknown fields', async () => {
    const res = await api()
      .post('/v1/charges')
      .set(rig.auth)
      .send({ client: { cpf: '873.487.695-27' }, dueDate: '2030-01-10', amount: '10.00' })
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'client.firstName', message: 'a charge needs the client name (fullName or firstName)' },
      { field: 'client.whatsapp', message: 'a charge needs a way to reach the client (whatsapp, mobilePhone or email)' },
    ]);
    const unknown = await api()
      .post('/v1/charges')
      .set(rig.auth)
      .send({ ...NEW_CHARGE, valor: '10.00' })
      .expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'valor', message: 'is not a known field' }]);
  });

  it('updates: empty, clearing what a charge always has, a non-numeric id', async () => {
    const empty = await api().patch('/v1/charges/2343').set(rig.auth).send({}).expect(400);
    expect(empty.body.errors).toEqual([{ field: 'body', message: 'must change at least one field' }]);
    const cleared = await api().patch('/v1/charges/2343').set(rig.auth).send({ dueDate: null, amount: '10.00' }).expect(400);
    expect(cleared.body.errors).toEqual([{ field: 'dueDate', message: 'cannot be cleared (null)' }]);
    const id = await api().patch('/v1/charges/12a').set(rig.auth).send({ amount: '10.00' }).expect(400);
    expect(id.body.errors).toEqual([{ field: 'id', message: 'must be a numeric Maxbot id' }]);
  });

  it('payment, cancellation and invoice actions validate their bodies', async () => {
    const pay = await api().post('/v1/charges/2343/payment').set(rig.auth).send({ date: '13/07/2022' }).expect(400);
    expect(pay.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'date']);
    const cancel = await api().post('/v1/charges/2343/cancellation').set(rig.auth).send({ reason: '' }).expect(400);
    expect(cancel.body.errors).toEqual([{ field: 'reason', message: 'must be at least 1 characters' }]);
    const invoice = await api().put('/v1/charges/2343/invoice').set(rig.auth).send({ pdfUrl: 'nfe.pdf' }).expect(400);
    expect(invoice.body.errors).toEqual([{ field: 'pdfUrl', message: 'must be an http(s) URL' }]);
    const batch = await api()
      .post('/v1/charges:batchDelete')
      .set(rig.auth)
      .send({ ids: ['1', 'x'] })
      .expect(400);
    expect(batch.body.errors).toEqual([{ field: 'ids[1]', message: 'must be a numeric Maxbot id' }]);
  });
});

describe('update_charge: the four documented forms', () => {
  it('PATCH /v1/charges/:id → the general form with every documented field', async () => {
    const id = await createCharge();
    rig.sim.clearRequests();
    const res = await api()
      .patch(`/v1/charges/${id}`)
      .set(rig.auth)
      .send({
        client: {
          country: 'BR',
          fullName: 'Jose Silva',
          firstName: 'Jose',
          lastName: 'Silva',
          personType: 'COMPANY',
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
      })
      .expect(200);
    // maxbot.txt update_charge, first example: "charge_id": "123" plus every client_*/charge_* field,
    // "ind_pg": "1", "pg_date", "pg_amount", "nf_link_pdf", "nf_link_xml".
    expectMaxbotCall(rig.sim, 'update_charge', {
      charge_id: id,
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
    // Reply: "updated_at": "2022-07-13 08:20:10"
    expect(res.body).toEqual({
      id,
      updatedFields: [
        'client.country',
        'client.fullName',
        'client.firstName',
        'client.lastName',
        'client.personType',
        'client.cpf',
        'client.cnpj',
        'client.company',
        'client.whatsapp',
        'client.mobilePhone',
        'client.email',
        'client.codes',
        'invoiceNumber',
        'pdfUrl',
        'barCode',
        'dueDate',
        'amount',
        'status',
        'payment',
        'invoice',
      ],
      updatedAt: expect.stringMatching(/-03:00$/),
    });
  });

  it('PATCH sends only the fields given; null clears', async () => {
    const id = await createCharge({ ...NEW_CHARGE, invoiceNumber: '777', client: { ...NEW_CHARGE.client, email: 'ana@x.com' } });
    await api()
      .patch(`/v1/charges/${id}`)
      .set(rig.auth)
      .send({ invoiceNumber: null, amount: '150', client: { email: null } })
      .expect(200);
    expectMaxbotCall(rig.sim, 'update_charge', { charge_id: id, charge_invoice: '', charge_amount: '150.00', client_email: '' });
    const read = await api().get(`/v1/charges/${id}`).set(rig.auth).expect(200);
    expect(read.body).toMatchObject({ invoiceNumber: null, amount: '150.00', client: { email: null, firstName: 'Ana' } });
  });

  it('lifecycle: create → read → pay → (cancel refused) → invoice → delete; create → cancel → (pay refused) → batch delete', async () => {
    const a = await createCharge();
    const b = await createCharge();

    const fresh = await api().get(`/v1/charges/${a}`).set(rig.auth).expect(200);
    expect(fresh.body).toMatchObject({ id: a, status: 'OPEN', amount: '99.90', payment: null, cancellation: null, invoice: null });
    expect(fresh.body.timeline.map((e: { track: string }) => e.track)).toEqual([
      'FIRST_CHARGE',
      'SECOND_CHARGE',
      'FIRST_ALERT',
      'SECOND_ALERT',
      'PAYMENT_CONFIRMATION',
      'CANCELLATION_NOTICE',
      'INVOICE_DELIVERY',
    ]);
    expect(fresh.body.timeline[0]).toEqual({ track: 'FIRST_CHARGE', status: 'SCHEDULED', statusCode: '1', date: '2030-01-08', info: null });

    const paid = await api().post(`/v1/charges/${a}/payment`).set(rig.auth).send({ date: '2022-07-13', amount: '99.90' }).expect(200);
    // maxbot.txt: {"cmd": "update_charge", "charge_id": "123", "ind_pg": "1", "pg_date": "2022-07-13", "pg_amount": "120.00"}
    expectMaxbotCall(rig.sim, 'update_charge', { charge_id: a, ind_pg: '1', pg_date: '2022-07-13', pg_amount: '99.90' });
    expect(paid.body).toEqual({ id: a, updatedFields: ['status', 'payment'], updatedAt: expect.stringMatching(/-03:00$/) });
    const afterPayment = await api().get(`/v1/charges/${a}`).set(rig.auth).expect(200);
    expect(afterPayment.body).toMatchObject({ status: 'PAID', payment: { date: '2022-07-13', amount: '99.90' } });
    expect(afterPayment.body.timeline).toContainEqual(
      expect.objectContaining({ track: 'PAYMENT_CONFIRMATION', status: 'SENT', statusCode: '3', date: expect.any(String) }),
    );

    const refused = await api()
      .post(`/v1/charges/${a}/cancellation`)
      .set(rig.auth)
      .send({ date: '2022-07-14', reason: 'Pago por engano' })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'provider_rejected', providerMessage: 'Cobrança paga não pode ser cancelada' });

    await api()
      .put(`/v1/charges/${a}/invoice`)
      .set(rig.auth)
      .send({ pdfUrl: 'https://www.meusite.com.br/nfe.pdf', xmlUrl: 'https://www.meusite.com.br/nfe.xml' })
      .expect(200);
    // maxbot.txt: {"cmd": "update_charge", "charge_id": "123", "nf_link_pdf": "…/nfe.pdf", "nf_link_xml": "…/nfe.xml"}
    expectMaxbotCall(rig.sim, 'update_charge', {
      charge_id: a,
      nf_link_pdf: 'https://www.meusite.com.br/nfe.pdf',
      nf_link_xml: 'https://www.meusite.com.br/nfe.xml',
    });
    const withInvoice = await api().get(`/v1/charges/${a}`).set(rig.auth).expect(200);
    expect(withInvoice.body.invoice).toEqual({
      pdfUrl: 'https://www.meusite.com.br/nfe.pdf',
      xmlUrl: 'https://www.meusite.com.br/nfe.xml',
    });
    expect(withInvoice.body.timeline).toContainEqual(expect.objectContaining({ track: 'INVOICE_DELIVERY', status: 'SENT' }));

    const cancelled = await api()
      .post(`/v1/charges/${b}/cancellation`)
      .set(rig.auth)
      .send({ date: '2022-07-13', reason: 'Cobrança com dados incorretos.' })
      .expect(200);
    // maxbot.txt: {"cmd": "update_charge", "charge_id": "123", "ind_pg": "2", "cnc_date": "2022-07-13", "cnc_reason": "Cobran\u00e7a com dados incorretos."}
    expectMaxbotCall(rig.sim, 'update_charge', {
      charge_id: b,
      ind_pg: '2',
      cnc_date: '2022-07-13',
      cnc_reason: 'Cobrança com dados incorretos.',
    });
    expect(cancelled.body.updatedFields).toEqual(['status', 'cancellation']);
    const afterCancel = await api().get(`/v1/charges/${b}`).set(rig.auth).expect(200);
    expect(afterCancel.body).toMatchObject({
      status: 'CANCELLED',
      cancellation: { date: '2022-07-13', reason: 'Cobrança com dados incorretos.' },
    });
    const payCancelled = await api().post(`/v1/charges/${b}/payment`).set(rig.auth).send({ amount: '99.90' }).expect(422);
    expect(payCancelled.body).toMatchObject({ code: 'provider_rejected', providerMessage: 'Cobrança cancelada não pode ser paga' });
    // The payment date defaults to today in the account timezone.
    expect(rig.sim.lastCall('update_charge')!.body.pg_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await api().delete(`/v1/charges/${a}`).set(rig.auth).expect(204);
    // maxbot.txt: "charge_id": [123,134,532,874] — integers
    expectMaxbotCall(rig.sim, 'delete_charge', { charge_id: [Number(a)] });
    const gone = await api().get(`/v1/charges/${a}`).set(rig.auth).expect(422);
    expect(gone.body.providerMessage).toBe(`Cobrança não encontrada: ${a}`);

    const c = await createCharge();
    const batch = await api()
      .post('/v1/charges:batchDelete')
      .set(rig.auth)
      .send({ ids: [b, c] })
      .expect(200);
    expect(batch.body).toEqual({ deletedIds: [b, c] });
    expectMaxbotCall(rig.sim, 'delete_charge', { charge_id: [Number(b), Number(c)] });
    const again = await api()
      .post('/v1/charges:batchDelete')
      .set(rig.auth)
      .send({ ids: [b] })
      .expect(422);
    expect(again.body).toMatchObject({ code: 'provider_rejected', providerMessage: `Cobrança(s) não encontrada(s): ${b}` });
  });

  it('ids beyond 2^53 - 1 are refused before delete_charge, which takes JSON integers (Number would round them)', async () => {
    const res = await api().delete('/v1/charges/9007199254740993').set(rig.auth).expect(400);
    expect(res.body.errors).toEqual([{ field: 'ids[0]', message: 'is too large for a Maxbot id' }]);
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it('updating an unknown charge → 422 provider_rejected', async () => {
    const res = await api().post('/v1/charges/999999/payment').set(rig.auth).send({ amount: '10.00' }).expect(422);
    expect(res.body).toMatchObject({ code: 'provider_rejected', providerMessage: 'Cobrança não encontrada: 999999' });
  });
});

describe('GraphQL', () => {
  it('charges and charge queries normalize like REST', async () => {
    const list = await gql(
      rig.ponte.url,
      `query($w: String) { charges(whatsapp: $w, status: PAID, origin: MANUAL, limit: 5) {
         data { id origin status amount client { fullName whatsapp codes } timeline { track status statusCode date info } }
         pageInfo { hasNextPage totalCount } } }`,
      { w: '+55 31 91111-6666' },
      rig.auth,
    );
    expect(list.errors).toBeUndefined();
    expectMaxbotCall(rig.sim, 'get_charge_list', { whatsapp: '5531911116666', payment: '1', origin: 'Manual' });
    expect(list.data!.charges.data).toContainEqual({
      id: '2342',
      origin: 'MANUAL',
      status: 'PAID',
      amount: '120.00',
      client: { fullName: 'Jose Silva', whatsapp: '+5531911116666', codes: ['1231', '12321', 'AV930'] },
      timeline: CHARGE_2342.timeline,
    });

    const one = await gql(
      rig.ponte.url,
      `{ charge(id: "2343") { id origin status payment { date } invoice { pdfUrl } client { fullName personType cnpj } timeline { track status } } }`,
      {},
      rig.auth,
    );
    expect(one.errors).toBeUndefined();
    expectMaxbotCall(rig.sim, 'get_charge', { charge_id: '2343' });
    expect(one.data!.charge).toMatchObject({
      id: '2343',
      origin: 'API',
      status: 'OPEN',
      payment: null,
      invoice: null,
      client: { fullName: 'Carlos Lana', personType: 'INDIVIDUAL', cnpj: '7574849393' },
    });
    expect(one.data!.charge.timeline[0]).toEqual({ track: 'FIRST_CHARGE', status: 'SENT' });
  });

  it('mutations: create, update, pay, attach invoice, delete; cancel another', async () => {
    const created = await gql(
      rig.ponte.url,
      `mutation($in: CreateChargeInput!) { createCharge(input: $in) { id createdAt status amount dueDate client { firstName whatsapp } timeline { track } } }`,
      { in: { client: { firstName: 'Maria', whatsapp: '21 98888-0000' }, dueDate: '2031-03-05', amount: '45.5' } },
      rig.auth,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createCharge.id as string;
    expect(created.data!.createCharge).toMatchObject({
      status: 'OPEN',
      amount: '45.50',
      dueDate: '2031-03-05',
      client: { firstName: 'Maria', whatsapp: '+5521988880000' },
      timeline: [],
    });
    expectMaxbotCall(rig.sim, 'insert_charge', {
      client_name: 'Maria',
      client_whatsapp: '5521988880000',
      charge_due_date: '2031-03-05',
      charge_amount: '45.50',
      ind_pg: '0',
    });

    const updated = await gql(
      rig.ponte.url,
      `mutation($id: String!) { updateCharge(id: $id, input: { dueDate: "2031-04-05", client: { codes: ["C9"] } }) { id updatedFields updatedAt } }`,
      { id },
      rig.auth,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateCharge).toMatchObject({ id, updatedFields: ['client.codes', 'dueDate'] });
    expectMaxbotCall(rig.sim, 'update_charge', {
      charge_id: id,
      client_code1: 'C9',
      client_code2: '',
      client_code3: '',
      charge_due_date: '2031-04-05',
    });

    const paid = await gql(
      rig.ponte.url,
      `mutation($id: String!) { registerChargePayment(id: $id, input: { date: "2031-04-01", amount: "45.50" }) { id updatedFields } }`,
      { id },
      rig.auth,
    );
    expect(paid.data!.registerChargePayment).toEqual({ id, updatedFields: ['status', 'payment'] });
    expectMaxbotCall(rig.sim, 'update_charge', { charge_id: id, ind_pg: '1', pg_date: '2031-04-01', pg_amount: '45.50' });

    const invoiced = await gql(
      rig.ponte.url,
      `mutation($id: String!) { attachChargeInvoice(id: $id, input: { pdfUrl: "https://nf.example.com/1.pdf" }) { updatedFields } }`,
      { id },
      rig.auth,
    );
    expect(invoiced.data!.attachChargeInvoice).toEqual({ updatedFields: ['invoice'] });
    expectMaxbotCall(rig.sim, 'update_charge', { charge_id: id, nf_link_pdf: 'https://nf.example.com/1.pdf', nf_link_xml: '' });

    const read = await gql(
      rig.ponte.url,
      `query($id: String!) { charge(id: $id) { status dueDate payment { date amount } invoice { pdfUrl xmlUrl } client { codes } } }`,
      { id },
      rig.auth,
    );
    expect(read.data!.charge).toEqual({
      status: 'PAID',
      dueDate: '2031-04-05',
      payment: { date: '2031-04-01', amount: '45.50' },
      invoice: { pdfUrl: 'https://nf.example.com/1.pdf', xmlUrl: null },
      client: { codes: ['C9'] },
    });

    const other = await createCharge();
    const cancelled = await gql(
      rig.ponte.url,
      `mutation($id: String!) { cancelCharge(id: $id, input: { date: "2031-04-02", reason: "Duplicada" }) { id updatedFields } }`,
      { id: other },
      rig.auth,
    );
    expect(cancelled.data!.cancelCharge).toEqual({ id: other, updatedFields: ['status', 'cancellation'] });
    expectMaxbotCall(rig.sim, 'update_charge', { charge_id: other, ind_pg: '2', cnc_date: '2031-04-02', cnc_reason: 'Duplicada' });

    const deleted = await gql(
      rig.ponte.url,
      `mutation($ids: [String!]!) { deleteCharges(input: { ids: $ids }) { deletedIds } }`,
      { ids: [id, other] },
      rig.auth,
    );
    expect(deleted.data!.deleteCharges).toEqual({ deletedIds: [id, other] });
    expectMaxbotCall(rig.sim, 'delete_charge', { charge_id: [Number(id), Number(other)] });
  });

  it('an input field whose variable is not given is left out, not cleared; a variable given as null clears it', async () => {
    // GraphQL: "If the variable is not provided, the input object field is absent" (graphql-js leaves
    // it out). graphql-jit wrote it as null, and update_charge got "charge_invoice": "" — the charge
    // lost an invoice number nobody asked to change.
    const id = await createCharge({ ...NEW_CHARGE, invoiceNumber: '777' });
    const update = `mutation($id: String!, $n: String, $a: String) { updateCharge(id: $id, input: { invoiceNumber: $n, amount: $a }) { updatedFields } }`;
    // Twice: Apollo's pipeline answers a query text first, the fast path after.
    for (const round of [1, 2]) {
      rig.sim.clearRequests();
      const res = await gql(rig.ponte.url, update, { id, a: String(40 + round) }, rig.auth);
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateCharge).toEqual({ updatedFields: ['amount'] });
      expectMaxbotCall(rig.sim, 'update_charge', { charge_id: id, charge_amount: `${40 + round}.00` });
    }
    const kept = await api().get(`/v1/charges/${id}`).set(rig.auth).expect(200);
    expect(kept.body).toMatchObject({ invoiceNumber: '777', amount: '42.00' });

    const cleared = await gql(rig.ponte.url, update, { id, n: null }, rig.auth);
    expect(cleared.data!.updateCharge).toEqual({ updatedFields: ['invoiceNumber'] });
    expectMaxbotCall(rig.sim, 'update_charge', { charge_id: id, charge_invoice: '' });
    // With a default, the default is the value.
    const withDefault = `mutation($id: String!, $n: String = "888") { updateCharge(id: $id, input: { invoiceNumber: $n }) { updatedFields } }`;
    expect((await gql(rig.ponte.url, withDefault, { id }, rig.auth)).data!.updateCharge).toEqual({ updatedFields: ['invoiceNumber'] });
    expectMaxbotCall(rig.sim, 'update_charge', { charge_id: id, charge_invoice: '888' });
  });

  it('a list filter given as null is a filter not given, as a REST query string can only say', async () => {
    const plain = await gql(rig.ponte.url, `{ charges { data { id } } }`, {}, rig.auth);
    const unfiltered = rig.sim.lastCall('get_charge_list')!.body;
    const nulls = await gql(
      rig.ponte.url,
      `query($s: Boolean, $w: String) { charges(sent: $s, hasInvoice: null, whatsapp: $w, mobilePhone: null, dueFrom: null, createdFrom: null) { data { id } } }`,
      { s: null, w: null },
      rig.auth,
    );
    // Before: sent/hasInvoice null filtered on "0", whatsapp null was a 500, dueFrom null a second period.
    expect(nulls.errors).toBeUndefined();
    expect(nulls.data).toEqual(plain.data);
    expect(rig.sim.lastCall('get_charge_list')!.body).toEqual(unfiltered);
  });

  it('errors carry the same code in extensions; bad input sends nothing', async () => {
    const invalid = await gql(
      rig.ponte.url,
      `mutation { createCharge(input: { client: { firstName: "X", whatsapp: "+5531988887777" }, dueDate: "2031-01-01", amount: "1,20" }) { id } }`,
      {},
      rig.auth,
    );
    expect(invalid.errors![0].extensions).toMatchObject({ code: 'validation_failed', errors: [{ field: 'amount' }] });
    const badPeriod = await gql(rig.ponte.url, `{ charges(dueFrom: "2022-01-01", createdTo: "2022-02-01") { data { id } } }`, {}, rig.auth);
    expect(badPeriod.errors![0].extensions).toMatchObject({ code: 'validation_failed' });
    expect(rig.sim.calls()).toHaveLength(0);
    const rejected = await gql(rig.ponte.url, `mutation { cancelCharge(id: "424242", input: { reason: "x" }) { id } }`, {}, rig.auth);
    expect(rejected.errors![0].extensions).toMatchObject({ code: 'provider_rejected', providerMessage: 'Cobrança não encontrada: 424242' });
  });
});
