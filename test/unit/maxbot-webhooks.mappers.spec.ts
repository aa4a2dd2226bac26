/**
 * Maxbot's five webhook payloads (maxbot.txt, "Webhooks") recognized and normalized. The payloads
 * are the document's examples verbatim (src/platforms/maxbot/webhooks.examples.ts).
 */
import { ChargeMessageStatus, ChargeMessageTrack, ChargeOrigin } from '../../src/charges/models/charge.enums';
import { PonteError } from '../../src/common/errors/ponte-error';
import { PersonType } from '../../src/contacts/models/contact.enums';
import { EventType } from '../../src/events/models/event.enums';
import { eventFromWebhook } from '../../src/platforms/maxbot/webhooks.mappers';
import { contactWebhook, seedContacts } from '../../src/sandbox/maxbot/contacts.sim';
import {
  CHARGE_STATUS,
  CONTACT_UPDATED,
  MESSAGE_RECEIVED,
  MESSAGE_RECEIVED_IN_ATTENDANCE,
  NEW_CONTACT,
} from '../../src/platforms/maxbot/webhooks.examples';
import { ProtocolMessageType, ProtocolOrigin } from '../../src/protocols/models/protocol.enums';

const TZ = 'America/Sao_Paulo';

function fieldErrors(run: () => unknown): Array<{ field: string; message: string }> {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(PonteError);
    expect((err as PonteError).code).toBe('validation_failed');
    return (err as PonteError).extras.errors ?? [];
  }
  throw new Error('expected a validation_failed PonteError');
}

