import { describe, expect, it } from 'vitest';
import { toApiError } from '../../src/local-cloud/dispatch.js';
import { AwsApiError } from '../../src/local-cloud/errors.js';
import { identityStoreService } from '../../src/local-cloud/services/identitystore/index.js';
import { organizationsService } from '../../src/local-cloud/services/organizations/index.js';
import { ssoAdminService } from '../../src/local-cloud/services/sso-admin/index.js';

describe('a bug in a handler', () => {
  it("is answered with the service's own internal error, which its model declares", () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'arn')");
    for (const service of [ssoAdminService, identityStoreService])
      expect(toApiError(bug, service)).toMatchObject({ code: 'InternalServerException', httpStatus: 500 });
    expect(toApiError(bug, organizationsService)).toMatchObject({ code: 'ServiceException', httpStatus: 500 });
  });

  it('is InternalFailure when no service was routed to, and an AWS error passes unchanged', () => {
    expect(toApiError(new Error('x'))).toMatchObject({ code: 'InternalFailure', httpStatus: 500 });
    const refused = new AwsApiError('ValidationException', 'no');
    expect(toApiError(refused, ssoAdminService)).toBe(refused);
  });
});
