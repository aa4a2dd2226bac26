/**
 * Holds the validation pipe's pass/fail pre-check (src/common/validation/fast-check.ts) to
 * class-validator's own verdict on every input class of the app (bodies, query strings, GraphQL
 * arguments): inputs are generated from values each field accepts and values it refuses, nested
 * objects and lists included, and each is judged both ways. Prints a JSON report; exits 1 on any
 * disagreement. Run by test/e2e/validation-fast-check.e2e.spec.ts (node dist/scripts/check-validation.js).
 */
import 'reflect-metadata';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, validateSync } from 'class-validator';
import { passesValidation } from '../src/common/validation/fast-check';
import { memoizeTransformMetadata, memoizeValidationMetadata } from '../src/common/validation/metadata-cache';
import { toInstance } from '../src/common/validation/to-instance';
import { VALIDATOR_OPTIONS } from '../src/common/validation/validation.pipe';

type Ctor = new () => object;

// Where class-transformer keeps @Type: the nested class of an object or list field.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerStorage };

// Counts class-transformer's top-level runs (to tell the inputs toInstance built itself).
let transformerCalls = 0;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const executor = require('class-transformer/cjs/TransformOperationExecutor') as {
  TransformOperationExecutor: { prototype: { transform: (...args: unknown[]) => unknown } };
};
const transformOnce = executor.TransformOperationExecutor.prototype.transform;
executor.TransformOperationExecutor.prototype.transform = function (this: unknown, ...args: unknown[]) {
  if (args[5] === undefined) transformerCalls++;
  return transformOnce.apply(this, args);
};

/** Every class with validation rules, from the built *.args.js / *.input.js files. */
function loadInputClasses(): Ctor[] {
  const root = join(__dirname, '../src');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  for (const file of walk(root).filter((f) => /\.(args|input)\.js$/.test(f))) require(file);
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, unknown[]> };
  return [...storage.validationMetadatas.keys()].filter((t): t is Ctor => typeof t === 'function');
}

/** A deterministic generator, so a disagreement can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// prettier-ignore
const SCALARS: unknown[] = [
  undefined, null, '', ' ', 'x', 'abc', 'a'.repeat(65), 'a'.repeat(101), 'a'.repeat(600), '+5531911112222',
  '+55 (31) 91111-2222', '31911112222', '+1', '123', 'fulano@mail.com', 'bad@', '2020-08-01', '2020-02-30',
  '2024-12-18T13:00:00-03:00', '2024-12-18T13:00:00', '529.982.247-25', '52998224725', '11111111111',
  '11.222.333/0001-81', '11222333000181', '120', '120.5', '0', '0.00', '-1', '12.345', 'https://example.com/a',
  'http://x.y/', 'ftp://x', 'true', 'false', '1', '50', '501', 0, 1, -1, 50, 500, 1000, 1.5, Number.NaN, true,
  false, [], ['a'], ['a', 'b'], [''], [1], {}, { a: 1 },
];

export interface AgreementReport {
  classes: number;
  inputs: number;
  valid: number;
  invalid: number;
  disagreements: string[];
  edgeCases: { input: string; classValidator: boolean; fast: boolean }[];
  /** Inputs turned into instances both by plain class-transformer and with its lookups memoized. */
  transformChecked: number;
  /** Where the two instances differ (class, keys, values, nested classes): must stay empty. */
  transformDisagreements: string[];
  /** Of those, the inputs toInstance built itself (the rest it handed to class-transformer). */
  directlyBuilt: number;
}

