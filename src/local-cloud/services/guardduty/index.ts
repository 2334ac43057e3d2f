import type { ResourceResolver, RestRoute } from '../registry.js';
import { ANY_RESOURCE, defineService } from '../registry.js';
import { detectorArn, guardDutyErrorBody } from './common.js';
import { createDetector, deleteDetector, getDetector, listDetectors } from './detectors.js';
import {
  describeOrganizationConfiguration,
  disableOrganizationAdminAccount,
  enableOrganizationAdminAccount,
  listOrganizationAdminAccounts,
  updateOrganizationConfiguration,
} from './organization.js';
import { GUARDDUTY_TABLES } from './tables.js';

const paging = { maxResults: 'maxResults', nextToken: 'nextToken' } as const;

const routes: RestRoute[] = [
  { method: 'POST', path: '/detector', operation: 'CreateDetector' },
  { method: 'GET', path: '/detector', operation: 'ListDetectors', query: paging },
  { method: 'GET', path: '/detector/{DetectorId}', operation: 'GetDetector' },
  { method: 'DELETE', path: '/detector/{DetectorId}', operation: 'DeleteDetector' },
  { method: 'POST', path: '/admin/enable', operation: 'EnableOrganizationAdminAccount' },
  { method: 'POST', path: '/admin/disable', operation: 'DisableOrganizationAdminAccount' },
  { method: 'GET', path: '/admin', operation: 'ListOrganizationAdminAccounts', query: paging },
  { method: 'POST', path: '/detector/{DetectorId}/admin', operation: 'UpdateOrganizationConfiguration' },
  {
    method: 'GET',
    path: '/detector/{DetectorId}/admin',
    operation: 'DescribeOrganizationConfiguration',
    query: paging,
  },
];

/** The detector resource (`arn:aws:guardduty:<region>:<account>:detector/<id>`) of the Service Authorization Reference. */
const detector: ResourceResolver = (input, env) => {
  const own = [...env.store.values('guarddutyDetectors')].find(
    (d) => d.accountId === env.accountId && d.id === input.DetectorId,
  );
  return own === undefined ? '*' : detectorArn(own);
};

/**
 * Amazon GuardDuty (restJson1, signing name guardduty): detectors and the organization's delegated administrator and
 * auto-enable settings, recorded as the API reports them. There is no detection engine: no findings, no members.
 */
export const guardDutyService = defineService({
  name: 'guardduty',
  protocol: 'rest-json',
  signingName: 'guardduty',
  global: false,
  unsignedPayload: false,
  routes,
  restErrorBody: guardDutyErrorBody,
  malformedBody: {
    code: 'BadRequestException',
    message: 'The request is rejected because the JSON could not be processed.',
    status: 400,
  },
  operations: {
    CreateDetector: { handler: createDetector, resource: ANY_RESOURCE },
    ListDetectors: { handler: listDetectors, resource: ANY_RESOURCE },
    GetDetector: { handler: getDetector, resource: detector },
    DeleteDetector: { handler: deleteDetector, resource: detector },
    EnableOrganizationAdminAccount: { handler: enableOrganizationAdminAccount, resource: ANY_RESOURCE },
    DisableOrganizationAdminAccount: { handler: disableOrganizationAdminAccount, resource: ANY_RESOURCE },
    ListOrganizationAdminAccounts: { handler: listOrganizationAdminAccounts, resource: ANY_RESOURCE },
    UpdateOrganizationConfiguration: { handler: updateOrganizationConfiguration, resource: detector },
    DescribeOrganizationConfiguration: { handler: describeOrganizationConfiguration, resource: detector },
  },
  tables: GUARDDUTY_TABLES,
  throttleError: { code: 'TooManyRequestsException', message: 'Rate exceeded', status: 429 },
  internalError: { code: 'InternalServerErrorException', message: 'Internal server error.', status: 500 },
});
