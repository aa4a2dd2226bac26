import pino from 'pino';
import { LogDestination } from './log-destination';

export type Logger = pino.Logger;

/** How often buffered log lines are written out (they are also flushed at startup and shutdown). */
const FLUSH_INTERVAL_MS = 100;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** LOG_LEVEL: empty or unset is `info`, as other settings treat an empty value as unset; case is ignored. */
export function logLevel(raw: string | undefined): string {
  const value = raw?.trim().toLowerCase() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new Error(`LOG_LEVEL="${raw}" is not one of ${LOG_LEVELS.join(', ')}`);
  }
  return value;
}

/**
 * One JSON logger for the gateway, on stdout. Lines are batched in memory and written in large
 * chunks (see LogDestination): on the timer every 100 ms, when 64 KiB are pending, and at exit.
 * Credentials are never logged on purpose; the redact list is a second line of defence.
 */
export function createLogger(level = logLevel(process.env.LOG_LEVEL)): Logger {
  const destination = new LogDestination(1);
  const logger = pino(
    {
      level,
      base: { service: 'ponte' },
      redact: { paths: ['req.headers.authorization', 'headers.authorization', 'headers.api_access_token'], censor: '[REDACTED]' },
    },
    destination,
  );
  setInterval(() => destination.flushSync(), FLUSH_INTERVAL_MS).unref();
  process.on('exit', () => destination.flushSync());
  return logger;
}

interface AccessEntry {
  requestId: string;
  method: string;
  route: string;
  /** `route` is the matched route's template (a fixed set), not the raw path of an unmatched request. */
  routeIsTemplate: boolean;
  status: number;
  /** null for a request whose client hung up first (status 499). */
  ms: number | null;
  apiKey?: string;
  /** A 499 whose connection the shutdown cut (SHUTDOWN_TIMEOUT_SECONDS), not its client. */
  cutAtShutdown?: true;
}

/** A string as a JSON string literal: as is when it has nothing to escape (ids, names, routes), else JSON.stringify. */
const PLAIN = /^[\w .:/@+-]*$/;
function jsonString(value: string): string {
  return PLAIN.test(value) ? `"${value}"` : JSON.stringify(value);
}

/**
 * Numbers as text for the access line, each distinct value converted once and kept. Converting a
 * fresh number on every request (the duration, the status) goes through V8's number-to-string
 * cache, whose entries the clock's values keep evicting: the strings made again and again were
 * held by that cache across young-generation collections and promoted, about 20 bytes a request
 * in the old generation (BENCHMARKS.md, "Tenth session"). Durations are in tenths of a millisecond.
 */
const durationTexts: string[] = [];
const statusTexts: string[] = [];
const MAX_REMEMBERED_TENTHS = 100_000;

function durationText(ms: number): string {
  const tenths = Math.round(ms * 10);
  if (tenths >= 0 && tenths < MAX_REMEMBERED_TENTHS) return (durationTexts[tenths] ??= String(tenths / 10));
  return String(ms);
}

function statusText(status: number): string {
  return (statusTexts[status] ??= String(status));
}

/**
 * The per-request access line, written pre-serialized to the logger's destination: the same JSON
 * shape pino writes (`"msg":"request"` at level info), without building and walking an object on
 * every request. Strings are quoted directly when they need no escaping (request ids, route
 * templates and key names nearly always) and go through JSON.stringify otherwise; the route
 * templates and key names, a short fixed set, are quoted once and remembered, and so are the
 * numbers' texts (above) and the clock's for the current millisecond.
 */
export function accessLogger(logger: Logger): (entry: AccessEntry) => void {
  const stream = (logger as unknown as Record<symbol, { write(line: string): void }>)[pino.symbols.streamSym];
  const quoted = new Map<string, string>();
  const quoteKnown = (value: string) => {
    let q = quoted.get(value);
    if (q === undefined) {
      q = jsonString(value);
      if (quoted.size < 1000) quoted.set(value, q);
    }
    return q;
  };
  let now = 0;
  let nowText = '0';
  return (e) => {
    if (!logger.isLevelEnabled('info')) return;
    const time = Date.now();
    if (time !== now) {
      now = time;
      nowText = String(time);
    }
    stream.write(
      `{"level":30,"time":${nowText},"service":"ponte","requestId":${jsonString(e.requestId)},"method":"${e.method}",` +
        `"route":${e.routeIsTemplate ? quoteKnown(e.route) : jsonString(e.route)},"status":${statusText(e.status)},` +
        `"ms":${e.ms === null ? 'null' : durationText(e.ms)}` +
        `${e.apiKey !== undefined ? `,"apiKey":${quoteKnown(e.apiKey)}` : ''}` +
        `${e.cutAtShutdown ? ',"cutAtShutdown":true' : ''},"msg":"request"}\n`,
    );
  };
}
