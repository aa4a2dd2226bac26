import { createHash } from 'node:crypto';
import { parseCorsOrigins, type CorsPolicy } from '../common/transport/cors';
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AllowList } from '../common/http/ip-policy';
import { isValidTimezone, DEFAULT_TIMEZONE } from '../common/normalize/dates';
import { text } from '../common/normalize/values';
import { EventType } from '../events/models/event.enums';
import {
  PLATFORMS,
  type ApiKeyConfig,
  type ConnectionConfig,
  type Platform,
  type PonteConfig,
  type SubscriptionConfig,
} from './config.types';

/** A configuration that cannot be used; `problems` holds one readable line per fault. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type FieldKind = 'string' | 'secret' | 'url' | 'boolean' | 'timezone' | 'int';
interface FieldSpec {
  kind: FieldKind;
  required?: boolean;
  min?: number;
  max?: number;
}

const COMMON_FIELDS: Record<string, FieldSpec> = {
  id: { kind: 'string', required: true },
  provider: { kind: 'string', required: true },
  baseUrl: { kind: 'url', required: true },
  timezone: { kind: 'timezone' },
  default: { kind: 'boolean' },
  timeoutMs: { kind: 'int', min: 100, max: 300_000 },
  maxSockets: { kind: 'int', min: 1, max: 1024 },
};

const PROVIDER_FIELDS: Record<Platform, Record<string, FieldSpec>> = {
  maxbot: { token: { kind: 'secret', required: true }, channelToken: { kind: 'string' }, webhookSecret: { kind: 'secret' } },
  cleverchat: { token: { kind: 'secret', required: true }, queueId: { kind: 'string' } },
  cloudchat: {
    accountId: { kind: 'string', required: true },
    apiAccessToken: { kind: 'secret', required: true },
    inboxId: { kind: 'string' },
  },
  okeybot: {
    channelToken: { kind: 'secret', required: true },
    viber: { kind: 'boolean' },
    rateLimitPerMinute: { kind: 'int', min: 1, max: 10_000 },
  },
  chatguru: {
    key: { kind: 'secret', required: true },
    accountId: { kind: 'string', required: true },
    phoneId: { kind: 'string', required: true },
  },
};

/** Webhook secrets travel in a URL anyone could guess at: 16 characters at least. */
const WEBHOOK_SECRET_MIN = 16;

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const ENV_REF = /\$\{(?:file:(?!-)([^}]*)|([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?)\}/g;
/** A secret file holds a token or a key: anything bigger is not one. */
const MAX_SECRET_FILE_BYTES = 64 * 1024;

const MISSING = Symbol('missing environment variable');

/**
 * A secret mounted as a file (Docker and Kubernetes secrets): its content without the trailing
 * line break, read again at each reload, so a secret rotated in place is picked up by SIGHUP. The
 * problems name the path, never the content.
 */
function secretFile(path: string, label: string, problems: string[]): string | undefined {
  if (!isAbsolute(path)) {
    problems.push(`${label}: \${file:${path}} must name an absolute path (e.g. /run/secrets/maxbot_token)`);
    return undefined;
  }
  try {
    if (statSync(path).size > MAX_SECRET_FILE_BYTES) {
      problems.push(`${label}: ${path} is over ${MAX_SECRET_FILE_BYTES / 1024} KB, not a secret`);
      return undefined;
    }
    const text = readFileSync(path, 'utf8').replace(/\r?\n+$/, '');
    if (text === '') problems.push(`${label}: ${path} is empty`);
    return text === '' ? undefined : text;
  } catch (err) {
    problems.push(`${label}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    return undefined;
  }
}

/**
 * Replaces `${VAR}` (or `${VAR:-default}`) in a string value with the environment's value, and
 * `${file:/path}` with a secret file's content. An unset variable or unreadable file is reported
 * against the field that uses it and yields MISSING (no second complaint).
 */
function interpolate(value: unknown, label: string, env: NodeJS.ProcessEnv, problems: string[]): unknown {
  if (typeof value !== 'string') return value;
  let missing = false;
  const out = value.replace(ENV_REF, (_match, file: string | undefined, name: string | undefined, fallback: string | undefined) => {
    if (file !== undefined) {
      const content = secretFile(file.trim(), label, problems);
      if (content === undefined) missing = true;
      return content ?? '';
    }
    const found = env[name!];
    if (found !== undefined && found !== '') return found;
    if (fallback !== undefined) return fallback;
    problems.push(`${label}: environment variable ${name} is not set`);
    missing = true;
    return '';
  });
  return missing ? MISSING : out;
}

function checkField(label: string, spec: FieldSpec, raw: unknown, env: NodeJS.ProcessEnv, problems: string[]): unknown {
  const value = interpolate(raw, label, env, problems);
  if (value === MISSING) return undefined;
  if (value === undefined || value === null || value === '') {
    if (spec.required) problems.push(`${label}: is required`);
    return undefined;
  }
  switch (spec.kind) {
    case 'secret':
      // YAML reads unquoted digits as a number: 12345678901234567890 would become …567000, and
      // leading zeros vanish. A credential must arrive exactly as written.
      if (typeof value === 'number') problems.push(`${label}: must be a string (quote it: YAML reads unquoted digits as a number)`);
      else if (typeof value !== 'string') problems.push(`${label}: must be a string`);
      return value;
    case 'string':
      // An unquoted small integer (`queueId: 3`) is what it looks like; any other number is not.
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
      if (typeof value !== 'string') problems.push(`${label}: must be a string (quote it)`);
      return value;
    case 'url': {
      if (typeof value !== 'string') {
        problems.push(`${label}: must be a URL string`);
        return undefined;
      }
      try {
        const url = new URL(value);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push(`${label}: must be an http(s) URL`);
        if (url.username || url.password) problems.push(`${label}: must not embed credentials`);
      } catch {
        // Not the value: its query could carry a secret (a token in a subscription URL).
        problems.push(`${label}: is not a valid URL (an absolute http:// or https:// URL)`);
      }
      return value.replace(/\/+$/, '');
    }
    case 'boolean':
      // From `${VAR}`, a boolean arrives as text.
      if (value === 'true' || value === 'false') return value === 'true';
      if (typeof value !== 'boolean') problems.push(`${label}: must be true or false`);
      return value;
    case 'timezone':
      if (typeof value !== 'string' || !isValidTimezone(value)) {
        problems.push(`${label}: "${text(value)}" is not an IANA timezone (e.g. America/Sao_Paulo)`);
      }
      return value;
    case 'int': {
      const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < (spec.min ?? -Infinity) || n > (spec.max ?? Infinity)) {
        problems.push(`${label}: must be an integer between ${spec.min} and ${spec.max}`);
      }
      return n;
    }
  }
}

