import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../common/logging/logger';

const LOCK_FILE = 'ponte.lock';
/** How often the holder touches the lock. */
export const LOCK_HEARTBEAT_MS = 10_000;
/** A lock from another host untouched this long is taken as left by a gateway that is gone. */
export const LOCK_STALE_MS = 30_000;

/** The directory is another gateway's. */
export class StoreInUseError extends Error {}

interface Holder {
  pid: number;
  host: string;
  token: string;
  startedAt: string;
}

/** Whether a process of this host runs (a process we may not signal runs too). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One gateway per EVENT_STORE_DIR: two appending to one file, each rewriting it with its own
 * events, would lose events. The holder keeps `ponte.lock` (its pid, host and a token) and touches
 * it every 10 s. A gateway opening the directory takes the lock when there is none, when its holder
 * is a process of this host that no longer runs (a crash; a container restarted under the same
 * host name, whose new process may even have the old pid), or when it has not been touched for
 * 30 s: from another host, a host that is gone; from this one, a crashed gateway whose pid another
 * process was given since. Otherwise it refuses to start, naming the
 * holder: starting a second instance on the directory is a deployment mistake (a rolling update
 * needs the old instance stopped first).
 */
export class StoreLock {
  private readonly heartbeat: NodeJS.Timeout;

  private constructor(
    private readonly file: string,
    private readonly token: string,
  ) {
    this.heartbeat = setInterval(() => {
      const now = new Date();
      try {
        utimesSync(this.file, now, now);
      } catch {
        // Gone (deleted by hand): the next gateway finds the directory free; nothing to do here.
      }
    }, LOCK_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Takes the directory's lock, or throws naming the gateway that holds it. */
  static acquire(dir: string, logger: Logger): StoreLock {
    const file = join(dir, LOCK_FILE);
    const holder: Holder = { pid: process.pid, host: hostname(), token: randomUUID(), startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      let fd: number;
      try {
        fd = openSync(file, 'wx', 0o600);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const other = readHolder(file);
        const why = staleness(other, statSync(file).mtimeMs, holder.host);
        if (why === undefined) {
          const ageS = Math.round((Date.now() - statSync(file).mtimeMs) / 1000);
          throw new StoreInUseError(
            `is in use by another gateway (pid ${other?.pid ?? '?'} on host ${other?.host ?? '?'}, alive ${ageS} s ago): one gateway per directory`,
          );
        }
        logger.warn({ file, holder: other, why }, 'event store: taking over a lock left by a gateway that is gone');
        unlinkSync(file);
        continue;
      }
      try {
        writeSync(fd, `${JSON.stringify(holder)}\n`);
      } finally {
        closeSync(fd);
      }
      return new StoreLock(file, holder.token);
    }
    throw new StoreInUseError('is in use: its lock was taken while this gateway was taking over a stale one');
  }

  /** Lets the directory go (when the lock is still this gateway's). */
  release(): void {
    clearInterval(this.heartbeat);
    if (readHolder(this.file)?.token === this.token) unlinkSync(this.file);
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

/** Why the lock's holder is gone, or undefined when it may still run. */
function staleness(holder: Holder | undefined, touchedAt: number, host: string): string | undefined {
  const untouchedMs = Date.now() - touchedAt;
  // Unreadable: a holder cut short while writing it; it would have touched it since.
  if (!holder || typeof holder.pid !== 'number') return untouchedMs > LOCK_HEARTBEAT_MS ? 'unreadable, and untouched' : undefined;
  if (holder.host === host) {
    if (holder.pid === process.pid) return 'held under this process id by an earlier process (a restart)';
    if (!running(holder.pid)) return `process ${holder.pid} of this host is not running`;
    // A live holder touches the lock every LOCK_HEARTBEAT_MS: a process under that pid that has not
    // for LOCK_STALE_MS is another program that was given the crashed gateway's pid.
    return untouchedMs > LOCK_STALE_MS
      ? `process ${holder.pid} of this host runs but has not touched the lock for ${Math.round(untouchedMs / 1000)} s (its pid was reused)`
      : undefined;
  }
  return untouchedMs > LOCK_STALE_MS ? `untouched for ${Math.round(untouchedMs / 1000)} s` : undefined;
}
