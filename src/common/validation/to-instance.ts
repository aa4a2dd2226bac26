import { plainToInstance, TransformationType } from 'class-transformer';
import { transformMetadataGeneration } from './metadata-cache';

type Ctor = new () => object;
type TransformFn = (params: { value: unknown; key: string; obj: object; type: TransformationType; options: object }) => unknown;
interface TransformMetadata {
  transformFn: TransformFn;
  options?: { groups?: string[] };
}
/** The parts of class-transformer's metadata storage read here (checked before use, see planFor). */
interface Storage {
  _transformMetadatas: Map<unknown, Map<string, unknown>>;
  _typeMetadatas: Map<unknown, Map<string, unknown>>;
  getAncestors(target: unknown): unknown[];
  getStrategy(target: unknown): string;
  getExposedMetadatas(target: unknown): unknown[];
  getExcludedMetadatas(target: unknown): unknown[];
  findTransformMetadatas(target: unknown, key: string, type: TransformationType): TransformMetadata[];
}

/* eslint-disable @typescript-eslint/no-require-imports */
const { defaultMetadataStorage: storage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: Storage };
const { defaultOptions } = require('class-transformer/cjs/constants/default-options.constant') as { defaultOptions: object };
/* eslint-enable @typescript-eslint/no-require-imports */

/** What `plainToInstance(cls, plain, { enableImplicitConversion: false })` passes its transforms as `options`. */
const OPTIONS = Object.freeze({ ...defaultOptions, enableImplicitConversion: false });
const PLAIN_TO_CLASS = TransformationType.PLAIN_TO_CLASS;

interface Plan {
  generation: number;
  /** Properties with a @Type (class or ancestors): their values need class-transformer. */
  typed: Set<string>;
  /** Properties with @Transform decorators → the ones that apply plain-to-class without groups, in order. */
  transforms: Map<string, TransformMetadata[]>;
}

const plans = new WeakMap<Ctor, Plan | null>();

/** False when class-transformer's storage is not as expected: every input then goes through plainToInstance. */
export const toInstanceApplies =
  storage._transformMetadatas instanceof Map &&
  storage._typeMetadatas instanceof Map &&
  typeof storage.getAncestors === 'function' &&
  typeof storage.findTransformMetadatas === 'function' &&
  typeof storage.getStrategy === 'function';

/**
 * A class qualifies when class-transformer would only copy its keys and run its @Transform
 * functions: no @Expose or @Exclude anywhere (class or properties, ancestors included), so the keys
 * are the input's own keys, untouched. @Type properties are noted: an input using one goes to
 * class-transformer whole.
 */
function planFor(cls: Ctor): Plan | null {
  const generation = transformMetadataGeneration();
  const known = plans.get(cls);
  if (known !== undefined && (known === null || known.generation === generation)) return known;
  let plan: Plan | null = null;
  if (
    toInstanceApplies &&
    storage.getStrategy(cls) === 'none' &&
    storage.getExposedMetadatas(cls).length === 0 &&
    storage.getExcludedMetadatas(cls).length === 0
  ) {
    const chain = [cls, ...storage.getAncestors(cls)];
    const typed = new Set<string>();
    const names = new Set<string>();
    for (const target of chain) {
      for (const key of storage._typeMetadatas.get(target)?.keys() ?? []) typed.add(key);
      for (const key of storage._transformMetadatas.get(target)?.keys() ?? []) names.add(key);
    }
    const transforms = new Map<string, TransformMetadata[]>();
    for (const key of names) {
      const applying = storage
        .findTransformMetadatas(cls, key, PLAIN_TO_CLASS)
        .filter((m) => !m.options || !m.options.groups || !m.options.groups.length);
      if (applying.length) transforms.set(key, applying);
    }
    plan = { generation, typed, transforms };
  }
  plans.set(cls, plan);
  return plan;
}

/**
 * `plainToInstance(cls, plain, { enableImplicitConversion: false })`, built directly when that call
 * would only copy keys and run transforms: the class qualifies (planFor) and every value is a
 * string, number, boolean, null or undefined on a property without @Type — every query string, and
 * most bodies. Same steps in the same order as class-transformer's executor for that case: a new
 * instance; the input's own keys in order, skipping `__proto__`, `constructor` and keys the class's
 * prototype holds as a getter without setter or the instance as a function; each value through the
 * property's transforms (`{ value, key, obj, type, options }`); every key assigned, undefined
 * included (exposeUnsetFields). Anything else goes to class-transformer itself.
 * `scripts/check-validation.ts` holds the two to the same instances over generated inputs.
 */
export function toInstance(cls: Ctor, plain: object): object {
  const plan = planFor(cls);
  if (!plan) return plainToInstance(cls, plain, { enableImplicitConversion: false });
  const keys = Object.keys(plain);
  const source = plain as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) {
    const value = source[keys[i]];
    if ((value !== null && (typeof value === 'object' || typeof value === 'function')) || plan.typed.has(keys[i])) {
      return plainToInstance(cls, plain, { enableImplicitConversion: false });
    }
  }
  const instance = new cls() as Record<string, unknown>;
  const proto = (instance.constructor as { prototype?: object } | undefined)?.prototype;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === '__proto__' || key === 'constructor') continue;
    if (proto) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      if ((descriptor && !descriptor.set) || instance[key] instanceof Function) continue;
    }
    let value = source[key];
    const transforms = plan.transforms.get(key);
    if (transforms) {
      for (let t = 0; t < transforms.length; t++) {
        value = transforms[t].transformFn({ value, key, obj: plain, type: PLAIN_TO_CLASS, options: OPTIONS });
      }
    }
    instance[key] = value;
  }
  return instance;
}
