import * as O from '@aws-sdk/client-organizations';
import * as Q from '@aws-sdk/client-service-quotas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../helpers.js';
import { awsError, eventually, startHarness } from '../helpers.js';

/*
 * Issue 13 item 5: Service Quotas driven by the SDK v3 client: the catalogue's quotas with their defaults, applied
 * values per account, an increase request moving PENDING → CASE_OPENED → APPROVED and raising the applied value.
 */

let h: Harness;
let sq: Q.ServiceQuotasClient;
const client = (region: string): Q.ServiceQuotasClient =>
  new Q.ServiceQuotasClient({
    endpoint: h.cloud.endpoint,
    region,
    credentials: { ...h.cloud.credentials },
    maxAttempts: 1,
  });

beforeAll(async () => {
  h = await startHarness({ quotas: 'aws-default' });
  sq = client(h.cloud.region);
});

afterAll(async () => {
  await h.stop();
});

describe('listing', () => {
  it('lists services and each service quota with its value, default and usage metric', async () => {
    const services = (await sq.send(new Q.ListServicesCommand({}))).Services ?? [];
    expect(services.map((s) => s.ServiceCode)).toEqual(expect.arrayContaining(['ec2', 'iam', 'lambda', 'vpc']));
    const lambda = (await sq.send(new Q.ListServiceQuotasCommand({ ServiceCode: 'lambda' }))).Quotas ?? [];
    const concurrency = lambda.find((q) => q.QuotaCode === 'L-B99A9384');
    expect(concurrency).toMatchObject({
      ServiceName: 'AWS Lambda',
      QuotaName: 'Concurrent executions',
      Value: 1000,
      Adjustable: true,
      GlobalQuota: false,
      QuotaArn: `arn:aws:servicequotas:${h.cloud.region}:${h.cloud.managementAccountId}:lambda/L-B99A9384`,
      UsageMetric: { MetricNamespace: 'AWS/Lambda', MetricName: 'ConcurrentExecutions' },
    });
    const def = await sq.send(new Q.GetAWSDefaultServiceQuotaCommand({ ServiceCode: 'vpc', QuotaCode: 'L-F678F1CE' }));
    expect(def.Quota).toMatchObject({ QuotaName: 'VPCs per Region', Value: 5 });
    expect(def.Quota?.QuotaArn).toBe(`arn:aws:servicequotas:${h.cloud.region}::vpc/L-F678F1CE`);
  });

  it('pages with MaxResults and NextToken', async () => {
    const first = await sq.send(new Q.ListServiceQuotasCommand({ ServiceCode: 'vpc', MaxResults: 2 }));
    expect(first.Quotas).toHaveLength(2);
    const codes = (first.Quotas ?? []).map((q) => q.QuotaCode);
    let token = first.NextToken;
    while (token !== undefined) {
      const page = await sq.send(
        new Q.ListServiceQuotasCommand({ ServiceCode: 'vpc', MaxResults: 2, NextToken: token }),
      );
      codes.push(...(page.Quotas ?? []).map((q) => q.QuotaCode));
      token = page.NextToken;
    }
    const all = (await sq.send(new Q.ListServiceQuotasCommand({ ServiceCode: 'vpc' }))).Quotas ?? [];
    expect(codes).toEqual(all.map((q) => q.QuotaCode));
    expect(all.length).toBeGreaterThan(2);
  });

  it('answers AWS errors for unknown services and quotas and bad tokens', async () => {
    expect(await awsError(() => sq.send(new Q.ListServiceQuotasCommand({ ServiceCode: 'nope' })))).toEqual({
      name: 'NoSuchResourceException',
      message: 'The request failed because the specified service does not exist.',
      status: 400,
    });
    expect(
      (await awsError(() => sq.send(new Q.GetServiceQuotaCommand({ ServiceCode: 'ec2', QuotaCode: 'L-00000000' }))))
        .name,
    ).toBe('NoSuchResourceException');
    expect(
      (await awsError(() => sq.send(new Q.ListServiceQuotasCommand({ ServiceCode: 'ec2', NextToken: 'abc' })))).name,
    ).toBe('InvalidPaginationTokenException');
    expect(
      (await awsError(() => sq.send(new Q.ListServiceQuotasCommand({ ServiceCode: 'ec2', MaxResults: 101 })))).name,
    ).toBe('IllegalArgumentException');
  });
});

