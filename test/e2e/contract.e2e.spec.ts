/**
 * The committed contract files must match the code, and the OpenAPI document must pass Spectral's
 * `spectral:oas` ruleset. (The live /docs-json is compared in startup.e2e.spec.ts.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/ponte';

describe('contract files', () => {
  it('openapi/openapi.json and openapi/schema.graphql are up to date with the code', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist/scripts/generate-contracts.js'), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('the OpenAPI document passes spectral:oas with no errors or warnings', () => {
    const spectral = join(ROOT, 'node_modules/.bin/spectral');
    let output: string;
    let failed = false;
    try {
      output = execFileSync(spectral, ['lint', 'openapi/openapi.json', '--ruleset', '.spectral.yaml', '--fail-severity', 'warn'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    } catch (err) {
      failed = true;
      output = String((err as { stdout?: string }).stdout ?? err);
    }
    expect(output).toContain('No results with a severity of');
    expect(failed).toBe(false);
  });
});
