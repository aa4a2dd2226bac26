import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COVERAGE_DIR_ENV } from './helpers/maxbot-coverage';
import { CONTRACT_DIR_ENV } from './helpers/ponte';

/**
 * Creates the directories workers record verified Maxbot commands in, and gateways their answers
 * checked against the OpenAPI document (workers and the gateways they start inherit the env).
 */
export default function setup(): void {
  process.env[COVERAGE_DIR_ENV] = mkdtempSync(join(tmpdir(), 'ponte-maxbot-coverage-'));
  process.env[CONTRACT_DIR_ENV] = mkdtempSync(join(tmpdir(), 'ponte-response-contract-'));
}
