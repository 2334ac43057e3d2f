import { describe, expect, it } from 'vitest';
import { isOrganizationsRetryable } from '../../src/providers/aws/organizations/common.js';
import { allProviders } from '../../src/providers/aws/registry.js';

const error = (name: string, status = 400) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('one retry policy', () => {
  it('the walker leaves throttling, 5xx and network errors to the SDK, so attempts never multiply', async () => {
    const PROVIDERS = await allProviders();
    for (const e of [
      error('ThrottlingException'),
      error('TooManyRequestsException'),
      error('ServiceException', 500),
      error('InternalFailure', 500),
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    ]) {
      for (const provider of Object.values(PROVIDERS))
        expect(provider.isRetryable(e), `${provider.kind}: ${e.name}`).toBe(false);
    }
  });

  it('retries a whole change only on what Organizations asks to try again and the SDK does not retry', () => {
    expect(isOrganizationsRetryable(error('ConcurrentModificationException'))).toBe(true);
    expect(isOrganizationsRetryable(error('FinalizingOrganizationException'))).toBe(true);
    expect(isOrganizationsRetryable(error('ConstraintViolationException'))).toBe(false);
  });
});
