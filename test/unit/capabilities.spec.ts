/**
 * Capabilities in the contract: the registry (built from the adapter classes) is the one source of
 * which platform supports which operation, and the committed OpenAPI document and GraphQL schema
 * say the same thing on every operation and field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { PLATFORMS } from '../../src/config/config.types';
import { OPERATIONS, type OperationName } from '../../src/platforms/operations';
import { platformOperations, platformsSupporting } from '../../src/platforms/registry';

const ROOT = join(__dirname, '../..');
const openapi = JSON.parse(readFileSync(join(ROOT, 'openapi/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string; 'x-ponte-platforms'?: string[]; 'x-ponte-operation'?: string }>>;
};
const operations = Object.entries(openapi.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, ...op })),
);

describe('capabilities', () => {
  it('every platform has an adapter with at least one operation', () => {
    for (const platform of PLATFORMS) expect(platformOperations(platform).length).toBeGreaterThan(0);
  });

  it('every operation is supported by some platform', () => {
    const unsupported = OPERATIONS.filter((op) => platformsSupporting(op).length === 0);
    expect(unsupported).toEqual([]);
  });

  it('every OpenAPI operation carries x-ponte-platforms, equal to what the registry says', () => {
    expect(operations.length).toBeGreaterThan(40);
    for (const op of operations) {
      expect({ where: op.where, platforms: Array.isArray(op['x-ponte-platforms']) }).toEqual({ where: op.where, platforms: true });
      const name = op['x-ponte-operation'] as OperationName | undefined;
      expect({ where: op.where, platforms: op['x-ponte-platforms'] }).toEqual({
        where: op.where,
        platforms: name ? platformsSupporting(name) : [...PLATFORMS],
      });
    }
  });

  it('every registry operation is reachable through at least one REST route', () => {
    const documented = new Set(operations.map((op) => op['x-ponte-operation']).filter(Boolean));
    expect(OPERATIONS.filter((op) => op !== 'getConnectionStatus' && !documented.has(op))).toEqual([]);
  });

  it('every GraphQL query and mutation names its platforms in its description', () => {
    const schema = buildSchema(readFileSync(join(ROOT, 'openapi/schema.graphql'), 'utf8'));
    const roots = [schema.getQueryType(), schema.getMutationType()].filter(Boolean) as GraphQLObjectType[];
    const fields = roots.flatMap((type) =>
      Object.values(type.getFields()).map((f) => ({ name: `${type.name}.${f.name}`, description: f.description ?? '' })),
    );
    expect(fields.length).toBeGreaterThan(40);
    const missing = fields.filter((f) => !/Platforms: /.test(f.description)).map((f) => f.name);
    expect(missing).toEqual([]);
  });
});
