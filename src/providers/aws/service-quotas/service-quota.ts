import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  RequestServiceQuotaIncreaseCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { errorName } from '../organizations/common.js';
import type { KindProvider } from '../provider.js';

/**
 * An increase in one account (assumed role, the quota's region) through RequestServiceQuotaIncrease. An account made
 * in the same apply was planned at the AWS default: its applied value is read first, and nothing is asked when it
 * already reaches the value. ResourceAlreadyExistsException means a request for this quota is already open: the
 * next plan shows its status, so it is reported, not failed.
 */
export const serviceQuotaProvider: KindProvider<'service-quota'> = {
  kind: 'service-quota',
  lane: (c) => `service-quotas:${c.payload.accountName}`,
  isRetryable: () => false,
  async apply({ payload: p }, { clients, resolve, progress }) {
    const client = (await clients.forAccount(resolve(p.account))).client(ServiceQuotasClient, p.region);
    const input = { ServiceCode: p.serviceCode, QuotaCode: p.quotaCode };
    if (p.account.id === undefined) {
      const applied = await client.send(new GetServiceQuotaCommand(input)).catch(async (err: unknown) => {
        if (errorName(err) !== 'NoSuchResourceException') throw err;
        return client.send(new GetAWSDefaultServiceQuotaCommand(input));
      });
      if ((applied.Quota?.Value ?? 0) >= p.value) {
        progress(`${p.serviceCode}/${p.quotaCode} in ${p.accountName} is already ${applied.Quota?.Value}`);
        return {};
      }
    }
    try {
      const { RequestedQuota: requested } = await client.send(
        new RequestServiceQuotaIncreaseCommand({ ...input, DesiredValue: p.value }),
      );
      progress(`${p.serviceCode}/${p.quotaCode} in ${p.accountName}: request ${requested?.Id} ${requested?.Status}`);
      return requested?.Id ? { physicalId: requested.Id } : {};
    } catch (err) {
      if (errorName(err) !== 'ResourceAlreadyExistsException') throw err;
      progress(`${p.serviceCode}/${p.quotaCode} in ${p.accountName}: a request is already open`);
      return {};
    }
  },
};
