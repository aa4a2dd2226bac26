/**
 * Coverage of Maxbot commands, proven by the suite: `expectMaxbotCall` asserts the exact body the
 * simulator received for a command and records the command as verified. The global teardown
 * (test/coverage.teardown.ts) fails a full run unless every documented command was verified
 * through the gateway's public REST or GraphQL surface.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MaxbotSimulator } from '../../src/sandbox/maxbot/maxbot.simulator';

export const COVERAGE_DIR_ENV = 'PONTE_MAXBOT_COVERAGE_DIR';

function record(cmd: string, how: string): void {
  const dir = process.env[COVERAGE_DIR_ENV];
  if (!dir) return;
  appendFileSync(
    join(dir, `worker-${process.env.JEST_WORKER_ID ?? '0'}.jsonl`),
    `${JSON.stringify({ cmd, how, file: expect.getState().testPath })}\n`,
  );
}

/**
 * Asserts the last `cmd` the simulator received had exactly `body` besides `token` and `cmd`
 * (which are checked too: the connection's token and the command name).
 */
export function expectMaxbotCall(sim: MaxbotSimulator, cmd: string, body: Record<string, unknown>): void {
  const call = sim.lastCall(cmd);
  expect(call).toBeDefined();
  expect(call!.body).toEqual({ token: sim.token, cmd, ...body });
  record(cmd, 'exact-body');
}
