/** IdempotencyStore's bounds, on a clock the test moves: how long keys are kept, and how many. */
import { IDEMPOTENCY_MAX_KEYS, IDEMPOTENCY_TTL_MS, IdempotencyStore, takesIdempotencyKey } from '../../src/common/http/idempotency';

let now = 0;
const store = () => new IdempotencyStore(() => now);
const token = (begun: ReturnType<IdempotencyStore['begin']>) => (begun.kind === 'started' ? begun.token : {});
const answer = (payload = '{"id":"1"}') => ({ status: 201, headers: { 'content-type': 'application/json' }, payload });

beforeEach(() => (now = 1_000_000));

it('keeps an answer for IDEMPOTENCY_TTL_MS (24 h), then the key is new again', () => {
  const s = store();
  const begun = s.begin('k', 'f');
  expect(begun.kind).toBe('started');
  s.finish('k', token(begun), answer());
  now += IDEMPOTENCY_TTL_MS - 1;
  expect(s.begin('k', 'f')).toEqual({ kind: 'replay', answer: answer() });
  now += 1;
  expect(s.begin('k', 'f').kind).toBe('started');
});

it('a request whose answer never came frees its key after 5 minutes', () => {
  const s = store();
  const lost = s.begin('k', 'f');
  now += 5 * 60 * 1000 - 1;
  expect(s.begin('k', 'f')).toEqual({ kind: 'in_use' });
  expect(s.begin('k', 'other')).toEqual({ kind: 'reused' });
  now += 1;
  const taken = s.begin('k', 'other');
  expect(taken.kind).toBe('started');
  // The lost request answering at last keeps nothing for the key now taken over.
  s.finish('k', token(lost), answer('{"late":true}'));
  expect(s.begin('k', 'other')).toEqual({ kind: 'in_use' });
  s.finish('k', token(taken), answer());
  expect(s.begin('k', 'other')).toEqual({ kind: 'replay', answer: answer() });
});

it('an answer not kept (finish without one) lets the key go: a retry runs', () => {
  const s = store();
  s.finish('k', token(s.begin('k', 'f')), undefined);
  expect(s.begin('k', 'f').kind).toBe('started');
});

it(`holds at most ${IDEMPOTENCY_MAX_KEYS} keys, letting the oldest go first`, () => {
  const s = store();
  for (let i = 0; i <= IDEMPOTENCY_MAX_KEYS; i++) {
    s.finish(`k${i}`, token(s.begin(`k${i}`, 'f')), answer());
  }
  expect(s.size).toBe(IDEMPOTENCY_MAX_KEYS);
  expect(s.begin('k0', 'f').kind).toBe('started');
  expect(s.begin(`k${IDEMPOTENCY_MAX_KEYS}`, 'f').kind).toBe('replay');
});

it('keeps at most 64 MiB of answers together, letting the oldest go first', () => {
  const s = store();
  const big = 'x'.repeat(256 * 1024);
  for (let i = 0; i < 300; i++) {
    s.finish(`k${i}`, token(s.begin(`k${i}`, 'f')), answer(big));
  }
  // 256 of 256 KB fit in 64 MiB.
  expect(s.size).toBe(256);
  expect(s.begin('k0', 'f').kind).toBe('started');
  expect(s.begin('k299', 'f').kind).toBe('replay');
});

it('applies to the REST writes, not to reads or webhooks (POST /graphql is given the hooks apart)', () => {
  expect(takesIdempotencyKey('POST', '/v1/contacts')).toBe(true);
  expect(takesIdempotencyKey(['PATCH'], '/v1/contacts/:id')).toBe(true);
  expect(takesIdempotencyKey('DELETE', '/v1/contacts/:id')).toBe(true);
  expect(takesIdempotencyKey(['GET', 'HEAD'], '/v1/contacts')).toBe(false);
  expect(takesIdempotencyKey('POST', '/v1/webhooks/:connectionId')).toBe(false);
  expect(takesIdempotencyKey('POST', '/graphql')).toBe(false);
});
