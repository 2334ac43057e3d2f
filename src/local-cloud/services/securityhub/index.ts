import type { RestRoute } from '../registry.js';
import { ANY_RESOURCE, defineService } from '../registry.js';
import { securityHubErrorBody } from './common.js';
import { describeHub, disableSecurityHub, enableSecurityHub } from './hub.js';
import {
  describeOrganizationConfiguration,
  disableOrganizationAdminAccount,
  enableOrganizationAdminAccount,
  listOrganizationAdminAccounts,
  updateOrganizationConfiguration,
} from './organization.js';
import { SECURITY_HUB_TABLES } from './tables.js';

const routes: RestRoute[] = [
  { method: 'POST', path: '/accounts', operation: 'EnableSecurityHub' },
  { method: 'GET', path: '/accounts', operation: 'DescribeHub', query: { HubArn: 'HubArn' } },
  { method: 'DELETE', path: '/accounts', operation: 'DisableSecurityHub' },
  { method: 'POST', path: '/organization/admin/enable', operation: 'EnableOrganizationAdminAccount' },
  { method: 'POST', path: '/organization/admin/disable', operation: 'DisableOrganizationAdminAccount' },
  {
    method: 'GET',
    path: '/organization/admin',
    operation: 'ListOrganizationAdminAccounts',
    query: { MaxResults: 'MaxResults', NextToken: 'NextToken', Feature: 'Feature' },
  },
  { method: 'POST', path: '/organization/configuration', operation: 'UpdateOrganizationConfiguration' },
  { method: 'GET', path: '/organization/configuration', operation: 'DescribeOrganizationConfiguration' },
];

/**
 * AWS Security Hub (restJson1, signing name securityhub): the hub subscription and the organization's administrator
 * and auto-enable settings, recorded as the API reports them. No findings, standards or controls are evaluated.
 */
export const securityHubService = defineService({
  name: 'securityhub',
  protocol: 'rest-json',
  signingName: 'securityhub',
  global: false,
  unsignedPayload: false,
  routes,
  restErrorBody: securityHubErrorBody,
  malformedBody: { code: 'InvalidInputException', message: 'The request body is not valid JSON.', status: 400 },
  operations: {
    EnableSecurityHub: { handler: enableSecurityHub, resource: ANY_RESOURCE },
    DescribeHub: { handler: describeHub, resource: ANY_RESOURCE },
    DisableSecurityHub: { handler: disableSecurityHub, resource: ANY_RESOURCE },
    EnableOrganizationAdminAccount: { handler: enableOrganizationAdminAccount, resource: ANY_RESOURCE },
    DisableOrganizationAdminAccount: { handler: disableOrganizationAdminAccount, resource: ANY_RESOURCE },
    ListOrganizationAdminAccounts: { handler: listOrganizationAdminAccounts, resource: ANY_RESOURCE },
    UpdateOrganizationConfiguration: { handler: updateOrganizationConfiguration, resource: ANY_RESOURCE },
    DescribeOrganizationConfiguration: { handler: describeOrganizationConfiguration, resource: ANY_RESOURCE },
  },
  tables: SECURITY_HUB_TABLES,
  throttleError: { code: 'LimitExceededException', message: 'Rate exceeded', status: 429 },
  internalError: { code: 'InternalException', message: 'Internal service error', status: 500 },
});
