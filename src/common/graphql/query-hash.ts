import { createHash as nodeCreateHash } from 'node:crypto';
import { createRequire } from 'node:module';

interface HashLike {
  update(data: string | Uint8Array): HashLike;
  digest(encoding: 'hex'): string;
}

interface CreateHashModule {
  createHash: (kind: string) => HashLike;
}

/** Query texts remembered (most recent last); a query text longer than this is hashed every time. */
const MAX_ENTRIES = 500;
const MAX_QUERY_CHARS = 20_000;

let installed = false;
const digests = new Map<string, string>();

/**
 * Apollo Server hashes the text of every GraphQL query (SHA-256, to find its parsed and validated
 * document in its cache): for the benchmark's 1.2 KB query, about 3 % of a GraphQL request's
 * instructions. Clients send the same few query texts over and over, so the digest of each text is
 * remembered (a bounded most-recently-used map) and the hash computed once per text.
 *
 * Apollo takes `createHash` from `@apollo/utils.createhash`; this replaces that export with one
 * whose SHA-256 "hash" keeps what it is given and answers `digest('hex')` from the map (the same
 * digest: SHA-256 is a function of its input). Anything else — another algorithm, binary input,
 * several updates, another encoding — is computed as before. It must run before Apollo's modules
 * load (they copy the export when imported): `main.ts` calls it first. If Apollo stops using that
 * module, nothing breaks; queries are simply hashed every time again.
 */
export function rememberApolloQueryDigests(): void {
  if (installed) return;
  installed = true;
  // The copy Apollo Server itself resolves (a nested one if npm did not hoist it).
  const fromApollo = createRequire(require.resolve('@apollo/server'));
  const module = fromApollo('@apollo/utils.createhash') as CreateHashModule;
  const original = module.createHash;
  module.createHash = (kind) => (kind === 'sha256' ? new RememberedSha256() : original(kind));
}

/** What `digest('hex')` of a SHA-256 over exactly `text` answers (exported for tests). */
export function sha256HexRemembered(text: string): string {
  let digest = digests.get(text);
  if (digest !== undefined) {
    // Most recently used goes last; the first entry is the one to drop.
    digests.delete(text);
  } else {
    digest = nodeCreateHash('sha256').update(text).digest('hex');
  }
  if (text.length <= MAX_QUERY_CHARS) {
    digests.set(text, digest);
    if (digests.size > MAX_ENTRIES) digests.delete(digests.keys().next().value as string);
  }
  return digest;
}

class RememberedSha256 implements HashLike {
  private parts: (string | Uint8Array)[] = [];

  update(data: string | Uint8Array): HashLike {
    this.parts.push(data);
    return this;
  }

  digest(encoding: 'hex'): string {
    const [only] = this.parts;
    if (this.parts.length === 1 && typeof only === 'string' && encoding === 'hex') return sha256HexRemembered(only);
    const hash = nodeCreateHash('sha256');
    for (const part of this.parts) hash.update(part);
    return hash.digest(encoding);
  }
}
