import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '@jest/types';
import { MAXBOT_COMMANDS } from '../src/platforms/maxbot/maxbot.types';
import { COVERAGE_DIR_ENV } from './helpers/maxbot-coverage';
import { CONTRACT_DIR_ENV } from './helpers/ponte';

/** The JSON lines the workers or gateways wrote into `dir`, which is then removed. */
function readRecords<T>(dir: string): T[] {
  const records: T[] = [];
  for (const file of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) records.push(JSON.parse(line) as T);
  }
  rmSync(dir, { recursive: true, force: true });
  return records;
}

/**
 * Every 2xx JSON answer the gateways gave to a documented route (recorded by
 * test/e2e/fixtures/response-contract-probe.cjs) must match that route's response schema in the
 * OpenAPI document; and a full run must have checked some. Returns what failed, if anything.
 */
function checkResponseContract(filtered: boolean): string | undefined {
  const dir = process.env[CONTRACT_DIR_ENV];
  if (!dir) return undefined;
  const records = readRecords<{ route: string; errors?: unknown[] }>(dir);
  const checked = records.length;
  const violations = new Map<string, string>();
  for (const { route, errors } of records) if (errors) violations.set(route, JSON.stringify(errors));
  if (filtered && checked === 0) return undefined;
  process.stdout.write(
    `\nResponse contract: ${checked} answers checked against openapi/openapi.json, ${violations.size} routes violating it\n`,
  );
  if (violations.size) {
    const list = [...violations].map(([route, errors]) => `${route}: ${errors.slice(0, 300)}`).join('\n');
    return `Answers that do not match their OpenAPI response schema:\n${list}`;
  }
  if (!filtered && checked === 0) return 'No answer was checked against the OpenAPI document: is the contract probe loaded?';
  return undefined;
}

/**
 * After a full run (no test path filter), every documented Maxbot command must have been verified
 * by `expectMaxbotCall` in some test. Returns what failed, if anything.
 */
function checkMaxbotCoverage(filtered: boolean): string | undefined {
  const dir = process.env[COVERAGE_DIR_ENV];
  if (!dir) return undefined;
  const verified = new Set(readRecords<{ cmd: string }>(dir).map((r) => r.cmd));
  if (filtered) return undefined;
  const missing = MAXBOT_COMMANDS.filter((cmd) => !verified.has(cmd));
  process.stdout.write(
    `\nMaxbot command coverage: ${MAXBOT_COMMANDS.length - missing.length}/${MAXBOT_COMMANDS.length} verified with exact request bodies\n`,
  );
  return missing.length
    ? `Maxbot commands never verified through REST/GraphQL with an exact-body assertion: ${missing.join(', ')}`
    : undefined;
}

/** Both checks run (and clean up) whatever the other finds; the run fails on either. */
export default function teardown(globalConfig: Config.GlobalConfig): void {
  const filtered = Boolean((globalConfig.testPathPattern ?? '') !== '' || globalConfig.onlyChanged || globalConfig.testNamePattern);
  const failures = [checkMaxbotCoverage(filtered), checkResponseContract(filtered)].filter((f): f is string => f !== undefined);
  if (failures.length) throw new Error(failures.join('\n\n'));
}
