import { In, presence, textField, type InputMode } from '../../common/validation/fields';
import { PersonType } from '../../contacts/models/contact.enums';
import '../../contacts/models/contact.graphql-enums';

/**
 * The writable client fields of a charge (Maxbot `client_*`), described once and applied to the
 * create and the update input.
 */
export const CHARGE_CLIENT_FIELDS = {
  country: (m: InputMode) =>
    In.string({
      description: 'Country, ISO 3166-1 alpha-2.',
      example: 'BR',
      pattern: /^[A-Z]{2}$/,
      patternMessage: 'must be a two-letter country code such as BR',
      ...presence(m),
    }),
  fullName: textField('Full name (Maxbot `client_client_name`).', 150, 'Jose Silva'),
  firstName: textField('First name.', 100, 'Jose'),
  lastName: textField('Surname.', 100, 'Silva'),
  personType: (m: InputMode) =>
    In.enum(PersonType, 'PersonType', { description: 'Individual or company.', example: PersonType.INDIVIDUAL, ...presence(m) }),
  cpf: (m: InputMode) =>
    In.cpf({ description: 'CPF; punctuation optional, check digits verified.', example: '873.487.695-27', ...presence(m) }),
  cnpj: (m: InputMode) =>
    In.cnpj({ description: 'CNPJ; punctuation optional, check digits verified.', example: '64.420.582/0001-48', ...presence(m) }),
  company: textField('Company name.', 150, 'Empresa Minha Ltda'),
  whatsapp: (m: InputMode) =>
    In.phone({ description: 'WhatsApp number the charge messages go to.', example: '+55 (31) 91111-6666', ...presence(m) }),
  mobilePhone: (m: InputMode) => In.phone({ description: 'Mobile phone.', example: '+55 31 91111-6666', ...presence(m) }),
  email: (m: InputMode) => In.email({ description: 'E-mail address.', example: 'jose@email.com', ...presence(m) }),
  codes: (m: InputMode) =>
    In.stringList({
      description:
        "The client's codes in the caller's systems, at most three (Maxbot `client_code1`..`client_code3`); on update the list replaces all three.",
      maxItems: 3,
      itemMaxLength: 100,
      example: ['1231', '12321', 'AV930'],
      ...presence(m),
    }),
} as const;

export type ChargeClientField = keyof typeof CHARGE_CLIENT_FIELDS;

export function applyChargeClientFields(target: { prototype: object }, mode: InputMode): void {
  for (const [name, decorate] of Object.entries(CHARGE_CLIENT_FIELDS)) decorate(mode)(target.prototype, name);
}
