import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadEnvSettings, validateConfig } from '../../src/config/config.loader';

const problemsOf = (doc: unknown, env: NodeJS.ProcessEnv = {}): string[] => {
  try {
    validateConfig(doc, 'test.yaml', env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('validateConfig', () => {
  const maxbot = { id: 'maxbot', provider: 'maxbot', baseUrl: 'https://app.maxbot.com.br/api/v1.php', token: '${MAXBOT_TOKEN}' };
  const keys = [{ name: 'crm', key: '${PONTE_KEY_CRM}' }];

  it('interpolates ${VAR} from the environment and applies defaults', () => {
    const config = validateConfig({ connections: [maxbot], apiKeys: keys }, 'test.yaml', {
      MAXBOT_TOKEN: 'tok-123',
      PONTE_KEY_CRM: 'a-long-enough-api-key',
    });
    expect(config.connections[0]).toEqual({
      ...maxbot,
      token: 'tok-123',
      timezone: 'America/Sao_Paulo',
      default: false,
      timeoutMs: 10000,
      maxSockets: 64,
    });
    // The key itself is not kept, only its digest.
    expect(config.apiKeys).toEqual([{ name: 'crm', sha256: createHash('sha256').update('a-long-enough-api-key').digest('hex') }]);
    expect(JSON.stringify(config)).not.toContain('a-long-enough-api-key');
  });

  it('supports ${VAR:-default}', () => {
    const config = validateConfig(
      { connections: [{ ...maxbot, token: '${MISSING:-fallback-token}' }], auth: { disabled: true } },
      'test.yaml',
      {},
    );
    expect(config.connections[0]).toMatchObject({ token: 'fallback-token' });
    expect(config.authDisabled).toBe(true);
  });

  it('reads ${file:/path} secrets (Docker and Kubernetes secret files), trailing line break dropped; problems name the path, not the content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ponte-secret-'));
    try {
      writeFileSync(join(dir, 'token'), 'file-token-123\n');
      writeFileSync(join(dir, 'key'), 'a-long-enough-api-key-from-a-file\r\n');
      writeFileSync(join(dir, 'empty'), '\n');
      writeFileSync(join(dir, 'big'), Buffer.alloc(70 * 1024, 'x'));
      const config = validateConfig(
        { connections: [{ ...maxbot, token: `\${file:${dir}/token}` }], apiKeys: [{ name: 'crm', key: `\${file: ${dir}/key }` }] },
        'test.yaml',
        {},
      );
      expect(config.connections[0]).toMatchObject({ token: 'file-token-123' });
      expect(config.apiKeys[0].sha256).toBe(createHash('sha256').update('a-long-enough-api-key-from-a-file').digest('hex'));
      const problems = problemsOf({
        connections: [
          { ...maxbot, token: `\${file:${dir}/missing}` },
          { ...maxbot, id: 'two', token: '${file:relative/token}' },
          { ...maxbot, id: 'three', token: `\${file:${dir}/empty}` },
          { ...maxbot, id: 'four', token: `\${file:${dir}/big}` },
        ],
        auth: { disabled: true },
      });
      expect(problems).toEqual([
        `connections[0] (maxbot).token: cannot read ${dir}/missing (ENOENT)`,
        'connections[1] (two).token: ${file:relative/token} must name an absolute path (e.g. /run/secrets/maxbot_token)',
        `connections[2] (three).token: ${dir}/empty is empty`,
        `connections[3] (four).token: ${dir}/big is over 64 KB, not a secret`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports one line per problem, naming connection and field', () => {
    expect(
      problemsOf({
        connections: [
          maxbot,
          { id: 'maxbot', provider: 'okeybot', baseUrl: 'ftp://x', channelToken: 't', rateLimitPerMinute: 0, default: 'yes' },
          { id: 'Bad Id', provider: 'cloudchat', baseUrl: 'https://user:pw@cloudchat.cloudhumans.com', accountId: 42, apiAccessToken: 'k' },
        ],
        apiKeys: [
          { name: 'crm', sha256: 'zz' },
          { key: 'no-name-key-0123456789' },
          { name: 'x', key: 'k-0123456789abcdef', connections: ['ghost'] },
        ],
        extra: true,
      }),
    ).toEqual([
      'extra: unknown top-level field (allowed: connections, apiKeys, auth, subscriptions)',
      'connections[0] (maxbot).token: environment variable MAXBOT_TOKEN is not set',
      'connections[1] (maxbot).baseUrl: must be an http(s) URL',
      'connections[1] (maxbot).default: must be true or false',
      'connections[1] (maxbot).rateLimitPerMinute: must be an integer between 1 and 10000',
      'connections[2] (Bad Id).baseUrl: must not embed credentials',
      'connections[2] (Bad Id).id: must be a lower-case slug (letters, digits, "-" or "_")',
      'connections: id "maxbot" is used more than once',
      'apiKeys[0] (crm).sha256: must be 64 hexadecimal characters',
      'apiKeys[1].name: is required',
      'apiKeys[2] (x).connections: "ghost" is not a configured connection',
    ]);
  });

  it("takes an API key's maxStreams, a whole number from 1 to 100000, and names any other value", () => {
    const env = { MAXBOT_TOKEN: 'tok-123' };
    const withCap = (maxStreams: unknown) => ({
      connections: [maxbot],
      apiKeys: [{ name: 'crm', key: 'a-long-enough-api-key', maxStreams }],
    });
    expect(validateConfig(withCap(20), 'test.yaml', env).apiKeys[0]).toMatchObject({ name: 'crm', maxStreams: 20 });
    expect(validateConfig(withCap(100_000), 'test.yaml', env).apiKeys[0].maxStreams).toBe(100_000);
    expect(validateConfig(withCap(undefined), 'test.yaml', env).apiKeys[0]).not.toHaveProperty('maxStreams');
    for (const bad of [0, -1, 100_001, 2.5, '20', null, true]) {
      expect(problemsOf(withCap(bad), env)).toEqual([
        'apiKeys[0] (crm).maxStreams: must be a whole number from 1 to 100000 (live event readers of this key)',
      ]);
    }
  });

  it('replaces ${VAR} in every field, id, provider and booleans included', () => {
    const config = validateConfig(
      {
        connections: [{ ...maxbot, id: '${CONN_ID:-main}', provider: '${PROVIDER}', default: '${IS_DEFAULT:-true}' }],
        auth: { disabled: true },
      },
      'test.yaml',
      { PROVIDER: 'maxbot', MAXBOT_TOKEN: 't' },
    );
    expect(config.connections[0]).toMatchObject({ id: 'main', provider: 'maxbot', default: true });
    expect(problemsOf({ connections: [{ ...maxbot, provider: '${NOPE}' }], auth: { disabled: true } }, { MAXBOT_TOKEN: 't' })).toEqual([
      'connections[0].provider: environment variable NOPE is not set',
    ]);
  });

  it('refuses a credential YAML read as a number (it would not be the one written), and ids that are not slugs', () => {
    // webhookSecret: 12345678901234567890 (unquoted) → 12345678901234567000 as a JS number.
    expect(
      problemsOf({
        connections: [{ ...maxbot, token: Number('12345678901234567890'), webhookSecret: Number('1234567890123456789') }],
        auth: { disabled: true },
      }),
    ).toEqual([
      'connections[0] (maxbot).token: must be a string (quote it: YAML reads unquoted digits as a number)',
      'connections[0] (maxbot).webhookSecret: must be a string (quote it: YAML reads unquoted digits as a number)',
    ]);
    expect(problemsOf({ connections: [{ ...maxbot, id: 1.5 }], auth: { disabled: true } }, { MAXBOT_TOKEN: 't' })).toEqual([
      'connections[0].id: must be a string (quote it)',
      'connections[0].id: must be a string slug (letters, digits, "-" or "_")',
    ]);
  });

  it('does not echo an invalid URL, whose query could hold a secret', () => {
    const problems = problemsOf(
      { connections: [{ ...maxbot, baseUrl: 'app.maxbot.com.br/api/v1.php?token=SUPERSECRET' }] },
      { MAXBOT_TOKEN: 't' },
    );
    expect(problems).toContain('connections[0] (maxbot).baseUrl: is not a valid URL (an absolute http:// or https:// URL)');
    expect(problems.join('\n')).not.toContain('SUPERSECRET');
  });

  it('refuses more than one default connection', () => {
    const a = { ...maxbot, token: 't', default: true };
    expect(problemsOf({ connections: [a, { ...a, id: 'b' }], auth: { disabled: true } })).toEqual([
      'connections: only one connection may be default (found maxbot, b)',
    ]);
  });

  it('refuses real connections without API keys unless auth is disabled', () => {
    expect(problemsOf({ connections: [{ ...maxbot, token: 't' }] })).toEqual([
      'apiKeys: no API keys configured; add apiKeys, or set "auth: { disabled: true }" to run without authentication',
    ]);
  });

  it('knows each provider’s credential fields', () => {
    expect(
      problemsOf({ connections: [{ id: 'g', provider: 'chatguru', baseUrl: 'https://app.zap.guru/api/v1' }], auth: { disabled: true } }),
    ).toEqual([
      'connections[0] (g).key: is required',
      'connections[0] (g).accountId: is required',
      'connections[0] (g).phoneId: is required',
    ]);
  });
});

describe('validateConfig: webhookSecret and subscriptions', () => {
  const maxbot = { id: 'maxbot', provider: 'maxbot', baseUrl: 'https://app.maxbot.com.br/api/v1.php', token: 'tok-123' };
  const base = { connections: [maxbot], auth: { disabled: true } };
  const sub = { name: 'crm', url: 'https://crm.example/hooks/ponte', secret: '${SIGNING}' };

  it('takes a webhook secret of 16+ characters on a Maxbot connection', () => {
    const config = validateConfig({ ...base, connections: [{ ...maxbot, webhookSecret: 'x'.repeat(16) }] }, 'test.yaml');
    expect(config.connections[0]).toMatchObject({ webhookSecret: 'x'.repeat(16) });
    expect(problemsOf({ ...base, connections: [{ ...maxbot, webhookSecret: 'short' }] })).toEqual([
      'connections[0] (maxbot).webhookSecret: must be at least 16 characters (it is the only proof a webhook call is genuine)',
    ]);
    expect(
      problemsOf({
        ...base,
        connections: [{ id: 'ok', provider: 'okeybot', baseUrl: 'https://x.example', channelToken: 't', webhookSecret: 'x'.repeat(16) }],
      })[0],
    ).toMatch(/^connections\[0\] \(ok\)\.webhookSecret: unknown field for provider okeybot/);
  });

  it('reads subscriptions with their defaults, secrets from the environment', () => {
    const config = validateConfig(
      { ...base, subscriptions: [{ ...sub, types: ['charge.updated'], connections: ['maxbot'] }] },
      'test.yaml',
      {
        SIGNING: 'signing-secret-0123456789',
      },
    );
    expect(config.subscriptions).toEqual([
      {
        ...sub,
        secret: 'signing-secret-0123456789',
        types: ['charge.updated'],
        connections: ['maxbot'],
        maxAttempts: 6,
        retryBaseMs: 1000,
        timeoutMs: 10000,
      },
    ]);
  });

  it('names each fault of a subscription', () => {
    expect(
      problemsOf(
        {
          ...base,
          subscriptions: [
            { name: 'a', url: 'ftp://x', secret: 'short', types: ['message.sent'], connections: ['nope'], maxAttempts: 0, colour: 'red' },
            { name: 'a', url: 'https://x.example', secret: 'y'.repeat(16) },
          ],
        },
        {},
      ),
    ).toEqual([
      'subscriptions[0] (a).url: must be an http(s) URL',
      'subscriptions[0] (a).maxAttempts: must be an integer between 1 and 20',
      'subscriptions[0] (a).colour: unknown field (allowed: name, url, secret, maxAttempts, retryBaseMs, timeoutMs, types, connections)',
      'subscriptions[0] (a).secret: must be at least 16 characters',
      'subscriptions[0] (a).types: "message.sent" is not an event type (message.received, contact.created, contact.updated, charge.updated)',
      'subscriptions[0] (a).connections: "nope" is not a configured connection (maxbot)',
      'subscriptions: name "a" is used more than once',
    ]);
    expect(problemsOf({ ...base, subscriptions: { name: 'a' } })).toEqual(['subscriptions: must be a list']);
  });
});

describe('loadEnvSettings: HEAP_GROWING_PERCENT and EVENT_LOG_SIZE', () => {
  const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadEnvSettings(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    return [];
  };

  it("defaults to 0 (V8's own heuristic) and takes a whole number", () => {
    expect(loadEnvSettings({}).heapGrowingPercent).toBe(0);
    expect(loadEnvSettings({ HEAP_GROWING_PERCENT: '' }).heapGrowingPercent).toBe(0);
    expect(loadEnvSettings({ HEAP_GROWING_PERCENT: '20' }).heapGrowingPercent).toBe(20);
    expect(loadEnvSettings({ HEAP_GROWING_PERCENT: ' 50 ' }).heapGrowingPercent).toBe(50);
    expect(loadEnvSettings({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
  });

  it('EVENT_LOG_SIZE: 1000 by default, 1 to 100000', () => {
    expect(loadEnvSettings({}).eventLogSize).toBe(1000);
    expect(loadEnvSettings({ EVENT_LOG_SIZE: '5000' }).eventLogSize).toBe(5000);
    for (const bad of ['0', '100001', 'lots', '-1']) {
      expect(problemsOf({ EVENT_LOG_SIZE: bad })).toEqual([`EVENT_LOG_SIZE: "${bad}" is not a whole number from 1 to 100000`]);
    }
  });

  it('EVENT_STORE_FSYNC: on by default, 0 turns it off, anything else is a problem', () => {
    expect(loadEnvSettings({}).eventStoreFsync).toBe(true);
    expect(loadEnvSettings({ EVENT_STORE_FSYNC: '1' }).eventStoreFsync).toBe(true);
    expect(loadEnvSettings({ EVENT_STORE_FSYNC: ' 0 ' }).eventStoreFsync).toBe(false);
    for (const bad of ['yes', 'true', '2']) {
      expect(problemsOf({ EVENT_STORE_FSYNC: bad })).toEqual([`EVENT_STORE_FSYNC: "${bad}" is not 1 (flush each event to the disk) or 0`]);
    }
  });

  it('EVENT_STREAM_HEARTBEAT_SECONDS: 15 by default, 1 to 300; EVENT_STREAMS_MAX: 1000 by default, 1 to 100000', () => {
    expect(loadEnvSettings({})).toMatchObject({ eventStreamHeartbeatSeconds: 15, eventStreamsMax: 1000 });
    expect(loadEnvSettings({ EVENT_STREAM_HEARTBEAT_SECONDS: '30', EVENT_STREAMS_MAX: '50' })).toMatchObject({
      eventStreamHeartbeatSeconds: 30,
      eventStreamsMax: 50,
    });
    for (const bad of ['0', '301', '1.5', 'often']) {
      expect(problemsOf({ EVENT_STREAM_HEARTBEAT_SECONDS: bad })).toEqual([
        `EVENT_STREAM_HEARTBEAT_SECONDS: "${bad}" is not a whole number from 1 to 300`,
      ]);
    }
    for (const bad of ['0', '100001', 'many']) {
      expect(problemsOf({ EVENT_STREAMS_MAX: bad })).toEqual([`EVENT_STREAMS_MAX: "${bad}" is not a whole number from 1 to 100000`]);
    }
  });

  it('SHUTDOWN_DELAY_SECONDS: 0 by default, 0 to 300; SHUTDOWN_TIMEOUT_SECONDS: 10 by default, 1 to 600', () => {
    expect(loadEnvSettings({})).toMatchObject({ shutdownDelaySeconds: 0, shutdownTimeoutSeconds: 10 });
    expect(loadEnvSettings({ SHUTDOWN_DELAY_SECONDS: '10', SHUTDOWN_TIMEOUT_SECONDS: '25' })).toMatchObject({
      shutdownDelaySeconds: 10,
      shutdownTimeoutSeconds: 25,
    });
    for (const bad of ['301', '-1', '2.5', 'soon']) {
      expect(problemsOf({ SHUTDOWN_DELAY_SECONDS: bad })).toEqual([`SHUTDOWN_DELAY_SECONDS: "${bad}" is not a whole number from 0 to 300`]);
    }
    for (const bad of ['0', '601', 'forever']) {
      expect(problemsOf({ SHUTDOWN_TIMEOUT_SECONDS: bad })).toEqual([
        `SHUTDOWN_TIMEOUT_SECONDS: "${bad}" is not a whole number from 1 to 600`,
      ]);
    }
  });

  it('refuses anything else, one line per setting, alongside other problems', () => {
    for (const bad of ['-5', '1.5', 'twenty', '1001']) {
      expect(problemsOf({ HEAP_GROWING_PERCENT: bad })).toEqual([
        `HEAP_GROWING_PERCENT: "${bad}" is not a whole number from 0 (V8's own heuristic) to 1000`,
      ]);
    }
    expect(problemsOf({ HEAP_GROWING_PERCENT: 'x', MEDIA_FETCH_ALLOW_HOSTS: '10.0.0.0/33' })).toHaveLength(2);
  });
});

describe('loadEnvSettings: CORS_ORIGINS', () => {
  const problemsOf = (value: string): string[] => {
    try {
      loadEnvSettings({ CORS_ORIGINS: value });
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    return [];
  };

  it('is off when unset or blank', () => {
    expect(loadEnvSettings({}).cors).toBeUndefined();
    expect(loadEnvSettings({ CORS_ORIGINS: ' , ' }).cors).toBeUndefined();
  });

  it('takes "*" alone, or origins written as browsers send them', () => {
    expect(loadEnvSettings({ CORS_ORIGINS: ' * ' }).cors).toEqual({ anyOrigin: true });
    const listed = loadEnvSettings({ CORS_ORIGINS: 'https://CRM.Example.com, http://localhost:5173/,https://app.example.com:443' }).cors;
    expect(listed).toEqual({
      anyOrigin: false,
      origins: new Set(['https://crm.example.com', 'http://localhost:5173', 'https://app.example.com']),
    });
  });

  it('takes subdomain entries: *.host covers every subdomain at that scheme and port, not the host itself', () => {
    const policy = loadEnvSettings({ CORS_ORIGINS: 'https://*.Example.com, http://*.dev.example.com:5173, https://crm.other.org' }).cors;
    if (!policy || policy.anyOrigin) throw new Error('expected a list policy');
    expect(policy.origins).toEqual(new Set(['https://crm.other.org']));
    expect(policy.patterns!.map((p) => p.entry)).toEqual(['https://*.example.com', 'http://*.dev.example.com:5173']);
    const allowed = (origin: string) => policy.patterns!.some((p) => p.test.test(origin));
    for (const origin of [
      'https://crm.example.com',
      'https://a.b.example.com',
      'https://x-1.example.com',
      'http://web.dev.example.com:5173',
    ]) {
      expect([origin, allowed(origin)]).toEqual([origin, true]);
    }
    for (const origin of [
      'https://example.com', // the host itself
      'https://badexample.com', // not a subdomain
      'https://crm.example.com.evil.io', // the host as a prefix
      'http://crm.example.com', // another scheme
      'https://crm.example.com:8443', // another port
      'https://-x.example.com', // not a host label
      'https://.example.com',
      'http://web.dev.example.com', // the pattern's port is part of it
      'https://crm.example.com/',
    ]) {
      expect([origin, allowed(origin)]).toEqual([origin, false]);
    }
  });

  it('names each subdomain entry that cannot be one', () => {
    expect(
      problemsOf('https://*.com, https://a*.example.com, https://*.*.example.com, https://*.example.com/app, ftp://*.example.com'),
    ).toEqual([
      'CORS_ORIGINS: "https://*.com" covers a whole top-level domain: give at least two labels after "*." (https://*.example.com)',
      'CORS_ORIGINS: "https://a*.example.com" has a "*" that is not the whole leftmost label: write it as https://*.example.com',
      'CORS_ORIGINS: "https://*.*.example.com" has a "*" that is not the whole leftmost label: write it as https://*.example.com',
      'CORS_ORIGINS: "https://*.example.com/app" is not an origin pattern: give only scheme, *.host and port',
      'CORS_ORIGINS: "ftp://*.example.com" must start with http:// or https://',
    ]);
  });

  it('names each entry that cannot be an origin', () => {
    expect(problemsOf('https://a.example.com,*')).toEqual([
      'CORS_ORIGINS: "*" allows every origin: give it alone, or list origins without it',
    ]);
    expect(problemsOf('crm.example.com, ftp://files.example.com, https://a.example.com/app?x=1, null')).toEqual([
      'CORS_ORIGINS: "crm.example.com" is not an origin like https://app.example.com or http://localhost:5173',
      'CORS_ORIGINS: "ftp://files.example.com" must start with http:// or https://',
      'CORS_ORIGINS: "https://a.example.com/app?x=1" is not an origin: give only scheme, host and port (https://a.example.com)',
      'CORS_ORIGINS: "null" is the opaque origin of files and sandboxed frames, which any page can claim',
    ]);
  });
});
