// First, before the module graph loads (and its full GCs run): see pin-tick-shape.ts.
import { pinTickObjectShape } from './common/runtime/pin-tick-shape';
pinTickObjectShape();
// Before Apollo's modules load (they copy the export it replaces): see query-hash.ts.
import { rememberApolloQueryDigests } from './common/graphql/query-hash';
rememberApolloQueryDigests();

import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { ConfigError, loadConfigFile, loadEnvSettings, type EnvSettings } from './config/config.loader';
import type { PonteConfig } from './config/config.types';
import { createLogger } from './common/logging/logger';
import { createApp } from './app.factory';
import { GracefulShutdown } from './common/runtime/shutdown';
import { ConfigReloader } from './config/config-reload';
import { startSandbox, type Sandbox } from './sandbox/sandbox';

function port(): number {
  const raw = process.env.PORT ?? '3000';
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65535) {
    process.stderr.write(`Ponte cannot start: PORT="${raw}" is not a port number (0-65535)\n`);
    process.exit(1);
  }
  return n;
}

function createLoggerOrExit() {
  try {
    return createLogger();
  } catch (err) {
    process.stderr.write(`Ponte cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

function exitOnConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(
        `Ponte cannot start: ${err.source} has ${err.problems.length} problem(s):\n${err.problems.map((p) => `  - ${p}\n`).join('')}`,
      );
      process.exit(1);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const logger = createLoggerOrExit();
  const listenPort = port();
  const settings: EnvSettings = exitOnConfigError(() => loadEnvSettings());
  // V8 reads this whenever it sizes the old generation after a GC, so setting it here takes effect.
  if (settings.heapGrowingPercent > 0) setFlagsFromString(`--heap-growing-percent=${settings.heapGrowingPercent}`);
  const file = process.env.CONNECTIONS_FILE;
  let config: PonteConfig;
  let sandbox: Sandbox | undefined;
  if (file) {
    config = exitOnConfigError(() => loadConfigFile(file));
    if (config.authDisabled) logger.warn('auth.disabled is set: every request is accepted without an API key');
  } else {
    sandbox = await startSandbox();
    config = sandbox.config;
    logger.warn(
      { simulators: Object.fromEntries(Object.entries(sandbox.simulators).map(([k, s]) => [k, s.url])) },
      'Sandbox mode: no CONNECTIONS_FILE, so Ponte runs against its embedded platform simulators (in-memory data, no API key needed)',
    );
  }
  config = {
    ...config,
    mediaFetchAllowList: settings.mediaFetchAllowList,
    eventLogSize: settings.eventLogSize,
    eventStreamHeartbeatSeconds: settings.eventStreamHeartbeatSeconds,
    eventStreamsMax: settings.eventStreamsMax,
    eventStoreDir: settings.eventStoreDir,
    eventStoreFsync: settings.eventStoreFsync,
    cors: settings.cors,
  };
  if (settings.cors) {
    logger.info(
      {
        corsOrigins: settings.cors.anyOrigin ? '*' : [...settings.cors.origins, ...(settings.cors.patterns ?? []).map((p) => p.entry)],
      },
      'CORS_ORIGINS is set: browser pages on these origins may call the gateway',
    );
  }
  if (settings.mediaFetchAllowList.size > 0) {
    logger.warn(
      { mediaFetchAllowHosts: process.env.MEDIA_FETCH_ALLOW_HOSTS },
      'MEDIA_FETCH_ALLOW_HOSTS is set: media URLs may point at these internal hosts',
    );
  }
  // Sandbox mode has no auth, so it only listens on loopback unless HOST says otherwise.
  const host = process.env.HOST ?? (config.sandbox ? '127.0.0.1' : '0.0.0.0');
  const { app, lifecycle } = await createApp(config, logger);
  await app.listen({ port: listenPort, host });
  const address = app.getHttpServer().address();
  const actualPort = typeof address === 'object' && address ? address.port : listenPort;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${actualPort}`;
  sandbox?.connectWebhooks(url);
  const shutdown = new GracefulShutdown(app, lifecycle, logger, {
    delayMs: settings.shutdownDelaySeconds * 1000,
    timeoutMs: settings.shutdownTimeoutSeconds * 1000,
  });
  const onSignal = async (signal: string) => {
    if (!(await shutdown.onSignal(signal))) return;
    await sandbox?.stop();
    logger.flush();
    process.exit(0);
  };
  // Before "Ponte listening" is written: whoever reads that line (a supervisor, a test) may send
  // SIGTERM at once, and a signal with no handler yet would kill the process without a clean close.
  // (`on`, not `once`: a second signal hurries the shutdown rather than killing the process.)
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  process.on('SIGINT', () => void onSignal('SIGINT'));
  // SIGHUP reloads the connections file's API keys and connections (config-reload.ts). Sandbox mode
  // has no file, and keeps SIGHUP's default: closing the terminal it was started from stops it.
  if (file) {
    const reloader = new ConfigReloader(app, file, config, logger);
    process.on('SIGHUP', () => void reloader.reload());
  }
  logger.info(
    {
      url,
      docs: '/docs',
      graphql: '/graphql',
      sandbox: config.sandbox,
      connections: config.connections.map((c) => `${c.id} (${c.provider})`),
    },
    'Ponte listening',
  );
  logger.flush();
}

main().catch((err: unknown) => {
  process.stderr.write(`Ponte cannot start: ${(err as Error)?.message ?? String(err)}\n`);
  process.exit(1);
});
