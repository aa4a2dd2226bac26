import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { registerDecorator } from 'class-validator';
import { In, type InputDoc } from '../../common/validation/fields';

/**
 * Money in: a decimal string with a dot and at most two decimals ("120", "120.5", "120.00"),
 * normalized to two decimals ("120.00"). A comma ("1,20") is refused rather than guessed at:
 * in Brazil it is the decimal separator, elsewhere a thousands separator. JSON numbers are
 * refused too (binary floats are not money).
 */
export const MONEY_INPUT = /^\d{1,13}(\.\d{1,2})?$/;

/** "120" → "120.00", "0120.5" → "120.50"; the input must match {@link MONEY_INPUT}. */
export function normalizeMoney(value: string): string {
  const [units, cents = ''] = value.split('.');
  return `${units.replace(/^0+(?=\d)/, '')}.${cents.padEnd(2, '0')}`;
}

function positive(target: object, propertyName: string | symbol): void {
  registerDecorator({
    name: 'isPositiveMoney',
    target: target.constructor,
    propertyName: propertyName as string,
    options: { message: 'must be greater than zero' },
    validator: { validate: (v: unknown) => typeof v !== 'string' || /[1-9]/.test(v) },
  });
}

/** A money input field: OpenAPI + GraphQL + validation + normalization to two decimals. */
export const Money = (doc: InputDoc) =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && MONEY_INPUT.test(value.trim()) ? normalizeMoney(value.trim()) : value,
    ),
    In.string({
      ...doc,
      description: `${doc.description} Decimal string with a dot, at most two decimals ("120", "120.5" or "120.00"); returned as "120.00".`,
      maxLength: 16,
      pattern: MONEY_INPUT,
      patternMessage: 'must be a decimal string with a dot and at most two decimals, e.g. "120.00"',
    }),
    positive,
  );
