import { isValidCnpj, isValidCpf, stripDocument } from '../../src/common/normalize/documents';
import { brDateTimeToIso, instantToWire, isRealDateTime, wireDateTimeToIso, wireDateToIso } from '../../src/common/normalize/dates';
import { e164ToDigits, parsePhone, wirePhoneToE164 } from '../../src/common/normalize/phone';
import { blankToNull, flag, flagToWire, intOrNull } from '../../src/common/normalize/values';

describe('phones', () => {
  it.each([
    ['+55 (31) 91111-2222', '+5531911112222'],
    ['5531911112222', '+5531911112222'],
    ['(31) 91111-2222', '+5531911112222'],
    ['31 3232-4455', '+553132324455'],
    ['+1 (415) 555-2671', '+14155552671'],
  ])('parses %s as %s', (input, e164) => {
    expect(parsePhone(input)).toBe(e164);
  });

  it.each(['123', 'abc', '+55 31 1234', '', '+55 (31) 91111-2222 ext. 3'])('rejects %s', (input) => {
    expect(parsePhone(input)).toBeNull();
  });

  it('maps platform storage forms to E.164 and back', () => {
    // maxbot.txt get_contact: "whatsapp": "5531911112222", "phone": "3132324455" (no country code)
    expect(wirePhoneToE164('5531911112222')).toBe('+5531911112222');
    expect(wirePhoneToE164('3132324455', 'BR')).toBe('+553132324455');
    expect(wirePhoneToE164('')).toBeNull();
    expect(wirePhoneToE164(undefined)).toBeNull();
    expect(e164ToDigits('+5531911112222')).toBe('5531911112222');
  });

  it('reads a stored number in the Brazilian national form as Brazilian, whatever calling code its first digits spell', () => {
    // The area codes 31 (Belo Horizonte), 32 (Juiz de Fora) and 41 (Curitiba) are also the calling
    // codes of the Netherlands, Belgium and Switzerland; these numbers came back as +31…, +32…, +41….
    expect(wirePhoneToE164('31988887777', 'BR')).toBe('+5531988887777');
    expect(wirePhoneToE164('3232324455', 'BR')).toBe('+553232324455');
    expect(wirePhoneToE164('41999998888')).toBe('+5541999998888');
    expect(wirePhoneToE164('(27) 3333-4444', 'BR')).toBe('+552733334444');
    // Every real area code, mobile and landline.
    const areaCodes = [
      11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46, 47, 48, 49,
    ]
      .concat([51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89])
      .concat([91, 92, 93, 94, 95, 96, 97, 98, 99]);
    for (const ddd of areaCodes) {
      expect(wirePhoneToE164(`${ddd}987654321`, 'BR')).toBe(`+55${ddd}987654321`);
      expect(wirePhoneToE164(`${ddd}32324455`, 'BR')).toBe(`+55${ddd}32324455`);
      expect(parsePhone(`${ddd}987654321`)).toBe(`+55${ddd}987654321`);
    }
  });

  it('reads other stored digits as international first: WhatsApp ids of other countries, trunk and toll-free forms', () => {
    expect(wirePhoneToE164('14155552671', 'BR')).toBe('+14155552671'); // a US WhatsApp id
    expect(wirePhoneToE164('447911123456')).toBe('+447911123456');
    expect(wirePhoneToE164('031988887777', 'BR')).toBe('+5531988887777'); // trunk prefix 0
    // The record's own country counts when it is not Brazil.
    expect(wirePhoneToE164('912345678', 'PT')).toBe('+351912345678');
    // Typed without +, a US number is not taken for a Brazilian one with an impossible subscriber part.
    expect(parsePhone('14155552671')).toBe('+14155552671');
  });
});

describe('CPF and CNPJ', () => {
  it('checks CPF check digits', () => {
    expect(isValidCpf('529.982.247-25')).toBe(true);
    expect(isValidCpf('87348769527')).toBe(true); // maxbot.txt PHP example
    expect(isValidCpf('52998224724')).toBe(false);
    expect(isValidCpf('11111111111')).toBe(false);
    expect(isValidCpf('1234567890')).toBe(false);
  });

  it('checks CNPJ check digits, numeric and alphanumeric (valid since July 2026)', () => {
    expect(isValidCnpj('11.222.333/0001-81')).toBe(true);
    expect(isValidCnpj('64420582000148')).toBe(true); // maxbot.txt PHP example
    expect(isValidCnpj('11.222.333/0001-82')).toBe(false);
    expect(isValidCnpj('12.ABC.345/01DE-35')).toBe(true); // Receita Federal's alphanumeric example
    expect(isValidCnpj('12.ABC.345/01DE-36')).toBe(false);
    expect(isValidCnpj('00000000000000')).toBe(false);
    expect(stripDocument('12.abc.345/01de-35')).toBe('12ABC34501DE35');
  });
});

