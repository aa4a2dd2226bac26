import { getMetadataStorage, IsOptional, ValidationTypes, type ValidationArguments } from 'class-validator';

/*
 * A pass/fail pre-check that answers, for an input already turned into an instance of its class,
 * whether class-validator's validateSync (with the options of PonteValidationPipe) would find no
 * error, without building the per-property error tree class-validator allocates for every
 * property of every request (a third of a read's allocations, most of its GC time).
 *
 * It walks the same rules, picked by the same storage calls, and calls the same constraint
 * functions with the same arguments; it only skips the bookkeeping. Each class's rules are
 * compiled once into a function of their own (see generate()). "Valid" is trusted; anything
 * else — a failed rule, a rule it does not model (promise rules, async results, groups) — sends
 * the input through class-validator itself, which builds the messages. So the worst a gap here can
 * cost is speed, never a wrong answer, as long as it never says "valid" where class-validator
 * would not: `scripts/check-validation.ts` (run by test/e2e/validation-fast-check.e2e.spec.ts)
 * holds it to that on every input class of the app.
 */

type Storage = ReturnType<typeof getMetadataStorage>;
type Rules = ReturnType<Storage['getTargetValidationMetadatas']>;
type Rule = Rules[number];
type Grouped = ReturnType<Storage['groupByPropertyName']>;

interface Check {
  rule: Rule;
  validators: { validate: (value: unknown, args: ValidationArguments) => unknown }[];
}

interface PropertyPlan {
  name: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  /** IS_DEFINED checks (run even when a skip option would skip the rest) then custom ones. */
  checks: Check[];
  /** Nested rules, by the schema class-validator validates the nested value under (the rule's class name). */
  nested: string[];
  /** A promise-valued property has rules class-validator applies to the resolved value: not modelled. */
  promiseRules: boolean;
  /** Has any rule at all (then the whitelist lets it through). */
  known: boolean;
}

/** A class's rules compiled into one function (see {@link generate}); undefined: always ask class-validator. */
type Compiled = (object: object, storage: Storage) => boolean;

const compiled = new WeakMap<Grouped, Compiled | null>();

/** The rules of one class (as class-validator groups them), or undefined when one cannot be modelled. */
function planProperties(storage: Storage, grouped: Grouped): PropertyPlan[] | undefined {
  const properties: PropertyPlan[] = [];
  for (const [name, rules] of Object.entries(grouped)) {
    const plan: PropertyPlan = { name, conditions: [], checks: [], nested: [], promiseRules: false, known: rules.length > 0 };
    const defined: Check[] = [];
    const custom: Check[] = [];
    for (const rule of rules) {
      if (rule.groups?.length || rule.always !== undefined) return undefined;
      switch (rule.type) {
        case ValidationTypes.CONDITIONAL_VALIDATION:
          plan.conditions.push(rule.constraints[0] as PropertyPlan['conditions'][number]);
          break;
        case ValidationTypes.IS_DEFINED:
        case ValidationTypes.CUSTOM_VALIDATION: {
          const constraints = storage.getTargetValidatorConstraints(rule.constraintCls);
          // validateSync ignores async validators; Ponte has none, so an async one is simply not modelled.
          if (constraints.some((c) => c.async)) return undefined;
          const check = { rule, validators: constraints.map((c) => c.instance) };
          (rule.type === ValidationTypes.IS_DEFINED ? defined : custom).push(check);
          break;
        }
        case ValidationTypes.NESTED_VALIDATION:
          plan.nested.push(typeof rule.target === 'string' ? rule.target : rule.target.name);
          break;
        case ValidationTypes.PROMISE_VALIDATION:
          plan.promiseRules = true;
          break;
        case ValidationTypes.WHITELIST:
          break;
        default:
          return undefined;
      }
    }
    plan.checks = [...defined, ...custom];
    properties.push(plan);
  }
  return properties;
}

/**
 * The source of the condition `@IsOptional()` registers: `(object, value) => object[propertyName]
 * !== null && object[propertyName] !== undefined`, its only free variable being the decorated
 * property's name. Read from class-validator itself (a private probe class), so a condition with
 * this exact source on property P is known to mean "P is neither null nor undefined" and is
 * inlined instead of called: called, its shared `object[propertyName]` reads are megamorphic
 * (one closure source for every optional field of every class).
 */
const OPTIONAL_CONDITION_SOURCE = ((): string | undefined => {
  class OptionalProbe {
    value?: unknown;
  }
  IsOptional()(OptionalProbe.prototype, 'value');
  const [rule] = getMetadataStorage().getTargetValidationMetadatas(OptionalProbe, '', false, false, undefined);
  const condition = rule?.constraints?.[0] as unknown;
  return typeof condition === 'function' ? String(condition) : undefined;
})();

