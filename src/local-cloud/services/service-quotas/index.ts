import { ANY_RESOURCE, defineService } from '../registry.js';
import type { Operation } from '../registry.js';
import * as quotas from './quotas.js';
import * as requests from './requests.js';
import { SERVICE_QUOTAS_TABLES } from './tables.js';
import * as template from './template.js';

const operations: Record<string, Operation> = {
  ListServices: { handler: quotas.listServices, resource: ANY_RESOURCE },
  ListServiceQuotas: { handler: quotas.listServiceQuotas, resource: ANY_RESOURCE },
  GetServiceQuota: { handler: quotas.getServiceQuota, resource: ANY_RESOURCE },
  ListAWSDefaultServiceQuotas: { handler: quotas.listAwsDefaultServiceQuotas, resource: ANY_RESOURCE },
  GetAWSDefaultServiceQuota: { handler: quotas.getAwsDefaultServiceQuota, resource: ANY_RESOURCE },
  RequestServiceQuotaIncrease: { handler: requests.requestServiceQuotaIncrease, resource: ANY_RESOURCE },
  GetRequestedServiceQuotaChange: { handler: requests.getRequestedServiceQuotaChange, resource: ANY_RESOURCE },
  ListRequestedServiceQuotaChangeHistory: {
    handler: requests.listRequestedServiceQuotaChangeHistory,
    resource: ANY_RESOURCE,
  },
  ListRequestedServiceQuotaChangeHistoryByQuota: {
    handler: requests.listRequestedServiceQuotaChangeHistoryByQuota,
    resource: ANY_RESOURCE,
  },
  AssociateServiceQuotaTemplate: { handler: template.associateServiceQuotaTemplate, resource: ANY_RESOURCE },
  DisassociateServiceQuotaTemplate: { handler: template.disassociateServiceQuotaTemplate, resource: ANY_RESOURCE },
  GetAssociationForServiceQuotaTemplate: {
    handler: template.getAssociationForServiceQuotaTemplate,
    resource: ANY_RESOURCE,
  },
  PutServiceQuotaIncreaseRequestIntoTemplate: {
    handler: template.putServiceQuotaIncreaseRequestIntoTemplate,
    resource: ANY_RESOURCE,
  },
  GetServiceQuotaIncreaseRequestFromTemplate: {
    handler: template.getServiceQuotaIncreaseRequestFromTemplate,
    resource: ANY_RESOURCE,
  },
  DeleteServiceQuotaIncreaseRequestFromTemplate: {
    handler: template.deleteServiceQuotaIncreaseRequestFromTemplate,
    resource: ANY_RESOURCE,
  },
  ListServiceQuotaIncreaseRequestsInTemplate: {
    handler: template.listServiceQuotaIncreaseRequestsInTemplate,
    resource: ANY_RESOURCE,
  },
};

/**
 * Service Quotas (awsJson1_1, signing name servicequotas): the catalogue's quotas with per-account applied values,
 * increase requests that move PENDING → CASE_OPENED → APPROVED on a job, and the organization's request template.
 * Regional; a global quota (IAM, Organizations) has one value per account whatever region answers.
 */
export const serviceQuotasService = defineService({
  name: 'servicequotas',
  protocol: 'json',
  signingName: 'servicequotas',
  global: false,
  unsignedPayload: false,
  targetPrefix: 'ServiceQuotasV20190624',
  operations,
  tables: SERVICE_QUOTAS_TABLES,
  jobs: {
    [requests.QUOTA_REQUEST_JOB]: { run: requests.advanceRequest, pending: requests.pendingRequests },
  },
  throttleError: { code: 'TooManyRequestsException', message: 'Rate exceeded', status: 400 },
  internalError: { code: 'ServiceException', message: 'Something went wrong.', status: 500 },
});
