import { defineService, NO_PERMISSION_REQUIRED } from '../registry.js';
import { oidcErrorBody } from './common.js';
import { createToken, registerClient, startDeviceAuthorization } from './operations.js';
import { SSO_OIDC_TABLES } from './tables.js';

/**
 * SSO OIDC (restJson1, signing name sso-oauth): the device authorization of IAM Identity Center. Its three operations
 * are `smithy.api#noAuth` in the model: unsigned, the client authenticated by its id and secret.
 */
export const ssoOidcService = defineService({
  name: 'sso-oidc',
  protocol: 'rest-json',
  signingName: 'sso-oauth',
  global: false,
  unsignedPayload: false,
  noAuth: true,
  routes: [
    { method: 'POST', path: '/client/register', operation: 'RegisterClient' },
    { method: 'POST', path: '/device_authorization', operation: 'StartDeviceAuthorization' },
    { method: 'POST', path: '/token', operation: 'CreateToken' },
  ],
  restErrorBody: oidcErrorBody,
  operations: {
    RegisterClient: { handler: registerClient, resource: NO_PERMISSION_REQUIRED },
    StartDeviceAuthorization: { handler: startDeviceAuthorization, resource: NO_PERMISSION_REQUIRED },
    CreateToken: { handler: createToken, resource: NO_PERMISSION_REQUIRED },
  },
  tables: SSO_OIDC_TABLES,
  throttleError: { code: 'SlowDownException', message: 'Rate exceeded', status: 400 },
  internalError: { code: 'InternalServerException', message: 'An internal error occurred.', status: 500 },
});
