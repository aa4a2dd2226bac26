import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../common/logging/logger';
import type { LogEntry } from './event-log';

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

/**
 * The event feed and the subscriptions' delivery progress on disk (EVENT_STORE_DIR), so a restart
 * or a crash of the gateway loses neither: `events.jsonl` has one line per recorded event, appended
 * as it is recorded (before the webhook is acknowledged); `deliveries.json` has, per subscription,
 * the last event settled for it. The file is rewritten with the held events only once it has
 * twice as many lines. Writes are not flushed to the disk one by one (no fsync): what the process
 * wrote survives the process, not a power cut of the host. One gateway instance per directory.
 */
export class EventStore {
  private fd: number;
  private lines: number;

  private constructor(
    private readonly dir: string,
    lines: number,
    private readonly logger: Logger,
  ) {
    this.lines = lines;
    this.fd = openSync(join(dir, EVENTS_FILE), 'a', FILE_MODE);
  }

  /** Opens (creating it if needed) the store in `dir` and reads what it holds; a directory it cannot write is an error. */
  static open(dir: string, logger: Logger): { store: EventStore; state: StoredState } {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const entries = readEntries(join(dir, EVENTS_FILE), logger);
      const progress = readProgress(join(dir, PROGRESS_FILE), logger);
      const store = new EventStore(dir, entries.length, logger);
      // Written at once, so a directory that cannot take the progress file stops startup, not the first delivery.
      store.saveProgress(progress);
      return { store, state: { entries, progress } };
    } catch (err) {
      throw new Error(`EVENT_STORE_DIR: cannot use ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, {
        cause: err,
      });
    }
  }

  /** Appends one recorded event; past twice `held.length` lines the file is rewritten with `held()`. */
  append(entry: LogEntry, held: () => readonly LogEntry[]): void {
    try {
      writeSync(this.fd, `${JSON.stringify(entry)}\n`);
      this.lines++;
      const kept = held();
      if (this.lines > 2 * Math.max(kept.length, 1)) this.compact(kept);
    } catch (err) {
      // The event is recorded in memory and answered; only its copy on disk is missing.
      this.logger.error({ err, event: entry.event.id }, 'event store: could not write the event to disk');
    }
  }

  saveProgress(progress: Record<string, number>): void {
    const file = join(this.dir, PROGRESS_FILE);
    writeFileSync(`${file}.tmp`, `${JSON.stringify({ subscriptions: progress })}\n`, { mode: FILE_MODE });
    renameSync(`${file}.tmp`, file);
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Rewrites the file with the held entries (a new file renamed over the old one: a crash leaves one or the other). */
  private compact(kept: readonly LogEntry[]): void {
    const file = join(this.dir, EVENTS_FILE);
    writeFileSync(`${file}.tmp`, kept.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: FILE_MODE });
    renameSync(`${file}.tmp`, file);
    closeSync(this.fd);
    this.fd = openSync(file, 'a', FILE_MODE);
    this.lines = kept.length;
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
