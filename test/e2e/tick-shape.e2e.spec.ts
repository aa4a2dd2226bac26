import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { ROOT, startPonte, type PonteProcess } from '../helpers/ponte';

/*
 * src/common/runtime/pin-tick-shape.ts keeps V8's feedback for the property definitions in Node's
 * `process.nextTick` valid across full GCs (measured: ~14 % of the instructions of a read when it
 * goes megamorphic). The probe prints that feedback with V8's %DebugPrint, so these tests look at
 * what V8 itself remembers, not at timings.
 */
const PROBE = join(__dirname, 'fixtures/tick-feedback-probe.cjs');
const PIN_MODULE = join(ROOT, 'dist/src/common/runtime/pin-tick-shape.js');
const V8_FLAGS = ['--allow-natives-syntax', '--expose-gc'];

/** The feedback states of nextTick's DefineKeyedOwnPropertyInLiteral slots in the probe's report. */
function literalSlotStates(output: string): string[] {
  const report = output.split('--- nextTick feedback ---')[1]?.split('--- end ---')[0] ?? '';
  return [...report.matchAll(/DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((m) => m[1]);
}

describe("nextTick's literal feedback survives full GCs", () => {
  const probe = (env: Record<string, string>) => {
    const result = spawnSync(process.execPath, [...V8_FLAGS, PROBE], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(0);
    return literalSlotStates(result.stdout);
  };

  it('goes megamorphic in a plain process once a full GC frees the entry maps (the problem)', () => {
    const states = probe({});
    expect(states).toHaveLength(4);
    expect(states.slice(1)).toEqual(['MEGAMORPHIC', 'MEGAMORPHIC', 'MEGAMORPHIC']);
  });

  it('stays monomorphic when one entry is pinned first (the fix)', () => {
    expect(probe({ PIN_MODULE })).toEqual(['MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC']);
  });

  describe('in the gateway, after serving requests and two full GCs', () => {
    let ponte: PonteProcess;
    beforeAll(async () => {
      ponte = await startPonte({ nodeArgs: [...V8_FLAGS, '-r', PROBE], env: { PROBE_ON_SIGNAL: '1' } });
    });
    afterAll(async () => {
      await ponte?.stop();
    });

    it('stays monomorphic', async () => {
      for (let i = 0; i < 20; i++) await request(ponte.url).get('/v1/contacts').expect(200);
      ponte.signal('SIGUSR2');
      const output = await ponte.waitForOutput('--- end ---', 10_000);
      expect(literalSlotStates(output)).toEqual(['MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC']);
    });
  });
});
