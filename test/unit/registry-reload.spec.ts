import { internalContext } from '../../src/common/context/call-context';
import { UpstreamHttp } from '../../src/common/http/upstream-http';
import { createLogger } from '../../src/common/logging/logger';
import { validateConfig } from '../../src/config/config.loader';
import { PlatformRegistry } from '../../src/platforms/registry';

const logger = createLogger('silent');
const MAXBOT = { id: 'maxbot', provider: 'maxbot', baseUrl: 'http://127.0.0.1:9/api/v1.php', token: 'maxbot-token-0123' };
const OKEYBOT = { id: 'okeybot', provider: 'okeybot', baseUrl: 'http://127.0.0.1:9/api', channelToken: 'okeybot-token-0123' };
const config = (connections: object[]) =>
  validateConfig({ connections, apiKeys: [{ name: 'k', key: 'key-0123456789abcdef' }] }, 'test', {});

describe('PlatformRegistry.replace (a configuration reload)', () => {
  it('keeps the adapter of an unchanged connection, builds a new one for a changed connection, and chooses the default again', () => {
    const http = new UpstreamHttp(logger);
    const registry = new PlatformRegistry(config([MAXBOT, OKEYBOT]), http, logger);
    const okeybot = registry.adapterOf('okeybot');
    const maxbot = registry.adapterOf('maxbot');
    expect(registry.resolve('listContacts', internalContext()).connection.id).toBe('maxbot');

    const changes = registry.replace(
      config([
        { ...OKEYBOT, default: true },
        { ...MAXBOT, timeoutMs: 5000 },
      ]).connections,
    );
    expect(changes).toEqual({ added: [], removed: [], changed: ['okeybot', 'maxbot'] });
    expect(registry.adapterOf('maxbot')).not.toBe(maxbot);
    expect(registry.resolve('listContacts', internalContext()).connection.id).toBe('okeybot');

    const kept = registry.adapterOf('okeybot');
    expect(kept).not.toBe(okeybot);
    expect(registry.replace(config([{ ...OKEYBOT, default: true }]).connections)).toEqual({ added: [], removed: ['maxbot'], changed: [] });
    // Unchanged: the same adapter, its rate limiter's state with it.
    expect(registry.adapterOf('okeybot')).toBe(kept);
    expect(registry.adapterOf('maxbot')).toBeUndefined();
    expect(registry.connections().map((c) => c.id)).toEqual(['okeybot']);
  });
});
