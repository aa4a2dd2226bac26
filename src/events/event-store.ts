import {
  closeSync,
  fdatasync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../common/logging/logger';
import type { LogEntry } from './event-log';
import { StoreInUseError, StoreLock } from './store-lock';

const EVENTS_FILE = 'events.jsonl';
/** The events hold personal data (names, phone numbers, messages): readable by the gateway's user only. */
const FILE_MODE = 0o600;
const PROGRESS_FILE = 'deliveries.json';

/** What a store held when it was opened. */
export interface StoredState {
  /** Recorded events, oldest first, as they were appended. */
  entries: LogEntry[];
  /** Per subscription name, the sequence number of the last event settled for it (delivered, refused or given up). */
  progress: Record<string, number>;
}

const isEntry = (value: unknown): value is LogEntry => {
  const e = value as Partial<LogEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    Number.isSafeInteger(e.seq) &&
    (e.seq as number) > 0 &&
    typeof e.event?.id === 'string' &&
    (e.against === 'held' || e.against === 'latest')
  );
};

/** Held entries written per step of a rewrite: the event loop runs between steps. */
const REWRITE_CHUNK = 1000;
const RESOLVED = Promise.resolve();

/**
 * The event feed and the subscriptions' delivery progress on disk (EVENT_STORE_DIR), so a restart
 * or a crash of the gateway loses neither: `events.jsonl` has one line per recorded event, appended
 * as it is recorded; `deliveries.json` has, per subscription, the last event settled for it. One
 * gateway instance per directory, which `ponte.lock` enforces (store-lock.ts).
 *
 * - `fsync` (EVENT_STORE_FSYNC, on by default): an append's promise resolves once the line is on
 *   the disk (fdatasync), and the webhook is answered only then, so an acknowledged event survives a
 *   power cut of the host too. One fdatasync covers every line written before it started (group
 *   commit): under a burst of webhooks the disk is flushed once per round, not once per event.
 *   Without it the promise resolves at once: what the process wrote survives the process only.
 * - The file is rewritten with the held events once it has twice as many lines, in the background:
 *   the held events are written to `events.jsonl.tmp` a chunk at a time (the gateway goes on
 *   meanwhile, appending to the old file and remembering those lines), then the lines appended
 *   meanwhile are added, it is flushed and renamed over the old file. A crash at any point leaves one
 *   complete file or the other.
 */
export class EventStore {
  private fd: number;
  private lines: number;
  /** Lines written since the store opened; `synced` of them are known to be on the disk. */
  private written = 0;
  private synced = 0;
  private syncing = false;
  private readonly waiting: Array<{ upTo: number; resolve: () => void }> = [];
  /** File descriptors replaced by a rewrite while a flush on them ran: closed when it ends. */
  private retired: number[] = [];
  /** A rewrite under way: the lines appended since it took its snapshot. */
  private rewrite?: { appended: string[]; done: Promise<void> };
  private closed = false;
  /** fdatasync calls made (logged at close; the tests read it). */
  flushes = 0;

  private constructor(
    private readonly dir: string,
    lines: number,
    private readonly logger: Logger,
    private readonly fsync: boolean,
    private readonly lock: StoreLock,
  ) {
    this.lines = lines;
    this.fd = openSync(join(dir, EVENTS_FILE), 'a', FILE_MODE);
  }