describe('Maxbot webhooks → events', () => {
  it('"Mensagem Recebida": the message, its sender and the contact record', () => {
    // maxbot.txt: "origin": "2", "contact": {"id": "1", …, "whatsapp": "5531911112222", …},
    // "msg_id": "3EB04714F09C9DE532E2", "msg_timestamp": "1643129533", "msg_date": "2022-01-25 13:52:15",
    // "msg": "Teste webhook 2", "type": "T"
    const event = eventFromWebhook(MESSAGE_RECEIVED, TZ);
    expect(event.type).toBe(EventType.MESSAGE_RECEIVED);
    expect(event.message).toEqual({
      messageId: '3EB04714F09C9DE532E2',
      // 1643129533 is 2022-01-25 16:52:13 UTC: 13:52:13 in São Paulo (msg_date says 13:52:15).
      sentAt: '2022-01-25T13:52:13-03:00',
      type: ProtocolMessageType.TEXT,
      typeCode: 'T',
      text: 'Teste webhook 2',
      media: null,
      location: null,
      contacts: [],
      referral: null,
      quoted: null,
      channel: ProtocolOrigin.WHATSAPP,
      channelCode: '2',
      from: '+5531911112222',
      contactId: '1',
      inAttendance: false,
      protocolId: null,
      chatId: null,
      avatarUrl: 'https://app.maxbot.com.br/strg/01/HMG-202104-E1B4E2/2022/04/13/8ca7a22e5fe3c6bb72d8d1d14e8784fe_small.jpg',
    });
    expect(event.occurredAt).toBe('2022-01-25T13:52:13-03:00');
    expect(event.contact).toMatchObject({
      id: '1',
      firstName: 'Fulano',
      lastName: 'Mariano',
      personType: PersonType.INDIVIDUAL,
      whatsapp: '+5531911112222',
      country: 'BR',
      state: 'MG',
      createdAt: '2022-01-25T13:52:15-03:00',
      updatedAt: null,
      segmentations: [],
      tags: [],
    });
    expect(event.charge).toBeNull();
    expect(event.dedupeKey).toBe('message:inbox:3EB04714F09C9DE532E2');
  });

  it('"Mensagem Recebida em Atendimento": the protocol, chat and contact ids, without a contact record', () => {
    // maxbot.txt: "origin": "2", "whatsapp": "553111112222", "prot_id": "2398", "contact_id": "845",
    // "avatar_url": "https://site.com/imagem.jpg", "chat_id": "19273", "msg_id": "3EB04714F09C9DE532E2"
    const event = eventFromWebhook(MESSAGE_RECEIVED_IN_ATTENDANCE, TZ);
    expect(event.type).toBe(EventType.MESSAGE_RECEIVED);
    expect(event.message).toMatchObject({
      messageId: '3EB04714F09C9DE532E2',
      sentAt: '2022-01-25T13:52:13-03:00',
      text: 'Teste webhook 2',
      from: '+553111112222',
      contactId: '845',
      inAttendance: true,
      protocolId: '2398',
      chatId: '19273',
      avatarUrl: 'https://site.com/imagem.jpg',
    });
    expect(event.contact).toBeNull();
    // Not the same delivery as the inbox webhook's: both are recorded.
    expect(event.dedupeKey).toBe('message:protocol:2398:3EB04714F09C9DE532E2');
  });

  it('media, location, contact card and quoted message fields (all blank in the examples) are read by their prefixes', () => {
    const image = eventFromWebhook(
      {
        ...MESSAGE_RECEIVED,
        type: 'I',
        msg: 'legenda',
        img_filename: 'foto.JPG',
        img_local_filename: 'a1b2.jpg',
        img_extension: 'JPG',
        img_size: '48213',
      },
      TZ,
    );
    expect(image.message).toMatchObject({
      type: ProtocolMessageType.IMAGE,
      typeCode: 'I',
      text: 'legenda',
      media: { filename: 'foto.JPG', storedFilename: 'a1b2.jpg', extension: 'jpg', size: '48213', info: null },
    });
    const file = eventFromWebhook({ ...MESSAGE_RECEIVED, arq_filename: 'boleto.pdf', arq_extension: 'pdf' }, TZ);
    expect(file.message?.type).toBe(ProtocolMessageType.FILE);
    const place = eventFromWebhook(
      { ...MESSAGE_RECEIVED, map_lat: '-19.9191', map_lng: '-43.9386', map_location_url: 'https://maps.example/p' },
      TZ,
    );
    expect(place.message).toMatchObject({
      type: ProtocolMessageType.LOCATION,
      location: { latitude: -19.9191, longitude: -43.9386, previewUrl: null, mapUrl: 'https://maps.example/p' },
    });
    const card = eventFromWebhook({ ...MESSAGE_RECEIVED, vcard: 'BEGIN:VCARD\nFN:Keli Marchi\nTEL:+55 31 91111-6666\nEND:VCARD' }, TZ);
    expect(card.message?.type).toBe(ProtocolMessageType.CONTACT_CARD);
    expect(card.message?.contacts[0]).toMatchObject({ name: 'Keli Marchi', phones: ['+5531911116666'] });
    // The documented spelling of the quoted id has a trailing space: "quoted_id ".
    const reply = eventFromWebhook({ ...MESSAGE_RECEIVED, 'quoted_id ': 'ABC123', quoted_type: 'T', quoted_msg: 'Qual o valor?' }, TZ);
    expect(reply.message?.quoted).toEqual({
      messageId: 'ABC123',
      type: ProtocolMessageType.TEXT,
      typeCode: 'T',
      text: 'Qual o valor?',
      media: null,
      location: null,
      contacts: [],
    });
  });

  it('"Novo Contato" and "Contato Atualizado": type_event insert/update, segmentation as an array', () => {
    // maxbot.txt: "id": "1", "type_event": "insert", "created_at": "2022-04-13 12:49:14",
    // "segmentation": ["Equipe Maxbot"], "name": "Fulano", "whatsapp": "5531911112222", "ind_client": "0"
    const created = eventFromWebhook(NEW_CONTACT, TZ);
    expect(created.type).toBe(EventType.CONTACT_CREATED);
    expect(created.occurredAt).toBe('2022-04-13T12:49:14-03:00');
    expect(created.contact).toMatchObject({
      id: '1',
      firstName: 'Fulano',
      whatsapp: '+5531911112222',
      segmentations: ['Equipe Maxbot'],
      isClient: false,
      // The example's URL has a space after "13/"; it is passed on as given.
      avatarUrl: 'https://app.maxbot.com.br/strg/01/HMG-202104-E1B4E2/2022/04/13/ 8ca7a22e5fe3c6bb72d8d1d14e8784fe_small.jpg',
    });
    expect(created.dedupeKey).toBe('contact:insert:1');
    // "maxbot_username": "", "telegram_username": "", … — only these webhooks carry them.
    expect(created.contact!.usernames).toEqual({ platform: null, telegram: null, messenger: null, instagram: null });
    const named = eventFromWebhook(
      {
        ...NEW_CONTACT,
        maxbot_username: 'fulano.mb',
        telegram_username: 'fulano_tg',
        fbmessenger_username: 'fulano.fb',
        instagram_username: 'fulano.ig',
      },
      TZ,
    );
    expect(named.contact!.usernames).toEqual({
      platform: 'fulano.mb',
      telegram: 'fulano_tg',
      messenger: 'fulano.fb',
      instagram: 'fulano.ig',
    });
    // The simulator posts the documented shape (not its get_contact record), so the e2e tests see these keys.
    expect(Object.keys(contactWebhook(seedContacts()[0], 'insert'))).toEqual(Object.keys(NEW_CONTACT));
    expect(Object.keys(contactWebhook(seedContacts()[0], 'update'))).toEqual(Object.keys(CONTACT_UPDATED));
    const updated = eventFromWebhook(CONTACT_UPDATED, TZ);
    expect(updated.type).toBe(EventType.CONTACT_UPDATED);
    // "updated_at": "" in the example: only the content tells a redelivery, compared with the
    // contact's latest update (its scope).
    expect(updated.occurredAt).toBeNull();
    expect(updated).toMatchObject({
      dedupeKey: expect.stringMatching(/^contact:update:1:~[\w-]{16}$/),
      dedupeScope: 'contact:update:1',
      dedupeAgainst: 'latest',
    });
    // The same fields in another order are the same record.
    const reversed = Object.fromEntries(Object.entries(CONTACT_UPDATED).reverse());
    expect(eventFromWebhook(reversed, TZ).dedupeKey).toBe(updated.dedupeKey);
    expect(eventFromWebhook({ ...CONTACT_UPDATED }, TZ).dedupeKey).toBe(updated.dedupeKey);
    expect(eventFromWebhook({ ...CONTACT_UPDATED, city: 'Viçosa' }, TZ).dedupeKey).not.toBe(updated.dedupeKey);
    expect(eventFromWebhook({ ...CONTACT_UPDATED, id: '2' }, TZ)).toMatchObject({ dedupeScope: 'contact:update:2' });
    const timed = eventFromWebhook({ ...CONTACT_UPDATED, updated_at: '2022-04-14 09:00:00' }, TZ);
    expect(timed).toMatchObject({
      occurredAt: '2022-04-14T09:00:00-03:00',
      dedupeKey: expect.stringMatching(/^contact:update:1:2022-04-14 09:00:00:[\w-]{16}$/),
    });
    // updated_at has whole seconds: another change stamped the same second is another update.
    expect(eventFromWebhook({ ...CONTACT_UPDATED, updated_at: '2022-04-14 09:00:00' }, TZ).dedupeKey).toBe(timed.dedupeKey);
    expect(eventFromWebhook({ ...CONTACT_UPDATED, updated_at: '2022-04-14 09:00:00', city: 'Ouro Preto' }, TZ).dedupeKey).not.toBe(
      timed.dedupeKey,
    );
    // A timed update is matched against every held key, and is its contact's latest update too.
    expect(eventFromWebhook({ ...CONTACT_UPDATED, updated_at: '2022-04-14 09:00:00' }, TZ)).toMatchObject({
      dedupeScope: 'contact:update:1',
    });
    expect(eventFromWebhook({ ...CONTACT_UPDATED, updated_at: '2022-04-14 09:00:00' }, TZ).dedupeAgainst).toBeUndefined();
  });

  it('charge status: the charge with its seven tracks as one timeline; client_customer is the full name', () => {
    // maxbot.txt: "client_customer": "Carlos Lana", "charge_origin": "API", "charge_id": "2342",
    // "charge_amount": "120.00", "msg_charge_1": [{"status": "5", "date": "2022-07-11", "info": "Late Date"}], …
    const event = eventFromWebhook(CHARGE_STATUS, TZ);
    expect(event.type).toBe(EventType.CHARGE_UPDATED);
    expect(event.charge).toMatchObject({
      id: '2342',
      origin: ChargeOrigin.API,
      invoiceNumber: '23423',
      dueDate: '2022-06-23',
      amount: '120.00',
      client: {
        fullName: 'Carlos Lana',
        cpf: '31113710614',
        whatsapp: '+5551982492631',
        email: 'meuemail@mail.com',
        codes: ['1231', '12321', 'AV930'],
      },
    });
    expect(event.charge?.timeline).toHaveLength(7);
    expect(event.charge?.timeline[0]).toEqual({
      track: ChargeMessageTrack.FIRST_CHARGE,
      status: ChargeMessageStatus.LATE,
      statusCode: '5',
      date: '2022-07-11',
      info: 'Late Date',
    });
    // The same record again (in any field order): same key; a changed notification state, or any other
    // change to the charge (its due date), another key.
    expect(eventFromWebhook(CHARGE_STATUS, TZ).dedupeKey).toBe(event.dedupeKey);
    expect(eventFromWebhook(Object.fromEntries(Object.entries(CHARGE_STATUS).reverse()), TZ).dedupeKey).toBe(event.dedupeKey);
    const paid = { ...CHARGE_STATUS, msg_pg: [{ status: '3', date: '2022-07-30', info: '' }] };
    expect(eventFromWebhook(paid, TZ).dedupeKey).not.toBe(event.dedupeKey);
    expect(eventFromWebhook({ ...CHARGE_STATUS, charge_due_date: '2022-08-13' }, TZ).dedupeKey).not.toBe(event.dedupeKey);
  });

  it('anything else is a validation_failed naming what is missing', () => {
    expect(fieldErrors(() => eventFromWebhook([], TZ))).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    expect(fieldErrors(() => eventFromWebhook({ hello: 'world' }, TZ))[0].message).toMatch(/none of the Maxbot webhooks/);
    expect(fieldErrors(() => eventFromWebhook({ ...NEW_CONTACT, type_event: 'delete' }, TZ))).toEqual([
      { field: 'type_event', message: '"delete" is not a contact event Maxbot documents (insert, update)' },
    ]);
    expect(fieldErrors(() => eventFromWebhook({ ...NEW_CONTACT, id: '' }, TZ))[0].field).toBe('id');
    const { contact: _contact, ...withoutContact } = MESSAGE_RECEIVED;
    expect(fieldErrors(() => eventFromWebhook(withoutContact, TZ))[0].field).toBe('contact');
    expect(fieldErrors(() => eventFromWebhook({ ...CHARGE_STATUS, charge_id: '' }, TZ))[0].field).toBe('charge_id');
  });
});
