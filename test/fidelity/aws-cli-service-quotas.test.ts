import * as Q from '@aws-sdk/client-service-quotas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsCli } from '../support/fidelity/aws-cli.js';
import { awsCli } from '../support/fidelity/aws-cli.js';
import { loadModel } from '../support/fidelity/botocore-model.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import { RecordingHandler } from '../support/fidelity/recording-handler.js';
import { validateResponse } from '../support/fidelity/response-validation.js';

/*
 * Service Quotas checked against what no one here wrote: the AWS CLI v1 (botocore's serializers and parsers) lists
 * quotas and files an increase; every raw response of the SDK scenario validates against botocore's model.
 */

let fc: FidelityCloud | undefined;
let cli: AwsCli;
const handler = new RecordingHandler();

beforeAll(async () => {
  // Requests stay PENDING for the whole run (100 s a step), so the CLI's second request meets an open one.
  fc = await startFidelityCloud({ timeScale: 50 });
  const { cloud } = fc;
  cli = awsCli(cloud.endpoint, cloud.region, cloud.credentials, 'v1');
  const sq = new Q.ServiceQuotasClient({
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: { ...cloud.credentials },
    maxAttempts: 1,
    requestHandler: handler,
  });
  const fails = (p: Promise<unknown>) =>
    p.then(
      () => Promise.reject(new Error('expected an error')),
      () => undefined,
    );
  await sq.send(new Q.ListServicesCommand({}));
  await sq.send(new Q.ListServiceQuotasCommand({ ServiceCode: 'ec2', MaxResults: 1 }));
  await sq.send(new Q.GetServiceQuotaCommand({ ServiceCode: 'lambda', QuotaCode: 'L-B99A9384' }));
  await sq.send(new Q.ListAWSDefaultServiceQuotasCommand({ ServiceCode: 'vpc' }));
  await sq.send(new Q.GetAWSDefaultServiceQuotaCommand({ ServiceCode: 'vpc', QuotaCode: 'L-F678F1CE' }));
  const id =
    (
      await sq.send(
        new Q.RequestServiceQuotaIncreaseCommand({ ServiceCode: 'rds', QuotaCode: 'L-7B6409FD', DesiredValue: 80 }),
      )
    ).RequestedQuota?.Id ?? '';
  await sq.send(new Q.GetRequestedServiceQuotaChangeCommand({ RequestId: id }));
  await sq.send(new Q.ListRequestedServiceQuotaChangeHistoryCommand({}));
  await sq.send(
    new Q.ListRequestedServiceQuotaChangeHistoryByQuotaCommand({ ServiceCode: 'rds', QuotaCode: 'L-7B6409FD' }),
  );
  await fails(sq.send(new Q.ListServiceQuotasCommand({ ServiceCode: 'nope' })));
  await fails(sq.send(new Q.GetServiceQuotaCommand({ ServiceCode: 'ec2', QuotaCode: 'L-00000000' })));
  await fails(sq.send(new Q.ListServicesCommand({ NextToken: 'bad' })));
  await fails(sq.send(new Q.AssociateServiceQuotaTemplateCommand({})));
}, 60_000);

afterAll(async () => {
  handler.destroy();
  cli?.dispose();
  await fc?.stop();
});

describe('aws service-quotas (AWS CLI v1)', () => {
  it('lists a service quotas and their values', async () => {
    const out = await cli.json<{ Quotas: { QuotaCode: string; QuotaName: string; Value: number }[] }>([
      'service-quotas',
      'list-service-quotas',
      '--service-code',
      'vpc',
    ]);
    expect(out.Quotas.find((q) => q.QuotaCode === 'L-F678F1CE')).toMatchObject({
      QuotaName: 'VPCs per Region',
      Value: 5,
    });
  });

  it('files an increase and reads it back; a second one is refused as AWS does', async () => {
    const asked = await cli.json<{ RequestedQuota: { Id: string; Status: string; DesiredValue: number } }>([
      'service-quotas',
      'request-service-quota-increase',
      '--service-code',
      'lambda',
      '--quota-code',
      'L-B99A9384',
      '--desired-value',
      '2000',
    ]);
    expect(asked.RequestedQuota).toMatchObject({ Status: 'PENDING', DesiredValue: 2000 });
    const again = await cli.run([
      'service-quotas',
      'request-service-quota-increase',
      '--service-code',
      'lambda',
      '--quota-code',
      'L-B99A9384',
      '--desired-value',
      '3000',
    ]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/ResourceAlreadyExistsException/);
    const got = await cli.json<{ RequestedQuota: { Id: string } }>([
      'service-quotas',
      'get-requested-service-quota-change',
      '--request-id',
      asked.RequestedQuota.Id,
    ]);
    expect(got.RequestedQuota.Id).toBe(asked.RequestedQuota.Id);
  });
});

describe('Service Quotas against the botocore model', () => {
  it('every recorded response (success and error) matches its operation', () => {
    const exchanges = handler.exchanges.filter((e) => e.service === 'servicequotas');
    expect(exchanges.length).toBeGreaterThanOrEqual(13);
    expect(exchanges.filter((e) => e.status >= 300).length).toBe(4);
    const model = loadModel('service-quotas');
    expect(
      exchanges.flatMap((e) =>
        validateResponse(model, e.operation, e).map((v) => `${e.operation} ${e.status} ${v.path}: ${v.problem}`),
      ),
    ).toEqual([]);
  });
});