describe('increase requests', () => {
  it('moves PENDING → CASE_OPENED → APPROVED and the applied value becomes the desired one', async () => {
    const asked = await sq.send(
      new Q.RequestServiceQuotaIncreaseCommand({ ServiceCode: 'vpc', QuotaCode: 'L-F678F1CE', DesiredValue: 20 }),
    );
    expect(asked.RequestedQuota).toMatchObject({ Status: 'PENDING', DesiredValue: 20, QuotaName: 'VPCs per Region' });
    const id = asked.RequestedQuota?.Id ?? '';
    expect(
      await awsError(() =>
        sq.send(
          new Q.RequestServiceQuotaIncreaseCommand({ ServiceCode: 'vpc', QuotaCode: 'L-F678F1CE', DesiredValue: 30 }),
        ),
      ),
    ).toEqual({
      name: 'ResourceAlreadyExistsException',
      message: 'Only one open service quota increase request is allowed per quota.',
      status: 400,
    });
    const seen = new Set<string>();
    await eventually(async () => {
      const r = (await sq.send(new Q.GetRequestedServiceQuotaChangeCommand({ RequestId: id }))).RequestedQuota;
      seen.add(r?.Status ?? '');
      if (r?.Status === 'CASE_OPENED') expect(r.CaseId).toMatch(/^\d+$/);
      return r?.Status === 'APPROVED' ? r : undefined;
    });
    expect(seen.has('APPROVED')).toBe(true);
    const got = await sq.send(new Q.GetServiceQuotaCommand({ ServiceCode: 'vpc', QuotaCode: 'L-F678F1CE' }));
    expect(got.Quota?.Value).toBe(20);
    // Another region keeps its own value: VPCs per Region is regional.
    const other = await client('eu-west-1').send(
      new Q.GetServiceQuotaCommand({ ServiceCode: 'vpc', QuotaCode: 'L-F678F1CE' }),
    );
    expect(other.Quota?.Value).toBe(5);
    const history = await sq.send(
      new Q.ListRequestedServiceQuotaChangeHistoryByQuotaCommand({ ServiceCode: 'vpc', QuotaCode: 'L-F678F1CE' }),
    );
    expect(history.RequestedQuotas?.map((r) => [r.Id, r.Status])).toEqual([[id, 'APPROVED']]);
  });

  it('refuses a value not above the current one', async () => {
    const e = await awsError(() =>
      sq.send(
        new Q.RequestServiceQuotaIncreaseCommand({ ServiceCode: 'ec2', QuotaCode: 'L-0263D0A3', DesiredValue: 5 }),
      ),
    );
    expect(e.name).toBe('IllegalArgumentException');
  });

  it('an approved increase of IAM roles per account raises the limit IAM enforces', async () => {
    const harness = await startHarness({ quotaOverrides: { maxRolesPerAccount: 2 } });
    try {
      const sqc = new Q.ServiceQuotasClient({
        endpoint: harness.cloud.endpoint,
        region: 'eu-west-1',
        credentials: { ...harness.cloud.credentials },
        maxAttempts: 1,
      });
      const { CreateRoleCommand } = await import('@aws-sdk/client-iam');
      const trust = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      });
      const role = (n: number) =>
        harness.iam.send(new CreateRoleCommand({ RoleName: `r${n}`, AssumeRolePolicyDocument: trust }));
      await role(1);
      await role(2);
      expect(await awsError(() => role(3))).toMatchObject({
        name: 'LimitExceededException',
        message: 'Cannot exceed quota for RolesPerAccount: 2',
      });
      const q = await sqc.send(new Q.GetServiceQuotaCommand({ ServiceCode: 'iam', QuotaCode: 'L-FE177D64' }));
      expect(q.Quota).toMatchObject({ Value: 2, GlobalQuota: true });
      const id =
        (
          await sqc.send(
            new Q.RequestServiceQuotaIncreaseCommand({ ServiceCode: 'iam', QuotaCode: 'L-FE177D64', DesiredValue: 3 }),
          )
        ).RequestedQuota?.Id ?? '';
      await eventually(async () => {
        const r = await sqc.send(new Q.GetRequestedServiceQuotaChangeCommand({ RequestId: id }));
        return r.RequestedQuota?.Status === 'APPROVED' ? true : undefined;
      });
      await role(3);
      expect(await awsError(() => role(4))).toMatchObject({ message: 'Cannot exceed quota for RolesPerAccount: 3' });
    } finally {
      await harness.stop();
    }
  });
});

