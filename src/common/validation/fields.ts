/**
 * Describe a field once: each helper applies the OpenAPI property, the GraphQL field and (for
 * inputs) the validation and value transform, so REST, GraphQL and Swagger never disagree.
 * `Out.*` is for models (responses), `In.*` for inputs (bodies, query strings, GraphQL args).
 */
import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { Field, Float, ID, Int } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  ValidateIf,
  IsDefined,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { parsePhone } from '../normalize/phone';
import { isValidCnpj, isValidCpf, stripDocument } from '../normalize/documents';
import { isRealDate, isRealDateTime } from '../normalize/dates';
import { MONEY_INPUT, MONEY_INPUT_MESSAGE, normalizeMoney } from '../normalize/money';

/** How far in the past a `notPast` instant may be: clocks differ. */
const PAST_TOLERANCE_MS = 60_000;

export interface Doc {
  description: string;
  example?: unknown;
  /** Output: the value may be null. Input: null is accepted (meaning "clear" on updates). */
  nullable?: boolean;
}

export interface InputDoc extends Doc {
  /** The field may be left out. */
  optional?: boolean;
}

/** Create and update inputs share field descriptions; only presence differs. */
export type InputMode = 'create' | 'update';

/** On create a field may be left out; on update it may also be null, which clears it. */
export const presence = (mode: InputMode): Pick<InputDoc, 'optional' | 'nullable'> =>
  mode === 'create' ? { optional: true } : { optional: true, nullable: true };

/** A plain text field for a create/update field table. */
export const textField = (description: string, maxLength: number, example?: unknown) => (mode: InputMode) =>
  In.string({ description, maxLength, example, ...presence(mode) });

type GqlType = () => unknown;

function outField(gql: GqlType, doc: Doc, api: Record<string, unknown>): PropertyDecorator {
  return applyDecorators(
    Field(gql as never, { description: doc.description, nullable: doc.nullable ?? false }),
    ApiProperty({ description: doc.description, example: doc.example, nullable: doc.nullable, required: true, ...api }),
  );
}

function inField(gql: GqlType, doc: InputDoc, api: Record<string, unknown>, ...checks: PropertyDecorator[]): PropertyDecorator {
  const optional = doc.optional ?? false;
  return applyDecorators(
    Field(gql as never, { description: doc.description, nullable: optional || (doc.nullable ?? false) }),
    ApiProperty({
      description: doc.description,
      example: doc.example,
      required: !optional,
      ...(doc.nullable ? { nullable: true } : {}),
      ...api,
    }),
    // A required field that may be null must still be given: left out, it is "is required", not a
    // type error (IS_DEFINED rules run before the others, and the first failure is the one reported).
    ...(optional
      ? [IsOptional()]
      : doc.nullable
        ? [ValidateIf((_o, v) => v !== null), IsDefined({ message: 'is required' })]
        : [IsDefined({ message: 'is required' })]),
    ...checks,
  );
}

/** A Transform mapping a value to the enum's own spelling when they differ only in case (unless two values do). */
function caseInsensitive(values: string[]): (params: { value: unknown }) => unknown {
  const byLower = new Map(values.map((v) => [v.toLowerCase(), v]));
  if (byLower.size < values.length) return ({ value }) => value;
  return ({ value }) => (typeof value === 'string' ? (byLower.get(value.toLowerCase()) ?? value) : value);
}

/** `IsString` etc. put the property name first in messages; Ponte names the field separately. */
const msg = (message: string): ValidationOptions => ({ message });

function custom(name: string, test: (value: unknown) => boolean, message: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message },
      validator: { validate: (value: unknown) => test(value) },
    });
  };
}

/** Query strings carry `"true"`/`"1"`; GraphQL and JSON carry real booleans. */
const toBoolean = Transform(({ value }: { value: unknown }) => {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
});

const toInt = Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value));

const trimmed = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export const Out = {
  id: (doc: Doc) => outField(() => ID, doc, { type: String }),
  string: (doc: Doc) => outField(() => String, doc, { type: String }),
  int: (doc: Doc) => outField(() => Int, doc, { type: 'integer', format: 'int32' }),
  float: (doc: Doc) => outField(() => Float, doc, { type: Number }),
  boolean: (doc: Doc) => outField(() => Boolean, doc, { type: Boolean }),
  /** ISO 8601 datetime with offset. */
  dateTime: (doc: Doc) => outField(() => String, doc, { type: String, format: 'date-time' }),
  /** ISO 8601 calendar date. */
  date: (doc: Doc) => outField(() => String, doc, { type: String, format: 'date' }),
  /** E.164 phone number. */
  phone: (doc: Doc) => outField(() => String, doc, { type: String, pattern: '^\\+[1-9]\\d{7,14}$' }),
  /** Decimal string, e.g. "120.00". */
  money: (doc: Doc) => outField(() => String, doc, { type: String, pattern: '^-?\\d+\\.\\d{2}$' }),
  url: (doc: Doc) => outField(() => String, doc, { type: String, format: 'uri' }),
  enum: (enumObject: object, enumName: string, doc: Doc) => outField(() => enumObject, doc, { enum: enumObject, enumName }),
  stringList: (doc: Doc) => outField(() => [String], doc, { type: [String] }),
  // Nested types are resolved eagerly: @nestjs/swagger loses lazy types on nullable properties.
  // The nested class must therefore be declared before the class using it.
  object: (type: () => ClassType, doc: Doc) => outField(type, doc, { type: type() }),
  list: (type: () => ClassType, doc: Doc) => outField(() => [type()], doc, { type: [type()] }),
};

