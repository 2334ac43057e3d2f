import {
  AssociateServiceQuotaTemplateCommand,
  DeleteServiceQuotaIncreaseRequestFromTemplateCommand,
  PutServiceQuotaIncreaseRequestIntoTemplateCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { QUOTA_TEMPLATE_REGION } from '../../../model/quota-kinds.js';
import { errorName } from '../organizations/common.js';
import type { KindProvider } from '../provider.js';

/**
 * The quota request template, in the management account in us-east-1 (AWS: the only Region that has it): associated with the organization by the
 * first change that needs it, then filled with PutServiceQuotaIncreaseRequestIntoTemplate (the request's region is
 * AwsRegion) and emptied with DeleteServiceQuotaIncreaseRequestFromTemplate. Trusted access is enabled moments before
 * by the service-access change: Service Quotas may not see it yet, so AWSServiceAccessNotEnabledException is retried.
 */
export const quotaTemplateProvider: KindProvider<'quota-template'> = {
  kind: 'quota-template',
  lane: () => 'service-quotas-template',
  isRetryable: (err) => errorName(err) === 'AWSServiceAccessNotEnabledException',
  async apply({ payload: p }, { clients }) {
    const client = clients.client(ServiceQuotasClient, QUOTA_TEMPLATE_REGION);
    const quota = { ServiceCode: p.serviceCode, QuotaCode: p.quotaCode, AwsRegion: p.region };
    if (p.action === 'delete') {
      await client.send(new DeleteServiceQuotaIncreaseRequestFromTemplateCommand(quota)).catch((err: unknown) => {
        // Already gone: what the change wanted.
        if (errorName(err) !== 'NoSuchResourceException') throw err;
      });
      return {};
    }
    if (p.associate) await client.send(new AssociateServiceQuotaTemplateCommand({}));
    await client.send(new PutServiceQuotaIncreaseRequestIntoTemplateCommand({ ...quota, DesiredValue: p.value }));
    return {};
  },
};