/** An instance's structure, class names included, as comparable text. */
function shape(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(shape).join(',')}]`;
  if (value instanceof Date) return `Date(${value.toISOString()})`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value).map((k) => `${JSON.stringify(k)}:${shape((value as Record<string, unknown>)[k])}`);
    return `${value.constructor?.name ?? 'null-proto'}{${entries.join(',')}}`;
  }
  return `${typeof value}(${String(value)})`;
}

export function checkAgreement(seed = 20261121, perClass = 150): AgreementReport {
  memoizeValidationMetadata();
  const classes = loadInputClasses();
  const storage = getMetadataStorage();
  const rulesOf = (cls: Ctor) => storage.getTargetValidationMetadatas(cls, undefined as unknown as string, false, false, undefined);
  const properties = (cls: Ctor) => Object.keys(storage.groupByPropertyName(rulesOf(cls)));
  const nestedType = (cls: Ctor, property: string) =>
    defaultMetadataStorage.findTypeMetadata(cls, property)?.typeFunction() as Ctor | undefined;
  const enumValues = classes.flatMap((cls) =>
    rulesOf(cls).flatMap((rule) => (Array.isArray(rule.constraints?.[0]) ? (rule.constraints[0] as unknown[]) : [])),
  );
  const pool = [...SCALARS, ...new Set(enumValues)];
  const judge = (cls: Ctor, plain: object) => {
    const entity = plainToInstance(cls, plain);
    return { classValidator: validateSync(entity, VALIDATOR_OPTIONS).length === 0, fast: passesValidation(entity) };
  };

  // Values that pass a field's own rules, found by asking class-validator about that field alone.
  const accepted = new Map<string, unknown[]>();
  const acceptedFor = (cls: Ctor, property: string): unknown[] => {
    const key = `${cls.name}.${property}`;
    let values = accepted.get(key);
    if (!values) {
      values = pool.filter(
        (v) => !validateSync(plainToInstance(cls, { [property]: v }), VALIDATOR_OPTIONS).some((e) => e.property === property),
      );
      accepted.set(key, values);
    }
    return values;
  };

  const random = rng(seed);
  const sample = (cls: Ctor, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const property of properties(cls)) {
      if (random() < 0.35) continue;
      const nested = nestedType(cls, property);
      if (nested && depth < 2 && random() < 0.85) {
        const one = () => sample(nested, depth + 1);
        out[property] = random() < 0.5 ? one() : Array.from({ length: 1 + Math.floor(random() * 2) }, one);
        continue;
      }
      const good = acceptedFor(cls, property);
      const from = good.length && random() < 0.85 ? good : pool;
      out[property] = from[Math.floor(random() * from.length)];
    }
    if (random() < 0.05) out.notAField = 'x';
    return out;
  };

  const report: AgreementReport = {
    classes: classes.length,
    inputs: 0,
    valid: 0,
    invalid: 0,
    disagreements: [],
    edgeCases: [],
    transformChecked: 0,
    transformDisagreements: [],
    directlyBuilt: 0,
  };
  const cases = classes.flatMap((cls) => Array.from({ length: perClass }, () => ({ cls, plain: sample(cls, 0) })));
  // What plain class-transformer makes of each input, then the same with its lookups memoized (as the pipe runs it).
  const unmemoized = cases.map(({ cls, plain }) => shape(plainToInstance(cls, plain)));
  memoizeTransformMetadata();
  cases.forEach(({ cls, plain }, i) => {
    report.transformChecked++;
    const memoized = shape(plainToInstance(cls, plain));
    if (memoized !== unmemoized[i]) {
      report.transformDisagreements.push(`${cls.name} ${JSON.stringify(plain)}: ${unmemoized[i]} vs memoized ${memoized}`);
    }
    // The pipe's own builder (to-instance.ts): the same instance, whether it built it or handed it on.
    const calls = transformerCalls;
    const built = shape(toInstance(cls, plain));
    if (transformerCalls === calls) report.directlyBuilt++;
    if (built !== unmemoized[i]) {
      report.transformDisagreements.push(`${cls.name} ${JSON.stringify(plain)}: ${unmemoized[i]} vs toInstance ${built}`);
    }
    const verdict = judge(cls, plain);
    report.inputs++;
    if (verdict.classValidator) report.valid++;
    else report.invalid++;
    if (verdict.classValidator !== verdict.fast) {
      report.disagreements.push(`${cls.name} ${JSON.stringify(plain)}: class-validator ${verdict.classValidator}, fast ${verdict.fast}`);
    }
  });

  // Keys an instance already has (prototype members, __proto__ as an own JSON key), for every class.
  for (const cls of classes) {
    const plain = JSON.parse(
      '{"__proto__":"x","constructor":"y","toString":"z","hasOwnProperty":1,"valueOf":null,"notAField":true}',
    ) as object;
    report.transformChecked++;
    const [expected, built] = [shape(plainToInstance(cls, plain)), shape(toInstance(cls, plain))];
    if (built !== expected) report.transformDisagreements.push(`${cls.name} prototype keys: ${expected} vs toInstance ${built}`);
  }

  // Edges class-validator refuses: a class without rules, unknown fields, null/scalar/unknown nested values.
  class NoRules {}
  report.edgeCases.push({ input: 'an object of a class without rules', classValidator: false, fast: passesValidation(new NoRules()) });
  const withNested = classes.find((cls) => properties(cls).some((p) => nestedType(cls, p)));
  if (withNested) {
    const nested = properties(withNested).find((p) => nestedType(withNested, p))!;
    for (const plain of [{ notAField: 1 }, { [nested]: null }, { [nested]: 'text' }, { [nested]: [{ notAField: 1 }] }]) {
      report.edgeCases.push({ input: `${withNested.name} ${JSON.stringify(plain)}`, ...judge(withNested, plain) });
    }
  }
  return report;
}

if (require.main === module) {
  const report = checkAgreement(Number(process.env.SEED ?? 20261121), Number(process.env.PER_CLASS ?? 150));
  process.stdout.write(`${JSON.stringify(report)}\n`);
  const failed =
    report.disagreements.length > 0 ||
    report.transformDisagreements.length > 0 ||
    report.edgeCases.some((e) => e.fast !== e.classValidator);
  process.exitCode = failed ? 1 : 0;
}