function checkConnection(raw: unknown, index: number, env: NodeJS.ProcessEnv, problems: string[]): ConnectionConfig | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`connections[${index}]: must be an object`);
    return undefined;
  }
  // id and provider choose the label and the field set, so `${VAR}` in them is replaced first.
  const entry = { ...(raw as Record<string, unknown>) };
  for (const field of ['id', 'provider']) entry[field] = interpolate(entry[field], `connections[${index}].${field}`, env, problems);
  const idText = typeof entry.id === 'string' ? entry.id : undefined;
  const label = idText ? `connections[${index}] (${idText})` : `connections[${index}]`;
  const provider = entry.provider as Platform;
  if (entry.provider === MISSING) return undefined;
  if (entry.provider !== undefined && !PLATFORMS.includes(provider)) {
    problems.push(`${label}.provider: "${text(entry.provider)}" is not one of ${PLATFORMS.join(', ')}`);
    return undefined;
  }
  const specs = { ...COMMON_FIELDS, ...(PLATFORMS.includes(provider) ? PROVIDER_FIELDS[provider] : {}) };
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    out[name] = checkField(`${label}.${name}`, spec, entry[name], env, problems);
  }
  for (const name of Object.keys(entry)) {
    if (!(name in specs)) {
      problems.push(`${label}.${name}: unknown field for provider ${provider ?? '?'} (allowed: ${Object.keys(specs).join(', ')})`);
    }
  }
  if (entry.id !== undefined && entry.id !== MISSING && idText === undefined) {
    problems.push(`${label}.id: must be a string slug (letters, digits, "-" or "_")`);
  } else if (idText !== undefined && !ID_PATTERN.test(idText)) {
    problems.push(`${label}.id: must be a lower-case slug (letters, digits, "-" or "_")`);
  }
  out.timezone ??= DEFAULT_TIMEZONE;
  out.default ??= false;
  out.timeoutMs ??= 10_000;
  out.maxSockets ??= 64;
  if (typeof out.webhookSecret === 'string' && out.webhookSecret.length < WEBHOOK_SECRET_MIN) {
    problems.push(
      `${label}.webhookSecret: must be at least ${WEBHOOK_SECRET_MIN} characters (it is the only proof a webhook call is genuine)`,
    );
  }
  if (provider === 'okeybot') {
    out.viber ??= false;
    out.rateLimitPerMinute ??= 100;
  }
  return out as unknown as ConnectionConfig;
}

