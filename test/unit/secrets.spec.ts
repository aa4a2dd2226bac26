import { scrubSecrets } from '../../src/common/errors/secrets';

describe('scrubSecrets', () => {
  const token = 'tok/en+with spaces&=?é-0123';

  it.each([
    ['as is', token],
    ['percent-encoded', encodeURIComponent(token)],
    ['percent-encoded, lower-case hex', encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ['form-encoded (+ for spaces)', encodeURIComponent(token).replace(/%20/g, '+')],
    ['JSON-escaped slashes', token.replace(/\//g, '\\/')],
    ['base64', Buffer.from(token).toString('base64')],
    ['base64url', Buffer.from(token).toString('base64url')],
  ])('removes the secret %s', (_form, echoed) => {
    const scrubbed = scrubSecrets(`Invalid token "${echoed}" (again: ${echoed})`, [token]);
    expect(scrubbed).toBe('Invalid token "[REDACTED]" (again: [REDACTED])');
  });

  it('leaves other text alone, and ignores secrets too short to search for', () => {
    expect(scrubSecrets('Contato não encontrado: 424242', [token, 'abc'])).toBe('Contato não encontrado: 424242');
  });
});
