/**
 * Regenerates the committed contract files from the code:
 *   openapi/openapi.json   — the OpenAPI document exactly as /docs-json serves it
 *   openapi/schema.graphql — the GraphQL SDL (sorted)
 * `--check` writes nothing and exits 1 when either file differs from what the code produces.
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { createApp } from '../src/app.factory';
import { createLogger } from '../src/common/logging/logger';
import type { PonteConfig } from '../src/config/config.types';

const ROOT = resolve(__dirname, '../..');

/** Contracts do not depend on configuration: one placeholder connection, never called. */
const PLACEHOLDER: PonteConfig = {
  connections: [
    {
      id: 'maxbot',
      provider: 'maxbot',
      baseUrl: 'http://127.0.0.1:9/api/v1.php',
      token: 'placeholder',
      timezone: 'America/Sao_Paulo',
      default: true,
      timeoutMs: 1000,
      maxSockets: 1,
    },
  ],
  apiKeys: [],
  authDisabled: true,
  sandbox: false,
  source: 'generate-contracts',
};

export async function generateContracts(): Promise<Record<string, string>> {
  const { app, openapi } = await createApp(PLACEHOLDER, createLogger('error'));
  try {
    const sdl = printSchema(app.get(GraphQLSchemaHost).schema);
    return {
      'openapi/openapi.json': `${JSON.stringify(openapi, null, 2)}\n`,
      'openapi/schema.graphql': `${sdl.trim()}\n`,
    };
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files = await generateContracts();
  let drift = false;
  for (const [relative, content] of Object.entries(files)) {
    const path = join(ROOT, relative);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current === content) continue;
    if (check) {
      drift = true;
      process.stderr.write(`${relative} is out of date with the code: run "npm run contracts" and commit the result\n`);
    } else {
      writeFileSync(path, content);
      process.stdout.write(`wrote ${relative}\n`);
    }
  }
  process.exit(drift ? 1 : 0);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
