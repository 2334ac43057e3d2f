import {
  GetAssociationForServiceQuotaTemplateCommand,
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  ListAWSDefaultServiceQuotasCommand,
  ListRequestedServiceQuotaChangeHistoryByQuotaCommand,
  ListServiceQuotaIncreaseRequestsInTemplateCommand,
  ListServicesCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import type { ObservedAccount } from '../../../model/observed.js';
import {
  OPEN_REQUEST_STATUSES,
  QUOTA_TEMPLATE_REGION,
  type ObservedQuotaCode,
  type ObservedQuotaTemplate,
  type ObservedServiceQuota,
  type QuotaCandidate,
} from '../../../model/quota-kinds.js';
import { errorName } from '../organizations/common.js';
import { allPages, mapLimit } from '../paginate.js';
import type { ServiceReader } from '../provider.js';

/** The template calls answer these while the organization or Service Quotas' trusted access is not there. */
const TEMPLATE_UNAVAILABLE = new Set([
  'ServiceQuotaTemplateNotInUseException',
  'AWSServiceAccessNotEnabledException',
  'NoAvailableOrganizationException',
  'AWSOrganizationsNotInUseException',
]);

/**
 * Service Quotas, for a spec with `quotas:`. In the management account: each code of the spec in the home region (its
 * AWS default; when Service Quotas knows no such service or quota, the services or the service's quotas, for
 * did-you-mean), and the quota request template in us-east-1, the only Region that has it. In each account the spec names that exists (assumed role, the quota's
 * region): the applied value (GetServiceQuota, the AWS default when none is applied) and the open increase requests.
 */
export const serviceQuotasReader: ServiceReader = {
  service: 'service-quotas',
  kinds: ['service-quota', 'quota-template'],
  afterOthers: true,
  async read(clients, _io, context) {
    const lookup = context?.quotas;
    if (lookup === undefined) return { 'service-quota': [], 'quota-template': [] };
    const management = clients.inHomeRegion(ServiceQuotasClient);
    const codes = await readCodes(management, lookup.codes);
    const known = new Set(codes.filter((c) => c.unknown === undefined).map((c) => `${c.serviceCode}/${c.quotaCode}`));
    const hasOrganization = (context?.prior?.organization.length ?? 0) > 0;
    const template: ObservedQuotaTemplate = {
      ...(hasOrganization
        ? await readTemplate(clients.client(ServiceQuotasClient, QUOTA_TEMPLATE_REGION))
        : { associated: false, entries: [] }),
      codes,
    };
    const byEmail = new Map<string, ObservedAccount>(
      (context?.prior?.account ?? []).map((a) => [a.email.toLowerCase(), a]),
    );
    const reads = lookup.accounts.flatMap((q) => {
      const account = byEmail.get(q.accountEmail.toLowerCase());
      if (account === undefined || account.status !== 'ACTIVE' || !known.has(`${q.serviceCode}/${q.quotaCode}`))
        return [];
      return [{ ...q, accountId: account.id }];
    });
    const quotas = await mapLimit(reads, 8, async (q) => {
      const client = (await clients.forAccount(q.accountId)).client(ServiceQuotasClient, q.region);
      return readAccountQuota(client, q.accountId, q);
    });
    return { 'service-quota': quotas, 'quota-template': [template] };
  },
};

async function readAccountQuota(
  client: ServiceQuotasClient,
  accountId: string,
  q: { serviceCode: string; quotaCode: string; region: string },
): Promise<ObservedServiceQuota> {
  const input = { ServiceCode: q.serviceCode, QuotaCode: q.quotaCode };
  const applied = await client.send(new GetServiceQuotaCommand(input)).catch(async (err: unknown) => {
    if (errorName(err) !== 'NoSuchResourceException') throw err;
    return client.send(new GetAWSDefaultServiceQuotaCommand(input));
  });
  const requests = await allPages((token) =>
    client
      .send(new ListRequestedServiceQuotaChangeHistoryByQuotaCommand({ ...input, NextToken: token, MaxResults: 100 }))
      .then((r) => ({ items: r.RequestedQuotas, next: r.NextToken })),
  );
  return {
    accountId,
    ...q,
    value: applied.Quota?.Value ?? 0,
    openRequests: requests
      .filter((r) => OPEN_REQUEST_STATUSES.includes(r.Status ?? ''))
      .map((r) => ({
        id: r.Id ?? '',
        desiredValue: r.DesiredValue ?? 0,
        status: r.Status ?? '',
        ...(r.Created ? { created: r.Created.toISOString() } : {}),
      })),
  };
}

async function readCodes(
  client: ServiceQuotasClient,
  codes: readonly { serviceCode: string; quotaCode: string }[],
): Promise<ObservedQuotaCode[]> {
  let services: Promise<QuotaCandidate[]> | undefined;
  const listServices = () =>
    (services ??= allPages((token) =>
      client
        .send(new ListServicesCommand({ NextToken: token, MaxResults: 100 }))
        .then((r) => ({ items: r.Services, next: r.NextToken })),
    ).then((list) => list.map((s) => ({ code: s.ServiceCode ?? '', name: s.ServiceName ?? '' }))));
  return mapLimit(codes, 4, async ({ serviceCode, quotaCode }): Promise<ObservedQuotaCode> => {
    try {
      const { Quota: quota } = await client.send(
        new GetAWSDefaultServiceQuotaCommand({ ServiceCode: serviceCode, QuotaCode: quotaCode }),
      );
      return {
        serviceCode,
        quotaCode,
        ...(quota?.QuotaName !== undefined ? { quotaName: quota.QuotaName } : {}),
        ...(quota?.Value !== undefined ? { defaultValue: quota.Value } : {}),
        ...(quota?.Adjustable !== undefined ? { adjustable: quota.Adjustable } : {}),
      };
    } catch (err) {
      if (errorName(err) !== 'NoSuchResourceException') throw err;
    }
    const all = await listServices();
    if (!all.some((s) => s.code === serviceCode))
      return { serviceCode, quotaCode, unknown: { what: 'service', candidates: all } };
    const quotas = await allPages((token) =>
      client
        .send(new ListAWSDefaultServiceQuotasCommand({ ServiceCode: serviceCode, NextToken: token, MaxResults: 100 }))
        .then((r) => ({ items: r.Quotas, next: r.NextToken })),
    );
    return {
      serviceCode,
      quotaCode,
      unknown: { what: 'quota', candidates: quotas.map((q) => ({ code: q.QuotaCode ?? '', name: q.QuotaName ?? '' })) },
    };
  });
}

async function readTemplate(client: ServiceQuotasClient): Promise<Omit<ObservedQuotaTemplate, 'codes'>> {
  // Without trusted access (or an organization) the template cannot be read, nor hold entries Bulkhead would remove.
  const unavailable = (err: unknown) => {
    if (TEMPLATE_UNAVAILABLE.has(errorName(err))) return undefined;
    throw err;
  };
  const association = await client.send(new GetAssociationForServiceQuotaTemplateCommand({})).catch(unavailable);
  const entries = await allPages((token) =>
    client
      .send(new ListServiceQuotaIncreaseRequestsInTemplateCommand({ NextToken: token, MaxResults: 100 }))
      .then((r) => ({ items: r.ServiceQuotaIncreaseRequestInTemplateList, next: r.NextToken })),
  ).catch(unavailable);
  return {
    associated: association?.ServiceQuotaTemplateAssociationStatus === 'ASSOCIATED',
    entries: (entries ?? []).map((e) => ({
      serviceCode: e.ServiceCode ?? '',
      quotaCode: e.QuotaCode ?? '',
      region: e.AwsRegion ?? '',
      value: e.DesiredValue ?? 0,
    })),
  };
}
