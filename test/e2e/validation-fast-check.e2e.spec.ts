import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { AgreementReport } from '../../scripts/check-validation';

/*
 * The validation pipe trusts its pre-check's "valid" and then skips class-validator, so the two
 * must agree on every input class. The check runs on the built gateway (Nest ships ES modules,
 * which Jest's module system cannot load), as its own process.
 */
describe('validation pre-check agrees with class-validator', () => {
  const run = (seed: number): AgreementReport => {
    const result = spawnSync(process.execPath, [join(__dirname, '../../dist/scripts/check-validation.js')], {
      env: { ...process.env, SEED: String(seed), PER_CLASS: '150' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as AgreementReport;
  };

  it.each([20261121, 7])('gives the same verdict on every generated input (seed %i)', (seed) => {
    const report = run(seed);
    expect(report.classes).toBeGreaterThan(30);
    expect(report.disagreements).toEqual([]);
    // class-transformer with memoized lookups (as the pipe runs it) builds the same instances.
    expect(report.transformChecked).toBe(report.inputs + report.classes);
    expect(report.transformDisagreements).toEqual([]);
    // The pipe's builder (to-instance.ts) makes those instances itself for most inputs (flat values)
    // and hands the rest (nested objects, lists) to class-transformer: both sides are exercised.
    expect(report.directlyBuilt / report.inputs).toBeGreaterThan(0.3);
    expect(report.directlyBuilt).toBeLessThan(report.inputs);
    // Both verdicts are well represented, so agreeing means something.
    expect(report.valid / report.inputs).toBeGreaterThan(0.15);
    expect(report.invalid / report.inputs).toBeGreaterThan(0.15);
  });

  it('refuses the edge cases class-validator refuses', () => {
    const { edgeCases } = run(1);
    expect(edgeCases.length).toBe(5);
    for (const edge of edgeCases) expect(edge).toEqual({ input: edge.input, classValidator: false, fast: false });
  });
});