/**
 * Generates one function per class that answers what validateSync would, property by property, in
 * class-validator's order: the whitelist check, then for each property its conditions (all of them
 * evaluated, as class-validator does), its IS_DEFINED then custom checks (same validator objects,
 * same arguments), then its nested objects. Written out as code so that each property read is a
 * plain `object["name"]` with its own inline cache instead of one shared keyed read (which V8 has
 * to treat as megamorphic). Property names and schemas enter the source only through
 * JSON.stringify; everything else (validators, conditions, constraint arrays) is passed in, never
 * printed. Returns null where code cannot be generated from strings (then class-validator runs).
 */
function generate(properties: PropertyPlan[]): Compiled | null {
  const deps: unknown[] = [];
  const dep = (value: unknown) => `d[${deps.push(value) - 1}]`;
  const q = (text: string) => JSON.stringify(text);
  const known = properties.filter((p) => p.known);
  const out: string[] = [];
  // whitelist + forbidNonWhitelisted: any field without a rule is an error.
  out.push('const keys = Object.keys(o);');
  out.push('for (let i = 0; i < keys.length; i++) {');
  out.push(
    known.length
      ? `  switch (keys[i]) { ${known.map((p) => `case ${q(p.name)}:`).join(' ')} break; default: return false; }`
      : '  return false;',
  );
  out.push('}');
  out.push('const targetName = o.constructor ? o.constructor.name : undefined;');
  out.push('let v, applies, r;');
  for (const property of properties) {
    out.push(`v = o[${q(property.name)}];`);
    if (property.promiseRules) out.push('if (v instanceof Promise) return false;');
    out.push('applies = true;');
    for (const condition of property.conditions) {
      out.push(
        String(condition) === OPTIONAL_CONDITION_SOURCE
          ? 'applies = v !== null && v !== undefined && applies;'
          : `applies = ${dep(condition)}(o, v) && applies;`,
      );
    }
    out.push('if (applies) {');
    for (const { rule, validators } of property.checks) {
      if (rule.validateIf) out.push(`if (${dep(rule.validateIf)}(o, v)) {`);
      else out.push('{');
      out.push(
        `const args = { targetName, property: ${q(rule.propertyName)}, object: o, value: v, constraints: ${dep(rule.constraints)} };`,
      );
      for (const validator of validators) {
        const call = (value: string) => `r = ${dep(validator)}.validate(${value}, args); if (!r || r instanceof Promise) return false;`;
        if (rule.each) {
          out.push('if (Array.isArray(v) || v instanceof Set || v instanceof Map) {');
          out.push(`  for (const item of v instanceof Map ? v.values() : v) { ${call('item')} }`);
          out.push(`} else { ${call('v')} }`);
        } else {
          out.push(call('v'));
        }
      }
      out.push('}');
    }
    for (const schema of property.nested) out.push(`if (!${dep(nestedPasses)}(storage, v, ${q(schema)})) return false;`);
    out.push('}');
  }
  out.push('return true;');
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const factory = new Function('d', `"use strict"; return function check(o, storage) {\n${out.join('\n')}\n};`) as (
      d: unknown[],
    ) => Compiled;
    return factory(deps);
  } catch {
    return null;
  }
}

function compiledFor(storage: Storage, object: object, schema: string | undefined): Compiled | null {
  const rules = storage.getTargetValidationMetadatas(object.constructor, schema as string, false, false, undefined);
  // No rules at all is forbidUnknownValues' error.
  if (rules.length === 0) return null;
  const grouped = storage.groupByPropertyName(rules);
  let check = compiled.get(grouped);
  if (check === undefined) {
    const properties = planProperties(storage, grouped);
    compiled.set(grouped, (check = properties ? generate(properties) : null));
  }
  return check;
}

function isCollection(value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> {
  return Array.isArray(value) || value instanceof Set || value instanceof Map;
}

function nestedPasses(storage: Storage, value: unknown, schema: string): boolean {
  if (value === undefined) return true;
  if (isCollection(value)) {
    for (const item of value instanceof Map ? value.values() : value) {
      if (!nestedPasses(storage, item, schema)) return false;
    }
    return true;
  }
  return value instanceof Object && objectPasses(storage, value, schema);
}

function objectPasses(storage: Storage, object: object, schema: string | undefined): boolean {
  const check = compiledFor(storage, object, schema);
  return check !== null && check(object, storage);
}

/**
 * True only when validateSync(entity, PonteValidationPipe's options) would return no errors.
 * False means "ask class-validator" (usually: there is an error to describe).
 */
export function passesValidation(entity: object): boolean {
  return objectPasses(getMetadataStorage(), entity, undefined);
}
