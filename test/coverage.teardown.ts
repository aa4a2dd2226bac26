import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '@jest/types';
import { MAXBOT_COMMANDS } from '../src/platforms/maxbot/maxbot.types';
import { COVERAGE_DIR_ENV } from './helpers/maxbot-coverage';

/**
 * After a full run (no test path filter), every documented Maxbot command must have been verified
 * by `expectMaxbotCall` in some test; otherwise the run fails, naming the missing commands.
 */
export default function teardown(globalConfig: Config.GlobalConfig): void {
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