  /** Opens (creating it if needed) the store in `dir` and reads what it holds; a directory it cannot write is an error. */
  static open(dir: string, logger: Logger, options: { fsync: boolean } = { fsync: true }): { store: EventStore; state: StoredState } {
    let lock: StoreLock | undefined;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      lock = StoreLock.acquire(dir, logger);
      const entries = readEntries(join(dir, EVENTS_FILE), logger);
      const progress = readProgress(join(dir, PROGRESS_FILE), logger);
      const store = new EventStore(dir, entries.length, logger, options.fsync, lock);
      // Written at once, so a directory that cannot take the progress file stops startup, not the first delivery.
      store.saveProgress(progress);
      return { store, state: { entries, progress } };
    } catch (err) {
      lock?.release();
      if (err instanceof StoreInUseError) throw new Error(`EVENT_STORE_DIR: ${dir} ${err.message}`, { cause: err });
      throw new Error(`EVENT_STORE_DIR: cannot use ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, {
        cause: err,
      });
    }
  }

  /**
   * Appends one recorded event; resolves once it is on the disk (at once without `fsync`). Past
   * twice `held().length` lines the file is rewritten with the held entries, in the background.
   */
  append(entry: LogEntry, held: () => readonly LogEntry[]): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    try {
      writeSync(this.fd, line);
    } catch (err) {
      // The event is recorded in memory and answered; only its copy on disk is missing.
      this.logger.error({ err, event: entry.event.id }, 'event store: could not write the event to disk');
      return RESOLVED;
    }
    this.written++;
    this.lines++;
    this.rewrite?.appended.push(line);
    const kept = held();
    if (!this.rewrite && this.lines > 2 * Math.max(kept.length, 1)) this.startRewrite(kept.slice());
    return this.durable();
  }

  /** Resolves once every line written so far is on the disk (a redelivery is answered after its first copy is). */
  durable(): Promise<void> {
    if (!this.fsync || this.synced >= this.written) return RESOLVED;
    return new Promise((resolve) => {
      this.waiting.push({ upTo: this.written, resolve });
      this.flush();
    });
  }

  saveProgress(progress: Record<string, number>): void {
    const file = join(this.dir, PROGRESS_FILE);
    writeFileSync(`${file}.tmp`, `${JSON.stringify({ subscriptions: progress })}\n`, { mode: FILE_MODE });
    renameSync(`${file}.tmp`, file);
  }

  /** Whether the file is being rewritten in the background. */
  get rewriting(): boolean {
    return this.rewrite !== undefined;
  }

  /** Resolves when the rewrite under way, if any, has ended. */
  async rewritten(): Promise<void> {
    await this.rewrite?.done;
  }

  /** Waits for a rewrite and a flush under way, then closes the file. */
  async close(): Promise<void> {
    this.closed = true;
    await this.rewrite?.done;
    while (this.syncing) await new Promise<void>((resolve) => this.waiting.push({ upTo: this.written, resolve }));
    closeSync(this.fd);
    this.lock.release();
    this.logger.info({ dir: this.dir, flushes: this.flushes }, 'event store closed');
  }

  /** Group commit: one fdatasync covers every line written before it started; lines written while it runs wait for the next. */
  private flush(): void {
    if (this.syncing || this.waiting.length === 0) return;
    this.syncing = true;
    const upTo = this.written;
    this.flushes++;
    fdatasync(this.fd, (err) => {
      this.syncing = false;
      if (err) this.logger.error({ err }, 'event store: could not flush the events to disk');
      for (const fd of this.retired.splice(0)) closeSync(fd);
      this.settle(upTo);
      this.flush();
    });
  }

  /** Resolves the appends now on the disk; the others wait for the next flush. */
  private settle(upTo: number): void {
    this.synced = Math.max(this.synced, upTo);
    let left = 0;
    for (const waiter of this.waiting) {
      if (waiter.upTo <= this.synced) waiter.resolve();
      else this.waiting[left++] = waiter;
    }
    this.waiting.length = left;
  }

  private startRewrite(kept: readonly LogEntry[]): void {
    const file = join(this.dir, EVENTS_FILE);
    const tmp = `${file}.tmp`;
    const appended: string[] = [];
    const done = this.writeEntries(tmp, kept)
      .then(() => this.finishRewrite(file, tmp, kept.length, appended))
      .catch((err: unknown) => {
        this.logger.error({ err }, 'event store: could not rewrite the file (it keeps growing until the next try)');
        rmSync(tmp, { force: true });
      })
      .finally(() => (this.rewrite = undefined));
    this.rewrite = { appended, done };
  }

  private async writeEntries(tmp: string, kept: readonly LogEntry[]): Promise<void> {
    const handle = await openFile(tmp, 'w', FILE_MODE);
    try {
      for (let i = 0; i < kept.length; i += REWRITE_CHUNK) {
        await handle.write(
          kept
            .slice(i, i + REWRITE_CHUNK)
            .map((e) => `${JSON.stringify(e)}\n`)
            .join(''),
        );
      }
      if (this.fsync) await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  /** In one go (no await): the lines appended meanwhile, the flush, the rename; the new file is appended to from here. */
  private finishRewrite(file: string, tmp: string, keptLines: number, appended: string[]): void {
    if (this.closed) {
      rmSync(tmp, { force: true });
      return;
    }
    const fd = openSync(tmp, 'a', FILE_MODE);
    try {
      if (appended.length) writeSync(fd, appended.join(''));
      if (this.fsync) fdatasyncSync(fd);
      renameSync(tmp, file);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    if (this.fsync) syncDirectory(this.dir);
    // A flush running on the old file must end before it is closed (its number could be reused).
    if (this.syncing) this.retired.push(this.fd);
    else closeSync(this.fd);
    this.fd = fd;
    this.lines = keptLines + appended.length;
    // Everything written so far is in the new file, on the disk.
    if (this.fsync) this.settle(this.written);
  }
}

/** A rename is on the disk once its directory is. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function readEntries(file: string, logger: Logger): LogEntry[] {
  const lines = (readText(file) ?? '').split('\n');
  const last = lines.length - 1;
  const entries: LogEntry[] = [];
  lines.forEach((line, i) => {
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (isEntry(value)) entries.push(value);
    // The last line cut short is a write the process did not finish (it stopped mid-write).
    else logger.warn({ file, line: i + 1, last: i === last }, 'event store: a line that is not an event, skipped');
  });
  return entries;
}

function readProgress(file: string, logger: Logger): Record<string, number> {
  const text = readText(file);
  if (text === undefined) return {};
  try {
    const subscriptions = (JSON.parse(text) as { subscriptions?: unknown }).subscriptions;
    const progress: Record<string, number> = {};
    for (const [name, seq] of Object.entries(subscriptions as Record<string, unknown>)) {
      if (Number.isSafeInteger(seq)) progress[name] = seq as number;
    }
    return progress;
  } catch {
    logger.warn({ file }, 'event store: the delivery progress is not readable; every subscription starts with the next event');
    return {};
  }
}
