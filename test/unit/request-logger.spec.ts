import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { lazyChildLogger } from '../../src/common/logging/request-logger';

function parentLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info', base: { service: 'ponte' } }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const child = jest.spyOn(logger, 'child');
  return { logger: logger as unknown as FastifyBaseLogger, lines, child };
}

describe('lazy request logger (Fastify childLoggerFactory)', () => {
  it('creates no child until something logs through it', () => {
    const { logger, child } = parentLogger();
    const log = lazyChildLogger(logger, { requestId: 'req-1' }, {});
    expect(log.level).toBe('info');
    expect(child).not.toHaveBeenCalled();
  });

  it('logs with the request bindings, at every level, creating the child once', () => {
    const { logger, lines, child } = parentLogger();
    const log = lazyChildLogger(logger, { requestId: 'req-2' }, {});
    log.warn({ code: 'X' }, 'reply already sent');
    log.error(new Error('boom'));
    log.info('hello %s', 'world');
    log.debug('below the level');
    expect(child).toHaveBeenCalledTimes(1);
    expect(child).toHaveBeenCalledWith({ requestId: 'req-2' }, {});
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, requestId: 'req-2', service: 'ponte', code: 'X', msg: 'reply already sent' }),
      expect.objectContaining({ level: 50, requestId: 'req-2', err: expect.objectContaining({ message: 'boom' }) }),
      expect.objectContaining({ level: 30, requestId: 'req-2', msg: 'hello world' }),
    ]);
  });

  it('passes level changes and grandchildren through to the real child', () => {
    const { logger, lines } = parentLogger();
    const log = lazyChildLogger(logger, { requestId: 'req-3' }, {});
    log.level = 'debug';
    log.debug('now visible');
    log.child({ step: 'parse' }).info('nested');
    expect(log.level).toBe('debug');
    expect(logger.level).toBe('info');
    expect(lines).toEqual([
      expect.objectContaining({ level: 20, requestId: 'req-3', msg: 'now visible' }),
      expect.objectContaining({ level: 30, requestId: 'req-3', step: 'parse', msg: 'nested' }),
    ]);
  });
});
