import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const MAIN = join(ROOT, 'dist/src/main.js');
const CONTRACT_PROBE = join(ROOT, 'test/e2e/fixtures/response-contract-probe.cjs');
/** Where gateways started by the suite record their answers checked against the OpenAPI document. */
export const CONTRACT_DIR_ENV = 'PONTE_CONTRACT_DIR';

export interface PonteProcess {
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once `text` has been logged (logs are flushed every 100 ms); rejects after `timeoutMs`. */
  waitForOutput(text: string, timeoutMs?: number): Promise<string>;
  /** Sends a signal to the gateway process. */
  signal(name: NodeJS.Signals): void;
  /** SIGTERM; resolves with the exit code (null when it had to be killed). */
  stop(): Promise<number | null>;
  /** The connections file the gateway was started with (a test may rewrite it and send SIGHUP). */
  configFile?: string;
  /** Resolves with the exit code once the process exits by itself (no signal sent); rejects after `timeoutMs`. */
  exited(timeoutMs: number): Promise<number | null>;
}

/** Writes a connections file (JSON is valid YAML) to a fresh temp dir and returns its path. */
export function writeConfig(config: unknown, name = 'connections.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-test-'));
  const file = join(dir, name);
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return file;
}

/** Deletes a file written by writeConfig, with its temp dir, once the gateway that read it has exited. */
function removeOnExit(child: ChildProcess, configFile: string | undefined): void {
  if (configFile) child.once('exit', () => rmSync(dirname(configFile), { recursive: true, force: true }));
}

function requireBuild(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" before the e2e tests (npm test does it)`);
}

/**
 * Starts the built gateway as a child process on an ephemeral loopback port and waits for its
 * "Ponte listening" log line. Without `config` it starts in sandbox mode. `nodeArgs` go to node
 * before the script (V8 flags, `-r` preloads).
 */
export async function startPonte(
  options: { config?: unknown; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<PonteProcess> {
  requireBuild();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    // GraphQL leaves are written unserialized; every e2e result is checked against the serializers.
    GRAPHQL_VERIFY_LEAVES: process.env.GRAPHQL_VERIFY_LEAVES ?? '1',
    ...options.env,
  };
  delete env.CONNECTIONS_FILE;
  const written = options.config !== undefined ? writeConfig(options.config) : undefined;
  if (written) env.CONNECTIONS_FILE = written;
  // Every 2xx JSON answer is checked against the OpenAPI document (see the probe; the teardown reports).
  const args = ['-r', CONTRACT_PROBE, ...(options.nodeArgs ?? []), MAIN];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  removeOnExit(child, written);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start within 60 s:\n${output}`)), 60_000);
    const check = () => {
      const line = output.split('\n').find((l) => l.includes('"msg":"Ponte listening"'));
      if (line) {
        clearTimeout(timer);
        resolveUrl((JSON.parse(line) as { url: string }).url);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}:\n${output}`));
    });
  });
  const waitForOutput = async (text: string, timeoutMs = 5_000) => {
    for (const started = Date.now(); !output.includes(text);) {
      if (Date.now() - started > timeoutMs) throw new Error(`"${text}" not logged within ${timeoutMs} ms:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return output;
  };
  const exited = (timeoutMs: number) =>
    new Promise<number | null>((done, fail) => {
      if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
      const timer = setTimeout(() => fail(new Error(`gateway still running after ${timeoutMs} ms:\n${output}`)), timeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        done(code);
      });
    });
  return {
    url,
    output: () => output,
    waitForOutput,
    signal: (name) => child.kill(name),
    stop: () => stopChild(child),
    exited,
    configFile: written,
  };
}

/** SIGTERM, then SIGKILL after 5 s; resolves with the exit code (null when killed by a signal). */
function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
    child.kill('SIGTERM');
  });
}

/** Runs the gateway expecting it to refuse to start; resolves with its exit code and output. */
export function runPonteExpectingExit(options: {
  config?: unknown;
  rawConfig?: string;
  env?: Record<string, string>;
}): Promise<{ code: number | null; output: string }> {
  requireBuild();
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: '0', HOST: '127.0.0.1', ...options.env };
  delete env.CONNECTIONS_FILE;
  const written =
    options.rawConfig !== undefined
      ? writeConfig(options.rawConfig, 'connections.yaml')
      : options.config !== undefined
        ? writeConfig(options.config)
        : undefined;
  if (written) env.CONNECTIONS_FILE = written;
  if (options.env?.CONNECTIONS_FILE) env.CONNECTIONS_FILE = options.env.CONNECTIONS_FILE;
  return new Promise((done) => {
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    removeOnExit(child, written);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}
