import { PonteError } from '../../src/common/errors/ponte-error';

/** The PonteError `promise` rejects with; anything else (a success, another error) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<PonteError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PonteError) return err;
    throw err;
  }
  throw new Error('expected a PonteError');
}