function checkApiKey(raw: unknown, index: number, ids: Set<string>, env: NodeJS.ProcessEnv, problems: string[]): ApiKeyConfig | undefined {
  const label = `apiKeys[${index}]`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${label}: must be an object with name and key (or sha256)`);
    return undefined;
  }
  const entry = { ...(raw as Record<string, unknown>) };
  for (const field of ['name', 'key', 'sha256']) {
    const value = interpolate(entry[field], `${label}.${field}`, env, problems);
    entry[field] = value === MISSING ? undefined : value;
  }
  const name = typeof entry.name === 'string' && entry.name.trim() ? entry.name.trim() : undefined;
  const where = name ? `${label} (${name})` : label;
  if (!name) problems.push(`${label}.name: is required`);
  for (const field of Object.keys(entry)) {
    if (!['name', 'key', 'sha256', 'connections', 'maxStreams'].includes(field)) {
      problems.push(`${where}.${field}: unknown field (allowed: name, key, sha256, connections, maxStreams)`);
    }
  }
  let sha256: string | undefined;
  const hasKey = entry.key !== undefined && entry.key !== '';
  const hasHash = entry.sha256 !== undefined && entry.sha256 !== '';
  if (hasKey === hasHash) {
    if (!problems.some((p) => p.startsWith(`${label}.key:`) || p.startsWith(`${label}.sha256:`))) {
      problems.push(`${where}: give exactly one of key or sha256`);
    }
  } else if (hasKey) {
    if (typeof entry.key !== 'string' || entry.key.length < 16) {
      problems.push(`${where}.key: must be a string of at least 16 characters`);
    } else {
      sha256 = createHash('sha256').update(entry.key).digest('hex');
    }
  } else if (typeof entry.sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(entry.sha256)) {
    problems.push(`${where}.sha256: must be 64 hexadecimal characters`);
  } else {
    sha256 = entry.sha256.toLowerCase();
  }
  let connections: string[] | undefined;
  if (entry.connections !== undefined) {
    if (!Array.isArray(entry.connections) || entry.connections.some((c) => typeof c !== 'string')) {
      problems.push(`${where}.connections: must be a list of connection ids`);
    } else {
      connections = entry.connections as string[];
      for (const id of connections) {
        if (!ids.has(id)) problems.push(`${where}.connections: "${id}" is not a configured connection`);
      }
    }
  }
  const maxStreams = entry.maxStreams;
  if (
    maxStreams !== undefined &&
    !(Number.isInteger(maxStreams) && (maxStreams as number) >= 1 && (maxStreams as number) <= MAX_STREAMS_LIMIT)
  ) {
    problems.push(`${where}.maxStreams: must be a whole number from 1 to ${MAX_STREAMS_LIMIT} (live event readers of this key)`);
  }
  return name && sha256
    ? { name, sha256, ...(connections ? { connections } : {}), ...(typeof maxStreams === 'number' ? { maxStreams } : {}) }
    : undefined;
}

const SUBSCRIPTION_FIELDS: Record<string, FieldSpec> = {
  name: { kind: 'string', required: true },
  url: { kind: 'url', required: true },
  secret: { kind: 'secret', required: true },
  maxAttempts: { kind: 'int', min: 1, max: 20 },
  retryBaseMs: { kind: 'int', min: 10, max: 600_000 },
  timeoutMs: { kind: 'int', min: 100, max: 60_000 },
};

/** A list of strings each drawn from `allowed`; undefined when absent. */
function checkList(label: string, raw: unknown, allowed: readonly string[], what: string, problems: string[]): string[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length === 0 || raw.some((v) => typeof v !== 'string')) {
    problems.push(`${label}: must be a non-empty list of ${what}s`);
    return undefined;
  }
  for (const v of raw as string[])
    if (!allowed.includes(v))
      problems.push(`${label}: "${v}" is not ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} (${allowed.join(', ')})`);
  return raw as string[];
}

function checkSubscription(
  raw: unknown,
  index: number,
  ids: Set<string>,
  env: NodeJS.ProcessEnv,
  problems: string[],
): SubscriptionConfig | undefined {
  const label = `subscriptions[${index}]`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${label}: must be an object with name, url and secret`);
    return undefined;
  }
  const entry = raw as Record<string, unknown>;
  const where = typeof entry.name === 'string' ? `${label} (${entry.name})` : label;
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(SUBSCRIPTION_FIELDS))
    out[name] = checkField(`${where}.${name}`, spec, entry[name], env, problems);
  const allowedFields = [...Object.keys(SUBSCRIPTION_FIELDS), 'types', 'connections'];
  for (const name of Object.keys(entry)) {
    if (!allowedFields.includes(name)) problems.push(`${where}.${name}: unknown field (allowed: ${allowedFields.join(', ')})`);
  }
  if (typeof out.secret === 'string' && out.secret.length < WEBHOOK_SECRET_MIN) {
    problems.push(`${where}.secret: must be at least ${WEBHOOK_SECRET_MIN} characters`);
  }
  const types = checkList(`${where}.types`, entry.types, Object.values(EventType), 'event type', problems);
  const connections = checkList(`${where}.connections`, entry.connections, [...ids], 'configured connection', problems);
  return {
    ...(out as unknown as SubscriptionConfig),
    ...(types ? { types } : {}),
    ...(connections ? { connections } : {}),
    maxAttempts: (out.maxAttempts as number | undefined) ?? 6,
    retryBaseMs: (out.retryBaseMs as number | undefined) ?? 1_000,
    timeoutMs: (out.timeoutMs as number | undefined) ?? 10_000,
  };
}

