/** StoreLock on a real directory: who may take EVENT_STORE_DIR's `ponte.lock`, and who is refused. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/common/logging/logger';
import { LOCK_STALE_MS, StoreInUseError, StoreLock } from '../../src/events/store-lock';

const logger = createLogger('silent');
let dir: string;
const lockFile = () => join(dir, 'ponte.lock');
const holder = (pid: number, host = hostname()) => JSON.stringify({ pid, host, token: 'theirs', startedAt: new Date().toISOString() });
/** A process id of this host that no longer runs: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid;
const age = (ms: number) => {
  const then = new Date(Date.now() - ms);
  utimesSync(lockFile(), then, then);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ponte-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('takes a free directory, names itself in the lock, and lets it go', () => {
  const lock = StoreLock.acquire(dir, logger);
  expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
  lock.release();
  expect(existsSync(lockFile())).toBe(false);
});

it('refuses a directory a running process of this host holds, naming it', () => {
  writeFileSync(lockFile(), holder(process.ppid));
  expect(() => StoreLock.acquire(dir, logger)).toThrow(StoreInUseError);
  expect(() => StoreLock.acquire(dir, logger)).toThrow(
    new RegExp(
      `^is in use by another gateway \\(pid ${process.ppid} on host ${hostname()}, alive \\d+ s ago\\): one gateway per directory$`,
    ),
  );
});

it('takes over the lock of a process of this host that is not running (a crash), or of its own pid (a restart)', () => {
  writeFileSync(lockFile(), holder(deadPid()));
  StoreLock.acquire(dir, logger).release();
  writeFileSync(lockFile(), holder(process.pid));
  const lock = StoreLock.acquire(dir, logger);
  expect(JSON.parse(readFileSync(lockFile(), 'utf8')).token).not.toBe('theirs');
  lock.release();
});

it(`a lock whose pid now belongs to another running process of this host is taken over once untouched for ${LOCK_STALE_MS / 1000} s`, () => {
  // The parent (jest) runs, as a program given a crashed gateway's pid would.
  writeFileSync(lockFile(), holder(process.ppid));
  age(LOCK_STALE_MS - 5_000);
  expect(() => StoreLock.acquire(dir, logger)).toThrow(StoreInUseError);
  age(LOCK_STALE_MS + 5_000);
  const warnings: string[] = [];
  const lock = StoreLock.acquire(dir, { warn: (fields: { why: string }) => warnings.push(fields.why) } as never);
  expect(warnings).toEqual([
    expect.stringMatching(
      new RegExp(`^process ${process.ppid} of this host runs but has not touched the lock for 3\\d s \\(its pid was reused\\)$`),
    ),
  ]);
  lock.release();
});

it(`a lock from another host is taken over only once untouched for ${LOCK_STALE_MS / 1000} s`, () => {
  writeFileSync(lockFile(), holder(1, 'gateway-elsewhere'));
  age(LOCK_STALE_MS - 5_000);
  expect(() => StoreLock.acquire(dir, logger)).toThrow(/pid 1 on host gateway-elsewhere, alive \d+ s ago/);
  age(LOCK_STALE_MS + 5_000);
  StoreLock.acquire(dir, logger).release();
});

it('an unreadable lock is taken over once untouched for a heartbeat; release leaves a lock that is not its own', () => {
  writeFileSync(lockFile(), '{"pid": 12');
  expect(() => StoreLock.acquire(dir, logger)).toThrow(StoreInUseError);
  age(20_000);
  const lock = StoreLock.acquire(dir, logger);
  writeFileSync(lockFile(), holder(process.ppid));
  lock.release();
  expect(existsSync(lockFile())).toBe(true);
});
