import {
  ListRequestedServiceQuotaChangeHistoryCommand,
  ListServiceQuotasCommand,
  ListServicesCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import type { SdkClientBase } from '../account-clients.js';
import type { AwsClients } from '../clients.js';
import { allPages } from '../paginate.js';

/** A quota as ListServiceQuotas reports it for one account. */
export interface LiveQuota {
  serviceCode: string;
  serviceName: string;
  quotaCode: string;
  quotaName: string;
  value: number;
  unit: string;
  adjustable: boolean;
  global: boolean;
  usageMetric?: { namespace: string; name: string; dimensions: Record<string, string>; statistic: string };
}

/** An increase request still open (PENDING or CASE_OPENED). */
export interface OpenQuotaRequest {
  id: string;
  serviceCode: string;
  quotaCode: string;
  desiredValue: number;
  status: string;
  created?: string;
}

export async function listServices(client: ServiceQuotasClient): Promise<{ code: string; name: string }[]> {
  const items = await allPages((token) =>
    client
      .send(new ListServicesCommand({ NextToken: token, MaxResults: 100 }))
      .then((r) => ({ items: r.Services, next: r.NextToken })),
  );
  return items.flatMap((s) => (s.ServiceCode ? [{ code: s.ServiceCode, name: s.ServiceName ?? s.ServiceCode }] : []));
}

/** The account's applied quota values for one service, every page. */
export async function listServiceQuotas(client: ServiceQuotasClient, serviceCode: string): Promise<LiveQuota[]> {
  const items = await allPages((token) =>
    client
      .send(new ListServiceQuotasCommand({ ServiceCode: serviceCode, NextToken: token, MaxResults: 100 }))
      .then((r) => ({ items: r.Quotas, next: r.NextToken })),
  );
  return items.flatMap((q) =>
    q.QuotaCode === undefined
      ? []
      : [
          {
            serviceCode: q.ServiceCode ?? serviceCode,
            serviceName: q.ServiceName ?? serviceCode,
            quotaCode: q.QuotaCode,
            quotaName: q.QuotaName ?? q.QuotaCode,
            value: q.Value ?? 0,
            unit: q.Unit ?? 'None',
            adjustable: q.Adjustable === true,
            global: q.GlobalQuota === true,
            ...(q.UsageMetric?.MetricName && q.UsageMetric.MetricNamespace
              ? {
                  usageMetric: {
                    namespace: q.UsageMetric.MetricNamespace,
                    name: q.UsageMetric.MetricName,
                    dimensions: q.UsageMetric.MetricDimensions ?? {},
                    statistic: q.UsageMetric.MetricStatisticRecommendation ?? 'Maximum',
                  },
                }
              : {}),
          },
        ],
  );
}

const OPEN = new Set(['PENDING', 'CASE_OPENED']);

/** The account's open increase requests (every service), newest first as Service Quotas lists them. */
export async function listOpenRequests(client: ServiceQuotasClient): Promise<OpenQuotaRequest[]> {
  const items = await allPages((token) =>
    client
      .send(new ListRequestedServiceQuotaChangeHistoryCommand({ NextToken: token, MaxResults: 100 }))
      .then((r) => ({ items: r.RequestedQuotas, next: r.NextToken })),
  );
  return items.flatMap((r) =>
    r.Id && r.ServiceCode && r.QuotaCode && OPEN.has(r.Status ?? '')
      ? [
          {
            id: r.Id,
            serviceCode: r.ServiceCode,
            quotaCode: r.QuotaCode,
            desiredValue: r.DesiredValue ?? 0,
            status: r.Status ?? '',
            ...(r.Created ? { created: r.Created.toISOString() } : {}),
          },
        ]
      : [],
  );
}

/**
 * A client of `ctor` acting in `accountId` in the home region (quotas are regional): the caller's own clients there,
 * else through the assumed role.
 */
export async function clientInAccount<C extends { destroy(): void }>(
  clients: AwsClients,
  callerAccountId: string,
  accountId: string,
  ctor: new (config: SdkClientBase) => C,
): Promise<C> {
  if (accountId === callerAccountId) return clients.inHomeRegion(ctor);
  return (await clients.forAccount(accountId)).client(ctor, clients.homeRegion);
}

/** Service Quotas in the caller's own account. */
export const ownServiceQuotas = (clients: AwsClients): ServiceQuotasClient => clients.inHomeRegion(ServiceQuotasClient);

/** Service Quotas in `accountId`. */
export const serviceQuotasIn = (
  clients: AwsClients,
  callerAccountId: string,
  accountId: string,
): Promise<ServiceQuotasClient> => clientInAccount(clients, callerAccountId, accountId, ServiceQuotasClient);
