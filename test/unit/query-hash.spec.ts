import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { rememberApolloQueryDigests, sha256HexRemembered } from '../../src/common/graphql/query-hash';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

describe('remembered SHA-256 digests of query texts', () => {
  it('answers the same digest as SHA-256, remembered or not', () => {
    const query = `{ contacts { data { id } } } # ${'x'.repeat(1000)} ção`;
    expect(sha256HexRemembered(query)).toBe(sha256(query));
    expect(sha256HexRemembered(query)).toBe(sha256(query));
    const huge = 'q'.repeat(30_000);
    expect(sha256HexRemembered(huge)).toBe(sha256(huge));
  });

  it("replaces Apollo's createHash, leaving other algorithms and shapes of input as they were", () => {
    rememberApolloQueryDigests();
    interface Hash {
      update(d: string | Buffer): Hash;
      digest(e: 'hex'): string;
    }
    const apollo = createRequire(require.resolve('@apollo/server'))('@apollo/utils.createhash') as { createHash: (kind: string) => Hash };
    expect(apollo.createHash('sha256').update('{ a }').digest('hex')).toBe(sha256('{ a }'));
    const twoParts = apollo.createHash('sha256').update('{ a').update(' }');
    expect(twoParts.digest('hex')).toBe(sha256('{ a }'));
    expect(apollo.createHash('sha256').update(Buffer.from('{ b }')).digest('hex')).toBe(sha256('{ b }'));
    expect(apollo.createHash('sha1').update('{ a }').digest('hex')).toBe(createHash('sha1').update('{ a }').digest('hex'));
  });
});