/** Validates an already-parsed configuration document (after `${VAR}` interpolation). */
export function validateConfig(document: unknown, source: string, env: NodeJS.ProcessEnv = process.env): PonteConfig {
  const problems: string[] = [];
  if (!document || typeof document !== 'object' || Array.isArray(document)) {
    throw new ConfigError(source, ['the file must contain an object with "connections" (and usually "apiKeys")']);
  }
  const doc = document as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    if (!['connections', 'apiKeys', 'auth', 'subscriptions'].includes(key))
      problems.push(`${key}: unknown top-level field (allowed: connections, apiKeys, auth, subscriptions)`);
  }
  const connections: ConnectionConfig[] = [];
  if (!Array.isArray(doc.connections) || doc.connections.length === 0) {
    problems.push('connections: must be a non-empty list');
  } else {
    doc.connections.forEach((raw, i) => {
      const c = checkConnection(raw, i, env, problems);
      if (c) connections.push(c);
    });
  }
  const ids = new Set<string>();
  for (const c of connections) {
    if (c.id && ids.has(c.id)) problems.push(`connections: id "${c.id}" is used more than once`);
    ids.add(c.id);
  }
  const defaults = connections.filter((c) => c.default);
  if (defaults.length > 1) {
    problems.push(`connections: only one connection may be default (found ${defaults.map((c) => c.id).join(', ')})`);
  }
  let authDisabled = false;
  if (doc.auth !== undefined) {
    const auth = doc.auth as Record<string, unknown>;
    if (!auth || typeof auth !== 'object' || Object.keys(auth).some((k) => k !== 'disabled') || typeof auth.disabled !== 'boolean') {
      problems.push('auth: must be { disabled: true | false }');
    } else {
      authDisabled = auth.disabled;
    }
  }
  const apiKeys: ApiKeyConfig[] = checkNamedList(doc.apiKeys, 'apiKeys', problems, (raw, i) => checkApiKey(raw, i, ids, env, problems));
  if (apiKeys.length === 0 && !authDisabled && doc.apiKeys !== undefined && Array.isArray(doc.apiKeys) && doc.apiKeys.length > 0) {
    // Every key was invalid: already reported above.
  } else if (apiKeys.length === 0 && !authDisabled) {
    problems.push('apiKeys: no API keys configured; add apiKeys, or set "auth: { disabled: true }" to run without authentication');
  }
  const subscriptions: SubscriptionConfig[] = checkNamedList(doc.subscriptions, 'subscriptions', problems, (raw, i) =>
    checkSubscription(raw, i, ids, env, problems),
  );
  if (problems.length > 0) throw new ConfigError(source, problems);
  return { connections, apiKeys, subscriptions, authDisabled, sandbox: false, source };
}

