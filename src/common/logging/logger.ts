import pino from 'pino';

export type Logger = pino.Logger;

/**
 * One JSON logger for the gateway. Credentials are never logged on purpose; the redact list is a
 * second line of defence for headers that might slip into a log object.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'ponte' },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'headers.api_access_token',
        '*.token',
        '*.apiAccessToken',
        '*.channelToken',
        '*.key',
      ],
      censor: '[REDACTED]',
    },
  });
}