export const In = {
  string: (doc: InputDoc & { maxLength?: number; minLength?: number; pattern?: RegExp; patternMessage?: string }) =>
    inField(
      () => String,
      doc,
      { type: String, maxLength: doc.maxLength, minLength: doc.minLength, pattern: doc.pattern?.source },
      IsString(msg('must be a string')),
      ...(doc.maxLength !== undefined ? [MaxLength(doc.maxLength, msg(`must be at most ${doc.maxLength} characters`))] : []),
      MinLength(doc.minLength ?? 0, msg(`must be at least ${doc.minLength ?? 0} characters`)),
      ...(doc.pattern ? [Matches(doc.pattern, msg(doc.patternMessage ?? `must match ${doc.pattern.source}`))] : []),
    ),
  /** A platform record id: digits only (Maxbot ids are integers). */
  numericId: (doc: InputDoc) =>
    inField(
      () => String,
      doc,
      { type: String, pattern: '^\\d{1,18}$' },
      trimmed,
      IsString(msg('must be a string of digits')),
      Matches(/^\d{1,18}$/, msg('must be a numeric id (digits only)')),
    ),
  int: (doc: InputDoc & { min?: number; max?: number }) =>
    inField(
      () => Int,
      doc,
      { type: 'integer', format: 'int32', minimum: doc.min, maximum: doc.max },
      toInt,
      IsInt(msg('must be an integer')),
      ...(doc.min !== undefined ? [Min(doc.min, msg(`must be at least ${doc.min}`))] : []),
      ...(doc.max !== undefined ? [Max(doc.max, msg(`must be at most ${doc.max}`))] : []),
    ),
  boolean: (doc: InputDoc) => inField(() => Boolean, doc, { type: Boolean }, toBoolean, IsBoolean(msg('must be true or false'))),
  /**
   * One of an enum's values, in any letter case on input (REST bodies and query strings: `"TEXT"`
   * and `"text"` alike, since some enums are lowercase by contract and others uppercase); always
   * its own spelling on the way out. GraphQL checks its enum names itself, before this runs.
   */
  enum: (enumObject: Record<string, string>, enumName: string, doc: InputDoc) =>
    inField(
      () => enumObject,
      doc,
      { enum: enumObject, enumName },
      Transform(caseInsensitive(Object.values(enumObject))),
      IsIn(Object.values(enumObject), msg(`must be one of ${Object.values(enumObject).join(', ')}`)),
    ),
  /** Any common phone form in; E.164 out (`+55 (31) 91111-2222` → `+5531911112222`). */
  phone: (doc: InputDoc) =>
    inField(
      () => String,
      doc,
      {
        type: String,
        description: `${doc.description} Any common form is accepted (e.g. "+55 (31) 91111-2222"); stored and returned as E.164.`,
      },
      Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (parsePhone(value) ?? value) : value)),
      custom(
        'isPhone',
        // What parsePhone made of the input: a number it could not read is still the raw text here.
        (v) => typeof v === 'string' && v.startsWith('+') && parsePhone(v) === v,
        'must be a valid phone number, e.g. +55 31 91111-2222',
      ),
    ),
  email: (doc: InputDoc) =>
    inField(() => String, doc, { type: String, format: 'email' }, trimmed, IsEmail({}, msg('must be a valid e-mail address'))),
  /** CPF, punctuation optional; check digits verified. */
  cpf: (doc: InputDoc) =>
    inField(
      () => String,
      doc,
      { type: String, minLength: 11, maxLength: 14 },
      Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? stripDocument(value) : value)),
      custom('isCpf', (v) => typeof v === 'string' && isValidCpf(v), 'must be a valid CPF (11 digits with matching check digits)'),
    ),
  /** CNPJ, punctuation optional, numeric or the alphanumeric form valid since July 2026. */
  cnpj: (doc: InputDoc) =>
    inField(
      () => String,
      doc,
      { type: String, minLength: 14, maxLength: 18 },
      Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? stripDocument(value) : value)),
      custom('isCnpj', (v) => typeof v === 'string' && isValidCnpj(v), 'must be a valid CNPJ (14 characters with matching check digits)'),
    ),
  date: (doc: InputDoc) =>
    inField(
      () => String,
      doc,
      { type: String, format: 'date' },
      custom('isDate', (v) => typeof v === 'string' && isRealDate(v), 'must be a calendar date in the form YYYY-MM-DD'),
    ),
  /**
   * An instant: ISO 8601 with offset or Z. `notPast`: a time to do something at (`scheduleAt`),
   * refused when it has already gone by: a platform would send at once, or never, and report it as
   * scheduled either way. A minute back is tolerated for clocks that differ.
   */
  dateTime: (doc: InputDoc & { notPast?: boolean }) =>
    inField(
      () => String,
      doc.notPast ? { ...doc, description: `${doc.description} Not in the past (a minute of clock difference is tolerated).` } : doc,
      { type: String, format: 'date-time' },
      custom(
        'isDateTime',
        (v) => typeof v === 'string' && isRealDateTime(v),
        'must be an ISO 8601 datetime with offset, e.g. 2024-12-18T13:00:00-03:00',
      ),
      ...(doc.notPast
        ? [
            custom(
              'isNotPast',
              (v) => typeof v !== 'string' || !isRealDateTime(v) || Date.parse(v) >= Date.now() - PAST_TOLERANCE_MS,
              'is in the past: leave it out to send now',
            ),
          ]
        : []),
    ),
  /** A date (`YYYY-MM-DD`) or an ISO 8601 datetime with offset. */
  dateOrDateTime: (doc: InputDoc) =>
    inField(
      () => String,
      doc,
      { type: String },
      custom(
        'isDateOrDateTime',
        (v) => typeof v === 'string' && (isRealDate(v) || isRealDateTime(v)),
        'must be a date (YYYY-MM-DD) or an ISO 8601 datetime with offset',
      ),
    ),
  /** Money: "120", "120.5" or "120.00" in, "120.00" out (see common/normalize/money.ts). */
  money: (doc: InputDoc & { allowZero?: boolean }) =>
    inField(
      () => String,
      doc,
      {
        type: String,
        pattern: MONEY_INPUT.source,
        description: `${doc.description} Decimal string with a dot, at most two decimals ("120", "120.5" or "120.00"); normalized to "120.00".`,
      },
      Transform(({ value }: { value: unknown }) =>
        typeof value === 'string' && MONEY_INPUT.test(value.trim()) ? normalizeMoney(value) : value,
      ),
      IsString(msg(MONEY_INPUT_MESSAGE)),
      Matches(MONEY_INPUT, msg(MONEY_INPUT_MESSAGE)),
      ...(doc.allowZero ? [] : [custom('isPositiveMoney', (v) => typeof v !== 'string' || /[1-9]/.test(v), 'must be greater than zero')]),
    ),
  url: (doc: InputDoc & { httpsOnly?: boolean }) =>
    inField(
      () => String,
      doc,
      { type: String, format: 'uri' },
      trimmed,
      custom(
        'isHttpUrl',
        (v) => {
          if (typeof v !== 'string' || v.length > 2048) return false;
          try {
            const u = new URL(v);
            return doc.httpsOnly ? u.protocol === 'https:' : u.protocol === 'https:' || u.protocol === 'http:';
          } catch {
            return false;
          }
        },
        doc.httpsOnly ? 'must be an https:// URL' : 'must be an http(s) URL',
      ),
    ),
  stringList: (
    doc: InputDoc & { minItems?: number; maxItems: number; itemMaxLength?: number; itemPattern?: RegExp; itemMessage?: string },
  ) =>
    inField(
      () => [String],
      doc,
      { type: [String], minItems: doc.minItems, maxItems: doc.maxItems },
      IsArray(msg('must be a list')),
      ArrayMinSize(doc.minItems ?? 0, msg(`must have at least ${doc.minItems ?? 0} item(s)`)),
      ArrayMaxSize(doc.maxItems, msg(`must have at most ${doc.maxItems} items`)),
      IsString({ each: true, message: 'items must be strings' }),
      MinLength(1, { each: true, message: 'items must not be empty' }),
      ...(doc.itemMaxLength
        ? [MaxLength(doc.itemMaxLength, { each: true, message: `items must be at most ${doc.itemMaxLength} characters` })]
        : []),
      ...(doc.itemPattern
        ? [Matches(doc.itemPattern, { each: true, message: doc.itemMessage ?? `items must match ${doc.itemPattern.source}` })]
        : []),
    ),
  object: (type: () => ClassType, doc: InputDoc) =>
    inField(type, doc, { type: type() }, IsObject(msg('must be an object')), ValidateNested(), Type(type)),
  list: (type: () => ClassType, doc: InputDoc & { minItems?: number; maxItems: number }) =>
    inField(
      () => [type()],
      doc,
      { type: [type()], minItems: doc.minItems, maxItems: doc.maxItems },
      IsArray(msg('must be a list')),
      ValidateNested({ each: true }),
      Type(type),
      ArrayMinSize(doc.minItems ?? 0, msg(`must have at least ${doc.minItems ?? 0} item(s)`)),
      ArrayMaxSize(doc.maxItems, msg(`must have at most ${doc.maxItems} items`)),
    ),
};
