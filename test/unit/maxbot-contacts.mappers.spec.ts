/** Pure Maxbot contact mappers, checked against the records and requests of maxbot.txt. */
import { PonteError } from '../../src/common/errors/ponte-error';
import { Gender, PersonType, SegmentationType } from '../../src/contacts/models/contact.enums';
import {
  contactFiltersToWire,
  contactFromWire,
  contactInputToWire,
  segmentationFromWire,
} from '../../src/platforms/maxbot/contacts.mappers';
import { seedContacts } from '../../src/sandbox/maxbot/contacts.sim';

const TZ = 'America/Sao_Paulo';
const NOW = new Date('2024-05-10T15:00:00Z');

describe('contactFromWire', () => {
  it('normalizes the third get_contact example of maxbot.txt', () => {
    const keli = seedContacts()[2];
    expect(contactFromWire(keli as never, TZ)).toEqual({
      id: '3',
      createdAt: '2020-06-08T08:07:16-03:00',
      updatedAt: '2020-06-08T08:07:16-03:00',
      firstName: 'Keli',
      lastName: 'Marchi',
      gender: Gender.FEMALE,
      genderInfo: null,
      birthDate: '1990-06-15',
      age: 30,
      personType: PersonType.INDIVIDUAL,
      cpf: '11122233300',
      cnpj: null,
      company: null,
      email: 'keli@email.com',
      whatsapp: '+5531911116666',
      mobilePhone: '+5531911116666',
      phone: null,
      telegramId: null,
      messengerId: null,
      instagramId: null,
      channels: { whatsapp: '+5531911111222', telegram: null, messenger: null, instagram: null },
      sessions: { whatsapp: null, messenger: null, instagram: null },
      usernames: { platform: null, telegram: null, messenger: null, instagram: null },
      country: 'BR',
      state: 'RJ',
      city: 'Rio de Janeiro',
      profession: 'Ciências Contábeis',
      externalId: 'keli-09',
      isClient: false,
      clientCode: null,
      avatarUrl: 'https://maxbot.com.br/anexos_docs/f434cd6b295984e3a0c05d8d67ae173d_small.jpg',
      notes: 'ENVIAR PROPOSTA COMERCIAL NA SEGUNDA',
      tags: ['Atd Romulo', 'Atd Romulo2'],
      segmentations: ['Negociação', 'Proposta Enviada'],
      tagInfo1: null,
      tagInfo2: null,
      tagInfo3: null,
      tagInfo4: null,
      tagInfo5: null,
      tagInfo6: null,
      customFields: [],
      inAttendance: false,
      currentProtocol: null,
      currentAttendant: null,
    });
  });

  it('copes with numeric ids, comma-separated segmentations and unknown codes', () => {
    const c = contactFromWire({ id: 7, segmentation: 'A, B', gender: 'X', br_person_type: '', in_attendance: 1 }, TZ);
    expect(c).toMatchObject({ id: '7', segmentations: ['A', 'B'], gender: null, personType: null, inAttendance: true, createdAt: null });
  });
});

describe('contactFiltersToWire', () => {
  it('maps a creation date range to focus_period 0 and the dates', () => {
    expect(contactFiltersToWire({ createdFrom: '2020-08-01', createdTo: '2020-08-31' }, TZ, NOW)).toEqual({
      focus_period: '0',
      date_start: '2020-08-01',
      date_stop: '2020-08-31',
    });
  });

  it('fills an open end (1970-01-01 or today in the account timezone)', () => {
    expect(contactFiltersToWire({ updatedFrom: '2024-01-01' }, TZ, NOW)).toEqual({
      focus_period: '1',
      date_start: '2024-01-01',
      date_stop: '2024-05-10',
    });
    expect(contactFiltersToWire({ createdTo: '2024-05-10T12:00:00-03:00' }, TZ, NOW)).toEqual({
      datetime_focus: '0',
      datetime_start: '1970-01-01 00:00:00',
      datetime_stop: '2024-05-10 12:00:00',
    });
  });

  it('refuses reversed periods, mixed foci and OkeyBot-only filters', () => {
    expect(() => contactFiltersToWire({ createdFrom: '2024-02-01', createdTo: '2024-01-01' }, TZ, NOW)).toThrow(PonteError);
    expect(() => contactFiltersToWire({ createdFrom: '2024-01-01', updatedFrom: '2024-01-01' }, TZ, NOW)).toThrow(/one period/);
    expect(() => contactFiltersToWire({ customField: 'x', value: 'y' }, TZ, NOW)).toThrow(/custom field/);
  });
});

describe('contactInputToWire', () => {
  it('sends only present fields, in Maxbot names and forms; null clears', () => {
    const { params, fields } = contactInputToWire({
      firstName: 'Jose',
      gender: Gender.MALE,
      personType: PersonType.COMPANY,
      whatsapp: '+5531911111122',
      isClient: true,
      notes: null,
      segmentations: ['Negociação', 'Proposta Enviada'],
      tags: ['VIP'],
      messengerChannelToken: 'chan',
    });
    expect(params).toEqual({
      name: 'Jose',
      gender: 'M',
      br_person_type: 'J',
      whatsapp: '5531911111122',
      ind_client: '1',
      obs: '',
      fbmessenger_channel: 'chan',
      tag: 'VIP',
      tag2: '',
      segmentation: 'Negociação, Proposta Enviada',
    });
    expect(fields).toEqual([
      'firstName',
      'gender',
      'personType',
      'whatsapp',
      'messengerChannelToken',
      'isClient',
      'notes',
      'tags',
      'segmentations',
    ]);
  });

  it('refuses a third tag (Maxbot has tag and tag2)', () => {
    expect(() => contactInputToWire({ tags: ['a', 'b', 'c'] })).toThrow(/at most 2 tags/);
  });
});

describe('segmentationFromWire', () => {
  it('maps get_segmentation records', () => {
    // maxbot.txt: { "id": 1452, "type": "0", "title": "Negocia\u00e7\u00e3o" }
    expect(segmentationFromWire({ id: 1452, type: '0', title: 'Negociação' })).toEqual({
      id: '1452',
      type: SegmentationType.CONTACT,
      title: 'Negociação',
    });
    expect(segmentationFromWire({ id: 60, type: 1, title: 'SAC' }).type).toBe(SegmentationType.PROTOCOL);
  });
});