describe('the quota request template', () => {
  it('needs trusted access, then files its requests for accounts created afterwards', async () => {
    await h.org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    expect((await awsError(() => sq.send(new Q.AssociateServiceQuotaTemplateCommand({})))).name).toBe(
      'AWSServiceAccessNotEnabledException',
    );
    await h.org.send(new O.EnableAWSServiceAccessCommand({ ServicePrincipal: 'servicequotas.amazonaws.com' }));
    expect((await awsError(() => sq.send(new Q.DisassociateServiceQuotaTemplateCommand({})))).name).toBe(
      'ServiceQuotaTemplateNotInUseException',
    );
    await sq.send(new Q.AssociateServiceQuotaTemplateCommand({}));
    expect(
      (await sq.send(new Q.GetAssociationForServiceQuotaTemplateCommand({}))).ServiceQuotaTemplateAssociationStatus,
    ).toBe('ASSOCIATED');
    const put = await sq.send(
      new Q.PutServiceQuotaIncreaseRequestIntoTemplateCommand({
        ServiceCode: 'lambda',
        QuotaCode: 'L-B99A9384',
        AwsRegion: h.cloud.region,
        DesiredValue: 3000,
      }),
    );
    expect(put.ServiceQuotaIncreaseRequestInTemplate).toMatchObject({ QuotaName: 'Concurrent executions' });
    const listed = await sq.send(new Q.ListServiceQuotaIncreaseRequestsInTemplateCommand({}));
    expect(listed.ServiceQuotaIncreaseRequestInTemplateList?.map((e) => e.QuotaCode)).toEqual(['L-B99A9384']);
    expect((await awsError(() => client('eu-west-1').send(new Q.AssociateServiceQuotaTemplateCommand({})))).name).toBe(
      'TemplatesNotAvailableInRegionException',
    );

    const req =
      (await h.org.send(new O.CreateAccountCommand({ Email: 'dev@example.com', AccountName: 'dev' })))
        .CreateAccountStatus?.Id ?? '';
    const accountId = await eventually(async () => {
      const s = (await h.org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: req })))
        .CreateAccountStatus;
      return s?.State === 'SUCCEEDED' ? s.AccountId : undefined;
    });
    const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    const c = (
      await h.sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
          RoleSessionName: 'quotas',
        }),
      )
    ).Credentials;
    const member = new Q.ServiceQuotasClient({
      endpoint: h.cloud.endpoint,
      region: h.cloud.region,
      credentials: {
        accessKeyId: c?.AccessKeyId ?? '',
        secretAccessKey: c?.SecretAccessKey ?? '',
        sessionToken: c?.SessionToken,
      },
      maxAttempts: 1,
    });
    const filed = await member.send(new Q.ListRequestedServiceQuotaChangeHistoryCommand({ ServiceCode: 'lambda' }));
    expect(filed.RequestedQuotas?.map((r) => [r.QuotaCode, r.DesiredValue])).toEqual([['L-B99A9384', 3000]]);
    await eventually(async () => {
      const q = await member.send(new Q.GetServiceQuotaCommand({ ServiceCode: 'lambda', QuotaCode: 'L-B99A9384' }));
      return q.Quota?.Value === 3000 ? true : undefined;
    });
    // The management account's own value is untouched.
    const own = await sq.send(new Q.GetServiceQuotaCommand({ ServiceCode: 'lambda', QuotaCode: 'L-B99A9384' }));
    expect(own.Quota?.Value).toBe(1000);
  });
});
