import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COVERAGE_DIR_ENV } from './helpers/maxbot-coverage';

/** Creates the directory workers record verified Maxbot commands in (workers inherit the env). */
export default function setup(): void {
  process.env[COVERAGE_DIR_ENV] = mkdtempSync(join(tmpdir(), 'ponte-maxbot-coverage-'));
}