describe('dates', () => {
  const tz = 'America/Sao_Paulo';
  it('adds the account offset to wall-clock datetimes', () => {
    expect(wireDateTimeToIso('2020-06-08 08:07:16', tz)).toBe('2020-06-08T08:07:16-03:00');
    // Brazil observed daylight saving time until 2019: December 2018 was UTC-2.
    expect(wireDateTimeToIso('2018-12-01 10:00:00', tz)).toBe('2018-12-01T10:00:00-02:00');
    expect(wireDateTimeToIso('2020-06-08 08:07:16', 'Europe/Lisbon')).toBe('2020-06-08T08:07:16+01:00');
  });

  it('keeps offsets apart per timezone and writes part-hour offsets whole', () => {
    // The same local hour, asked again and alternately in three zones: each keeps its own offset.
    for (let i = 0; i < 2; i++) {
      expect(wireDateTimeToIso('2020-06-08 08:59:59', 'Asia/Kolkata')).toBe('2020-06-08T08:59:59+05:30');
      expect(wireDateTimeToIso('2020-06-08 08:00:00', tz)).toBe('2020-06-08T08:00:00-03:00');
      expect(wireDateTimeToIso('2020-06-08 08:30:05', 'America/St_Johns')).toBe('2020-06-08T08:30:05-02:30');
    }
  });

  it('turns Maxbot "never" and "" into null', () => {
    expect(wireDateTimeToIso('0000-00-00 00:00:00', tz)).toBeNull();
    expect(wireDateTimeToIso('', tz)).toBeNull();
    expect(wireDateToIso('0000-00-00')).toBeNull();
    expect(wireDateToIso('1974-10-22')).toBe('1974-10-22');
  });

  it('parses the day-first forms of get_cfx_process', () => {
    // maxbot.txt: "note_date": "16\/10\/21 09h50", "activity_exe": "16\/10\/2021 09:50"
    expect(brDateTimeToIso('16/10/21 09h50', tz)).toBe('2021-10-16T09:50:00-03:00');
    expect(brDateTimeToIso('16/10/2021 09:50', tz)).toBe('2021-10-16T09:50:00-03:00');
    expect(brDateTimeToIso('16/10/2021', tz)).toBe('2021-10-16');
    expect(brDateTimeToIso('Pendente', tz)).toBeNull();
  });

  it('writes instants as wall-clock time of the account', () => {
    expect(instantToWire(new Date('2020-12-01T16:00:00Z'), tz)).toBe('2020-12-01 13:00:00');
  });
});

describe('isRealDateTime', () => {
  it.each(['2030-02-28T10:00:00Z', '2030-02-28T23:59:59-03:00', '2028-02-29T00:00+05:30', '2030-01-01T10:00:00.123Z'])(
    'accepts %s',
    (v) => {
      expect(isRealDateTime(v)).toBe(true);
    },
  );
  // Date.parse takes each of these and rolls it over to another moment.
  it.each(['2030-02-30T10:00:00Z', '2030-02-29T10:00:00Z', '2030-01-01T24:00:00Z', '2030-01-01T10:60:00Z', '2030-01-01T10:00:60Z'])(
    'refuses %s',
    (v) => {
      expect(isRealDateTime(v)).toBe(false);
    },
  );
  it.each(['2030-01-01T10:00:00', '2030-01-01 10:00:00Z', '2030-01-01T10:00:00+25:00', '2030-1-01T10:00Z'])('refuses the form %s', (v) => {
    expect(isRealDateTime(v)).toBe(false);
  });
});

describe('values', () => {
  it('maps flags, blanks and integers', () => {
    expect(flag('1')).toBe(true);
    expect(flag(0)).toBe(false);
    expect(flag('')).toBeNull();
    expect(flagToWire(true)).toBe('1');
    expect(blankToNull('  ')).toBeNull();
    expect(blankToNull(12)).toBe('12');
    expect(intOrNull('46')).toBe(46);
    expect(intOrNull('4.5')).toBeNull();
  });
});