/** Reads a YAML or JSON connections file (YAML is a superset of JSON). */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): PonteConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [`cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  let document: unknown;
  try {
    document = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    const first = String((err as Error).message).split('\n')[0];
    throw new ConfigError(path, [`not valid YAML/JSON: ${first}`]);
  }
  return validateConfig(document, path, env);
}

/** Process-wide settings read from the environment (the connections file holds only connections and keys). */
export interface EnvSettings {
  mediaFetchAllowList: AllowList;
  /** How far V8 lets the old generation grow past what a full GC left live, in percent; 0 keeps V8's own heuristic. */
  heapGrowingPercent: number;
  /** EVENT_LOG_SIZE: how many received webhook events GET /v1/events keeps. */
  eventLogSize: number;
  /** EVENT_STORE_DIR: the event feed and the delivery progress on disk (undefined: in memory only). */
  eventStoreDir?: string;
  /** EVENT_STORE_FSYNC: each event flushed to the disk before its webhook is answered. */
  eventStoreFsync: boolean;
  /** EVENT_STREAM_HEARTBEAT_SECONDS: how often an idle GET /v1/events/stream gets a comment line. */
  eventStreamHeartbeatSeconds: number;
  /** EVENT_STREAMS_MAX: how many event streams and subscriptions (and, apart, GraphQL WebSockets) may be open at once. */
  eventStreamsMax: number;
  /** CORS_ORIGINS: which browser origins may call the gateway (none when unset). */
  cors?: CorsPolicy;
  /** SHUTDOWN_DELAY_SECONDS: from the shutdown signal, how long readiness fails while every request is still served. */
  shutdownDelaySeconds: number;
  /** SHUTDOWN_TIMEOUT_SECONDS: how long the requests in flight get to finish once the listener is closed. */
  shutdownTimeoutSeconds: number;
}

/**
 * 0: V8's own heuristic. Requests waiting on a slow platform outlive the young generation, so their
 * garbage lands in the old one, which V8 lets grow up to 4× before a full collection. A low value
 * (20) keeps 1,000 in-flight requests at ~22 MB of RSS instead of ~35 MB, but the more frequent
 * full collections pause the one core the gateway runs on: p99 latency at half load went from
 * ~2.5 ms to 40–60 ms in an interleaved A/B (BENCHMARKS.md). So it is opt-in, for memory-bound
 * deployments that accept that tail.
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 0;

/** Received events kept in memory for GET /v1/events (a few KB each). */
export const DEFAULT_EVENT_LOG_SIZE = 1000;
export const MAX_EVENT_LOG_SIZE = 100_000;
/** Under the 60 s idle timeout of common proxies and load balancers (nginx, AWS ALB). */
export const DEFAULT_EVENT_STREAM_HEARTBEAT_SECONDS = 15;
/** Open event streams per instance: each holds a socket and up to 64 KB unsent (event-stream.ts). */
export const DEFAULT_EVENT_STREAMS_MAX = 1000;
/** The most EVENT_STREAMS_MAX and an API key's maxStreams may be. */
const MAX_STREAMS_LIMIT = 100_000;

/**
 * 0: the listener closes at the signal, as Node servers do by default. Behind a load balancer that
 * only notices the instance going when its readiness probe fails (Kubernetes' endpoints, a cloud
 * LB's health check), 5–15 s lets it stop sending before the port closes (README, "Shutdown").
 */
export const DEFAULT_SHUTDOWN_DELAY_SECONDS = 0;
/**
 * The wait for the requests in flight: the connection's default timeoutMs (10 s) bounds a platform
 * call, so a request sent just before the signal has finished by then unless its client reads its
 * answer slowly. Inside Kubernetes' default terminationGracePeriodSeconds (30) with room left.
 */
export const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 10;

/** Reads and validates the environment settings; a bad one is a ConfigError with one line per problem. */
export function loadEnvSettings(env: NodeJS.ProcessEnv = process.env): EnvSettings {
  const { allowList, problems: allowProblems } = AllowList.parse(env.MEDIA_FETCH_ALLOW_HOSTS);
  const problems = allowProblems.map((p) => `MEDIA_FETCH_ALLOW_HOSTS: ${p}`);
  const heapGrowingPercent = wholeNumber(
    env,
    'HEAP_GROWING_PERCENT',
    DEFAULT_HEAP_GROWING_PERCENT,
    [0, 1000],
    problems,
    "0 (V8's own heuristic)",
  );
  const eventLogSize = wholeNumber(env, 'EVENT_LOG_SIZE', DEFAULT_EVENT_LOG_SIZE, [1, MAX_EVENT_LOG_SIZE], problems);
  const eventStreamHeartbeatSeconds = wholeNumber(
    env,
    'EVENT_STREAM_HEARTBEAT_SECONDS',
    DEFAULT_EVENT_STREAM_HEARTBEAT_SECONDS,
    [1, 300],
    problems,
  );
  const eventStreamsMax = wholeNumber(env, 'EVENT_STREAMS_MAX', DEFAULT_EVENT_STREAMS_MAX, [1, MAX_STREAMS_LIMIT], problems);
  const shutdownDelaySeconds = wholeNumber(env, 'SHUTDOWN_DELAY_SECONDS', DEFAULT_SHUTDOWN_DELAY_SECONDS, [0, 300], problems);
  const shutdownTimeoutSeconds = wholeNumber(env, 'SHUTDOWN_TIMEOUT_SECONDS', DEFAULT_SHUTDOWN_TIMEOUT_SECONDS, [1, 600], problems);
  const fsync = env.EVENT_STORE_FSYNC?.trim() || '1';
  if (fsync !== '0' && fsync !== '1') problems.push(`EVENT_STORE_FSYNC: "${fsync}" is not 1 (flush each event to the disk) or 0`);
  const cors = parseCorsOrigins(env.CORS_ORIGINS);
  problems.push(...cors.problems.map((p) => `CORS_ORIGINS: ${p}`));
  if (problems.length) throw new ConfigError('the environment', problems);
  return {
    mediaFetchAllowList: allowList,
    heapGrowingPercent,
    eventLogSize,
    eventStreamHeartbeatSeconds,
    eventStreamsMax,
    eventStoreFsync: fsync !== '0',
    shutdownDelaySeconds,
    shutdownTimeoutSeconds,
    ...(env.EVENT_STORE_DIR?.trim() ? { eventStoreDir: env.EVENT_STORE_DIR.trim() } : {}),
    ...(cors.policy ? { cors: cors.policy } : {}),
  };
}

/** A whole-number setting: unset or empty is the default; anything but a whole number in range is a problem. */
function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  [min, max]: [number, number],
  problems: string[],
  minWords = String(min),
): number {
  const raw = env[name]?.trim() || undefined;
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(/^\d+$/.test(raw) && value >= min && value <= max)) {
    problems.push(`${name}: "${raw}" is not a whole number from ${minWords} to ${max}`);
  }
  return value;
}

/**
 * An optional list of named entries (`apiKeys`, `subscriptions`): each checked by `check` (which
 * reports its own problems), then names used twice reported. Not a list at all is one problem.
 */
function checkNamedList<T extends { name: string }>(
  value: unknown,
  field: string,
  problems: string[],
  check: (raw: unknown, index: number) => T | undefined,
): T[] {
  if (value !== undefined && !Array.isArray(value)) {
    problems.push(`${field}: must be a list`);
    return [];
  }
  const items: T[] = [];
  ((value as unknown[] | undefined) ?? []).forEach((raw, i) => {
    const item = check(raw, i);
    if (item) items.push(item);
  });
  const names = items.map((item) => item.name);
  for (const n of new Set(names)) {
    if (names.filter((x) => x === n).length > 1) problems.push(`${field}: name "${n}" is used more than once`);
  }
  return items;
}
