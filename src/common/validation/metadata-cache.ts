import { getMetadataStorage } from 'class-validator';

let installed = false;

/**
 * class-validator rebuilds a class's rule list (walking every registered rule, parents included)
 * and regroups it by property on every validation. Rules are static once the modules are loaded,
 * so both answers are memoized per class; a rule registered later (a class loaded lazily) clears
 * the cache. This halves the cost of validating a request.
 */
export function memoizeValidationMetadata(): void {
  if (installed) return;
  installed = true;
  const storage = getMetadataStorage();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const register = storage.addValidationMetadata.bind(storage);
  type Rules = ReturnType<typeof lookup>;
  const byTarget = new Map<unknown, Map<string, Rules>>();
  const grouped = new WeakMap<object, ReturnType<typeof group>>();
  storage.addValidationMetadata = (metadata) => {
    byTarget.clear();
    register(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}|${always}|${strictGroups}|${groups?.join(',') ?? ''}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map<string, Rules>()));
    let rules = forTarget.get(key);
    if (!rules) forTarget.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.groupByPropertyName = (metadata) => {
    let result = grouped.get(metadata);
    if (!result) grouped.set(metadata, (result = group(metadata)));
    return result;
  };
}

/** class-transformer's metadata storage, as its own transformer reads it (same CommonJS module instance). */
interface TransformerStorage {
  [method: string]: unknown;
}

// The lookups plainToInstance makes per class and property on every call, each walking the class's
// ancestors and filtering arrays. Their results never change between registrations.
const TRANSFORMER_LOOKUPS = [
  'findTransformMetadatas',
  'findTypeMetadata',
  'findExposeMetadata',
  'findExcludeMetadata',
  'findExposeMetadataByCustomName',
  'getStrategy',
  'getExposedMetadatas',
  'getExcludedMetadatas',
  'getExposedProperties',
  'getExcludedProperties',
] as const;
const TRANSFORMER_REGISTRATIONS = ['addTypeMetadata', 'addTransformMetadata', 'addExposeMetadata', 'addExcludeMetadata', 'clear'];

let transformerInstalled = false;
/** Entries per cache level (see memoizeTransformMetadata). */
export const MAX_KEYS = 1024;
let transformerGeneration = 0;
let memoEntries = (): number => 0;

/** How many entries the class-transformer memo holds, all levels (for tests). */
export function transformMemoEntries(): number {
  return memoEntries();
}

/** Bumped whenever class-transformer registers metadata (or is cleared) once the memo is installed. */
export function transformMetadataGeneration(): number {
  return transformerGeneration;
}

/**
 * The same for class-transformer: its storage's lookups are memoized per (class, arguments) and
 * forgotten whenever a decorator registers something new (or the storage is cleared). The
 * transformer never mutates what they return, so sharing the results is safe; turning a query
 * string or body into its input class then costs about half as much.
 */
export function memoizeTransformMetadata(): void {
  if (transformerInstalled) return;
  transformerInstalled = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { defaultMetadataStorage: storage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerStorage };
  // Per lookup: target → first argument → second argument → result (no key strings built per call).
  // The arguments include property names taken from the input, unknown ones too (they are refused
  // only after the transform), so a level stops remembering new keys once it holds MAX_KEYS: a
  // caller sending ever-new field names cannot grow the cache.
  type Level = Map<unknown, unknown>;
  const caches: Level[] = [];
  const MISS = Symbol('miss');
  const level = (parent: Level, key: unknown): Level => {
    let next = parent.get(key) as Level | undefined;
    if (!next) {
      next = new Map();
      if (parent.size < MAX_KEYS) parent.set(key, next);
    }
    return next;
  };
  for (const name of TRANSFORMER_LOOKUPS) {
    const original = storage[name] as (target: unknown, a?: unknown, b?: unknown) => unknown;
    const cache: Level = new Map();
    caches.push(cache);
    storage[name] = function memoized(this: unknown, target: unknown, a?: unknown, b?: unknown): unknown {
      const leaf = level(level(cache, target), a);
      const hit = leaf.has(b) ? leaf.get(b) : MISS;
      if (hit !== MISS) return hit;
      const result = original.call(this, target, a, b);
      if (leaf.size < MAX_KEYS) leaf.set(b, result);
      return result;
    };
  }
  memoEntries = () => {
    const count = (level: Level): number => {
      let n = level.size;
      for (const next of level.values()) if (next instanceof Map) n += count(next as Level);
      return n;
    };
    return caches.reduce((sum, cache) => sum + count(cache), 0);
  };
  for (const name of TRANSFORMER_REGISTRATIONS) {
    const original = storage[name] as (...args: unknown[]) => unknown;
    storage[name] = function invalidating(this: unknown, ...args: unknown[]): unknown {
      for (const cache of caches) cache.clear();
      transformerGeneration++;
      return original.apply(this, args);
    };
  }
}
