import type { RestRoute } from '../registry.js';
import { defineService, NO_PERMISSION_REQUIRED } from '../registry.js';
import { portalErrorBody } from './common.js';
import { getRoleCredentials, listAccountRoles, listAccounts, logout } from './operations.js';

const bearer = { 'x-amz-sso_bearer_token': 'accessToken' } as const;
const paging = { next_token: 'nextToken', max_result: 'maxResults' } as const;

const routes: RestRoute[] = [
  {
    method: 'GET',
    path: '/federation/credentials',
    operation: 'GetRoleCredentials',
    query: { role_name: 'roleName', account_id: 'accountId' },
    headers: bearer,
  },
  {
    method: 'GET',
    path: '/assignment/roles',
    operation: 'ListAccountRoles',
    query: { ...paging, account_id: 'accountId' },
    headers: bearer,
  },
  { method: 'GET', path: '/assignment/accounts', operation: 'ListAccounts', query: paging, headers: bearer },
  { method: 'POST', path: '/logout', operation: 'Logout', headers: bearer },
];

/**
 * The AWS access portal (SSO, restJson1, signing name awsssoportal): unsigned (`smithy.api#noAuth`), the caller
 * named by the SSO OIDC access token in `x-amz-sso_bearer_token`. It reads the Identity Center state (assignments,
 * group memberships, the provisioned AWSReservedSSO_* roles) and owns no table.
 */
export const ssoPortalService = defineService({
  name: 'sso',
  protocol: 'rest-json',
  signingName: 'awsssoportal',
  global: false,
  unsignedPayload: false,
  noAuth: true,
  routes,
  restErrorBody: portalErrorBody,
  operations: {
    GetRoleCredentials: { handler: getRoleCredentials, resource: NO_PERMISSION_REQUIRED },
    ListAccountRoles: { handler: listAccountRoles, resource: NO_PERMISSION_REQUIRED },
    ListAccounts: { handler: listAccounts, resource: NO_PERMISSION_REQUIRED },
    Logout: { handler: logout, resource: NO_PERMISSION_REQUIRED },
  },
  tables: [],
  throttleError: { code: 'TooManyRequestsException', message: 'Rate exceeded', status: 429 },
  internalError: { code: 'InternalServerException', message: 'An internal error occurred.', status: 500 },
});
