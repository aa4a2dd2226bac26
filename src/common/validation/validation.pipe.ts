import { Injectable, type ArgumentMetadata, type PipeTransform, type Type } from '@nestjs/common';
import { TypeMetadataStorage } from '@nestjs/graphql';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { PonteError, type FieldError } from '../errors/ponte-error';
import { passesValidation } from './fast-check';
import { memoizeTransformMetadata, memoizeValidationMetadata } from './metadata-cache';
import { toInstance } from './to-instance';

const PRIMITIVES: unknown[] = [String, Number, Boolean, Object, Array];
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
};

/** A field's name one level down: `to` + `whatsapp` → `to.whatsapp`, array indexes in brackets (`media[0]`). */
const childField = (parent: string, key: string) => (/^\d+$/.test(key) ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key);

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = childField(parent, e.property);
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, message: rule === 'whitelistValidation' ? 'is not a known field' : message });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/**
 * A query parameter given twice (`?limit=1&limit=2`) arrives as a list: for a field that is not one,
 * that is the mistake to name, not "must be an integer". Unknown names are left to the unknown-field check.
 */
function repeatedScalar(metatype: abstract new (...args: never[]) => unknown, query: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(query)) {
    if (!Array.isArray(query[key])) continue;
    const declared: unknown = Reflect.getMetadata('design:type', metatype.prototype as object, key);
    if (declared !== undefined && declared !== Array) return key;
  }
  return undefined;
}

/** `['to', 'messenger', 'id']` → `to.messenger.id`, named as the validation errors name fields. */
const fieldPath = (path: string[]) => path.reduce(childField, '');

/** Deeper than any input of the API nests (`to.messenger.id` is three levels). */
export const MAX_INPUT_DEPTH = 32;

/**
 * What no input may hold, found before the input is turned into its class: keys that would reach an
 * object's prototype (query strings can carry them), and nesting beyond `MAX_INPUT_DEPTH` — a 4 KB
 * body of 2,000 nested arrays overflowed the stack of the recursive walks after it (a 500).
 * Iterative, so its own depth costs no stack; paths are built only for what is reported.
 */
function findUnacceptable(value: unknown): FieldError | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const pending: Array<{ node: object; path: string[] }> = [{ node: value, path: [] }];
  while (pending.length > 0) {
    const { node, path } = pending.pop()!;
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.has(key)) return { field: fieldPath([...path, key]), message: 'is not a known field' };
      const child = (node as Record<string, unknown>)[key];
      if (!child || typeof child !== 'object') continue;
      if (path.length + 1 >= MAX_INPUT_DEPTH) {
        return { field: fieldPath([...path, key]), message: `is nested too deeply (at most ${MAX_INPUT_DEPTH} levels)` };
      }
      pending.push({ node: child, path: [...path, key] });
    }
  }
  return undefined;
}

const argsTypes = new WeakMap<object, boolean>();

/**
 * Whether a class is an `@ArgsType` (a list query's arguments). REST reads the same classes from
 * query strings (type `query`); GraphQL hands them over as the `body`.
 */
function isArgsType(metatype: Type<unknown>): boolean {
  let known = argsTypes.get(metatype);
  if (known === undefined) argsTypes.set(metatype, (known = TypeMetadataStorage.getArgumentsMetadataByTarget(metatype) !== undefined));
  return known;
}

/**
 * A list query's GraphQL arguments (filters, paging): one given as `null` is one not given, as a
 * REST query string can only say. The schema lets every optional argument be null, and a null
 * filter read as a value would filter on "0" or fail on it.
 */
function withoutNulls(args: Record<string, unknown>): Record<string, unknown> {
  if (!Object.values(args).includes(null)) return args;
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== null));
}

/**
 * Validation for bodies, query strings and GraphQL arguments alike: the value becomes an instance
 * of its input class (the field decorators convert phones to E.164, "true" to true, …), unknown
 * fields are refused, and every failure becomes one `validation_failed` problem listing each field.
 *
 * Leaner than Nest's ValidationPipe on purpose (it is on every request's path): synchronous
 * validation, memoized rule lookup, and none of the generic handling Ponte's inputs never need
 * (binary values, sparse arrays, async validators), and a pass/fail pre-check (`fast-check.ts`) so
that a valid input never pays for class-validator's error tree.
 */
@Injectable()
export class PonteValidationPipe implements PipeTransform {
  constructor() {
    memoizeValidationMetadata();
    memoizeTransformMetadata();
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const metatype = metadata.metatype;
    if (metadata.type === 'custom' || typeof metatype !== 'function' || PRIMITIVES.includes(metatype)) return value;
    // A whole body of JSON `null` is no object either (it was taken as `{}`); an absent one (GET) is empty.
    // (A named GraphQL argument given as null is left to the schema and the field's own rules.)
    const wholeBodyNull = value === null && metadata.type === 'body' && metadata.data === undefined;
    let input = value ?? {};
    if (wholeBodyNull || typeof input !== 'object' || Array.isArray(input)) {
      throw PonteError.validation([{ field: metadata.type === 'query' ? 'query' : 'body', message: 'must be a JSON object' }]);
    }
    if (metadata.type === 'query') {
      const repeated = repeatedScalar(metatype, input as Record<string, unknown>);
      if (repeated) throw PonteError.validation([{ field: repeated, message: 'is given more than once' }]);
    }
    if (metadata.type === 'body' && isArgsType(metatype as Type<unknown>)) input = withoutNulls(input as Record<string, unknown>);
    const unacceptable = findUnacceptable(input);
    if (unacceptable) throw PonteError.validation([unacceptable]);
    const entity = toInstance(metatype as new () => object, input);
    // The common case, a valid input, skips class-validator's error bookkeeping; anything else is
    // validated (and described) by class-validator itself.
    if (passesValidation(entity)) return entity;
    const errors = validateSync(entity, VALIDATOR_OPTIONS);
    if (errors.length > 0) {
      const fields = flatten(errors);
      throw PonteError.validation(fields.length ? fields : [{ field: 'body', message: 'is not valid' }]);
    }
    return entity;
  }
}
