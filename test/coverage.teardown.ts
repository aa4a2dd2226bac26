import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '@jest/types';
import { MAXBOT_COMMANDS } from '../src/platforms/maxbot/maxbot.types';
import { COVERAGE_DIR_ENV } from './helpers/maxbot-coverage';
import { CONTRACT_DIR_ENV } from './helpers/ponte';

/**
 * Every 2xx JSON answer the gateways gave to a documented route (recorded by
 * test/e2e/fixtures/response-contract-probe.cjs) must match that route's response schema in the
 * OpenAPI document; and a full run must have checked some.
 */
function checkResponseContract(filtered: boolean): void {
  const dir = process.env[CONTRACT_DIR_ENV];
  if (!dir) return;
  let checked = 0;
  const violations = new Map<string, string>();
  for (const file of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
      const { route, errors } = JSON.parse(line) as { route: string; errors?: unknown[] };
      checked++;
      if (errors) violations.set(route, JSON.stringify(errors));
    }
  }
  rmSync(dir, { recursive: true, force: true });
  if (filtered && checked === 0) return;
  process.stdout.write(
    `\nResponse contract: ${checked} answers checked against openapi/openapi.json, ${violations.size} routes violating it\n`,
  );
  if (violations.size) {
    const list = [...violations].map(([route, errors]) => `${route}: ${errors.slice(0, 300)}`).join('\n');
    throw new Error(`Answers that do not match their OpenAPI response schema:\n${list}`);
  }
  if (!filtered && checked === 0) throw new Error('No answer was checked against the OpenAPI document: is the contract probe loaded?');
}

/**
 * After a full run (no test path filter), every documented Maxbot command must have been verified
 * by `expectMaxbotCall` in some test; otherwise the run fails, naming the missing commands. Then
 * the response contract (above).
 */
export default function teardown(globalConfig: Config.GlobalConfig): void {
  const filteredRun = Boolean((globalConfig.testPathPattern ?? '') !== '' || globalConfig.onlyChanged || globalConfig.testNamePattern);
  checkResponseContract(filteredRun);
  const dir = process.env[COVERAGE_DIR_ENV];
  if (!dir) return;
  const verified = new Set<string>();
  for (const file of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
      verified.add((JSON.parse(line) as { cmd: string }).cmd);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const filtered = (globalConfig.testPathPattern ?? '') !== '' || globalConfig.onlyChanged || globalConfig.testNamePattern;
  if (filtered) return;
  const missing = MAXBOT_COMMANDS.filter((cmd) => !verified.has(cmd));
  process.stdout.write(
    `\nMaxbot command coverage: ${MAXBOT_COMMANDS.length - missing.length}/${MAXBOT_COMMANDS.length} verified with exact request bodies\n`,
  );
  if (missing.length) {
    throw new Error(`Maxbot commands never verified through REST/GraphQL with an exact-body assertion: ${missing.join(', ')}`);
  }
}
