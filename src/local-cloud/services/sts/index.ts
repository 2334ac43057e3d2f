import type { ServiceDefinition } from '../registry.js';
import { assumeRole, getCallerIdentity } from './operations.js';

export const stsService: ServiceDefinition = {
  name: 'sts',
  protocol: 'query',
  signingName: 'sts',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  apiVersion: '2011-06-15',
  operations: { GetCallerIdentity: getCallerIdentity, AssumeRole: assumeRole },
  throttleError: { code: 'Throttling', message: 'Rate exceeded', status: 400 },
  internalError: {
    code: 'InternalFailure',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
    status: 500,
  },
};
