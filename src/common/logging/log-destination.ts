import { writeSync } from 'node:fs';

export interface LogDestinationOptions {
  /** Buffered characters that trigger a write before the timer does. */
  batchChars?: number;
  /** Buffered characters beyond which new lines are dropped (counted, and reported once writing works again). */
  maxChars?: number;
  /** How many times a write that meets a full non-blocking pipe (EAGAIN) is retried, 1 ms apart, per flush. */
  retries?: number;
  /** The write call: bytes written, or throws (tests replace it). */
  write?: (fd: number, data: Uint8Array) => number;
  /** Told once when writes start failing for good (default: a line on stderr). */
  onFailure?: (message: string) => void;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Where the gateway's log lines go: appended to an in-memory batch, written with one synchronous
 * `write(2)` when the batch reaches `batchChars` (64 Ki characters, a few hundred lines) or when
 * `flush()` is called (every 100 ms by the logger's timer, at shutdown and at exit).
 *
 * Why not pino's sonic-boom in async mode, as before: it measured the whole pending buffer's UTF-8
 * length on every line (~1 % of a read's instructions) and handed every 4 KiB to the libuv thread
 * pool (a thread wake-up per ~14 requests). Here a line costs an array push, and a write is one
 * system call on the main thread, with nothing in flight when the process exits.
 *
 * The trade-off, as with pino's default synchronous destination: a stdout reader that stops
 * reading blocks the process on a blocking pipe. On a non-blocking one (EAGAIN) the unwritten bytes
 * are kept and retried at the next flush; past `maxChars` (8 Mi) new lines are dropped and counted,
 * so memory stays bounded, and a "log lines dropped" line says how many once writing works again.
 * Any other write error (stdout closed) drops the batch and is reported once on stderr.
 */
export class LogDestination {
  private lines: string[] = [];
  private chars = 0;
  /** Bytes a full non-blocking pipe did not take; written first next time. */
  private unwritten: Buffer | undefined;
  private dropped = 0;
  private reported = false;
  private readonly batchChars: number;
  private readonly maxChars: number;
  private readonly retries: number;
  private readonly writeFd: (fd: number, data: Uint8Array) => number;
  private readonly onFailure: (message: string) => void;

  constructor(
    private readonly fd: number,
    options: LogDestinationOptions = {},
  ) {
    this.batchChars = options.batchChars ?? 64 * 1024;
    this.maxChars = options.maxChars ?? 8 * 1024 * 1024;
    this.retries = options.retries ?? 5;
    this.writeFd = options.write ?? ((fd, data) => writeSync(fd, data));
    this.onFailure = options.onFailure ?? toStderr;
  }

  write(line: string): boolean {
    if (this.chars + (this.unwritten?.length ?? 0) + line.length > this.maxChars) {
      this.dropped++;
      return false;
    }
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= this.batchChars) this.flushSync();
    return true;
  }

  /** pino's `logger.flush(cb)` lands here. */
  flush(done?: (err?: Error) => void): void {
    this.flushSync();
    done?.();
  }

  /** Writes everything buffered now. */
  flushSync(): void {
    if (this.lines.length === 0 && !this.unwritten) return;
    const count = this.lines.length;
    if (this.dropped > 0) {
      // Before this batch: the lines it counts were logged before these.
      this.lines.unshift(
        `{"level":40,"time":${Date.now()},"service":"ponte","dropped":${this.dropped},"msg":"log lines dropped: stdout did not keep up"}\n`,
      );
    }
    const fresh = Buffer.from(this.lines.join(''), 'utf8');
    let bytes = this.unwritten ? Buffer.concat([this.unwritten, fresh]) : fresh;
    this.lines = [];
    this.chars = 0;
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
        if (code === 'EAGAIN' && bytes.length <= this.maxChars) {
          // Kept whole, the "dropped" notice included: written with the next flush.
          this.unwritten = bytes;
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
