import { join } from 'node:path';
import { gql } from '../helpers/graphql';
import { startPonte, type PonteProcess } from '../helpers/ponte';

/*
 * src/common/graphql/query-hash.ts: Apollo hashes each query text once, not once per request. The
 * probe counts SHA-256 computations over query texts inside the gateway process.
 */
describe('GraphQL query digests are remembered', () => {
  let ponte: PonteProcess;
  beforeAll(async () => {
    ponte = await startPonte({ nodeArgs: ['-r', join(__dirname, 'fixtures/query-hash-probe.cjs')] });
  });
  afterAll(async () => {
    await ponte?.stop();
  });

  /** Asks the probe for its count (the `n`th report of this process) and waits for it, up to 5 s. */
  const hashesSoFar = async (n: number): Promise<number> => {
    ponte.signal('SIGUSR2');
    const reports = () => [...ponte.output().matchAll(/--- query hashes: (\d+) ---/g)].map((m) => Number(m[1]));
    for (let i = 0; i < 250 && reports().length < n; i++) await new Promise((r) => setTimeout(r, 20));
    expect(reports()).toHaveLength(n);
    return reports()[n - 1];
  };

  it('hashes a query text the first time only, and every distinct text once', async () => {
    const one = '{ contacts(limit: 1) { data { id __typename } } }';
    const two = '{ contacts(limit: 2) { data { id firstName __typename } } }';
    for (let i = 0; i < 5; i++) {
      const { data, errors } = await gql(ponte.url, one);
      expect(errors).toBeUndefined();
      expect(data!.contacts.data).toHaveLength(1);
    }
    expect(await hashesSoFar(1)).toBe(1);
    for (let i = 0; i < 3; i++) expect((await gql(ponte.url, two)).data!.contacts.data).toHaveLength(2);
    expect(await hashesSoFar(2)).toBe(2);
  });
});
