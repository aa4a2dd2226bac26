/**
 * Keeps the layering honest (the dependency-cruiser rules of STYLE.md, as a test): feature modules
 * don't reach into platform internals, platforms don't import transports, and pure code (mappers,
 * normalizers, errors, simulators) imports no framework.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ADAPTERS } from '../../src/platforms/adapters';

const SRC = join(__dirname, '../../src');
const MODULES = ['contacts', 'protocols', 'flow-control', 'charges', 'messaging', 'channels', 'connections', 'events'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): Array<{ spec: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)].map((m) => ({
    spec: m[2] ?? m[3],
    typeOnly: Boolean(m[1]),
  }));
}

const all = files(SRC).map((f) => ({ file: relative(SRC, f), imports: imports(f) }));

describe('architecture', () => {
  it('finds the source files', () => {
    expect(all.length).toBeGreaterThan(30);
  });

  it('feature modules import platforms only through the registry and operations', () => {
    const offenders = all
      .filter((f) => MODULES.includes(f.file.split('/')[0]))
      .flatMap((f) => f.imports.filter((i) => /platforms\/(?!registry|operations)/.test(i.spec)).map((i) => `${f.file} → ${i.spec}`));
    expect(offenders).toEqual([]);
  });

  it('platform adapters never import controllers, resolvers or services', () => {
    const offenders = all
      .filter((f) => f.file.startsWith('platforms/'))
      .flatMap((f) => f.imports.filter((i) => /\.(controller|resolver|service|module)$/.test(i.spec)).map((i) => `${f.file} → ${i.spec}`));
    expect(offenders).toEqual([]);
  });

  it('pure code imports no framework at runtime', () => {
    const pure = all.filter(
      (f) =>
        /\.mappers\.ts$|\.types\.ts$|\.client\.ts$/.test(f.file) ||
        /^common\/(normalize|errors\/(ponte-error|secrets)|http|pagination)\//.test(f.file) ||
        f.file.startsWith('sandbox/') ||
        f.file.startsWith('config/'),
    );
    expect(pure.length).toBeGreaterThan(10);
    const offenders = pure.flatMap((f) =>
      f.imports
        .filter((i) => !i.typeOnly && /^@nestjs\/|^graphql$|^class-(validator|transformer)$/.test(i.spec))
        .map((i) => `${f.file} → ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('wire types stay inside their platform folder', () => {
    const offenders = all
      .filter((f) => !f.file.startsWith('platforms/'))
      .flatMap((f) => f.imports.filter((i) => /platforms\/[^/]+\/[^/]+\.types$/.test(i.spec)).map((i) => `${f.file} → ${i.spec}`));
    expect(offenders).toEqual([]);
  });

  it('every adapter that sends chat messages takes the uploaded file (to use it or refuse it with refuseUpload)', () => {
    const ignoring = Object.entries(ADAPTERS)
      .filter(([, adapter]) => typeof (adapter.prototype as { sendMessage?: unknown }).sendMessage === 'function')
      .filter(([, adapter]) => (adapter.prototype as { sendMessage: (...args: unknown[]) => unknown }).sendMessage.length < 3)
      .map(([platform]) => platform);
    expect(ignoring).toEqual([]);
  });
});
