import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { MAX_KEYS, memoizeTransformMetadata, transformMemoEntries } from '../../src/common/validation/metadata-cache';
import { toInstance } from '../../src/common/validation/to-instance';

class Inner {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  code?: string;
}

class Base {
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  flag?: boolean;
}

class Args extends Base {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? `${value}!` : value))
  name?: string;

  @Transform(
    ({ value, key, obj }: { value: unknown; key: string; obj: Record<string, unknown> }) => `${key}:${String(value)}:${String(obj.name)}`,
  )
  echo?: string;

  @Type(() => Inner)
  inner?: Inner;

  get computed(): string {
    return 'getter';
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TransformOperationExecutor } = require('class-transformer/cjs/TransformOperationExecutor') as {
  TransformOperationExecutor: { prototype: { transform: (...args: unknown[]) => unknown } };
};

/** Top-level class-transformer runs while `fn` runs. */
function transformerRuns(fn: () => unknown): { result: unknown; runs: number } {
  const spy = jest.spyOn(TransformOperationExecutor.prototype, 'transform');
  try {
    const result = fn();
    return { result, runs: spy.mock.calls.filter((call) => call[5] === undefined).length };
  } finally {
    spy.mockRestore();
  }
}

describe('toInstance (the validation pipe’s plainToInstance)', () => {
  beforeAll(() => memoizeTransformMetadata());

  it.each([
    ['flat values with stacked and inherited transforms', { name: '  Ana ', flag: 'true', echo: 1 }],
    ['null, undefined, numbers, unknown keys', { name: null, flag: undefined, echo: 0, other: 'x' }],
    ['a getter without setter and prototype members are skipped', { computed: 'x', toString: 'y', constructor: 'z' }],
    ['no keys', {}],
  ])('builds %s itself, the same instance as class-transformer', (_name, plain) => {
    const expected = plainToInstance(Args, plain, { enableImplicitConversion: false });
    const { result, runs } = transformerRuns(() => toInstance(Args, plain));
    expect(runs).toBe(0);
    expect(result).toBeInstanceOf(Args);
    expect(result).toEqual(expected);
    expect(Object.keys(result as object)).toEqual(Object.keys(expected));
  });

  it.each([
    ['a nested object', { inner: { code: 'ab' } }],
    ['a list', { name: ['a', 'b'] }],
    ['a primitive on a @Type property', { inner: 'text' }],
  ])('hands %s to class-transformer', (_name, plain) => {
    const expected = plainToInstance(Args, plain, { enableImplicitConversion: false });
    const { result, runs } = transformerRuns(() => toInstance(Args, plain));
    expect(runs).toBe(1);
    expect(result).toEqual(expected);
  });

  it('keeps the class-transformer memo bounded whatever field names callers invent', () => {
    const before = transformMemoEntries();
    for (let i = 0; i < 3 * MAX_KEYS; i++) plainToInstance(Args, { [`field${i}`]: [i] });
    // Each lookup's key level stops growing at MAX_KEYS; without the cap this grows by ~3,000 per lookup.
    expect(transformMemoEntries() - before).toBeLessThan(10 * 2 * MAX_KEYS);
    expect(plainToInstance(Args, { name: ' x ', other: [1] })).toEqual(Object.assign(new Args(), { name: 'x!', other: [1] }));
  });
});
