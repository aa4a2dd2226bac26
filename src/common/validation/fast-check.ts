import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';

/*
 * A pass/fail pre-check that answers, for an input already turned into an instance of its class,
 * whether class-validator's validateSync (with the options of PonteValidationPipe) would find no
 * error, without building the per-property error tree class-validator allocates for every
 * property of every request (a third of a read's allocations, most of its GC time).
 *
 * It walks the same rules, picked by the same storage calls, and calls the same constraint
 * functions with the same arguments; it only skips the bookkeeping. "Valid" is trusted; anything
 * else — a failed rule, a rule it does not model (promise rules, async results, groups) — sends
 * the input through class-validator itself, which builds the messages. So the worst a gap here can
 * cost is speed, never a wrong answer, as long as it never says "valid" where class-validator
 * would not: `test/unit/fast-check.spec.ts` holds it to that on every input class of the app.
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
}

interface Plan {
  properties: PropertyPlan[];
  known: Set<string>;
  /** Some rule cannot be modelled: always ask class-validator. */
  opaque: boolean;
}

const plans = new WeakMap<Grouped, Plan>();

function compile(storage: Storage, grouped: Grouped): Plan {
  const properties: PropertyPlan[] = [];
  const known = new Set<string>();
  let opaque = false;
  for (const [name, rules] of Object.entries(grouped)) {
    if (rules.length > 0) known.add(name);
    const plan: PropertyPlan = { name, conditions: [], checks: [], nested: [], promiseRules: false };
    const defined: Check[] = [];
    const custom: Check[] = [];
    for (const rule of rules) {
      if (rule.groups?.length || rule.always !== undefined) opaque = true;
      switch (rule.type) {
        case ValidationTypes.CONDITIONAL_VALIDATION:
          plan.conditions.push(rule.constraints[0] as PropertyPlan['conditions'][number]);
          break;
        case ValidationTypes.IS_DEFINED:
        case ValidationTypes.CUSTOM_VALIDATION: {
          const constraints = storage.getTargetValidatorConstraints(rule.constraintCls);
          // validateSync ignores async validators; Ponte has none, so an async one is simply not modelled.
          if (constraints.some((c) => c.async)) opaque = true;
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
          opaque = true;
      }
    }
    plan.checks = [...defined, ...custom];
    properties.push(plan);
  }
  return { properties, known, opaque };
}

function planFor(storage: Storage, object: object, schema: string | undefined): Plan | undefined {
  const rules = storage.getTargetValidationMetadatas(object.constructor, schema as string, false, false, undefined);
  // No rules at all is forbidUnknownValues' error.
  if (rules.length === 0) return undefined;
  const grouped = storage.groupByPropertyName(rules);
  let plan = plans.get(grouped);
  if (!plan) plans.set(grouped, (plan = compile(storage, grouped)));
  return plan.opaque ? undefined : plan;
}

function isCollection(value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> {
  return Array.isArray(value) || value instanceof Set || value instanceof Map;
}

function passes(check: Check, object: object, value: unknown): boolean {
  const { rule } = check;
  if (rule.validateIf && !rule.validateIf(object, value)) return true;
  const args: ValidationArguments = {
    targetName: object.constructor ? object.constructor.name : (undefined as unknown as string),
    property: rule.propertyName,
    object,
    value,
    constraints: rule.constraints,
  };
  for (const validator of check.validators) {
    if (!rule.each || !isCollection(value)) {
      const result = validator.validate(value, args);
      if (!result || result instanceof Promise) return false;
      continue;
    }
    for (const item of value instanceof Map ? value.values() : value) {
      const result = validator.validate(item, args);
      if (!result || result instanceof Promise) return false;
    }
  }
  return true;
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
  const plan = planFor(storage, object, schema);
  if (!plan) return false;
  // whitelist + forbidNonWhitelisted: any field without a rule is an error.
  for (const key of Object.keys(object)) if (!plan.known.has(key)) return false;
  for (const property of plan.properties) {
    const value = (object as Record<string, unknown>)[property.name];
    if (property.promiseRules && value instanceof Promise) return false;
    let applies = true;
    // class-validator evaluates every condition (no short-circuit); so does this.
    for (const condition of property.conditions) applies = condition(object, value) && applies;
    if (!applies) continue;
    for (const check of property.checks) if (!passes(check, object, value)) return false;
    for (const schema of property.nested) if (!nestedPasses(storage, value, schema)) return false;
  }
  return true;
}

/**
 * True only when validateSync(entity, PonteValidationPipe's options) would return no errors.
 * False means "ask class-validator" (usually: there is an error to describe).
 */
export function passesValidation(entity: object): boolean {
  return objectPasses(getMetadataStorage(), entity, undefined);
}
