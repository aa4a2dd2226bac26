import { writeSync } from 'node:fs';

export interface LogDestinationOptions {
  /** The batch's size in bytes: a line that would not fit writes the batch out first. */
  batchBytes?: number;
  /** Pending bytes beyond which new lines are dropped (counted, and reported once writing works again). */
  maxBytes?: number;
  /** How many times a write that meets a full non-blocking pipe (EAGAIN) is retried, 1 ms apart, per flush. */
  retries?: number;
  /** The write call: bytes written, or throws (tests replace it). */
  write?: (fd: number, data: Uint8Array) => number;
  /** Told once when writes start failing for good (default: a line on stderr). */
  onFailure?: (message: string) => void;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Where the gateway's log lines go: copied as UTF-8 into one reused 64 KiB batch, written with
 * one synchronous `write(2)` when the next line would not fit or when `flush()` is called (every
 * 100 ms by the logger's timer, at shutdown and at exit).
 *
 * Why a byte batch rather than an array of the lines joined at write time: no joined 64 KiB string
 * and no new Buffer per batch, and a line's string is garbage as soon as it is copied. (Measured
 * while chasing what a read leaves in the old generation: this was not it, see the number texts
 * in logger.ts; it is simply the smaller amount of work.)
 *
 * Why not pino's sonic-boom in async mode, as before that: it measured the whole pending buffer's
 * UTF-8 length on every line (~1 % of a read's instructions) and handed every 4 KiB to the libuv
 * thread pool (a thread wake-up per ~14 requests). Here a write is one system call on the main
 * thread, with nothing in flight when the process exits.
 *
 * The trade-off, as with pino's default synchronous destination: a stdout reader that stops
 * reading blocks the process on a blocking pipe. On a non-blocking one (EAGAIN) the unwritten bytes
 * are kept and retried at the next flush; past `maxBytes` (8 MiB) new lines are dropped and counted,
 * so memory stays bounded, and a "log lines dropped" line says how many once writing works again.
 * Any other write error (stdout closed) drops the batch and is reported once on stderr.
 */
export class LogDestination {
  private readonly batch: Buffer;
  /** Bytes of `batch` in use, and how many lines they hold. */
  private used = 0;
  private lines = 0;
  /** Bytes a full non-blocking pipe did not take; written first next time. */
  private unwritten: Buffer | undefined;
  private dropped = 0;
  private reported = false;
  private readonly maxBytes: number;
  private readonly retries: number;
  private readonly writeFd: (fd: number, data: Uint8Array) => number;
  private readonly onFailure: (message: string) => void;

  constructor(
    private readonly fd: number,
    options: LogDestinationOptions = {},
  ) {
    this.batch = Buffer.allocUnsafeSlow(options.batchBytes ?? 64 * 1024);
    this.maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
    this.retries = options.retries ?? 5;
    this.writeFd = options.write ?? ((fd, data) => writeSync(fd, data));
    this.onFailure = options.onFailure ?? toStderr;
  }

  write(line: string): boolean {
    // A line's length in characters is a lower bound of its UTF-8 bytes: exact for ASCII lines.
    if (this.used + (this.unwritten?.length ?? 0) + line.length > this.maxBytes) {
      this.dropped++;
      return false;
    }
    // UTF-8 takes at most 3 bytes per UTF-16 unit: only a line that might not fit is measured.
    if (line.length * 3 > this.batch.length - this.used) {
      const bytes = Buffer.byteLength(line, 'utf8');
      if (bytes > this.batch.length - this.used) {
        this.flushSync();
        if (bytes > this.batch.length) {
          this.send(Buffer.from(line, 'utf8'), 1);
          return true;
        }
      }
    }
    this.used += this.batch.write(line, this.used, 'utf8');
    this.lines++;
    return true;
  }

  /** pino's `logger.flush(cb)` lands here. */
  flush(done?: (err?: Error) => void): void {
    this.flushSync();
    done?.();
  }

  /** Writes everything buffered now. */
  flushSync(): void {
    if (this.used === 0 && !this.unwritten) return;
    const fresh = this.used > 0 ? this.batch.subarray(0, this.used) : undefined;
    const count = this.lines;
    this.used = 0;
    this.lines = 0;
    this.send(fresh, count);
  }

  /** Writes what a full pipe left, the "dropped" notice if lines were, then `fresh` (`count` lines). */
  private send(fresh: Buffer | undefined, count: number): void {
    const parts: Buffer[] = [];
    if (this.unwritten) parts.push(this.unwritten);
    if (this.dropped > 0) {
      // Before this batch: the lines it counts were logged before these.
      parts.push(
        Buffer.from(
          `{"level":40,"time":${Date.now()},"service":"ponte","dropped":${this.dropped},"msg":"log lines dropped: stdout did not keep up"}\n`,
        ),
      );
    }
    if (fresh) parts.push(fresh);
    let bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    this.unwritten = undefined;
    const dropped = this.dropped;
    this.dropped = 0;
    for (let attempt = 0; bytes.length > 0;) {
      try {
        bytes = bytes.subarray(this.writeFd(this.fd, bytes));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' && ++attempt <= this.retries) {
          Atomics.wait(sleeper, 0, 0, 1);
          continue;
        }
        if (code === 'EAGAIN' && bytes.length <= this.maxBytes) {
          // Kept whole, the "dropped" notice included: written with the next flush. A copy when it
          // is a view of the batch, which the next lines overwrite.
          this.unwritten = bytes.buffer === this.batch.buffer ? Buffer.from(bytes) : bytes;
        } else {
          this.dropped += dropped + count;
          this.report(err as Error);
        }
        return;
      }
    }
  }

  private report(err: Error): void {
    if (this.reported) return;
    this.reported = true;
    this.onFailure(`Ponte: log lines are being dropped, stdout refuses writes (${err.message})\n`);
  }
}

function toStderr(message: string): void {
  try {
    writeSync(2, message);
  } catch {
    // stderr is gone too: nothing left to tell.
  }
}
