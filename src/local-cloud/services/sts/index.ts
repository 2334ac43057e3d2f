import { defineService, NO_PERMISSION_REQUIRED } from '../registry.js';
import { assumeRole, getCallerIdentity } from './operations.js';

const str = (input: Record<string, unknown>, name: string): string | undefined => {
  const v = input[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** STS (awsQuery): regional, so `aws:RequestedRegion` is the signing region. Its sessions live in the core `accessKeys` table. */
export const stsService = defineService({
  name: 'sts',
  protocol: 'query',
  signingName: 'sts',
  global: false,
  unsignedPayload: false,
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  apiVersion: '2011-06-15',
  operations: {
    // AWS: "No permissions are required to perform this operation" — an explicit deny does not stop it.
    GetCallerIdentity: { handler: getCallerIdentity, resource: NO_PERMISSION_REQUIRED },
    AssumeRole: { handler: assumeRole, resource: (input) => str(input, 'RoleArn') ?? '*' },
  },
  tables: [],
  throttleError: { code: 'Throttling', message: 'Rate exceeded', status: 400 },
  internalError: {
    code: 'InternalFailure',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
    status: 500,
  },
});
