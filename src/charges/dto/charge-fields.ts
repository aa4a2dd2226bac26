import { In, type InputDoc } from '../../common/validation/fields';
import { PersonType } from '../../contacts/models/contact.enums';
import '../../contacts/models/contact.graphql-enums';

type Mode = 'create' | 'update';

/** On create a field may be left out; on update it may also be null, which clears it. */
const opt = (mode: Mode): Pick<InputDoc, 'optional' | 'nullable'> =>
  mode === 'create' ? { optional: true } : { optional: true, nullable: true };

const text = (description: string, maxLength: number, example?: unknown) => (mode: Mode) =>
  In.string({ description, maxLength, example, ...opt(mode) });

/**
 * The writable client fields of a charge (Maxbot `client_*`), described once and applied to the
 * create and the update input.
 */
export const CHARGE_CLIENT_FIELDS = {
  country: (m: Mode) =>
    In.string({
      description: 'Country, ISO 3166-1 alpha-2.',
      example: 'BR',
      pattern: /^[A-Z]{2}$/,
      patternMessage: 'must be a two-letter country code such as BR',
      ...opt(m),
    }),
  fullName: text('Full name (Maxbot `client_client_name`).', 150, 'Jose Silva'),
  firstName: text('First name.', 100, 'Jose'),
  lastName: text('Surname.', 100, 'Silva'),
  personType: (m: Mode) =>
    In.enum(PersonType, 'PersonType', { description: 'Individual or company.', example: PersonType.INDIVIDUAL, ...opt(m) }),
  cpf: (m: Mode) => In.cpf({ description: 'CPF; punctuation optional, check digits verified.', example: '873.487.695-27', ...opt(m) }),
  cnpj: (m: Mode) =>
    In.cnpj({ description: 'CNPJ; punctuation optional, check digits verified.', example: '64.420.582/0001-48', ...opt(m) }),
  company: text('Company name.', 150, 'Empresa Minha Ltda'),
  whatsapp: (m: Mode) => In.phone({ description: 'WhatsApp number the charge messages go to.', example: '+55 (31) 91111-6666', ...opt(m) }),
  mobilePhone: (m: Mode) => In.phone({ description: 'Mobile phone.', example: '+55 31 91111-6666', ...opt(m) }),
  email: (m: Mode) => In.email({ description: 'E-mail address.', example: 'jose@email.com', ...opt(m) }),
  codes: (m: Mode) =>
    In.stringList({
      description:
        "The client's codes in the caller's systems, at most three (Maxbot `client_code1`..`client_code3`); on update the list replaces all three.",
      maxItems: 3,
      itemMaxLength: 100,
      example: ['1231', '12321', 'AV930'],
      ...opt(m),
    }),
} as const;

export type ChargeClientField = keyof typeof CHARGE_CLIENT_FIELDS;

export function applyChargeClientFields(target: { prototype: object }, mode: Mode): void {
  for (const [name, decorate] of Object.entries(CHARGE_CLIENT_FIELDS)) decorate(mode)(target.prototype, name);
}
